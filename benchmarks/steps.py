#!/usr/bin/env python
"""What one rerun of the customer page costs at each step of the journey, against a bare Streamlit script.

    .venv/bin/python benchmarks/steps.py
    .venv/bin/python benchmarks/steps.py --runs 40   # quicker, and about twice as scattered

One customer walks screens/customer.py under ``streamlit.testing.v1.AppTest`` the way the page tests do
(tests/support.py: tell the story, confirm the paraphrase, no more items, give the details, propose a
remedy), against a throwaway SQLite store (migrated and seeded with the demo business, in a temp dir).
They follow the demo's invite link, which needs no emailed code before the case opens, so every step is
a page rerun and nothing waits for an email. At each step (welcome, story with every field filled, "did
we understand you?", apology, details with every field filled, order and photos, remedy, and the case page
right after submitting) the page is rerun ``--runs`` times as it stands. A second customer comes through the public
link (the business's site, no invite): its welcome, its story step, "how can we reach you?" (a name and an email,
what an invite would have said, asked after the story), "confirm your email" once the code is sent, its details
step and its order and photos step (the order number typed: no invite gave it). Its other steps are the invited
customer's. Each rerun of the page alternates with a
rerun of a bare script (a title, a text area and a button) under AppTest in the same process, so that both see the
same machine load; the ratio is the median, over the turns, of the page's time over the bare script's time
in the same turn (``Turns``), printed with the range the median lies in with about 95% confidence. Goal: at most
1.5x: "ok" or "over" where the whole range is on one side of it, "ok (noise)" or "over (noise)" where it spans it.

Which rerun: in a browser, a click or a field change on a step reruns only the fragment that holds the step
(``customer_page.conversation``, and ``case_details`` on the case page); the page around it (language,
styles, the language switch, app.py's navigation) reruns whole only when the language is switched or the page
is loaded again. So each step is measured three ways:
- as AppTest runs the page's file: the whole script, as the page tests run it;
- as served, the whole page: through ``app.py``'s navigation, as a server runs every rerun, with the compiled
  scripts kept across runs and the run's end awaited, both scripts alike (``benchmarks/_apptest.as_served``);
  AppTest compiles the script afresh on every run (it makes a new ``ScriptCache`` per run, and Streamlit's
  "magic" rewrites the whole syntax tree first), which costs in proportion to the file's length, where a served
  app compiles each page once per process; and ``at.run()`` notices that the run ended only at its next poll,
  every 1.1 ms;
- as served, a click or a field change on the step: that fragment's rerun, as the browser asks for it
  (``benchmarks/_apptest.rerun_fragment``). That is what every click or keystroke's field change on the step
  costs a running server, and what the goal is about. Fields that nothing on their step depends on before its
  button (the details' date and amount, the name, email and order number) rerun nothing at all
  (portal/ui/widgets.NO_RERUN); on those steps the same rerun is what a click that stays on the step costs (a
  photo attached, a problem found).

References with no logic behind them: for every step, the elements its fragment rerun drew, recorded and drawn
again by a script of their own in a fragment, with the page's styles and language switch outside it
(benchmarks/_replay.py); on the story step, static whole pages with its elements and with the fewest a story
step could have (benchmarks/_shapes.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, however the script is started

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from streamlit.testing.v1 import AppTest

from benchmarks._apptest import as_served, quiet_missing_context, rerun_fragment
from benchmarks._replay import RECORDED, drawn, recording, replay_script
from benchmarks._shapes import FEWEST_STORY_SCRIPT, STORY_SHAPED_SCRIPT
from benchmarks._turns import Turns, in_turns
from db.engine import get_engine
from db.migrate import upgrade
from portal.config import get_settings
from portal.seed import DemoLogins, seed_demo
from tests.support import click, confirm_email, drafted, open_page, page_fragment, propose

GOAL = 1.5
BARE_SCRIPT = """
import streamlit as st

st.title("Bare page")
story = st.text_area("What happened?", key="story")
if st.button("Continue", type="primary"):
    st.write(story)
"""


@contextmanager
def throwaway_store() -> Iterator[DemoLogins]:
    """A migrated, seeded SQLite store in a temp dir, made the portal's store for this process (and the folder
    its emails would be written to: the public link's step sends a code)."""
    folder = Path(tempfile.mkdtemp(prefix="amends-steps-"))
    url = f"sqlite:///{folder / 'amends.db'}"
    ours = {"PORTAL_DATABASE_URL": url, "PORTAL_OUTBOX_DIR": str(folder / "outbox")}
    previous = {name: os.environ.get(name) for name in ours}
    os.environ.update(ours)
    get_settings.cache_clear()
    try:
        upgrade(url)
        yield seed_demo(get_engine(url), get_settings())
    finally:
        get_engine(url).dispose()
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        get_settings.cache_clear()
        shutil.rmtree(folder, ignore_errors=True)


