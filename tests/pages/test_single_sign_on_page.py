"""Single sign-on's Streamlit half (portal/ui/staff_sso.py, run first by app.py): back from the identity provider,
the address it vouches for is matched and the run goes no further; without [auth] in the secrets nothing changes.
AppTest carries no cookies, so the pass itself cannot be made here (it is bound to the browser's form cookie): the
successful flow is tests/e2e/test_single_sign_on_in_browser.py."""

from __future__ import annotations

import json

from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from db.models import CaseEvent, StaffHandoff
from tests.support import ROOT

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 40,
    "client_id": "amends",
    "client_secret": "secret",
    "server_metadata_url": "http://localhost:9400/.well-known/openid-configuration",
}


def back_from_the_provider(email: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": email}
    return at.run()


def refused(store) -> list[dict]:
    with Session(store.engine) as session:
        return [
            json.loads(e.detail) for e in session.exec(select(CaseEvent).where(CaseEvent.kind == "staff_sso_refused"))
        ]


def test_an_unknown_address_is_refused_audited_and_shown_nothing(store):
    at = back_from_the_provider("stranger@elsewhere.example")
    assert not at.exception and not at.title and not at.text  # the browser is on its way to the refusal page
    assert refused(store) == [{"email": "stranger@elsewhere.example", "reason": "no_account"}]


def test_a_known_address_without_the_browsers_form_cookie_gets_no_pass(store):
    back_from_the_provider(store.logins.staff_email)
    assert refused(store) == [{"email": store.logins.staff_email, "reason": "expired"}]
    with Session(store.engine) as session:
        assert session.exec(select(StaffHandoff)).all() == []


def test_without_single_sign_on_set_up_the_provider_identity_is_ignored(store):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.user = {"is_logged_in": True, "email": store.logins.staff_email}
    at.run()
    assert not at.exception and refused(store) == []
