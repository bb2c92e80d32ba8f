"""Several workers at once on PostgreSQL deliver every webhook exactly once, each to its receiver."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlmodel import Session, select

from db.engine import write_session
from db.models import WebhookDelivery, WebhookEndpoint
from portal.delivery import webhook_events, webhooks
from tests.db.test_workers_postgres import run_together
from tests.portal.test_webhooks import Receiver
from tests.support import row_id

pytestmark = pytest.mark.postgres

DELIVERIES = 40


def test_two_workers_never_deliver_one_webhook_twice(postgres_store):
    engine = postgres_store.engine
    with Receiver(delay=0.005) as receiver:  # a little slow per request, so that the workers' passes overlap
        with write_session(engine) as session:
            endpoint = WebhookEndpoint(url=receiver.url, secret=webhooks.new_secret(), events="case.created")
            session.add(endpoint)
            session.flush()
            for _ in range(DELIVERIES):
                webhook_events.enqueue_ping(session, endpoint)
        reports: dict[str, webhooks.WebhookReport] = {}

        def work(index: int) -> None:
            name = f"worker-{index}"
            reports[name] = webhooks.deliver(engine, worker=name, batch=5)

        run_together(2, work)

    with Session(engine) as session:
        stored = list(session.exec(select(WebhookDelivery)))
    arrived = Counter(r.headers["X-Amends-Delivery"] for r in receiver.received)
    assert sorted(arrived) == sorted(r.dedup_key for r in stored) and set(arrived.values()) == {1}
    assert {(r.status, r.attempts) for r in stored} == {("delivered", 1)}
    assert all(report.delivered > 0 for report in reports.values()), reports  # both really worked
    by_worker = {name: {row_id(r) for r in stored if r.claimed_by == name} for name in reports}
    assert by_worker["worker-0"].isdisjoint(by_worker["worker-1"])
    for name, report in reports.items():
        assert sorted(report.delivered_ids) == sorted(by_worker[name])
