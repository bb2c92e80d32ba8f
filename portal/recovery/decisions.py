"""Staff decisions on a case, and the customer's answers to staff offers.

Every function is one transaction (``db.engine.write_session``). Every status change
goes through ``portal.recovery.timeline.move`` (the state table in ``portal.recovery.states``), and every
decision, note, assignment and lesson writes a CaseEvent naming who did it: the audit log.

Optimistic locking: a call that changes a case takes ``expected_version``, the version
the page showed, and claims the case with it (``portal.recovery.timeline.claim``): the loser of two
decisions on the same version gets ``StaleCase``, never a silent overwrite.

Role limits live here, not in the pages: an agent may approve, counter or offer up to
``Business.agent_approval_limit_cents``; a manager any amount. The limit applies to the larger of a
remedy's amount and any sum its words name; an agent never agrees to a remedy without an amount (they
enter it first). Staff offers name an amount (unless they are a catalog remedy that is not money), in
words that name no larger sum; a refund is never more than the order's amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from db import case_figures
from db.engine import write_session
from db.models import Case, CaseNote, CaseRemedy, Customer, Lesson, RemedyOption, StaffMember, utcnow
from portal import errors
from portal.back_office.staff import StaffActor, role_now
from portal.business import current_business
from portal.delivery import emails
from portal.recovery import followup, sla, timeline
from portal.recovery.claim_history import claim_history, hold_claims
from portal.recovery.money import checked_cents, format_money, largest_sum_in_text
from portal.recovery.remedies import (
    PENDING_SOURCES,
    AutoPolicy,
    RemedyKind,
    RemedySource,
    RemedyStatus,
    Role,
    at_stake,
    can_approve,
    catalog_amount,
    catalog_cap,
    consent_to_store,
    is_money,
    judge_history,
    judge_proposal,
    text_names_more,
)
from portal.recovery.states import Event, IllegalTransition, Status, transition
from portal.stored import stored_id
from portal.text import LIMITS, clean

__all__ = [
    "ROOT_CAUSES",
    "IllegalTransition",
    "NotAllowed",
    "Outcome",
    "StaleCase",
    "add_note",
    "approve_proposal",
    "assign_owner",
    "counter_offer",
    "customer_accept_offer",
    "customer_propose",
    "decline_with_alternative",
    "mark_fulfilled",
    "record_lesson",
    "staff_agree",
    "staff_offer",
]

# Cases teach; they never blame a person: a lesson names a cause in how we work, never an employee.
ROOT_CAUSES: tuple[str, ...] = (
    "process",
    "scheduling",
    "communication",
    "training",
    "tools",
    "supplier",
    "pricing",
    "other",
)

DESCRIPTION_LIMIT = LIMITS["proposal"]  # what is offered or proposed: the same field, the same limit
REASON_LIMIT = 1000
NOTE_LIMIT = 5000
LESSON_LIMIT = 2000
# A second identical note from the same person within this window is a double click, not a new note.
NOTE_REPEAT_WINDOW = timedelta(seconds=60)


# Someone changed the case after the page showed it (portal.recovery.timeline.claim), and the role limits: the house-wide
# errors every staff service raises.
StaleCase = errors.StaleCase
NotAllowed = errors.NotAllowed


@dataclass(frozen=True)
class Outcome:
    """Where a case stands after a decision: the page shows this version from now on."""

    case_id: int
    status: Status
    version: int
    remedy_id: int | None = None


# --- shared steps -------------------------------------------------------------------------------------------


def _mark_first_response(session: Session, case_id: int) -> None:
    """The first staff action on a case stamps first_response_at, with the seconds since the case opened (which
    the Insights page reads: db/case_figures.py); later ones leave both alone."""
    session.execute(
        update(Case)
        .where(col(Case.id) == case_id, col(Case.first_response_at).is_(None))
        .values(
            **case_figures.first_response_from(session.get_bind().dialect.name, Case, utcnow()),
            **sla.after_first_response(),
        )  # the resolution clock runs on
        .execution_options(synchronize_session=False)
    )


def _staff_case(session: Session, actor: StaffActor, case_id: int, expected_version: int) -> tuple[Case, Role]:
    """Check the staff member, claim the case and stamp the first response: the start of every staff decision."""
    role = role_now(session, actor)
    _mark_first_response(session, case_id)
    return timeline.claim(session, case_id, expected_version), role


def _check_limit(
    session: Session,
    role: Role,
    amount_cents: int | None,
    doing: str,
    currency: str,
    *,
    text: str = "",
    cap_cents: int | None = None,
) -> None:
    """Refuse an agent what is above their limit: the remedy's amount, or a larger sum its text names, or its
    catalog maximum (``remedies.at_stake``). A remedy with no amount at all is for a manager, or the agent enters one."""
    if role is Role.MANAGER:
        return
    business = current_business(session)
    limit = format_money(business.agent_approval_limit_cents, currency)
    if amount_cents is None and cap_cents is None:  # a sum in the words alone is no amount anyone agreed to
        raise NotAllowed(
            f"This names no amount. Enter the amount first (agents can {doing} up to {limit}), or ask a "
            "manager to decide."
        )
    stake = at_stake(amount_cents, text, cap_cents)
    if can_approve(role, stake, business.agent_approval_limit_cents):
        return
    named = largest_sum_in_text(text)
    what = (
        f"its text names {format_money(named, currency)}"
        if named is not None and named == stake
        else f"this is {format_money(stake, currency)}"
    )
    raise NotAllowed(f"Agents can {doing} up to {limit}; {what}. Please ask a manager to decide.")


def _check_words(text: str, amount_cents: int | None, currency: str) -> None:
    """Staff words name no larger sum than the amount they enter: the customer reads both."""
    named = text_names_more(text, amount_cents)
    if named is not None:
        raise ValueError(
            f"What you wrote names {format_money(named, currency)}, more than the amount "
            f"({format_money(amount_cents, currency) or 'none'}). Please make the two agree."
        )


def _check_offer(text: str, amount_cents: int | None, kind: str, case: Case, *, from_catalog: bool) -> None:
    """What staff offer says what it costs: an amount, unless it is a catalog remedy that is not money; words that
    name no larger sum than that amount; and a refund no larger than the order's amount, when the customer gave it."""
    if amount_cents is None and not (from_catalog and not is_money(kind)):
        raise ValueError(
            "Please enter the amount of what you offer (0 if it costs nothing). Only a remedy from the "
            "catalog that is not money back or credit may go without one."
        )
    _check_words(text, amount_cents, case.currency)
    if (
        kind == RemedyKind.REFUND
        and amount_cents is not None
        and case.amount_cents is not None
        and amount_cents > case.amount_cents
    ):
        raise ValueError(
            f"A refund can't be more than the order's amount, {format_money(case.amount_cents, case.currency)}."
        )


