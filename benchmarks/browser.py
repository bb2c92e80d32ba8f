#!/usr/bin/env python
"""Click-to-rendered latency in a real browser: "Continue" on the story -> the paraphrase on the screen.

    .venv/bin/python benchmarks/browser.py
    .venv/bin/python benchmarks/browser.py --runs 20

Two servers run side by side, each a ``streamlit run`` on a free loopback port: the portal (app.py
against a throwaway SQLite store, migrated and seeded with the demo business) and a bare Streamlit page
(a button that writes a text). Debian's Chromium (headless, driven by Playwright as in tests/e2e)
measures, ``--runs`` times each and alternating between the two so that both see the same machine load:

- portal: a new browser context follows the demo invite, starts, types the story and what bothered
  them most, waits until Streamlit is idle, then the clock runs from the click on "Continue" until the
  paraphrase is visible;
- bare page: a new browser context opens the page, waits until idle, then the clock runs from the
  click on its button until its text is visible.

Prints both medians and the ratio portal / bare page (goal: at most 1.3x).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, however the script is started

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

from benchmarks._browser import (  # noqa: E402
    BARE_TEXT,
    bare_script,
    chromium,
    new_page,
    reach_story,
    serve,
    submit_story,
    throwaway_store,
)
from tests.e2e.ui import press, see, settle  # noqa: E402

GOAL = 1.3


def portal_click_ms(browser, base_url: str, logins) -> float:  # type: ignore[no-untyped-def]
    page = new_page(browser, base_url)
    try:
        reach_story(page, logins)
        started = time.perf_counter()
        submit_story(page)
        return (time.perf_counter() - started) * 1000
    finally:
        page.context.close()


def bare_click_ms(browser, base_url: str) -> float:  # type: ignore[no-untyped-def]
    page = new_page(browser, base_url)
    try:
        page.goto("/")
        see(page, "Bare page")
        settle(page)
        started = time.perf_counter()
        press(page, "Continue")
        see(page, BARE_TEXT)
        return (time.perf_counter() - started) * 1000
    finally:
        page.context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10, help="clicks measured on each page (the median is shown)")
    parser.add_argument("--warmup", type=int, default=2, help="clicks on each page before measuring")
    args = parser.parse_args()
    started = time.perf_counter()

    portal_ms: list[float] = []
    bare_ms: list[float] = []
    with (throwaway_store() as store, bare_script() as bare_path, serve(ROOT / "app.py", store) as portal,
          serve(bare_path) as bare, chromium() as browser):
        print(f"servers up and Chromium started in {time.perf_counter() - started:.1f} s", flush=True)
        for n in range(args.warmup + args.runs):
            p, b = portal_click_ms(browser, portal.base_url, store.logins), bare_click_ms(browser, bare.base_url)
            if n >= args.warmup:
                portal_ms.append(p)
                bare_ms.append(b)

    portal_median, bare_median = statistics.median(portal_ms), statistics.median(bare_ms)
    ratio = portal_median / bare_median
    print(f"\nClick-to-rendered in headless Chromium, median of {args.runs} clicks each "
          f"(after {args.warmup} warm-up clicks)\n")
    header = f"{'page':<44} {'median ms':>9} {'min':>6} {'max':>6}"
    print(header)
    print("-" * len(header))
    for name, times in (("portal: story 'Continue' -> paraphrase shown", portal_ms),
                        ("bare page: button -> its text shown", bare_ms)):
        print(f"{name:<44} {statistics.median(times):>9.1f} {min(times):>6.1f} {max(times):>6.1f}")
    print(f"\nratio portal / bare page: {ratio:.2f}x (goal ≤{GOAL}x: {'ok' if ratio <= GOAL else 'over'}); "
          f"total {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
