"""Two replicas of ``portal run`` on PostgreSQL behind HAProxy (the shipped deploy/haproxy.cfg), and one of them
killed while customers are in the middle of their conversation: each of its customers reconnects through the
balancer to the other replica, which opens their saved conversation at the step they were on, and they finish it.
Nothing they had sent is lost, and each gets exactly one case.

Customers are driven over Streamlit's protocol (benchmarks/_streamlit_client.py), as benchmarks/capacity.py drives
many of them; a customer whose connection breaks reconnects with the balancer's cookie and their session id, as the
browser's page does.
"""

from __future__ import annotations

import asyncio
import random
import signal
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from benchmarks._fleet import Fleet, Store, ensure_haproxy, fleet
from benchmarks._journey import STEPS, STORY, Walk, walk
from db.engine import get_engine
from db.scratch import scratch_postgres
from portal.entry.tokens import hash_token
from tests.conftest import POSTGRES_ADMIN_URL
from tests.e2e.server import free_port

pytestmark = pytest.mark.postgres

CUSTOMERS = 4
STEPS_BEFORE_KILL = 5  # each customer has started, typed and sent the story and confirmed the paraphrase


@pytest.fixture
def store(postgres_url: str) -> Iterator[Store]:
    """A database of its own (the replicas are other processes): migrated, seeded, dropped after."""
    with scratch_postgres(POSTGRES_ADMIN_URL, "amends_failover") as url:
        yield Store.prepare(url)


@pytest.fixture
def running(store: Store) -> Iterator[tuple[Fleet, list]]:
    try:
        ensure_haproxy()
    except RuntimeError as error:
        pytest.skip(str(error))
    with fleet(store.url) as processes:
        ports = [free_port(), free_port()]
        replicas = [processes.replica(f"portal{n}", port=port) for n, port in enumerate(ports, start=1)]
        balancer = processes.balancer(ports)
        processes.worker("worker1")
        processes.wait_healthy(*replicas, balancer)
        processes.wait_routed(balancer, 2)
        yield processes, [balancer, *replicas]


async def _walk_and_kill(ws_url: str, tokens: list[str], victim) -> list[Walk]:
    """Every customer does ``STEPS_BEFORE_KILL`` things; then, with all of them between two steps, the victim
    replica is killed (SIGKILL) and they go on."""
    ready = 0
    killed = asyncio.Event()
    rng = random.Random(28)

    def think_for(number: int):
        done = 0

        async def think() -> None:
            nonlocal done, ready
            done += 1
            await asyncio.sleep(rng.uniform(0.05, 0.15))
            if done == STEPS_BEFORE_KILL + 1:
                ready += 1
                if ready == len(tokens):
                    await asyncio.sleep(0.3)  # the last step's save lands (portal.write_behind: milliseconds)
                    victim.popen.send_signal(signal.SIGKILL)
                    victim.popen.wait(timeout=10)
                    killed.set()
                await killed.wait()

        return think

    return list(
        await asyncio.gather(*(walk(ws_url, f"t={token}", n, think_for(n)) for n, token in enumerate(tokens, start=1)))
    )


def test_customers_of_a_killed_replica_finish_on_the_other(running, store: Store) -> None:
    _, (balancer, _first, second) = running
    tokens = store.invites(CUSTOMERS)

    walks = asyncio.run(_walk_and_kill(f"ws://127.0.0.1:{balancer.port}/_stcore/stream", tokens, second))

    assert [w.error for w in walks] == [""] * CUSTOMERS
    moved = [w for w in walks if w.served_by == "portal2"]
    assert moved, "the balancer sent no customer to the replica that was killed"
    assert all(w.reconnects for w in moved)  # they lost their server and reconnected through the balancer
    assert not any(w.reconnects for w in walks if w.served_by != "portal2")
    assert [w.steps_lost for w in walks] == [0] * CUSTOMERS  # the reconnected page was at the step they had reached
    assert STEPS[-1][0] == "case" and all(w.reference.startswith("AM-") for w in walks)

    with get_engine(store.url).connect() as conn:
        cases = conn.execute(
            text(
                "SELECT t.token_hash, c.reference, c.story FROM access_token t JOIN invite i ON i.id = t.invite_id "
                'JOIN customer u ON u.email = i.email JOIN "case" c ON c.customer_id = u.id'
            )
        ).all()
    by_token: dict[str, list] = {}
    for row in cases:
        by_token.setdefault(row.token_hash, []).append(row)
    for number, (token, walked) in enumerate(zip(tokens, walks), start=1):
        found = by_token.get(hash_token(token), [])
        assert len(found) == 1, f"customer {number}: {len(found)} cases"
        assert found[0].reference == walked.reference
        assert found[0].story == STORY.format(n=number)  # what they typed before the kill, kept