def _text(value: str | None, what: str, limit: int, *, required: bool = True) -> str:
    text = clean(value)
    if required and not text:
        raise ValueError(f"Please write {what}.")
    if len(text) > limit:
        raise ValueError(f"This is {len(text):,} characters long; please keep {what} under {limit:,} characters.")
    return text


def _remedies(session: Session, case_id: int, status: RemedyStatus) -> list[CaseRemedy]:
    return list(
        session.exec(
            select(CaseRemedy)
            .where(CaseRemedy.case_id == case_id, CaseRemedy.status == status)
            .order_by(col(CaseRemedy.id).desc())
        )
    )


def _pending_proposal(session: Session, case: Case) -> CaseRemedy:
    """What waits for a staff decision: the customer's proposal, or a catalog remedy above the limits."""
    pending = [r for r in _remedies(session, stored_id(case), RemedyStatus.PENDING) if r.source in PENDING_SOURCES]
    if not pending:
        raise ValueError("There is no proposal waiting for a decision on this case.")
    return pending[0]


def _catalog_entry(session: Session, option_id: int | None, *, offered: bool) -> RemedyOption | None:
    """The catalog entry a remedy comes from (``offered``: one staff pick now, which must still be offered)."""
    if option_id is None:
        return None
    option = session.get(RemedyOption, option_id)
    if offered and (option is None or not option.is_active or option.is_gift):
        raise ValueError("That catalog remedy is not offered any more. Please choose another one.")
    return option


def _add_remedy(
    session: Session,
    case: Case,
    source: RemedySource,
    description: str,
    amount_cents: int | None,
    status: RemedyStatus,
    created_by: str,
    kind: str = RemedyKind.OTHER,
    option_id: int | None = None,
) -> CaseRemedy:
    remedy = CaseRemedy(
        case_id=stored_id(case),
        source=source,
        kind=kind,
        description=description,
        amount_cents=amount_cents,
        status=status,
        created_by=created_by,
        option_id=option_id,
        category=case.category,
    )
    session.add(remedy)
    session.flush()
    return remedy


