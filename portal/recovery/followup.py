"""The satisfaction check-in after a remedy is fulfilled: schedule it, send it when due, take the answer.

- ``schedule_checkin``: in the transaction that marks a case fulfilled, a ``CheckIn`` due
  ``Business.followup_delay_days`` later (portal.recovery.decisions._after_fulfilment).
- ``enqueue_due_checkins``: the worker's job each pass. For each due check-in it issues a fresh
  check-in link (``Purpose.CHECKIN``, ``settings.checkin_link_days``), queues the email
  (dedup ``checkin:<id>``) and stamps ``sent_at``, in one transaction. Concurrent workers take
  disjoint check-ins (PostgreSQL ``FOR UPDATE SKIP LOCKED``; SQLite serialises writers).
- ``open_checkin`` / ``answer_checkin``: what a check-in link shows, and the customer's answer.
  A check-in link is single-use: the answer stamps ``AccessToken.used_at`` with a conditional
  update, so a double submit or a second tab is refused ("already answered"). A low answer
  (``made_it_right <= checkin_low_csat`` or ``recommend <= checkin_low_nps``) reopens the case
  and queues a notice to its owner; a good one closes it. Both go through the state table.
- ``request_new_checkin_link``: an expired check-in link can ask for a fresh one, sent to the
  address on file, at most once an hour per case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import Engine, func, update
from sqlmodel import Session, col, select

from db.engine import is_postgres, read_session, write_session
from db.models import AccessToken, Case, CaseEvent, CheckIn, Customer, utcnow
from portal.business import current_business
from portal.config import get_settings
from portal.delivery import emails
from portal.delivery.emails import Contact
from portal.entry import links
from portal.entry.tokens import Purpose
from portal.errors import StaleCase
from portal.recovery import sla, timeline
from portal.recovery.states import Event, Status
from portal.stored import stored_id
from portal.text import clean

COMMENT_LIMIT = 2000
NEW_LINK_INTERVAL = timedelta(hours=1)
GOOD, LOW = "good", "low"
EVENT_SENT = timeline.Kind.CHECKIN_SENT
EVENT_SKIPPED = timeline.Kind.CHECKIN_SKIPPED
EVENT_RESENT = timeline.Kind.CHECKIN_LINK_RESENT
_STALE_RETRIES = 3


class CheckinState(StrEnum):
    OPEN = "open"  # the form
    ANSWERED = "answered"  # already answered (this link, or another one for the same check-in)
    EXPIRED = "expired"
    UNKNOWN = "unknown"


class CheckinUnavailable(Exception):
    """The link cannot take an answer (any more): ``state`` says why."""

    def __init__(self, state: CheckinState) -> None:
        super().__init__(str(state))
        self.state = state


class NewLink(StrEnum):
    SENT = "sent"
    RECENTLY_SENT = "recently_sent"
    ANSWERED = "answered"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class CheckinView:
    """What a check-in link's page may show. Only an open check-in names the case."""

    state: CheckinState
    language: str
    business_name: str
    contact: Contact
    reference: str = ""
    customer_name: str = ""


@dataclass(frozen=True)
class CheckinResult:
    outcome: str  # GOOD or LOW
    case_id: int
    status: Status
    language: str
    contact: Contact


def is_low(made_it_right: int, recommend: int, *, low_csat: int | None = None, low_nps: int | None = None) -> bool:
    settings = get_settings()
    low_csat = settings.checkin_low_csat if low_csat is None else low_csat
    low_nps = settings.checkin_low_nps if low_nps is None else low_nps
    return made_it_right <= low_csat or recommend <= low_nps


# --- scheduling and sending ---------------------------------------------------------------------------------


def schedule_checkin(session: Session, case: Case) -> CheckIn:
    """A check-in due ``followup_delay_days`` after ``case.fulfilled_at``, in the caller's transaction."""
    assert case.fulfilled_at is not None and case.id is not None
    due = case.fulfilled_at + timedelta(days=current_business(session).followup_delay_days)
    checkin = CheckIn(case_id=case.id, due_at=due)
    session.add(checkin)
    session.flush()
    return checkin


