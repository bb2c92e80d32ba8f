#!/usr/bin/env python
"""Capacity: many customers at once on one server, on replicas behind HAProxy, and one replica killed mid-journey.

    .venv/bin/python benchmarks/capacity.py            # the full measurement: about 25 minutes on a quiet machine
    .venv/bin/python benchmarks/capacity.py --quick    # every part, a few customers and seconds each (CI)
    .venv/bin/python benchmarks/capacity.py --parts single --ns 5,10

Every customer is one Streamlit session driven at the protocol level (benchmarks/_streamlit_client.py: a WebSocket,
Streamlit's own protobuf messages) walking the invite journey to a submitted case (benchmarks/_journey.py): follow
the invite, tell the story (each text area reruns when left, as in a browser), confirm the paraphrase, nothing else,
the details, the photos, choose a remedy and confirm: 10 reruns a journey. All customers of a run share one asyncio
loop in this process. Why not Playwright in several processes: a headless Chromium costs this 2-core machine far more
per customer than the server it loads (benchmarks/README.md, capacity.py, has the measurement), so a few dozen browsers would
measure themselves.

Parts (``--parts``, all by default), on a throwaway PostgreSQL database beside ``--postgres-url``:

1. ``single``: one ``portal run`` served directly, and the bare journey (benchmarks/_bare_journey.py: the same
   steps, elements, labels and fragments with nothing behind them) served the same way, taking turns N by N.
   For each N and both modes (``busy``: no think time, the most it takes, though 0.1 s after each run drawn:
   ``BUSY_GAP`` says why; ``think``: 2-5 s before everything a customer does) it prints p50/p95 from a click (or
   a field left) to the run drawn, journeys completed per minute, the server's CPU (% of one core) and peak
   memory, the portal's p95 over the bare one's, and the N at which each one's p95 passes one second.
2. ``replicas``: HAProxy with the shipped deploy/haproxy.cfg (sticky cookie, WebSockets) in front of replicas of
   ``portal run``, plus two ``portal worker``s; the same busy journeys with one replica up, then two.
3. ``fault``: two replicas, ``--fault-customers`` customers with think time; one replica is SIGKILLed mid-journey.
   Its customers reconnect through the balancer (same cookie, as a browser's page does) to the other, which opens
   their saved conversation. Checked: every journey ends in its case, exactly one case per customer, the story
   typed is the story kept, and how many steps a customer had seen drawn that the reconnected page had lost.
4. ``queries``: a replica counting its SQL statements and transactions (benchmarks/_counted_server.py) while
   customers walk the journey one after another: statements and commits per journey, for sizing PostgreSQL.
5. ``drivers`` (not run unless asked): the load generator's own CPU per journey, driving by this protocol client
   and by Chromium through Playwright, one customer at a time; how the driver was chosen.

The machine's load average is printed first: on a shared machine the figures are disturbed, and say so.
Exit status 1 if a journey fails, a case is missing or duplicated, or work is lost after the kill.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, however the script is started

import argparse
import asyncio
import os
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import text

from benchmarks._fleet import (
    Fleet,
    Process,
    Store,
    cpu_seconds,
    fleet,
    load_average,
    rss_mb,
)
from benchmarks._journey import STORY, Think, Walk, thinking, walk
from db.engine import get_engine
from db.scratch import scratch_postgres
from tests.e2e.server import free_port

DEFAULT_ADMIN_URL = os.environ.get("PORTAL_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
P95_RATIO_GOAL = 1.3
THINK_P95_GOAL = 0.5  # seconds, 20 customers with think time
THINK_GOAL_N = 20
REPLICA_GOAL = 1.6
SLOW = 1.0  # the p95 each one passes at some N
# "No think time" still leaves 0.1 s between a run drawn and the next action: a rerun asked for within ~30 ms of the
# previous run's end waits ~45 ms in Streamlit's server before it starts (measured 2026-12-07 on the bare journey:
# 44-56 ms a rerun back to back, 4-10 ms from 40 ms apart), a wait no person and no browser click meets.
BUSY_GAP = 0.1


# --- one run of N customers ----------------------------------------------------------------------------------


@dataclass
class Run:
    target: str  # "portal", "bare", "1 replica", ...
    mode: str
    customers: int
    seconds: float = 0.0
    walks: list[Walk] = field(default_factory=list)
    server_cpu: float = 0.0  # % of one core, servers summed
    server_rss: float = 0.0  # MB, peak, servers summed
    client_cpu_ms: float = 0.0  # this process's CPU per rerun it drove
    submit_ms: list[float] = field(default_factory=list)  # submit_case in the server, each (a counted replica's)

    @property
    def latencies(self) -> list[float]:
        return [s for w in self.walks for s in w.latencies]

    def slowest(self, count: int = 3) -> str:
        """The actions with the highest p95, each with it: where the run's p95 comes from."""
        by_action: dict[str, list[float]] = {}
        for w in self.walks:
            for action, seconds in zip(w.actions, w.latencies):
                by_action.setdefault(action[:24], []).append(seconds)
        p95 = {a: sorted(v)[min(len(v) - 1, round(0.95 * (len(v) - 1)))] for a, v in by_action.items()}
        return ", ".join(f"{a} {s * 1000:.0f}" for a, s in sorted(p95.items(), key=lambda i: -i[1])[:count])

    @property
    def done(self) -> list[Walk]:
        return [w for w in self.walks if w.reference and not w.error]

    @property
    def errors(self) -> Counter[str]:
        return Counter(w.error.split(":")[0] for w in self.walks if w.error)

    def percentile(self, q: float) -> float:
        return _nearest(self.latencies, q) if self.latencies else float("nan")

    @property
    def cpu_per_journey(self) -> float:
        """The servers' CPU seconds per journey completed: what sizes a replica, less disturbed than a latency by
        whatever else the machine runs."""
        return self.server_cpu / 100 * self.seconds / len(self.done) if self.done else float("nan")

    @property
    def per_minute(self) -> float:
        return len(self.done) / self.seconds * 60 if self.seconds else 0.0


