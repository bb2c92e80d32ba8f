"""Writing a case's timeline: every status change and every staff decision is a CaseEvent.

Entries that are webhook events (portal.webhook_events) queue their deliveries here, in the same
transaction: this is the one place every case change passes through.
"""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session

from db.models import Case, CaseEvent, utcnow
from portal import webhook_events
from portal.states import Event, transition

CUSTOMER = "customer"
SYSTEM = "system"


def staff_actor(staff_id: int) -> str:
    return f"staff:{staff_id}"


# Detail keys that name the one invite or email a case-less entry is about, with the prefix ``about`` gives them.
ABOUT_KEYS = {"invite_id": "invite", "message_id": "message"}


def about(detail: dict[str, Any]) -> str | None:
    """"invite:12" or "message:34" for an entry about one invite or one email; None otherwise."""
    for key, prefix in ABOUT_KEYS.items():
        value = detail.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{prefix}:{value}"
    return None


def _event(case_id: int | None, kind: str, actor: str, detail: dict[str, Any]) -> CaseEvent:
    return CaseEvent(case_id=case_id, actor=actor, kind=kind, about=None if case_id is not None else about(detail),
                     detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else "")


def record(session: Session, case: Case, kind: str, actor: str, **detail: Any) -> CaseEvent:
    event = _add(session, case, kind, actor, detail)
    webhook_events.enqueue_for_case(session, case, kind)
    return event


def _add(session: Session, case: Case, kind: str, actor: str, detail: dict[str, Any]) -> CaseEvent:
    assert case.id is not None
    event = _event(case.id, kind, actor, detail)
    session.add(event)
    return event


def record_setting(session: Session, kind: str, actor: str, **detail: Any) -> CaseEvent:
    """An audit entry for a change that belongs to no case (catalog, policy, invites)."""
    event = _event(None, kind, actor, detail)
    session.add(event)
    return event


def move(session: Session, case: Case, event: Event, actor: str, **detail: Any) -> CaseEvent:
    """Apply ``event`` to the case through the state table and log it; raises IllegalTransition."""
    before = case.status
    case.status = str(transition(before, event))
    case.version += 1
    case.updated_at = utcnow()
    session.add(case)
    logged = _add(session, case, str(event), actor, detail)
    logged.from_status, logged.to_status = before, case.status
    webhook_events.enqueue_for_case(session, case, str(event), case.status)
    return logged
