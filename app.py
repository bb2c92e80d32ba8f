"""Amends: the Streamlit entry point.

Customers see only the customer page: without a signed-in staff member the navigation is
hidden. The staff pages are always registered, so their addresses (/staff, /queue, ...)
work and show the sign-in form; they are listed in the sidebar only once someone signs in
(portal/ui/navigation.py).

Each page's title and icon (``st.Page``) name its browser tab: "Amends" for customers, the page's own
name for staff ("Case queue", "Insights"). No ``st.set_page_config``: it said "Amends" on every tab, and
each rerun sent it again.
"""

import streamlit as st

from portal.ui.navigation import app_pages
from portal.ui.staff_session import current_staff
from portal.ui.staff_sso import single_sign_on

single_sign_on()  # only when single sign-on is set up and this run starts or finishes one
actor = current_staff()
st.navigation(app_pages(actor), position="sidebar" if actor is not None else "hidden").run()