Links = Callable[[], str]  # the next customer's query string


async def _monitor(pids: list[int], peak: list[float], cpu: dict[int, float], stop: asyncio.Event) -> None:
    """The servers' summed memory at its peak, and each one's CPU as last seen (a killed one's stays)."""
    while not stop.is_set():
        peak[0] = max(peak[0], sum(rss_mb(pid) for pid in pids))
        cpu.update({pid: max(cpu.get(pid, 0.0), cpu_seconds(pid)) for pid in pids})
        try:
            await asyncio.wait_for(stop.wait(), 0.5)
        except TimeoutError:
            pass


async def run_customers(
    run: Run,
    ws_url: str,
    next_link: Links,
    servers: list[Process],
    seconds: float,
    think: Think,
    *,
    journeys_each: int = 0,
    during: Callable[[], object] | None = None,
    during_at: float = 0.0,
) -> Run:
    """``run.customers`` customers walk journeys for ``seconds`` (no new journey starts after; those under way
    finish), or ``journeys_each`` each; ``during`` is called ``during_at`` seconds in (the fault)."""
    pids = [p.pid for p in servers]
    cpu_before = {pid: cpu_seconds(pid) for pid in pids}
    client_before = time.process_time()
    peak = [0.0]
    cpu = dict(cpu_before)
    stop = asyncio.Event()
    monitor = asyncio.create_task(_monitor(pids, peak, cpu, stop))
    started = time.perf_counter()
    deadline = started + seconds
    counter = iter(range(1, 10**9))

    async def customer(index: int) -> None:
        await asyncio.sleep(index * 0.05)  # arriving over a moment, not in one instant
        walked = 0
        while (time.perf_counter() < deadline) if not journeys_each else walked < journeys_each:
            link = await asyncio.to_thread(next_link)
            run.walks.append(await walk(ws_url, link, next(counter), think))
            walked += 1

    async def fault() -> None:
        await asyncio.sleep(during_at)
        await asyncio.to_thread(during)  # type: ignore[arg-type]  # the fault is any callable; to_thread's ParamSpec cannot take it

    tasks = [customer(i) for i in range(run.customers)] + ([fault()] if during else [])
    await asyncio.gather(*tasks)
    run.seconds = time.perf_counter() - started
    stop.set()
    await monitor
    cpu.update({pid: max(cpu[pid], cpu_seconds(pid)) for pid in pids})
    run.server_cpu = sum(cpu[pid] - cpu_before[pid] for pid in pids) / run.seconds * 100
    run.server_rss = peak[0]
    reruns = len(run.latencies) + len(run.walks)  # the timed ones and each journey's first page
    run.client_cpu_ms = (time.process_time() - client_before) / max(reruns, 1) * 1000
    return run


