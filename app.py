"""Amends: the Streamlit entry point.

Customers see only the customer page: without a signed-in staff member the navigation is
hidden. The staff pages are always registered, so their addresses (/staff, /queue, ...)
work and show the sign-in form; they are listed in the sidebar only once someone signs in
(portal/ui/navigation.py).
"""

import streamlit as st

from portal.ui.navigation import app_pages
from portal.ui.staff_session import current_staff

st.set_page_config(page_title="Amends", page_icon=":material/handshake:", layout="centered")

actor = current_staff()
st.navigation(app_pages(actor), position="sidebar" if actor is not None else "hidden").run()
