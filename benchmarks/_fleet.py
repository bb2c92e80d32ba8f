"""The processes benchmarks/capacity.py and tests/e2e/test_replicas.py run: replicas of ``portal run`` on one
PostgreSQL database, the bare journey served the same way, HAProxy in front of the replicas with the shipped
deploy/haproxy.cfg, ``portal worker``s, and readings of their CPU and memory from /proc."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlmodel import select

from db.engine import get_engine, write_session
from db.migrate import upgrade
from db.models import Invite, StaffMember
from portal.config import Settings
from portal.entry import links
from portal.entry.tokens import Purpose
from portal.seed import seed_demo
from tests.e2e.server import environment, free_port, healthy, serve_command, stop

HAPROXY_CONFIG = ROOT / "deploy" / "haproxy.cfg"
STICKY_COOKIE = "AMENDS_REPLICA"  # the balancer's cookie naming the replica (deploy/haproxy.cfg)
BARE_JOURNEY = Path(__file__).resolve().parent / "_bare_journey.py"
COUNTED_SERVER = Path(__file__).resolve().parent / "_counted_server.py"
START_TIMEOUT = 60.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def ensure_haproxy() -> str:
    """The haproxy binary; installed from Debian's packages when missing and we are root (as scripts/test
    installs Chromium). Raises RuntimeError when it cannot be had."""
    found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(
            "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy",
            shell=True,
            check=False,
            capture_output=True,
            timeout=300,
        )
        found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if found is None:
        raise RuntimeError("haproxy is missing (apt-get install haproxy)")
    return found


# --- what a process costs ----------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User and system CPU of the process so far (/proc/<pid>/stat), 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (from /proc: each one's parent)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, its_parent in parents.items() if its_parent == parent]
        found += children
        frontier += children
    return found


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# --- the store ---------------------------------------------------------------------------------------------


@dataclass
class Store:
    """A migrated PostgreSQL database seeded with the demo business, and invites made on demand."""

    url: str
    staff_id: int
    made: int = 0

    @classmethod
    def prepare(cls, url: str) -> Store:
        upgrade(url)
        logins = seed_demo(get_engine(url), Settings(mode="demo", database_url=url))
        with get_engine(url).connect() as conn:
            staff_id = conn.execute(select(StaffMember.id).where(StaffMember.email == logins.staff_email)).scalar_one()
        return cls(url, staff_id)

    def invites(self, count: int) -> list[str]:
        """``count`` new invites, each for a customer of their own (own email: the per-customer policy agrees each
        one's remedy at once), in one transaction; their tokens."""
        tokens = []
        with write_session(get_engine(self.url)) as session:
            for _ in range(count):
                self.made += 1
                invite = Invite(
                    customer_name=f"Customer {self.made}",
                    email=f"customer{self.made}@example.com",
                    order_ref=f"WO-{self.made}",
                    language="en",
                    created_by_id=self.staff_id,
                )
                session.add(invite)
                session.flush()
                tokens.append(links.issue(session, Purpose.INVITE, timedelta(days=30), invite_id=invite.id))
        return tokens


# --- the processes -----------------------------------------------------------------------------------------


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path
    port: int = 0

    @property
    def pid(self) -> int:
        return self.popen.pid

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """SIGKILL: the machine under it died; nothing is flushed."""
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait(timeout=10)

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""


@dataclass
class Fleet:
    """Everything started in one ``fleet()`` block, stopped when it ends."""

    store_url: str
    logs: Path
    stack: ExitStack
    processes: list[Process] = field(default_factory=list)

    def _start(self, name: str, command: list[str], env: dict[str, str], port: int = 0) -> Process:
        log = self.logs / f"{name}.log"
        handle = log.open("wb")
        self.stack.callback(handle.close)
        popen = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
        process = Process(name, popen, log, port)
        self.stack.callback(stop, popen)
        self.processes.append(process)
        return process

    def portal_env(self, base_url: str) -> dict[str, str]:
        """A replica's settings, as deploy/amends.env.example sets them (production mode, one cookie secret)."""
        return environment(
            PORTAL_MODE="production",
            PORTAL_DATABASE_URL=self.store_url,
            PORTAL_BASE_URL=base_url,
            PORTAL_SECRET_KEY="capacity-benchmark-" + "k" * 40,
            PORTAL_OWNER_EMAIL="care@example.com",
            PORTAL_TRUSTED_PROXIES="127.0.0.1",
            PORTAL_EVIDENCE_DIR=str(self.logs / "evidence"),
            PORTAL_OUTBOX_DIR=str(self.logs / "outbox"),
            PORTAL_WORKER_INTERVAL_SECONDS="2",
            STREAMLIT_SERVER_COOKIE_SECRET="capacity-benchmark-cookie-secret",
        )

    def replica(self, name: str, *, port: int = 0, base_url: str = "", counted: bool = False) -> Process:
        """``portal run`` on ``port`` or a free loopback port (``counted``: its SQL statements counted, to a file)."""
        port = port or free_port()
        env = self.portal_env(base_url or f"http://127.0.0.1:{port}")
        if counted:
            env["AMENDS_COUNT_FILE"] = str(self.logs / f"{name}.count")
            command = [sys.executable, str(COUNTED_SERVER), "--port", str(port), "--address", "127.0.0.1"]
        else:
            command = [sys.executable, "-m", "portal.cli", "run", "--port", str(port), "--address", "127.0.0.1"]
        return self._start(name, command, env, port)

    def bare(self) -> Process:
        port = free_port()
        return self._start("bare", serve_command(str(BARE_JOURNEY), port), environment(), port)

    def worker(self, name: str) -> Process:
        return self._start(name, [sys.executable, "-m", "portal.cli", "worker"], self.portal_env("http://127.0.0.1"))

    def balancer(self, replica_ports: list[int]) -> Process:
        """HAProxy with deploy/haproxy.cfg in front of two replicas' ports (the second may be left unstarted: its
        health check finds it down and every customer goes to the first)."""
        port = free_port()
        env = {
            **environment(),
            "AMENDS_BIND": f"127.0.0.1:{port}",
            **{f"AMENDS_REPLICA_{n}": f"127.0.0.1:{p}" for n, p in enumerate(replica_ports, start=1)},
        }
        return self._start("haproxy", [ensure_haproxy(), "-db", "-f", str(HAPROXY_CONFIG)], env, port)

    def wait_healthy(self, *processes: Process, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        for process in processes:
            while not healthy(process.base_url):
                if process.popen.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{process.name} did not become healthy:\n{process.tail()}")
                time.sleep(0.1)

    def wait_routed(self, balancer: Process, replicas: int, timeout: float = 30.0) -> None:
        """Until the balancer's health checks have found ``replicas`` replicas up: its sticky cookie (deploy/
        haproxy.cfg) names that many different replicas on requests that carry none."""
        import urllib.request

        deadline = time.monotonic() + timeout
        seen: set[str] = set()
        while len(seen) < replicas and time.monotonic() < deadline:
            with urllib.request.urlopen(f"{balancer.base_url}/_stcore/health", timeout=2) as response:
                for cookie in response.headers.get_all("Set-Cookie") or []:
                    name, _, value = cookie.split(";")[0].partition("=")
                    if name == STICKY_COOKIE:
                        seen.add(value)
            time.sleep(0.05)
        if len(seen) < replicas:
            raise RuntimeError(f"the balancer routed to {len(seen)} of {replicas} replicas")


@contextmanager
def fleet(store_url: str) -> Iterator[Fleet]:
    with ExitStack() as stack:
        logs = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="amends-capacity-")))
        yield Fleet(store_url, logs, stack)