def warm_up(servers: list[Process], links: Links, rng: random.Random) -> None:
    """One journey on each server first, not counted: a fresh process's first session pays its imports, caches and
    connections (benchmarks/memory.py), which no customer after it does."""
    for server in servers:
        asyncio.run(
            run_customers(
                Run("warm-up", "busy", 1), ws_url(server), links, [server], 0, thinking(0, 0, rng), journeys_each=1
            )
        )


def ws_url(process: Process) -> str:
    return f"ws://127.0.0.1:{process.port}/_stcore/stream"


class Invites:
    """The portal's customers' links, made in batches as the run asks for them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.ready: list[str] = []
        self.given: list[str] = []

    def __call__(self) -> str:
        if not self.ready:
            self.ready = self.store.invites(25)
        token = self.ready.pop()
        self.given.append(token)
        return f"t={token}"


# --- printing ----------------------------------------------------------------------------------------------


HEADER = (
    f"{'mode':<6} {'N':>3} {'target':<10} {'journeys':>8} {'per min':>8} {'p50 ms':>7} {'p95 ms':>7} "
    f"{'server CPU':>10} {'CPU/journey':>11} {'server MB':>9} {'driver ms':>9}  errors"
)


def line(run: Run) -> str:
    errors = ", ".join(f"{n}x {kind}" for kind, n in run.errors.most_common()) or "0"
    return (
        f"{run.mode:<6} {run.customers:>3} {run.target:<10} {len(run.done):>8} {run.per_minute:>8.1f} "
        f"{run.percentile(0.5) * 1000:>7.0f} {run.percentile(0.95) * 1000:>7.0f} {run.server_cpu:>9.0f}% "
        f"{run.cpu_per_journey * 1000:>8.0f} ms "
        f"{run.server_rss:>9.0f} {run.client_cpu_ms:>9.2f}  {errors}  slowest p95 ms: {run.slowest()}"
        + (
            f"; submit_case in the server p50/p95 {_nearest(run.submit_ms, 0.5):.0f}/"
            f"{_nearest(run.submit_ms, 0.95):.0f} ms"
            if run.submit_ms
            else ""
        )
    )


def _nearest(values: list[float], q: float) -> float:
    found = sorted(values)
    return found[min(len(found) - 1, round(q * (len(found) - 1)))]


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


# --- the servers, started once for every part ------------------------------------------------------------------


class Site:
    """One fleet for every part (each process started once, when a part first needs it, and warmed up): replica 1
    served directly for part 1 and through the balancer for parts 2-3, replica 2 started for part 2 and killed in
    part 3, the bare journey, HAProxy and two workers. Every replica counts its SQL statements (part 4 reads
    replica 1's: an event listener's increment, microseconds a statement)."""

    def __init__(self, processes: Fleet, store: Store, rng: random.Random) -> None:
        self.processes, self.store, self.rng = processes, store, rng
        self.invites = Invites(store)
        self.ports = [free_port(), free_port()]
        self.replicas: dict[int, Process] = {}
        self._bare: Process | None = None
        self._balancer: Process | None = None

    def replica(self, number: int) -> Process:
        if number not in self.replicas:
            replica = self.processes.replica(f"portal{number}", port=self.ports[number - 1], counted=True)
            self.processes.wait_healthy(replica)
            warm_up([replica], self.invites, self.rng)
            self.replicas[number] = replica
        return self.replicas[number]

    def bare(self) -> Process:
        if self._bare is None:
            self._bare = self.processes.bare()
            self.processes.wait_healthy(self._bare)
            warm_up([self._bare], lambda: "", self.rng)
        return self._bare

    def balancer(self, replicas: int) -> Process:
        """HAProxy (and the workers) in front of ``replicas`` replicas up."""
        for number in range(1, replicas + 1):
            self.replica(number)
        if self._balancer is None:
            self._balancer = self.processes.balancer(self.ports)
            self.workers = [self.processes.worker("worker1"), self.processes.worker("worker2")]
            self.processes.wait_healthy(self._balancer)
        self.processes.wait_routed(self._balancer, replicas)
        return self._balancer

    def counts(self, number: int) -> list[int]:
        """Replica ``number``'s SQL statements, commits and rollbacks so far (it writes them twice a second)."""
        return [int(n) for n in self._count_lines(number)[0].split()]

    def submits(self, number: int) -> list[float]:
        """How long each ``submit_case`` replica ``number`` ran so far took, in ms."""
        return [float(ms) for ms in self._count_lines(number)[1].split()]

    def _count_lines(self, number: int) -> list[str]:
        time.sleep(0.6)
        return (self.processes.logs / f"portal{number}.count").read_text().split("\n")


