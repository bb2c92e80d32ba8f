#!/usr/bin/env python
"""The staff side over a realistic store: insights, CSV exports, customer data search and erasure, the queue.

Fills a throwaway database with ``--cases`` realistic cases (benchmarks/_fill.py: rounds, remedies in every
state, check-ins, events, invites, emails, links, over two years), then measures each staff page against its goal:

- Insights (``screens/insights.py``, the period it opens on, its cache emptied before every run) under 1 s, and
  at most 2x its raw SQL: the very statements the page ran (captured), run again through the driver alone, in
  turns with the page;
- the cases CSV export (``portal.back_office.insights.write_cases_csv``) at least 50,000 rows/s, with memory that stays flat
  as the period grows: its peak Python allocation (tracemalloc) over a short and a long period, the long one
  many times the rows; and the same for the download as its route streams it (``portal.web.exports``: the
  export in a worker thread, its chunks drained as a browser would);
- Customer data (``portal.back_office.privacy``): finding a customer by address and by reference, and erasing one (every
  run erases another returning customer with several cases), each under 100 ms;
- the queue (``screens/queue.py``) within its goal: its rerun under 2x a bare page plus its query, as
  benchmarks/staff_queue.py measures it, on the page's default filter and an email search.

    .venv/bin/python benchmarks/staff_scale.py                              # 100,000 cases, SQLite
    .venv/bin/python benchmarks/staff_scale.py --cases 1000000 --keep       # keep the database for later runs
    .venv/bin/python benchmarks/staff_scale.py --reuse sqlite:////tmp/amends-bench-x/amends.db
    .venv/bin/python benchmarks/staff_scale.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test

With ``--postgres`` the benchmark creates a database of its own on that server and drops it at the end.
"""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, however the script is started

from sqlalchemy import Engine, text

from benchmarks._apptest import as_served, quiet_missing_context
from benchmarks._fill import fill_realistic
from benchmarks._turns import in_turns
from benchmarks.staff_queue import (
    BARE_PAGE,
    analyze,
    captured,
    database,
    page_runner,
    shows_queue_rows,
    signed_in,
)
from db.engine import get_engine, is_postgres
from db.migrate import upgrade
from db.models import utcnow
from portal.back_office import insights, privacy
from portal.back_office.queue import DEFAULT_FILTER, QueueFilter, load_queue
from portal.back_office.staff import StaffActor, add_staff, get_actor, list_staff
from portal.config import get_settings
from portal.seed import seed_demo
from portal.web import exports

INSIGHTS_GOAL_S = 1.0
INSIGHTS_OVER_SQL_GOAL = 2.0
EXPORT_ROWS_GOAL = 50_000
PRIVACY_GOAL_MS = 100.0
QUEUE_GOAL = 2.0
DEFAULT_PERIOD_DAYS = 90  # screens/insights.py opens on the last 90 days


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


# --- insights -----------------------------------------------------------------------------------------------


def shows_figures(cohort: int) -> Callable[[Any], str | None]:
    """What is wrong with an Insights page run that should show ``cohort`` cases opened (None: it does)."""

    def check(at: Any) -> str | None:
        shown = {metric.label: metric.value for metric in at.metric}
        if shown.get("Cases opened") == f"{cohort:,}" and "First response" in shown:
            return None
        return f"expected {cohort:,} cases opened, the page showed {shown or [m.value for m in at.markdown][:3]}"

    return check


def insights_page(engine: Engine, actor: StaffActor, cohort: int) -> Callable[[], object]:
    """One uncached run of the Insights page on its default period (the figures' cache emptied first), signed in
    as ``actor``, checked to show the period's figures."""
    from portal.ui.staff.insights import forget_figures

    rerun = page_runner(ROOT / "screens/insights.py", signed_in(engine, actor), shows_figures(cohort))

    def run() -> object:
        forget_figures()
        return rerun()

    return run


