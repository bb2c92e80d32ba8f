"""What checking the staff session costs each run of a staff page (portal.back_office.staff_sessions.check_session).

Run from anywhere: ``.venv/bin/python benchmarks/staff_session.py [--postgres URL]``. Every run of a staff page (and
app.py before it) asks the store whether the cookie's session still holds: one indexed read of the session and its
account; once a minute a write notes the activity (``TOUCH_EVERY``). Timed here on a fresh migrated store with
10,000 sessions of 50 accounts: the check as most runs make it (read only), the check that writes the activity,
and signing in's ``start_session`` (the password check itself, argon2, is not included). Prints medians and p95.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.engine import get_engine
from db.migrate import upgrade
from db.models import StaffMember, StaffSession, utcnow
from db.scratch import scratch_postgres
from portal.back_office.staff import StaffActor
from portal.back_office.staff_clock import SessionLimits
from portal.back_office.staff_sessions import TOUCH_EVERY, check_session, start_session
from portal.entry.tokens import hash_token, new_token
from portal.recovery.remedies import Role

LIMITS = SessionLimits(idle=timedelta(minutes=30), absolute=timedelta(hours=12))
ACCOUNTS, SESSIONS, RUNS = 50, 10_000, 400


def fill(url: str) -> list[StaffActor]:
    engine = get_engine(url)
    now = utcnow()
    with engine.begin() as conn:
        conn.execute(
            StaffMember.__table__.insert(),  # type: ignore[attr-defined]  # SQLModel adds the table at class creation; mypy cannot see it
            [
                {
                    "email": f"s{n}@example.com",
                    "name": f"Staff {n}",
                    "title": "",
                    "role": "agent",
                    "password_hash": "x",
                    "is_active": True,
                    "created_at": now,
                }
                for n in range(ACCOUNTS)
            ],
        )
        ids = [row.id for row in conn.execute(StaffMember.__table__.select())]  # type: ignore[attr-defined]  # SQLModel adds the table at class creation; mypy cannot see it
        conn.execute(
            StaffSession.__table__.insert(),  # type: ignore[attr-defined]  # SQLModel adds the table at class creation; mypy cannot see it
            [
                {
                    "token_hash": hash_token(new_token()),
                    "staff_id": ids[n % ACCOUNTS],
                    "role": "agent",
                    "via": "password",
                    "source": "",
                    "created_at": now,
                    "last_seen_at": now,
                    "ended_at": None,
                    "end_reason": "",
                }
                for n in range(SESSIONS)
            ],
        )
    return [StaffActor(id=i, name="", email="", role=Role.AGENT) for i in ids]


def timed(action: Callable[[int], object]) -> tuple[float, float]:
    """Median and p95 of ``action(i)`` in milliseconds over RUNS calls (after 20 to warm up)."""
    for i in range(20):
        action(i)
    times = []
    for i in range(RUNS):
        start = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


def measure(url: str, backend: str) -> None:
    upgrade(url)
    actors = fill(url)
    engine = get_engine(url)
    raw = start_session(engine, actors[0])
    now = utcnow()
    read = timed(lambda i: check_session(engine, raw, LIMITS, now=now))
    touch = timed(lambda i: check_session(engine, raw, LIMITS, now=now + TOUCH_EVERY * (i + 1)))
    start = timed(lambda i: start_session(engine, actors[i % ACCOUNTS]))
    print(
        f"{backend:<11} check (read) {read[0]:6.2f} ms, p95 {read[1]:6.2f}  |  check + activity write "
        f"{touch[0]:6.2f} ms, p95 {touch[1]:6.2f}  |  start_session {start[0]:6.2f} ms, p95 {start[1]:6.2f}"
    )
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="a PostgreSQL server URL to measure on too (a scratch database)")
    args = parser.parse_args()
    print(f"{SESSIONS:,} sessions of {ACCOUNTS} accounts; {RUNS} calls each\n")
    with tempfile.TemporaryDirectory() as folder:
        measure(f"sqlite:///{folder}/amends.db", "SQLite")
    if args.postgres:
        with scratch_postgres(args.postgres, "amends_bench") as url:
            measure(url, "PostgreSQL")


if __name__ == "__main__":
    main()
