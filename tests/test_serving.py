"""The portal as it is served: `portal demo` (README's first command) as a person or a service manager runs it (it
prints the links, serves the portal, and a signal to stop it stops the server, rather than leaving one running on
the port), and what every HTTP response of the served app says (portal/asgi.py)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest

from db.engine import get_engine
from db.migrate import upgrade
from portal.config import Settings
from portal.seed import seed_demo
from tests.e2e.server import E2EStore, Server, environment, free_port, healthy, serve

ROOT = Path(__file__).resolve().parent.parent
PORTAL = Path(sys.executable).parent / "portal"  # the command the project installs, as scripts/demo runs it


def _until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_sigterm_to_portal_demo_stops_the_server_it_started(tmp_path: Path) -> None:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = environment(
        PORTAL_MODE="demo",
        PORTAL_DATABASE_URL=f"sqlite:///{tmp_path / 'amends.db'}",
        PORTAL_OUTBOX_DIR=str(tmp_path / "outbox"),
        PORTAL_EVIDENCE_DIR=str(tmp_path / "evidence"),
    )
    output = tmp_path / "output.log"
    with output.open("wb") as sink:
        # A session of its own, so that whatever it starts can be cleaned up below even if it outlives it.
        process = subprocess.Popen(
            [str(PORTAL), "demo", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        assert _until(lambda: healthy(base_url) or process.poll() is not None, 60), output.read_text()
        assert healthy(base_url), output.read_text()
        printed = output.read_text()
        assert f"Customer link (personal invite): http://localhost:{port}/?t=" in printed
        assert f"Staff login: http://localhost:{port}/staff" in printed
        assert f"API: http://localhost:{port}/api/v1  key amk_" in printed

        process.send_signal(signal.SIGTERM)

        assert process.wait(timeout=20) is not None
        assert _until(lambda: not healthy(base_url), 10), "a server still answers on the port after the command stopped"
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The portal served as `portal run` serves it, against a seeded SQLite store."""
    url = f"sqlite:///{tmp_path_factory.mktemp('served') / 'amends.db'}"
    upgrade(url)
    store = E2EStore(url, seed_demo(get_engine(url), Settings(mode="demo", database_url=url)))
    with serve(store, tmp_path_factory.mktemp("served-logs")) as server:
        yield server
    get_engine(url).dispose()


def fetch(url: str, method: str = "GET") -> tuple[int, Message, bytes]:
    """Status, headers and body, whatever the status."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_every_response_forbids_framing_by_another_site(served):
    """A foreign page could frame /staff, and signing in inside the frame worked."""
    status, _, page = fetch(served.url("/"))
    assert status == 200
    script = re.search(r'src="\./(static/js/index\.[^"]+\.js)"', page.decode())
    assert script, page[:500]
    for path in (
        "/",
        "/staff",
        "/_stcore/health",
        f"/{script.group(1)}",
        "/favicon.png",
        "/_stcore/host-config",
        "/_stcore/no-such-route",
    ):
        status, headers, _ = fetch(served.url(path))
        assert headers.get_all("X-Frame-Options") == ["DENY"], (path, status, dict(headers))
        assert "frame-ancestors 'none'" in headers.get_all("Content-Security-Policy", []), (path, dict(headers))


def test_streamlits_metrics_are_not_public(served):
    for path in ("/_stcore/metrics", "/_stcore/metrics/", "/_stcore/%6Detrics"):
        status, headers, body = fetch(served.url(path))
        assert status == 404 and b"session" not in body, (path, status, body[:200])
        assert headers.get_all("X-Frame-Options") == ["DENY"]


def test_streamlits_own_protections_hold_when_served_this_way(served):
    """An upload without the XSRF token is refused, as under `streamlit run`."""
    status, _, _ = fetch(served.url("/_stcore/upload_file/some-session/some-file"), method="PUT")
    assert status == 403
