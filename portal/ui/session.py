"""Who is on the other end of this browser session, as far as Streamlit can tell.

A session is one browser tab on one connection, so its address and the browser's Accept-Language are
read from ``st.context`` once and kept in ``st.session_state``: the customer page asks on every rerun,
and each ``st.context`` read builds the request's context afresh.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import streamlit as st

_CLIENT_KEY = "client"


@dataclass(frozen=True)
class Client:
    address: str  # "" when Streamlit doesn't know it (not behind every proxy, not under AppTest)
    accept_language: str | None
    key: str  # what throttles count against: the address, else a random key for this session


def _read_client() -> Client:
    try:
        address = st.context.ip_address
        accept_language = st.context.headers.get("Accept-Language")
    except Exception:  # noqa: BLE001 - no client behind this run (bare scripts)
        address, accept_language = None, None
    address = address if isinstance(address, str) else ""
    return Client(address=address, accept_language=accept_language if isinstance(accept_language, str) else None,
                  key=f"ip:{address}" if address else f"session:{secrets.token_hex(8)}")


def client() -> Client:
    held = st.session_state.get(_CLIENT_KEY)
    if not isinstance(held, Client):
        held = st.session_state[_CLIENT_KEY] = _read_client()
    return held


def client_address() -> str:
    """The client's address when Streamlit knows it (not behind every proxy, not under AppTest)."""
    return client().address


def client_key() -> str:
    """The address, or a random key kept for this browser session when no address is known."""
    return client().key


def accept_language() -> str | None:
    """The browser's Accept-Language header, if there is a browser behind this session."""
    return client().accept_language
