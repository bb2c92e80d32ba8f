"""Who a request comes from (portal.clients, portal.ui.session): X-Forwarded-For only from trusted proxies, and
the key the throttles count."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import portal.ui.session as session
from portal.clients import SHARED_KEY, client_address, is_address_key, parse_networks, throttle_key
from portal.config import Settings, get_settings

PROXIES = parse_networks("10.0.0.5, 10.1.0.0/16, 2001:db8::/32")


def test_without_a_trusted_proxy_the_peer_is_the_client_whatever_the_header_says():
    assert client_address("203.0.113.7", ["198.51.100.1"], ()) == "203.0.113.7"
    assert client_address("203.0.113.7", ["198.51.100.1"], PROXIES) == "203.0.113.7"  # not one of ours


def test_behind_a_trusted_proxy_the_client_is_the_address_it_forwards():
    assert client_address("10.0.0.5", ["203.0.113.7"], PROXIES) == "203.0.113.7"


def test_what_the_client_wrote_into_the_header_itself_is_ignored():
    # The client sent "X-Forwarded-For: 1.2.3.4"; our proxy appended the address it really saw.
    assert client_address("10.0.0.5", ["1.2.3.4, 203.0.113.7"], PROXIES) == "203.0.113.7"
    assert client_address("10.0.0.5", ["1.2.3.4", "203.0.113.7"], PROXIES) == "203.0.113.7"  # two headers


def test_a_chain_of_trusted_proxies_is_walked_back_to_the_client():
    assert client_address("10.0.0.5", ["203.0.113.7, 10.1.2.3"], PROXIES) == "203.0.113.7"
    assert client_address("2001:db8::1", ["[2001:db8::2]", "203.0.113.7"], PROXIES) == "203.0.113.7"


def test_a_malformed_or_missing_header_leaves_the_proxy_as_the_client():
    assert client_address("10.0.0.5", ["unknown"], PROXIES) == "10.0.0.5"
    assert client_address("10.0.0.5", [], PROXIES) == "10.0.0.5"
    assert client_address("10.0.0.5", ["203.0.113.7, nonsense"], PROXIES) == "10.0.0.5"


def test_no_peer_is_no_address():
    assert client_address(None, ["203.0.113.7"], PROXIES) == ""


def test_the_throttles_count_an_address_or_everyone_without_one_together():
    assert throttle_key("203.0.113.7", True) == "ip:203.0.113.7" and is_address_key("ip:203.0.113.7")
    assert throttle_key("", True) == SHARED_KEY == throttle_key("203.0.113.7", False)
    assert not is_address_key(SHARED_KEY)


def test_the_proxies_setting_is_checked_at_start_up(monkeypatch):
    monkeypatch.setenv("PORTAL_TRUSTED_PROXIES", "10.0.0.5, 10.1.0.0/16")
    assert [str(n) for n in Settings().trusted_proxy_networks] == ["10.0.0.5/32", "10.1.0.0/16"]
    monkeypatch.setenv("PORTAL_TRUSTED_PROXIES", "10.0.0.5, the-proxy")
    with pytest.raises(ValueError, match="'the-proxy' is not an IP address"):
        Settings()


class FakeHeaders(dict):
    def get_all(self, name: str) -> list[str]:
        return [self[name]] if name in self else []


def read_client(monkeypatch, peer: str | None, **headers: str) -> session.Client:
    monkeypatch.setattr(
        session.st,
        "context",
        SimpleNamespace(
            ip_address=peer, headers=FakeHeaders({name.replace("_", "-"): value for name, value in headers.items()})
        ),
    )
    return session._read_client()


def test_the_page_reads_the_forwarded_address_only_from_a_trusted_proxy(monkeypatch):
    spoofed = read_client(monkeypatch, "10.0.0.5", X_Forwarded_For="203.0.113.7")
    assert (spoofed.address, spoofed.key) == ("10.0.0.5", "ip:10.0.0.5")
    monkeypatch.setenv("PORTAL_TRUSTED_PROXIES", "10.0.0.5")
    get_settings.cache_clear()
    forwarded = read_client(monkeypatch, "10.0.0.5", X_Forwarded_For="203.0.113.7")
    assert (forwarded.address, forwarded.key) == ("203.0.113.7", "ip:203.0.113.7")


def test_every_tab_without_an_address_shares_one_key(monkeypatch):
    """A key of its own per tab let anyone start the count afresh by opening a new tab."""
    assert read_client(monkeypatch, None).key == read_client(monkeypatch, None).key == SHARED_KEY
    monkeypatch.setenv("PORTAL_INTAKE_LIMIT_BY_ADDRESS", "false")
    get_settings.cache_clear()
    assert read_client(monkeypatch, "203.0.113.7").key == SHARED_KEY
