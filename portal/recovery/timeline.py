"""Writing a case's timeline: every status change and every staff decision is a CaseEvent.

Entries that are webhook events (portal.delivery.webhook_events) queue their deliveries here, in the same
transaction: this is the one place every case change passes through.

Optimistic locking: a change made from what a page showed takes ``expected_version``, the version the page
showed. ``claim`` turns it into a conditional ``UPDATE case SET version = version + 1 WHERE id = :id AND
version = :expected``. Two transactions that both expected the same version cannot both match that row: on
PostgreSQL the second waits for the first's row lock and then finds the version moved; on SQLite writers are
serialised by ``BEGIN IMMEDIATE``. The loser gets ``StaleCase``, never a silent overwrite. A case's version
moves once per transaction however many steps it takes: ``move`` bumps it only for a case this transaction has
not claimed or moved yet, so the stored version ends exactly one above what was shown.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col

from db.engine import per_transaction
from db.models import Case, CaseEvent, utcnow
from portal.delivery import webhook_events
from portal.errors import StaleCase
from portal.recovery.states import Event, Kind, transition

CUSTOMER = "customer"
SYSTEM = "system"

_BUMPED = "timeline.bumped_case_ids"
"""``session.info`` key (db.engine.per_transaction): the cases whose version this transaction has moved on."""


def staff_actor(staff_id: int) -> str:
    return f"staff:{staff_id}"


# Detail keys that name the one invite or email a case-less entry is about, with the prefix ``about`` gives them.
ABOUT_KEYS = {"invite_id": "invite", "message_id": "message"}


def about(detail: dict[str, Any]) -> str | None:
    """ "invite:12" or "message:34" for an entry about one invite or one email; None otherwise."""
    for key, prefix in ABOUT_KEYS.items():
        value = detail.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{prefix}:{value}"
    return None


def _event(case_id: int | None, kind: Kind | Event, actor: str, detail: dict[str, Any]) -> CaseEvent:
    return CaseEvent(
        case_id=case_id,
        actor=actor,
        kind=str(kind),
        about=None if case_id is not None else about(detail),
        detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else "",
    )


def record(session: Session, case: Case, kind: Kind | Event, actor: str, **detail: Any) -> CaseEvent:
    event = _add(session, case, kind, actor, detail)
    webhook_events.enqueue_for_case(session, case, kind)
    return event


def _add(session: Session, case: Case, kind: Kind | Event, actor: str, detail: dict[str, Any]) -> CaseEvent:
    assert case.id is not None
    event = _event(case.id, kind, actor, detail)
    session.add(event)
    return event


def record_setting(session: Session, kind: Kind, actor: str, **detail: Any) -> CaseEvent:
    """An audit entry for a change that belongs to no case (catalog, policy, invites)."""
    event = _event(None, kind, actor, detail)
    session.add(event)
    return event


def _bumped(session: Session) -> set[int]:
    """The cases this transaction has moved on (none yet in the next transaction of a session that goes on)."""
    return per_transaction(session, _BUMPED, set)


def claim(session: Session, case_id: int, expected_version: int) -> Case:
    """Take the case for this transaction if it is still at ``expected_version``, moving its version on by one.

    Raises LookupError for an unknown case and StaleCase when the version moved on.
    """
    claimed = session.execute(
        update(Case)
        .where(col(Case.id) == case_id, col(Case.version) == expected_version)
        .values(version=Case.version + 1)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]  # rowcount is CursorResult's; execute() is typed as returning Result
        if session.get(Case, case_id) is None:
            raise LookupError(f"No case {case_id}.")
        raise StaleCase()
    case = session.get(Case, case_id, populate_existing=True)
    assert case is not None and case.version == expected_version + 1
    _bumped(session).add(case_id)
    return case


def move(session: Session, case: Case, event: Event, actor: str, **detail: Any) -> CaseEvent:
    """Apply ``event`` to the case through the state table and log it; raises IllegalTransition."""
    before = case.status
    case.status = str(transition(before, event))
    assert case.id is not None
    if case.id not in _bumped(session):
        case.version += 1
        _bumped(session).add(case.id)
    case.updated_at = utcnow()
    session.add(case)
    logged = _add(session, case, event, actor, detail)
    logged.from_status, logged.to_status = before, case.status
    webhook_events.enqueue_for_case(session, case, str(event), case.status)
    return logged


def entry_values(
    case_id: int | None,
    kind: Kind | Event,
    actor: str,
    at: datetime,
    detail: dict[str, Any],
    from_status: str | None = None,
    to_status: str | None = None,
) -> dict[str, Any]:
    """A timeline entry as the column values ``record``, ``record_setting`` and ``move`` would write, for a service
    that writes many in one statement (an erasure's audit entries and withdrawals). Queues no webhook: the caller
    does (``webhook_events.enqueue_for_cases``)."""
    event = _event(case_id, kind, actor, detail)
    return {
        "case_id": case_id,
        "at": at,
        "actor": actor,
        "kind": event.kind,
        "from_status": from_status,
        "to_status": to_status,
        "detail": event.detail,
        "about": event.about,
    }
