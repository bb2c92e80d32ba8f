"""Optional single sign-on, the Streamlit half (portal.back_office.staff_sso has the rules, portal/web/staff_sign_in.py the
routes). Configured by an ``[auth]`` section in .streamlit/secrets.toml (Streamlit's ``st.login``, OpenID Connect);
without one nothing here runs.

app.py calls ``single_sign_on()`` before anything else on every run:

- ``?sso=start`` (where the sign-in page's "Sign in with single sign-on" leads): ``st.login()`` sends the browser to
  the identity provider, which sends it back to Streamlit's /oauth2callback and on to the app;
- back with the provider's identity (``st.user``): the address it vouches for is matched to an active account and
  the browser is sent with a one-time pass to the route that sets our session cookie, which also deletes Streamlit's
  identity cookie: the provider's identity is never a second way in, only our session row is. A refusal (no such
  active account, an unverified address) goes to the sign-in page, which says why.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from portal.back_office.staff_addresses import (
    FORM_COOKIE,
    SSO_FINISH_PATH,
    SSO_NEXT_COOKIE,
    SSO_START_PARAM,
    safe_next,
)
from portal.back_office.staff_sso import SsoRefused, begin_handoff
from portal.ui import context


def configured() -> bool:
    """Is single sign-on set up (an ``[auth]`` section in the secrets)?"""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all
        return False


def _go(url: str) -> None:
    """Send the browser to ``url`` of this site, as ``st.login`` and ``st.logout`` do (the same message), and
    forget the provider's identity in this session (the browser leaves it anyway)."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    ctx.user_info.clear()
    message = ForwardMsg()
    message.auth_redirect.url = url
    ctx.enqueue(message)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _cookie(name: str) -> str | None:
    """A cookie of this browser's (None under AppTest, which has no browser)."""
    return _text(st.context.cookies.get(name))


def single_sign_on() -> None:
    """Start or finish a single sign-on when this run is one (see above); otherwise nothing."""
    if not configured():
        return
    if not st.user.is_logged_in:
        if st.query_params.get(SSO_START_PARAM) == "start":
            st.login()
            st.stop()
        return
    try:
        token = begin_handoff(
            context.engine(),
            _text(st.user.get("email")),
            st.user.get("email_verified"),
            _cookie(FORM_COOKIE),
            next_path=safe_next(_cookie(SSO_NEXT_COOKIE)),
            issued_at=st.user.get("iat"),
        )
    except SsoRefused as refusal:
        _go(f"{SSO_FINISH_PATH}?{urlencode({'refused': refusal.reason})}")
    else:
        _go(f"{SSO_FINISH_PATH}?{urlencode({'h': token})}")
    st.stop()
