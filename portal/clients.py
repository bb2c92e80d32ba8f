"""Who a request comes from, as the throttles and the security logs count it.

Streamlit gives the address of whatever connects to it (``st.context.ip_address``; None for this machine). Behind
a reverse proxy on another host that is the proxy's address, and the client's own is in the ``X-Forwarded-For``
header the proxy adds, a header anyone can also write. So the header counts only when the peer is one of
``PORTAL_TRUSTED_PROXIES`` (addresses or networks): the client is then the right-most address in it that is not a
trusted proxy (each proxy appends the address it saw; everything left of that could be made up).
(Uvicorn, which serves Streamlit, already reads the header from a proxy on this machine, 127.0.0.1.)

The throttles count a known client address, ``ip:<address>``. With no address known (this machine, tests), or
with ``PORTAL_INTAKE_LIMIT_BY_ADDRESS=false`` (a proxy that hides them), they count every such client together
under ``SHARED_KEY``: a key of its own for each browser tab, as before, let anyone start afresh by opening a new
tab. Only guesses are counted against a key (unknown links, drafts and codes), so a shared key never keeps a
customer with a real link out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network

Network = IPv4Network | IPv6Network
SHARED_KEY = "shared"
_ADDRESS_PREFIX = "ip:"


def parse_networks(text: str) -> tuple[Network, ...]:
    """``PORTAL_TRUSTED_PROXIES``: comma-separated addresses or CIDR networks; raises ValueError naming a bad one."""
    networks = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        try:
            networks.append(ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"{item!r} is not an IP address or network (such as 10.0.0.5 or 10.0.0.0/24)") from None
    return tuple(networks)


def _parsed(text: str) -> IPv4Address | IPv6Address | None:
    try:
        return ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def _trusted(address: IPv4Address | IPv6Address, proxies: Sequence[Network]) -> bool:
    return any(address in network for network in proxies)


def client_address(peer: str | None, forwarded_for: Iterable[str], proxies: Sequence[Network]) -> str:
    """The client's address ("" when unknown): ``peer``, or, when the peer is a trusted proxy, the right-most
    address of ``forwarded_for`` (every X-Forwarded-For header, in order) that is not one. A malformed entry
    stops the walk at the proxy that passed it on."""
    found = _parsed(peer or "")
    if found is None:
        return ""
    hops = [hop for header in forwarded_for for hop in header.split(",") if hop.strip()]
    while _trusted(found, proxies) and hops:
        earlier = _parsed(hops.pop())
        if earlier is None:
            break
        found = earlier
    return str(found)


def throttle_key(address: str, by_address: bool) -> str:
    """What the throttles count this client against (see the module docstring)."""
    return f"{_ADDRESS_PREFIX}{address}" if address and by_address else SHARED_KEY


def is_address_key(key: str) -> bool:
    """Whether ``key`` names one client address (limits per client apply), not every client at once."""
    return key.startswith(_ADDRESS_PREFIX)