# --- 1. one server ----------------------------------------------------------------------------------------


def single_server(site: Site, args: argparse.Namespace) -> bool:
    runs: list[Run] = []
    portal, bare = site.replica(1), site.bare()
    given = len(site.invites.given)
    print(
        f"\n1. One server: `portal run` on PostgreSQL and the bare journey, served the same way; "
        f"busy {args.busy_seconds:.0f} s, think {args.think_seconds:.0f} s "
        f"({args.think_low:g}-{args.think_high:g} s) per N",
        flush=True,
    )
    print(HEADER)
    for mode, seconds, think in (
        ("busy", args.busy_seconds, thinking(BUSY_GAP, BUSY_GAP, site.rng)),
        ("think", args.think_seconds, thinking(args.think_low, args.think_high, site.rng)),
    ):
        if mode not in args.modes:
            continue
        for n in args.ns:
            for target, server, links in (("portal", portal, site.invites), ("bare", bare, lambda: "")):
                submitted = len(site.submits(1)) if target == "portal" else 0
                run = asyncio.run(run_customers(Run(target, mode, n), ws_url(server), links, [server], seconds, think))
                run.submit_ms = site.submits(1)[submitted:] if target == "portal" else []
                runs.append(run)
                print(line(run), flush=True)
    ok = _check_cases(
        site.store, site.invites.given[given:], [w for r in runs if r.target == "portal" for w in r.walks]
    )
    return print_single(runs, args) and ok


def print_single(runs: list[Run], args: argparse.Namespace) -> bool:
    ok = all(not r.errors for r in runs)
    print("\nportal p95 / bare p95 (goal at most 1.3x at every N):")
    for mode in args.modes:
        pairs = [
            (p, b)
            for p in runs
            for b in runs
            if p.mode == b.mode == mode and p.customers == b.customers and p.target == "portal" and b.target == "bare"
        ]
        if not pairs:
            continue
        ratios = [(p.customers, p.percentile(0.95) / b.percentile(0.95)) for p, b in pairs]
        met = all(r <= P95_RATIO_GOAL for _, r in ratios)
        print(f"  {mode:<6} " + ", ".join(f"N={n}: {r:.2f}x" for n, r in ratios) + f"  {verdict(met)}")
        for target in ("portal", "bare"):
            over = [r.customers for r in runs if r.mode == mode and r.target == target and r.percentile(0.95) > SLOW]
            print(f"  {mode:<6} {target} p95 passes 1 s at N={over[0] if over else f'> {max(args.ns)} (never here)'}")
    think = [r for r in runs if r.mode == "think" and r.target == "portal" and r.customers == THINK_GOAL_N]
    if think:
        p95 = think[0].percentile(0.95)
        print(
            f"  {THINK_GOAL_N} customers with think time: portal p95 {p95 * 1000:.0f} ms (goal under "
            f"{THINK_P95_GOAL * 1000:.0f} ms) {verdict(p95 < THINK_P95_GOAL)}"
        )
    return ok


