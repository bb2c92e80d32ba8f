#!/usr/bin/env python
"""How fast is the staff queue with many cases?

Fills a throwaway database with ``--cases`` cases (and as many customers), then measures, for several
filters, in ``--runs`` rounds taking turns (benchmarks/_turns.py):

  (a) the queue page's rerun under AppTest, signed in, as served (benchmarks/_apptest.as_served);
  (b) a bare Streamlit page's rerun the same way: a title and a 25-row st.dataframe of constants;
  (c) ``load_queue`` itself (its two or three SQL queries and the rows it builds);

and prints the median over rounds of  queue page / (bare page + load_queue)  (goal: under 2), and the same
as AppTest runs it (compiling the page every run). Filters the page cannot show get (c) alone.

    .venv/bin/python benchmarks/staff_queue.py                       # 100,000 cases, SQLite in a temp dir
    .venv/bin/python benchmarks/staff_queue.py --cases 1000000
    .venv/bin/python benchmarks/staff_queue.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test
    .venv/bin/python benchmarks/staff_queue.py --explain            # also print the query plans

With ``--postgres`` the URL names a server and a database to connect to; the benchmark creates
its own database next to it and drops it at the end (``--keep`` keeps it, as it keeps the SQLite file).
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, however the script is started

from sqlalchemy import Engine, event, insert, text

from benchmarks._apptest import as_served, quiet_missing_context
from benchmarks._turns import Turns, in_turns
from db.engine import get_engine, is_postgres
from db.migrate import upgrade
from db.models import Case, Customer, utcnow
from db.scratch import scratch_postgres
from portal.back_office.queue import DEFAULT_FILTER, QueueFilter, Sort, load_queue
from portal.back_office.staff import (
    StaffActor,
    add_staff,
    get_actor,
    list_staff,
)
from portal.back_office.staff_sessions import start_session
from portal.config import get_settings
from portal.conversation.vocabulary import Category
from portal.recovery.cases import REFERENCE_ALPHABET
from portal.recovery.states import Status
from portal.seed import seed_demo
from portal.ui.staff_session import SESSION_ID_KEY

BATCH = 10_000
STATUS_WEIGHTS = {
    Status.CLOSED: 70,
    Status.FULFILLED: 8,
    Status.ACCEPTED: 8,
    Status.AWAITING_APPROVAL: 5,
    Status.AWAITING_CUSTOMER: 3,
    Status.COUNTERED: 3,
    Status.REOPENED: 3,
}
STORY = (
    "I booked a furnace repair for 9:00. The mechanic arrived at 10:30, did not call ahead, and then "
    "said he had to come back the next day for a part he should have brought. I took a morning off work "
    "for this and the house was cold all night. "
)
BOTHERED = "Nobody called to say he would be late, and I lost a morning of work."
PARAPHRASE = (
    "What bothered you most is that nobody called to say our mechanic would be late, and you lost a "
    "morning of work. Is that correct?"
)


def reference(n: int) -> str:
    """A distinct reference for every n < 32**6, scattered like the random ones (odd multiplier mod 2**30)."""
    value = (n * 2_654_435_761) % 32**6
    chars = []
    for _ in range(6):
        value, digit = divmod(value, 32)
        chars.append(REFERENCE_ALPHABET[digit])
    return "AM-" + "".join(chars)


@contextmanager
def database(args: argparse.Namespace) -> Iterator[str]:
    if not args.postgres:
        folder = Path(tempfile.mkdtemp(prefix="amends-bench-"))
        try:
            yield f"sqlite:///{folder / 'amends.db'}"
        finally:
            if args.keep:
                print(f"kept {folder / 'amends.db'}")
            else:
                shutil.rmtree(folder, ignore_errors=True)
        return
    with scratch_postgres(args.postgres, "amends_bench", keep=args.keep) as url:
        yield url
        if args.keep:
            print(f"kept {url}")


def fill(engine: Engine, count: int, staff_ids: list[int], seed: int = 7) -> None:
    """``count`` cases, each with its own customer, opened over the last two years, oldest first."""
    rng = random.Random(seed)
    now = utcnow()
    span = timedelta(days=730).total_seconds()
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    categories = [str(c) for c in Category]
    with engine.connect() as conn:
        first = (
            conn.execute(text('SELECT coalesce(max(id), 0) FROM "case"')).scalar_one() + 1,
            conn.execute(text("SELECT coalesce(max(id), 0) FROM customer")).scalar_one() + 1,
        )
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        customers, cases = [], []
        for i in range(start, start + size):
            opened = now - timedelta(seconds=span * (1 - (i + rng.random()) / count))
            customer_id, case_id = first[1] + i, first[0] + i
            email = f"customer{i}@example.com"
            customers.append(
                dict(
                    id=customer_id,
                    name=f"Customer {i}",
                    language="en",
                    created_at=opened,
                    email=email.capitalize() if i % 10 == 0 else email,
                )
            )
            status = str(rng.choices(statuses, weights)[0])
            # SLA deadlines about 3 days after opening (calendar days: near enough for timing); no clock once settled.
            due = opened + timedelta(days=3)
            cases.append(
                dict(
                    first_response_due_at=opened + timedelta(hours=4),
                    resolve_due_at=due,
                    reopen_count=0,
                    sla_due_at=None if status in (Status.CLOSED, Status.FULFILLED) else due,
                    id=case_id,
                    reference=reference(case_id),
                    customer_id=customer_id,
                    status=status,
                    category=rng.choice(categories),
                    tone="calm",
                    language="en",
                    story=STORY,
                    bothered_most=BOTHERED,
                    confirmed_paraphrase=PARAPHRASE,
                    order_ref=f"WO-{100_000 + i}" if i % 2 else "",
                    incident_date=None,
                    amount_cents=rng.randrange(500, 100_000) if rng.random() < 0.6 else None,
                    currency="USD",
                    owner_id=rng.choice(staff_ids) if rng.random() < 0.6 else None,
                    submission_key=f"bench-{case_id}",
                    version=1,
                    created_at=opened,
                    updated_at=opened,
                    first_response_at=None,
                    fulfilled_at=None,
                    closed_at=None,
                )
            )
        with engine.begin() as conn:
            conn.execute(insert(Customer), customers)
            conn.execute(insert(Case), cases)
        print(f"\r  filled {start + size:,} / {count:,}", end="", flush=True)
    print()
    if is_postgres(engine):
        with engine.begin() as conn:
            for table in ("case", "customer"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), (SELECT max(id) FROM \"{table}\"))"
                    )
                )


def analyze(engine: Engine) -> None:
    if is_postgres(engine):
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def median_ms(action: Callable[[], object], runs: int, warmup: int = 2) -> float:
    for _ in range(warmup):
        action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


@contextmanager
def captured(engine: Engine) -> Iterator[list[tuple[str, object]]]:
    statements: list[tuple[str, object]] = []

    def log(conn, cursor, statement, parameters, context, executemany):
        if not statement.startswith("BEGIN"):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", log)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", log)


def explain(engine: Engine, filt: QueueFilter) -> None:
    with captured(engine) as statements:
        load_queue(engine, filt)
    with engine.connect() as conn:
        for statement, parameters in statements:
            print("    " + " ".join(statement.split())[:220])
            prefix = (
                "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) "
                if is_postgres(engine)
                else "EXPLAIN QUERY PLAN "
            )
            rows = conn.exec_driver_sql(prefix + statement, parameters).all()  # type: ignore[arg-type]  # the compiled statement's parameters, as the driver takes them
            for row in rows:
                print("      | " + " ".join(str(part) for part in row[-1:]))


BARE_PAGE = """
import streamlit as st

