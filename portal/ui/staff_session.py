"""Who is signed in on the staff side: the staff member the browser's session cookie names, checked on every run.

Staff sign in on a page of our own (portal/web/staff_sign_in.py), which sets an HttpOnly cookie; the script reads
it through ``st.context.cookies`` and asks portal.back_office.staff_sessions on every run, so a reload, a new tab or an emailed
link stays signed in, and a session signed out (here or in another tab), ended by a manager, idle, too old, or of an
account deactivated or changed loses its powers at once. A staff page starts with ``require_staff()``: opened
without a session it says so (and why the last one ended, where known) with a "Sign in" link that comes back to this
very page, and shows nothing else. A page's widget callbacks run before the page does, with the actor the page had
when it was drawn: ``staff_action`` runs them only while the session still holds.

AppTest cannot carry cookies: a test puts the id of a real session (started through portal.back_office.staff_sessions, as the
sign-in route does) in ``st.session_state[SESSION_ID_KEY]`` instead (tests/support.sign_in_as). That id is checked
exactly as the cookie's is; nothing in the served app writes the key, and the cookie wins when there is one.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar
from urllib.parse import urlencode, urlsplit

import streamlit as st

from portal.back_office.staff import StaffActor
from portal.back_office.staff_addresses import (
    SESSION_COOKIE,
    SIGN_OUT_PATH,
    sign_in_url,
    sign_out_token,
)
from portal.back_office.staff_clock import SessionLimits
from portal.back_office.staff_sessions import check_session, ended_reason_text
from portal.errors import NotAllowed
from portal.ui import context
from portal.ui.widgets import post_buttons, same_tab_link, staff_styles

SESSION_ID_KEY = "staff_session_id"  # AppTest's stand-in for the cookie (see above)
ENDED_KEY = "staff_signed_out"

P = ParamSpec("P")
R = TypeVar("R")


def presented_session_id() -> str | None:
    """The session id this browser presents: its cookie, or under AppTest the test's stand-in."""
    try:
        cookie = st.context.cookies.get(SESSION_COOKIE)
    except Exception:  # noqa: BLE001 - no client behind this run (bare scripts)
        cookie = None
    if isinstance(cookie, str) and cookie:
        return cookie
    held = st.session_state.get(SESSION_ID_KEY)
    return held if isinstance(held, str) else None


def _limits() -> SessionLimits:
    return SessionLimits.of(context.settings())


def current_staff() -> StaffActor | None:
    """The signed-in staff member as their account is now, or None (and, where known, why the sign-in ended in
    ``st.session_state[ENDED_KEY]``)."""
    checked = check_session(context.engine(), presented_session_id(), _limits())
    if checked.actor is None and checked.ended is not None:
        st.session_state[ENDED_KEY] = ended_reason_text(checked.ended, _limits())
    return checked.actor


def staff_action(callback: Callable[P, R]) -> Callable[P, R | None]:
    """A staff page's widget callback, run only while the session holds (``current_staff``): callbacks run before
    the page and its ``require_staff``, with what the page had when it was drawn, so a tab left open past its
    sign-in would otherwise still act. Ended, it does nothing, and the page asks to sign in and says why.
    (The services check the account itself again: portal.back_office.staff.role_now.)"""

    @wraps(callback)
    def run(*args: P.args, **kwargs: P.kwargs) -> R | None:
        return callback(*args, **kwargs) if current_staff() is not None else None

    return run


def while_signed_in(make: Callable[[], R]) -> Callable[[], R]:
    """A download's deferred ``data``: Streamlit calls it on a thread of its own when the button is clicked, outside
    any run of the page, where ``st.context`` cannot be read. So it keeps the session id the page was drawn with
    and asks the store again when clicked: a session ended since (signed out, timed out, revoked) downloads
    nothing."""
    raw, engine, limits = presented_session_id(), context.engine(), _limits()

    def run() -> R:
        if check_session(engine, raw, limits).actor is None:
            raise NotAllowed("You were signed out. Please reload the page and sign in again.")
        return make()

    return run


def _this_page() -> str:
    """This page's path and query on this site (``/case?id=12``), for the sign-in to come back to."""
    url = st.context.url
    path = urlsplit(url).path if url else "/staff"
    params = st.query_params.to_dict()
    return f"{path or '/'}{'?' + urlencode(params) if params else ''}"


def signed_out_notice() -> None:
    """What a staff page shows without a valid session: why the last one ended (where known) and a way back in."""
    st.title("Staff sign-in")
    signed_out = st.session_state.pop(ENDED_KEY, None)
    if signed_out:
        st.warning(signed_out)
    st.text("Please sign in to see this page.")
    same_tab_link("Sign in", sign_in_url(_this_page()))  # the sign-in page comes back here


def staff_menu(actor: StaffActor) -> None:
    """The staff menu's way out, in the sidebar: sign out here, or everywhere (every browser, every tab). Plain
    HTML forms posting to the sign-out route, each with a token bound to this session (portal.csrf)."""
    token = sign_out_token(context.settings().secret_key or "", presented_session_id() or "")
    with st.sidebar:
        st.text(f"Signed in as {actor.name}")
        post_buttons(SIGN_OUT_PATH, {"csrf": token}, [("Sign out", {}), ("Sign out everywhere", {"everywhere": "1"})])


def require_staff() -> StaffActor:
    """The signed-in staff member; without one, asks to sign in instead of the page and stops."""
    actor = current_staff()
    if actor is None:
        signed_out_notice()
        st.stop()
    # Staff work in tables and side-by-side figures: the whole window, not the customers' narrow column (the
    # queue's columns were cut off at 1280 px). The sign-in notice above keeps the narrow one.
    st.set_page_config(layout="wide")
    staff_styles()
    staff_menu(actor)
    return actor


def require_manager(title: str, refusal: str) -> StaffActor:
    """A managers-only page's start: the signed-in staff member (``require_staff``) under the page's ``title``; for
    anyone else, ``refusal`` and nothing more of the page."""
    actor = require_staff()
    st.title(title)
    if not actor.is_manager:
        st.info(refusal)
        st.stop()
    return actor
