"""Staff sessions (portal.back_office.staff_sessions): what the store keeps, rotation, every way a session ends, with a
controlled clock, and who may end whose."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from db.models import CaseEvent, StaffSession, utcnow
from portal.back_office.staff import add_staff, set_staff_active, set_staff_role
from portal.back_office.staff_clock import SessionLimits
from portal.back_office.staff_sessions import (
    TOUCH_EVERY,
    Checked,
    EndReason,
    check_session,
    end_session,
    end_sessions_of,
    ended_reason_text,
    open_sessions,
    sign_out_everywhere,
    start_session,
)
from portal.entry.tokens import hash_token
from portal.errors import NotAllowed
from portal.recovery.remedies import Role
from tests.portal.test_staff import set_active
from tests.support import actor_now, manager

LIMITS = SessionLimits(idle=timedelta(minutes=30), absolute=timedelta(hours=12))


def rows(store) -> list[StaffSession]:
    with Session(store.engine) as session:
        return list(session.exec(select(StaffSession).order_by(col(StaffSession.id))))


def audit(store, kind: str) -> list[dict]:
    with Session(store.engine) as session:
        events = session.exec(select(CaseEvent).where(CaseEvent.kind == kind)).all()
    return [{"actor": e.actor, **json.loads(e.detail)} for e in events]


def test_the_store_keeps_only_the_digest_of_the_id(store):
    raw = start_session(store.engine, manager(store))
    (row,) = rows(store)
    assert row.token_hash == hash_token(raw) and raw not in row.token_hash
    assert len(raw) >= 32  # 192 random bits
    assert check_session(store.engine, raw, LIMITS).actor == manager(store)
    assert check_session(store.engine, row.token_hash, LIMITS).actor is None  # the digest signs nobody in


def test_made_up_and_malformed_ids_sign_nobody_in(store):
    start_session(store.engine, manager(store))
    for presented in (None, "", "x", "A" * 32, "'; DROP TABLE staff_session; --", "é" * 40):
        assert check_session(store.engine, presented, LIMITS).actor is None


def test_each_sign_in_gets_a_new_id_and_the_browsers_old_one_ends(store):
    first = start_session(store.engine, manager(store))
    second = start_session(store.engine, manager(store), replacing=first)
    assert second != first
    assert check_session(store.engine, first, LIMITS) == Checked(None, EndReason.REPLACED)
    assert check_session(store.engine, second, LIMITS).actor == manager(store)


def test_signing_out_ends_this_browsers_session_only(store):
    here, there = start_session(store.engine, manager(store)), start_session(store.engine, manager(store))
    assert end_session(store.engine, here)
    assert check_session(store.engine, here, LIMITS).ended is EndReason.SIGNED_OUT
    assert check_session(store.engine, there, LIMITS).actor is not None
    assert not end_session(store.engine, here)  # a second time changes nothing


def test_signing_out_everywhere_ends_every_session_of_the_account_and_is_audited(store, agent):
    dana, sam = manager(store), agent
    mine = [start_session(store.engine, dana) for _ in range(3)]
    theirs = start_session(store.engine, sam)
    assert sign_out_everywhere(store.engine, dana) == 3
    assert {check_session(store.engine, raw, LIMITS).ended for raw in mine} == {EndReason.SIGNED_OUT_EVERYWHERE}
    assert check_session(store.engine, theirs, LIMITS).actor == sam
    assert audit(store, "staff_signed_out_everywhere") == [{"actor": f"staff:{dana.id}", "sessions": 3}]


def test_a_manager_ends_another_members_sessions_audited_and_an_agent_cannot(store, agent):
    dana, sam = manager(store), agent
    sams = start_session(store.engine, sam)
    with pytest.raises(NotAllowed):
        end_sessions_of(store.engine, sam, dana.id)
    assert end_sessions_of(store.engine, dana, sam.id) == 1
    checked = check_session(store.engine, sams, LIMITS)
    assert checked.actor is None and checked.ended is EndReason.ENDED_BY_MANAGER
    assert audit(store, "staff_sessions_ended") == [
        {"actor": f"staff:{dana.id}", "staff_id": sam.id, "email": sam.email, "sessions": 1}
    ]
    assert ended_reason_text(checked.ended, LIMITS) == "A manager ended your sign-in. Please sign in again."


def test_a_demoted_manager_cannot_end_sessions_with_a_stale_actor(store, agent):
    dana, sam = manager(store), agent
    other = add_staff(store.engine, email="lee@northwind.example", name="Lee", role="manager", password="lee-pass-12")
    set_staff_role(store.engine, actor_now(store.engine, other.id), dana.id, Role.AGENT)
    with pytest.raises(NotAllowed):
        end_sessions_of(store.engine, dana, sam.id)  # dana's page still holds the manager she was


def test_deactivating_an_account_ends_its_sessions_at_once(store, agent):
    dana, sam = manager(store), agent
    raw = start_session(store.engine, sam)
    set_staff_active(store.engine, dana, sam.id, False)
    assert check_session(store.engine, raw, LIMITS).ended is EndReason.ACCOUNT_CHANGED
    assert [e["email"] for e in audit(store, "staff_deactivated")] == [sam.email]
    set_staff_active(store.engine, dana, sam.id, True)
    assert check_session(store.engine, raw, LIMITS).actor is None  # reactivating brings no session back


def test_a_role_change_ends_the_sessions_that_had_the_old_role(store, agent):
    dana, sam = manager(store), agent
    raw = start_session(store.engine, sam)
    set_staff_role(store.engine, dana, sam.id, Role.MANAGER)
    assert check_session(store.engine, raw, LIMITS).ended is EndReason.ACCOUNT_CHANGED
    fresh = start_session(store.engine, actor_now(store.engine, sam.id))
    checked = check_session(store.engine, fresh, LIMITS)
    assert checked.actor is not None and checked.actor.role is Role.MANAGER
    assert audit(store, "staff_role_changed")[0] | {"sessions_ended": 1} == {
        "actor": f"staff:{dana.id}",
        "staff_id": sam.id,
        "email": sam.email,
        "before": "agent",
        "after": "manager",
        "sessions_ended": 1,
    }


def test_an_account_changed_outside_the_service_still_ends_its_sessions(store, agent):
    """``portal staff add`` again (a new password or role), or a change made straight in the database."""
    raw = start_session(store.engine, manager(store))
    add_staff(
        store.engine, email=store.logins.staff_email, name="Dana Cohen", role="manager", password="a-new-password-1"
    )
    assert check_session(store.engine, raw, LIMITS).ended is EndReason.ACCOUNT_CHANGED
    sams = start_session(store.engine, agent)
    set_active(store, "sam@northwind.example", False)  # straight in the database, sessions untouched
    assert check_session(store.engine, sams, LIMITS).ended is EndReason.ACCOUNT_CHANGED


def test_no_one_changes_their_own_account_or_others_without_being_a_manager(store, agent):
    dana, sam = manager(store), agent
    with pytest.raises(NotAllowed):
        set_staff_active(store.engine, dana, dana.id, False)
    with pytest.raises(NotAllowed):
        set_staff_role(store.engine, sam, dana.id, Role.AGENT)
    assert actor_now(store.engine, dana.id).role is Role.MANAGER


# --- time limits, with a controlled clock --------------------------------------------------------------------


def test_a_session_idle_for_the_limit_ends_and_says_so(store):
    start = utcnow()
    raw = start_session(store.engine, manager(store), now=start)
    assert check_session(store.engine, raw, LIMITS, now=start + timedelta(minutes=29)).actor is not None
    # That use counted as activity: 29 minutes after it the session still holds...
    assert check_session(store.engine, raw, LIMITS, now=start + timedelta(minutes=58)).actor is not None
    # ...and 30 minutes after the last use it is over, for good.
    checked = check_session(store.engine, raw, LIMITS, now=start + timedelta(minutes=88))
    assert checked.actor is None and checked.ended is EndReason.IDLE
    assert check_session(store.engine, raw, LIMITS, now=start + timedelta(minutes=89)).ended is EndReason.IDLE
    assert ended_reason_text(EndReason.IDLE, LIMITS) == (
        "You were signed out after 30 minutes without activity. Please sign in again."
    )


def test_activity_is_written_at_most_once_a_minute(store):
    start = utcnow()
    raw = start_session(store.engine, manager(store), now=start)
    check_session(store.engine, raw, LIMITS, now=start + TOUCH_EVERY / 2)
    assert rows(store)[0].last_seen_at == start
    check_session(store.engine, raw, LIMITS, now=start + TOUCH_EVERY)
    assert rows(store)[0].last_seen_at == start + TOUCH_EVERY


def test_a_session_ends_after_the_absolute_limit_however_busy(store):
    start = utcnow()
    raw = start_session(store.engine, manager(store), now=start)
    for minutes in range(20, 12 * 60, 20):
        assert check_session(store.engine, raw, LIMITS, now=start + timedelta(minutes=minutes)).actor is not None
    checked = check_session(store.engine, raw, LIMITS, now=start + timedelta(hours=12))
    assert checked.ended is EndReason.ABSOLUTE


def test_managers_see_how_many_sessions_each_member_has_open(store, agent):
    dana, sam = manager(store), agent
    start = utcnow()
    start_session(store.engine, dana, now=start)
    start_session(store.engine, sam, now=start)
    start_session(store.engine, sam, now=start - timedelta(hours=1))  # idle for an hour: not open any more
    end_session(store.engine, start_session(store.engine, sam, now=start))
    assert open_sessions(store.engine, dana, LIMITS, now=start) == {dana.id: 1, sam.id: 1}
    with pytest.raises(NotAllowed):
        open_sessions(store.engine, sam, LIMITS, now=start)


def test_signing_out_everywhere_while_another_tab_checks_leaves_nothing_open(store):
    """Two browsers of one account keep working while the account signs out everywhere (both databases)."""
    dana = manager(store)
    ids = [start_session(store.engine, dana) for _ in range(4)]
    with ThreadPoolExecutor(4) as pool:
        checks = [pool.submit(check_session, store.engine, raw, LIMITS, now=utcnow() + TOUCH_EVERY) for raw in ids]
        ended = pool.submit(sign_out_everywhere, store.engine, dana)
        [c.result() for c in checks]
    assert ended.result() == 4
    assert all(check_session(store.engine, raw, LIMITS).actor is None for raw in ids)