# --- 2. replicas --------------------------------------------------------------------------------------------


def replicas(site: Site, args: argparse.Namespace) -> bool:
    runs: list[Run] = []
    given = len(site.invites.given)
    print(
        f"\n2. Replicas behind HAProxy (deploy/haproxy.cfg), two workers; busy, {args.busy_seconds:.0f} s per N",
        flush=True,
    )
    print(HEADER)
    for count in (1, 2):
        balancer = site.balancer(count)
        servers = list(site.replicas.values())
        for n in args.replica_ns:
            run = asyncio.run(
                run_customers(
                    Run(f"{count} replica", "busy", n),
                    ws_url(balancer),
                    site.invites,
                    servers,
                    args.busy_seconds,
                    thinking(BUSY_GAP, BUSY_GAP, site.rng),
                )
            )
            runs.append(run)
            print(line(run), flush=True)
    alive = all(w.popen.poll() is None for w in site.workers)
    ok = _check_cases(site.store, site.invites.given[given:], [w for r in runs for w in r.walks]) and alive
    if not alive:
        print("  a worker exited:\n" + "\n".join(w.tail() for w in site.workers))
    print(f"\njourneys per minute, 2 replicas / 1 (goal at least {REPLICA_GOAL}x at the same p95 or better):")
    best = 0.0
    for n in args.replica_ns:
        one, two = (next(r for r in runs if r.customers == n and r.target == f"{c} replica") for c in (1, 2))
        ratio = two.per_minute / one.per_minute if one.per_minute else float("nan")
        same = two.percentile(0.95) <= one.percentile(0.95) * 1.05
        if same:
            best = max(best, ratio)
        print(
            f"  N={n}: {ratio:.2f}x, p95 {one.percentile(0.95) * 1000:.0f} -> {two.percentile(0.95) * 1000:.0f} ms"
            f"{'' if same else ' (p95 worse: not comparable)'}"
        )
    print(f"  best at the same p95: {best:.2f}x {verdict(best >= REPLICA_GOAL)}")
    return ok and all(not r.errors for r in runs)


# --- 3. a replica killed -----------------------------------------------------------------------------------------


def fault(site: Site, args: argparse.Namespace) -> bool:
    balancer = site.balancer(2)
    victim = site.replicas[2]
    given = len(site.invites.given)
    think = thinking(args.think_low, args.think_high, site.rng)
    print(
        f"\n3. A replica killed (SIGKILL) {args.kill_after:.0f} s into {args.fault_customers} customers' "
        f"journeys (think {args.think_low:g}-{args.think_high:g} s)",
        flush=True,
    )
    run = asyncio.run(
        run_customers(
            Run("2->1 repl", "think", args.fault_customers),
            ws_url(balancer),
            site.invites,
            list(site.replicas.values()),
            0,
            think,
            journeys_each=1,
            during=victim.kill,
            during_at=args.kill_after,
        )
    )
    print(HEADER)
    print(line(run))
    moved = sum(1 for w in run.walks if w.reconnects)
    lost = sum(w.steps_lost for w in run.walks)
    on_victim = sum(1 for w in run.walks if w.served_by == victim.name)
    print(
        f"  customers on the killed replica: {on_victim} of {len(run.walks)}; reconnected to the other: {moved}; "
        f"reconnects {sum(w.reconnects for w in run.walks)}; steps drawn then lost: {lost} (after the story was "
        f"sent: kept from then on); steps redone before it: {sum(w.restarted for w in run.walks)}"
    )
    ok = _check_cases(site.store, site.invites.given[given:], run.walks)
    if moved == 0:
        print("  the kill found no customer on the killed replica: nothing was checked (raise --kill-after?)")
    ok = ok and moved > 0 and moved >= on_victim and lost == 0 and not run.errors
    print(f"  nothing lost, no case twice: {verdict(ok)}")
    return ok


