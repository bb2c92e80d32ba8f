"""Webhooks: managers register HTTPS endpoints; the worker POSTs each case event to them, signed.

Queueing happens with the change itself (``portal.delivery.webhook_events``, called by ``portal.recovery.timeline``).
Delivery reuses the outbox's claim/lease/backoff protocol (``portal.delivery.claims``): a delivery is never
lost, is retried with exponential backoff up to ``webhook_max_attempts`` and, while workers stay
alive, is never sent twice at once. Across a worker crash it is at-least-once: receivers drop
duplicates by the ``X-Amends-Delivery`` header (the same on every retry).

What an endpoint receives: ``POST`` with a JSON body and these headers

- ``Content-Type: application/json``
- ``X-Amends-Event``: the event name (``case.created``, ..., or ``ping``)
- ``X-Amends-Delivery``: the delivery's id, the same on every retry
- ``X-Amends-Timestamp``: Unix seconds when this attempt was signed
- ``X-Amends-Signature``: ``sha256=`` + hex HMAC-SHA256, keyed with the endpoint's secret, of
  ``"<timestamp>.<raw body>"``. Receivers recompute it (``signature``/``verify`` below show how), compare
  in constant time and reject old timestamps (``verify`` allows 5 minutes) so a captured request cannot be
  replayed later.

Outcomes: any 2xx is delivered. 410 Gone fails at once (the receiver says the endpoint is gone).
Everything else (other 4xx and 5xx, timeouts, refused connections, redirects, which are never followed)
is retried, as most webhook providers do, and fails after ``webhook_max_attempts``; staff can
"retry now" from the Webhooks page.

Addresses: https only; http only to this machine when ``webhook_http_loopback`` allows it (the demo).
Addresses that resolve to private, link-local, loopback (unless allowed) or otherwise non-public
networks are refused when registering and again at every send, and the connection goes to the very
address that was checked, so a DNS answer that changes in between cannot redirect it inside the network.
An IPv6 address that leads to an IPv4 one (NAT64, 6to4, Teredo, IPv4-compatible or -mapped) is refused when
the IPv4 address inside is not public, and the local-use NAT64 prefix always (``_embedded_ipv4``).

The secret is random, shown to the manager once (when added and when rotated) and stored as is,
because signing needs it: protect database backups accordingly.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import ipaddress
import secrets
import socket
import ssl
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from sqlalchemy import Engine, delete, func
from sqlmodel import Session, col, select

from db.engine import read_session, write_session
from db.models import Case, WebhookDelivery, WebhookEndpoint, utcnow
from portal.back_office.staff import StaffActor, require_manager
from portal.config import Settings, get_settings
from portal.delivery import webhook_events
from portal.delivery.claims import DEFAULT_BATCH, LEASE, WorkQueue, clip, default_worker_name
from portal.recovery import timeline
from portal.stored import stored_id
from portal.text import clean

URL_MAX, DESCRIPTION_MAX = 500, 200
SIGNATURE_TOLERANCE = timedelta(minutes=5)
USER_AGENT = "Amends-Webhooks/1"
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # the well-known prefix (RFC 6052): the IPv4 address is the last 32 bits
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # local use (RFC 8215): a network's own translator
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated (RFC 4291): the IPv4 address is the last 32 bits

Resolver = Callable[[str, int], list[str]]


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    DELIVERED = "delivered"
    FAILED = "failed"


class UrlRefused(ValueError):
    """The address cannot be used for a webhook; the message says why, for the manager."""


_QUEUE = WorkQueue(
    WebhookDelivery,
    taken_over="The claim by {worker} expired before it was marked: sending again "
    "(the earlier attempt may have arrived; same X-Amends-Delivery).",
)


# --- signing ------------------------------------------------------------------------------------------------


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """The ``X-Amends-Signature`` value: ``sha256=`` + hex HMAC-SHA256 of ``b"<timestamp>." + body``."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(
    secret: str,
    timestamp: str,
    body: bytes,
    header: str,
    *,
    now: float | None = None,
    tolerance: timedelta = SIGNATURE_TOLERANCE,
) -> bool:
    """What a receiver does: recompute, compare in constant time, refuse stale timestamps."""
    try:
        age = abs((time.time() if now is None else now) - int(timestamp))
    except ValueError:
        return False
    return age <= tolerance.total_seconds() and hmac.compare_digest(signature(secret, timestamp, body), header)


# --- addresses ----------------------------------------------------------------------------------------------


def _system_resolver(host: str, port: int) -> list[str]:
    return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)})