def enqueue_due_checkins(
    engine: Engine, *, now: datetime | None = None, due_by: datetime | None = None, limit: int = 100
) -> int:
    """Queue the email for every check-in that is due (by ``due_by``, default now) and not sent yet;
    returns how many were queued. ``due_by`` later than now is for the demo (`portal worker --checkins-ahead`)."""
    now = now or utcnow()
    due_by = due_by or now
    lifetime = timedelta(days=get_settings().checkin_link_days)
    queued = 0
    with write_session(engine) as session:
        query = (
            select(CheckIn)
            .where(col(CheckIn.sent_at).is_(None), col(CheckIn.answered_at).is_(None), col(CheckIn.due_at) <= due_by)
            .order_by(col(CheckIn.id))
            .limit(limit)
        )
        if is_postgres(engine):
            query = query.with_for_update(skip_locked=True)
        for checkin in session.exec(query).all():
            case = session.get(Case, checkin.case_id)
            assert case is not None
            customer = session.get(Customer, case.customer_id)
            checkin.sent_at = now
            session.add(checkin)
            if case.status != Status.FULFILLED or customer is None or not customer.email:
                # Nothing to ask any more (or nobody to ask): keep a trace instead of retrying forever.
                timeline.record(
                    session, case, EVENT_SKIPPED, timeline.SYSTEM, checkin_id=checkin.id, status=case.status
                )
                continue
            token = links.issue(session, Purpose.CHECKIN, lifetime, case_id=case.id, now=now)
            emails.queue_checkin(session, case, checkin, token, now + lifetime)
            timeline.record(session, case, EVENT_SENT, timeline.SYSTEM, checkin_id=checkin.id)
            queued += 1
    return queued


# --- the check-in link --------------------------------------------------------------------------------------


def _open_checkin(session: Session, case_id: int) -> CheckIn | None:
    """The case's newest check-in if it still waits for an answer."""
    latest = session.exec(select(CheckIn).where(CheckIn.case_id == case_id).order_by(col(CheckIn.id).desc())).first()
    return latest if latest is not None and latest.answered_at is None else None


def _state(session: Session, row: AccessToken | None, now: datetime) -> CheckinState:
    if row is None or row.purpose != Purpose.CHECKIN or row.case_id is None:
        return CheckinState.UNKNOWN
    if row.used_at is not None:
        return CheckinState.ANSWERED
    if row.expires_at <= now:
        return CheckinState.EXPIRED
    case = session.get(Case, row.case_id)
    if case is None or case.status != Status.FULFILLED or _open_checkin(session, row.case_id) is None:
        return CheckinState.ANSWERED
    return CheckinState.OPEN


def open_checkin(engine: Engine, token: str | None, *, now: datetime | None = None) -> CheckinView:
    now = now or utcnow()
    with read_session(engine) as session:
        business = current_business(session)
        row = links.find(session, token) if token else None
        state = _state(session, row, now)
        if state in (CheckinState.UNKNOWN, CheckinState.EXPIRED):
            # Nothing about the case: the business's own language and its accountable owner.
            return CheckinView(
                state, business.default_language, business.name, emails.contact_for(session, None, business)
            )
        assert row is not None and row.case_id is not None
        case = session.get(Case, row.case_id)
        assert case is not None
        contact = emails.contact_for(session, case, business)
        if state is CheckinState.ANSWERED:
            return CheckinView(state, case.language, business.name, contact)
        customer = session.get(Customer, case.customer_id)
        return CheckinView(
            state,
            case.language,
            business.name,
            contact,
            reference=case.reference,
            customer_name=customer.name if customer else "",
        )


def check_answer(made_it_right: int | None, recommend: int | None, comment: str | None) -> str:
    """Validate an answer; returns the cleaned comment or raises ValueError."""
    for value, low, high, what in ((made_it_right, 1, 5, "made_it_right"), (recommend, 0, 10, "recommend")):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{what} must be a whole number from {low} to {high}.")
    text = clean(comment)
    if len(text) > COMMENT_LIMIT:
        raise ValueError(f"The comment is {len(text):,} characters long; please keep it under {COMMENT_LIMIT:,}.")
    return text


