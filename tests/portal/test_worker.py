"""The worker against a real SMTP server: nothing lost while SMTP is down, nothing doubled when it is back or
when a worker restarts; due check-ins go out in the same pass; `portal worker --once`."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from db.engine import write_session
from db.models import OutboxMessage, utcnow
from portal.cli import app
from portal.config import get_settings
from portal.delivery import outbox, worker
from portal.delivery.outbox import LEASE, MessageStatus
from tests.portal.test_followup import fulfilled_case
from tests.portal.test_mailer import SmtpSink, add_message, body_of, free_port, rows


def smtp_settings(monkeypatch, port: int):
    monkeypatch.setenv("PORTAL_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PORTAL_SMTP_PORT", str(port))
    monkeypatch.setenv("PORTAL_SMTP_SECURITY", "none")
    monkeypatch.setenv("PORTAL_SMTP_TIMEOUT_SECONDS", "5")
    get_settings.cache_clear()
    return get_settings()


def test_smtp_down_then_back_loses_nothing_and_doubles_nothing(sqlite_store, monkeypatch):
    engine = sqlite_store.engine
    settings = smtp_settings(monkeypatch, free_port())  # nothing listens there yet
    for n in range(3):
        add_message(engine, f"customer{n}@example.com")
    now = utcnow()

    down = worker.run_once(engine, settings, clock=lambda: now)

    assert (down.sent, down.retried, down.failed) == (0, 3, 0) and "Connection refused" in (down.unavailable or "")
    for row in rows(engine):
        assert (row.status, row.attempts, row.claimed_by is not None) == ("pending", 1, True)
        assert row.next_attempt_at == now + timedelta(minutes=1) and "Cannot use the mail server" in row.last_error
    still_down = worker.run_once(engine, settings, clock=lambda: now + timedelta(seconds=30))  # backing off: no try
    assert (still_down.sent, still_down.retried) == (0, 0) and {r.attempts for r in rows(engine)} == {1}
    again = worker.run_once(engine, settings, clock=lambda: now + timedelta(minutes=1))
    assert again.retried == 3 and {r.attempts for r in rows(engine)} == {2}
    assert {r.next_attempt_at for r in rows(engine)} == {now + timedelta(minutes=3)}  # 1 minute, then 2

    with SmtpSink(port=settings.smtp_port) as sink:  # the server is back, on the same port
        back = worker.run_once(engine, settings, clock=lambda: now + timedelta(minutes=3))
        later = worker.run_once(engine, settings, clock=lambda: now + timedelta(hours=1))

    assert (back.sent, back.retried, back.failed, back.unavailable) == (3, 0, 0, None)
    assert later.sent == 0
    stored = rows(engine)
    assert sorted(sink.message_ids()) == sorted(r.message_id for r in stored)  # each exactly once
    assert sorted(to for _from, [to] in sink.envelopes) == [f"customer{n}@example.com" for n in range(3)]
    assert {(r.status, r.attempts, r.last_error) for r in stored} == {("sent", 3, "")}


def test_a_worker_that_died_mid_send_is_replaced_and_a_live_claim_is_left_alone(sqlite_store):
    engine = sqlite_store.engine
    orphan = add_message(engine, "orphan@example.com")
    busy = add_message(engine, "busy@example.com")
    waiting = add_message(engine, "waiting@example.com")
    now = utcnow()
    with write_session(engine) as session:
        for row_id, who, when in (
            (orphan.id, "dead-worker", now - LEASE - timedelta(seconds=1)),
            (busy.id, "live-worker", now - timedelta(minutes=1)),
        ):
            row = session.get_one(OutboxMessage, row_id)
            row.status, row.claimed_by, row.claimed_at, row.attempts = "sending", who, when, 1

    with SmtpSink() as sink:
        first = outbox.deliver(
            engine, sink.transport(), sender=get_settings().sender, worker="new-worker", clock=lambda: now
        )
        second = outbox.deliver(
            engine,
            sink.transport(),
            sender=get_settings().sender,
            worker="new-worker",
            clock=lambda: now + timedelta(minutes=1),
        )

    assert (first.sent, second.sent) == (2, 0)
    assert sorted(sink.message_ids()) == sorted([orphan.message_id, waiting.message_id])  # once each
    by_id = {r.id: r for r in rows(engine)}
    assert (by_id[orphan.id].status, by_id[orphan.id].attempts, by_id[orphan.id].claimed_by) == (
        "sent",
        2,
        "new-worker",
    )
    assert (by_id[busy.id].status, by_id[busy.id].claimed_by, by_id[busy.id].sent_at) == (
        "sending",
        "live-worker",
        None,
    )
    assert by_id[waiting.id].status == "sent"


def test_a_crash_between_sending_and_marking_resends_once_with_the_same_message_id(sqlite_store, monkeypatch):
    """The documented limit: SMTP is at-least-once across a crash; the Message-ID makes the resend recognisable."""
    engine = sqlite_store.engine
    message = add_message(engine, "alex@example.com")
    now = utcnow()

    def crash(*_args, **_kwargs):
        raise KeyboardInterrupt("the worker was killed")

    with SmtpSink() as sink:
        with monkeypatch.context() as patch:
            patch.setattr(outbox, "mark_sent", crash)
            with pytest.raises(KeyboardInterrupt):
                outbox.deliver(engine, sink.transport(), sender=get_settings().sender, worker="w1", clock=lambda: now)
        assert rows(engine)[0].status == "sending"  # accepted by SMTP, not marked
        assert (
            outbox.deliver(
                engine,
                sink.transport(),
                sender=get_settings().sender,
                worker="w2",
                clock=lambda: now + timedelta(minutes=5),
            ).sent
            == 0
        )  # leased: not yet
        resent = outbox.deliver(
            engine, sink.transport(), sender=get_settings().sender, worker="w2", clock=lambda: now + LEASE
        )
    assert resent.sent == 1 and sink.message_ids() == [message.message_id, message.message_id]
    assert rows(engine)[0].status == "sent"


def test_a_pass_sends_the_check_ins_that_are_due(sqlite_store):
    engine = sqlite_store.engine
    case_id = fulfilled_case(sqlite_store)
    with SmtpSink() as sink:
        settings = get_settings()
        early = worker.run_once(engine, settings, transport=sink.transport(), clock=utcnow)
        due = utcnow() + timedelta(days=3, minutes=1)
        report = worker.run_once(engine, settings, transport=sink.transport(), clock=lambda: due)
    assert (early.checkins_queued, early.sent) == (0, 3)  # case received, proposal approved, fulfilled
    assert (report.checkins_queued, report.sent) == (1, 1)
    checkin_mail = sink.messages()[-1]
    assert str(checkin_mail["Subject"]).startswith("Did we make it right?") and checkin_mail["To"] == "alex@example.com"
    assert "?t=" in body_of(checkin_mail, "plain")
    assert {r.case_id for r in rows(engine)} == {case_id}


def test_two_workers_on_sqlite_still_send_each_message_once(sqlite_store):
    engine = sqlite_store.engine
    for n in range(12):
        add_message(engine, f"c{n}@example.com")
    with SmtpSink() as sink:
        barrier = threading.Barrier(2)

        def work(name: str) -> None:
            barrier.wait()
            outbox.deliver(engine, sink.transport(), sender=get_settings().sender, worker=name, batch=3)

        threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(sink.message_ids()) == sorted(r.message_id for r in rows(engine))
    assert {r.status for r in rows(engine)} == {MessageStatus.SENT}


def test_run_forever_passes_until_stopped_and_survives_a_failing_pass(sqlite_store, monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_OUTBOX_DIR", str(tmp_path))
    get_settings.cache_clear()
    stop = threading.Event()
    passes: list[worker.PassReport] = []
    errors: list[Exception] = []
    calls = iter([RuntimeError("database restarting")])
    real = worker.run_once

    def flaky(*args, **kwargs):
        error = next(calls, None)
        if error:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(worker, "run_once", flaky)

    def on_pass(report) -> None:
        passes.append(report)
        stop.set()

    add_message(sqlite_store.engine)
    worker.run_forever(
        sqlite_store.engine, get_settings(), interval=0.01, stop=stop, on_pass=on_pass, on_error=errors.append
    )
    assert [str(e) for e in errors] == ["database restarting"] and passes[0].sent == 1
    assert len(list(tmp_path.glob("*.eml"))) == 1


def test_portal_worker_once_prints_counts_and_writes_eml_files_in_the_demo(sqlite_store, monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_OUTBOX_DIR", str(tmp_path / "outbox"))
    get_settings.cache_clear()
    fulfilled_case(sqlite_store)

    result = CliRunner().invoke(app, ["worker", "--once"])

    assert result.exit_code == 0, result.output
    assert f"Delivering to folder {tmp_path / 'outbox'}" in result.output
    assert "check-ins queued: 0, sent: 3, retry later: 0, failed: 0" in result.output
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "outbox").glob("*.eml")) == [
        "case_received",
        "decision",
        "fulfilled",
    ]
    again = CliRunner().invoke(app, ["worker", "--once"])
    assert "sent: 0" in again.output and len(list((tmp_path / "outbox").glob("*.eml"))) == 3
    with Session(sqlite_store.engine) as session:
        assert {m.status for m in session.exec(select(OutboxMessage))} == {"sent"}


def test_the_demo_can_send_a_check_in_before_it_is_due(sqlite_store, monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_OUTBOX_DIR", str(tmp_path))
    get_settings.cache_clear()
    fulfilled_case(sqlite_store)
    assert (
        "check-ins queued: 0, sent: 3" in CliRunner().invoke(app, ["worker", "--once", "--checkins-ahead", "2"]).output
    )

    result = CliRunner().invoke(app, ["worker", "--once", "--checkins-ahead", "3"])

    assert "check-ins queued: 1, sent: 1" in result.output
    assert len(list(tmp_path.glob("checkin-*.eml"))) == 1


def test_skipping_ahead_is_refused_outside_the_demo_and_without_once(sqlite_store, monkeypatch):
    fulfilled_case(sqlite_store)
    assert CliRunner().invoke(app, ["worker", "--checkins-ahead", "3"]).exit_code == 2
    for name, value in {
        "PORTAL_MODE": "production",
        "PORTAL_SECRET_KEY": "a-long-random-production-key-0123456789",
        "PORTAL_BASE_URL": "https://help.example.com",
        "PORTAL_OWNER_EMAIL": "care@example.com",
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    refused = CliRunner().invoke(app, ["worker", "--once", "--checkins-ahead", "3"])
    assert refused.exit_code == 2 and "only works in demo mode" in refused.output
    with Session(sqlite_store.engine) as session:
        assert not [m for m in session.exec(select(OutboxMessage)) if m.kind == "checkin"]


def test_portal_demo_prints_both_customer_links_the_staff_login_and_where_emails_go(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.setenv("PORTAL_OUTBOX_DIR", str(tmp_path / "outbox"))
    get_settings.cache_clear()

    result = CliRunner().invoke(app, ["demo", "--no-serve"])

    assert result.exit_code == 0, result.output
    assert "Customer link (personal invite): http://localhost:8501/?t=" in result.output
    assert "Customer link (public):          http://localhost:8501/" in result.output
    assert "Staff login: http://localhost:8501/staff" in result.output
    assert f"confirmation codes too): folder {tmp_path / 'outbox'}" in result.output
