"""Amends: the Streamlit entry point.

Customers see only the customer page: without a signed-in staff member the navigation is
hidden. The staff pages are always registered, so their addresses (/staff, /queue, ...)
work and show the sign-in form; they are listed in the sidebar only once someone signs in.
"""

import streamlit as st

from portal.ui.staff_session import current_staff

st.set_page_config(page_title="Amends", page_icon=":material/handshake:", layout="centered")

actor = current_staff()
manager = bool(actor and actor.is_manager)
customer = st.Page("pages/customer.py", title="Amends", icon=":material/handshake:", default=True)
# (file, title, url path, icon, listed in the sidebar for this actor)
staff_pages = [
    ("pages/staff.py", "Staff", "staff", ":material/badge:", True),
    ("pages/queue.py", "Case queue", "queue", ":material/inbox:", True),
    ("pages/case.py", "Case", "case", ":material/folder_open:", False),  # reached from the queue
    ("pages/invite.py", "Invite a customer", "invite", ":material/forward_to_inbox:", True),
    ("pages/outbox.py", "Outbox", "outbox", ":material/outgoing_mail:", True),
    ("pages/catalog.py", "Catalog and policy", "catalog", ":material/tune:", manager),
    ("pages/insights.py", "Insights", "insights", ":material/insights:", manager),
    ("pages/privacy.py", "Customer data", "privacy", ":material/shield_person:", manager),
    ("pages/sla.py", "Response targets", "sla", ":material/timer:", manager),
    ("pages/wording.py", "Check-in wording", "wording", ":material/edit_note:", manager),
    ("pages/webhooks.py", "Webhooks", "webhooks", ":material/webhook:", manager),
]
pages = [customer] + [
    st.Page(path, title=title, url_path=url_path, icon=icon,
            visibility="visible" if actor is not None and listed else "hidden")
    for path, title, url_path, icon, listed in staff_pages
]
st.navigation(pages, position="sidebar" if actor is not None else "hidden").run()