def static_page(folder: Path, source: str, name: str) -> AppTest:
    """A script with no store behind it, written to ``folder`` and run once."""
    path = folder / name
    path.write_text(source)
    page = AppTest.from_file(str(path), default_timeout=30)
    rerun(page)
    return page


def rerun(at: AppTest) -> None:
    at.run()
    if at.exception:
        raise RuntimeError(at.exception[0].message)


def take_turns(scripts: Sequence[AppTest], runs: int, warmup: int = 3) -> Turns:
    """``runs`` reruns of each script, taking turns (benchmarks/_turns.py)."""
    return in_turns([partial(rerun, at) for at in scripts], runs, warmup)


@dataclass(frozen=True)
class Row:
    """One step's figures: each a ``Turns`` with the bare script as its second thing."""

    name: str
    as_apptest: Turns
    whole: Turns
    click: Turns
    no_logic: Turns  # the same elements, replayed by a script of their own (benchmarks/_replay.py)
    elements: int  # how many the step's fragment rerun drew

    def ours(self) -> float:
        """What the portal's code adds to the click's ratio."""
        return self.click.ratio() - self.no_logic.ratio()


def click_rerun(at: AppTest) -> Callable[[], None]:
    """The rerun a click or a field change on the page's current step starts in a browser: the page's fragment that
    holds the step (``customer_page.conversation``, or ``case_details`` on the case page)."""
    return partial(rerun_fragment, at, page_fragment(at))


def fill_story(at: AppTest) -> AppTest:
    """The story step with every field typed in but not sent yet (what each field change reruns);
    the invite filled in the name and email."""
    click(at, "Tell us what happened")
    at.text_area(key="story_story").input(
        "I booked a furnace repair for 9:00. Your mechanic arrived at 10:30 "
        "and did not call ahead, and he had to come back the next day."
    )
    at.text_area(key="story_bothered").input("Your mechanic was 90 minutes late to fix my furnace")
    rerun(at)
    return at


def fill_contact(at: AppTest) -> AppTest:
    """The public link's "How can we reach you?" step, after its story, with every field typed in but not sent.
    Each customer has an address of their own, so that each reads their own code (``public_details``)."""
    click(at, "Continue")
    at.text_input(key="contact_name").input("Alex Morgan")
    at.text_input(key="contact_email").input(f"alex.{drafted(at).submission_key[:8]}@example.com")
    rerun(at)
    return at


def fill_details(at: AppTest) -> AppTest:
    """The details step (date and amount) with every field filled in but not sent yet."""
    click(at, "No, that's everything")
    at.number_input(key="details_amount").set_value(250.0)
    rerun(at)
    return at


def fill_evidence(at: AppTest) -> AppTest:
    """The order and photos step with its order number typed in but not sent yet, where it is asked (the public link;
    the demo's invite gave one)."""
    click(at, "Continue")
    if any(field.key == "evidence_order" for field in at.text_input):
        at.text_input(key="evidence_order").input("WO-20481")
        rerun(at)
    return at


def public_details(at: AppTest) -> AppTest:
    """From "confirm your email" (the code typed, as tests.support.confirm_email does) to the details step with
    every field filled."""
    confirm_email(at)
    click(at, "Yes, that's right")
    return fill_details(at)


# (step, how to get there from the previous step, a word that must be on the page once there)
STEPS: list[tuple[str, Callable[[AppTest], object], str]] = [
    ("welcome", lambda at: at, "Tell us what happened"),
    ("story (all fields filled)", fill_story, "Continue"),
    ("validate: the paraphrase", lambda at: click(at, "Continue"), "Yes, that's right"),
    ("apology", lambda at: click(at, "Yes, that's right"), "No, that's everything"),
    ("details (all fields filled)", fill_details, "Continue"),
    ("order and photos", fill_evidence, "Continue"),
    ("remedy", lambda at: click(at, "Continue"), "Confirm my choice"),
    (
        "case page after submitting",
        lambda at: propose(at, "Refund the whole $400 visit, please", 400.0),
        "Keep this page's address",
    ),
]


# The public link's own steps, and its details and order and photos steps, reached once the code is confirmed.
PUBLIC_STEPS: list[tuple[str, Callable[[AppTest], object], str]] = [
    ("public link: welcome", lambda at: at, "Tell us what happened"),
    ("public link: story (all filled)", fill_story, "Continue"),
    ("public link: how to reach you", fill_contact, "Send me a code"),
    ("public link: confirm email", lambda at: click(at, "Send me a code"), "Change email or get a new code"),
    ("public link: details", public_details, "Continue"),
    ("public link: order and photos", fill_evidence, "Continue"),
]


def on_page(at: AppTest, words: str) -> bool:
    shown = [b.label for b in at.button] + [m.value.replace("\\", "") for m in at.markdown]
    return any(words in str(value) for value in shown)


