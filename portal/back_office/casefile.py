"""Everything staff read about one case before they decide: the case file.

``load_case_file`` reads it in one short read transaction with a fixed number of
queries (no query per row): the case with its customer, the conversation rounds,
remedies, notes with their authors, the lesson, the events, and the names of the
staff members who appear in them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import col, select

from db.engine import read_session
from db.models import (
    Case,
    CaseEvent,
    CaseNote,
    CaseRemedy,
    CheckIn,
    ConversationRound,
    Customer,
    Lesson,
    RemedyOption,
    StaffMember,
)
from portal.business import current_business
from portal.recovery import timeline
from portal.recovery.catalog_text import accepted_words, option_text
from portal.recovery.claim_history import Claims, claim_history
from portal.recovery.remedies import AutoPolicy, RemedyShelf, RemedySource, text_names_more
from portal.recovery.rounds import agreed_rounds, what_bothered_them
from portal.recovery.states import Event, Status
from portal.stored import stored_id

CUSTOMER_NAME = "Customer"
SYSTEM_NAME = "System"
_PROPOSED = (
    timeline.Kind.PROPOSAL_SUBMITTED,
    Event.CUSTOMER_PROPOSE,
    Event.CUSTOMER_PROPOSE_AUTO,
)  # what logs a proposal's reason


@dataclass(frozen=True)
class Brief:
    """ "Prepare yourself": what the customer told us, in their words and as we agreed it, before any decision."""

    bothered_most: str  # their own words, as they finally confirmed them
    first_words: str  # what they first wrote, before any correction
    confirmed_paraphrase: str  # what we said back and they agreed to (or their words, if they kept them)
    more_items: list[str]  # "anything else", as finally confirmed
    story: str
    tone: str
    category: str
    amount_cents: int | None  # what is at stake, as the customer told us
    currency: str
    paraphrase_rounds: int  # rounds it took to agree on what bothered them most
    total_rounds: int  # every paraphrase round, the "anything else" items included


@dataclass(frozen=True)
class RemedyEntry:
    id: int
    source: str  # a RemedySource
    kind: str
    description: str
    amount_cents: int | None
    status: str  # a RemedyStatus
    created_by: str
    created_at: datetime
    consent_text: str | None = None  # the customer's agreement to a remedy that is not money back
    consented_at: datetime | None = None
    # A larger sum than ``amount_cents`` that the customer's own words name ("a full refund of $4,999" with 1 in the
    # amount field): staff see both figures side by side before deciding.
    named_cents: int | None = None
    # A catalog remedy's or gift's title as the customer reads it in their language, where that is not the English
    # above ("" otherwise).
    customer_title: str = ""


@dataclass(frozen=True)
class NoteEntry:
    id: int
    author_id: int
    author_name: str
    body: str
    created_at: datetime


@dataclass(frozen=True)
class LessonEntry:
    root_cause: str
    what_we_change: str
    recorded_by_name: str
    updated_at: datetime


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    actor: str  # "customer", "system" or "staff:<id>"
    actor_name: str  # "Customer", "System" or the staff member's name
    kind: str
    from_status: str | None
    to_status: str | None
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReopenedBy:
    """The check-in that last reopened the case: why staff are looking at it again."""

    answered_at: datetime
    made_it_right: int | None
    recommend: int | None
    comment: str


@dataclass(frozen=True)
class CaseFile(RemedyShelf["RemedyEntry"]):
    case: Case
    status: Status
    customer_name: str
    customer_email: str
    customer_language: str
    owner_name: str | None
    brief: Brief
    remedies: list[RemedyEntry]  # oldest first
    notes: list[NoteEntry]  # newest first
    lesson: LessonEntry | None
    timeline: list[TimelineEntry]  # newest first
    agent_approval_limit_cents: int
    claims: Claims  # the customer's and the order's earlier claims within the policy's window
    auto_policy: AutoPolicy
    reopened_by: ReopenedBy | None = None  # while the case is reopened or was ever reopened: the last low check-in

    @property
    def id(self) -> int:
        """The case's id (a stored case always has one; the row's type allows None before it is stored)."""
        assert self.case.id is not None
        return self.case.id

    @property
    def version(self) -> int:
        return self.case.version

    @property
    def pending_proposal(self) -> RemedyEntry | None:
        """What waits for a staff decision: the customer's proposal, or their catalog choice above the limits."""
        return self.pending[-1] if self.pending else None

    @property
    def waiting_because(self) -> str | None:
        """Why the pending proposal was not agreed at once, as the portal logged it."""
        if self.pending_proposal is None:
            return None
        logged = next((e for e in self.timeline if e.kind in _PROPOSED), None)
        reason = logged.detail.get("reason") if logged else None
        return str(reason) if reason else None

    @property
    def open_offer(self) -> RemedyEntry | None:
        return self.offers[-1] if self.offers else None


def actor_name(actor: str, staff_names: dict[int, str]) -> str:
    if actor == timeline.CUSTOMER:
        return CUSTOMER_NAME
    if actor == timeline.SYSTEM:
        return SYSTEM_NAME
    prefix = timeline.staff_actor(0)[:-1]  # "staff:"
    if actor.startswith(prefix) and actor[len(prefix) :].isdigit():
        staff_id = int(actor[len(prefix) :])
        return staff_names.get(staff_id, f"Staff #{staff_id}")
    return actor