def _offer_kind(refund: bool) -> str:
    """A staff offer is free text: staff say whether it is money back, which needs no customer agreement."""
    return RemedyKind.REFUND if refund else RemedyKind.OTHER


def _outcome(case: Case, remedy: CaseRemedy | None = None) -> Outcome:
    return Outcome(stored_id(case), Status(case.status), case.version, remedy.id if remedy else None)


# --- staff decisions ----------------------------------------------------------------------------------------


def approve_proposal(
    engine: Engine, actor: StaffActor, case_id: int, expected_version: int, amount_cents: int | None = None
) -> Outcome:
    """Say yes to the customer's pending proposal (or catalog choice): the case becomes accepted.

    A proposal without an amount takes ``amount_cents`` as its amount (an agent must enter one, and their limit
    applies to it); one that has an amount keeps it (to agree to another, counter). An agent's limit applies to
    the larger of the amount and any sum the customer's words name."""
    entered = checked_cents(amount_cents)
    with write_session(engine) as session:
        case, role = _staff_case(session, actor, case_id, expected_version)
        transition(case.status, Event.APPROVE)
        proposal = _pending_proposal(session, case)
        if entered is not None and proposal.amount_cents is not None and entered != proposal.amount_cents:
            raise ValueError(
                f"The customer asked for {format_money(proposal.amount_cents, case.currency)}. To agree "
                "to another amount, send a counter-offer."
            )
        amount = proposal.amount_cents if proposal.amount_cents is not None else entered
        option = _catalog_entry(session, proposal.option_id, offered=False)
        _check_limit(
            session,
            role,
            amount,
            "approve",
            case.currency,
            text=proposal.description,
            cap_cents=catalog_cap(option, case.amount_cents) if option is not None else None,
        )
        entered_now = proposal.amount_cents is None and amount is not None
        proposal.status, proposal.amount_cents = RemedyStatus.APPROVED, amount
        session.add(proposal)
        timeline.move(
            session,
            case,
            Event.APPROVE,
            timeline.staff_actor(actor.id),
            remedy_id=proposal.id,
            description=proposal.description,
            amount_cents=amount,
            amount_entered_by_staff=entered_now or None,
            named_in_text=text_names_more(proposal.description, amount),
        )
        emails.queue_decision(session, case, Event.APPROVE, description=proposal.description, amount_cents=amount)
        return _outcome(case, proposal)


@dataclass(frozen=True)
class Offer:
    """What staff offer the customer: free text with an amount, or a catalog remedy (``option_id``), whose title is
    the text when none is written and whose value the amount when none is entered."""

    description: str
    amount_cents: int | None
    refund: bool = False
    option_id: int | None = None


def _priced_offer(session: Session, case: Case, role: Role, offer: Offer, what: str) -> tuple[str, int | None, str]:
    """The offer's text, amount and kind, checked (``_check_offer``) and within the staff member's limit."""
    option = _catalog_entry(session, offer.option_id, offered=True)
    amount = checked_cents(offer.amount_cents)
    if option is None:
        text, kind, cap = _text(offer.description, what, DESCRIPTION_LIMIT), _offer_kind(offer.refund), None
    else:
        text = _text(offer.description, what, DESCRIPTION_LIMIT, required=False) or option.title
        kind, cap = option.kind, catalog_cap(option, case.amount_cents)
        amount = catalog_amount(option, case.amount_cents) if amount is None else amount
    _check_offer(text, amount, kind, case, from_catalog=option is not None)
    _check_limit(session, role, amount, "offer", case.currency, text=text, cap_cents=cap)
    return text, amount, kind


def counter_offer(
    engine: Engine,
    actor: StaffActor,
    case_id: int,
    expected_version: int,
    description: str,
    amount_cents: int | None,
    *,
    refund: bool = False,
    option_id: int | None = None,
) -> Outcome:
    """Offer something else instead of the pending proposal; the customer decides next.

    ``refund``: the offer is money back; any other offer needs the customer's explicit agreement. It needs an
    amount unless it is a catalog remedy (``option_id``) that is not money."""
    with write_session(engine) as session:
        case, role = _staff_case(session, actor, case_id, expected_version)
        transition(case.status, Event.COUNTER)
        proposal = _pending_proposal(session, case)
        text, amount, kind = _priced_offer(
            session, case, role, Offer(description, amount_cents, refund, option_id), "what you offer instead"
        )
        return _offer(
            session,
            case,
            actor,
            Event.COUNTER,
            RemedySource.COUNTER,
            (text, amount, kind),
            option_id,
            declined=proposal,
        )


