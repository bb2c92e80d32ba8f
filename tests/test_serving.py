"""`portal demo` (README's first command) as a person or a service manager runs it: it prints the links, serves the
portal, and a signal to stop it stops the server, rather than leaving one running on the port."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.e2e.server import environment, free_port, healthy

ROOT = Path(__file__).resolve().parent.parent
PORTAL = Path(sys.executable).parent / "portal"  # the command the project installs, as scripts/demo runs it


def _until(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_sigterm_to_portal_demo_stops_the_server_it_started(tmp_path: Path) -> None:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = environment(PORTAL_MODE="demo", PORTAL_DATABASE_URL=f"sqlite:///{tmp_path / 'amends.db'}",
                      PORTAL_OUTBOX_DIR=str(tmp_path / "outbox"), PORTAL_EVIDENCE_DIR=str(tmp_path / "evidence"))
    output = tmp_path / "output.log"
    with output.open("wb") as sink:
        # A session of its own, so that whatever it starts can be cleaned up below even if it outlives it.
        process = subprocess.Popen([str(PORTAL), "demo", "--port", str(port)], cwd=ROOT, env=env, stdout=sink,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        assert _until(lambda: healthy(base_url) or process.poll() is not None, 60), output.read_text()
        assert healthy(base_url), output.read_text()
        printed = output.read_text()
        assert f"Customer link (personal invite): http://localhost:{port}/?t=" in printed
        assert f"Staff login: http://localhost:{port}/staff" in printed

        process.send_signal(signal.SIGTERM)

        assert process.wait(timeout=20) is not None
        assert _until(lambda: not healthy(base_url), 10), "a server still answers on the port after the command stopped"
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
