"""Staff sign-in and sign-out as routes of our own beside Streamlit's (portal/asgi.py ``routes()``).

- ``GET /account/sign-in?next=/case?id=12``: a small HTML form (no Streamlit: the browser must receive the session
  cookie from an HTTP response, which a Streamlit script cannot send). Showing it sets the form's own cookie, which
  its CSRF token is bound to (portal.csrf).
- ``POST /account/sign-in``: checks the password through portal.back_office.staff.sign_in (so the slowdown after five wrong
  guesses and the LoginAttempt log keep working), starts a session (portal.back_office.staff_sessions, a new id each time), sets
  the HttpOnly SameSite=Lax cookie (Secure in production) and sends the browser on to ``next`` with a 303: a path of
  this site only, so the emailed "Open the case" link lands on its case and no link can send a staff member away.
  A refusal shows the form again with the email as typed and a clear message.
- ``POST /account/sign-out``: ends this browser's session, or with ``everywhere`` every session of the account; the
  form (on the staff pages' menu) carries a token bound to the session id.

Starlette is imported here: like portal/asgi.py this module is the server's edge.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlencode

from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from db.engine import get_engine
from portal import csrf
from portal.back_office.staff import THROTTLED, SignInRefused, sign_in
from portal.back_office.staff_addresses import (
    DEFAULT_NEXT,
    FORM_COOKIE,
    SESSION_COOKIE,
    SIGN_IN_PATH,
    SIGN_IN_PURPOSE,
    SIGN_OUT_PATH,
    SIGN_OUT_PURPOSE,
    SSO_FINISH_PATH,
    SSO_NEXT_COOKIE,
    SSO_START_PARAM,
    SSO_START_PATH,
    safe_next,
    sign_in_url,
)
from portal.back_office.staff_clock import SessionLimits
from portal.back_office.staff_sessions import (
    EndReason,
    check_session,
    end_session,
    ended_reason_text,
    sign_out_everywhere,
    start_session,
)
from portal.back_office.staff_sso import REFUSALS, SsoRefused, finish_handoff
from portal.clients import client_address
from portal.config import Settings, get_settings
from portal.entry.tokens import new_token

MAX_BODY = 16 * 1024  # an email, a password, a token and a path

FORGED = "This sign-in form has expired or did not come from this site. Please try again."
EMPTY = "Please enter your email and password."


def _settings() -> Settings:
    return get_settings()


def _limits() -> SessionLimits:
    return SessionLimits.of(_settings())


def _engine() -> Engine:
    return get_engine(_settings().db_url)


def _source(request: Request) -> str:
    peer = request.client.host if request.client else None
    return client_address(peer, request.headers.getlist("x-forwarded-for"), _settings().trusted_proxy_networks)


def _from_this_site(request: Request) -> bool:
    ours = csrf.our_origins(request.url.scheme, request.headers.get("host"), _settings().base_url)
    return csrf.same_site(request.headers.get("origin"), request.headers.get("referer"), ours)


async def _form(request: Request) -> dict[str, str] | None:
    """The posted form's text fields; None when the body is too large or not a form."""
    length = request.headers.get("content-length")
    if length is None or not length.isdigit() or int(length) > MAX_BODY:
        return None
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        return None
    body = await request.form()
    return {key: value for key, value in body.items() if isinstance(value, str)}


# --- the sign-in page ----------------------------------------------------------------------------------------

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>Staff sign-in · {business}</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2328; background: #fafafa; }}
main {{ max-width: 26rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: .75rem;
        box-shadow: 0 1px 4px rgba(0,0,0,.12); }}
h1 {{ font-size: 1.6rem; margin-top: 0; }}
label {{ display: block; font-weight: 600; margin: 1rem 0 .3rem; }}
input {{ box-sizing: border-box; width: 100%; padding: .6rem; font-size: 1rem; border: 1px solid #8c959f;
         border-radius: .4rem; }}