def _offer(
    session: Session,
    case: Case,
    actor: StaffActor,
    event: Event,
    source: RemedySource,
    priced: tuple[str, int | None, str],
    option_id: int | None,
    *,
    declined: CaseRemedy | None = None,
    reason: str = "",
) -> Outcome:
    """Put a staff offer on the table (a counter-offer, an alternative with a decline, or a new offer), in place of
    the ``declined`` proposal if there is one; logged, and the customer told."""
    text, amount, kind = priced
    detail: dict[str, Any] = {"reason": reason} if reason else {}
    if declined is not None:
        declined.status = RemedyStatus.DECLINED
        session.add(declined)
        detail["proposal_id"] = declined.id
    offer = _add_remedy(
        session, case, source, text, amount, RemedyStatus.OFFERED, timeline.staff_actor(actor.id), kind, option_id
    )
    timeline.move(
        session,
        case,
        event,
        timeline.staff_actor(actor.id),
        **detail,
        remedy_id=offer.id,
        description=text,
        amount_cents=amount,
    )
    emails.queue_decision(session, case, event, description=text, amount_cents=amount, reason=reason)
    return _outcome(case, offer)


def decline_with_alternative(
    engine: Engine,
    actor: StaffActor,
    case_id: int,
    expected_version: int,
    reason: str,
    alternative_description: str,
    alternative_amount_cents: int | None,
    *,
    refund: bool = False,
    option_id: int | None = None,
) -> Outcome:
    """Decline the proposal, say why, and offer an alternative: a decline is never a dead end."""
    why = _text(reason, "why we can't do what was proposed", REASON_LIMIT)
    alternative = Offer(alternative_description, alternative_amount_cents, refund, option_id)
    with write_session(engine) as session:
        case, role = _staff_case(session, actor, case_id, expected_version)
        transition(case.status, Event.DECLINE_WITH_ALTERNATIVE)
        proposal = _pending_proposal(session, case)
        text, amount, kind = _priced_offer(
            session, case, role, alternative, "the alternative you offer (a decline always comes with one)"
        )
        return _offer(
            session,
            case,
            actor,
            Event.DECLINE_WITH_ALTERNATIVE,
            RemedySource.ALTERNATIVE,
            (text, amount, kind),
            option_id,
            declined=proposal,
            reason=why,
        )


def mark_fulfilled(engine: Engine, actor: StaffActor, case_id: int, expected_version: int) -> Outcome:
    """The agreed remedy was delivered: the case is fulfilled and a check-in becomes due."""
    with write_session(engine) as session:
        case, _role = _staff_case(session, actor, case_id, expected_version)
        transition(case.status, Event.MARK_FULFILLED)
        case.fulfilled_at = utcnow()
        case.sla_due_at = None  # resolved: no clock runs (a reopening starts a new one)
        follow_up = _after_fulfilment(session, case)
        timeline.move(session, case, Event.MARK_FULFILLED, timeline.staff_actor(actor.id), **follow_up)
        return _outcome(case)


def _after_fulfilment(session: Session, case: Case) -> dict[str, Any]:
    """What follows a delivered remedy, in this same transaction so a fulfilled case can never miss
    its check-in: the check-in is scheduled (portal.recovery.followup; the worker emails it when due) and the
    customer is told the remedy is done. Returns what the timeline logs.
    """
    assert case.fulfilled_at is not None
    checkin = followup.schedule_checkin(session, case)
    emails.queue_fulfilled(session, case, checkin.due_at)
    due: date = checkin.due_at.date()
    return {"checkin_due": due.isoformat()}


