"""Customer-side services: turning a finished conversation into a case, and showing it back.

Each function is one transaction. ``submit_case`` is idempotent on the draft's
submission key (and on the invite): a rerun, a double click or a second tab
returns the case that already exists instead of creating another.
"""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from db.engine import read_session, write_session
from db.models import Business, Case, CaseRemedy, ConversationRound, Customer, Invite, RemedyOption, StaffMember, utcnow
from portal.business import current_business
from portal.config import get_settings
from portal.conversation import apologise_more
from portal.delivery import emails
from portal.entry import intake, links
from portal.entry.tokens import Purpose
from portal.recovery import drafts, evidence, sla, timeline
from portal.recovery.catalog_text import Words, accepted_words, option_text
from portal.recovery.claim_history import claim_history, hold_claims
from portal.recovery.journey import Draft, confirmed_paraphrase
from portal.recovery.money import checked_cents
from portal.recovery.remedies import (
    AutoPolicy,
    ProposalDecision,
    RemedyKind,
    RemedyShelf,
    RemedySource,
    RemedyStatus,
    catalog_amount,
    consent_to_store,
    fits,
    judge_catalog,
    judge_history,
    judge_proposal,
    offers_for,
)
from portal.recovery.rounds import agreed_rounds
from portal.recovery.states import Event, Status, transition
from portal.stored import stored_id
from portal.text import clean
from portal.writes import Kept, Watch

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


class SubmissionRejected(ValueError):
    """The chosen remedy or link is not acceptable (stale catalog, expired invite)."""

    @property
    def link_lapsed(self) -> bool:
        """The invite itself no longer opens a case (it expired, or was never one): nothing else to choose helps."""
        return self.args[:1] in (("expired_link",), ("unknown_link",))


@dataclass(frozen=True)
class RemedyChoice:
    """What the customer picked: a catalog offer, or their own proposal; plus a gift.

    ``consent_text`` is the agreement the customer ticked, word for word, for a catalog offer that
    is not money back (``portal.recovery.remedies.needs_consent``); without it such a choice is refused.
    ``proposal_kind`` is "refund" when the proposal is the refund of what they paid that the page
    offers where the catalog has none (``portal.recovery.remedies.needs_generic_refund``).
    """

    option_id: int | None = None
    proposal_text: str = ""
    proposal_amount_cents: int | None = None
    gift_option_id: int | None = None
    consent_text: str = ""
    proposal_kind: str = RemedyKind.OTHER

    def __post_init__(self) -> None:
        checked_cents(self.proposal_amount_cents)  # AmountOutOfRange: the page says the range before it gets here


@dataclass(frozen=True)
class Receipt:
    """How to reach the case: its private link (``token``, and ``link``, what opening it resolves to) and, for a case
    this call wrote, ``view``: the case as its customer sees it, read by the transaction that wrote it (None when
    another commit may have changed it meanwhile). The page that submitted shows the case from these, asking the
    database nothing more."""

    case_id: int
    reference: str
    status: Status
    token: str
    created: bool
    link: links.ResolvedLink
    view: Kept[CaseView] | None = None


Chosen = tuple[CaseRemedy, RemedyOption | None]
"""A remedy row a submission writes, with the catalog entry it was chosen from (None: the customer's proposal)."""


def new_reference() -> str:
    return "AM-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def _valid_invite(session: Session, invite_token: str | None) -> Invite | None:
    if not invite_token:
        return None
    found = links.find_invite(session, invite_token)
    if found is None:
        raise SubmissionRejected("unknown_link")
    row, invite = found
    if row.expires_at <= utcnow():
        raise SubmissionRejected("expired_link")
    return invite


def _case_link(session: Session, case: Case) -> tuple[str, links.ResolvedLink]:
    """A new private link to ``case``: its token, and what it resolves to while valid."""
    now, lifetime = utcnow(), timedelta(days=get_settings().case_link_days)
    token = links.issue(session, Purpose.CASE, lifetime, case_id=case.id, now=now)
    return token, links.ResolvedLink(links.LinkState.VALID, Purpose.CASE, case.id, None, now + lifetime)


