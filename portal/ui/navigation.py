"""Making sure every page is reached through ``app.py``'s navigation, even on a process's first visit.

Streamlit still has its pages-folder mode from before ``st.navigation``: when the entry script sits
beside a ``pages/`` folder, a server process starts in that mode, and a first visitor who opens
``/staff`` gets ``pages/staff.py`` run on its own, with a sidebar listing every file in the folder
(app, case, catalog, ...). The process leaves that mode only when a run calls ``st.navigation``,
which a visitor who never opens ``/`` would never cause: staff would keep seeing the file list, even
after signing in. Every page therefore calls ``through_app()`` first; on that first visit it leaves
the mode and runs the visit again, this time through ``app.py`` (same address, same page).
"""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.pages_manager import PagesManager

from portal.staff import StaffActor

# (file, title, url path, icon, listed in the sidebar for any signed-in staff member or only for managers)
STAFF_PAGES = [
    ("pages/staff.py", "Staff", "staff", ":material/badge:", "staff"),
    ("pages/queue.py", "Case queue", "queue", ":material/inbox:", "staff"),
    ("pages/case.py", "Case", "case", ":material/folder_open:", ""),  # reached from the queue
    ("pages/invite.py", "Invite a customer", "invite", ":material/forward_to_inbox:", "staff"),
    ("pages/outbox.py", "Outbox", "outbox", ":material/outgoing_mail:", "staff"),
    ("pages/catalog.py", "Catalog and policy", "catalog", ":material/tune:", "manager"),
    ("pages/insights.py", "Insights", "insights", ":material/insights:", "manager"),
    ("pages/privacy.py", "Customer data", "privacy", ":material/shield_person:", "manager"),
    ("pages/sla.py", "Response targets", "sla", ":material/timer:", "manager"),
    ("pages/wording.py", "Check-in wording", "wording", ":material/edit_note:", "manager"),
    ("pages/webhooks.py", "Webhooks", "webhooks", ":material/webhook:", "manager"),
    ("pages/api_keys.py", "API keys", "api-keys", ":material/key:", "manager"),
]
_PAGES_KEY = "app_pages"


def app_pages(actor: StaffActor | None) -> list[StreamlitPage]:
    """The customer page (the default) and every staff page, listed in the sidebar as ``actor`` may use them.

    Made once per session for each kind of visitor and kept: ``st.Page`` resolves its file on the disk, and the
    twelve of them took a third of a customer's rerun through ``app.py``. Not shared between sessions, as
    ``st.navigation`` marks the page it picks on the object itself."""
    listed = {"staff", "manager"} if actor is not None and actor.is_manager else {"staff"} if actor else set()
    held: dict[frozenset[str], list[StreamlitPage]] = st.session_state.setdefault(_PAGES_KEY, {})
    key = frozenset(listed)
    if key not in held:
        customer = st.Page("pages/customer.py", title="Amends", icon=":material/handshake:", default=True)
        held[key] = [customer] + [
            st.Page(path, title=title, url_path=url_path, icon=icon,
                    visibility="visible" if audience in listed else "hidden")
            for path, title, url_path, icon, audience in STAFF_PAGES
        ]
    return held[key]


def through_app() -> None:
    """Rerun through ``app.py`` if Streamlit ran this page in its old pages-folder mode."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False  # what st.navigation itself sets, once per process
        st.rerun()
