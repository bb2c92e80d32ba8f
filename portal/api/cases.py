"""Cases as the API shows them: one by reference, or those changed since a moment, keyset-paged for syncing a CRM.

Without ``cases:read_personal`` a case says nothing the customer wrote or is: its status, category, the remedy's
kind, state and amount, and its dates (as the webhooks do). With it, also the customer's name and email, the story,
what bothered them most as they confirmed it, the order reference and the remedy's wording.

Paging: cases in the order (updated_at, id); a page's cursor is the last one's pair, so a case that changes while a
client pages moves to a later page instead of shifting every page after it. ``updated_at`` is set when a case's
status changes (portal.recovery.timeline.move); a change committed a moment after a later one was read could be missed by a
client that starts exactly where it stopped, so clients re-read from a minute before their last ``updated_at``.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, and_, or_
from sqlmodel import Session, col, select

from db.engine import read_session
from db.models import Case, CaseRemedy, Customer

# Remedies that are no longer the case's: replaced by a later one.
_PAST = ("superseded",)
PAGE_MAX = 200


class BadCursor(ValueError):
    def __init__(self) -> None:
        super().__init__("That cursor is not one this API gave out: start again from updated_since.")


@dataclass(frozen=True)
class Page:
    items: list[dict[str, object]]
    next_cursor: str | None


def encode_cursor(updated_at: datetime, case_id: int) -> str:
    raw = json.dumps([updated_at.isoformat(), case_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        moment, case_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        parsed = datetime.fromisoformat(moment)
        if parsed.tzinfo is None or not isinstance(case_id, int) or isinstance(case_id, bool):
            raise ValueError
        return parsed, case_id
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise BadCursor() from None


def _remedy(session: Session, case_id: int, personal: bool) -> dict[str, object] | None:
    """The case's remedy now: the latest that is not a gift and not superseded."""
    row = session.exec(
        select(CaseRemedy)
        .where(CaseRemedy.case_id == case_id, CaseRemedy.source != "gift", col(CaseRemedy.status).not_in(_PAST))
        .order_by(col(CaseRemedy.id).desc())
    ).first()
    if row is None:
        return None
    shown: dict[str, object] = {
        "kind": row.kind,
        "source": row.source,
        "state": row.status,
        "amount_cents": row.amount_cents,
        "created_at": row.created_at,
    }
    if personal:
        shown["description"] = row.description
    return shown


def _shown(session: Session, case: Case, personal: bool) -> dict[str, object]:
    assert case.id is not None
    shown: dict[str, object] = {
        "reference": case.reference,
        "status": case.status,
        "category": case.category,
        "language": case.language,
        "amount_cents": case.amount_cents,
        "currency": case.currency,
        "remedy": _remedy(session, case.id, personal),
        "created_at": case.created_at,
        "updated_at": case.updated_at,
        "first_response_at": case.first_response_at,
        "fulfilled_at": case.fulfilled_at,
        "closed_at": case.closed_at,
        "first_response_due_at": case.first_response_due_at,
        "resolve_due_at": case.resolve_due_at,
        "erased": case.erased_at is not None,
    }
    if personal:
        customer = session.get(Customer, case.customer_id)
        shown["personal"] = {
            "customer_name": customer.name if customer else "",
            "customer_email": customer.email if customer else "",
            "order_ref": case.order_ref,
            "story": case.story,
            "bothered_most": case.bothered_most,
            "confirmed_paraphrase": case.confirmed_paraphrase,
        }
    return shown


def case_by_reference(engine: Engine, reference: str, *, personal: bool) -> dict[str, object] | None:
    with read_session(engine) as session:
        case = session.exec(select(Case).where(Case.reference == reference.strip().upper())).first()
        return _shown(session, case, personal) if case else None


def cases_since(
    engine: Engine, updated_since: datetime | None, *, limit: int, cursor: str | None, personal: bool
) -> Page:
    """Up to ``limit`` cases changed at or after ``updated_since``, after ``cursor``'s case when given, in the order
    they changed; ``next_cursor`` when there may be more."""
    query = select(Case)
    if updated_since is not None:
        query = query.where(col(Case.updated_at) >= updated_since)
    if cursor:
        moment, case_id = decode_cursor(cursor)
        query = query.where(
            or_(col(Case.updated_at) > moment, and_(col(Case.updated_at) == moment, col(Case.id) > case_id))
        )
    query = query.order_by(col(Case.updated_at), col(Case.id)).limit(limit + 1)
    with read_session(engine) as session:
        rows = list(session.exec(query).all())
        items = [_shown(session, case, personal) for case in rows[:limit]]
    more = len(rows) > limit
    last = rows[limit - 1] if more else None
    return Page(items, encode_cursor(last.updated_at, last.id) if last is not None and last.id is not None else None)