def _existing(session: Session, draft: Draft, invite: Invite | None) -> Case | None:
    case = session.exec(select(Case).where(Case.submission_key == draft.submission_key)).first()
    if case is None and invite is not None and invite.case_id is not None:
        case = session.get(Case, invite.case_id)
    return case


def _chosen_remedy(
    session: Session, draft: Draft, choice: RemedyChoice, business: Business
) -> tuple[ProposalDecision, Chosen]:
    """The customer's choice as a remedy row: agreed at once only within the limits (``portal.recovery.remedies``), the
    customer's and the order's history included; otherwise pending, for staff. ``CaseRemedy.case_id`` is set later."""
    option: RemedyOption | None = None
    order_cents = draft.amount_cents
    if choice.option_id is not None:
        catalog = session.exec(select(RemedyOption).where(RemedyOption.is_active == True)).all()  # noqa: E712
        offered = offers_for(draft.category, catalog, refund_always_offered=business.refund_always_offered)
        option = next((o for o in offered if o.id == choice.option_id), None)
        if option is None:
            raise SubmissionRejected("remedy_unavailable")
        consent = consent_to_store(option.kind, RemedySource.CATALOG, choice.consent_text)  # ConsentRequired without it
        amount = catalog_amount(option, order_cents)
        decision = judge_catalog(option, order_cents, business.auto_approve_limit_cents)
        remedy = CaseRemedy(
            case_id=0,
            option_id=option.id,
            source=RemedySource.CATALOG,
            kind=option.kind,
            description=option.title,
            amount_cents=amount,
            status=RemedyStatus.PENDING,
            consent_text=consent,
            consented_at=utcnow() if consent else None,
        )
        value = amount  # what the customer is given: a repair or a redo is no money in hand (its cap is judged above)
    else:
        text = clean(choice.proposal_text)
        if not text:
            raise SubmissionRejected("no_remedy")
        if choice.proposal_kind not in (RemedyKind.OTHER, RemedyKind.REFUND):
            raise SubmissionRejected("no_remedy")
        decision = judge_proposal(
            choice.proposal_amount_cents, business.auto_approve_limit_cents, text=text, order_cents=order_cents
        )
        remedy = CaseRemedy(
            case_id=0,
            source=RemedySource.PROPOSAL,
            kind=choice.proposal_kind,
            description=text,
            amount_cents=choice.proposal_amount_cents,
            status=RemedyStatus.PENDING,
        )
        value = choice.proposal_amount_cents
    policy = AutoPolicy.of(business)
    hold_claims(session, draft.email_normalized, clean(draft.form.order_ref))
    history = claim_history(
        session, draft.email_normalized, clean(draft.form.order_ref), until=utcnow(), window_days=policy.window_days
    )
    decision = judge_history(decision, value, policy, history.by())
    remedy.status = (
        RemedyStatus.ACCEPTED if decision.auto_accept else RemedyStatus.PENDING
    )  # PENDING above until the history is judged
    return decision, (remedy, option)


def _gift(session: Session, draft: Draft, choice: RemedyChoice) -> Chosen | None:
    if choice.gift_option_id is None:
        return None
    option = session.get(RemedyOption, choice.gift_option_id)
    if option is None or not option.is_active or not option.is_gift or not fits(option, draft.category):
        raise SubmissionRejected("remedy_unavailable")
    return CaseRemedy(
        case_id=0,
        option_id=option.id,
        source=RemedySource.GIFT,
        kind=RemedyKind.GIFT,
        description=option.title,
        amount_cents=option.value_cents,
        status=RemedyStatus.ACCEPTED,
    ), option


SUBMIT_ATTEMPTS = 3