def _check_cases(store: Store, tokens: list[str], walks: list[Walk]) -> bool:
    """Every walk that ended saw its case, and the store has exactly one case for each, with the story typed."""
    from portal.entry.tokens import hash_token

    with get_engine(store.url).connect() as conn:
        rows = conn.execute(
            text(
                "SELECT t.token_hash, c.reference, c.story FROM access_token t JOIN invite i ON i.id = t.invite_id "
                'JOIN customer u ON u.email = i.email JOIN "case" c ON c.customer_id = u.id '
                "WHERE t.purpose = 'invite'"
            )
        ).all()
    by_token: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        by_token.setdefault(row.token_hash, []).append((row.reference, row.story))
    done = [w for w in walks if w.reference]
    twice = sum(1 for cases in by_token.values() if len(cases) > 1)
    missing = sum(1 for w in done if w.reference not in {r for cs in by_token.values() for r, _ in cs})
    wrong_story = sum(
        1 for cases in by_token.values() for _, story in cases if not story.startswith(STORY.split(" (customer")[0])
    )
    cases = sum(1 for t in tokens if by_token.get(hash_token(t)))
    ok = not (twice or missing or wrong_story) and cases >= len(done)
    print(
        f"  store: {cases} cases for {len(tokens)} customers' links, {len(done)} journeys seen to their case; "
        f"created twice {twice}, seen but missing {missing}, story not as typed {wrong_story}  {verdict(ok)}"
    )
    return ok


# --- 4. queries per journey ------------------------------------------------------------------------------------


def queries(site: Site, args: argparse.Namespace) -> bool:
    replica = site.replica(1)
    before = site.counts(1)
    run = asyncio.run(
        run_customers(
            Run("counted", "busy", 1),
            ws_url(replica),
            site.invites,
            [replica],
            0,
            thinking(BUSY_GAP, BUSY_GAP, site.rng),
            journeys_each=args.query_journeys,
        )
    )
    after = site.counts(1)
    journeys = len(run.done)
    statements, commits, rollbacks = ((a - b) / max(journeys, 1) for a, b in zip(after, before))
    reruns = len(run.latencies) / max(journeys, 1) + 1
    print(
        f"\n4. Database work per journey (one customer at a time, {journeys} journeys, counted in the server): "
        f"{statements:.1f} SQL statements, {commits:.1f} commits, {rollbacks:.1f} rollbacks; "
        f"{reruns:.0f} reruns a journey ({statements / reruns:.1f} statements a rerun)"
    )
    return journeys == args.query_journeys and not run.errors


# --- 5. what a simulated customer costs the load generator ---------------------------------------------------


