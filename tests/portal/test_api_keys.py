"""API keys as managers make them and the API recognises them (portal.api.keys), the per-key window
(portal.api.limits) and invites made with a key (portal.api.invites), on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlmodel import Session, col, func, select

from db.engine import is_postgres, write_session
from db.models import (
    AccessToken,
    ApiKey,
    ApiKeyUse,
    ApiRateWindow,
    CaseEvent,
    Invite,
    StaffMember,
    utcnow,
)
from portal.api import invites, keys, limits
from portal.api.keys import KeyRefused, Refusal, Scope
from portal.config import get_settings
from portal.entry.invites import checked_invite
from portal.entry.tokens import hash_token
from portal.errors import NotAllowed
from portal.seed import seed_demo
from tests.support import manager


def test_a_key_is_shown_once_and_stored_as_a_digest_only(store):
    made = keys.create_key(store.engine, manager(store), "Order system", ["invites:write"], days=30)
    with Session(store.engine) as session:
        row = session.get_one(ApiKey, made.id)
        logged = session.exec(
            select(CaseEvent)
            .where(CaseEvent.kind == "api_key_created")
            .where(col(CaseEvent.detail).contains(row.prefix))
        ).one()
    assert made.key.startswith(row.prefix + "_") and row.prefix.startswith("amk_")
    assert made.key not in (row.key_hash, row.prefix) and row.key_hash == keys.digest(made.key)
    assert made.key not in logged.detail and row.prefix in logged.detail
    grant = keys.authenticate(store.engine, made.key)
    assert grant.allows(Scope.INVITES_WRITE) and not grant.allows(Scope.CASES_READ)


def test_only_a_manager_now_makes_lists_or_revokes_keys(store, agent):
    with pytest.raises(NotAllowed):
        keys.create_key(store.engine, agent, "Mine", ["cases:read"], days=30)
    boss = manager(store)
    made = keys.create_key(store.engine, boss, "CRM", ["cases:read"], days=30)
    with write_session(store.engine) as session:  # demoted since the page was drawn
        session.get_one(StaffMember, boss.id).role = "agent"
    for act in (
        lambda: keys.list_keys(store.engine, boss),
        lambda: keys.revoke_key(store.engine, boss, made.id),
        lambda: keys.create_key(store.engine, boss, "More", ["cases:read"], days=30),
    ):
        with pytest.raises(NotAllowed):
            act()


def test_what_a_manager_must_choose_is_said_plainly(store):
    boss = manager(store)
    for name, scopes, said in [
        ("", ["cases:read"], "Give the key a name"),
        ("X", [], "at least one scope"),
        ("X", ["cases:write"], "Unknown scope"),
        ("X", ["cases:read_personal"], "add cases:read"),
    ]:
        with pytest.raises(ValueError, match=said):
            keys.create_key(store.engine, boss, name, scopes, days=30)


def test_refused_keys_say_why(store):
    boss = manager(store)
    revoked = keys.create_key(store.engine, boss, "Old", ["cases:read"], days=30)
    keys.revoke_key(store.engine, boss, revoked.id)
    expired = keys.create_key(store.engine, boss, "Short", ["cases:read"], days=1)
    assert keys.authenticate(store.engine, expired.key)
    cases = {
        revoked.key: Refusal.REVOKED,
        None: Refusal.MISSING,
        "amk_abcdefgh_" + "x" * 32: Refusal.UNKNOWN,
        "' OR 1=1 --": Refusal.UNKNOWN,
    }
    for presented, reason in cases.items():
        with pytest.raises(KeyRefused) as refusal:
            keys.authenticate(store.engine, presented)
        assert refusal.value.reason is reason
    with pytest.raises(KeyRefused) as refusal:
        keys.authenticate(store.engine, expired.key, now=utcnow() + timedelta(days=2))
    assert refusal.value.reason is Refusal.EXPIRED


def test_a_key_stops_when_its_managers_account_is_deactivated(store):
    boss = manager(store)
    made = keys.create_key(store.engine, boss, "CRM", ["cases:read"], days=30)
    with write_session(store.engine) as session:
        session.get_one(StaffMember, boss.id).is_active = False
    with pytest.raises(KeyRefused) as refusal:
        keys.authenticate(store.engine, made.key)
    assert refusal.value.reason is Refusal.INACTIVE_OWNER


def test_last_use_is_written_at_most_once_a_minute_per_key(store):
    made = keys.create_key(store.engine, manager(store), "CRM", ["cases:read"], days=30)
    start = utcnow()
    for seconds in (0, 20, 59, 61):
        grant = keys.authenticate(store.engine, made.key)
        with write_session(store.engine) as session:
            keys.record_use(
                session,
                grant,
                method="GET",
                route="/cases",
                status=200,
                outcome="ok",
                source="",
                now=start + timedelta(seconds=seconds),
            )
        with Session(store.engine) as session:
            last = session.exec(select(ApiKey.last_used_at).where(ApiKey.id == made.id)).one()
        assert last == start + timedelta(seconds=0 if seconds < 60 else 61)
    with Session(store.engine) as session:
        assert session.exec(select(func.count()).select_from(ApiKeyUse)).one() == 4  # every use is audited


def test_the_window_counts_every_request_and_says_how_long_to_wait(store):
    made = keys.create_key(store.engine, manager(store), "CRM", ["cases:read"], days=30)
    start = limits.window_start(utcnow()) + timedelta(seconds=15)
    waits = []
    for _ in range(4):
        with write_session(store.engine) as session:
            waits.append(limits.take_turn(session, made.id, 3, start))
    assert waits == [None, None, None, timedelta(seconds=45)]
    with write_session(store.engine) as session:  # the next window opens afresh and drops the old one
        assert limits.take_turn(session, made.id, 3, start + timedelta(minutes=1)) is None
    with Session(store.engine) as session:
        assert [w.count for w in session.exec(select(ApiRateWindow)).all()] == [1]


def _grant(store, scopes=("invites:write",)):
    made = keys.create_key(store.engine, manager(store), "Orders", list(scopes), days=30)
    return keys.authenticate(store.engine, made.key)


def test_a_retry_with_the_same_idempotency_key_gets_the_first_answer_and_no_second_invite(store):
    grant = _grant(store)
    details = checked_invite(customer_name="Noa", email="noa@example.com", amount_cents=12050)
    first = invites.create_invite(store.engine, grant, details, "order-1")
    again = invites.create_invite(store.engine, grant, details, "order-1")
    assert again.body == first.body and again.replayed and not first.replayed
    with pytest.raises(invites.IdempotencyKeyReused):
        invites.create_invite(store.engine, grant, checked_invite(customer_name="Someone else"), "order-1")
    with Session(store.engine) as session:
        invite = session.exec(select(Invite)).all()[-1]
        token = str(first.body["link"]).split("t=")[1]
        assert (
            session.exec(select(func.count()).select_from(Invite).where(Invite.api_key_id == grant.key_id)).one() == 1
        )
        assert invite.amount_cents == 12050 and invite.created_by_id == grant.created_by_id
        assert session.exec(select(AccessToken).where(AccessToken.token_hash == hash_token(token))).one()
        assert session.exec(
            select(CaseEvent)
            .where(CaseEvent.kind == "invite_created")
            .where(CaseEvent.actor == f"api_key:{grant.key_id}")
        ).one()


def test_two_concurrent_retries_make_one_invite(store, monkeypatch):
    """Both requests are let past the look-up for a stored answer at once (on PostgreSQL; on SQLite the second write
    transaction cannot start before the first ends): the unique pair decides."""
    grant = _grant(store)
    details = checked_invite(email="pat@example.com")
    both = threading.Barrier(2, timeout=10 if is_postgres(store.engine) else 0.5)
    real = invites._stored

    def after_both_looked(session, key, idempotency_key):
        found = real(session, key, idempotency_key)
        if threading.current_thread() is not threading.main_thread():
            try:
                both.wait()
            except threading.BrokenBarrierError:
                pass  # SQLite: the other waits for this write transaction to end before it may look
        return found

    answers: list[invites.Created] = []
    monkeypatch.setattr(invites, "_stored", after_both_looked)
    threads = [
        threading.Thread(target=lambda: answers.append(invites.create_invite(store.engine, grant, details, "retry-7")))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(answers) == 2 and answers[0].body == answers[1].body
    assert sorted(a.replayed for a in answers) == [False, True]
    with Session(store.engine) as session:
        assert (
            session.exec(select(func.count()).select_from(Invite).where(Invite.api_key_id == grant.key_id)).one() == 1
        )


def test_the_demo_prints_a_working_key_and_revokes_the_last_one(store):
    again = seed_demo(store.engine, get_settings())
    grant = keys.authenticate(store.engine, again.api_key)
    assert grant.allows(Scope.INVITES_WRITE) and grant.allows(Scope.CASES_READ)
    assert not grant.allows(Scope.CASES_READ_PERSONAL)
    with pytest.raises(KeyRefused):
        keys.authenticate(store.engine, store.logins.api_key)
