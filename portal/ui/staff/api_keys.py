"""Managers: API keys for the business's own systems (make one, shown once; see scopes, expiry, last use; revoke)."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from portal.api import keys
from portal.api.keys import SCOPE_TEXT, KeyView, Scope
from portal.back_office.staff import StaffActor
from portal.errors import NotAllowed
from portal.ui import context
from portal.ui.staff_session import require_manager, staff_action
from portal.ui.widgets import confirm_button, confirmed, list_heading, secret_box, show_flash

NAME_KEY, SCOPES_KEY, DAYS_KEY = "api_key_name", "api_key_scopes", "api_key_days"
FLASH_KEY, ERROR_KEY, SECRET_KEY = "api_key_flash", "api_key_error", "api_key_once"
CONFIRM_REVOKE_KEY = "api_key_confirm_revoke"
PROBLEMS = (ValueError, LookupError, NotAllowed)
DEFAULT_SCOPES = [str(Scope.INVITES_WRITE), str(Scope.CASES_READ)]


@staff_action
def _create(actor: StaffActor) -> None:
    """The form's submit callback: on success the key is shown once and the form emptied; on a problem the form
    keeps what the manager typed and says what to change."""
    try:
        made = keys.create_key(
            context.engine(),
            actor,
            st.session_state.get(NAME_KEY, ""),
            st.session_state.get(SCOPES_KEY, []),
            days=int(st.session_state.get(DAYS_KEY) or 0),
        )
    except PROBLEMS as error:
        st.session_state[ERROR_KEY] = ("error", f"The key was not made: {error}")
        return
    st.session_state[SECRET_KEY] = (made.name, made.key)
    st.session_state[NAME_KEY], st.session_state[SCOPES_KEY] = "", DEFAULT_SCOPES


@staff_action
def _revoke(actor: StaffActor, key: KeyView) -> None:
    if not confirmed(CONFIRM_REVOKE_KEY, key.id):  # the first click asks; the second revokes
        return
    try:
        keys.revoke_key(context.engine(), actor, key.id)
    except PROBLEMS as error:
        st.session_state[FLASH_KEY] = ("error", str(error))
    else:
        st.session_state[FLASH_KEY] = ("success", f"Revoked {key.prefix}: every request with it is now refused.")


def key_once() -> None:
    """The key, right after it was made; gone on the next click (it is never shown again)."""
    shown = st.session_state.pop(SECRET_KEY, None)
    if not shown:
        return
    name, secret = shown
    secret_box(
        "API key made:",
        secret,
        "Copy this key now (the button at the right of the box) and put it in the system that will use "
        "it: it is shown only this once, and Amends keeps only a fingerprint of it.",
        name=name,
    )


def explain() -> None:
    st.write(
        "Your own systems (an order system, a CRM) call the Amends API with a key: to create personal invites "
        "and to read cases. Each key does only what its scopes allow, works until it expires or you revoke it, "
        "and every request made with it is kept in the audit log."
    )
    st.caption(
        f"The API's description: {context.settings().base_url}/api/v1/openapi.json. "
        "Send the key as 'Authorization: Bearer <key>'."
    )


def create_form(actor: StaffActor) -> None:
    st.subheader("Make a key")
    st.session_state.setdefault(SCOPES_KEY, DEFAULT_SCOPES)
    st.session_state.setdefault(DAYS_KEY, context.settings().api_key_days)
    with st.form("api_key_create"):
        st.text_input("Name", key=NAME_KEY, max_chars=keys.NAME_MAX, placeholder="What will use it, e.g. Order system")
        st.multiselect(
            "Scopes", [str(s) for s in Scope], key=SCOPES_KEY, format_func=lambda s: f"{s}: {SCOPE_TEXT[Scope(s)]}"
        )
        st.number_input("Works for (days)", min_value=1, max_value=5 * 365, step=1, key=DAYS_KEY)
        st.form_submit_button("Make key", type="primary", on_click=_create, args=(actor,))
    show_flash(ERROR_KEY)


def key_list(actor: StaffActor, listed: list[KeyView]) -> None:
    if not list_heading("Keys", listed, "No keys yet: make one above."):
        return
    now = datetime.now(UTC)
    for key in listed:
        with st.container(border=True):
            state = key.state(now)
            st.text(f"{key.name}  ({key.prefix}…, {state})")
            used = f"{key.last_used_at:%Y-%m-%d %H:%M} UTC" if key.last_used_at else "never"
            st.caption(
                f"Scopes: {', '.join(key.scopes)} · made by {key.created_by} on {key.created_at:%Y-%m-%d} · "
                f"expires {key.expires_at:%Y-%m-%d} · last used: {used}"
            )
            if state == "active":
                confirm_button(
                    st.button,
                    ("Revoke", "Yes, revoke it now"),
                    f"api_key_revoke_{key.id}",
                    key.id,
                    _revoke,
                    (actor, key),
                    confirm_key=CONFIRM_REVOKE_KEY,
                )


def main() -> None:
    actor = require_manager("API keys", "Only managers can manage API keys.")
    show_flash(FLASH_KEY)
    key_once()
    explain()
    create_form(actor)
    try:
        key_list(actor, keys.list_keys(context.engine(), actor))
    except NotAllowed as refusal:  # demoted since the page was drawn
        st.error(str(refusal))
