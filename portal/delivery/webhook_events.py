"""Which case changes are webhook events, and queueing them in the transaction of the change.

``portal.recovery.timeline`` calls ``enqueue_for_case`` for every entry it writes, so a delivery exists if and
only if the change that causes it was committed (a rolled-back change queues nothing), exactly like
the email outbox. Sending is ``portal.delivery.webhooks``' job (run by the worker).

The payload is fixed here, at the time of the change, and sent byte for byte on every retry. It
carries no personal data of the customer: no name, email, story or words they typed (a remedy
the customer proposed is described by its kind and amount only). Receivers that need more look
the case up by its reference.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, insert
from sqlmodel import Session, col, select

from db.engine import per_transaction
from db.models import Case, CaseRemedy, WebhookDelivery, WebhookEndpoint, utcnow
from portal.recovery.states import Event, Kind
from portal.stored import stored_id

CASE_CREATED = "case.created"
REMEDY_ACCEPTED = "remedy.accepted"
CASE_DECIDED = "case.decided"
CASE_FULFILLED = "case.fulfilled"
CHECKIN_ANSWERED = "checkin.answered"
CASE_REOPENED = "case.reopened"
CASE_WITHDRAWN = "case.withdrawn"
PING = "ping"  # "Send test event" on the Webhooks page; not subscribable

# Every event a manager can subscribe to, with what it means (shown on the Webhooks page).
EVENTS: dict[str, str] = {
    CASE_CREATED: "A customer opened a case.",
    REMEDY_ACCEPTED: "A remedy was agreed: chosen by the customer, approved by staff or within the auto-approve limit.",
    CASE_DECIDED: "Staff decided on a proposal (approved, countered, declined with an alternative) or answered a "
    "reopened case.",
    CASE_FULFILLED: "Staff marked the remedy fulfilled.",
    CHECKIN_ANSWERED: "The customer answered the check-in.",
    CASE_REOPENED: "The check-in said we did not make it right: the case reopened.",
    CASE_WITHDRAWN: "The customer's personal data was erased before the case was settled: nothing more happens to it.",
}

# Timeline entries (portal.recovery.states.Event, and the opening entry of portal.recovery.cases) -> webhook events.
_BY_KIND: dict[str, tuple[str, ...]] = {
    Event.OPEN_ACCEPTED: (CASE_CREATED,),
    Event.OPEN_PROPOSED: (CASE_CREATED,),
    Kind.REMEDY_ACCEPTED: (REMEDY_ACCEPTED,),  # the opening entry when the customer's choice is accepted at once
    Event.APPROVE: (CASE_DECIDED,),
    Event.COUNTER: (CASE_DECIDED,),
    Event.DECLINE_WITH_ALTERNATIVE: (CASE_DECIDED,),
    Event.STAFF_OFFER: (CASE_DECIDED,),
    Event.STAFF_AGREE: (CASE_DECIDED,),
    Event.MARK_FULFILLED: (CASE_FULFILLED,),
    Event.CHECKIN_GOOD: (CHECKIN_ANSWERED,),
    Event.CHECKIN_LOW: (CHECKIN_ANSWERED, CASE_REOPENED),
    Event.WITHDRAW: (CASE_WITHDRAWN,),
}
_ACCEPTED = "accepted"
_HIDDEN_DESCRIPTION = {"proposal"}  # remedies written by the customer: their words stay out of payloads


def events_for(kind: str, to_status: str | None = None) -> list[str]:
    """The webhook events a timeline entry of ``kind`` is; a status change into 'accepted' (after the
    opening) is also ``remedy.accepted``."""
    found = list(_BY_KIND.get(kind, ()))
    if (
        to_status == _ACCEPTED
        and kind not in (Event.OPEN_ACCEPTED, Event.OPEN_PROPOSED)
        and REMEDY_ACCEPTED not in found
    ):
        found.append(REMEDY_ACCEPTED)
    return found


def parse_events(events: str) -> list[str]:
    return [e for e in (part.strip() for part in events.split(",")) if e]


def enqueue_for_case(session: Session, case: Case, kind: str, to_status: str | None = None) -> list[WebhookDelivery]:
    """Queue one delivery per active endpoint subscribed to each event ``kind`` is (usually none: one query)."""
    wanted = _subscriptions(session, kind, to_status)
    if not wanted:
        return []
    body = case_body(session, case, kind)
    return [_add(session, endpoint, name, body, case.id) for name, endpoint in wanted]


def enqueue_for_cases(session: Session, cases: Sequence[Case], kind: str, to_status: str | None = None) -> int:
    """``enqueue_for_case`` for cases a set-based change moved at once (an erasure withdraws every unsettled case
    of the customer in one UPDATE; their loaded rows still hold the status before it, so ``to_status`` is the one
    the payload says): the endpoints read once a transaction, the remedies on the table in one query for all the
    cases, the deliveries written in one statement. The same deliveries, in the same order, as one call per case;
    returns how many."""
    wanted = _subscriptions(session, kind, to_status) if cases else []
    if not wanted:
        return 0
    remedies = _remedies_in_play(session, [case.id for case in cases if case.id is not None])
    now = utcnow()
    rows = [
        _delivery(endpoint, name, _body(case, to_status or case.status, kind, remedies.get(case.id or 0)), case.id, now)
        for case in cases
        for name, endpoint in wanted
    ]
    columns = [column.name for column in WebhookDelivery.__table__.columns if column.name != "id"]  # type: ignore[attr-defined]  # SQLModel's table is set on table models
    session.execute(insert(WebhookDelivery), [{name: getattr(row, name) for name in columns} for row in rows])
    return len(rows)


def _subscriptions(session: Session, kind: str, to_status: str | None) -> list[tuple[str, WebhookEndpoint]]:
    """Each event ``kind`` is, with each active endpoint subscribed to it (no query when it is no event)."""
    names = events_for(kind, to_status)
    if not names:
        return []
    endpoints = _active_endpoints(session)
    return [(name, endpoint) for name in names for endpoint in endpoints if name in parse_events(endpoint.events)]


_ENDPOINTS = "webhook_events.active_endpoints"  # session.info key (db.engine.per_transaction)


def _active_endpoints(session: Session) -> list[WebhookEndpoint]:
    """The active endpoints, read once per transaction: opening a case writes two or three timeline entries that
    are events, and each asked again (a round trip each). Endpoints are written by the Webhooks page, never in the
    transaction of a case change, so what the first entry read holds for the rest."""

    def read() -> list[WebhookEndpoint]:
        with session.no_autoflush:  # reading the endpoints needs none of the caller's pending changes
            return list(
                session.exec(
                    select(WebhookEndpoint).where(col(WebhookEndpoint.is_active)).order_by(col(WebhookEndpoint.id))
                )
            )

    return per_transaction(session, _ENDPOINTS, read)


def enqueue_ping(session: Session, endpoint: WebhookEndpoint) -> WebhookDelivery:
    return _add(
        session,
        endpoint,
        PING,
        {
            "message": "A test event from the Amends Webhooks page.",
            "endpoint": {"id": endpoint.id, "description": endpoint.description},
        },
        None,
    )


def _add(
    session: Session,
    endpoint: WebhookEndpoint,
    event: str,
    body: dict[str, Any],
    case_id: int | None,
    now: datetime | None = None,
) -> WebhookDelivery:
    """A delivery with its final JSON body; its id (a UUID) is the payload's ``id`` and the
    ``X-Amends-Delivery`` header, the same on every retry, so receivers can drop duplicates."""
    row = _delivery(endpoint, event, body, case_id, now or utcnow())
    session.add(row)
    return row


def _delivery(
    endpoint: WebhookEndpoint, event: str, body: dict[str, Any], case_id: int | None, now: datetime
) -> WebhookDelivery:
    delivery_id = uuid.uuid4().hex
    payload = {"id": delivery_id, "event": event, "occurred_at": now.isoformat(), **body}
    return WebhookDelivery(
        endpoint_id=stored_id(endpoint),
        event=event,
        case_id=case_id,
        payload=json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
        dedup_key=delivery_id,
        next_attempt_at=now,
        created_at=now,
    )


def case_body(session: Session, case: Case, kind: str) -> dict[str, Any]:
    """What a case event says about the case: reference, status, category, money, the remedy on the table."""
    return _body(case, case.status, kind, remedy_summary(session, case))


def _body(case: Case, status: str, kind: str, remedy: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "change": kind,
        "case": {
            "reference": case.reference,
            "status": status,
            "category": case.category,
            "language": case.language,
            "amount_cents": case.amount_cents,
            "currency": case.currency,
            "remedy": remedy,
        },
    }


def _in_play() -> ColumnElement[bool]:
    """A remedy still on the table: not a gift, not superseded, declined or withdrawn."""
    return and_(
        col(CaseRemedy.source) != "gift", col(CaseRemedy.status).not_in(("superseded", "declined", "withdrawn"))
    )


def remedy_summary(session: Session, case: Case) -> dict[str, Any] | None:
    """The newest remedy still in play (``_in_play``), or None."""
    row = session.exec(
        select(CaseRemedy)
        .where(col(CaseRemedy.case_id) == case.id, _in_play())
        .order_by(col(CaseRemedy.id).desc())
        .limit(1)
    ).first()
    return None if row is None else _summary(row)


def _remedies_in_play(session: Session, case_ids: list[int]) -> dict[int, dict[str, Any]]:
    """``remedy_summary`` of each of these cases that has one, in one query (newest first within a case)."""
    newest: dict[int, dict[str, Any]] = {}
    for row in session.exec(
        select(CaseRemedy)
        .where(col(CaseRemedy.case_id).in_(case_ids), _in_play())
        .order_by(col(CaseRemedy.case_id), col(CaseRemedy.id).desc())
    ):
        newest.setdefault(row.case_id, _summary(row))
    return newest


def _summary(row: CaseRemedy) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "source": row.source,
        "kind": row.kind,
        "status": row.status,
        "amount_cents": row.amount_cents,
    }
    if row.source not in _HIDDEN_DESCRIPTION:
        summary["description"] = row.description
    return summary