st.title("Bare page")
st.dataframe([{"Reference": f"AM-BARE{i:02d}", "SLA": ["On time"], "Time left": "Resolution: 2d left",
               "Status": "Accepted", "Category": "Lateness", "Age (days)": i, "Owner": "Dana Cohen",
               "Customer": f"customer{i}@example.com", "Amount at stake": "$89.00"} for i in range(25)],
             hide_index=True)
"""


def signed_in(engine: Engine, actor: StaffActor) -> dict[str, object]:
    """Session state signed in as ``actor`` the way the sign-in route does (tests/support.sign_in_as): a real session
    row, its id where a browser sends the cookie. A staff page given anything less draws only its sign-in prompt."""
    return {SESSION_ID_KEY: start_session(engine, actor)}


def shows_queue_rows(at: Any) -> str | None:
    """What is wrong with a queue page run that should list cases (None: it lists some)."""
    if at.dataframe and len(at.dataframe[0].value):
        return None
    return "no table of cases, the page said: " + "; ".join(str(m.value) for m in (*at.info, *at.markdown))[:300]


def page_runner(
    path: Path, session: dict[str, object], drew: Callable[[Any], str | None] | None = None
) -> Callable[[], object]:
    """One rerun of the page at ``path`` under AppTest with ``session`` in its state; ``drew`` says what is wrong
    with a run that did not draw what it should (a sign-in prompt in place of the page), so that run raises instead
    of being timed."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(path), default_timeout=120)
    for key, value in session.items():
        at.session_state[key] = value

    def rerun() -> object:
        at.run()
        if at.exception:
            raise RuntimeError(at.exception[0].message)
        if drew is not None and (wrong := drew(at)) is not None:
            raise RuntimeError(f"{path.name}: {wrong}")
        return at

    return rerun


