"""The satisfaction check-in opened as a page of its own (portal/ui/checkin_page.py); customers normally reach it
through the customer page's link."""

import streamlit as st

from portal.ui.checkin_page import checkin_page
from portal.ui.navigation import through_app

through_app()
checkin_page(str(st.query_params.get("t", "")))
