"""Who is on the other end of this browser session, as far as Streamlit can tell."""

from __future__ import annotations

import secrets

import streamlit as st


def client_address() -> str:
    """The client's address when Streamlit knows it (not behind every proxy, not under AppTest)."""
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 - no client behind this run (bare scripts)
        return ""
    return address if isinstance(address, str) else ""


def client_key() -> str:
    """The address, or a random key kept for this browser session when no address is known."""
    address = client_address()
    if address:
        return f"ip:{address}"
    if "client_key" not in st.session_state:
        st.session_state.client_key = f"session:{secrets.token_hex(8)}"
    return st.session_state.client_key