def _detail(text: str) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"text": text}
    return value if isinstance(value, dict) else {"value": value}


def _staff_ids(events: list[CaseEvent], *more: int | None) -> set[int]:
    prefix = timeline.staff_actor(0)[:-1]
    ids = {
        int(e.actor[len(prefix) :]) for e in events if e.actor.startswith(prefix) and e.actor[len(prefix) :].isdigit()
    }
    return ids | {i for i in more if i is not None}


def _customer_title(accepted: str, option: RemedyOption | None, language: str) -> str:
    """What the customer reads where staff read ``accepted``: its catalog entry's title in their language, or ""
    when that is the same (English, a language not translated yet, or not from the catalog)."""
    words = accepted_words(accepted, option)
    title = option_text(words, language)[0] if words is not None else accepted
    return "" if title == accepted else title


def load_case_file(engine: Engine, case_id: int) -> CaseFile:
    """The whole case for the staff case page; LookupError when there is no such case."""
    with read_session(engine) as session:
        row = session.exec(
            select(Case, Customer).join(Customer, col(Customer.id) == Case.customer_id).where(Case.id == case_id)
        ).first()
        if row is None:
            raise LookupError(f"No case {case_id}.")
        case, customer = row
        rounds = list(
            session.exec(
                select(ConversationRound)
                .where(ConversationRound.case_id == case_id)
                .order_by(col(ConversationRound.topic), col(ConversationRound.round_no))
            )
        )
        remedies = list(
            session.exec(
                select(CaseRemedy, RemedyOption)
                .outerjoin(RemedyOption, col(RemedyOption.id) == CaseRemedy.option_id)
                .where(CaseRemedy.case_id == case_id)
                .order_by(col(CaseRemedy.id))
            )
        )
        notes = list(
            session.exec(select(CaseNote).where(CaseNote.case_id == case_id).order_by(col(CaseNote.id).desc()))
        )
        lesson = session.exec(select(Lesson).where(Lesson.case_id == case_id)).first()
        low = session.exec(
            select(CheckIn)
            .where(CheckIn.case_id == case_id, CheckIn.outcome == "low")
            .order_by(col(CheckIn.answered_at).desc())
        ).first()
        events = list(
            session.exec(select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(col(CaseEvent.id).desc()))
        )  # insertion order
        wanted = _staff_ids(
            events, case.owner_id, lesson.recorded_by_id if lesson else None, *(n.author_id for n in notes)
        )
        names = (
            {m.id: m.name for m in session.exec(select(StaffMember).where(col(StaffMember.id).in_(wanted)))}
            if wanted
            else {}
        )
        business = current_business(session)
        policy = AutoPolicy.of(business)
        claims = claim_history(
            session,
            customer.email,
            case.order_ref,
            until=case.created_at,
            window_days=policy.window_days,
            before_case=case.id,
        )

    staff_names: dict[int, str] = {k: v for k, v in names.items() if k is not None}
    return CaseFile(
        case=case,
        status=Status(case.status),
        customer_name=customer.name,
        customer_email=customer.email,
        customer_language=customer.language,
        owner_name=staff_names.get(case.owner_id) if case.owner_id else None,
        brief=_brief(case, rounds),
        remedies=[
            RemedyEntry(
                stored_id(r),
                r.source,
                r.kind,
                r.description,
                r.amount_cents,
                r.status,
                r.created_by,
                r.created_at,
                r.consent_text,
                r.consented_at,
                text_names_more(r.description, r.amount_cents) if r.source == RemedySource.PROPOSAL else None,
                _customer_title(r.description, option, case.language),
            )
            for r, option in remedies
        ],
        notes=[
            NoteEntry(
                stored_id(n),
                n.author_id,
                staff_names.get(n.author_id, f"Staff #{n.author_id}"),
                n.body,
                n.created_at,
            )
            for n in notes
        ],
        lesson=LessonEntry(
            lesson.root_cause,
            lesson.what_we_change,
            staff_names.get(lesson.recorded_by_id, f"Staff #{lesson.recorded_by_id}"),
            lesson.updated_at,
        )
        if lesson
        else None,
        timeline=[
            TimelineEntry(
                e.at, e.actor, actor_name(e.actor, staff_names), e.kind, e.from_status, e.to_status, _detail(e.detail)
            )
            for e in events
        ],
        agent_approval_limit_cents=business.agent_approval_limit_cents,
        claims=claims,
        auto_policy=policy,
        reopened_by=ReopenedBy(low.answered_at, low.made_it_right, low.recommend, low.comment)
        if low is not None and low.answered_at is not None
        else None,
    )


def _brief(case: Case, rounds: list[ConversationRound]) -> Brief:
    agreed = agreed_rounds(rounds)
    return Brief(
        bothered_most=what_bothered_them(agreed, case),
        first_words=case.bothered_most,
        confirmed_paraphrase=case.confirmed_paraphrase,
        more_items=[agreed[t].customer_text for t in sorted(agreed) if t > 0],
        story=case.story,
        tone=case.tone,
        category=case.category,
        amount_cents=case.amount_cents,
        currency=case.currency,
        paraphrase_rounds=sum(1 for r in rounds if r.topic == 0),
        total_rounds=len(rounds),
    )