def over_bare_and_query(turns: Turns) -> list[float]:
    """Each round's queue page rerun over the bare page's rerun plus the query (things 0, 1 and 2)."""
    return [page / (bare + query) for page, bare, query in zip(*turns.times, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server to use instead of SQLite")
    parser.add_argument("--runs", type=int, default=15, help="rounds per scenario (the median is shown)")
    parser.add_argument("--explain", action="store_true", help="print each query's plan")
    parser.add_argument("--keep", action="store_true", help="keep the filled database")
    args = parser.parse_args()
    quiet_missing_context()

    with database(args) as url:
        os.environ["PORTAL_DATABASE_URL"] = url
        get_settings.cache_clear()
        upgrade(url)
        engine = get_engine(url)
        logins = seed_demo(engine, get_settings())
        for n in range(1, 5):
            add_staff(
                engine,
                email=f"agent{n}@northwind.example",
                name=f"Agent {n}",
                role="agent",
                password=secrets.token_urlsafe(12),
            )
        staff = list_staff(engine)
        backend = "PostgreSQL" if is_postgres(engine) else "SQLite"
        print(f"Filling {args.cases:,} cases into {backend} ...")
        started = time.perf_counter()
        fill(engine, args.cases, [member.id for member in staff])
        print(f"  took {time.perf_counter() - started:.1f} s")
        analyze(engine)

        with engine.connect() as conn:
            probe_ref = conn.execute(
                text('SELECT reference FROM "case" WHERE id = (SELECT max(id) / 2 FROM "case")')
            ).scalar_one()
            probe_email = conn.execute(
                text(
                    'SELECT customer.email FROM "case" JOIN customer ON customer.id = "case".customer_id '
                    'WHERE "case".id > (SELECT max(id) / 3 FROM "case") AND status = \'accepted\' '
                    "AND category = 'billing' ORDER BY \"case\".id LIMIT 1"
                )
            ).scalar_one()
        open_statuses = DEFAULT_FILTER.statuses
        scenarios: list[tuple[str, QueueFilter, bool]] = [  # (name, filter, also measured on the page)
            ("no filters, newest first", QueueFilter(), True),
            ("page default: open cases", DEFAULT_FILTER, True),
            (
                "open + 2 categories + email search",
                QueueFilter(statuses=open_statuses, categories=["lateness", "billing"], search=probe_email.upper()),
                True,
            ),
            ("reference prefix search", QueueFilter(search=probe_ref[:5].lower()), True),
            ("awaiting approval, oldest first", QueueFilter(statuses=["awaiting_approval"], sort=Sort.OLDEST), False),
            ("unassigned, 7-30 days old", QueueFilter(owner_id="unassigned", min_age_days=7, max_age_days=30), False),
            ("all, amount at stake", QueueFilter(sort=Sort.AMOUNT), False),
            ("open, by status", QueueFilter(statuses=open_statuses, sort=Sort.STATUS), False),
            ("no filters, page 100", QueueFilter(page=100), False),
            ("overdue only, due soonest (SLA)", QueueFilter(overdue_only=True, sort=Sort.DUE), True),
            ("open, due soonest (SLA)", QueueFilter(statuses=open_statuses, sort=Sort.DUE), False),
        ]
        for _, filt, _ in scenarios:
            assert load_queue(engine, filt).rows, filt  # every scenario shows something

        actor = get_actor(engine, staff[0].id)
        assert actor is not None  # list_staff lists active accounts only
        print(
            f"\n{args.cases:,} cases on {backend}; {args.runs} rounds, each: the queue page's rerun, the bare page's "
            f"and load_queue, in turns;\nms: medians; ratio: the median of each round's page / (bare + query), "
            f"with its quartiles\n"
        )
        header = (
            f"{'scenario':<38} {'load_queue':>11} {'queue page':>11} {'bare page':>10} "
            f"{'page/(bare+query)':>18} {'quartiles':>10} {'in AppTest':>11}"
        )
        print(header)
        print("-" * len(header))
        with tempfile.TemporaryDirectory() as folder:
            bare_path = Path(folder) / "bare.py"
            bare_path.write_text(BARE_PAGE)
            for name, filt, on_page in scenarios:
                query = partial(load_queue, engine, filt)
                if not on_page:
                    print(f"{name:<38} {median_ms(query, args.runs):>8.1f} ms")
                    continue
                # Signed in as the sign-in route does: a session row, its id where the cookie would be.
                session = {**signed_in(engine, actor), "queue_filter": filt}
                with as_served():
                    served = in_turns(
                        [
                            page_runner(ROOT / "screens/queue.py", session, shows_queue_rows),
                            page_runner(bare_path, {}),
                            query,
                        ],
                        args.runs,
                    )
                apptest = in_turns(
                    [
                        page_runner(ROOT / "screens/queue.py", session, shows_queue_rows),
                        page_runner(bare_path, {}),
                        query,
                    ],
                    args.runs,
                )
                ratios = over_bare_and_query(served)
                first, _, third = statistics.quantiles(ratios, n=4)
                print(
                    f"{name:<38} {served.median_ms(2):>8.1f} ms {served.median_ms(0):>8.1f} ms "
                    f"{served.median_ms(1):>7.1f} ms {statistics.median(ratios):>17.2f}x {first:>4.2f}-{third:.2f} "
                    f"{statistics.median(over_bare_and_query(apptest)):>10.2f}x"
                )
        if args.explain:
            for name, filt, _ in scenarios:
                print(f"\n  plan: {name}")
                explain(engine, filt)
        print(f"\n(staff sign-in for this database: {logins.staff_email})")


if __name__ == "__main__":
    main()
