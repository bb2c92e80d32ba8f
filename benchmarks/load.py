#!/usr/bin/env python
"""Load and crash test of case submission (``portal.recovery.cases.submit_case``) on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/load.py
    .venv/bin/python benchmarks/load.py --postgres-url postgresql+psycopg://postgres@127.0.0.1:5432/test
    .venv/bin/python benchmarks/load.py --no-postgres

For each backend, on a fresh store (SQLite: a file in a temp dir; PostgreSQL: a throwaway database
created next to the ``--postgres-url`` admin database and dropped at the end), migrated and seeded:

1. Concurrent submissions: ``--cases`` realistic journeys built through portal.recovery.journey (each with its
   own submission key, a catalog remedy or a proposal, sometimes a gift) are submitted from ``--threads``
   threads; ``--double-clicks`` of them are submitted twice, the second right behind the first in the
   work queue so that two threads race on the same key. Then the rows are counted: one case per key,
   every Receipt's reference present, exactly one ``created=True`` per key and the same reference for
   both clicks, and every case complete (customer, its rounds, its remedies, its opening event, its
   link). A bare baseline (one-column INSERTs, one transaction each, same engine, same threads) is
   timed in the same run; the ratio is per operation.
2. Killed mid-submission: ``--kills`` times, a child process (benchmarks/_child_submit.py, its own
   engine) submits cases in a loop and prints each reference once submit_case has returned; it is
   SIGKILLed at a random moment. Then every printed reference must exist and no case may be
   half-written, and no row may be orphaned.
3. SMTP down for the whole run, then back: the worker (``portal.delivery.worker.run_once``) is pointed at a real
   SMTP address on 127.0.0.1 where nothing listens. ``--mail-cases`` more cases are submitted from
   ``--threads`` threads while ``--outage-passes`` worker passes run (its clock jumped past every
   backoff, so each pass really tries): every message must stay pending, none failed. Then a real SMTP
   server (aiosmtpd) starts on that port and worker passes run until the outbox holds nothing pending.
   Expected is one email per outbox row (those of 1. and 2. included: nothing was delivered before);
   the server's received Message-IDs are counted against them: delivered, duplicated, still pending,
   failed, lost (marked sent but never received, or a case without its "case received" email). A bare
   baseline (smtplib sending as many small messages over one connection to the same server) is timed
   in the same run; the ratio is per message.

Exit status 1 if anything is lost, duplicated, half-written, orphaned or failed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, however the script is started

import argparse
import os
import random
import shutil
import signal
import smtplib
import socket
import subprocess
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.parser import BytesHeaderParser

from aiosmtpd.controller import Controller
from sqlalchemy import Engine, event, text
from sqlalchemy.exc import IntegrityError

from benchmarks._child_submit import build_journey, load_catalog
from db.engine import get_engine, is_postgres, write_session
from db.migrate import upgrade
from db.models import utcnow
from db.scratch import scratch_postgres
from portal.config import Settings, get_settings
from portal.delivery.emails import KIND_CASE_RECEIVED
from portal.delivery.outbox import BACKOFF_CAP, MessageStatus
from portal.delivery.worker import run_once
from portal.recovery.cases import Receipt, RemedyChoice, submit_case
from portal.recovery.journey import Draft
from portal.seed import seed_demo

CHILD = Path(__file__).resolve().parent / "_child_submit.py"
DEFAULT_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


# ---------------------------------------------------------------------------------------------- stores


@contextmanager
def sqlite_store() -> Iterator[str]:
    folder = Path(tempfile.mkdtemp(prefix="amends-load-"))
    url = f"sqlite:///{folder / 'amends.db'}"
    try:
        yield url
    finally:
        get_engine(url).dispose()
        shutil.rmtree(folder, ignore_errors=True)


def prepare(url: str) -> Engine:
    upgrade(url)
    engine = get_engine(url)
    seed_demo(engine, get_settings())
    return engine


# ------------------------------------------------------------------------------------------ checks

HALF_WRITTEN_SQL = """
SELECT c.id FROM "case" c
WHERE NOT EXISTS (SELECT 1 FROM customer u WHERE u.id = c.customer_id)
   OR NOT EXISTS (SELECT 1 FROM conversation_round r WHERE r.case_id = c.id)
   OR NOT EXISTS (SELECT 1 FROM case_remedy m WHERE m.case_id = c.id)
   OR NOT EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.kind IN ('open_accepted', 'open_proposed'))
   OR NOT EXISTS (SELECT 1 FROM access_token t WHERE t.case_id = c.id AND t.purpose = 'case')