def drivers(site: Site, args: argparse.Namespace) -> bool:
    """One journey at a time, driven by this protocol client and by Chromium through Playwright: the CPU and memory
    each costs this machine per journey (the servers' excluded), to choose the driver."""
    from benchmarks._browser import chromium, new_page
    from benchmarks._fleet import descendants
    from tests.e2e.ui import press, see, type_into

    portal, invites, rng = site.replica(1), site.invites, site.rng
    journeys = args.query_journeys
    before = time.process_time()
    run = asyncio.run(
        run_customers(
            Run("protocol", "busy", 1),
            ws_url(portal),
            invites,
            [portal],
            0,
            thinking(BUSY_GAP, BUSY_GAP, rng),
            journeys_each=journeys,
        )
    )
    protocol_ms = (time.process_time() - before) / journeys * 1000
    fleet_pids = {p.pid for p in site.processes.processes}
    fleet_pids |= {child for pid in fleet_pids for child in descendants(pid)}

    def browser_cpu(seen: dict[int, float]) -> float:
        """Every browser process's CPU as last seen (a page's renderer exits with its context: read it before)."""
        for pid in descendants(os.getpid()):
            if pid not in fleet_pids:
                seen[pid] = max(seen.get(pid, 0.0), cpu_seconds(pid))
        return sum(seen.values())

    with chromium() as browser:
        seen: dict[int, float] = {}
        cpu_before = browser_cpu(seen) + time.process_time()
        peak = 0.0
        for _ in range(journeys):
            page = new_page(browser, portal.base_url)
            page.goto(f"/?{invites()}")
            press(page, "Tell us what happened")
            type_into(page, "What happened?", STORY.format(n=0))
            type_into(page, "What bothered you most?", "Your mechanic was 90 minutes late to fix my furnace")
            for label in ("Continue", "Yes, that's right", "No, that's everything", "Continue", "Continue"):
                press(page, label)
            see(page, "Let us put it right")
            page.get_by_text("A full refund").first.click()
            press(page, "Confirm my choice")
            see(page, "Your case")
            browser_cpu(seen)
            peak = max(peak, sum(rss_mb(pid) for pid in seen))
            page.context.close()
        browser_ms = (browser_cpu(seen) + time.process_time() - cpu_before) / journeys * 1000
    print(
        f"\n5. What one simulated customer costs the load generator, per journey ({journeys} journeys each): "
        f"protocol client {protocol_ms:.0f} ms CPU, one asyncio task (no process of its own); "
        f"Chromium through Playwright {browser_ms:.0f} ms CPU (browser processes and this one), "
        f"{peak:.0f} MB for one browser with one page"
    )
    return len(run.done) == journeys


# --- main ------------------------------------------------------------------------------------------------------


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="every part, a few customers and seconds (CI)")
    parser.add_argument("--parts", default="single,replicas,fault,queries")
    parser.add_argument("--ns", default="5,10,20,40", help="customers at once, part 1")
    parser.add_argument("--modes", default="busy,think")
    parser.add_argument("--replica-ns", default="10,20,40", help="customers at once, part 2")
    parser.add_argument("--busy-seconds", type=float, default=30.0)
    parser.add_argument("--think-seconds", type=float, default=90.0)
    parser.add_argument("--think-low", type=float, default=2.0)
    parser.add_argument("--think-high", type=float, default=5.0)
    parser.add_argument("--fault-customers", type=int, default=40)
    parser.add_argument(
        "--kill-after",
        type=float,
        default=25.0,
        help="seconds into the fault run (by 25 s most customers have sent their story)",
    )
    parser.add_argument("--query-journeys", type=int, default=10)
    parser.add_argument("--postgres-url", default=DEFAULT_ADMIN_URL)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    if args.quick:
        args.ns, args.replica_ns = "2", "2"
        args.busy_seconds, args.think_seconds, args.think_low, args.think_high = 3.0, 3.0, 0.2, 0.5
        args.fault_customers, args.kill_after, args.query_journeys = 4, 2.0, 2
    args.ns = [int(n) for n in str(args.ns).split(",")]
    args.replica_ns = [int(n) for n in str(args.replica_ns).split(",")]
    args.modes = args.modes.split(",")
    args.parts = args.parts.split(",")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    seed = args.seed if args.seed is not None else random.randrange(2**31)
    rng = random.Random(seed)
    started = time.perf_counter()
    print(f"load average at start: {load_average()} on {os.cpu_count()} cores (seed {seed})")
    print(
        "driver: Streamlit's protocol over WebSockets (benchmarks/_streamlit_client.py); 'driver ms' is this "
        "process's CPU per rerun it drove; latency is from a click (or a field left) to the run's last delta"
    )
    ok = True
    with scratch_postgres(args.postgres_url, "amends_capacity") as url:
        with fleet(url) as processes:
            site = Site(processes, Store.prepare(url), rng)
            # In this order: the fault kills replica 2, which the replicas part starts.
            for part, measure in (
                ("single", single_server),
                ("queries", queries),
                ("drivers", drivers),
                ("replicas", replicas),
                ("fault", fault),
            ):
                if part in args.parts:
                    ok &= measure(site, args)
    print(f"\nload average at end: {load_average()}; total {time.perf_counter() - started:.0f} s")
    print("RESULT:", "OK - every journey reached its case, none twice, nothing lost" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