def assign_owner(engine: Engine, actor: StaffActor, case_id: int, expected_version: int, owner_id: int) -> Outcome:
    """Make one staff member the case's owner: the name the customer sees as their contact."""
    with write_session(engine) as session:
        owner = session.get(StaffMember, owner_id)
        if owner is None or not owner.is_active:
            raise ValueError("Please choose an active staff member as the owner.")
        current = session.get(Case, case_id)
        if current is not None and current.version == expected_version and current.owner_id == owner_id:
            role_now(session, actor)
            return _outcome(current)  # already theirs: nothing changes, nobody else's page goes stale
        case, _role = _staff_case(session, actor, case_id, expected_version)
        previous = case.owner_id
        case.owner_id = owner.id
        case.updated_at = utcnow()
        session.add(case)
        timeline.record(
            session,
            case,
            timeline.Kind.OWNER_ASSIGNED,
            timeline.staff_actor(actor.id),
            owner_id=owner.id,
            owner_name=owner.name,
            previous_owner_id=previous,
        )
        return _outcome(case)


def staff_offer(
    engine: Engine,
    actor: StaffActor,
    case_id: int,
    expected_version: int,
    description: str,
    amount_cents: int | None,
    *,
    refund: bool = False,
    option_id: int | None = None,
) -> Outcome:
    """On a reopened case: offer something new; the customer accepts it or proposes again."""
    with write_session(engine) as session:
        case, role = _staff_case(session, actor, case_id, expected_version)
        transition(case.status, Event.STAFF_OFFER)
        text, amount, kind = _priced_offer(
            session, case, role, Offer(description, amount_cents, refund, option_id), "what you offer"
        )
        return _offer(session, case, actor, Event.STAFF_OFFER, RemedySource.OFFER, (text, amount, kind), option_id)


def staff_agree(
    engine: Engine, actor: StaffActor, case_id: int, expected_version: int, description: str, amount_cents: int | None
) -> Outcome:
    """On a reopened case: agree to what the customer asked for; the case is accepted again. As with an approval,
    an agent enters the amount and their limit applies to it; the words may name no larger sum."""
    text = _text(description, "what you agreed with the customer", DESCRIPTION_LIMIT)
    amount = checked_cents(amount_cents)
    with write_session(engine) as session:
        case, role = _staff_case(session, actor, case_id, expected_version)
        transition(case.status, Event.STAFF_AGREE)
        _check_words(text, amount, case.currency)
        _check_limit(session, role, amount, "approve", case.currency, text=text)
        agreed = _add_remedy(
            session, case, RemedySource.PROPOSAL, text, amount, RemedyStatus.APPROVED, timeline.staff_actor(actor.id)
        )
        timeline.move(
            session,
            case,
            Event.STAFF_AGREE,
            timeline.staff_actor(actor.id),
            remedy_id=agreed.id,
            description=text,
            amount_cents=amount,
        )
        emails.queue_decision(session, case, Event.STAFF_AGREE, description=text, amount_cents=amount)
        return _outcome(case, agreed)


# --- notes and lessons: no version, they never change what the customer was promised ------------------------


def add_note(engine: Engine, actor: StaffActor, case_id: int, body: str) -> CaseNote:
    """An internal note (never shown to the customer). A double click does not make two notes."""
    text = _text(body, "a note", NOTE_LIMIT)
    with write_session(engine) as session:
        role_now(session, actor)
        case = session.get(Case, case_id)
        if case is None:
            raise LookupError(f"No case {case_id}.")
        last = session.exec(
            select(CaseNote)
            .where(CaseNote.case_id == case_id, CaseNote.author_id == actor.id)
            .order_by(col(CaseNote.id).desc())
        ).first()
        if last is not None and last.body == text and utcnow() - _aware(last.created_at) < NOTE_REPEAT_WINDOW:
            return last
        _mark_first_response(session, case_id)
        note = CaseNote(case_id=case_id, author_id=actor.id, body=text)
        session.add(note)
        session.flush()
        timeline.record(session, case, timeline.Kind.NOTE_ADDED, timeline.staff_actor(actor.id), note_id=note.id)
        return note


def record_lesson(engine: Engine, actor: StaffActor, case_id: int, root_cause: str, what_we_change: str) -> Lesson:
    """What this case teaches: one lesson per case, which anyone may refine later. It names no person."""
    if root_cause not in ROOT_CAUSES:
        raise ValueError(f"Please choose a root cause: {', '.join(ROOT_CAUSES)}.")
    change = _text(what_we_change, "what we change", LESSON_LIMIT)
    try:
        return _save_lesson(engine, actor, case_id, root_cause, change)
    except IntegrityError:
        # Two people saved the first lesson at the same moment: the other one exists now, so update it.
        return _save_lesson(engine, actor, case_id, root_cause, change)


