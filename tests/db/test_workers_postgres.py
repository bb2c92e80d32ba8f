"""Several workers at once on PostgreSQL: every message delivered exactly once, check-ins queued once,
claims that skip each other's locked rows instead of waiting, and concurrent enqueues of one key."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from db.engine import write_session
from db.models import CheckIn, OutboxMessage, utcnow
from portal.config import get_settings
from portal.delivery import outbox
from portal.delivery.outbox import Email
from portal.recovery import followup
from tests.portal.test_followup import fulfilled_case
from tests.portal.test_mailer import SmtpSink, add_message, rows
from tests.support import present, row_id

pytestmark = pytest.mark.postgres

MESSAGES = 50


class SlowTransport:
    """The sink's SMTP transport, a little slower per message, so that the workers' passes overlap."""

    def __init__(self, sink: SmtpSink) -> None:
        self.inner = sink.transport()

    def send(self, message) -> None:
        time.sleep(0.005)
        self.inner.send(message)

    def close(self) -> None:
        self.inner.close()


def run_together(count: int, work) -> None:
    barrier = threading.Barrier(count)
    failures: list[BaseException] = []

    def run(index: int) -> None:
        barrier.wait()
        try:
            work(index)
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures


def test_two_workers_deliver_every_message_exactly_once(postgres_store):
    engine = postgres_store.engine
    for n in range(MESSAGES):
        add_message(engine, f"customer{n}@example.com")
    reports: dict[str, outbox.DeliveryReport] = {}

    with SmtpSink() as sink:

        def work(index: int) -> None:
            name = f"worker-{index}"
            reports[name] = outbox.deliver(
                engine, SlowTransport(sink), sender=get_settings().sender, worker=name, batch=5
            )

        run_together(2, work)

    stored = rows(engine)
    received = sink.message_ids()
    assert len(received) == MESSAGES and sorted(received) == sorted(r.message_id for r in stored)
    assert {(r.status, r.attempts) for r in stored} == {("sent", 1)}
    assert sum(r.sent for r in reports.values()) == MESSAGES
    assert all(r.sent > 0 for r in reports.values()), {n: r.sent for n, r in reports.items()}  # both really worked
    by_worker = {name: {row_id(r) for r in stored if r.claimed_by == name} for name in reports}
    assert by_worker["worker-0"].isdisjoint(by_worker["worker-1"])
    assert {i for ids in by_worker.values() for i in ids} == {r.id for r in stored}
    for name, report in reports.items():
        assert sorted(report.sent_ids) == sorted(by_worker[name])


def test_a_claim_skips_rows_another_worker_has_locked_instead_of_waiting(postgres_store):
    engine = postgres_store.engine
    for n in range(10):
        add_message(engine, f"c{n}@example.com")
    ids = [r.id for r in rows(engine)]
    claimed: list[int] = []
    with Session(engine) as holder:  # another worker, mid-claim: its first five rows are locked
        locked = [
            r.id for r in holder.exec(select(OutboxMessage).order_by(col(OutboxMessage.id)).limit(5).with_for_update())
        ]
        claiming = threading.Thread(
            target=lambda: claimed.extend(row_id(r) for r in outbox.claim(engine, "other", limit=5))
        )
        claiming.start()
        claiming.join(timeout=3)
        waited = claiming.is_alive()  # a claim without SKIP LOCKED would wait here for the holder
        holder.rollback()
    claiming.join()
    assert locked == ids[:5]
    assert not waited and claimed == ids[5:]


def test_two_workers_queue_each_due_check_in_once(postgres_store):
    case_ids = [fulfilled_case(postgres_store, email=f"c{n}@example.com") for n in range(6)]
    with Session(postgres_store.engine) as session:
        due = max(c.due_at for c in session.exec(select(CheckIn)))
    counts: list[int] = []
    run_together(3, lambda _i: counts.append(followup.enqueue_due_checkins(postgres_store.engine, now=due)))
    assert sum(counts) == len(case_ids)
    checkin_mails = [m for m in rows(postgres_store.engine) if m.kind == "checkin"]
    assert sorted(present(m.case_id, "a case on a check-in mail") for m in checkin_mails) == sorted(case_ids)


def test_concurrent_enqueues_of_one_key_keep_one_message_and_both_transactions_commit(postgres_store):
    engine = postgres_store.engine
    committed: list[int] = []

    def work(index: int) -> None:
        with write_session(engine) as session:
            row = outbox.enqueue(
                session,
                Email("case_received", "alex@example.com", "Hi", f"from {index}", "<p>x</p>"),
                dedup_key="same-key",
                sender=get_settings().sender,
            )
            session.flush()
            time.sleep(0.2)  # both inside their transactions at once
            add = OutboxMessage(
                kind="case_received",
                dedup_key=f"own-{index}",
                message_id=f"<own-{index}@x>",
                to_address="x@example.com",
                subject="own",
                body_text="",
                body_html="",
                next_attempt_at=utcnow() + timedelta(days=1),
            )
            session.add(add)
            committed.append(row_id(row))

    run_together(2, work)
    keys = sorted(r.dedup_key for r in rows(engine))
    assert keys == ["own-0", "own-1", "same-key"] and len(set(committed)) == 1
