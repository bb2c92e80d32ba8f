"""Serving the app for browser tests as `portal run` serves it (portal/asgi.py: Streamlit's st.App on uvicorn), on a
free loopback port, against a given store."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from db.engine import get_engine
from portal.seed import DemoLogins

ROOT = Path(__file__).resolve().parents[2]
SERVER_START_TIMEOUT = 30.0


@dataclass(frozen=True)
class E2EStore:
    url: str
    logins: DemoLogins

    @property
    def engine(self):
        return get_engine(self.url)

    @property
    def evidence_dir(self) -> Path:
        """Where the served app keeps customers' uploads: beside the database, out of the repository."""
        return Path(str(make_url(self.url).database)).parent / "evidence"


@dataclass(frozen=True)
class Server:
    base_url: str
    store: E2EStore

    def url(self, path: str = "/") -> str:
        return self.base_url + path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=1) as response:
            return response.read().decode().strip() == "ok"
    except OSError:
        return False


def environment(**settings: str) -> dict[str, str]:
    """This process's environment for a child process of the project's: none of the PORTAL_ settings around it (a
    developer's own, or a test's), only ``settings``."""
    return {**{name: value for name, value in os.environ.items() if not name.startswith("PORTAL_")}, **settings}


def serve_command(script: str, port: int) -> list[str]:
    """``script`` served as the portal is (``python -m portal.asgi``: headless, no file watcher) on a loopback
    port; the same for tests and benchmarks."""
    return [sys.executable, "-m", "portal.asgi", script, "--address", "127.0.0.1", "--port", str(port)]


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@contextmanager
def serve(store: E2EStore, logs: Path, *, port: int | None = None, **settings: str) -> Iterator[Server]:
    """app.py served on a free loopback port (or ``port``) with the store's settings (and ``settings``, environment
    variables that add to or override them); stopped when the block ends."""
    port = port or free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = environment(
        **{
            "PORTAL_MODE": "demo",
            "PORTAL_DATABASE_URL": store.url,
            "PORTAL_BASE_URL": base_url,
            # customers' uploads stay out of the repository, and so do the emails sent at once
            "PORTAL_EVIDENCE_DIR": str(store.evidence_dir),
            "PORTAL_OUTBOX_DIR": str(logs / "outbox"),
            **settings,
        }
    )
    command = serve_command("app.py", port)
    with (logs / "stdout.log").open("wb") as stdout, (logs / "stderr.log").open("wb") as stderr:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=stdout, stderr=stderr)
        try:
            deadline = time.monotonic() + SERVER_START_TIMEOUT
            while not healthy(base_url):
                if process.poll() is not None or time.monotonic() > deadline:
                    why = (
                        f"exited with code {process.returncode}"
                        if process.poll() is not None
                        else f"was not healthy after {SERVER_START_TIMEOUT:.0f} s"
                    )
                    pytest.fail(
                        f"The portal's server {why}.\n"
                        f"stderr:\n{(logs / 'stderr.log').read_text(errors='replace')[-4000:]}\n"
                        f"stdout:\n{(logs / 'stdout.log').read_text(errors='replace')[-2000:]}",
                        pytrace=False,
                    )
                time.sleep(0.1)
            yield Server(base_url, store)
        finally:
            stop(process)