def raw_sql(engine: Engine, actor: StaffActor, start: date, end: date) -> Callable[[], object]:
    """The statements the page's figures and lessons run, captured once, replayed through the driver."""
    with captured(engine) as statements:
        insights.overview(engine, actor, start, end)
        insights.lesson_groups(engine, actor, start, end)

    def replay() -> None:
        with engine.connect() as conn:
            for statement, parameters in statements:
                result = conn.exec_driver_sql(statement, parameters)  # type: ignore[arg-type]  # the compiled statement's parameters, as the driver takes them
                if result.returns_rows:  # not the settings (SET LOCAL)
                    result.all()

    return replay


def measure_insights(engine: Engine, actor: StaffActor, runs: int) -> bool:
    end = utcnow().date()
    start = end - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    cohort = insights.overview(engine, actor, start, end).total_cases
    with as_served():
        turns = in_turns([insights_page(engine, actor, cohort), raw_sql(engine, actor, start, end)], runs, warmup=1)
    page_s, sql_s = turns.median_ms(0) / 1000, turns.median_ms(1) / 1000
    ratio = statistics.median(page / sql for page, sql in zip(*turns.times, strict=True))
    met = page_s < INSIGHTS_GOAL_S and ratio <= INSIGHTS_OVER_SQL_GOAL
    print(
        f"insights page, last {DEFAULT_PERIOD_DAYS} days ({cohort:,} cases): page {page_s * 1000:.0f} ms "
        f"(goal < {INSIGHTS_GOAL_S * 1000:.0f} ms), raw SQL {sql_s * 1000:.0f} ms, page / SQL {ratio:.2f}x "
        f"(goal <= {INSIGHTS_OVER_SQL_GOAL:.0f}x): {verdict(met)}"
    )
    return met


# --- exports ------------------------------------------------------------------------------------------------


def export_once(write: Callable[..., int], engine: Engine, actor: StaffActor, start: date, end: date) -> int:
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as out:
        return write(engine, actor, start, end, out)


def streamed_download(engine: Engine, actor: StaffActor, start: date, end: date) -> int:
    """The cases download as its route streams it, the chunks drained (and dropped) as a browser reads them."""
    chunks, _gone = exports.export_in_thread(partial(insights.write_cases_csv, engine, actor, start, end))
    size = 0
    while (chunk := chunks.get()) is not exports.DONE:
        if isinstance(chunk, BaseException):
            raise chunk
        size += len(chunk)  # type: ignore[arg-type]
    return size


