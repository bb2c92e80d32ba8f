#!/usr/bin/env python
"""Resident memory the portal's server adds per concurrent customer session.

    .venv/bin/python benchmarks/memory.py
    .venv/bin/python benchmarks/memory.py --sessions 40

Starts the portal as the browser tests do (``python -m portal.asgi`` on a free loopback port, against a
throwaway SQLite store migrated and seeded with the demo business) and reads the server process's
resident memory (VmRSS in /proc/<pid>/status):

- before any session;
- after 1 session: a headless Chromium context (Playwright, Debian's Chromium) follows the demo invite,
  types the story and reaches the paraphrase step, so the session holds a draft. This first session
  also pays the one-time warm-up (imports, caches, the engine), which is why it is shown apart;
- after ``--sessions`` sessions in all, each its own browser context kept open (a closed one would let
  Streamlit drop its session), each walked to the paraphrase step.

Prints (after - before) / sessions (goal: under 5 MB per session), and without the warm-up the median
of what each session from the second one on added (a reading after every session: the server's memory
also drops now and then, when the allocator gives back what the first session's warm-up left behind,
so two readings alone, or a straight-line fit through such a drop, say little).
The same is measured in the same run on a bare Streamlit page (a button that writes a text) served by
its own server, each session clicking its button once, for the part that is Streamlit's own.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, however the script is started

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks._browser import (
    BARE_TEXT,
    Server,
    bare_script,
    chromium,
    new_page,
    reach_paraphrase,
    serve,
    throwaway_store,
)
from tests.e2e.ui import press, see, settle

GOAL_MB = 5.0
QUIET_SECONDS = 1.0  # let the server finish what the last session started before reading its memory


@dataclass
class Footprint:
    name: str
    sessions: int
    before: float
    after_one: float
    after_all: float
    readings: list[float]  # after each session, 1..sessions
    seconds: float

    @property
    def per_session(self) -> float:
        return (self.after_all - self.before) / self.sessions

    @property
    def first(self) -> float:
        return self.after_one - self.before

    @property
    def per_further_session(self) -> float:
        """The median of what each session from the second one on added (robust to a one-off drop)."""
        return statistics.median(b - a for a, b in zip(self.readings, self.readings[1:]))


def settled_rss(server: Server) -> float:
    time.sleep(QUIET_SECONDS)
    return server.rss_mb()


def measure(name: str, server: Server, browser, sessions: int, walk: Callable[[object], None]) -> Footprint:
    started = time.perf_counter()
    pages = []
    readings: list[float] = []
    before = settled_rss(server)
    after_one = before
    try:
        for n in range(sessions):
            page = new_page(browser, server.base_url)
            pages.append(page)  # kept open: its Streamlit session stays alive
            walk(page)
            if n == 0:
                after_one = settled_rss(server)
            readings.append(server.rss_mb() if n else after_one)
            if n == 0 or (n + 1) % 5 == 0 or n + 1 == sessions:
                print(f"  {name}: {n + 1}/{sessions} sessions, server {server.rss_mb():.1f} MB", flush=True)
        after_all = settled_rss(server)
    finally:
        for page in pages:
            page.context.close()
    return Footprint(name, sessions, before, after_one, after_all, readings, time.perf_counter() - started)


def click_bare(page) -> None:
    page.goto("/")
    see(page, "Bare page")
    press(page, "Continue")
    see(page, BARE_TEXT)
    settle(page)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=20, help="concurrent sessions opened (at least 2)")
    args = parser.parse_args()
    if args.sessions < 2:
        parser.error("--sessions must be at least 2 (the first one is shown apart)")
    started = time.perf_counter()

    with throwaway_store() as store, bare_script() as bare_path, chromium() as browser:
        with serve(ROOT / "app.py", store) as portal:
            customer = measure("portal", portal, browser, args.sessions, lambda page: reach_paraphrase(page, store))
        with serve(bare_path) as bare:
            baseline = measure("bare page", bare, browser, args.sessions, click_bare)

    print(f"\nServer resident memory (VmRSS) with {args.sessions} concurrent sessions, each its own browser context\n")
    header = (
        f"{'server':<40} {'before':>8} {'1 session':>10} {f'{args.sessions} sessions':>12} "
        f"{'first':>7} {'per session':>12} {'median 2..n':>12}"
    )
    print(header)
    print("-" * len(header))
    for f, what in ((customer, "portal, sessions at the paraphrase step"), (baseline, "bare page, button clicked")):
        print(
            f"{what:<40} {f.before:>5.1f} MB {f.after_one:>7.1f} MB {f.after_all:>9.1f} MB "
            f"{f.first:>4.1f} MB {f.per_session:>9.2f} MB {f.per_further_session:>9.2f} MB"
        )
    print(
        "first: what the first session added (warm-up included); per session: (after - before) / sessions; "
        "median 2..n: the median of what each later session added"
    )
    verdict = "ok" if customer.per_session < GOAL_MB else "over"
    print(
        f"\nportal: {customer.per_session:.2f} MB per session (goal < {GOAL_MB:.0f} MB: {verdict}), "
        f"{customer.per_further_session:.2f} MB per session after the first; bare page "
        f"{baseline.per_session:.2f} MB ({baseline.per_further_session:.2f} after the first); "
        f"total {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
