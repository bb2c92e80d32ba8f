#!/usr/bin/env python
"""Click-to-rendered latency in a real browser: "Continue" on the story -> the paraphrase on the screen.

    .venv/bin/python benchmarks/browser.py
    .venv/bin/python benchmarks/browser.py --runs 20

Three servers run side by side, each a ``streamlit run`` on a free loopback port: the portal (app.py
against a throwaway SQLite store, migrated and seeded with the demo business), a bare Streamlit page
(a button that writes a text), and, for reference, a static page shaped like the story step
(benchmarks/_shapes.py). Debian's Chromium (headless, driven by Playwright as in tests/e2e) measures,
``--runs`` times each and taking turns so that all see the same machine load:

- portal: a new browser context follows the demo invite, starts, types the story and what bothered
  them most, waits until Streamlit is idle, then the clock runs from the click on "Continue" until the
  paraphrase is visible;
- bare page: a new browser context opens the page, waits until idle, then the clock runs from the
  click on its button until its text is visible;
- static page: the same as the portal, on a page with the story step's elements and no logic.

Prints both medians and the ratio portal / bare page (goal: at most 1.3x), then, timed inside the page
from the click event, when the request left, when the run's last message arrived and when the text was
in the page, for all three.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, however the script is started

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from benchmarks._browser import (  # noqa: E402
    BARE_TEXT,
    PARAPHRASE,
    bare_script,
    chromium,
    new_page,
    reach_story,
    script_file,
    serve,
    throwaway_store,
)
from benchmarks._shapes import PARAPHRASE_TEXT, TWO_STEP_SCRIPT  # noqa: E402
from tests.e2e.ui import press, see, settle  # noqa: E402

GOAL = 1.3


# Inside the page, on the page's own clock (performance.now()), for where the time goes: the click event,
# each websocket frame sent and received (wrapped before Streamlit opens its socket), and the first DOM change
# after which the expected text is in the page. Playwright's own round trips are outside these.
RECORDER = """
window.__amends = {frames: []};
const Socket = window.WebSocket;
window.WebSocket = function (url, protocols) {
  const socket = new Socket(url, protocols);
  const send = socket.send.bind(socket);
  socket.send = (data) => { window.__amends.frames.push(['sent', performance.now()]); send(data); };
  socket.addEventListener('message', () => window.__amends.frames.push(['received', performance.now()]));
  return socket;
};
window.WebSocket.prototype = Socket.prototype;
Object.assign(window.WebSocket, Socket);
"""
WATCH = """(text) => {
  const log = window.__amends;
  log.frames = []; log.clicked = null; log.shown = null;
  document.addEventListener('click', () => { if (log.clicked === null) log.clicked = performance.now(); },
                            {capture: true, once: true});
  new MutationObserver((_, observer) => {
    if (document.body.textContent.includes(text)) { log.shown = performance.now(); observer.disconnect(); }
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


@dataclass(frozen=True)
class Click:
    total_ms: float  # what the goal is about: Playwright's press until it sees the text
    sent_ms: float  # in the page, from the click event: the rerun request sent
    finished_ms: float  # ... the last message of the run received (the script has finished)
    shown_ms: float  # ... the text in the page


def timed_click(page, label: str, text: str) -> Click:  # type: ignore[no-untyped-def]
    page.evaluate(WATCH, text)
    started = time.perf_counter()
    press(page, label)
    see(page, text)
    total = (time.perf_counter() - started) * 1000
    settle(page, 50)
    log = page.evaluate("window.__amends")
    clicked = log["clicked"]
    sent = [at for kind, at in log["frames"] if kind == "sent" and at >= clicked]
    received = [at for kind, at in log["frames"] if kind == "received" and at >= clicked]
    return Click(total, sent[0] - clicked, received[-1] - clicked, log["shown"] - clicked)


def portal_click(browser, base_url: str, logins) -> Click:  # type: ignore[no-untyped-def]
    page = new_page(browser, base_url)
    page.context.add_init_script(RECORDER)
    try:
        reach_story(page, logins)
        return timed_click(page, "Continue", PARAPHRASE)
    finally:
        page.context.close()


def static_click(browser, base_url: str, heading: str, text: str) -> Click:  # type: ignore[no-untyped-def]
    """A page without a store: open it, wait for ``heading``, click "Continue" until ``text`` shows."""
    page = new_page(browser, base_url)
    page.context.add_init_script(RECORDER)
    try:
        page.goto("/")
        see(page, heading)
        settle(page)
        return timed_click(page, "Continue", text)
    finally:
        page.context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10, help="clicks measured on each page (the median is shown)")
    parser.add_argument("--warmup", type=int, default=2, help="clicks on each page before measuring")
    args = parser.parse_args()
    started = time.perf_counter()

    portal: list[Click] = []
    bare: list[Click] = []
    shaped: list[Click] = []
    with (throwaway_store() as store, bare_script() as bare_path,
          script_file(TWO_STEP_SCRIPT, "story_shaped.py") as shaped_path,
          serve(ROOT / "app.py", store) as portal_server, serve(bare_path) as bare_server,
          serve(shaped_path) as shaped_server, chromium() as browser):
        print(f"servers up and Chromium started in {time.perf_counter() - started:.1f} s", flush=True)
        for n in range(args.warmup + args.runs):
            clicks = (portal_click(browser, portal_server.base_url, store.logins),
                      static_click(browser, bare_server.base_url, "Bare page", BARE_TEXT),
                      static_click(browser, shaped_server.base_url, "Your story", PARAPHRASE_TEXT))
            if n >= args.warmup:
                for kept, click in zip((portal, bare, shaped), clicks, strict=True):
                    kept.append(click)

    def median(clicks: list[Click], field: str) -> float:
        return statistics.median(getattr(click, field) for click in clicks)

    ratio = median(portal, "total_ms") / median(bare, "total_ms")
    print(f"\nClick-to-rendered in headless Chromium, median of {args.runs} clicks each "
          f"(after {args.warmup} warm-up clicks)\n")
    header = f"{'page':<44} {'median ms':>9} {'min':>6} {'max':>6}"
    print(header)
    print("-" * len(header))
    for name, clicks in (("portal: story 'Continue' -> paraphrase shown", portal),
                         ("bare page: button -> its text shown", bare)):
        totals = [click.total_ms for click in clicks]
        print(f"{name:<44} {statistics.median(totals):>9.1f} {min(totals):>6.1f} {max(totals):>6.1f}")
    print(f"\nratio portal / bare page: {ratio:.2f}x (goal ≤{GOAL}x: {'ok' if ratio <= GOAL else 'over'}); "
          f"total {time.perf_counter() - started:.1f} s")
    print("\nWhere the time goes, inside the page, from the click event (medians, ms; the rest of the total is\n"
          "Playwright's own press and polling):\n")
    print(f"{'':<36} {'request sent':>13} {'run finished':>13} {'text shown':>11} {'/ bare':>7}")
    for name, clicks in (("portal", portal), ("bare page", bare),
                         ("static page shaped like the story", shaped)):
        print(f"{name:<36} {median(clicks, 'sent_ms'):>13.1f} {median(clicks, 'finished_ms'):>13.1f} "
              f"{median(clicks, 'shown_ms'):>11.1f} {median(clicks, 'shown_ms') / median(bare, 'shown_ms'):>6.2f}x")
    print("\n(The static page has the story step's elements and, after its button, the paraphrase step's, with no\n"
          "logic behind them: benchmarks/_shapes.py. What it costs over the bare page is Streamlit's own drawing.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
