"""Staff sign-in: credentials, the per-account throttle, the attempt log, and account lookups."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlmodel import Session, col, select

from db.models import LoginAttempt, StaffMember, utcnow
from portal.back_office import staff
from portal.back_office.passwords import needs_rehash
from portal.back_office.staff import (
    BACKOFF_FIRST,
    FAILURE_MEMORY,
    FREE_FAILURES,
    SignInRefused,
    add_staff,
    get_actor,
    list_staff,
    sign_in,
)
from portal.recovery.remedies import Role

WRONG = "not-the-password"


def attempts(store) -> list[LoginAttempt]:
    with Session(store.engine) as session:
        return list(session.exec(select(LoginAttempt).order_by(col(LoginAttempt.id))))


def refused(store, email: str, password: str, **kwargs) -> SignInRefused:
    with pytest.raises(SignInRefused) as caught:
        sign_in(store.engine, email, password, **kwargs)
    return caught.value


def fail_times(store, email: str, count: int, start, step=timedelta(seconds=10), source: str = "") -> None:
    for i in range(count):
        assert refused(store, email, WRONG, source=source, now=start + i * step).reason == "bad_credentials"


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

    def recording(h, p):
        checked.append(h)
        return real(h, p)

    monkeypatch.setattr(staff, "verify_password", recording)
    refused(store, "nobody@northwind.example", "whatever-it-is")
    assert checked == [None]  # verify_password(None, ...) runs the dummy hash


ATTACKER, OFFICE = "198.51.100.66", "203.0.113.10"


def test_five_failures_from_an_address_make_it_wait_even_with_the_right_password(store, monkeypatch):
    start = utcnow()
    fail_times(store, store.logins.staff_email, FREE_FAILURES, start, source=ATTACKER)
    checked = []

    def accepting(h, p):
        checked.append(p)
        return True

    monkeypatch.setattr(staff, "verify_password", accepting)
    error = refused(
        store, store.logins.staff_email, store.logins.staff_password, source=ATTACKER, now=start + timedelta(seconds=50)
    )
    assert error.reason == "throttled"
    assert checked == []  # refused without looking at the password
    # The last failure was at start + 40 s; the first wait is a minute from it.
    assert error.retry_after == BACKOFF_FIRST - timedelta(seconds=10)


def test_eight_wrong_passwords_from_anyone_do_not_lock_the_owner_out(store):
    """The attack: eight wrong passwords from one address locked the real owner out for 15 minutes."""
    start = utcnow()
    for second in range(8):  # the last three are refused unchecked: the attacker's address waits
        refused(store, store.logins.staff_email, WRONG, source=ATTACKER, now=start + timedelta(seconds=second))
    actor = sign_in(
        store.engine,
        store.logins.staff_email,
        store.logins.staff_password,
        source=OFFICE,
        now=start + timedelta(seconds=10),
    )
    assert actor.email == store.logins.staff_email
    # The attacker's own address is still slowed down.
    assert (
        refused(store, store.logins.staff_email, WRONG, source=ATTACKER, now=start + timedelta(seconds=11)).reason
        == "throttled"
    )


def test_the_wait_doubles_with_each_further_failure_up_to_an_hour(store):
    start = utcnow()
    fail_times(store, store.logins.staff_email, FREE_FAILURES, start, source=ATTACKER)
    now = start + (FREE_FAILURES - 1) * timedelta(seconds=10)
    waits = []
    for _ in range(9):
        wait = refused(store, store.logins.staff_email, WRONG, source=ATTACKER, now=now).retry_after
        assert wait is not None
        waits.append(wait)
        now += wait  # waits exactly as told: the next password is checked (and is wrong)
        assert refused(store, store.logins.staff_email, WRONG, source=ATTACKER, now=now).reason == "bad_credentials"
    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 60, 60, 60)]


def test_tries_refused_while_waiting_do_not_push_the_wait_back(store):
    start = utcnow()
    fail_times(store, store.logins.staff_email, FREE_FAILURES, start, source=ATTACKER)
    last_failure = start + (FREE_FAILURES - 1) * timedelta(seconds=10)
    for second in range(1, 59, 3):  # hammering while told to wait
        refused(store, store.logins.staff_email, WRONG, source=ATTACKER, now=last_failure + timedelta(seconds=second))
    actor = sign_in(
        store.engine,
        store.logins.staff_email,
        store.logins.staff_password,
        source=ATTACKER,
        now=last_failure + BACKOFF_FIRST,
    )
    assert actor.email == store.logins.staff_email


def test_four_failures_do_not_slow_down(store):
    start = utcnow()
    fail_times(store, store.logins.staff_email, FREE_FAILURES - 1, start)
    actor = sign_in(
        store.engine, store.logins.staff_email, store.logins.staff_password, now=start + timedelta(minutes=1)
    )
    assert actor.email == store.logins.staff_email


def test_a_successful_sign_in_clears_that_addresss_count(store):
    start = utcnow()
    fail_times(store, store.logins.staff_email, FREE_FAILURES - 1, start)
    sign_in(store.engine, store.logins.staff_email, store.logins.staff_password, now=start + timedelta(minutes=1))
    fail_times(store, store.logins.staff_email, FREE_FAILURES - 1, start + timedelta(minutes=2))
    actor = sign_in(
        store.engine, store.logins.staff_email, store.logins.staff_password, now=start + timedelta(minutes=3)
    )
    assert actor.email == store.logins.staff_email


def test_failures_are_forgotten_after_a_day(store):
    start = utcnow() - FAILURE_MEMORY - timedelta(hours=2)
    fail_times(store, store.logins.staff_email, FREE_FAILURES + 1, start, step=timedelta(minutes=1), source=ATTACKER)
    fail_times(store, store.logins.staff_email, FREE_FAILURES - 1, utcnow(), source=ATTACKER)
    assert sign_in(store.engine, store.logins.staff_email, store.logins.staff_password, source=ATTACKER)


def test_the_slowdown_is_per_account_and_reveals_no_account(store):
    add_staff(store.engine, email="sam@northwind.example", name="Sam Lee", role="agent", password="sam-password-1")
    start = utcnow()
    fail_times(store, store.logins.staff_email, FREE_FAILURES, start, source=ATTACKER)
    assert (
        sign_in(
            store.engine, "sam@northwind.example", "sam-password-1", source=ATTACKER, now=start + timedelta(minutes=1)
        ).name
        == "Sam Lee"
    )
    # An address without an account is slowed down the same way, so the slowdown reveals nothing.
    fail_times(store, "ghost@northwind.example", FREE_FAILURES, start, source=ATTACKER)
    assert (
        refused(store, "ghost@northwind.example", WRONG, source=ATTACKER, now=start + timedelta(minutes=1)).reason
        == "throttled"
    )


def test_every_attempt_stays_in_the_security_log(store):
    start = utcnow()
    fail_times(store, store.logins.staff_email, FREE_FAILURES, start, source=ATTACKER)
    refused(store, store.logins.staff_email, WRONG, source=ATTACKER, now=start + timedelta(minutes=1))
    sign_in(
        store.engine,
        store.logins.staff_email,
        store.logins.staff_password,
        source=OFFICE,
        now=start + timedelta(minutes=1),
    )
    logged = [(a.email, a.source, a.succeeded, a.throttled) for a in attempts(store)]
    assert logged == [(store.logins.staff_email, ATTACKER, False, False)] * FREE_FAILURES + [
        (store.logins.staff_email, ATTACKER, False, True),
        (store.logins.staff_email, OFFICE, True, False),
    ]


def test_parallel_attempts_from_one_address_check_at_most_five_passwords(store):
    email = store.logins.staff_email
    with ThreadPoolExecutor(max_workers=8) as pool:
        reasons = list(pool.map(lambda _: refused(store, email, WRONG, source=ATTACKER).reason, range(8)))
    assert reasons.count("bad_credentials") == FREE_FAILURES
    assert reasons.count("throttled") == 8 - FREE_FAILURES
    assert len(attempts(store)) == 8


@pytest.mark.parametrize(
    ("failures", "latest_ago", "wait"),
    [
        (4, 0, None),
        (5, 0, 60),
        (5, 59, 1),
        (5, 60, None),
        (6, 0, 120),
        (7, 30, 210),
        (11, 0, 3600),
        (500, 0, 3600),
    ],
)
def test_slowdown(failures, latest_ago, wait):
    now = utcnow()
    found = staff.slowdown(failures, now - timedelta(seconds=latest_ago), now)
    assert found == (None if wait is None else timedelta(seconds=wait))


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
        stored = session.exec(
            select(StaffMember.password_hash).where(StaffMember.email == store.logins.staff_email)
        ).one()
    assert stored != weak and not needs_rehash(stored)
    assert sign_in(store.engine, store.logins.staff_email, store.logins.staff_password).is_manager


def test_list_staff_and_get_actor_only_know_active_accounts(store):
    sam = add_staff(
        store.engine, email="sam@northwind.example", name="Sam Lee", role="agent", password="sam-password-1"
    )
    add_staff(store.engine, email="ari@northwind.example", name="Ari Stone", role="agent", password="ari-password-1")
    set_active(store, "ari@northwind.example", False)
    assert [a.name for a in list_staff(store.engine)] == ["Dana Cohen", "Sam Lee"]
    assert sam.id is not None
    sam_now = get_actor(store.engine, sam.id)
    assert sam_now is not None and sam_now.role is Role.AGENT
    with Session(store.engine) as session:
        ari_id = session.exec(select(StaffMember.id).where(StaffMember.email == "ari@northwind.example")).one()
    assert ari_id is not None and get_actor(store.engine, ari_id) is None
    assert get_actor(store.engine, 999_999) is None
