"""Webhooks against a real HTTP receiver on 127.0.0.1: events queued with the change (a rolled-back change
queues nothing), signed so the receiver can verify them, retried with backoff when the receiver fails,
given up after the last attempt; addresses checked (https, no private networks); managers only, audited."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlmodel import Session, col, select

from db.engine import write_session
from db.models import Case, CaseEvent, WebhookDelivery, WebhookEndpoint, utcnow
from portal.config import Settings, get_settings
from portal.delivery import webhooks, worker
from portal.delivery.claims import backoff
from portal.delivery.webhook_events import EVENTS
from portal.delivery.webhooks import UrlRefused, check_url
from portal.errors import NotAllowed
from portal.recovery import decisions, timeline
from portal.recovery.states import Event
from tests.portal.test_mailer import free_port
from tests.support import manager, row_id

STORY = "I booked a furnace repair for 9:00. Your mechanic arrived at 10:30 and did not call ahead."


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """A webhook receiver on 127.0.0.1 that answers with ``answers`` in turn (then 200) and keeps every request."""

    answers: list[int] = field(default_factory=list)
    delay: float = 0.0
    received: list[Received] = field(default_factory=list)

    def __enter__(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # the name http.server calls
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with lock:
                    receiver.received.append(Received(self.path, dict(self.headers.items()), body))
                    code = receiver.answers.pop(0) if receiver.answers else 200
                if receiver.delay:
                    threading.Event().wait(receiver.delay)
                self.send_response(code)
                if code in (301, 302):
                    self.send_header("Location", "https://elsewhere.example/hook")
                self.end_headers()
                self.wfile.write(b"ok" if code < 300 else b"receiver trouble")

            def log_message(self, *args: object) -> None:
                pass

        lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/amends-hook"


def add(store, url: str, events: list[str] | None = None) -> webhooks.NewSecret:
    return webhooks.add_endpoint(store.engine, manager(store), url, events or list(EVENTS), "Our CRM")


def deliveries(store) -> list[WebhookDelivery]:
    with Session(store.engine) as session:
        return list(session.exec(select(WebhookDelivery).order_by(col(WebhookDelivery.id))))


def version(store, case_id: int) -> int:
    with Session(store.engine) as session:
        return session.get_one(Case, case_id).version


def audit(store, prefix: str = "webhook_") -> list[CaseEvent]:
    with Session(store.engine) as session:
        return [e for e in session.exec(select(CaseEvent).order_by(col(CaseEvent.id))) if e.kind.startswith(prefix)]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as running:
        yield running


# --- events are queued with the change ----------------------------------------------------------------------


def test_each_case_change_queues_the_events_subscribers_expect_without_personal_data(store, open_case):
    add(store, "http://127.0.0.1:9/all")
    add(store, "http://127.0.0.1:9/fulfilled-only", ["case.fulfilled"])
    boss = manager(store)
    case_id = open_case(story=STORY, email="alex@example.com", name="Alex Rivera")
    decisions.approve_proposal(store.engine, boss, case_id, version(store, case_id))
    decisions.mark_fulfilled(store.engine, boss, case_id, version(store, case_id))
    with write_session(store.engine) as session:  # the check-in said we did not make it right
        timeline.move(session, session.get_one(Case, case_id), Event.CHECKIN_LOW, timeline.CUSTOMER)

    rows = deliveries(store)
    by_endpoint: dict[int, list[str]] = {}
    for row in rows:
        by_endpoint.setdefault(row.endpoint_id, []).append(row.event)
    assert list(by_endpoint.values()) == [
        ["case.created", "case.decided", "remedy.accepted", "case.fulfilled", "checkin.answered", "case.reopened"],
        ["case.fulfilled"],
    ]
    assert {r.case_id for r in rows} == {case_id} and {r.status for r in rows} == {"pending"}
    approved = json.loads(rows[2].payload)
    with Session(store.engine) as session:
        reference = session.get_one(Case, case_id).reference
    assert approved["event"] == "remedy.accepted" and approved["id"] == rows[2].dedup_key
    assert approved["case"]["reference"] == reference and approved["case"]["status"] == "accepted"
    assert approved["case"]["category"] and approved["case"]["remedy"]["amount_cents"] == 40000
    every_payload = " ".join(r.payload for r in rows)
    for personal in ("Alex", "alex@example.com", "furnace", "Refund the whole"):  # name, email, story, own words
        assert personal not in every_payload


def test_a_change_that_rolls_back_queues_nothing_and_a_paused_endpoint_gets_nothing(store, open_case):
    first = add(store, "http://127.0.0.1:9/hook")
    case_id = open_case()
    queued = len(deliveries(store))
    with pytest.raises(RuntimeError), write_session(store.engine) as session:
        timeline.move(session, session.get_one(Case, case_id), Event.APPROVE, timeline.staff_actor(1))
        session.flush()
        raise RuntimeError("the decision failed halfway")
    assert len(deliveries(store)) == queued == 1

    webhooks.set_active(store.engine, manager(store), first.endpoint_id, False)
    open_case(email="kim@example.com")
    assert len(deliveries(store)) == 1


# --- delivery, signature, retries ---------------------------------------------------------------------------


def test_the_receiver_verifies_the_signature_with_the_secret_and_a_wrong_secret_fails(store, receiver, open_case):
    created = add(store, receiver.url)
    case_id = open_case()

    report = webhooks.deliver(store.engine)

    [request] = receiver.received
    headers = {k.lower(): v for k, v in request.headers.items()}
    [row] = deliveries(store)
    assert report.delivered == 1 and report.delivered_ids == [row.id]
    assert (row.status, row.attempts, row.last_status_code) == ("delivered", 1, 200)
    assert request.path == "/amends-hook" and headers["content-type"] == "application/json"
    assert headers["x-amends-event"] == "case.created" and headers["x-amends-delivery"] == request.json["id"]
    assert request.json["case"]["status"] == "awaiting_approval" and row.case_id == case_id
    stamp, header = headers["x-amends-timestamp"], headers["x-amends-signature"]
    # The documented scheme, computed here independently of portal.delivery.webhooks: sha256= hex HMAC of "<timestamp>.<body>".
    assert (
        header
        == "sha256="
        + hmac.new(created.secret.encode(), stamp.encode() + b"." + request.body, hashlib.sha256).hexdigest()
    )
    assert webhooks.verify(created.secret, stamp, request.body, header)
    assert not webhooks.verify("not-the-secret", stamp, request.body, header)
    assert not webhooks.verify(created.secret, stamp, request.body.replace(b"case.created", b"case.closed"), header)
    assert not webhooks.verify(created.secret, str(int(stamp) - 3600), request.body, header)  # an old replay


def test_a_failing_receiver_is_retried_with_backoff_until_it_succeeds(store, receiver, open_case):
    receiver.answers = [500, 503]
    add(store, receiver.url)
    open_case()
    settings = get_settings()
    start = utcnow()

    def at(moment: datetime):
        return worker.run_once(store.engine, settings, clock=lambda: moment)

    first = at(start)
    assert (first.webhooks_delivered, first.webhooks_retried) == (0, 1)
    [row] = deliveries(store)
    assert (row.status, row.attempts, row.last_status_code) == ("pending", 1, 500)
    assert "HTTP 500" in row.last_error and row.next_attempt_at == start + backoff(1)
    assert at(start + backoff(1) - timedelta(seconds=1)).webhooks_retried == 0  # not due yet: not sent
    assert len(receiver.received) == 1
    at(start + backoff(1))
    second = start + backoff(1)
    assert deliveries(store)[0].last_status_code == 503
    last = at(second + backoff(2))
    assert last.webhooks_delivered == 1 and "webhooks delivered: 1" in last.summary()
    [row] = deliveries(store)
    assert (row.status, row.attempts, row.last_status_code, row.last_error) == ("delivered", 3, 200, "")
    bodies = {r.body for r in receiver.received}
    ids = {r.headers["X-Amends-Delivery"] for r in receiver.received}
    assert len(receiver.received) == 3 and len(bodies) == 1 and len(ids) == 1  # the same delivery each time


def test_after_the_last_attempt_it_fails_and_a_manager_can_retry_it(store, receiver, monkeypatch, agent, open_case):
    monkeypatch.setenv("PORTAL_WEBHOOK_MAX_ATTEMPTS", "2")
    get_settings.cache_clear()
    receiver.answers = [500, 500]
    add(store, receiver.url)
    open_case()
    now = utcnow()
    webhooks.deliver(store.engine, clock=lambda: now)
    later = now + timedelta(days=1)
    assert webhooks.deliver(store.engine, clock=lambda: later).failed == 1
    assert webhooks.deliver(store.engine, clock=lambda: later + timedelta(days=1)).failed == 0  # given up
    [row] = deliveries(store)
    assert (row.status, row.attempts) == ("failed", 2) and len(receiver.received) == 2

    with pytest.raises(NotAllowed):
        webhooks.retry_now(store.engine, agent, row_id(row))
    webhooks.retry_now(store.engine, manager(store), row_id(row))
    assert webhooks.deliver(store.engine).delivered == 1 and len(receiver.received) == 3
    [retry] = audit(store, "webhook_retry")
    assert json.loads(retry.detail)["previous_attempts"] == 2
    with pytest.raises(ValueError, match="Only a failed delivery"):
        webhooks.retry_now(store.engine, manager(store), row_id(row))


def test_gone_fails_at_once_redirects_are_not_followed_and_a_closed_port_is_retried(store, receiver, open_case):
    receiver.answers = [410, 302]
    gone = add(store, receiver.url, ["case.created"])
    open_case()
    webhooks.set_active(store.engine, manager(store), gone.endpoint_id, False)
    add(store, receiver.url, ["case.created"])
    add(store, f"http://127.0.0.1:{free_port()}/nobody-listens", ["case.created"])
    open_case(email="kim@example.com")
    webhooks.set_active(store.engine, manager(store), gone.endpoint_id, True)

    report = webhooks.deliver(store.engine)

    first, moved, refused = deliveries(store)
    assert (first.status, first.last_status_code) == ("failed", 410)
    assert (moved.status, moved.last_status_code) == ("pending", 302) and "not followed" in moved.last_error
    assert refused.status == "pending" and refused.last_status_code is None
    assert "Could not reach the endpoint" in refused.last_error
    assert (report.delivered, report.retried, report.failed) == (0, 2, 1)
    assert len(receiver.received) == 2  # nothing went to elsewhere.example


def test_a_rotated_secret_signs_what_is_sent_next(store, receiver, open_case):
    created = add(store, receiver.url)
    open_case()
    rotated = webhooks.rotate_secret(store.engine, manager(store), created.endpoint_id)
    webhooks.deliver(store.engine)
    [request] = receiver.received
    stamp, header = request.headers["X-Amends-Timestamp"], request.headers["X-Amends-Signature"]
    assert rotated.secret != created.secret
    assert webhooks.verify(rotated.secret, stamp, request.body, header)
    assert not webhooks.verify(created.secret, stamp, request.body, header)


def test_a_test_event_reaches_the_receiver(store, receiver):
    created = add(store, receiver.url)
    webhooks.send_test(store.engine, manager(store), created.endpoint_id)
    webhooks.deliver(store.engine)
    [request] = receiver.received
    assert request.headers["X-Amends-Event"] == "ping" and request.json["event"] == "ping"
    assert webhooks.list_deliveries(store.engine)[0].status == "delivered"


# --- addresses ----------------------------------------------------------------------------------------------


def public(host: str, port: int) -> list[str]:
    return ["93.184.215.14"]


@pytest.mark.parametrize(
    "url, reason",
    [
        ("http://hooks.example.com/amends", "https://"),
        ("ftp://hooks.example.com/amends", "https://"),
        ("hooks.example.com/amends", "https://"),
        ("https:///amends", "no server name"),
        ("https://user:secret@hooks.example.com/", "passwords"),
        ("https://hooks.example.com/a b", "spaces"),
        ("https://10.0.0.5/hook", "private or local"),
        ("https://192.168.1.20/hook", "private or local"),
        ("https://169.254.169.254/latest/meta-data", "private or local"),  # the cloud metadata service
        ("https://[fd00::1]/hook", "private or local"),
        ("https://127.0.0.1/hook", "private or local"),  # loopback only where allowed
        ("http://127.0.0.1:8000/hook", "https://"),
    ],
)
def test_unsafe_addresses_are_refused_with_a_reason(url, reason):
    with pytest.raises(UrlRefused, match=reason):
        check_url(url, allow_http_loopback=False, resolve=public)


def test_safe_addresses_are_accepted_and_loopback_only_where_allowed():
    target = check_url("https://hooks.example.com:8443/amends?x=1", allow_http_loopback=False, resolve=public)
    assert (target.host, target.port, target.path, target.address) == (
        "hooks.example.com",
        8443,
        "/amends?x=1",
        "93.184.215.14",
    )
    assert check_url("http://127.0.0.1:8000/hook", allow_http_loopback=True).address == "127.0.0.1"
    assert check_url("http://localhost:8000/hook", allow_http_loopback=True).host == "localhost"
    with pytest.raises(UrlRefused, match="private or local"):  # a public-looking name that resolves inside
        check_url("https://hooks.example.com/", allow_http_loopback=False, resolve=lambda h, p: ["10.1.2.3"])


# IPv6 addresses that lead to an IPv4 one: through a NAT64 translator (64:ff9b::/96, and the local-use 64:ff9b:1::/48
# a private network runs for itself), a 6to4 relay (2002::/16), Teredo (2001::/32: the client's address inverted),
# or written as IPv4-compatible (::/96) or IPv4-mapped (::ffff:0:0/96). Each is refused when the IPv4 address inside
# is private, and wherever it comes from: typed, or what a public-looking name resolves to.
EMBEDDED_INTERNAL = [
    ("64:ff9b::a00:1", "10.0.0.1"),
    ("64:ff9b::a9fe:a9fe", "169.254.169.254"),  # the cloud metadata service
    ("64:ff9b::7f00:1", "127.0.0.1"),
    ("64:ff9b:1::a00:1", None),  # local-use NAT64: the network's own, whatever it embeds
    ("2002:a00:1::1", "10.0.0.1"),
    ("2002:a9fe:a9fe::1", "169.254.169.254"),
    ("2002:c0a8:114::1", "192.168.1.20"),
    ("::a00:1", "10.0.0.1"),
    ("::a9fe:a9fe", "169.254.169.254"),
    ("::ffff:a00:1", "10.0.0.1"),
    ("::ffff:169.254.169.254", "169.254.169.254"),
    ("2001:0:4136:e378:8000:63bf:f5ff:fffe", "10.0.0.1"),  # Teredo, client 10.0.0.1
]


@pytest.mark.parametrize("address, inner", EMBEDDED_INTERNAL)
def test_ipv6_addresses_that_carry_an_internal_ipv4_address_are_refused(address, inner):
    for url, resolve in (
        (f"https://[{address}]/hook", public),
        ("https://hooks.example.com/hook", lambda host, port: [address]),
    ):
        with pytest.raises(UrlRefused, match="private or local") as refusal:
            check_url(url, allow_http_loopback=True, resolve=resolve)
        assert inner is None or inner in str(refusal.value)


@pytest.mark.parametrize("address", ["64:ff9b::808:808", "2002:808:808::1", "2606:4700:4700::1111"])
def test_ipv6_addresses_that_carry_a_public_ipv4_address_or_none_are_accepted(address):
    assert check_url(f"https://[{address}]/hook", allow_http_loopback=False).address == address


def test_registering_refuses_plain_http_outside_the_demo(store):
    strict = Settings(webhook_allow_http_loopback=False)
    with pytest.raises(UrlRefused, match="https://"):
        webhooks.add_endpoint(
            store.engine, manager(store), "http://127.0.0.1:8000/hook", ["case.created"], settings=strict
        )
    with pytest.raises(ValueError, match="at least one event"):
        webhooks.add_endpoint(store.engine, manager(store), "http://127.0.0.1:8000/hook", [])
    assert Settings(mode="demo").webhook_http_loopback
    assert not Settings(
        mode="production",
        secret_key="k" * 40,
        database_url="sqlite://",
        base_url="https://x",
        owner_email="o@example.com",
    ).webhook_http_loopback
    assert webhooks.list_endpoints(store.engine) == []


def test_an_address_that_now_resolves_inside_the_network_is_not_called(store, receiver, open_case):
    add(store, receiver.url.replace("127.0.0.1", "localhost"))  # a name, checked again at every send
    open_case()
    report = webhooks.deliver(store.engine, resolve=lambda h, p: ["10.0.0.7"])
    [row] = deliveries(store)
    assert report.retried == 1 and row.status == "pending" and "private or local" in row.last_error
    assert receiver.received == []


# --- managers only, audited ---------------------------------------------------------------------------------


def test_only_managers_manage_webhooks(store, agent):
    created = add(store, "http://127.0.0.1:9/hook")
    sam = agent
    for attempt in (
        lambda: webhooks.add_endpoint(store.engine, sam, "http://127.0.0.1:9/x", ["case.created"]),
        lambda: webhooks.set_active(store.engine, sam, created.endpoint_id, False),
        lambda: webhooks.rotate_secret(store.engine, sam, created.endpoint_id),
        lambda: webhooks.send_test(store.engine, sam, created.endpoint_id),
        lambda: webhooks.delete_endpoint(store.engine, sam, created.endpoint_id),
    ):
        with pytest.raises(NotAllowed):
            attempt()
    assert [e.is_active for e in webhooks.list_endpoints(store.engine)] == [True]


def test_every_change_is_audited_and_the_secret_never_is(store):
    boss = manager(store)
    created = add(store, "http://127.0.0.1:9/hook", ["case.created", "case.fulfilled"])
    webhooks.set_active(store.engine, boss, created.endpoint_id, False)
    webhooks.set_active(store.engine, boss, created.endpoint_id, True)
    rotated = webhooks.rotate_secret(store.engine, boss, created.endpoint_id)
    webhooks.send_test(store.engine, boss, created.endpoint_id)
    webhooks.delete_endpoint(store.engine, boss, created.endpoint_id)

    logged = audit(store)
    assert [e.kind for e in logged] == [
        "webhook_added",
        "webhook_disabled",
        "webhook_enabled",
        "webhook_secret_rotated",
        "webhook_test_sent",
        "webhook_deleted",
    ]
    assert {e.actor for e in logged} == {timeline.staff_actor(boss.id)}
    assert json.loads(logged[0].detail)["events"] == "case.created,case.fulfilled"
    assert json.loads(logged[-1].detail)["deliveries_removed"] == 1
    assert all(created.secret not in e.detail and rotated.secret not in e.detail for e in logged)
    with Session(store.engine) as session:
        assert session.exec(select(WebhookEndpoint)).all() == [] and deliveries(store) == []