def submit_case(
    engine: Engine,
    draft: Draft,
    choice: RemedyChoice,
    *,
    invite_token: str | None = None,
    source: str = "",
    trusted_caller: str | None = None,
) -> Receipt:
    """Write the whole conversation as one case, in one transaction; return how to reach it.

    Without an invite the draft came from the public link: its email must have been confirmed for
    this draft (``portal.entry.intake``) and the hourly limits per address (``source``, the client key) and
    per email must allow another case; otherwise ``intake.IntakeRefused`` is raised and logged.
    ``trusted_caller`` is for code that is not a customer on the public link and vouches for the
    address itself (a benchmark, a test fixture, an import): it names itself and skips those checks.
    The customer page never passes it.
    """
    paraphrase_text = confirmed_paraphrase(draft)
    drafts.flush()  # the conversation's last save lands first, and the case's transaction deletes it
    public = not invite_token and trusted_caller is None
    for _attempt in range(SUBMIT_ATTEMPTS):
        try:
            return _submit_once(engine, draft, choice, invite_token, paraphrase_text, source if public else None)
        except intake.IntakeRefused as refusal:
            intake.record_refusal(engine, refusal, source, draft.email_normalized)
            raise
        except IntegrityError:
            # Either a concurrent submit of the same draft or invite won the race (hand back its case),
            # or two new cases drew the same reference (nothing of ours exists: draw again).
            with write_session(engine) as session:
                existing = _existing(session, draft, _valid_invite(session, invite_token))
                if existing is not None:
                    return _receipt(session, existing, created=False)
    raise RuntimeError("Could not store the case after several attempts.")


def _receipt(session: Session, case: Case, *, created: bool) -> Receipt:
    token, link = _case_link(session, case)
    return Receipt(stored_id(case), case.reference, Status(case.status), token, created, link)


def _submit_once(
    engine: Engine,
    draft: Draft,
    choice: RemedyChoice,
    invite_token: str | None,
    paraphrase_text: str,
    public_source: str | None,
) -> Receipt:
    """``public_source`` is the client key of a public-link submission (None: invite or trusted caller)."""
    mark = CASE_WRITES.mark()  # before the transaction reads anything its view of the case shows
    with write_session(engine) as session:
        # Locks the invite row (PostgreSQL) so two tabs using one invite cannot both open a case.
        invite = _valid_invite(session, invite_token)
        existing = _existing(session, draft, invite)
        if existing is not None:
            return _receipt(session, existing, created=False)
        if public_source is not None:
            intake.admit_public_case(session, draft.submission_key, draft.email_normalized, public_source, utcnow())
        business = current_business(session)
        decision, (remedy, option) = _chosen_remedy(session, draft, choice, business)
        event = Event.OPEN_ACCEPTED if decision.auto_accept else Event.OPEN_PROPOSED
        gift = _gift(session, draft, choice)
        case, customer, rounds = _insert_case(session, draft, business, paraphrase_text, event, invite)
        evidence.attach(session, draft.submission_key, stored_id(case))  # photos and PDFs
        drafts.discard(session, draft.submission_key)
        chosen = [(remedy, option), *([gift] if gift else [])]
        for row, _entry in chosen:
            row.case_id = stored_id(case)
            row.category = case.category  # the Insights page adds remedies up by their case's category
            session.add(row)
        _log_opening(session, case, draft, event, remedy, gift[0] if gift else None, decision.reason)
        receipt = _receipt(session, case, created=True)
        # In this transaction: no case, no email. The rows it holds are not read again.
        emails.queue_case_received(session, case, receipt.token, business=business, customer=customer)
        owner = session.get(StaffMember, case.owner_id) if case.owner_id else None  # nobody owns a new case yet
    # The customer's view of the case from the rows as committed (their ids included), built once the transaction
    # has let go of its locks (on SQLite, the whole store's).
    more = agreed_rounds(sorted((r for r in rounds if r.topic > 0), key=lambda r: (r.topic, r.round_no)))
    view = _view(case, customer, owner, business, sorted(chosen, key=lambda c: c[0].id or 0), more)
    return dataclasses.replace(receipt, view=CASE_WRITES.kept_by_writer(view, mark))


