#!/usr/bin/env python
"""Load and crash test of case submission (``portal.cases.submit_case``) on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/load.py
    .venv/bin/python benchmarks/load.py --postgres-url postgresql+psycopg://postgres@127.0.0.1:5432/test
    .venv/bin/python benchmarks/load.py --no-postgres

For each backend, on a fresh store (SQLite: a file in a temp dir; PostgreSQL: a throwaway database
created next to the ``--postgres-url`` admin database and dropped at the end), migrated and seeded:

1. Concurrent submissions: ``--cases`` realistic journeys built through portal.journey (each with its
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

Exit status 1 if anything is lost, duplicated, half-written, orphaned or failed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, however the script is started

import argparse  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

from sqlalchemy import Engine, event, text  # noqa: E402
from sqlalchemy.exc import IntegrityError  # noqa: E402

from benchmarks._child_submit import build_journey, load_catalog  # noqa: E402
from db.engine import get_engine, is_postgres, write_session  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.scratch import scratch_postgres  # noqa: E402
from portal.cases import Receipt, RemedyChoice, submit_case  # noqa: E402
from portal.config import get_settings  # noqa: E402
from portal.journey import Draft  # noqa: E402
from portal.seed import seed_demo  # noqa: E402

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
    "events": 'SELECT count(*) FROM case_event e WHERE e.case_id IS NOT NULL '
              'AND NOT EXISTS (SELECT 1 FROM "case" c WHERE c.id = e.case_id)',
    "tokens": 'SELECT count(*) FROM access_token t WHERE t.case_id IS NOT NULL '
              'AND NOT EXISTS (SELECT 1 FROM "case" c WHERE c.id = t.case_id)',
    "outbox": 'SELECT count(*) FROM outbox_message o WHERE o.case_id IS NOT NULL '
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


def concurrent_submissions(backend: str, engine: Engine, rng: random.Random, cases: int, double_clicks: int,
                           threads: int) -> LoadResult:
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

    def count_integrity_errors(context) -> None:  # type: ignore[no-untyped-def]
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
            receipt = submit_case(engine, draft, choice)
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


def verify_submissions(engine: Engine, journeys: list[tuple[Draft, RemedyChoice]],
                       receipts: dict[int, list[Receipt]], result: LoadResult) -> None:
    with engine.connect() as conn:
        rows = conn.execute(text('SELECT id, reference, submission_key, customer_id, status FROM "case"')).all()
        rounds = dict(conn.execute(text("SELECT case_id, count(*) FROM conversation_round GROUP BY case_id")).all())
        remedies = dict(conn.execute(text("SELECT case_id, count(*) FROM case_remedy GROUP BY case_id")).all())
        openings = conn.execute(text(
            "SELECT case_id, to_status FROM case_event WHERE kind IN ('open_accepted', 'open_proposed')")).all()
        customers = dict(conn.execute(text("SELECT id, email FROM customer")).all())
        tokens = dict(conn.execute(text(
            "SELECT case_id, count(*) FROM access_token WHERE purpose = 'case' GROUP BY case_id")).all())
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
            result.problems.append(f"draft {i}: created={[r.created for r in got]} references={[r.reference for r in got]}")
    # Lost: a Receipt whose reference is not in the store (or belongs to another key).
    for i, got in receipts.items():
        key = journeys[i][0].submission_key
        for receipt in got:
            row = by_reference.get(receipt.reference)
            if row is None or row.submission_key != key or row.id != receipt.case_id:
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
    process = subprocess.Popen([sys.executable, str(CHILD), url, str(seed)], stdout=subprocess.PIPE,
                               stderr=stderr, text=True, bufsize=1, cwd=ROOT)
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


def _customer_ids_taken(conn) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
    """PostgreSQL: (ids handed out by customer's sequence, customer rows); None on SQLite (ids are reused)."""
    if conn.dialect.name != "postgresql":
        return None
    taken = conn.execute(text("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM customer_id_seq")).scalar_one()
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


# ------------------------------------------------------------------------------------------------ main

def run_backend(backend: str, url: str, args: argparse.Namespace, rng: random.Random) -> tuple[LoadResult, KillResult]:
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
    return load, kill


def print_report(loads: list[LoadResult], kills: list[KillResult], args: argparse.Namespace) -> bool:
    ok = True
    print()
    print(f"1. Concurrent submissions: {args.cases} drafts, {args.double_clicks} of them clicked twice, "
          f"{args.threads} threads")
    header = (f"{'backend':<10} {'submissions':>11} {'calls':>6} {'cases':>6} {'seconds':>8} {'subm/s':>7} "
              f"{'calls/s':>8} {'lost':>5} {'duplicated':>10} {'incomplete':>10} {'races':>6}  errors")
    print(header)
    print("-" * len(header))
    for r in loads:
        errors = ", ".join(f"{n}x {kind}" for kind, n in r.errors.most_common()) or "0"
        print(f"{r.backend:<10} {r.cases_expected:>11} {r.calls:>6} {r.cases_found:>6} {r.seconds:>8.2f} "
              f"{r.cases_expected / r.seconds:>7.1f} {r.calls / r.seconds:>8.1f} {r.lost:>5} {r.duplicated:>10} "
              f"{r.incomplete:>10} {r.races:>6}  {errors}")
    print()
    print("Baseline: one-column INSERT, one write transaction each, same engine and threads")
    for r in loads:
        per_call = r.seconds / r.calls * 1000
        per_insert = r.baseline_seconds / r.baseline_ops * 1000
        errors = ", ".join(f"{n}x {kind}" for kind, n in r.baseline_errors.most_common()) or "0 errors"
        print(f"{r.backend:<10} {r.baseline_ops} INSERTs in {r.baseline_seconds:.2f} s "
              f"({r.baseline_ops / r.baseline_seconds:.0f}/s, {per_insert:.2f} ms each; {errors}); "
              f"submit_case {per_call:.2f} ms per call = {per_call / per_insert:.1f}x an INSERT")
        ok &= not (r.lost or r.duplicated or r.incomplete or r.errors or r.cases_found != r.cases_expected
                   or r.problems or r.baseline_errors)
    print()
    print(f"2. Killed mid-submission: {args.kills} SIGKILLs per backend")
    header = (f"{'backend':<10} {'kills':>5} {'confirmed':>9} {'found':>6} {'committed-unprinted':>19} "
              f"{'rolled-back':>11} {'half-written':>12} {'orphans':>7}  integrity  killed at s (after start/after READY)")
    print(header)
    print("-" * len(header))
    for k in kills:
        rolled_back = "n/a" if k.rolled_back is None else str(k.rolled_back)
        print(f"{k.backend:<10} {k.kills:>5} {k.confirmed:>9} {k.found:>6} {k.committed_unconfirmed:>19} "
              f"{rolled_back:>11} {k.half_written:>12} {sum(k.orphans.values()):>7}  {k.integrity:<9}  "
              + " ".join(f"{total:.1f}/{after:.2f}" for total, after in k.kill_after))
        ok &= not (k.found != k.confirmed or k.half_written or any(k.orphans.values()) or k.problems)
    print("committed-unprinted: cases the child committed but was killed before printing (allowed);")
    print("rolled-back: submissions killed inside their transaction (PostgreSQL sequence gaps; n/a on SQLite)")
    problems = [f"{r.backend}: {p}" for r in loads for p in r.problems]
    problems += [f"{k.backend} (kills): {p}" for k in kills for p in k.problems]
    if problems:
        print()
        print("Problems:")
        for p in problems[:40]:
            print(f"  - {p}")
    print()
    print("RESULT:", "OK - nothing lost, duplicated or half-written" if ok else "FAILED")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres-url", default=DEFAULT_ADMIN_URL,
                        help="admin URL of a PostgreSQL server; a throwaway database is made next to it")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--double-clicks", type=int, default=None, help="drafts submitted twice (default 20%%)")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    if args.double_clicks is None:
        args.double_clicks = args.cases // 5
    seed = args.seed if args.seed is not None else random.randrange(2**31)
    print(f"seed {seed} (rerun with --seed {seed})")
    rng = random.Random(seed)
    started = time.perf_counter()

    loads: list[LoadResult] = []
    kills: list[KillResult] = []
    with sqlite_store() as url:
        load, kill = run_backend("sqlite", url, args, rng)
        loads.append(load)
        kills.append(kill)
    if not args.no_postgres:
        with scratch_postgres(args.postgres_url, "amends_load") as url:
            load, kill = run_backend("postgresql", url, args, rng)
            loads.append(load)
            kills.append(kill)
    ok = print_report(loads, kills, args)
    print(f"total {time.perf_counter() - started:.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
