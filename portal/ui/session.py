"""Who is on the other end of this browser session, as far as Streamlit can tell.

A session is one browser tab on one connection, so its address and the browser's Accept-Language are
read from ``st.context`` once and kept in ``st.session_state``: the customer page asks on every rerun,
and each ``st.context`` read builds the request's context afresh. The address is the peer's, or behind a
trusted proxy the one it forwards (portal.clients, ``PORTAL_TRUSTED_PROXIES``).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from portal.clients import client_address as address_of
from portal.clients import throttle_key
from portal.ui import context

_CLIENT_KEY = "client"


@dataclass(frozen=True)
class Client:
    address: str  # "" when unknown (this machine, AppTest)
    accept_language: str | None
    key: str  # what throttles count against: the address, or one key shared by every client without one


def _read_client() -> Client:
    try:
        peer = st.context.ip_address
        headers = st.context.headers
        accept_language = headers.get("Accept-Language")
        forwarded = headers.get_all("X-Forwarded-For")
    except Exception:  # noqa: BLE001 - no client behind this run (bare scripts)
        peer, accept_language, forwarded = None, None, []
    settings = context.settings()
    address = address_of(peer if isinstance(peer, str) else None, forwarded, settings.trusted_proxy_networks)
    return Client(
        address=address,
        accept_language=accept_language if isinstance(accept_language, str) else None,
        key=throttle_key(address, settings.intake_limit_by_address),
    )


def client() -> Client:
    held = st.session_state.get(_CLIENT_KEY)
    if not isinstance(held, Client):
        held = st.session_state[_CLIENT_KEY] = _read_client()
    return held


def client_address() -> str:
    """The client's address when known (not from this machine, not under AppTest)."""
    return client().address


def client_key() -> str:
    """What the throttles count this client against: ``ip:<address>``, or ``clients.SHARED_KEY``."""
    return client().key


def accept_language() -> str | None:
    """The browser's Accept-Language header, if there is a browser behind this session."""
    return client().accept_language
