"""Two replicas of the portal on one PostgreSQL store, as in production behind a load balancer: retries with one
Idempotency-Key sent to both at once make one invite, and a key's rate limit counts its requests on both."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime

import httpx
import pytest
from sqlmodel import Session, func, select

from db.engine import get_engine
from db.models import Invite
from portal.config import Settings
from portal.seed import seed_demo
from tests.api.conftest import client, new_key
from tests.conftest import empty_postgres
from tests.e2e.server import E2EStore, Server, serve

pytestmark = pytest.mark.postgres
LIMIT = 5


@pytest.fixture(scope="module")
def replicas(postgres_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Server]]:
    empty_postgres(postgres_url)
    store = E2EStore(
        postgres_url, seed_demo(get_engine(postgres_url), Settings(mode="demo", database_url=postgres_url))
    )
    with ExitStack() as stack:
        yield [
            stack.enter_context(
                serve(
                    store,
                    tmp_path_factory.mktemp(f"replica-{n}"),
                    PORTAL_API_REQUESTS_PER_MINUTE=str(LIMIT),
                    PORTAL_EVIDENCE_DIR=str(tmp_path_factory.mktemp(f"evidence-{n}")),
                )
            )
            for n in range(2)
        ]


def test_retries_sent_to_two_replicas_at_once_make_one_invite(replicas):
    key = new_key(replicas[0], "invites:write")
    start = threading.Barrier(4)
    answers: list[httpx.Response] = []

    def post(server: Server) -> None:
        with client(server, key) as api:
            start.wait()
            answers.append(
                api.post(
                    "/invites",
                    json={"customer_name": "Dana", "email": "dana@example.com"},
                    headers={"Idempotency-Key": "9b2f6c1e-order-77"},
                )
            )

    threads = [threading.Thread(target=post, args=(replicas[n % 2],)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [a.status_code for a in answers] == [201] * 4, [a.text for a in answers]
    # each test replica has its own address in its links (in production they share the public one)
    assert len({(a.json()["id"], a.json()["link"].split("?")[1], a.json()["expires_at"]) for a in answers}) == 1
    with Session(replicas[0].store.engine) as session:
        assert (
            session.exec(select(func.count()).select_from(Invite).where(Invite.email == "dana@example.com")).one() == 1
        )


def test_a_keys_rate_limit_holds_across_replicas(replicas):
    key = new_key(replicas[0], "cases:read")
    if datetime.now(UTC).second > 50:  # all of the requests below in one window
        time.sleep(61 - datetime.now(UTC).second)
    statuses = []
    for n in range(LIMIT + 1):
        with client(replicas[n % 2], key) as api:
            answer = api.get("/cases")
        statuses.append(answer.status_code)
    assert statuses == [200] * LIMIT + [429]
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["type"] == "urn:amends:problem:rate_limited"
    assert 1 <= int(answer.headers["retry-after"]) <= 60