def _save_lesson(engine: Engine, actor: StaffActor, case_id: int, root_cause: str, change: str) -> Lesson:
    with write_session(engine) as session:
        role_now(session, actor)
        case = session.get(Case, case_id)
        if case is None:
            raise LookupError(f"No case {case_id}.")
        _mark_first_response(session, case_id)
        lesson = session.exec(select(Lesson).where(Lesson.case_id == case_id)).first()
        kind = timeline.Kind.LESSON_UPDATED if lesson else timeline.Kind.LESSON_RECORDED
        if lesson is None:
            lesson = Lesson(case_id=case_id, root_cause=root_cause, what_we_change=change, recorded_by_id=actor.id)
        lesson.root_cause, lesson.what_we_change = root_cause, change
        lesson.recorded_by_id, lesson.updated_at = actor.id, utcnow()
        session.add(lesson)
        session.flush()
        timeline.record(session, case, kind, timeline.staff_actor(actor.id), root_cause=root_cause)
        return lesson


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# --- the customer's answer to a staff offer -----------------------------------------------------------------


def customer_accept_offer(engine: Engine, case_id: int, expected_version: int, consent_text: str = "") -> Outcome:
    """The customer takes the offer on the table (counter-offer, alternative or new offer).

    ``consent_text`` is the agreement they ticked, word for word: an offer that is not money back
    is refused without it (``portal.recovery.remedies.ConsentRequired``) and stored with it and the time.
    """
    with write_session(engine) as session:
        case = timeline.claim(session, case_id, expected_version)
        transition(case.status, Event.CUSTOMER_ACCEPT)
        offered = _remedies(session, case_id, RemedyStatus.OFFERED)
        if not offered:
            raise ValueError("There is no offer on this case to accept.")
        chosen, *older = offered
        consent = consent_to_store(chosen.kind, chosen.source, consent_text)
        if consent is not None:
            chosen.consent_text, chosen.consented_at = consent, utcnow()
        chosen.status = RemedyStatus.ACCEPTED
        for row in older:
            row.status = RemedyStatus.SUPERSEDED
        session.add_all(offered)
        timeline.move(
            session,
            case,
            Event.CUSTOMER_ACCEPT,
            timeline.CUSTOMER,
            remedy_id=chosen.id,
            description=chosen.description,
            amount_cents=chosen.amount_cents,
            consent=consent,
        )
        return _outcome(case, chosen)


def customer_propose(
    engine: Engine, case_id: int, expected_version: int, text: str, amount_cents: int | None
) -> Outcome:
    """The customer answers an offer with a proposal of their own: accepted at once within the
    auto-approve limit, otherwise it waits for staff."""
    proposal_text = _text(text, "what would put this right for you", DESCRIPTION_LIMIT)
    amount = checked_cents(amount_cents)
    with write_session(engine) as session:
        case = timeline.claim(session, case_id, expected_version)
        business = current_business(session)
        policy = AutoPolicy.of(business)
        customer = session.get(Customer, case.customer_id)
        hold_claims(session, customer.email if customer else "", case.order_ref)
        history = claim_history(
            session,
            customer.email if customer else "",
            case.order_ref,
            until=utcnow(),
            window_days=policy.window_days,
            not_case=case.id,
        )
        decision = judge_history(
            judge_proposal(
                amount, business.auto_approve_limit_cents, text=proposal_text, order_cents=case.amount_cents
            ),
            amount,
            policy,
            history.by(),
        )
        event = Event.CUSTOMER_PROPOSE_AUTO if decision.auto_accept else Event.CUSTOMER_PROPOSE
        transition(case.status, event)
        outstanding = _remedies(session, case_id, RemedyStatus.OFFERED) + _remedies(
            session, case_id, RemedyStatus.PENDING
        )
        for row in outstanding:
            row.status = RemedyStatus.SUPERSEDED
        session.add_all(outstanding)
        proposal = _add_remedy(
            session,
            case,
            RemedySource.PROPOSAL,
            proposal_text,
            amount,
            RemedyStatus.ACCEPTED if decision.auto_accept else RemedyStatus.PENDING,
            timeline.CUSTOMER,
        )
        timeline.move(
            session,
            case,
            event,
            timeline.CUSTOMER,
            remedy_id=proposal.id,
            description=proposal_text,
            amount_cents=amount,
            reason=decision.reason,
        )
        return _outcome(case, proposal)
