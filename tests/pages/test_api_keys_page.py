"""The managers' API keys page in AppTest: a key made is shown once, listed by its prefix with its scopes and last
use, revoked with a second click; a refused form keeps what was typed; agents see nothing."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from db.engine import write_session
from db.models import ApiKey, CaseEvent, utcnow
from portal.api.keys import KeyRefused, Refusal, authenticate, digest, record_use
from portal.back_office.staff import StaffActor
from tests.support import click, manager, page_words, staff_page


def keys_page(actor: StaffActor) -> AppTest:
    at = staff_page("screens/api_keys.py", actor)
    assert not at.exception, at.exception
    return at


def words(at: AppTest) -> str:
    return "\n".join(
        [
            page_words(at),
            *(i.value for i in at.info),
            *(w.value for w in at.warning),
            *(c.value for c in at.caption),
            *(e.value for e in at.error),
            *(s.value for s in at.success),
        ]
    )


def make(at: AppTest, name: str, scopes: list[str]) -> AppTest:
    at.text_input(key="api_key_name").input(name)
    at.multiselect(key="api_key_scopes").set_value(scopes)
    return click(at, "Make key")


def test_a_manager_makes_a_key_that_is_shown_once_then_listed_by_its_prefix(store):
    at = make(keys_page(manager(store)), "Order system <b>", ["invites:write", "cases:read"])
    [shown] = [c.value for c in at.code]
    with Session(store.engine) as session:
        row = session.exec(select(ApiKey).where(ApiKey.name == "Order system <b>")).one()
    assert row.key_hash == digest(shown) and shown.startswith(row.prefix)
    assert "shown only this once" in words(at) and "Order system <b>" in [t.value for t in at.text]
    assert at.text_input(key="api_key_name").value == ""  # emptied for the next one
    at.run()  # any later run: the key is gone from the page
    assert not at.code
    listed = words(at)
    assert f"{row.prefix}…, active" in listed and "Scopes: invites:write, cases:read" in listed
    assert "last used: never" in listed


def test_last_use_shows_on_the_page(store):
    at = make(keys_page(manager(store)), "CRM", ["cases:read"])
    grant = authenticate(store.engine, at.code[0].value)
    with write_session(store.engine) as session:
        record_use(session, grant, method="GET", route="/cases", status=200, outcome="ok", source="", now=utcnow())
    at.run()
    assert f"last used: {utcnow():%Y-%m-%d}" in words(at)


def test_a_refused_form_keeps_what_was_typed_and_says_what_to_change(store):
    at = make(keys_page(manager(store)), "Reporting", [])
    assert "Choose at least one scope" in words(at)
    assert at.text_input(key="api_key_name").value == "Reporting" and not at.code


def test_revoking_asks_once_more_then_the_key_stops_working(store):
    boss = manager(store)
    at = make(keys_page(boss), "CRM", ["cases:read"])
    key = at.code[0].value
    at = click(at, "Revoke")
    at = click(at, "Yes, revoke it now")
    assert "every request with it is now refused" in words(at) and ", revoked)" in words(at)
    with Session(store.engine) as session:
        assert session.exec(select(ApiKey).where(ApiKey.name == "CRM")).one().revoked_at is not None
        assert session.exec(select(CaseEvent).where(CaseEvent.kind == "api_key_revoked")).one()
    with pytest.raises(KeyRefused) as refusal:
        authenticate(store.engine, key)
    assert refusal.value.reason is Refusal.REVOKED


def test_agents_see_nothing_of_the_keys(store, agent):
    boss_page = make(keys_page(manager(store)), "CRM", ["cases:read"])
    assert boss_page.code
    at = keys_page(agent)
    assert "Only managers can manage API keys." in words(at)
    assert "CRM" not in words(at) and not at.button