def _insert_case(
    session: Session, draft: Draft, business: Business, paraphrase_text: str, event: Event, invite: Invite | None
) -> tuple[Case, Customer, list[ConversationRound]]:
    """The case, its customer and its conversation rounds, added to the transaction (and returned: the session
    holds its rows only weakly, and the email and the receipt's view of the case read them)."""
    form = draft.form
    customer = Customer(name=clean(form.name), email=draft.email_normalized, language=draft.language)
    session.add(customer)
    session.flush()
    # A reference drawn twice (one in 10^9 per pair of cases) fails on its unique index: submit_case draws again.
    case = Case(
        reference=new_reference(),
        customer_id=stored_id(customer),
        status=str(transition(None, event)),
        category=draft.category,
        tone=draft.tone,
        language=draft.language,
        story=clean(form.story),
        bothered_most=clean(form.bothered_most),
        confirmed_paraphrase=paraphrase_text,
        order_ref=clean(form.order_ref),
        incident_date=form.incident_date,
        amount_cents=draft.amount_cents,
        currency=business.currency,
        submission_key=draft.submission_key,
    )
    sla.clocks_on_open(session, case, case.created_at, business)  # its response and resolution deadlines
    session.add(case)
    session.flush()
    rounds = [
        ConversationRound(
            case_id=stored_id(case),
            topic=r.topic,
            round_no=r.round_no,
            customer_text=r.customer_text,
            paraphrase=r.paraphrase,
            answer=str(r.answer or "unanswered"),
        )
        for r in draft.rounds
    ]
    session.add_all(rounds)
    if invite is not None:
        invite.case_id = case.id
        session.add(invite)
    return case, customer, rounds


def _log_opening(
    session: Session, case: Case, draft: Draft, event: Event, remedy: CaseRemedy, gift: CaseRemedy | None, reason: str
) -> None:
    """The opening in the audit log, with why the remedy was agreed at once or waits for staff (``reason``)."""
    logged = timeline.record(
        session,
        case,
        event,
        timeline.CUSTOMER,
        category=case.category,
        tone=case.tone,
        paraphrase_rounds=len(draft.rounds),
        more_items=len(draft.more_items),
    )
    logged.to_status = case.status
    kind = timeline.Kind.REMEDY_ACCEPTED if remedy.status == RemedyStatus.ACCEPTED else timeline.Kind.PROPOSAL_SUBMITTED
    timeline.record(
        session,
        case,
        kind,
        timeline.CUSTOMER,
        description=remedy.description,
        amount_cents=remedy.amount_cents,
        source=remedy.source,
        remedy_kind=remedy.kind,
        consent=remedy.consent_text,
        reason=reason,
    )
    if gift is not None:
        timeline.record(session, case, timeline.Kind.GIFT_ADDED, timeline.CUSTOMER, description=gift.description)


@dataclass(frozen=True)
class RemedyLine:
    id: int
    source: str
    kind: str
    description: str
    amount_cents: int | None
    status: str
    consent_text: str | None = None  # what the customer agreed to, word for word (remedies.needs_consent)
    # The words of the catalog entry it was chosen from, in every language (None: a proposal or a staff offer, in
    # the words of whoever wrote it, or an entry reworded since, which the case keeps as it was accepted).
    entry: Words | None = None

    def text(self, language: str) -> str:
        """What the customer reads: a catalog entry's title in ``language``, else the description as written."""
        return option_text(self.entry, language)[0] if self.entry is not None else self.description


@dataclass(frozen=True)
class CaseView(RemedyShelf["RemedyLine"]):
    """Everything the customer's own case page shows, and nothing about anyone else."""

    id: int
    reference: str
    status: Status
    version: int
    category: str
    language: str
    created_at: datetime
    confirmed_paraphrase: str
    customer_name: str
    currency: str
    remedies: list[RemedyLine]
    business_name: str
    owner_name: str
    owner_role: str
    owner_email: str
    owner_phone: str
    fulfilled_at: datetime | None
    followup_due: date | None
    more_apologies: tuple[str, ...] = ()
    """An apology for each thing the customer added under "anything else?", in the case's language."""


