"""Single sign-on's rules (portal.back_office.staff_sso): the provider's address is matched to an active account, the role comes
from the account, a refusal is audited, and the one-time pass works once, in time, in the browser it was made for.
(The whole flow against a real provider: tests/e2e/test_single_sign_on_in_browser.py.)"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from db.models import CaseEvent, StaffHandoff, StaffSession, utcnow
from portal.back_office.staff_clock import SessionLimits
from portal.back_office.staff_sessions import check_session, start_session
from portal.back_office.staff_sso import (
    EXPIRED,
    HANDOFF_LIFETIME,
    NO_ACCOUNT,
    UNVERIFIED,
    SsoRefused,
    begin_handoff,
    finish_handoff,
)
from portal.entry.tokens import hash_token
from portal.recovery.remedies import Role
from tests.portal.test_staff import set_active
from tests.support import manager

LIMITS = SessionLimits(idle=timedelta(minutes=30), absolute=timedelta(hours=12))
BROWSER = "the-browsers-own-form-cookie-value"


def refused(store, *args, **kwargs) -> str:
    with pytest.raises(SsoRefused) as caught:
        begin_handoff(store.engine, *args, **kwargs)
    return caught.value.reason


def refusals(store) -> list[dict]:
    with Session(store.engine) as session:
        return [
            {"actor": e.actor, **json.loads(e.detail)}
            for e in session.exec(select(CaseEvent).where(CaseEvent.kind == "staff_sso_refused"))
        ]


def test_a_provider_address_signs_in_its_active_account_with_the_accounts_role(store, agent):
    sam = agent
    token = begin_handoff(store.engine, " SAM@Northwind.example", True, BROWSER, next_path="/case?id=4")
    raw, next_path = finish_handoff(store.engine, token, BROWSER)
    assert next_path == "/case?id=4"
    actor = check_session(store.engine, raw, LIMITS).actor
    assert actor is not None and actor.id == sam.id and actor.role is Role.AGENT
    with Session(store.engine) as session:
        (row,) = session.exec(select(StaffSession)).all()
        (handoff,) = session.exec(select(StaffHandoff)).all()
    assert row.via == "sso" and handoff.token_hash == hash_token(token) and handoff.used_at is not None


@pytest.mark.usefixtures("agent")
def test_unknown_deactivated_and_unverified_addresses_are_refused_and_audited(store):
    set_active(store, "sam@northwind.example", False)
    assert refused(store, "nobody@northwind.example", True, BROWSER) == NO_ACCOUNT
    assert refused(store, "sam@northwind.example", None, BROWSER) == NO_ACCOUNT
    assert refused(store, store.logins.staff_email, False, BROWSER) == UNVERIFIED
    assert refused(store, None, None, BROWSER) == NO_ACCOUNT
    assert refusals(store) == [
        {"actor": "system", "email": "nobody@northwind.example", "reason": NO_ACCOUNT},
        {"actor": "system", "email": "sam@northwind.example", "reason": NO_ACCOUNT},
        {"actor": "system", "email": store.logins.staff_email, "reason": UNVERIFIED},
        {"actor": "system", "email": "", "reason": NO_ACCOUNT},
    ]
    with Session(store.engine) as session:
        assert session.exec(select(StaffHandoff)).all() == []


def test_a_pass_works_once(store):
    token = begin_handoff(store.engine, store.logins.staff_email, True, BROWSER)
    finish_handoff(store.engine, token, BROWSER)
    with pytest.raises(SsoRefused) as caught:
        finish_handoff(store.engine, token, BROWSER)
    assert caught.value.reason == EXPIRED


def test_a_pass_sent_to_another_browser_signs_nobody_in(store):
    token = begin_handoff(store.engine, store.logins.staff_email, True, BROWSER)
    for other in ("another-browsers-form-cookie", None):
        with pytest.raises(SsoRefused):
            finish_handoff(store.engine, token, other)
    assert finish_handoff(store.engine, token, BROWSER)  # still good for the browser it was made for


def test_a_pass_expires_after_a_minute(store):
    start = utcnow()
    token = begin_handoff(store.engine, store.logins.staff_email, True, BROWSER, now=start)
    with pytest.raises(SsoRefused):
        finish_handoff(store.engine, token, BROWSER, now=start + HANDOFF_LIFETIME)


def test_an_account_deactivated_before_the_pass_is_used_gets_no_session(store, agent):
    sam = agent
    token = begin_handoff(store.engine, sam.email, True, BROWSER)
    set_active(store, "sam@northwind.example", False)
    with pytest.raises(SsoRefused) as caught:
        finish_handoff(store.engine, token, BROWSER)
    assert caught.value.reason == NO_ACCOUNT


def test_made_up_passes_are_refused(store):
    for token in (None, "", "short", "A" * 32):
        with pytest.raises(SsoRefused):
            finish_handoff(store.engine, token, BROWSER)


def test_single_sign_on_replaces_the_browsers_old_session(store):
    old = start_session(store.engine, manager(store))
    token = begin_handoff(store.engine, store.logins.staff_email, True, BROWSER)
    raw, _ = finish_handoff(store.engine, token, BROWSER, replacing=old)
    assert raw != old and check_session(store.engine, old, LIMITS).actor is None


def test_two_tabs_trading_the_same_pass_at_once_get_one_session(store):
    """The pass is spent by a conditional UPDATE: under concurrency exactly one trade wins (both databases)."""
    from concurrent.futures import ThreadPoolExecutor

    token = begin_handoff(store.engine, store.logins.staff_email, True, BROWSER)

    def trade() -> str | None:
        try:
            return finish_handoff(store.engine, token, BROWSER)[0]
        except SsoRefused:
            return None

    with ThreadPoolExecutor(4) as pool:
        outcomes = list(pool.map(lambda _: trade(), range(4)))
    assert len([raw for raw in outcomes if raw]) == 1
    with Session(store.engine) as session:
        assert len(session.exec(select(StaffSession)).all()) == 1


def test_an_identity_the_provider_gave_long_ago_gets_no_pass(store):
    """Streamlit keeps the provider's identity in a cookie for 30 days: one left behind signs nobody in later."""
    now = utcnow()
    assert (
        refused(
            store, store.logins.staff_email, True, BROWSER, issued_at=(now - timedelta(minutes=6)).timestamp(), now=now
        )
        == EXPIRED
    )
    assert begin_handoff(
        store.engine,
        store.logins.staff_email,
        True,
        BROWSER,
        issued_at=int((now - timedelta(seconds=20)).timestamp()),
        now=now,
    )