def peak_mib(action: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def measure_exports(engine: Engine, actor: StaffActor, short_days: int, long_days: int) -> bool:
    """Rows per second of wall time (the goal) and of this process's CPU time (what a machine shared with other
    work, as this one is, cannot take from it), and peak memory over a short and a long period."""
    end = utcnow().date()
    met = True
    peaks: list[float] = []
    for days in (short_days, long_days):
        start = end - timedelta(days=days - 1)
        export = partial(export_once, insights.write_cases_csv, engine, actor, start, end)
        cpu_started = time.process_time()
        started = time.perf_counter()
        rows = export()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        peak = peak_mib(export)
        download = peak_mib(partial(streamed_download, engine, actor, start, end))
        peaks.append(peak)
        fast = rows / seconds >= EXPORT_ROWS_GOAL
        met &= fast
        print(
            f"cases CSV, last {days} days: {rows:,} rows in {seconds:.2f} s, {rows / seconds:,.0f} rows/s "
            f"(goal >= {EXPORT_ROWS_GOAL:,}; of CPU time {rows / cpu:,.0f} rows/s): {verdict(fast)}; peak Python "
            f"memory streaming {peak:.1f} MiB, through the download route {download:.1f} MiB"
        )
    flat = peaks[1] <= max(2 * peaks[0], peaks[0] + 8)
    met &= flat
    print(
        f"cases CSV memory, {short_days} to {long_days} days: {peaks[0]:.1f} to {peaks[1]:.1f} MiB streaming "
        f"(goal: flat): {verdict(flat)}"
    )
    lessons = partial(export_once, insights.write_lessons_csv, engine, actor, end - timedelta(days=long_days - 1), end)
    started = time.perf_counter()
    rows = lessons()
    seconds = time.perf_counter() - started
    print(f"lessons CSV, last {long_days} days: {rows:,} rows in {seconds:.2f} s ({rows / seconds:,.0f} rows/s)")
    return met


# --- privacy ------------------------------------------------------------------------------------------------


def returning_customers(engine: Engine, count: int) -> list[tuple[str, str]]:
    """(address, a case reference) of ``count`` people with several cases, spread over the store."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                'SELECT lower(customer.email), min("case".reference) FROM customer '
                'JOIN "case" ON "case".customer_id = customer.id WHERE customer.erased_at IS NULL '
                "GROUP BY lower(customer.email) HAVING count(*) > 1 ORDER BY min(customer.id) LIMIT 2000"
            )
        ).all()
    step = max(1, len(rows) // count)
    return [(email, reference) for email, reference in rows[::step][:count]]


def measure_privacy(engine: Engine, actor: StaffActor, runs: int) -> bool:
    people = returning_customers(engine, 3 * runs)
    finds_email, finds_ref, erasures, cases, statements = [], [], [], [], []
    for index, (email, reference) in enumerate(people):
        if index % 3 == 0:
            finds_email.append(timed(partial(privacy.find_customers, engine, actor, email.upper())))
        elif index % 3 == 1:
            finds_ref.append(timed(partial(privacy.find_customers, engine, actor, reference.lower())))
        else:
            record = privacy.find_customers(engine, actor, email)[0]
            cases.append(len(record.cases))
            with captured(engine) as ran:  # the statements it sends: on PostgreSQL each is a round trip
                erasures.append(
                    timed(
                        partial(
                            privacy.erase_customer, engine, actor, record.customer_id, "the customer asked by email"
                        )
                    )
                )
            statements.append(len(ran))
    met = True
    for name, times in (
        ("find by address", finds_email),
        ("find by reference", finds_ref),
        (f"erase ({min(cases)}-{max(cases)} cases each)", erasures),
    ):
        ms = statistics.median(times) * 1000
        worst = max(times) * 1000
        met &= ms < PRIVACY_GOAL_MS
        print(
            f"customer data, {name}: median {ms:.1f} ms, worst {worst:.1f} ms over {len(times)} "
            f"(goal < {PRIVACY_GOAL_MS:.0f} ms): {verdict(ms < PRIVACY_GOAL_MS)}"
        )
    print(f"customer data, statements an erasure ran: {min(statements)}-{max(statements)}")
    return met


# --- queue --------------------------------------------------------------------------------------------------


def measure_queue(engine: Engine, actor: StaffActor, runs: int) -> bool:
    with engine.connect() as conn:
        email = conn.execute(
            text(
                "SELECT email FROM customer WHERE erased_at IS NULL AND id <= "
                "(SELECT max(id) * 9 / 10 FROM customer) ORDER BY id DESC LIMIT 1"
            )
        ).scalar_one()
    met = True
    with tempfile.TemporaryDirectory() as folder:
        bare = Path(folder) / "bare.py"
        bare.write_text(BARE_PAGE)
        for name, filt in (
            ("page default: open cases", DEFAULT_FILTER),
            ("email search", QueueFilter(search=email.upper())),
        ):
            session = {**signed_in(engine, actor), "queue_filter": filt}
            with as_served():
                turns = in_turns(
                    [
                        page_runner(ROOT / "screens/queue.py", session, shows_queue_rows),
                        page_runner(bare, {}),
                        partial(load_queue, engine, filt),
                    ],
                    runs,
                )
            ratio = statistics.median(page / (plain + query) for page, plain, query in zip(*turns.times, strict=True))
            met &= ratio < QUEUE_GOAL
            print(
                f"queue, {name}: page {turns.median_ms(0):.1f} ms, bare page {turns.median_ms(1):.1f} ms, "
                f"query {turns.median_ms(2):.1f} ms, page / (bare + query) {ratio:.2f}x "
                f"(goal < {QUEUE_GOAL:.0f}x): {verdict(ratio < QUEUE_GOAL)}"
            )
    return met


# --- the run ------------------------------------------------------------------------------------------------


def prepare(url: str, cases: int) -> tuple[Engine, StaffActor]:
    """Migrate, seed the business and staff, fill the cases; returns the engine and a manager."""
    upgrade(url)
    engine = get_engine(url)
    seed_demo(engine, get_settings())
    for n in range(1, 9):
        add_staff(
            engine,
            email=f"agent{n}@northwind.example",
            name=f"Agent {n}",
            role="agent",
            password=secrets.token_urlsafe(12),
        )
    staff = list_staff(engine)
    backend = "PostgreSQL" if is_postgres(engine) else "SQLite"
    print(f"Filling {cases:,} realistic cases into {backend} ...")
    started = time.perf_counter()
    written = fill_realistic(
        engine,
        cases,
        [member.id for member in staff if member.id is not None],
        progress=lambda done: print(f"\r  {done:,} / {cases:,}", end="", flush=True),
    )
    took = time.perf_counter() - started
    print(
        f"\n  took {took:.1f} s ({sum(written.values()) / took:,.0f} rows/s): "
        + ", ".join(f"{name} {rows:,}" for name, rows in written.items())
    )
    started = time.perf_counter()
    analyze(engine)
    print(f"  analyze {time.perf_counter() - started:.1f} s")
    return engine, manager_of(engine)


def manager_of(engine: Engine) -> StaffActor:
    with engine.connect() as conn:
        manager_id = conn.execute(text("SELECT min(id) FROM staff_member WHERE role = 'manager'")).scalar_one()
    actor = get_actor(engine, manager_id)
    if actor is None:
        raise SystemExit("No active manager in this store: is it one this benchmark filled?")
    return actor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server to use instead of SQLite")
    parser.add_argument("--reuse", metavar="URL", help="a database an earlier --keep run filled (no fill)")
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (the median is shown)")
    parser.add_argument("--keep", action="store_true", help="keep the filled database")
    parser.add_argument(
        "--long-days", type=int, default=365, help="the long export's period in days (the short one is 30)"
    )
    parser.add_argument("--only", choices=("insights", "exports", "privacy", "queue"), action="append")
    args = parser.parse_args()
    quiet_missing_context()
    # Each AppTest run of the Insights page warns that its cache keeps to memory, as it does when served.
    logging.getLogger("streamlit.runtime.caching.cache_data_api").addFilter(
        lambda record: "No runtime found" not in record.getMessage()
    )
    parts = args.only or ["insights", "exports", "privacy", "queue"]

    def measure(url: str, fill: bool) -> bool:
        os.environ["PORTAL_DATABASE_URL"] = url
        get_settings.cache_clear()
        engine, actor = prepare(url, args.cases) if fill else (get_engine(url), None)
        if actor is None:
            actor = manager_of(engine)
        with engine.connect() as conn:
            total = conn.execute(text('SELECT count(*) FROM "case"')).scalar_one()
        backend = "PostgreSQL" if is_postgres(engine) else "SQLite"
        print(
            f"\n{total:,} cases on {backend}; medians of {args.runs} runs; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        met = True
        if "insights" in parts:
            met &= measure_insights(engine, actor, args.runs)
        if "exports" in parts:
            met &= measure_exports(engine, actor, 30, args.long_days)
        if "privacy" in parts:  # erases customers: last but the queue, which it does not disturb
            met &= measure_privacy(engine, actor, args.runs)
        if "queue" in parts:
            met &= measure_queue(engine, actor, args.runs)
        return met

    if args.reuse:
        met = measure(args.reuse, fill=False)
    else:
        with database(args) as url:
            met = measure(url, fill=True)
    print(f"\nstaff side at scale: every goal {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
