"""Optional single sign-on, end to end in a real browser against a real OpenID Connect provider on this machine
(oidc-provider-mock, from PyPI): the portal configured with an ``[auth]`` section in its secrets, st.login to the
provider, back through Streamlit's /oauth2callback, the one-time pass to our route, and a session cookie like a
password sign-in's. The provider's identity cookie is gone afterwards; an address with no active account is refused
and the refusal audited."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlmodel import Session, select

from db.models import CaseEvent, StaffSession
from tests.e2e.conftest import unavailable
from tests.e2e.server import E2EStore, Server, free_port, serve
from tests.e2e.ui import see, see_heading
from tests.portal.test_queue import add_cases

SECRETS = """[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "a-test-cookie-secret-of-enough-length-0123456789"
client_id = "amends-portal"
client_secret = "amends-portal-secret"
server_metadata_url = "{issuer}/.well-known/openid-configuration"
"""


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """A real OpenID Connect provider on a loopback port: its issuer URL."""
    try:
        from oidc_provider_mock import run_server_in_thread
    except ImportError:
        unavailable("oidc-provider-mock is not installed (pip install -e '.[dev]')")
    with run_server_in_thread(port=free_port()) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def sso_server(e2e_store: E2EStore, provider: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The portal with single sign-on set up: Streamlit reads ~/.streamlit/secrets.toml, so the server gets a home
    of its own holding one (the project's own .streamlit/ has none)."""
    home = tmp_path_factory.mktemp("sso-home")
    port = free_port()
    (home / ".streamlit").mkdir()
    (home / ".streamlit" / "secrets.toml").write_text(SECRETS.format(port=port, issuer=provider))
    with serve(e2e_store, tmp_path_factory.mktemp("sso-server"), port=port, HOME=str(home)) as running:
        yield running


def through_the_provider(page, email: str) -> None:
    """On the provider's authorisation page: the subject is the email address (the mock's claims: email = sub)."""
    page.locator('input[name="sub"]').wait_for(timeout=30_000)
    page.locator('input[name="sub"]').fill(email)
    page.get_by_role("button", name="Authorize").click()


def open_page(chromium, server: Server):
    context = chromium.new_context(base_url=server.base_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    return context.new_page()


def audit(store: E2EStore, kind: str) -> list[dict]:
    with Session(store.engine) as session:
        return [json.loads(e.detail) for e in session.exec(select(CaseEvent).where(CaseEvent.kind == kind))]


def test_single_sign_on_gives_a_session_like_a_password_sign_in_and_lands_on_the_case(chromium, sso_server):
    store = sso_server.store
    (case,) = add_cases(store.engine, {"reference": "AM-SSOCAS", "email": "pat@example.com"})
    page = open_page(chromium, sso_server)
    page.goto(f"/case?id={case.id}")
    see(page, "Please sign in to see this page.", timeout=30_000)
    page.get_by_role("link", name="Sign in", exact=True).click()
    page.get_by_role("link", name="Sign in with single sign-on").click()
    through_the_provider(page, store.logins.staff_email.upper())  # the provider's spelling of the address
    see_heading(page, "Case AM-SSOCAS", timeout=30_000)
    assert page.url.endswith(f"/case?id={case.id}")
    names = {c["name"]: c for c in page.context.cookies()}
    assert names["amends_staff"]["httpOnly"] and names["amends_staff"]["sameSite"] == "Lax"
    assert not [name for name in names if name.startswith("_streamlit_user")]  # no second way in
    with Session(store.engine) as session:
        assert session.exec(select(StaffSession).where(StaffSession.via == "sso")).all()
    page.reload()
    see_heading(page, "Case AM-SSOCAS")
    page.context.close()


def test_an_address_with_no_active_account_is_refused_and_audited(chromium, sso_server):
    page = open_page(chromium, sso_server)
    page.goto("/account/sign-in")
    page.get_by_role("link", name="Sign in with single sign-on").click()
    through_the_provider(page, "stranger@elsewhere.example")
    see(page, "no active staff account has that email address", timeout=30_000)
    assert page.url.split("?")[0].endswith("/account/sso/finish")
    cookies = {c["name"] for c in page.context.cookies()}
    assert "amends_staff" not in cookies and not [n for n in cookies if n.startswith("_streamlit_user")]
    assert {"email": "stranger@elsewhere.example", "reason": "no_account"} in audit(
        sso_server.store, "staff_sso_refused"
    )
    page.goto("/staff")  # the provider's identity signs nobody in
    see(page, "Please sign in to see this page.", timeout=30_000)
    page.context.close()
