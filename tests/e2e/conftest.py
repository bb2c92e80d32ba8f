"""Real-browser fixtures: a seeded SQLite store, the app served as `portal run` serves it, and Debian's Chromium.

One server and one browser per session (starting them costs a few seconds); each test opens its
own browser contexts, so a customer and a staff member are two separate Streamlit sessions.

Screenshots go to ``test-artifacts/e2e/<test name>/NN-name.png`` (ignored by git). A test that
fails also leaves a ``failure-N.png`` of every page it had open there.

Without /usr/bin/chromium (or Playwright) the browser tests are skipped on a developer's machine
and fail under CI (the ``CI`` environment variable set), so CI never passes without them.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest

from db.engine import get_engine
from db.migrate import upgrade
from portal.config import Settings
from portal.seed import seed_demo
from tests.e2e.server import E2EStore, Server, serve
from tests.e2e.ui import settle

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    setattr(item, f"report_{report.when}", report)  # read by the page fixture to keep failure screenshots
    return report


def unavailable(reason: str) -> None:
    """Skip on a developer's machine; fail under CI, which never passes without what is missing."""
    if os.environ.get("CI"):
        pytest.fail(f"The browser tests are required in CI: {reason}", pytrace=False)
    pytest.skip(reason)


# --- the store and the server ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def e2e_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[E2EStore]:
    """A fresh SQLite database, migrated and seeded with the demo business, its manager and an invite."""
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'amends.db'}"
    upgrade(url)
    logins = seed_demo(get_engine(url), Settings(mode="demo", database_url=url))
    yield E2EStore(url, logins)
    get_engine(url).dispose()


@pytest.fixture(scope="session")
def server(e2e_store: E2EStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app, served for the whole session."""
    with serve(e2e_store, tmp_path_factory.mktemp("e2e-server")) as running:
        yield running


# --- the browser -----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (which cannot download its own browsers here)."""
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed (pip install -e '.[dev]')")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def artifacts(request: pytest.FixtureRequest) -> Path:
    """This test's screenshot folder, emptied at the start."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    folder = ARTIFACTS / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def new_page(
    chromium, server: Server, artifacts: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[], object]]:
    """Open a page in a new browser context: a separate person with a separate Streamlit session."""
    contexts = []

    def open_page():
        context = chromium.new_context(viewport=VIEWPORT, base_url=server.base_url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    failed = any(getattr(getattr(request.node, f"report_{when}", None), "failed", False) for when in ("setup", "call"))
    for number, context in enumerate(contexts, start=1):
        if failed:
            for page in context.pages:
                try:
                    _full_page_screenshot(page, artifacts / f"failure-{number}.png")
                except Exception:  # noqa: BLE001 - a failure screenshot must never hide the failure itself
                    pass
        context.close()


def _full_page_screenshot(page, path: Path) -> None:
    """Streamlit scrolls inside its main container, so a plain full-page screenshot only shows the window:
    grow the window to the content's height for the shot, then put it back."""
    height = page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]') || document.scrollingElement;
        return Math.max(main.scrollHeight, document.documentElement.scrollHeight);
    }""")
    size = page.viewport_size or VIEWPORT
    tall = min(max(int(height), size["height"]), 8000)
    if tall > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": tall})
        page.wait_for_timeout(100)
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        if tall > size["height"]:
            page.set_viewport_size(size)


@pytest.fixture
def shot(artifacts: Path) -> Callable[[object, str], Path]:
    """``shot(page, name)``: a full-page screenshot saved as ``NN-name.png`` in this test's artifact folder."""
    counter = iter(range(1, 100))

    def take(page, name: str) -> Path:
        settle(page)
        path = artifacts / f"{next(counter):02d}-{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
        _full_page_screenshot(page, path)
        return path

    return take