# What the customer's case page shows comes from these tables (the business's owner is the contact of a case
# nobody owns; a remedy from the catalog is named in the customer's language there).
CASE_WRITES = Watch("case", Case, CaseRemedy, Customer, StaffMember, Business, RemedyOption)


def current_customer_view(
    kept: Kept[CaseView] | None, engine: Engine, case_id: int, business: Business | None = None
) -> Kept[CaseView]:
    """``kept`` while it is still the case as it stands, else ``customer_view`` read again: the case page reruns
    on every click and field change, and reads the database only after a change (portal/writes.py)."""
    if kept is not None and kept.value.id == case_id and kept.current():
        return kept
    return CASE_WRITES.keep(lambda: customer_view(engine, case_id, business))


def customer_view(engine: Engine, case_id: int, business: Business | None = None) -> CaseView:
    """The case as its customer sees it now. The page reruns on every click, so this is two queries: the
    case with its customer and owner, and its remedies (``business``: the caller's cached row, if it has one)."""
    with read_session(engine) as session:
        found = session.exec(
            select(Case, Customer, StaffMember)
            .outerjoin(Customer, col(Customer.id) == Case.customer_id)
            .outerjoin(StaffMember, col(StaffMember.id) == Case.owner_id)
            .where(Case.id == case_id)
        ).first()
        if found is None:
            raise LookupError(case_id)
        case, customer, owner = found
        business = business or current_business(session)
        remedies = session.exec(
            select(CaseRemedy, RemedyOption)
            .outerjoin(RemedyOption, col(RemedyOption.id) == CaseRemedy.option_id)
            .where(col(CaseRemedy.case_id) == case_id)
            .order_by(col(CaseRemedy.id))
        ).all()
        more = agreed_rounds(
            session.exec(
                select(ConversationRound)
                .where(ConversationRound.case_id == case_id, col(ConversationRound.topic) > 0)
                .order_by(col(ConversationRound.topic), col(ConversationRound.round_no))
            )
        )
    return _view(case, customer, owner, business, remedies, more)


def _view(
    case: Case,
    customer: Customer | None,
    owner: StaffMember | None,
    business: Business,
    remedies: Sequence[tuple[CaseRemedy, RemedyOption | None]],
    more: dict[int, ConversationRound],
) -> CaseView:
    """The customer's view of ``case`` from its rows: ``remedies`` in the order they were written, with the catalog
    entry each came from; ``more``, the round the customer agreed with for each thing they added
    (``rounds.agreed_rounds``)."""
    followup = (case.fulfilled_at + timedelta(days=business.followup_delay_days)).date() if case.fulfilled_at else None
    return CaseView(
        id=stored_id(case),
        reference=case.reference,
        status=Status(case.status),
        version=case.version,
        category=case.category,
        language=case.language,
        created_at=case.created_at,
        confirmed_paraphrase=case.confirmed_paraphrase,
        customer_name=customer.name if customer else "",
        currency=case.currency,
        remedies=[
            RemedyLine(
                stored_id(r),
                r.source,
                r.kind,
                r.description,
                r.amount_cents,
                r.status,
                r.consent_text,
                accepted_words(r.description, option),
            )
            for r, option in remedies
        ],
        business_name=business.name,
        owner_name=owner.name if owner else business.owner_name,
        owner_role=owner.title if owner else business.owner_role,
        owner_email=owner.email if owner else business.owner_email,
        owner_phone=business.owner_phone,
        fulfilled_at=case.fulfilled_at,
        followup_due=followup,
        more_apologies=tuple(apologise_more(more[topic].customer_text, case.language) for topic in sorted(more)),
    )