input:focus, button:focus {{ outline: 3px solid #0969da; outline-offset: 2px; }}
button {{ margin-top: 1.4rem; padding: .65rem 1.4rem; font-size: 1rem; border: 0; border-radius: .4rem;
          background: #d1242f; color: #fff; cursor: pointer; }}
.error {{ background: #ffebe9; border: 1px solid #cf222e; padding: .7rem; border-radius: .4rem; }}
.sso {{ margin-top: 1.6rem; padding-top: 1.2rem; border-top: 1px solid #d0d7de; }}
.note {{ background: #fff8c5; border: 1px solid #9a6700; padding: .7rem; border-radius: .4rem; }}
</style>
</head>
<body>
<main>
<h1>Staff sign-in</h1>
{messages}
<form method="post" action="{action}">
<input type="hidden" name="csrf" value="{token}">
<input type="hidden" name="next" value="{next}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" maxlength="320" required value="{email}"{focus_email}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" maxlength="1000" required{focus_password}>
<button type="submit">Sign in</button>
</form>
{sso}
</main>
</body>
</html>
"""


def _page(
    request: Request,
    *,
    next_path: str,
    email: str = "",
    error: str = "",
    note: str = "",
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """The form, bound to this browser's form cookie (made now if it has none), with what was typed kept."""
    form_cookie = request.cookies.get(FORM_COOKIE) or ""
    fresh = len(form_cookie) < 20
    if fresh:
        form_cookie = new_token()
    messages = "".join(
        [
            f'<p class="note" role="status">{html.escape(note)}</p>' if note else "",
            f'<p class="error" role="alert">{html.escape(error)}</p>' if error else "",
        ]
    )
    body = _PAGE.format(
        business=html.escape(_settings().business_name),
        messages=messages,
        action=SIGN_IN_PATH,
        token=csrf.form_token(_settings().secret_key or "", SIGN_IN_PURPOSE, form_cookie),
        next=html.escape(next_path, quote=True),
        email=html.escape(email, quote=True),
        focus_email="" if email else " autofocus",
        focus_password=" autofocus" if email else "",
        sso=_sso_link(next_path),
    )
    response = HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store", **(headers or {})})
    if fresh:
        _set_cookie(response, FORM_COOKIE, form_cookie, max_age=None)
    return response


def _sso_link(next_path: str) -> str:
    """The way to single sign-on, when it is set up (portal/ui/staff_sso.py)."""
    from portal.ui.staff_sso import configured

    if not configured():
        return ""
    href = html.escape(f"{SSO_START_PATH}?{urlencode({'next': next_path})}", quote=True)
    return f'<p class="sso"><a href="{href}">Sign in with single sign-on</a> (your organisation\'s account)</p>'


def _set_cookie(response: Response, name: str, value: str, *, max_age: int | None) -> None:
    response.set_cookie(
        name, value, max_age=max_age, path="/", httponly=True, samesite="lax", secure=_settings().staff_cookie_is_secure
    )


def _ended_note(request: Request, reason: EndReason | None) -> str:
    """Why the last sign-in ended: the browser's own session row knows best; else what the link says."""
    if reason is None:
        try:
            reason = EndReason(request.query_params.get("ended", ""))
        except ValueError:
            return ""
    return ended_reason_text(reason, _limits())


async def show_sign_in(request: Request) -> Response:
    next_path = safe_next(request.query_params.get("next"))
    checked = await run_in_threadpool(check_session, _engine(), request.cookies.get(SESSION_COOKIE), _limits())
    if checked.actor is not None:  # already signed in: straight on
        return RedirectResponse(next_path, status_code=303)
    note = _ended_note(request, checked.ended)
    return _page(request, next_path=next_path, note=note)


def refusal_text(refusal: SignInRefused) -> str:
    if refusal.reason == THROTTLED and refusal.retry_after is not None:
        minutes = max(1, math.ceil(refusal.retry_after.total_seconds() / 60))
        return f"Too many attempts. Please wait {minutes} minute{'s' if minutes != 1 else ''} and try again."
    return "That email and password don't match."


async def submit_sign_in(request: Request) -> Response:
    form = await _form(request)
    if form is None:
        return _page(
            request, next_path=DEFAULT_NEXT, error="That was not a sign-in form. Please try again.", status=400
        )
    next_path, email, password = safe_next(form.get("next")), form.get("email", "")[:320], form.get("password", "")
    bound = request.cookies.get(FORM_COOKIE)
    if not _from_this_site(request) or not csrf.token_matches(
        _settings().secret_key or "", SIGN_IN_PURPOSE, bound, form.get("csrf")
    ):
        return _page(request, next_path=next_path, email=email, error=FORGED, status=403)
    if not email.strip() or not password:
        return _page(request, next_path=next_path, email=email, error=EMPTY, status=400)
    try:
        actor = await run_in_threadpool(sign_in, _engine(), email, password, _source(request))
    except SignInRefused as refusal:
        retry = _retry_after(refusal.retry_after)
        return _page(
            request,
            next_path=next_path,
            email=email,
            error=refusal_text(refusal),
            status=429 if refusal.reason == THROTTLED else 401,
            headers={"Retry-After": retry} if retry else None,
        )
    raw = await run_in_threadpool(
        lambda: start_session(_engine(), actor, source=_source(request), replacing=request.cookies.get(SESSION_COOKIE))
    )
    response = RedirectResponse(next_path, status_code=303)
    _set_cookie(response, SESSION_COOKIE, raw, max_age=int(_limits().absolute.total_seconds()))
    return response


def _retry_after(wait: timedelta | None) -> str:
    return str(max(1, math.ceil(wait.total_seconds()))) if wait is not None else ""


# --- signing out ---------------------------------------------------------------------------------------------


def _sign_out(raw: str, everywhere: bool) -> EndReason:
    engine = _engine()
    if everywhere:
        checked = check_session(engine, raw, _limits())
        if checked.actor is not None:
            sign_out_everywhere(engine, checked.actor)
            return EndReason.SIGNED_OUT_EVERYWHERE
    end_session(engine, raw)
    return EndReason.SIGNED_OUT


async def submit_sign_out(request: Request) -> Response:
    form = await _form(request)
    raw = request.cookies.get(SESSION_COOKIE)
    if (
        form is None
        or not _from_this_site(request)
        or not csrf.token_matches(_settings().secret_key or "", SIGN_OUT_PURPOSE, raw, form.get("csrf"))
    ):
        return HTMLResponse(
            "<!doctype html><html lang=en><title>Not signed out</title><p>This sign-out did not "
            "come from this site, so nothing changed. <a href=/staff>Back to the staff pages</a>.",
            status_code=403,
        )
    assert raw is not None  # token_matches needs it
    reason = await run_in_threadpool(_sign_out, raw, form.get("everywhere") == "1")
    response = RedirectResponse(sign_in_url(DEFAULT_NEXT, reason), status_code=303)
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=_settings().staff_cookie_is_secure
    )
    return response


# --- single sign-on (portal.back_office.staff_sso) ------------------------------------------------------------------------


async def start_sso(request: Request) -> Response:
    """Keep where to go next and send the browser to the app, whose script starts st.login. The browser gets the
    sign-in form cookie here too if it has none: the one-time pass will be bound to it."""
    response = RedirectResponse(f"/?{urlencode({SSO_START_PARAM: 'start'})}", status_code=303)
    _set_cookie(response, SSO_NEXT_COOKIE, safe_next(request.query_params.get("next")), max_age=600)
    if len(request.cookies.get(FORM_COOKIE) or "") < 20:
        _set_cookie(response, FORM_COOKIE, new_token(), max_age=None)
    return response


async def finish_sso(request: Request) -> Response:
    """Trade the app's one-time pass for a session cookie (or show why not), and delete Streamlit's identity
    cookie either way: after this, only our session signs anyone in."""
    from streamlit.web.server.starlette.starlette_auth_routes import _clear_auth_cookie

    refused = request.query_params.get("refused")
    try:
        if refused is not None:
            raise SsoRefused(refused if refused in REFUSALS else "expired")
        raw, next_path = await run_in_threadpool(
            lambda: finish_handoff(
                _engine(),
                request.query_params.get("h"),
                request.cookies.get(FORM_COOKIE),
                source=_source(request),
                replacing=request.cookies.get(SESSION_COOKIE),
            )
        )
    except SsoRefused as refusal:
        response: Response = _page(
            request,
            next_path=safe_next(request.cookies.get(SSO_NEXT_COOKIE)),
            error=REFUSALS[refusal.reason],
            status=403,
        )
    else:
        response = RedirectResponse(safe_next(next_path), status_code=303)
        _set_cookie(response, SESSION_COOKIE, raw, max_age=int(_limits().absolute.total_seconds()))
    _clear_auth_cookie(response, request)
    response.delete_cookie(SSO_NEXT_COOKIE, path="/")
    return response


def routes() -> list[BaseRoute]:
    endpoints: list[tuple[str, Callable, list[str]]] = [
        (SIGN_IN_PATH, show_sign_in, ["GET"]),
        (SIGN_IN_PATH, submit_sign_in, ["POST"]),
        (SIGN_OUT_PATH, submit_sign_out, ["POST"]),
        (SSO_START_PATH, start_sso, ["GET"]),
        (SSO_FINISH_PATH, finish_sso, ["GET"]),
    ]
    return [Route(path, endpoint, methods=methods) for path, endpoint, methods in endpoints]