def walks(invite_token: str) -> Iterator[tuple[str, Callable[[AppTest], object], str, AppTest, AppTest]]:
    """Each step of both walks, the invited customer's and the public link's, with the two customers who take it
    (the page's file, and app.py)."""
    for steps, token in ((STEPS, invite_token), (PUBLIC_STEPS, None)):
        at, app = open_page(token=token), open_page("app.py", token=token)
        for name, reach, words in steps:
            yield name, reach, words, at, app


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # 100: with 40 turns, the same step's median moved by about ±0.06x from run to run on this machine (a turn's
    # ratio scatters by a third either way); with 100, by about ±0.03x.
    parser.add_argument("--runs", type=int, default=100, help="reruns per step (the median is shown)")
    args = parser.parse_args()
    started = time.perf_counter()
    quiet_missing_context()

    with throwaway_store() as logins, tempfile.TemporaryDirectory() as folder:
        bare = static_page(Path(folder), BARE_SCRIPT, "bare.py")
        bare.text_area(key="story").input("My furnace repair was late.")
        rerun(bare)

        references = [
            static_page(Path(folder), source, name)
            for source, name in ((STORY_SHAPED_SCRIPT, "story_shaped.py"), (FEWEST_STORY_SCRIPT, "story_fewest.py"))
        ]

        rows: list[Row] = []
        # Two customers on the same steps: one on the page's file, as the page tests run it; one through app.py's
        # navigation, as a server runs every rerun.
        for name, reach, words, at, app in walks(logins.invite_token):
            for customer in (at, app):
                reach(customer)
                if not on_page(customer, words):
                    raise RuntimeError(f"step {name!r} was not reached: buttons {[b.label for b in customer.button]}")
            as_apptest = take_turns([at, bare], args.runs)
            with as_served():  # the whole page takes turns with the static references too, on the story step
                whole = take_turns([app, bare, *(references if reach is fill_story else ())], args.runs)
                click = in_turns([click_rerun(app), partial(rerun, bare)], args.runs)
                with recording(name):
                    click_rerun(app)()
                replayed = static_page(Path(folder), replay_script(name), f"replay{len(rows)}.py")
                no_logic = in_turns([click_rerun(replayed), partial(rerun, bare)], args.runs)
            rows.append(Row(name, as_apptest, whole, click, no_logic, drawn(RECORDED[name])))

    print(
        f"\nCustomer page rerun under AppTest, {args.runs} reruns per step, each followed by a bare script's rerun "
        "(title, text area, button);\nms: medians; ratio: the median of the page's time over the bare script's in "
        "the same turn\n"
    )
    header = (
        f"{'':<32} {'as AppTest':>10}   {'as served (app.py, compiled once, end awaited)':^78}\n"
        f"{'':<32} {'runs it':>10}   {'whole page':>17}   {'a click or field change on the step':^36}   "
        f"{'no logic':>16}   {'elements':>8}\n"
        f"{'step':<32} {'ratio':>10}   {'page ms':>8} {'ratio':>6}   {'page ms':>8} {'bare ms':>8} {'ratio':>6} "
        f"{'95% range':>11}  goal ≤{GOAL}x     {'ratio':>6} {'ours':>7}   {'drawn':>8}"
    )
    print(header)
    print("-" * len(header.splitlines()[-1]))
    for row in rows:
        click = row.click
        low, high = click.interval()
        whole = row.whole
        print(
            f"{row.name:<32} {row.as_apptest.ratio():>9.2f}x   {whole.median_ms(0):>8.1f} {whole.ratio():>5.2f}x"
            f"   {click.median_ms(0):>8.1f} {click.median_ms(1):>8.1f} {click.ratio():>5.2f}x "
            f"{low:>5.2f}-{high:.2f}  {click.verdict(GOAL):<14} {row.no_logic.ratio():>5.2f}x {row.ours():>+6.2f}x"
            f"   {row.elements:>8}"
        )
    print(
        "\nno logic: the same elements as the step's fragment rerun drew, drawn again by a script of their own in a "
        "fragment, with no code\nof ours behind them (benchmarks/_replay.py), taking turns with the bare script; "
        "ours: the step's ratio less that one;\nelements drawn: by the step's fragment rerun, blocks and what is in them, "
        "the fragment's own block not counted"
    )
    story = next(row.whole for row in rows if len(row.whole.times) == 4)
    print(
        f"\nreferences with no logic (benchmarks/_shapes.py), as served, taking turns with the story step's whole "
        f"page ({story.ratio():.2f}x):\n"
        f"  a static page with the story step's elements: {story.median_ms(2):.1f} ms, {story.ratio(2):.2f}x\n"
        f"  the story step with the fewest elements (a heading, two text areas, a button): {story.median_ms(3):.1f} "
        f"ms, {story.ratio(3):.2f}x\n  the bare script: {story.median_ms(1):.1f} ms"
    )
    worst = max(rows, key=lambda row: row.click.ratio())
    low, high = worst.click.interval()
    print(
        f"\nworst step as served, a click or field change: {worst.name}, {worst.click.ratio():.2f}x, 95% range "
        f"{low:.2f}-{high:.2f} (goal ≤{GOAL}x: {worst.click.verdict(GOAL)}); "
        f"total {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
