"""What benchmarks/browser.py and benchmarks/memory.py share: a throwaway store, a script served as the portal is
(``python -m portal.asgi``) on a free loopback port (its process's resident memory readable), Debian's Chromium driven by
Playwright, and a customer walking to the "did we understand you?" step.

The customer follows the demo's invite link: an invite needs no emailed code before a case opens, so
the walk is the same whatever the public link's gate asks (see portal/entry/intake.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, however the script is started

from sqlmodel import select

from db.engine import get_engine
from db.migrate import upgrade
from db.models import StaffMember
from portal.back_office.staff import get_actor
from portal.config import Settings
from portal.conversation import paraphrase
from portal.entry.invites import create_invite
from portal.seed import DemoLogins, seed_demo
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, VIEWPORT  # the browser tests' own setup
from tests.e2e.server import environment, free_port, healthy, serve_command, stop
from tests.e2e.ui import press, see, settle, type_into

START_TIMEOUT = 30.0
STORY = "I booked a furnace repair for 9:00. Your mechanic arrived at 10:30 and did not call ahead."
BOTHERED = "Your mechanic was 90 minutes late to fix my furnace"
PARAPHRASE = paraphrase(BOTHERED, "en")  # what the validate step must show (the engine's own output)

# A button that writes a text: the least a Streamlit click can cost.
BARE_PAGE = """
import streamlit as st

st.title("Bare page")
if st.button("Continue", type="primary"):
    st.write("What bothered you most is that our mechanic was late. Is that correct?")
"""
BARE_TEXT = "What bothered you most is that our mechanic was late. Is that correct?"


@dataclass(frozen=True)
class Store:
    url: str
    logins: DemoLogins


@contextmanager
def throwaway_store() -> Iterator[Store]:
    """A SQLite store in a temp dir, migrated and seeded with the demo business (as the e2e tests make)."""
    folder = Path(tempfile.mkdtemp(prefix="amends-browser-"))
    url = f"sqlite:///{folder / 'amends.db'}"
    try:
        upgrade(url)
        yield Store(url, seed_demo(get_engine(url), Settings(mode="demo", database_url=url)))
    finally:
        get_engine(url).dispose()
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def script_file(source: str, name: str) -> Iterator[Path]:
    """``source`` written to a throwaway ``name`` (for ``serve``), deleted when the block ends."""
    with tempfile.TemporaryDirectory(prefix="amends-script-") as folder:
        path = Path(folder) / name
        path.write_text(source)
        yield path


def bare_script() -> AbstractContextManager[Path]:
    return script_file(BARE_PAGE, "bare.py")


@dataclass(frozen=True)
class Server:
    base_url: str
    pid: int

    def rss_mb(self) -> float:
        """The server process's resident memory (VmRSS in /proc), in MB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"no VmRSS for process {self.pid}")


@contextmanager
def serve(script: Path, store: Store | None = None, **settings: str) -> Iterator[Server]:
    """SCRIPT served as the portal is (``python -m portal.asgi``) from the project root on a free loopback port (the
    portal's settings pointing at ``store``, plus ``settings``: environment variables), as tests/e2e/server.py serves
    the app; stopped when the block ends."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = (
        environment(PORTAL_MODE="demo", PORTAL_DATABASE_URL=store.url, PORTAL_BASE_URL=base_url, **settings)
        if store
        else environment(**settings)
    )
    command = serve_command(str(script), port)
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while not healthy(base_url):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    tail = log.read().decode(errors="replace")[-3000:]
                    raise RuntimeError(f"serving {script.name} did not become healthy:\n{tail}")
                time.sleep(0.1)
            yield Server(base_url, process.pid)
        finally:
            stop(process)


@contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium, headless, as the browser tests launch it (Playwright cannot download browsers here)."""
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser, base_url: str):
    """A page in a context of its own: a separate person, so a separate Streamlit session."""
    context = browser.new_context(viewport=VIEWPORT, base_url=base_url)
    context.set_default_timeout(20_000)
    return context.new_page()


def fresh_invite(store: Store) -> str:
    """The address of a new invite like the demo's: each visit a person of its own (following one invite twice
    resumes the first visit's conversation, portal.recovery.drafts)."""
    engine = get_engine(store.url)
    with engine.connect() as conn:
        staff_id = conn.execute(
            select(StaffMember.id).where(StaffMember.email == store.logins.staff_email)
        ).scalar_one()
    actor = get_actor(engine, staff_id)
    assert actor is not None
    link = create_invite(
        engine, actor, customer_name="Alex Rivera", email="alex.rivera@example.com", order_ref="WO-20481"
    )
    return f"/?{urlsplit(link.url).query}"


def reach_story(page, store: Store) -> None:
    """Follow a new invite, start, and type the story (each field commits on leaving it); wait until idle."""
    page.goto(fresh_invite(store))
    press(page, "Tell us what happened")
    see(page, "Your story")
    type_into(page, "What happened?", STORY)
    type_into(page, "What bothered you most?", BOTHERED)
    settle(page)


def submit_story(page) -> None:
    """Press Continue and wait until the paraphrase of what bothered them is on the screen."""
    press(page, "Continue")
    see(page, PARAPHRASE)


def reach_paraphrase(page, store: Store) -> None:
    reach_story(page, store)
    submit_story(page)
    settle(page)
