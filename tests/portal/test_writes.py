"""Whether a value a page keeps across reruns is still current: this process's commits count at once, another
process's writes once the ttl has passed (the customer's case page keeps its case this way)."""

from __future__ import annotations

import pytest
from sqlalchemy import text, update

from db.engine import write_session
from db.models import Case, CaseEvent, StaffMember
from portal import writes
from portal.recovery import decisions
from portal.recovery.cases import CASE_WRITES, current_customer_view
from portal.writes import TTL_SECONDS
from tests.support import manager


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    now = [1000.0]
    monkeypatch.setattr(writes.time, "monotonic", lambda: now[0])
    return now


def test_a_commit_that_writes_a_watched_row_counts_and_nothing_else_does(store, open_case):
    case_id = open_case()
    before = CASE_WRITES.count
    with write_session(store.engine) as session:  # a table the case page does not show
        session.add(CaseEvent(case_id=case_id, kind="note_read", actor="test"))
    assert CASE_WRITES.count == before
    with pytest.raises(RuntimeError), write_session(store.engine) as session:
        session.get_one(Case, case_id).category = "billing"
        session.flush()
        raise RuntimeError("rolled back")
    assert CASE_WRITES.count == before
    with write_session(store.engine) as session:
        session.get_one(Case, case_id).category = "billing"
    assert CASE_WRITES.count == before + 1
    with write_session(store.engine) as session:  # a bulk update never flushes
        session.execute(update(StaffMember).values(title="Customer care"))
    assert CASE_WRITES.count == before + 2


def test_a_write_committed_while_a_value_loads_leaves_that_value_stale():
    watch = writes.Watch("test_race", StaffMember)

    def load_then_write() -> str:
        watch.bump()
        return "read before the write"

    kept = watch.keep(load_then_write)
    assert not kept.current()


def test_the_case_page_keeps_its_case_until_a_change_in_this_process(store, clock, open_case):
    case_id = open_case()
    kept = current_customer_view(None, store.engine, case_id)
    assert current_customer_view(kept, store.engine, case_id) is kept
    clock[0] += TTL_SECONDS * 10  # any change in this process shows at once, so only the ttl bounds the rest
    assert current_customer_view(kept, store.engine, case_id) is not kept
    kept = current_customer_view(None, store.engine, case_id)
    decisions.approve_proposal(store.engine, manager(store), case_id, kept.value.version)
    again = current_customer_view(kept, store.engine, case_id)
    assert (kept.value.status, again.value.status) == ("awaiting_approval", "accepted")
    assert current_customer_view(again, store.engine, other := open_case()).value.id == other


def test_a_change_made_by_another_process_shows_once_the_ttl_has_passed(store, clock, open_case):
    case_id = open_case()
    kept = current_customer_view(None, store.engine, case_id)
    with store.engine.begin() as connection:  # plain SQL, as another replica or the worker's process would
        connection.execute(text("UPDATE \"case\" SET status = 'accepted'"))
    clock[0] += TTL_SECONDS - 0.5
    assert current_customer_view(kept, store.engine, case_id).value.status == "awaiting_approval"
    clock[0] += 1.0
    assert current_customer_view(kept, store.engine, case_id).value.status == "accepted"
