"""Amends: the Streamlit entry point. Customers see only the customer page."""

import streamlit as st

st.set_page_config(page_title="Amends", page_icon=":material/handshake:", layout="centered")

customer = st.Page("pages/customer.py", title="Amends", icon=":material/handshake:", default=True)
st.navigation([customer], position="hidden").run()
