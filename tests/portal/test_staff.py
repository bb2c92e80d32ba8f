"""Staff sign-in: credentials, the per-account throttle, the attempt log, and account lookups."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlmodel import Session, select

from db.models import LoginAttempt, StaffMember, utcnow
from portal import staff
from portal.passwords import needs_rehash
from portal.remedies import Role
from portal.staff import (
    MAX_FAILED_ATTEMPTS,
    THROTTLE_WINDOW,
    SignInRefused,
    add_staff,
    get_actor,
    list_staff,
    sign_in,
)

WRONG = "not-the-password"


def attempts(store) -> list[LoginAttempt]:
    with Session(store.engine) as session:
        return list(session.exec(select(LoginAttempt).order_by(LoginAttempt.id)))


def refused(store, email: str, password: str, **kwargs) -> SignInRefused:
    with pytest.raises(SignInRefused) as caught:
        sign_in(store.engine, email, password, **kwargs)
    return caught.value


def fail_times(store, email: str, count: int, start, step=timedelta(seconds=10)) -> None:
    for i in range(count):
        assert refused(store, email, WRONG, now=start + i * step).reason == "bad_credentials"


def set_active(store, email: str, active: bool) -> None:
    with Session(store.engine) as session:
        member = session.exec(select(StaffMember).where(StaffMember.email == email)).one()
        member.is_active = active
        session.add(member)
        session.commit()


def test_sign_in_with_the_right_password(store):
    actor = sign_in(store.engine, store.logins.staff_email, store.logins.staff_password, source="10.0.0.7")
    assert actor.email == store.logins.staff_email
    assert actor.name == "Dana Cohen" and actor.role is Role.MANAGER and actor.is_manager
    [logged] = attempts(store)
    assert logged.succeeded and logged.email == store.logins.staff_email and logged.source == "10.0.0.7"


def test_email_is_matched_whatever_its_case_and_spacing(store):
    typed = f"  {store.logins.staff_email.upper()} "
    assert sign_in(store.engine, typed, store.logins.staff_password).email == store.logins.staff_email
    assert attempts(store)[0].email == store.logins.staff_email


def test_wrong_password_is_refused_and_logged(store):
    error = refused(store, store.logins.staff_email, WRONG, source="10.0.0.8")
    assert error.reason == "bad_credentials" and error.retry_after is None
    [logged] = attempts(store)
    assert not logged.succeeded and logged.email == store.logins.staff_email and logged.source == "10.0.0.8"


def test_unknown_email_is_refused_the_same_way(store):
    error = refused(store, "nobody@northwind.example", store.logins.staff_password)
    assert error.reason == "bad_credentials"
    assert [(a.email, a.succeeded) for a in attempts(store)] == [("nobody@northwind.example", False)]


def test_an_unknown_email_still_costs_a_password_check(store, monkeypatch):
    checked = []
    real = staff.verify_password
    monkeypatch.setattr(staff, "verify_password", lambda h, p: checked.append(h) or real(h, p))
    refused(store, "nobody@northwind.example", "whatever-it-is")
    assert checked == [None]  # verify_password(None, ...) runs the dummy hash


def test_five_failures_lock_the_account_even_for_the_right_password(store, monkeypatch):
    start = utcnow()
    fail_times(store, store.logins.staff_email, MAX_FAILED_ATTEMPTS, start)
    checked = []
    monkeypatch.setattr(staff, "verify_password", lambda h, p: checked.append(p) or True)
    error = refused(store, store.logins.staff_email, store.logins.staff_password, now=start + timedelta(minutes=2))
    assert error.reason == "throttled"
    assert checked == []  # refused without looking at the password
    # The oldest failure was at `start`; it leaves the 15-minute window at start + 15 min.
    assert error.retry_after == THROTTLE_WINDOW - timedelta(minutes=2)
    logged = attempts(store)
    assert len(logged) == MAX_FAILED_ATTEMPTS + 1 and not any(a.succeeded for a in logged)


def test_four_failures_do_not_lock(store):
    start = utcnow()
    fail_times(store, store.logins.staff_email, MAX_FAILED_ATTEMPTS - 1, start)
    actor = sign_in(store.engine, store.logins.staff_email, store.logins.staff_password,
                    now=start + timedelta(minutes=1))
    assert actor.email == store.logins.staff_email


def test_once_the_window_passes_the_right_password_works_again(store):
    start = utcnow()
    step = timedelta(seconds=10)
    fail_times(store, store.logins.staff_email, MAX_FAILED_ATTEMPTS, start, step)
    # One more try while locked (refused), then waiting as told.
    wait = refused(store, store.logins.staff_email, store.logins.staff_password,
                   now=start + timedelta(minutes=5)).retry_after
    assert wait == THROTTLE_WINDOW - timedelta(minutes=5)
    still = refused(store, store.logins.staff_email, store.logins.staff_password,
                    now=start + THROTTLE_WINDOW - timedelta(seconds=1))
    assert still.reason == "throttled"
    later = start + THROTTLE_WINDOW + (MAX_FAILED_ATTEMPTS - 1) * step + timedelta(seconds=1)
    actor = sign_in(store.engine, store.logins.staff_email, store.logins.staff_password, now=later)
    assert actor.email == store.logins.staff_email
    assert attempts(store)[-1].succeeded


def test_hammering_a_locked_account_keeps_it_locked(store):
    start = utcnow()
    fail_times(store, store.logins.staff_email, MAX_FAILED_ATTEMPTS, start)
    for minute in range(3, 16, 3):  # refused attempts are failures too: five more within the window
        refused(store, store.logins.staff_email, WRONG, now=start + timedelta(minutes=minute))
    error = refused(store, store.logins.staff_email, store.logins.staff_password, now=start + timedelta(minutes=16))
    assert error.reason == "throttled"
    assert error.retry_after == timedelta(minutes=3 + 15 - 16)


def test_a_successful_sign_in_clears_the_count(store):
    start = utcnow()
    fail_times(store, store.logins.staff_email, MAX_FAILED_ATTEMPTS - 1, start)
    sign_in(store.engine, store.logins.staff_email, store.logins.staff_password, now=start + timedelta(minutes=1))
    fail_times(store, store.logins.staff_email, MAX_FAILED_ATTEMPTS - 1, start + timedelta(minutes=2))
    actor = sign_in(store.engine, store.logins.staff_email, store.logins.staff_password,
                    now=start + timedelta(minutes=3))
    assert actor.email == store.logins.staff_email


def test_the_lock_is_per_address(store):
    add_staff(store.engine, email="sam@northwind.example", name="Sam Lee", role="agent", password="sam-password-1")
    start = utcnow()
    fail_times(store, store.logins.staff_email, MAX_FAILED_ATTEMPTS, start)
    assert sign_in(store.engine, "sam@northwind.example", "sam-password-1", now=start).name == "Sam Lee"
    # An address without an account is throttled the same way, so the lock reveals nothing.
    fail_times(store, "ghost@northwind.example", MAX_FAILED_ATTEMPTS, start)
    assert refused(store, "ghost@northwind.example", WRONG, now=start + timedelta(minutes=1)).reason == "throttled"


def test_parallel_attempts_check_at_most_five_passwords(store):
    email = store.logins.staff_email
    with ThreadPoolExecutor(max_workers=8) as pool:
        reasons = list(pool.map(lambda _: refused(store, email, WRONG).reason, range(8)))
    assert reasons.count("bad_credentials") == MAX_FAILED_ATTEMPTS
    assert reasons.count("throttled") == 8 - MAX_FAILED_ATTEMPTS
    assert len(attempts(store)) == 8


def test_an_inactive_account_is_refused_as_bad_credentials(store):
    set_active(store, store.logins.staff_email, False)
    error = refused(store, store.logins.staff_email, store.logins.staff_password)
    assert error.reason == "bad_credentials"
    assert not attempts(store)[-1].succeeded


def test_an_old_hash_is_upgraded_at_sign_in(store):
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(store.logins.staff_password)
    assert needs_rehash(weak)
    with Session(store.engine) as session:
        member = session.exec(select(StaffMember).where(StaffMember.email == store.logins.staff_email)).one()
        member.password_hash = weak
        session.add(member)
        session.commit()
    sign_in(store.engine, store.logins.staff_email, store.logins.staff_password)
    with Session(store.engine) as session:
        stored = session.exec(select(StaffMember.password_hash)
                              .where(StaffMember.email == store.logins.staff_email)).one()
    assert stored != weak and not needs_rehash(stored)
    assert sign_in(store.engine, store.logins.staff_email, store.logins.staff_password).is_manager


def test_list_staff_and_get_actor_only_know_active_accounts(store):
    sam = add_staff(store.engine, email="sam@northwind.example", name="Sam Lee", role="agent", password="sam-password-1")
    add_staff(store.engine, email="ari@northwind.example", name="Ari Stone", role="agent", password="ari-password-1")
    set_active(store, "ari@northwind.example", False)
    assert [a.name for a in list_staff(store.engine)] == ["Dana Cohen", "Sam Lee"]
    assert get_actor(store.engine, sam.id).role is Role.AGENT
    with Session(store.engine) as session:
        ari_id = session.exec(select(StaffMember.id).where(StaffMember.email == "ari@northwind.example")).one()
    assert get_actor(store.engine, ari_id) is None
    assert get_actor(store.engine, 999_999) is None