"""

ORPHAN_SQL = {
    "customers": 'SELECT count(*) FROM customer u WHERE NOT EXISTS (SELECT 1 FROM "case" c WHERE c.customer_id = u.id)',
    "rounds": 'SELECT count(*) FROM conversation_round r WHERE NOT EXISTS (SELECT 1 FROM "case" c WHERE c.id = r.case_id)',
    "remedies": 'SELECT count(*) FROM case_remedy m WHERE NOT EXISTS (SELECT 1 FROM "case" c WHERE c.id = m.case_id)',
    "events": "SELECT count(*) FROM case_event e WHERE e.case_id IS NOT NULL "
    'AND NOT EXISTS (SELECT 1 FROM "case" c WHERE c.id = e.case_id)',
    "tokens": "SELECT count(*) FROM access_token t WHERE t.case_id IS NOT NULL "
    'AND NOT EXISTS (SELECT 1 FROM "case" c WHERE c.id = t.case_id)',
    "outbox": "SELECT count(*) FROM outbox_message o WHERE o.case_id IS NOT NULL "
    'AND NOT EXISTS (SELECT 1 FROM "case" c WHERE c.id = o.case_id)',
}


def half_written(engine: Engine) -> list[int]:
    with engine.connect() as conn:
        return [row[0] for row in conn.execute(text(HALF_WRITTEN_SQL))]


def orphans(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {name: conn.execute(text(sql)).scalar_one() for name, sql in ORPHAN_SQL.items()}


def sqlite_integrity(engine: Engine) -> str:
    if is_postgres(engine):
        return "n/a"
    with engine.connect() as conn:
        return ", ".join(row[0] for row in conn.execute(text("PRAGMA integrity_check")))


# --------------------------------------------------------------------------- 1. concurrent submissions


@dataclass
class LoadResult:
    backend: str
    calls: int
    cases_expected: int
    seconds: float
    cases_found: int = 0
    lost: int = 0
    duplicated: int = 0
    incomplete: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    races: int = 0  # IntegrityErrors raised inside submit_case (the "someone else won" path)
    baseline_ops: int = 0
    baseline_seconds: float = 0.0
    baseline_errors: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


def _warm_up(engine: Engine, threads: int) -> None:
    """Open as many pooled connections as there are threads, so neither timing pays for connecting."""
    barrier = threading.Barrier(threads)

    def hold() -> None:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            barrier.wait(timeout=30)

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda _: hold(), range(threads)))


def baseline(engine: Engine, threads: int, count: int) -> tuple[float, Counter[str]]:
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE bench_baseline (note VARCHAR(64) NOT NULL)"))
    errors: Counter[str] = Counter()

    def insert(i: int) -> None:
        try:
            with write_session(engine) as session:
                session.execute(text("INSERT INTO bench_baseline (note) VALUES (:note)"), {"note": f"row {i}"})
        except Exception as error:  # noqa: BLE001 - counted and reported
            errors[type(error).__name__] += 1

    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(insert, range(count)))
    seconds = time.perf_counter() - start
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT count(*) FROM bench_baseline")).scalar_one()
    if rows != count - sum(errors.values()):
        errors["baseline rows missing"] += 1
    return seconds, errors


def concurrent_submissions(
    backend: str, engine: Engine, rng: random.Random, cases: int, double_clicks: int, threads: int
) -> LoadResult:
    catalog = load_catalog(engine)
    journeys: list[tuple[Draft, RemedyChoice]] = [build_journey(rng, catalog) for _ in range(cases)]
    twice = set(rng.sample(range(cases), double_clicks))
    tasks: list[int] = []
    for i in range(cases):
        tasks.append(i)
        if i in twice:
            tasks.append(i)  # right behind the first click: two idle threads take both at once

    races = 0
    lock = threading.Lock()

    def count_integrity_errors(context) -> None:
        nonlocal races
        if isinstance(context.sqlalchemy_exception, IntegrityError):
            with lock:
                races += 1

    event.listen(engine, "handle_error", count_integrity_errors)
    receipts: dict[int, list[Receipt]] = defaultdict(list)
    errors: Counter[str] = Counter()

    def submit(i: int) -> None:
        draft, choice = journeys[i]
        try:
            # The benchmark vouches for its made-up addresses (no emailed code to confirm, no hourly limit).
            receipt = submit_case(engine, draft, choice, trusted_caller="benchmarks/load.py")
        except Exception as error:  # noqa: BLE001 - counted and reported
            with lock:
                errors[f"{type(error).__name__}: {str(error).splitlines()[0][:80]}"] += 1
            return
        with lock:
            receipts[i].append(receipt)

    _warm_up(engine, threads)
    start = time.perf_counter()
    try:
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(submit, tasks))
    finally:
        seconds = time.perf_counter() - start
        event.remove(engine, "handle_error", count_integrity_errors)

    result = LoadResult(backend, len(tasks), cases, seconds, errors=errors, races=races)
    verify_submissions(engine, journeys, receipts, result)
    return result


def verify_submissions(
    engine: Engine, journeys: list[tuple[Draft, RemedyChoice]], receipts: dict[int, list[Receipt]], result: LoadResult
) -> None:
    with engine.connect() as conn:
        rows = conn.execute(text('SELECT id, reference, submission_key, customer_id, status FROM "case"')).all()
        rounds: dict[int, int] = dict(
            conn.execute(text("SELECT case_id, count(*) FROM conversation_round GROUP BY case_id")).all()
        )
        remedies: dict[int, int] = dict(
            conn.execute(text("SELECT case_id, count(*) FROM case_remedy GROUP BY case_id")).all()
        )
        openings = conn.execute(
            text("SELECT case_id, to_status FROM case_event WHERE kind IN ('open_accepted', 'open_proposed')")
        ).all()
        customers: dict[int, str] = dict(conn.execute(text("SELECT id, email FROM customer")).all())
        tokens: dict[int, int] = dict(
            conn.execute(
                text("SELECT case_id, count(*) FROM access_token WHERE purpose = 'case' GROUP BY case_id")
            ).all()
        )
    result.cases_found = len(rows)
    by_key: dict[str, list] = defaultdict(list)
    for row in rows:
        by_key[row.submission_key].append(row)
    by_reference = {row.reference: row for row in rows}
    opening_count = Counter(case_id for case_id, _ in openings)
    opening_status = {case_id: status for case_id, status in openings}
    keys = {draft.submission_key for draft, _ in journeys}

    # Duplicates: more than one case for a key, a case for a key we never sent, or clicks that disagree.
    for key, cases in by_key.items():
        if len(cases) > 1:
            result.duplicated += len(cases) - 1
            result.problems.append(f"{len(cases)} cases share submission_key {key[:8]}…")
        if key not in keys:
            result.duplicated += 1
            result.problems.append(f"case {cases[0].reference} has an unknown submission_key")
    for i, got in receipts.items():
        created = sum(r.created for r in got)
        # Which click wins is up to the scheduler; exactly one created=True and one reference is what matters.
        if created != 1 or len({(r.case_id, r.reference) for r in got}) != 1:
            result.duplicated += 1
            result.problems.append(
                f"draft {i}: created={[r.created for r in got]} references={[r.reference for r in got]}"
            )
    # Lost: a Receipt whose reference is not in the store (or belongs to another key).
    for i, got in receipts.items():
        key = journeys[i][0].submission_key
        for receipt in got:
            stored = by_reference.get(receipt.reference)
            if stored is None or stored.submission_key != key or stored.id != receipt.case_id:
                result.lost += 1
                result.problems.append(f"draft {i}: receipt {receipt.reference} not found for its key")
    # Every draft that was submitted without an error must have its case.
    for i, (draft, _) in enumerate(journeys):
        if i not in receipts and draft.submission_key in by_key:
            result.problems.append(f"draft {i}: failed for the caller but its case exists")
    incomplete: set[int] = set()
    # Complete: customer, its rounds, its remedies (and gift), one opening event matching the status, a link.
    for i, (draft, choice) in enumerate(journeys):
        for row in by_key.get(draft.submission_key, [])[:1]:
            wanted_remedies = 1 + (choice.gift_option_id is not None)
            missing = []
            if customers.get(row.customer_id) != draft.email_normalized:
                missing.append("customer")
            if rounds.get(row.id, 0) != len(draft.rounds):
                missing.append(f"rounds {rounds.get(row.id, 0)}/{len(draft.rounds)}")
            if remedies.get(row.id, 0) != wanted_remedies:
                missing.append(f"remedies {remedies.get(row.id, 0)}/{wanted_remedies}")
            if opening_count[row.id] != 1 or opening_status.get(row.id) != row.status:
                missing.append(f"opening events {opening_count[row.id]}")
            if tokens.get(row.id, 0) != len(receipts.get(i, [])):
                missing.append(f"case links {tokens.get(row.id, 0)}/{len(receipts.get(i, []))}")
            if missing:
                incomplete.add(row.id)
                result.problems.append(f"case {row.reference}: " + ", ".join(missing))
    if result.cases_found != result.cases_expected:
        result.problems.append(f"{result.cases_found} cases in the store for {result.cases_expected} submissions")
    hw, orphan = half_written(engine), orphans(engine)
    if hw:
        result.problems.append(f"half-written cases (ids): {hw[:10]}")
    result.incomplete = len(incomplete | set(hw))
    if any(orphan.values()):
        result.problems.append(f"orphans: {orphan}")


# -------------------------------------------------------------------------------- 2. killed children


@dataclass
class KillResult:
    backend: str
    kills: int
    confirmed: int = 0
    found: int = 0
    committed_unconfirmed: int = 0
    half_written: int = 0
    orphans: dict[str, int] = field(default_factory=dict)
    integrity: str = ""
    rolled_back: int | None = None  # PostgreSQL: customer ids taken by transactions the kill rolled back
    kill_after: list[tuple[float, float]] = field(default_factory=list)  # (since start, since writing)
    problems: list[str] = field(default_factory=list)


def run_child(url: str, seed: int, delay: float, problems: list[str]) -> tuple[list[str], float]:
    """Start the child, kill it ``delay`` seconds after it starts writing; the references it confirmed."""
    stderr = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, str(CHILD), url, str(seed)],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        bufsize=1,
        cwd=ROOT,
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if not line.endswith("\n"):
                break  # cut off by the kill: not a complete confirmation
            if line == "READY\n":
                ready.set()
            else:
                lines.append(line.strip())
        ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    started = time.perf_counter()
    if not ready.wait(timeout=60):
        problems.append("child never became ready")
    time.sleep(delay)
    alive = process.poll() is None
    if alive:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    reader.join(timeout=10)
    if not alive or process.returncode != -signal.SIGKILL:
        stderr.seek(0)
        tail = stderr.read().decode(errors="replace").strip().splitlines()[-3:]
        problems.append(f"child exited by itself ({process.returncode}): {' | '.join(tail)}")
    stderr.close()
    return lines, time.perf_counter() - started


def _customer_ids_taken(conn) -> tuple[int, int] | None:
    """PostgreSQL: (ids handed out by customer's sequence, customer rows); None on SQLite (ids are reused)."""
    if conn.dialect.name != "postgresql":
        return None
    taken = conn.execute(
        text("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM customer_id_seq")
    ).scalar_one()
    return taken, conn.execute(text("SELECT count(*) FROM customer")).scalar_one()


def killed_children(backend: str, url: str, engine: Engine, rng: random.Random, kills: int) -> KillResult:
    result = KillResult(backend, kills)
    with engine.connect() as conn:
        before = {row[0] for row in conn.execute(text('SELECT reference FROM "case"'))}
        ids_before = _customer_ids_taken(conn)
    confirmed: list[str] = []
    for _ in range(kills):
        delay = rng.uniform(0.3, 1.3)
        lines, elapsed = run_child(url, rng.randrange(2**31), delay, result.problems)
        confirmed.extend(lines)
        result.kill_after.append((elapsed, delay))
    with engine.connect() as conn:
        after = {row[0] for row in conn.execute(text('SELECT reference FROM "case"'))}
        ids_after = _customer_ids_taken(conn)
    if ids_before is not None and ids_after is not None:
        # Every submission takes one customer id from the sequence; ids that no row kept belong to
        # transactions that were killed after inserting the customer and before committing.
        result.rolled_back = (ids_after[0] - ids_before[0]) - (ids_after[1] - ids_before[1])
    result.confirmed = len(confirmed)
    result.found = sum(reference in after for reference in confirmed)
    if len(set(confirmed)) != len(confirmed):
        result.problems.append("the child printed a reference twice")
    result.committed_unconfirmed = len(after - before - set(confirmed))
    hw = half_written(engine)
    result.half_written = len(hw)
    result.orphans = orphans(engine)
    result.integrity = sqlite_integrity(engine)
    if result.integrity not in ("ok", "n/a"):
        result.problems.append(f"integrity_check: {result.integrity}")
    return result


# ------------------------------------------------------------------------------------- 3. SMTP outage


def free_port() -> int:
    """A loopback port nothing listens on right now (aiosmtpd cannot take port 0)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpSink:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps every message it accepts."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.received: list[bytes] = []
        self._lock = threading.Lock()
        self._controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook
        with self._lock:
            self.received.append(envelope.original_content or envelope.content)
        return "250 Message accepted"

    def __enter__(self) -> SmtpSink:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def message_ids(self) -> list[str]:
        parser = BytesHeaderParser()
        with self._lock:
            return [str(parser.parsebytes(raw)["Message-ID"]).strip() for raw in self.received]


@dataclass
class OutageResult:
    backend: str
    port: int
    cases: int  # submitted while SMTP was down
    passes_down: int
    submitted: int = 0
    submit_errors: Counter[str] = field(default_factory=Counter)
    refused_tries: int = 0  # send attempts the worker made while nothing listened (all must be kept)
    sent_down: int = 0  # must stay 0: nothing can be sent to a server that is not there
    pending_down: int = 0  # rows pending when the server comes back
    failed_down: int = 0
    expected: int = 0  # one email per outbox row
    passes_back: int = 0
    delivered: int = 0  # expected Message-IDs the server received at least once
    duplicated: int = 0  # receptions beyond the first of a Message-ID, and Message-IDs of no row
    pending: int = 0  # still pending or sending at the end
    failed: int = 0
    lost: int = 0  # marked sent but never received, or a case without its "case received" email
    seconds_back: float = 0.0  # from the server's return until the outbox held nothing pending
    baseline_seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def outbox_counts(engine: Engine) -> Counter[str]:
    with engine.connect() as conn:
        return Counter(dict(conn.execute(text("SELECT status, count(*) FROM outbox_message GROUP BY status")).all()))


def smtp_baseline(count: int) -> float:
    """Seconds for bare smtplib to send ``count`` small messages over one connection to a fresh sink."""
    with SmtpSink(free_port()) as sink:
        messages = []
        for i in range(count):
            message = EmailMessage()
            message["From"], message["To"], message["Subject"] = "bench@example.com", f"c{i}@example.com", "Hello"
            message.set_content("A small message.")
            messages.append(message)
        started = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", sink.port, timeout=10) as client:
            for message in messages:
                client.send_message(message)
        seconds = time.perf_counter() - started
        if len(sink.received) != count:
            raise RuntimeError(f"the baseline SMTP server received {len(sink.received)} of {count} messages")
    return seconds


def smtp_outage(
    backend: str, engine: Engine, rng: random.Random, cases: int, passes: int, threads: int
) -> OutageResult:
    port = free_port()  # nothing listens here until the sink starts on it
    settings: Settings = get_settings().model_copy(
        update=dict(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none", smtp_timeout_seconds=5.0)
    )
    result = OutageResult(backend, port, cases, passes)
    # The worker's clock jumps past the longest backoff before every pass, so each pass tries again
    # (as hours of real outage would) instead of finding nothing due.
    moment = utcnow()

    def clock() -> datetime:
        return moment

    catalog = load_catalog(engine)
    journeys = [build_journey(rng, catalog) for _ in range(cases)]
    lock = threading.Lock()

    def submit(i: int) -> None:
        draft, choice = journeys[i]
        try:
            # The benchmark vouches for its made-up addresses (no emailed code to confirm, no hourly limit).
            submit_case(engine, draft, choice, trusted_caller="benchmarks/load.py")
        except Exception as error:  # noqa: BLE001 - counted and reported
            with lock:
                result.submit_errors[f"{type(error).__name__}: {str(error).splitlines()[0][:80]}"] += 1
        else:
            with lock:
                result.submitted += 1

    # Cases keep arriving during the outage: each pass runs while a share of them is being submitted.
    with ThreadPoolExecutor(threads) as pool:
        for n in range(passes):
            share = range(n * cases // passes, (n + 1) * cases // passes)
            futures = [pool.submit(submit, i) for i in share]
            moment += BACKOFF_CAP + BACKOFF_CAP / 60
            report = run_once(engine, settings, clock=clock)
            for future in futures:
                future.result()
            result.refused_tries += report.retried
            result.sent_down += report.sent
            result.failed_down += report.failed
            if report.retried and not report.unavailable:
                result.problems.append(f"down pass {n + 1}: retries without 'mail server unavailable'")
    counts = outbox_counts(engine)
    result.pending_down = counts[MessageStatus.PENDING]
    if counts[MessageStatus.SENDING]:
        result.problems.append(f"{counts[MessageStatus.SENDING]} messages left 'sending' by the down passes")
    result.failed_down = max(result.failed_down, counts[MessageStatus.FAILED])

    with SmtpSink(port) as sink:
        started = time.perf_counter()
        for _ in range(20):  # bounded: one pass should do
            moment += BACKOFF_CAP + BACKOFF_CAP / 60
            report = run_once(engine, settings, clock=clock)
            result.passes_back += 1
            if report.unavailable:
                result.problems.append(f"server back, pass {result.passes_back}: {report.unavailable}")
            counts = outbox_counts(engine)
            if not counts[MessageStatus.PENDING] and not counts[MessageStatus.SENDING]:
                break
        result.seconds_back = time.perf_counter() - started
        moment += BACKOFF_CAP + BACKOFF_CAP / 60
        extra = run_once(engine, settings, clock=clock)  # one more pass: nothing may go out twice
        result.passes_back += 1
        if extra.sent:
            result.problems.append(f"a pass after the outbox was empty sent {extra.sent} messages")
        received = Counter(sink.message_ids())

    with engine.connect() as conn:
        rows = conn.execute(text("SELECT message_id, status FROM outbox_message")).all()
        without_email = conn.execute(
            text(
                'SELECT count(*) FROM "case" c WHERE NOT EXISTS (SELECT 1 FROM outbox_message o '
                "WHERE o.case_id = c.id AND o.kind = :kind)"
            ),
            {"kind": KIND_CASE_RECEIVED},
        ).scalar_one()
    ids = {row.message_id.strip() for row in rows}
    if len(ids) != len(rows):
        result.problems.append(f"{len(rows) - len(ids)} outbox rows share a Message-ID")
    result.expected = len(rows)
    result.delivered = sum(1 for message_id in ids if received[message_id])
    result.duplicated = sum(n - 1 for n in received.values() if n > 1) + sum(
        n for message_id, n in received.items() if message_id not in ids
    )
    result.pending = sum(row.status in (MessageStatus.PENDING, MessageStatus.SENDING) for row in rows)
    result.failed = sum(row.status == MessageStatus.FAILED for row in rows)
    result.lost = sum(row.status == MessageStatus.SENT and not received[row.message_id.strip()] for row in rows)
    result.lost += without_email
    if without_email:
        result.problems.append(f"{without_email} cases have no 'case received' email in the outbox")
    if result.submitted != cases:
        result.problems.append(f"{cases - result.submitted} of {cases} submissions failed during the outage")
    result.baseline_seconds = smtp_baseline(result.expected)
    return result


# ------------------------------------------------------------------------------------------------ main


def run_backend(
    backend: str, url: str, args: argparse.Namespace, rng: random.Random
) -> tuple[LoadResult, KillResult, OutageResult]:
    started = time.perf_counter()
    engine = prepare(url)
    print(f"[{backend}] migrated and seeded in {time.perf_counter() - started:.1f} s", flush=True)
    load = concurrent_submissions(backend, engine, rng, args.cases, args.double_clicks, args.threads)
    _warm_up(engine, args.threads)
    load.baseline_ops = args.cases
    load.baseline_seconds, load.baseline_errors = baseline(engine, args.threads, args.cases)
    print(f"[{backend}] concurrent submissions done in {load.seconds:.2f} s", flush=True)
    kill = killed_children(backend, url, engine, rng, args.kills)
    print(f"[{backend}] {args.kills} kills done", flush=True)
    outage = smtp_outage(backend, engine, rng, args.mail_cases, args.outage_passes, args.threads)
    print(f"[{backend}] SMTP outage done", flush=True)
    return load, kill, outage


def print_report(
    loads: list[LoadResult], kills: list[KillResult], outages: list[OutageResult], args: argparse.Namespace
) -> bool:
    ok = True
    print()
    print(
        f"1. Concurrent submissions: {args.cases} drafts, {args.double_clicks} of them clicked twice, "
        f"{args.threads} threads"
    )
    header = (
        f"{'backend':<10} {'submissions':>11} {'calls':>6} {'cases':>6} {'seconds':>8} {'subm/s':>7} "
        f"{'calls/s':>8} {'lost':>5} {'duplicated':>10} {'incomplete':>10} {'races':>6}  errors"
    )
    print(header)
    print("-" * len(header))
    for r in loads:
        errors = ", ".join(f"{n}x {kind}" for kind, n in r.errors.most_common()) or "0"
        print(
            f"{r.backend:<10} {r.cases_expected:>11} {r.calls:>6} {r.cases_found:>6} {r.seconds:>8.2f} "
            f"{r.cases_expected / r.seconds:>7.1f} {r.calls / r.seconds:>8.1f} {r.lost:>5} {r.duplicated:>10} "
            f"{r.incomplete:>10} {r.races:>6}  {errors}"
        )
    print()
    print("Baseline: one-column INSERT, one write transaction each, same engine and threads")
    for r in loads:
        per_call = r.seconds / r.calls * 1000
        per_insert = r.baseline_seconds / r.baseline_ops * 1000
        errors = ", ".join(f"{n}x {kind}" for kind, n in r.baseline_errors.most_common()) or "0 errors"
        print(
            f"{r.backend:<10} {r.baseline_ops} INSERTs in {r.baseline_seconds:.2f} s "
            f"({r.baseline_ops / r.baseline_seconds:.0f}/s, {per_insert:.2f} ms each; {errors}); "
            f"submit_case {per_call:.2f} ms per call = {per_call / per_insert:.1f}x an INSERT"
        )
        ok &= not (
            r.lost
            or r.duplicated
            or r.incomplete
            or r.errors
            or r.cases_found != r.cases_expected
            or r.problems
            or r.baseline_errors
        )
    print()
    print(f"2. Killed mid-submission: {args.kills} SIGKILLs per backend")
    header = (
        f"{'backend':<10} {'kills':>5} {'confirmed':>9} {'found':>6} {'committed-unprinted':>19} "
        f"{'rolled-back':>11} {'half-written':>12} {'orphans':>7}  integrity  killed at s (after start/after READY)"
    )
    print(header)
    print("-" * len(header))
    for k in kills:
        rolled_back = "n/a" if k.rolled_back is None else str(k.rolled_back)
        print(
            f"{k.backend:<10} {k.kills:>5} {k.confirmed:>9} {k.found:>6} {k.committed_unconfirmed:>19} "
            f"{rolled_back:>11} {k.half_written:>12} {sum(k.orphans.values()):>7}  {k.integrity:<9}  "
            + " ".join(f"{total:.1f}/{after:.2f}" for total, after in k.kill_after)
        )
        ok &= not (k.found != k.confirmed or k.half_written or any(k.orphans.values()) or k.problems)
    print("committed-unprinted: cases the child committed but was killed before printing (allowed);")
    print("rolled-back: submissions killed inside their transaction (PostgreSQL sequence gaps; n/a on SQLite)")
    ok &= print_outages(outages, args)
    problems = [f"{r.backend}: {p}" for r in loads for p in r.problems]
    problems += [f"{k.backend} (kills): {p}" for k in kills for p in k.problems]
    problems += [f"{o.backend} (SMTP outage): {p}" for o in outages for p in o.problems]
    if problems:
        print()
        print("Problems:")
        for p in problems[:40]:
            print(f"  - {p}")
    print()
    print("RESULT:", "OK - nothing lost, duplicated, half-written or failed" if ok else "FAILED")
    return ok


def print_outages(outages: list[OutageResult], args: argparse.Namespace) -> bool:
    ok = True
    print()
    print(
        f"3. SMTP down for the whole run, then back: {args.mail_cases} more cases submitted during "
        f"{args.outage_passes} worker passes against a port where nothing listens; then a real SMTP server "
        "on that port"
    )
    header = (
        f"{'backend':<10} {'refused tries':>13} {'sent/failed while down':>22} {'pending at return':>17} "
        f"{'expected':>8} {'passes back':>11} {'delivered':>9} {'duplicated':>10} {'pending':>7} "
        f"{'failed':>6} {'lost':>5}"
    )
    print(header)
    print("-" * len(header))
    for o in outages:
        print(
            f"{o.backend:<10} {o.refused_tries:>13} {f'{o.sent_down}/{o.failed_down}':>22} {o.pending_down:>17} "
            f"{o.expected:>8} {o.passes_back:>11} {o.delivered:>9} {o.duplicated:>10} {o.pending:>7} "
            f"{o.failed:>6} {o.lost:>5}"
        )
        ok &= not (
            o.sent_down
            or o.failed_down
            or o.delivered != o.expected
            or o.duplicated
            or o.pending
            or o.failed
            or o.lost
            or o.problems
            or o.submit_errors
        )
    print(
        "expected: one email per outbox row (the cases of 1. and 2. too: nothing was delivered before); "
        "passes back: worker passes until nothing was pending, plus one that must send nothing"
    )
    print()
    print("Baseline: bare smtplib, as many small messages over one connection to a fresh server")
    for o in outages:
        per_message = o.seconds_back / max(o.delivered, 1) * 1000
        per_bare = o.baseline_seconds / max(o.expected, 1) * 1000
        print(
            f"{o.backend:<10} {o.delivered} delivered {o.seconds_back:.2f} s after the server returned "
            f"({per_message:.2f} ms each); smtplib {o.expected} in {o.baseline_seconds:.2f} s "
            f"({per_bare:.2f} ms each): {per_message / per_bare:.1f}x"
        )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--postgres-url",
        default=DEFAULT_ADMIN_URL,
        help="admin URL of a PostgreSQL server; a throwaway database is made next to it",
    )
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--double-clicks", type=int, default=None, help="drafts submitted twice (default 20%%)")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--mail-cases", type=int, default=60, help="cases submitted while SMTP is down")
    parser.add_argument(
        "--outage-passes",
        type=int,
        default=3,
        help="worker passes while SMTP is down (fewer than PORTAL_OUTBOX_MAX_ATTEMPTS, or "
        "messages are rightly marked failed)",
    )
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    if args.double_clicks is None:
        args.double_clicks = args.cases // 5
    if not 1 <= args.outage_passes < get_settings().outbox_max_attempts:
        parser.error(
            f"--outage-passes must be between 1 and {get_settings().outbox_max_attempts - 1} "
            "(PORTAL_OUTBOX_MAX_ATTEMPTS - 1): a message tried that often while SMTP is down is marked failed"
        )
    seed = args.seed if args.seed is not None else random.randrange(2**31)
    print(f"seed {seed} (rerun with --seed {seed})")
    rng = random.Random(seed)
    started = time.perf_counter()

    loads: list[LoadResult] = []
    kills: list[KillResult] = []
    outages: list[OutageResult] = []
    with sqlite_store() as url:
        load, kill, outage = run_backend("sqlite", url, args, rng)
        loads.append(load)
        kills.append(kill)
        outages.append(outage)
    if not args.no_postgres:
        with scratch_postgres(args.postgres_url, "amends_load") as url:
            load, kill, outage = run_backend("postgresql", url, args, rng)
            loads.append(load)
            kills.append(kill)
            outages.append(outage)
    ok = print_report(loads, kills, outages, args)
    print(f"total {time.perf_counter() - started:.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
