"""Who is signed in on the staff side, and the sign-in form every staff page falls back to.

``st.session_state["staff"]`` holds the signed-in ``StaffActor`` and ``["staff_clock"]`` when they signed in
and were last active (portal.staff_clock). ``current_staff`` checks both on every run: a sign-in idle too long
or too old ends (the sign-in form says why), a deactivated account loses access at once, and a changed name
or role shows at once. A staff page starts with ``require_staff()``: opened without a session it shows the
sign-in form in its place and nothing else. A page's widget callbacks run before the page does, with the actor
the page had when it was drawn: ``staff_action`` runs them only while the sign-in still lasts.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

import streamlit as st

from db.models import utcnow
from portal.errors import NotAllowed
from portal.staff import THROTTLED, SignInRefused, StaffActor, get_actor, sign_in
from portal.staff_clock import SessionLimits, SignInClock, ended, ended_text, ends_at
from portal.ui import context
from portal.ui.navigation import through_app
from portal.ui.session import client_address
from portal.ui.widgets import staff_styles

SESSION_KEY = "staff"
CLOCK_KEY = "staff_clock"
ENDED_KEY = "staff_signed_out"
EMAIL_KEY = "staff_login_email"
PASSWORD_KEY = "staff_login_password"
_ERROR_KEY = "staff_login_error"

P = ParamSpec("P")
R = TypeVar("R")


def current_staff() -> StaffActor | None:
    held = st.session_state.get(SESSION_KEY)
    staff_id = getattr(held, "id", None)
    if not isinstance(staff_id, int):
        return None
    now = utcnow()
    clock = st.session_state.get(CLOCK_KEY)
    if not isinstance(clock, SignInClock):  # only a sign-in sets SESSION_KEY, and it starts the clock with it
        clock = SignInClock.start(now)
    limits = SessionLimits.of(context.settings())
    why = ended(clock, now, limits)
    if why is not None:
        sign_out()
        st.session_state[ENDED_KEY] = ended_text(why, limits)
        return None
    actor = get_actor(context.engine(), staff_id)
    if actor is None:
        sign_out()
        return None
    if actor != held:
        st.session_state[SESSION_KEY] = actor
    st.session_state[CLOCK_KEY] = clock.seen(now)
    return actor


def sign_out() -> None:
    """Forget the signed-in staff member (safe to use as a button callback)."""
    st.session_state.pop(SESSION_KEY, None)
    st.session_state.pop(CLOCK_KEY, None)


def staff_action(callback: Callable[P, R]) -> Callable[P, R | None]:
    """A staff page's widget callback, run only while the sign-in lasts (``current_staff``): callbacks run before
    the page and its ``require_staff``, with what the page had when it was drawn, so a tab left open past its
    sign-in would otherwise still act. Ended, it does nothing, and the page shows the sign-in form and why.
    (The services check the account itself again: portal.staff.role_now.)"""
    @wraps(callback)
    def run(*args: P.args, **kwargs: P.kwargs) -> R | None:
        return callback(*args, **kwargs) if current_staff() is not None else None
    return run


def while_signed_in(make: Callable[[], R]) -> Callable[[], R]:
    """A download's deferred ``data``: Streamlit calls it on a thread of its own when the button is clicked, outside
    any run of the page, where neither ``current_staff`` nor ``staff_action`` can look. So it is given the moment
    the sign-in ends if nothing more happens (the page was just drawn, so the sign-in lasts now), and refuses after
    it: a tab left open past its sign-in downloads nothing."""
    clock = st.session_state.get(CLOCK_KEY)
    deadline = ends_at(clock, SessionLimits.of(context.settings())) if isinstance(clock, SignInClock) else utcnow()

    def run() -> R:
        if utcnow() >= deadline:
            raise NotAllowed("You were signed out. Please reload the page and sign in again.")
        return make()
    return run


def refusal_text(refusal: SignInRefused) -> str:
    if refusal.reason == THROTTLED and refusal.retry_after is not None:
        minutes = max(1, math.ceil(refusal.retry_after.total_seconds() / 60))
        return f"Too many attempts. Please wait {minutes} minute{'s' if minutes != 1 else ''} and try again."
    return "That email and password don't match."


def _attempt() -> None:
    """The form's submit callback: runs before the page, so the page already sees the outcome."""
    email = st.session_state.get(EMAIL_KEY, "")
    password = st.session_state.get(PASSWORD_KEY, "")
    st.session_state[PASSWORD_KEY] = ""  # never kept, whatever the outcome; the email stays as typed
    if not email.strip() or not password:
        st.session_state[_ERROR_KEY] = "Please enter your email and password."
        return
    try:
        st.session_state[SESSION_KEY] = sign_in(context.engine(), email, password, source=client_address())
    except SignInRefused as refusal:
        st.session_state[_ERROR_KEY] = refusal_text(refusal)
    else:
        st.session_state[CLOCK_KEY] = SignInClock.start(utcnow())
        st.session_state.pop(ENDED_KEY, None)


def sign_in_form() -> None:
    st.title("Staff sign-in")
    signed_out = st.session_state.get(ENDED_KEY)
    if signed_out:
        st.warning(signed_out)
    with st.form("staff_sign_in"):
        st.text_input("Email", key=EMAIL_KEY, max_chars=320, autocomplete="username")
        st.text_input("Password", key=PASSWORD_KEY, type="password", max_chars=1000,
                      autocomplete="current-password")
        st.form_submit_button("Sign in", type="primary", on_click=_attempt)
    error = st.session_state.pop(_ERROR_KEY, None)
    if error:
        st.error(error)


def require_staff() -> StaffActor:
    """The signed-in staff member; without one, shows the sign-in form instead of the page and stops."""
    through_app()
    actor = current_staff()
    if actor is None:
        sign_in_form()
        st.stop()
    # Staff work in tables and side-by-side figures: the whole window, not the customers' narrow column (the
    # queue's columns were cut off at 1280 px). The sign-in form above keeps the narrow one.
    st.set_page_config(layout="wide")
    staff_styles()
    return actor
