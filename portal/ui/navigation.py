"""Every screen of the portal, as ``app.py`` registers it with ``st.navigation``.

One convention for every page: its code is a ``main()`` in a module imported once (the customer's in
``portal/ui/customer_page.py``, each staff page's in ``portal/ui/staff/``), and its file in ``screens/`` is only
that call, since Streamlit runs a page file whole on every rerun. The folder is not named ``pages/`` on purpose:
beside the entry script that name starts Streamlit's old pages-folder mode, which runs a first visit's file on
its own and lists every file in the sidebar.
"""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from portal.back_office.staff import StaffActor

CUSTOMER_SCREEN = "screens/customer.py"
QUEUE_SCREEN = "screens/queue.py"
CASE_SCREEN = "screens/case.py"

# (file, title, url path, icon, listed in the sidebar for any signed-in staff member or only for managers)
STAFF_PAGES = [
    ("screens/staff.py", "Staff", "staff", ":material/badge:", "staff"),
    (QUEUE_SCREEN, "Case queue", "queue", ":material/inbox:", "staff"),
    (CASE_SCREEN, "Case", "case", ":material/folder_open:", ""),  # reached from the queue
    ("screens/invite.py", "Invite a customer", "invite", ":material/forward_to_inbox:", "staff"),
    ("screens/outbox.py", "Outbox", "outbox", ":material/outgoing_mail:", "staff"),
    ("screens/catalog.py", "Catalog and policy", "catalog", ":material/tune:", "manager"),
    ("screens/insights.py", "Insights", "insights", ":material/insights:", "manager"),
    ("screens/privacy.py", "Customer data", "privacy", ":material/shield_person:", "manager"),
    ("screens/sla.py", "Response targets", "sla", ":material/timer:", "manager"),
    ("screens/wording.py", "Check-in wording", "wording", ":material/edit_note:", "manager"),
    ("screens/webhooks.py", "Webhooks", "webhooks", ":material/webhook:", "manager"),
    ("screens/api_keys.py", "API keys", "api-keys", ":material/key:", "manager"),
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
        customer = st.Page(CUSTOMER_SCREEN, title="Amends", icon=":material/handshake:", default=True)
        held[key] = [customer] + [
            st.Page(
                path,
                title=title,
                url_path=url_path,
                icon=icon,
                visibility="visible" if audience in listed else "hidden",
            )
            for path, title, url_path, icon, audience in STAFF_PAGES
        ]
    return held[key]