def answer_checkin(
    engine: Engine, token: str, made_it_right: int, recommend: int, comment: str = "", *, now: datetime | None = None
) -> CheckinResult:
    """Record the customer's answer, once: close the case (good) or reopen it and tell its owner (low).

    Raises ValueError for an invalid answer and CheckinUnavailable when the link cannot take one.
    """
    text = check_answer(made_it_right, recommend, comment)
    for attempt in range(_STALE_RETRIES):
        try:
            return _answer(engine, token, made_it_right, recommend, text, now or utcnow())
        except StaleCase:
            # Staff changed the case (owner, ...) in the same instant: read it again and retry.
            if attempt == _STALE_RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def _answer(
    engine: Engine, token: str, made_it_right: int, recommend: int, comment: str, now: datetime
) -> CheckinResult:
    with write_session(engine) as session:
        row = links.find(session, token)
        state = _state(session, row, now)
        if state is not CheckinState.OPEN:
            raise CheckinUnavailable(state)
        assert row is not None and row.case_id is not None
        # Single use: only one transaction can stamp the token (PostgreSQL row lock; SQLite BEGIN IMMEDIATE).
        taken = session.execute(
            update(AccessToken)
            .where(col(AccessToken.id) == row.id, col(AccessToken.used_at).is_(None))
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount != 1:  # type: ignore[attr-defined]  # rowcount is CursorResult's; execute() is typed as returning Result
            raise CheckinUnavailable(CheckinState.ANSWERED)
        current = session.get(Case, row.case_id)
        assert current is not None
        case = timeline.claim(session, row.case_id, current.version)
        checkin = _open_checkin(session, stored_id(case))
        if checkin is None or case.status != Status.FULFILLED:
            raise CheckinUnavailable(CheckinState.ANSWERED)
        outcome = LOW if is_low(made_it_right, recommend) else GOOD
        checkin.made_it_right, checkin.recommend, checkin.comment = made_it_right, recommend, comment
        checkin.answered_at, checkin.outcome = now, outcome
        session.add(checkin)
        # Any other check-in link of this case (a resent one) is spent too.
        session.execute(
            update(AccessToken)
            .where(
                col(AccessToken.case_id) == case.id,
                col(AccessToken.purpose) == str(Purpose.CHECKIN),
                col(AccessToken.used_at).is_(None),
            )
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        )
        event = Event.CHECKIN_LOW if outcome == LOW else Event.CHECKIN_GOOD
        timeline.move(
            session,
            case,
            event,
            timeline.CUSTOMER,
            checkin_id=checkin.id,
            made_it_right=made_it_right,
            recommend=recommend,
            comment=comment,
        )
        escalated = False
        if outcome == GOOD:
            case.closed_at = now
        else:
            sla.after_reopen(session, case, now)  # counted, and a fresh resolution clock
            # Reopened twice: a manager owns it now, and the notice below goes to them.
            escalated = sla.escalate(session, case) is not None
        session.add(case)
        session.flush()
        if outcome == LOW:
            emails.queue_reopened(session, case, checkin, escalated=escalated)
        return CheckinResult(
            outcome,
            stored_id(case),
            Status(case.status),
            case.language,
            emails.contact_for(session, case, current_business(session)),
        )


def request_new_checkin_link(engine: Engine, token: str | None, *, now: datetime | None = None) -> NewLink:
    """From an expired check-in link: email a fresh one to the customer on file (at most once an hour per case)."""
    now = now or utcnow()
    lifetime = timedelta(days=get_settings().checkin_link_days)
    with write_session(engine) as session:
        row = links.find(session, token) if token else None
        if row is None or row.purpose != Purpose.CHECKIN or row.case_id is None:
            return NewLink.UNAVAILABLE
        if row.used_at is not None:
            return NewLink.ANSWERED
        lock = select(Case).where(col(Case.id) == row.case_id)
        if is_postgres(engine):
            lock = lock.with_for_update()  # one request per case at a time, so the hourly limit holds
        case = session.exec(lock).one()
        checkin = _open_checkin(session, stored_id(case))
        if checkin is None or case.status != Status.FULFILLED:
            return NewLink.ANSWERED
        customer = session.get(Customer, case.customer_id)
        if customer is None or not customer.email:
            return NewLink.UNAVAILABLE
        earlier = session.exec(
            select(func.count())
            .select_from(CaseEvent)
            .where(CaseEvent.case_id == case.id, CaseEvent.kind == EVENT_RESENT)
        ).one()
        recent = session.exec(
            select(CaseEvent.id).where(
                CaseEvent.case_id == case.id,
                CaseEvent.kind == EVENT_RESENT,
                col(CaseEvent.at) > now - NEW_LINK_INTERVAL,
            )
        ).first()
        if recent is not None:
            return NewLink.RECENTLY_SENT
        fresh = links.issue(session, Purpose.CHECKIN, lifetime, case_id=case.id, now=now)
        emails.queue_checkin(
            session, case, checkin, fresh, now + lifetime, key=f"checkin:{checkin.id}:again:{earlier + 1}"
        )
        event = timeline.record(session, case, EVENT_RESENT, timeline.CUSTOMER, checkin_id=checkin.id)
        event.at = now
        if checkin.sent_at is None:
            checkin.sent_at = now
            session.add(checkin)
        return NewLink.SENT