@dataclass(frozen=True)
class Target:
    """A checked address: where to connect (``address``) and what to call the host (SNI, Host header)."""

    scheme: str
    host: str
    port: int
    path: str
    address: str


def _split(url: str) -> tuple[str, str, int, str]:
    if len(url) > URL_MAX:
        raise UrlRefused(f"The address is longer than {URL_MAX} characters.")
    if any(c.isspace() for c in url):
        raise UrlRefused("The address contains spaces; please check it.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise UrlRefused(f"This is not a usable web address ({error}).") from None
    if parts.scheme not in ("https", "http"):
        raise UrlRefused("The address must start with https://.")
    if not parts.hostname:
        raise UrlRefused("The address has no server name, e.g. https://hooks.example.com/amends.")
    if parts.username is not None or parts.password is not None:
        raise UrlRefused("Please leave user names and passwords out of the address: every request is signed instead.")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname.lower(), port or (443 if parts.scheme == "https" else 80), path


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _is_loopback_name(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host in _LOOPBACK_NAMES


def _embedded_ipv4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address leads to: written inside it for a NAT64 translator, a 6to4 relay or Teredo
    (its server and its client), or as an IPv4-compatible or IPv4-mapped address. Python judges the outer address
    alone: 64:ff9b::a00:1 reaches 10.0.0.1 through a NAT64 gateway, yet is "global"."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    found = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if ip in _NAT64 or ip in _IPV4_COMPATIBLE:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [address for address in found if address is not None]


def _refusal(host: str, ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> UrlRefused | None:
    """Why ``ip`` (what ``host`` is, or resolves to) is no webhook's address; None when it is public."""
    if ip in _NAT64_LOCAL:
        return UrlRefused(
            f"{host} is on a private or local network ({ip}, a local NAT64 address); webhooks only go "
            "to public addresses."
        )
    for each in (*_embedded_ipv4(ip), ip):  # the address inside first: it says where the request would go
        if not each.is_global or each.is_multicast:
            inside = f"{ip}, which leads to {each}" if each != ip else f"{ip}"
            return UrlRefused(
                f"{host} is on a private or local network ({inside}); webhooks only go to public addresses."
            )
    return None


def check_url(url: str, *, allow_http_loopback: bool, resolve: Resolver | None = None) -> Target:
    """Refuse what a webhook must not call (see the module docstring); returns where to connect.

    Raises UrlRefused with a reason for the manager; a name that does not resolve is refused too
    (at send time that is a temporary failure, retried).
    """
    scheme, host, port, path = _split(url.strip())
    if scheme == "http" and not (allow_http_loopback and _is_loopback_name(host)):
        raise UrlRefused(
            "The address must start with https:// (plain http is only allowed to this machine, and only "
            "where the administrator allows it)."
        )
    try:
        addresses = [str(ipaddress.ip_address(host))] if _is_ip(host) else (resolve or _system_resolver)(host, port)
    except (OSError, UnicodeError):
        raise UrlRefused(f"We could not find the server {host}; please check the address.") from None
    if not addresses:
        raise UrlRefused(f"We could not find the server {host}; please check the address.")
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if ip.is_loopback and allow_http_loopback:
            continue
        refusal = _refusal(host, ip)
        if refusal is not None:
            raise refusal
    return Target(scheme, host, port, path, addresses[0])


# --- endpoints (managers) -----------------------------------------------------------------------------------


MANAGERS_ONLY = "Only managers can manage webhooks."


def _endpoint(session: Session, endpoint_id: int) -> WebhookEndpoint:
    endpoint = session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None:
        raise LookupError(f"No webhook endpoint {endpoint_id}; it may have been deleted.")
    return endpoint


def _checked_events(events: Iterable[str]) -> str:
    chosen = [e for e in webhook_events.EVENTS if e in set(events)]
    unknown = sorted(set(events) - set(webhook_events.EVENTS))
    if unknown:
        raise ValueError(f"Unknown events: {', '.join(unknown)}.")
    if not chosen:
        raise ValueError("Please choose at least one event to send.")
    return ",".join(chosen)


@dataclass(frozen=True)
class NewSecret:
    """Shown to the manager once: the endpoint and the secret its receiver verifies signatures with."""

    endpoint_id: int
    secret: str


def add_endpoint(
    engine: Engine,
    actor: StaffActor,
    url: str,
    events: Iterable[str],
    description: str = "",
    *,
    settings: Settings | None = None,
    resolve: Resolver | None = None,
) -> NewSecret:
    """Register an endpoint (checked: UrlRefused / ValueError with a reason); audited without the secret."""
    settings = settings or get_settings()
    url, description = clean(url), " ".join(clean(description).split())
    if len(description) > DESCRIPTION_MAX:
        raise ValueError(f"Please keep the description under {DESCRIPTION_MAX} characters.")
    with write_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        check_url(url, allow_http_loopback=settings.webhook_http_loopback, resolve=resolve)
        endpoint = WebhookEndpoint(
            url=url,
            secret=new_secret(),
            events=_checked_events(events),
            description=description,
            created_by_id=actor.id,
        )
        session.add(endpoint)
        session.flush()
        timeline.record_setting(
            session,
            timeline.Kind.WEBHOOK_ADDED,
            timeline.staff_actor(actor.id),
            endpoint_id=endpoint.id,
            url=url,
            events=endpoint.events,
            description=description,
        )
        return NewSecret(stored_id(endpoint), endpoint.secret)


def set_active(engine: Engine, actor: StaffActor, endpoint_id: int, active: bool) -> None:
    """Pause or resume an endpoint. While paused nothing new is queued for it, and what was queued fails
    when its turn comes (retry it from the log after resuming)."""
    with write_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        endpoint = _endpoint(session, endpoint_id)
        if endpoint.is_active == active:
            return
        endpoint.is_active, endpoint.version = active, endpoint.version + 1
        session.add(endpoint)
        timeline.record_setting(
            session,
            timeline.Kind.WEBHOOK_ENABLED if active else timeline.Kind.WEBHOOK_DISABLED,
            timeline.staff_actor(actor.id),
            endpoint_id=endpoint_id,
            url=endpoint.url,
        )


def rotate_secret(engine: Engine, actor: StaffActor, endpoint_id: int) -> NewSecret:
    """A new secret at once (the old one stops working): deliveries still queued are signed with the new one."""
    with write_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        endpoint = _endpoint(session, endpoint_id)
        endpoint.secret, endpoint.version = new_secret(), endpoint.version + 1
        session.add(endpoint)
        timeline.record_setting(
            session,
            timeline.Kind.WEBHOOK_SECRET_ROTATED,
            timeline.staff_actor(actor.id),
            endpoint_id=endpoint_id,
            url=endpoint.url,
        )
        return NewSecret(endpoint_id, endpoint.secret)


def delete_endpoint(engine: Engine, actor: StaffActor, endpoint_id: int) -> None:
    """Remove an endpoint with its delivery log and whatever was still queued for it."""
    with write_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        endpoint = _endpoint(session, endpoint_id)
        removed = session.execute(
            delete(WebhookDelivery)
            .where(col(WebhookDelivery.endpoint_id) == endpoint_id)
            .execution_options(synchronize_session=False)
        ).rowcount  # type: ignore[attr-defined]  # rowcount is CursorResult's; execute() is typed as returning Result
        timeline.record_setting(
            session,
            timeline.Kind.WEBHOOK_DELETED,
            timeline.staff_actor(actor.id),
            endpoint_id=endpoint_id,
            url=endpoint.url,
            events=endpoint.events,
            deliveries_removed=removed,
        )
        session.delete(endpoint)


def send_test(engine: Engine, actor: StaffActor, endpoint_id: int) -> int:
    """Queue a ``ping`` for one endpoint (active or not); the worker sends it on its next pass."""
    with write_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        delivery = webhook_events.enqueue_ping(session, _endpoint(session, endpoint_id))
        session.flush()
        timeline.record_setting(
            session,
            timeline.Kind.WEBHOOK_TEST_SENT,
            timeline.staff_actor(actor.id),
            endpoint_id=endpoint_id,
            delivery_id=delivery.id,
        )
        return stored_id(delivery)


def retry_now(engine: Engine, actor: StaffActor, delivery_id: int, *, now: datetime | None = None) -> None:
    """Put a failed delivery back in the queue, due at once, with its attempts reset (audited)."""
    now = now or utcnow()
    with write_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        row = session.get(WebhookDelivery, delivery_id)
        if row is None:
            raise LookupError(f"No delivery {delivery_id}.")
        if row.status != DeliveryStatus.FAILED:
            raise ValueError(
                f"Only a failed delivery can be retried; this one is {row.status} and the worker takes care of it."
            )
        previous_attempts, previous_error = row.attempts, row.last_error
        row.status, row.attempts, row.next_attempt_at = DeliveryStatus.PENDING, 0, now
        row.claimed_by = row.claimed_at = None
        session.add(row)
        timeline.record_setting(
            session,
            timeline.Kind.WEBHOOK_RETRY,
            timeline.staff_actor(actor.id),
            delivery_id=delivery_id,
            endpoint_id=row.endpoint_id,
            event=row.event,
            previous_attempts=previous_attempts,
            previous_error=previous_error,
        )


@dataclass(frozen=True)
class EndpointView:
    """An endpoint as the page lists it: never its secret."""

    id: int
    url: str
    events: list[str]
    is_active: bool
    description: str
    created_at: datetime
    pending: int
    failed: int


def list_endpoints(engine: Engine) -> list[EndpointView]:
    with read_session(engine) as session:
        endpoints = list(session.exec(select(WebhookEndpoint).order_by(col(WebhookEndpoint.id))))
        counts: dict[tuple[int | None, str], int] = {
            (e, s): n
            for e, s, n in session.exec(
                select(WebhookDelivery.endpoint_id, WebhookDelivery.status, func.count())
                .where(col(WebhookDelivery.status).in_((DeliveryStatus.PENDING, DeliveryStatus.FAILED)))
                .group_by(col(WebhookDelivery.endpoint_id), col(WebhookDelivery.status))
            )
        }
    return [
        EndpointView(
            stored_id(e),
            e.url,
            webhook_events.parse_events(e.events),
            e.is_active,
            e.description,
            e.created_at,
            counts.get((e.id, DeliveryStatus.PENDING), 0),
            counts.get((e.id, DeliveryStatus.FAILED), 0),
        )
        for e in endpoints
    ]


@dataclass(frozen=True)
class DeliveryEntry:
    id: int
    endpoint_id: int
    endpoint_url: str
    event: str
    case_reference: str | None
    status: str
    attempts: int
    last_status_code: int | None
    last_error: str
    created_at: datetime
    next_attempt_at: datetime
    delivered_at: datetime | None
    payload: str


def list_deliveries(
    engine: Engine, *, endpoint_id: int | None = None, status: str | None = None, limit: int = 200
) -> list[DeliveryEntry]:
    """The delivery log, newest first, optionally for one endpoint and/or one status."""
    with read_session(engine) as session:
        query = (
            select(WebhookDelivery, WebhookEndpoint.url, Case.reference)
            .join(WebhookEndpoint, col(WebhookEndpoint.id) == col(WebhookDelivery.endpoint_id))
            .join(Case, col(Case.id) == col(WebhookDelivery.case_id), isouter=True)
            .order_by(col(WebhookDelivery.id).desc())
            .limit(limit)
        )
        if endpoint_id is not None:
            query = query.where(col(WebhookDelivery.endpoint_id) == endpoint_id)
        if status:
            query = query.where(col(WebhookDelivery.status) == status)
        rows = session.exec(query).all()
    return [
        DeliveryEntry(
            stored_id(d),
            d.endpoint_id,
            url,
            d.event,
            reference,
            d.status,
            d.attempts,
            d.last_status_code,
            d.last_error,
            d.created_at,
            d.next_attempt_at,
            d.delivered_at,
            d.payload,
        )
        for d, url, reference in rows
    ]


# --- delivering ---------------------------------------------------------------------------------------------


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was checked, whatever the name resolves to by now."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to the checked address; the certificate is still verified against the host name."""

    def __init__(self, target: Target, timeout: float, context: ssl.SSLContext) -> None:
        super().__init__(target.host, target.port, timeout=timeout, context=context)
        self._address = target.address
        self._tls = context

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._tls.wrap_socket(raw, server_hostname=self.host)


@dataclass(frozen=True)
class Attempt:
    """What one POST came to: ``status_code`` when the receiver answered, ``error`` when it did not succeed."""

    delivered: bool
    permanent: bool = False
    status_code: int | None = None
    error: str = ""


def post(
    target: Target, body: bytes, headers: dict[str, str], *, timeout: float, tls: ssl.SSLContext | None = None
) -> Attempt:
    """One POST, redirects not followed; the verdict (delivered / retry / give up) for the status it got."""
    if target.scheme == "https":
        connection: http.client.HTTPConnection = _PinnedHTTPSConnection(
            target, timeout, tls or ssl.create_default_context()
        )
    else:
        connection = _PinnedHTTPConnection(target, timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        reply = response.read(500).decode("utf-8", "replace")
    except TimeoutError:
        return Attempt(False, error=f"No answer within {timeout:g} seconds.")
    except (OSError, http.client.HTTPException) as error:
        return Attempt(False, error=f"Could not reach the endpoint: {type(error).__name__}: {error}")
    finally:
        connection.close()
    code = response.status
    if 200 <= code < 300:
        return Attempt(True, status_code=code)
    what = f"HTTP {code} {response.reason}".strip()
    if 300 <= code < 400:
        what += f" (redirects are not followed; the endpoint moved to {response.getheader('Location', '?')})"
    return Attempt(False, permanent=code == 410, status_code=code, error=f"{what}: {' '.join(reply.split())}"[:500])


def headers_for(row: WebhookDelivery, secret: str, timestamp: int) -> dict[str, str]:
    stamp = str(timestamp)
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Amends-Event": row.event,
        "X-Amends-Delivery": row.dedup_key,
        "X-Amends-Timestamp": stamp,
        "X-Amends-Signature": signature(secret, stamp, row.payload.encode()),
    }


@dataclass
class WebhookReport:
    delivered: int = 0
    retried: int = 0
    failed: int = 0
    delivered_ids: list[int] = field(default_factory=list)


def deliver(
    engine: Engine,
    settings: Settings | None = None,
    *,
    worker: str | None = None,
    batch: int = DEFAULT_BATCH,
    lease: timedelta = LEASE,
    clock: Callable[[], datetime] = utcnow,
    limit: int | None = None,
    resolve: Resolver | None = None,
    tls: ssl.SSLContext | None = None,
) -> WebhookReport:
    """One pass: claim and POST batches of due deliveries until nothing is due (or ``limit`` were claimed)."""
    settings = settings or get_settings()
    worker = worker or default_worker_name()
    report = WebhookReport()
    claimed_total = 0
    while limit is None or claimed_total < limit:
        size = batch if limit is None else min(batch, limit - claimed_total)
        rows = _QUEUE.claim(engine, worker, limit=size, now=clock(), lease=lease)
        claimed_total += len(rows)
        endpoints = _endpoints(engine, {r.endpoint_id for r in rows})
        for row in rows:
            status = _send_one(engine, row, endpoints.get(row.endpoint_id), worker, settings, clock, resolve, tls)
            if status is DeliveryStatus.DELIVERED:
                report.delivered += 1
                report.delivered_ids.append(stored_id(row))
            elif status is DeliveryStatus.FAILED:
                report.failed += 1
            else:
                report.retried += 1
        if len(rows) < size:
            break
    return report


def _endpoints(engine: Engine, ids: set[int]) -> dict[int, WebhookEndpoint]:
    if not ids:
        return {}
    with read_session(engine) as session:
        return {stored_id(e): e for e in session.exec(select(WebhookEndpoint).where(col(WebhookEndpoint.id).in_(ids)))}


def _send_one(
    engine: Engine,
    row: WebhookDelivery,
    endpoint: WebhookEndpoint | None,
    worker: str,
    settings: Settings,
    clock: Callable[[], datetime],
    resolve: Resolver | None,
    tls: ssl.SSLContext | None,
) -> DeliveryStatus:
    def give_back(error: str, *, permanent: bool = False, status_code: int | None = None) -> DeliveryStatus:
        return DeliveryStatus(
            _QUEUE.give_back(
                engine,
                row,
                worker,
                error,
                permanent=permanent,
                max_attempts=settings.webhook_max_attempts,
                now=clock(),
                last_status_code=status_code,
            )
        )

    if endpoint is None or (not endpoint.is_active and row.event != webhook_events.PING):
        return give_back(
            "The endpoint was disabled before this was sent; retry it once it is enabled again.", permanent=True
        )
    try:
        target = check_url(endpoint.url, allow_http_loopback=settings.webhook_http_loopback, resolve=resolve)
    except UrlRefused as error:
        return give_back(str(error))  # perhaps DNS trouble or a change of address: tried again later
    # Signed with the real time (not ``clock``): receivers compare it with theirs.
    try:
        outcome = post(
            target,
            row.payload.encode(),
            headers_for(row, endpoint.secret, int(time.time())),
            timeout=settings.webhook_timeout_seconds,
            tls=tls,
        )
    except Exception as error:  # noqa: BLE001 - a bug here must not leave the row 'sending' for a whole lease
        return give_back(f"{type(error).__name__}: {error}")
    if outcome.delivered:
        _QUEUE.mark(
            engine,
            row,
            worker,
            status=DeliveryStatus.DELIVERED,
            delivered_at=clock(),
            last_error="",
            last_status_code=outcome.status_code,
        )
        return DeliveryStatus.DELIVERED
    return give_back(clip(outcome.error), permanent=outcome.permanent, status_code=outcome.status_code)


def status_counts(engine: Engine) -> dict[str, int]:
    with read_session(engine) as session:
        rows = session.exec(select(WebhookDelivery.status, func.count()).group_by(WebhookDelivery.status)).all()
    return {status: count for status, count in rows}
