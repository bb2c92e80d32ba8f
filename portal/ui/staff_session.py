"""Who is signed in on the staff side, and the sign-in form every staff page falls back to.

``st.session_state["staff"]`` holds the signed-in ``StaffActor``. ``current_staff`` checks it
against the database on every run, so a deactivated account loses access at once and a
changed name or role shows at once. A staff page starts with ``require_staff()``: opened
without a session it shows the sign-in form in its place and nothing else.
"""

from __future__ import annotations

import math

import streamlit as st

from portal.staff import THROTTLED, SignInRefused, StaffActor, get_actor, sign_in
from portal.ui import context
from portal.ui.navigation import through_app
from portal.ui.session import client_address

SESSION_KEY = "staff"
EMAIL_KEY = "staff_login_email"
PASSWORD_KEY = "staff_login_password"
_ERROR_KEY = "staff_login_error"


def current_staff() -> StaffActor | None:
    held = st.session_state.get(SESSION_KEY)
    staff_id = getattr(held, "id", None)
    if not isinstance(staff_id, int):
        return None
    actor = get_actor(context.engine(), staff_id)
    if actor is None:
        st.session_state.pop(SESSION_KEY, None)
    elif actor != held:
        st.session_state[SESSION_KEY] = actor
    return actor


def sign_out() -> None:
    """Forget the signed-in staff member (safe to use as a button callback)."""
    st.session_state.pop(SESSION_KEY, None)


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


def sign_in_form() -> None:
    st.title("Staff sign-in")
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
    return actor
