"""Two staff members decide on the same case at the same moment: exactly one wins, the other is told to reload.

Each race runs the two decisions in two threads released together by a barrier, ~20 times,
on PostgreSQL (row locks, READ COMMITTED) and on SQLite (BEGIN IMMEDIATE). A second
variant holds every transaction open for a moment after it first touches the case, so
both decisions are certainly inside their transactions at once: a read-compare-write
without a conditional UPDATE (or a row lock) lets both win there.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial

import pytest
from sqlalchemy import event
from sqlmodel import Session, col, select

from db.models import Case, CaseEvent, CaseRemedy, StaffMember
from portal.back_office.staff import StaffActor
from portal.recovery import decisions
from portal.recovery.decisions import StaleCase
from portal.recovery.remedies import Role
from tests.support import open_case

ROUNDS = 20
DECISION_KINDS = {"approve", "counter", "decline_with_alternative", "mark_fulfilled"}


def two_managers(store) -> tuple[StaffActor, StaffActor]:
    with Session(store.engine) as session:
        dana = session.exec(select(StaffMember).where(StaffMember.email == store.logins.staff_email)).one()
        lee = StaffMember(email="lee@northwind.example", name="Lee Manager", role="manager", password_hash="x")
        session.add(lee)
        session.commit()
        session.refresh(lee)
        assert dana.id is not None and lee.id is not None
        return (
            StaffActor(dana.id, dana.name, dana.email, Role.MANAGER),
            StaffActor(lee.id, lee.name, lee.email, Role.MANAGER),
        )


@contextmanager
def slow_transactions(engine, pause: float = 0.15) -> Iterator[None]:
    """Every thread pauses right after its first statement on the case table, inside its transaction."""
    paused: set[int] = set()

    def after(conn, cursor, statement, *args):
        if '"case"' in statement and threading.get_ident() not in paused:
            paused.add(threading.get_ident())
            time.sleep(pause)

    event.listen(engine, "after_cursor_execute", after)
    try:
        yield
    finally:
        event.remove(engine, "after_cursor_execute", after)


def race(first: Callable[[], object], second: Callable[[], object]) -> list[str]:
    barrier = threading.Barrier(2, timeout=10)

    def run(decide: Callable[[], object]) -> str:
        barrier.wait()
        try:
            decide()
        except StaleCase:
            return "stale"
        return "won"

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(run, first), pool.submit(run, second)]
        return [f.result(timeout=30) for f in futures]


def check_one_winner(store, case_id: int, shown: int, results: list[str]) -> str:
    assert sorted(results) == ["stale", "won"], results
    with Session(store.engine) as session:
        case = session.get_one(Case, case_id)
        kinds = [e.kind for e in session.exec(select(CaseEvent).where(CaseEvent.case_id == case_id))]
        remedies = session.exec(
            select(CaseRemedy).where(CaseRemedy.case_id == case_id).order_by(col(CaseRemedy.id))
        ).all()
    assert case.version == shown + 1
    decided = [k for k in kinds if k in DECISION_KINDS]
    assert len(decided) == 1, kinds
    # The stored state is the winner's, whole: no mixture of the two decisions.
    if decided == ["approve"]:
        assert case.status == "accepted" and [r.status for r in remedies] == ["approved"]
    else:
        assert case.status == "countered" and [r.status for r in remedies] == ["declined", "offered"]
    return decided[0]


def approve_or_counter(store, slow: bool) -> set[str]:
    dana, lee = two_managers(store)
    winners = set()
    for round_no in range(ROUNDS if not slow else 6):
        case_id = open_case(store.engine)
        if round_no % 2:  # a case someone already looked at (first_response_at set): no other write serialises them
            decisions.add_note(store.engine, dana, case_id, "Looking into it")
        with Session(store.engine) as session:
            shown = session.get_one(Case, case_id).version
        approve = lambda: decisions.approve_proposal(store.engine, dana, case_id, shown)  # noqa: E731, B023 - raced in this round
        counter = lambda: decisions.counter_offer(store.engine, lee, case_id, shown, "A return visit", 8900)  # noqa: E731, B023 - raced in this round
        if slow:
            with slow_transactions(store.engine):
                results = race(approve, counter)
        else:
            results = race(approve, counter)
        winners.add(check_one_winner(store, case_id, shown, results))
    return winners


def same_decision_twice(store) -> None:
    dana, lee = two_managers(store)
    for round_no in range(ROUNDS):
        case_id = open_case(store.engine)
        if round_no % 2:
            decisions.add_note(store.engine, dana, case_id, "Looking into it")
        with Session(store.engine) as session:
            shown = session.get_one(Case, case_id).version
        results = race(
            partial(decisions.approve_proposal, store.engine, dana, case_id, shown),
            partial(decisions.approve_proposal, store.engine, lee, case_id, shown),
        )
        assert check_one_winner(store, case_id, shown, results) == "approve"


@pytest.mark.postgres
def test_postgres_approve_against_counter(postgres_store):
    approve_or_counter(postgres_store, slow=False)


@pytest.mark.postgres
def test_postgres_both_inside_their_transactions(postgres_store):
    approve_or_counter(postgres_store, slow=True)


@pytest.mark.postgres
def test_postgres_two_approvals(postgres_store):
    same_decision_twice(postgres_store)


def test_sqlite_approve_against_counter(sqlite_store):
    approve_or_counter(sqlite_store, slow=False)


def test_sqlite_both_inside_their_transactions(sqlite_store):
    approve_or_counter(sqlite_store, slow=True)


def test_sqlite_two_approvals(sqlite_store):
    same_decision_twice(sqlite_store)
