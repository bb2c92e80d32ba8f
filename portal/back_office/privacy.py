"""A customer's personal data: finding it, exporting it (JSON) and erasing it, on request or by retention.

Who "the customer" is: the portal makes one ``Customer`` record per case, so one person with
three cases has three records under one email address. A manager's request (export or erase)
covers every record with that address (ignoring case), every case of those records, the invites
prepared for the address or used for those cases, and every email about them.

Erasure blanks personal data where it lives and keeps the anonymised case for statistics:
category, tone, language, status, dates, amounts, remedy kinds/amounts/statuses, check-in
scores, lessons (about the business; ``what_we_change`` is staff text about how we work) and
the timeline (its events stay, their personal text is scrubbed). What is blanked, table by
table, is ``ERASURE_STEPS``: one small function per table, all run in one transaction.
Decisions (documented here so nobody has to guess):

* Free-text remedies are erased whoever wrote them (customer proposals, and staff counter-offers,
  alternatives and offers: they are written to this customer about their story and often quote
  it). Catalog and gift remedies keep their description: it is the catalog's own title.
* Internal notes are erased: staff notes quote customers and name them.
* Emails about the customer's cases are blanked (address, subject, bodies), including the
  "reopened" alert to staff (it names the customer); unsent ones are marked failed so the worker
  never sends them. The customer's links (case, check-in, invite) are deleted, so an old link
  shows the ordinary "we couldn't find this link" page.
* Conversations not sent yet (portal.recovery.drafts) at the customer's address, or started from their invites,
  are deleted.
* Timeline details keep numbers, ids and a few known non-personal words (``SAFE_DETAIL_KEYS``);
  every other text in them (remedy descriptions, reasons, check-in comments, addresses, SMTP
  errors) becomes ``ERASED``.

Every erasure writes a ``personal_data_erased`` event on each case (who, why; no personal data).
A case that was not closed yet is then withdrawn (status ``withdrawn``, its own timeline entry): with
no customer left to email, check in with or put it right with, it leaves the queue's default view and
its SLA clock stops; its figures stay for the statistics.
Erasing again is harmless: it blanks whatever was added since (a note written after the
erasure, say) and logs the request again. Text staff add to a case after its erasure is not
erased until the next erasure.

Retention (``erase_expired``, run by the worker): with ``Business.retention_months`` set, a
case whose status is settled (closed, or fulfilled with nobody answering the check-in) and
whose last activity (``updated_at`` and every timeline event) is older than that many months
is erased, with actor "system". An open case is never erased by retention: it is still
somebody's job. A customer record is erased once all its cases are. Invites never used for a
case are erased by retention too, once they are that old.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Delete,
    Engine,
    Update,
    and_,
    bindparam,
    delete,
    func,
    insert,
    literal,
    or_,
    update,
)
from sqlalchemy import case as sql_case
from sqlalchemy.sql.dml import UpdateBase
from sqlmodel import Session, col, select

from db.engine import is_postgres, read_session, write_session
from db.models import (
    AccessToken,
    Business,
    Case,
    CaseEvent,
    CaseNote,
    CaseRemedy,
    CheckIn,
    ConversationDraft,
    ConversationRound,
    Customer,
    EmailVerification,
    IntakeAttempt,
    Invite,
    OutboxMessage,
    utcnow,
)
from portal.back_office.staff import StaffActor, require_manager
from portal.business import current_business
from portal.delivery import webhook_events
from portal.delivery.outbox import MessageStatus, hide_private_links
from portal.recovery import drafts, evidence, timeline
from portal.recovery.remedies import OPEN_STATUSES, RemedyStatus
from portal.recovery.states import ENDED, Event, Status, transition
from portal.stored import stored_id
from portal.text import clean

ERASED = "[erased]"
EVENT_ERASED = timeline.Kind.PERSONAL_DATA_ERASED
EVENT_EXPORTED = timeline.Kind.CUSTOMER_DATA_EXPORTED
REASON_LIMIT = 500
RETENTION_MAX_MONTHS = 120
CANCELLED_NOTE = "Not sent: the customer's personal data was erased."
EXPORT_FORMAT = "amends-customer-export/1"

# Cases retention may erase: the business has done its part and nobody is waiting on anyone.
SETTLED_STATUSES: tuple[str, ...] = (str(Status.CLOSED), str(Status.FULFILLED))
# Timeline detail keys whose text is about the case, never about the person: they survive erasure.
SAFE_DETAIL_KEYS = frozenset(
    {
        "category",
        "tone",
        "source",
        "status",
        "root_cause",
        "email_kind",
        "language",
        "owner_name",
        "outcome",
        "kind",
        "emailed",
    }
)
# Our own audit entries carry no personal data (the page asks for a reason without names): never scrubbed.
_OWN_EVENTS = (EVENT_ERASED, EVENT_EXPORTED)
RETENTION_BATCH = 100  # cases per transaction
RETENTION_LIMIT = 1000  # cases per call: a first run on a large store finishes over a few worker passes


MANAGERS_ONLY = "Only managers can export or erase a customer's personal data."


# --- finding a customer ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseSummary:
    id: int
    reference: str
    created_at: datetime
    status: str
    erased_at: datetime | None


@dataclass(frozen=True)
class CustomerRecord:
    """One person as the portal knows them: every customer record with one email address, and their cases."""

    customer_id: int  # any of ``customer_ids``: export_customer and erase_customer take it
    customer_ids: tuple[int, ...]
    name: str
    email: str
    cases: list[CaseSummary]
    erased_at: datetime | None  # when every record was erased; None while anything is left

    @property
    def erased(self) -> bool:
        return self.erased_at is not None

    @property
    def unsettled(self) -> list[str]:
        """References of the cases an erasure would withdraw (``_withdrawals``)."""
        return [c.reference for c in self.cases if c.status not in ENDED]


def _same_person(session: Session, customer: Customer) -> list[Customer]:
    """``customer`` and every other record with its email address (ignoring case); erased records stand alone."""
    if not customer.email:
        return [customer]
    return list(
        session.exec(
            select(Customer).where(func.lower(Customer.email) == customer.email.lower()).order_by(col(Customer.id))
        )
    )


def _record(session: Session, people: list[Customer]) -> CustomerRecord:
    ids = tuple(c.id for c in people if c.id is not None)
    cases = session.exec(
        select(Case).where(col(Case.customer_id).in_(ids)).order_by(col(Case.created_at).desc(), col(Case.id).desc())
    ).all()
    latest = max(people, key=lambda c: (c.created_at, c.id or 0))
    erased = [c.erased_at for c in people]
    return CustomerRecord(
        customer_id=stored_id(latest),
        customer_ids=ids,
        name=latest.name,
        email=latest.email,
        cases=[CaseSummary(stored_id(c), c.reference, c.created_at, c.status, c.erased_at) for c in cases],
        erased_at=max(erased) if all(e is not None for e in erased) else None,  # type: ignore[type-var]  # all() above rules out None; mypy cannot narrow a list by it
    )


def find_customers(engine: Engine, actor: StaffActor, query: str) -> list[CustomerRecord]:
    """Text with an "@" is an email address (whole, ignoring case); anything else a case reference
    (whole, ignoring case). Erased customers are found by reference only: their address is gone."""
    words = clean(query)
    with read_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        if not words:
            return []
        if "@" in words:
            first = session.exec(
                select(Customer).where(func.lower(Customer.email) == words.lower()).order_by(col(Customer.id))
            ).first()
        else:
            case = session.exec(select(Case).where(Case.reference == words.upper())).first()
            first = session.get(Customer, case.customer_id) if case else None
        return [_record(session, _same_person(session, first))] if first is not None else []


# --- what a request covers ------------------------------------------------------------------------------------


@dataclass
class Scope:
    """What one export or erasure covers, found before anything is blanked.

    Erasure steps read these ids (never names or addresses: those are what they blank).
    ``after_commit`` is for work outside the database, such as deleting stored files: it runs
    only once the erasure's transaction has committed.
    """

    customer_ids: list[int]
    case_ids: list[int]
    invite_ids: list[int]
    message_ids: list[int]
    emails: list[str]  # the addresses erased (lower case), for tables keyed by address
    now: datetime
    cases: list[Case] = field(default_factory=list)  # as read before anything was blanked, in id order
    after_commit: list[Callable[[], None]] = field(default_factory=list)
    writes: list[UpdateBase] = field(default_factory=list)  # the steps' statements, run together (``_write_all``)


def _stored_ids(ids: Iterable[int | None]) -> set[int]:
    """Ids read back from the store: a stored row always has one (SQLModel types the column int | None)."""
    return {i for i in ids if i is not None}


def _invite_keys(invite_ids: Iterable[int]) -> list[str]:
    return [f"invite:{i}" for i in invite_ids]  # portal.delivery.emails.queue_invite's dedup key


def _scope(
    session: Session,
    customers: list[Customer],
    cases: list[Case],
    now: datetime,
    *,
    by_address: bool,
    extra_invites: Iterable[int] = (),
) -> Scope:
    """The ids a request covers. ``by_address`` (a person's request) also takes the invites and emails sent to
    the customers' addresses; retention goes by case only, since the same person's newer cases keep their data."""
    customer_ids = [c.id for c in customers if c.id is not None]
    case_ids = [c.id for c in cases if c.id is not None]
    emails = sorted({c.email.lower() for c in customers if c.email}) if by_address else []
    invite_filter = [col(Invite.case_id).in_(case_ids)] if case_ids else []
    if emails:
        invite_filter.append(func.lower(Invite.email).in_(emails))
    found = _stored_ids(session.exec(select(col(Invite.id)).where(or_(*invite_filter)))) if invite_filter else set()
    invite_ids = sorted(set(extra_invites) | found)
    message_filter = []
    if case_ids:
        message_filter.append(col(OutboxMessage.case_id).in_(case_ids))
    if invite_ids:
        message_filter.append(col(OutboxMessage.dedup_key).in_(_invite_keys(invite_ids)))
    if emails:
        message_filter.append(func.lower(OutboxMessage.to_address).in_(emails))
    message_ids = (
        sorted(_stored_ids(session.exec(select(col(OutboxMessage.id)).where(or_(*message_filter)))))
        if message_filter
        else []
    )
    return Scope(customer_ids, case_ids, invite_ids, message_ids, emails, now, cases=cases)


def _person(session: Session, customer_id: int) -> list[Customer]:
    """``_same_person`` of the customer with this id, in one query instead of two (the record, then its address):
    an erased record, with no address left, stands alone."""
    address = select(func.lower(Customer.email)).where(col(Customer.id) == customer_id).scalar_subquery()
    people = list(
        session.exec(
            select(Customer)
            .where(
                or_(
                    col(Customer.id) == customer_id,
                    and_(col(Customer.email) != "", func.lower(Customer.email) == address),
                )
            )
            .order_by(col(Customer.id))
        )
    )
    if not people:
        raise LookupError(f"No customer {customer_id}.")
    return people


def _person_scope(session: Session, customer_id: int, now: datetime, *, lock: bool) -> Scope:
    people = _person(session, customer_id)
    query = select(Case).where(col(Case.customer_id).in_([c.id for c in people])).order_by(col(Case.id))
    if lock:
        # PostgreSQL: a staff decision in flight on one of these cases waits, then finds the version moved.
        query = query.with_for_update()
    return _scope(session, people, list(session.exec(query)), now, by_address=True)


# --- export ---------------------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _row(obj: Any, names: Iterable[str]) -> dict[str, Any]:
    return {name: _plain(getattr(obj, name)) for name in names}


def _detail(text: str) -> Any:
    if not text:
        return {}
    try:
        return json.loads(text)
    except ValueError:
        return {"text": text}


def _actor_kind(actor: str) -> str:
    """ "customer", "system" or "staff": the export names no staff member by id."""
    return "staff" if actor.startswith(timeline.staff_actor(0)[:-1]) else actor


_CUSTOMER_FIELDS = ("name", "email", "language", "created_at", "erased_at")
_CASE_FIELDS = (
    "reference",
    "status",
    "category",
    "language",
    "created_at",
    "updated_at",
    "fulfilled_at",
    "closed_at",
    "erased_at",
    "incident_date",
    "amount_cents",
    "currency",
    "order_ref",
    "story",
    "bothered_most",
    "confirmed_paraphrase",
)
_ROUND_FIELDS = ("topic", "round_no", "customer_text", "paraphrase", "answer", "created_at")
_REMEDY_FIELDS = ("source", "kind", "description", "amount_cents", "status", "created_at")
_CHECKIN_FIELDS = ("due_at", "sent_at", "answered_at", "made_it_right", "recommend", "comment", "outcome")
_INVITE_FIELDS = ("customer_name", "email", "order_ref", "language", "created_at")
_EMAIL_FIELDS = ("kind", "to_address", "subject", "body_text", "status", "created_at", "sent_at")


def _by_case(rows: Iterable[Any]) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = {}
    for row in rows:
        grouped.setdefault(row.case_id, []).append(row)
    return grouped


def _export_cases(session: Session, scope: Scope) -> list[dict[str, Any]]:
    ids = scope.case_ids
    cases = session.exec(select(Case).where(col(Case.id).in_(ids)).order_by(col(Case.created_at))).all()
    rounds = _by_case(
        session.exec(
            select(ConversationRound)
            .where(col(ConversationRound.case_id).in_(ids))
            .order_by(col(ConversationRound.topic), col(ConversationRound.round_no))
        )
    )
    remedies = _by_case(
        session.exec(select(CaseRemedy).where(col(CaseRemedy.case_id).in_(ids)).order_by(col(CaseRemedy.id)))
    )
    checkins = _by_case(session.exec(select(CheckIn).where(col(CheckIn.case_id).in_(ids)).order_by(col(CheckIn.id))))
    events = _by_case(
        session.exec(select(CaseEvent).where(col(CaseEvent.case_id).in_(ids)).order_by(col(CaseEvent.id)))
    )
    notes = _by_case(session.exec(select(CaseNote).where(col(CaseNote.case_id).in_(ids)).order_by(col(CaseNote.id))))
    return [
        {
            **_row(case, _CASE_FIELDS),
            "conversation": [_row(r, _ROUND_FIELDS) for r in rounds.get(stored_id(case), [])],
            "remedies": [_row(r, _REMEDY_FIELDS) for r in remedies.get(stored_id(case), [])],
            "check_ins": [_row(c, _CHECKIN_FIELDS) for c in checkins.get(stored_id(case), [])],
            "events": [
                {
                    "at": _plain(e.at),
                    "actor": _actor_kind(e.actor),
                    "kind": e.kind,
                    "from_status": e.from_status,
                    "to_status": e.to_status,
                    "detail": _detail(e.detail),
                }
                for e in events.get(stored_id(case), [])
            ],
            "staff_notes": [{"at": _plain(n.created_at), "text": n.body} for n in notes.get(stored_id(case), [])],
        }
        for case in cases
    ]


def export_customer(
    engine: Engine, actor: StaffActor, customer_id: int, *, now: datetime | None = None
) -> dict[str, Any]:
    """Everything the portal holds about this customer (every record with their address), JSON-serialisable.

    Staff notes on their cases are included (what was written about them), without who wrote them; the emails'
    private links are not (``outbox.hide_private_links``: the manager who downloads this must not hold them);
    emails are those sent to the customer themself. Audited: a ``customer_data_exported`` event on
    each case (or one setting event when they have none).
    """
    drafts.flush()  # a conversation saved a moment ago in this process is in the export
    now = now or utcnow()
    with write_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        scope = _person_scope(session, customer_id, now, lock=False)
        customers = session.exec(
            select(Customer).where(col(Customer.id).in_(scope.customer_ids)).order_by(col(Customer.id))
        ).all()
        references = dict(session.exec(select(Case.id, Case.reference).where(col(Case.id).in_(scope.case_ids))).all())
        invites = session.exec(
            select(Invite).where(col(Invite.id).in_(scope.invite_ids)).order_by(col(Invite.id))
        ).all()
        messages = session.exec(
            select(OutboxMessage).where(col(OutboxMessage.id).in_(scope.message_ids)).order_by(col(OutboxMessage.id))
        ).all()
        business = current_business(session)
        latest = max(customers, key=lambda c: (c.created_at, c.id or 0))
        export = {
            "format": EXPORT_FORMAT,
            "exported_at": now.isoformat(),
            "business": business.name if business else "",
            "customer": _row(latest, _CUSTOMER_FIELDS),
            "customer_records": [_row(c, _CUSTOMER_FIELDS) for c in customers],
            "cases": _export_cases(session, scope),
            "invites": [{**_row(i, _INVITE_FIELDS), "case_reference": references.get(i.case_id)} for i in invites],
            "emails": [
                {
                    **_row(m, _EMAIL_FIELDS),
                    "body_text": hide_private_links(m.body_text),
                    "case_reference": references.get(m.case_id),
                }
                for m in messages
                if m.to_address and m.to_address.lower() in scope.emails
            ],
            "unfinished_conversations": [
                {"saved_at": d.updated_at.isoformat(), "conversation": json.loads(d.payload)}
                for d in session.exec(
                    select(ConversationDraft).where(_drafts_of(scope)).order_by(col(ConversationDraft.id))
                )
            ],
        }
        _audit(session, scope, EVENT_EXPORTED, timeline.staff_actor(actor.id))
    return export


def export_json(export: dict[str, Any]) -> str:
    """The export as the file a manager downloads (UTF-8, readable, every language kept as written)."""
    return json.dumps(export, ensure_ascii=False, indent=2, default=str)


# --- erasure: one small step per table ----------------------------------------------------------------------


def _blanked(model: Any, where: Any, **values: Any) -> Update:
    return update(model).where(where).values(**values).execution_options(synchronize_session=False)


def _blank(session: Session, model: Any, where: Any, **values: Any) -> None:
    session.execute(_blanked(model, where, **values))


def _deleted(model: Any, where: Any) -> Delete:
    return delete(model).where(where).execution_options(synchronize_session=False)


def _write_all(session: Session, writes: list[UpdateBase]) -> None:
    """Run these writes. PostgreSQL takes them as one statement, each a data-modifying ``WITH`` query: one round
    trip instead of one a table (under load each cost 2-10 ms, most of an erasure's time). They all see one
    snapshot, so no two may touch the same row: the steps blank a table each, and the withdrawals that change
    rows the steps blanked are a second call. SQLite runs in this process, with no round trip to save: one by one."""
    if not writes:
        return
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(literal(1)).add_cte(*(write.cte(f"write_{n}") for n, write in enumerate(writes))))
        return
    for write in writes:
        session.execute(write)


def _erase_customers(session: Session, scope: Scope) -> None:
    # The address becomes "" (not a placeholder): emails.py queues nothing without an address, and the
    # check-in job skips a customer without one. The email indexes are not unique, so "" may repeat.
    if scope.customer_ids:
        scope.writes.append(
            _blanked(Customer, col(Customer.id).in_(scope.customer_ids), name="", email="", erased_at=scope.now)
        )


def _erase_cases(session: Session, scope: Scope) -> None:
    # The version moves on, so a staff page still showing the old text cannot decide on it.
    if scope.case_ids:
        scope.writes.append(
            _blanked(
                Case,
                col(Case.id).in_(scope.case_ids),
                story=ERASED,
                bothered_most=ERASED,
                confirmed_paraphrase=ERASED,
                order_ref="",
                erased_at=scope.now,
                version=Case.version + 1,
            )
        )


def _erase_rounds(session: Session, scope: Scope) -> None:
    if scope.case_ids:
        scope.writes.append(
            _blanked(
                ConversationRound,
                col(ConversationRound.case_id).in_(scope.case_ids),
                customer_text=ERASED,
                paraphrase=ERASED,
            )
        )


def _erase_remedies(session: Session, scope: Scope) -> None:
    # Free text only (proposals, counter-offers, alternatives, offers); catalog entries keep their title. The
    # sentence the customer ticked has the remedy filled in: for a free-text remedy, that text. When they agreed
    # (consented_at) stays; a catalog remedy's sentence quotes only the catalog and stays whole.
    if not scope.case_ids:
        return
    ticked = sql_case((col(CaseRemedy.consent_text).is_(None), None), else_=ERASED)
    scope.writes.append(
        _blanked(
            CaseRemedy,
            col(CaseRemedy.case_id).in_(scope.case_ids) & col(CaseRemedy.option_id).is_(None),
            description=ERASED,
            consent_text=ticked,
        )
    )


def _erase_checkins(session: Session, scope: Scope) -> None:
    if scope.case_ids:
        scope.writes.append(
            _blanked(CheckIn, col(CheckIn.case_id).in_(scope.case_ids) & (CheckIn.comment != ""), comment=ERASED)
        )


def _erase_notes(session: Session, scope: Scope) -> None:
    if scope.case_ids:
        scope.writes.append(_blanked(CaseNote, col(CaseNote.case_id).in_(scope.case_ids), body=ERASED))


def _erase_invites(session: Session, scope: Scope) -> None:
    if scope.invite_ids:
        scope.writes.append(
            _blanked(Invite, col(Invite.id).in_(scope.invite_ids), customer_name="", email="", order_ref="")
        )


def _erase_emails(session: Session, scope: Scope) -> None:
    # One statement: an unsent email is marked failed (the worker never sends it), a sent one keeps its status.
    if not scope.message_ids:
        return
    sent = col(OutboxMessage.status) == str(MessageStatus.SENT)
    scope.writes.append(
        _blanked(
            OutboxMessage,
            col(OutboxMessage.id).in_(scope.message_ids),
            status=sql_case((sent, OutboxMessage.status), else_=str(MessageStatus.FAILED)),
            last_error=sql_case((sent, ""), else_=CANCELLED_NOTE),
            to_address="",
            subject=ERASED,
            body_text=ERASED,
            body_html="",
        )
    )


def _revoke_links(session: Session, scope: Scope) -> None:
    conditions = []
    if scope.case_ids:
        conditions.append(col(AccessToken.case_id).in_(scope.case_ids))
    if scope.invite_ids:
        conditions.append(col(AccessToken.invite_id).in_(scope.invite_ids))
    if conditions:
        scope.writes.append(_deleted(AccessToken, or_(*conditions)))


def scrub_detail(value: Any, key: str = "") -> Any:
    """A timeline detail without personal text: numbers, ids and ``SAFE_DETAIL_KEYS`` stay, other text goes."""
    if isinstance(value, dict):
        return {k: scrub_detail(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub_detail(v, key) for v in value]
    if isinstance(value, str) and value and key not in SAFE_DETAIL_KEYS:
        return ERASED
    return value


def scrubbed(detail: str) -> str:
    """A timeline entry's stored detail without its personal text (``scrub_detail``); "" stays ""."""
    if not detail:
        return detail
    try:
        parsed = json.loads(detail)
    except ValueError:
        return json.dumps({"text": ERASED})
    return json.dumps(scrub_detail(parsed), ensure_ascii=False)


def _scrub_events(session: Session, scope: Scope) -> None:
    """Events of these cases, and the case-less events about these invites and emails (invite created,
    invite email retried), found by ``CaseEvent.about``: read as (id, detail) pairs in one query, and only those
    whose text changes written back, in one batch."""
    subjects = [f"invite:{i}" for i in scope.invite_ids] + [f"message:{m}" for m in scope.message_ids]
    # Only case-less entries have ``about``: asking for "case_id IS NULL" as well led SQLite to read them all.
    mine = [
        condition
        for condition, ids in (
            (col(CaseEvent.case_id).in_(scope.case_ids), scope.case_ids),
            (col(CaseEvent.about).in_(subjects), subjects),
        )
        if ids
    ]
    if not mine:
        return
    pairs = session.execute(
        select(CaseEvent.id, CaseEvent.detail).where(or_(*mine), col(CaseEvent.kind).not_in(_OWN_EVENTS))
    )
    changed = [
        {"event_id": event_id, "scrubbed": scrubbed(detail)} for event_id, detail in pairs if scrubbed(detail) != detail
    ]
    if changed:
        session.connection().execute(
            update(CaseEvent).where(col(CaseEvent.id) == bindparam("event_id")).values(detail=bindparam("scrubbed")),
            changed,
        )


def _erase_evidence(session: Session, scope: Scope) -> None:
    evidence.delete_for_cases(session, scope.case_ids)  # the files go once this transaction commits


def _drafts_of(scope: Scope) -> Any:
    """Their conversations not sent yet (portal.recovery.drafts): by address, and those started from their invites."""
    mine = col(ConversationDraft.invite_id).in_(scope.invite_ids)
    return or_(mine, func.lower(ConversationDraft.email).in_(scope.emails)) if scope.emails else mine


def _erase_drafts(session: Session, scope: Scope) -> None:
    if scope.invite_ids or scope.emails:
        scope.writes.append(_deleted(ConversationDraft, _drafts_of(scope)))


def _erase_intake(session: Session, scope: Scope) -> None:
    """The public intake's email confirmations of these cases (and, for a person's request, of their address),
    and their address in the intake log, whose rows stay for the hourly counts."""
    mine: list[ColumnElement[bool]] = []
    if scope.case_ids:
        keys = select(Case.submission_key).where(col(Case.id).in_(scope.case_ids))
        mine.append(col(EmailVerification.submission_key).in_(keys))
    if scope.emails:
        mine.append(func.lower(EmailVerification.email).in_(scope.emails))
        scope.writes.append(
            _blanked(IntakeAttempt, func.lower(IntakeAttempt.email).in_(scope.emails), email="", email_key="")
        )
    if mine:
        scope.writes.append(_deleted(EmailVerification, or_(*mine)))


Step = Callable[[Session, Scope], None]

# Every table that holds a customer's personal data, each blanked by one step (in this order, in one
# transaction). A new table with personal data adds its step here: it gets the ids in ``Scope`` and
# must be idempotent (erasing twice is harmless). A step adds its writes to ``scope.writes`` (they run together
# once every step has read what it needs: ``_write_all``), touching rows no other step writes. Files on disk:
# delete them in ``scope.after_commit``.
ERASURE_STEPS: list[Step] = [
    _erase_customers,
    _erase_cases,
    _erase_rounds,
    _erase_remedies,
    _erase_checkins,
    _erase_notes,
    _erase_drafts,
    _erase_invites,
    _erase_emails,
    _revoke_links,
    _scrub_events,
    _erase_evidence,
    _erase_intake,
]


def _audit(
    session: Session, scope: Scope, kind: timeline.Kind, actor: str, *, cases: list[Case] | None = None, **detail: Any
) -> list[Case]:
    """One audit entry per case of the request (``cases``, loaded here unless given), or one case-less entry when it
    covers no case; returns the cases."""
    if cases is None:
        cases = (
            list(session.exec(select(Case).where(col(Case.id).in_(scope.case_ids)).order_by(col(Case.id))))
            if scope.case_ids
            else []
        )
    for case in cases:
        event = timeline.record(session, case, kind, actor, **detail)
        event.at = scope.now
    if not cases:
        event = timeline.record_setting(
            session, kind, actor, customer_ids=scope.customer_ids, invite_ids=scope.invite_ids, **detail
        )
        event.at = scope.now
    return cases


def _erase(session: Session, scope: Scope, actor: str, reason: str) -> list[Case]:
    """Every step, then the audit entries and the withdrawals, set-based: about ten statements whatever the number
    of cases (was 37 for three cases). Returns the cases erased (``scope.cases``, in id order)."""
    for step in ERASURE_STEPS:
        step(session, scope)
    _write_all(session, scope.writes)
    cases = scope.cases
    unsettled = [c for c in cases if c.status not in ENDED]
    entries = [timeline.entry_values(c.id, EVENT_ERASED, actor, scope.now, {"reason": reason}) for c in cases] or [
        timeline.entry_values(
            None,
            EVENT_ERASED,
            actor,
            scope.now,
            {"customer_ids": scope.customer_ids, "invite_ids": scope.invite_ids, "reason": reason},
        )
    ]
    now = utcnow()
    withdrawals = _withdrawals(unsettled)
    entries += [
        timeline.entry_values(c.id, Event.WITHDRAW, actor, now, {}, c.status, str(withdrawn))
        for withdrawn, group in withdrawals
        for c in group
    ]
    _write_all(session, [*_withdrawing(withdrawals, now), insert(CaseEvent).values(entries)])
    webhook_events.enqueue_for_cases(session, cases, EVENT_ERASED)
    for withdrawn, group in withdrawals:
        webhook_events.enqueue_for_cases(session, group, str(Event.WITHDRAW), str(withdrawn))
    return cases


def _withdrawals(cases: list[Case]) -> list[tuple[Status, list[Case]]]:
    """A case not closed yet can't go on once its customer is erased: nobody is left to put it right with, to
    email or to check in with. It is withdrawn (through the state table, ``transition``; raises
    IllegalTransition): out of the queue's default view, its clock stopped. The cases grouped by the status they
    move to (one: withdrawn)."""
    grouped: dict[Status, list[Case]] = {}
    for case in cases:
        grouped.setdefault(transition(case.status, Event.WITHDRAW), []).append(case)
    return list(grouped.items())


def _withdrawing(withdrawals: list[tuple[Status, list[Case]]], now: datetime) -> list[UpdateBase]:
    """The withdrawals' writes: each case's status, version (moved on once more, as ``timeline.move`` does),
    activity time and SLA clock, and a remedy still waiting for an answer (a proposal, an offer) withdrawn with it."""
    ids = [c.id for _, group in withdrawals for c in group]
    if not ids:
        return []
    writes: list[UpdateBase] = [
        _blanked(
            CaseRemedy,
            col(CaseRemedy.case_id).in_(ids) & col(CaseRemedy.status).in_(OPEN_STATUSES),
            status=RemedyStatus.WITHDRAWN,
        )
    ]
    writes += [
        _blanked(
            Case,
            col(Case.id).in_([c.id for c in group]),
            status=str(withdrawn),
            version=Case.version + 1,
            updated_at=now,
            sla_due_at=None,
        )
        for withdrawn, group in withdrawals
    ]
    return writes


def _after(scope: Scope) -> None:
    for job in scope.after_commit:
        job()


@dataclass(frozen=True)
class Erasure:
    references: list[str]  # the cases erased
    customers: int  # customer records erased
    invites: int


def erase_customer(
    engine: Engine, actor: StaffActor, customer_id: int, reason: str, *, now: datetime | None = None
) -> Erasure:
    """Erase this customer's personal data (every record with their address), in one transaction; managers only.

    ``reason`` (the request, e.g. "customer asked by email on 3 May") goes into the audit log: it must
    not contain the customer's name or address, since the log is kept.
    """
    drafts.flush()  # a conversation saved a moment ago in this process is erased, not written after
    why = " ".join(clean(reason).split())
    if not why:
        raise ValueError('Please say why the data is erased (for example: "the customer asked by email").')
    if len(why) > REASON_LIMIT:
        raise ValueError(f"Please keep the reason under {REASON_LIMIT} characters.")
    now = now or utcnow()
    with write_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        scope = _person_scope(session, customer_id, now, lock=is_postgres(engine))
        references = [case.reference for case in _erase(session, scope, timeline.staff_actor(actor.id), why)]
    _after(scope)
    return Erasure(references, len(scope.customer_ids), len(scope.invite_ids))


# --- retention ------------------------------------------------------------------------------------------------


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (the month's last day when it is shorter)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month += 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def retention_cutoff(engine: Engine, now: datetime) -> datetime | None:
    """Personal data settled before this moment is due for erasure; None when retention is off."""
    with engine.connect() as conn:
        months = conn.execute(select(col(Business.retention_months)).order_by(col(Business.id)).limit(1)).scalar()
    return months_before(now, months) if months else None


def _expired_cases(session: Session, cutoff: datetime, limit: int) -> list[Case]:
    recent_activity = select(CaseEvent.id).where(CaseEvent.case_id == Case.id, CaseEvent.at >= cutoff).exists()
    return list(
        session.exec(
            select(Case)
            .where(
                col(Case.erased_at).is_(None),
                col(Case.status).in_(SETTLED_STATUSES),
                col(Case.updated_at) < cutoff,
                ~recent_activity,
            )
            .order_by(col(Case.id))
            .limit(limit)
        )
    )


def _fully_erased_customers(session: Session, cases: list[Case]) -> list[Customer]:
    """The customers of ``cases`` whose every other case is erased already: their record goes too."""
    ids = {c.customer_id for c in cases}
    batch = {c.id for c in cases}
    still_held = set(
        session.exec(
            select(Case.customer_id).where(
                col(Case.customer_id).in_(ids), col(Case.erased_at).is_(None), col(Case.id).not_in(batch)
            )
        )
    )
    return list(session.exec(select(Customer).where(col(Customer.id).in_(ids - still_held))))


def _erase_expired_batch(engine: Engine, cutoff: datetime, now: datetime, size: int, months_note: str) -> int:
    with write_session(engine) as session:
        cases = _expired_cases(session, cutoff, size)
        if not cases:
            return 0
        scope = _scope(session, _fully_erased_customers(session, cases), cases, now, by_address=False)
        _erase(session, scope, timeline.SYSTEM, months_note)
    _after(scope)
    return len(cases)


def _erase_unused_invites(engine: Engine, cutoff: datetime, now: datetime, months_note: str) -> None:
    with write_session(engine) as session:
        invite_ids = list(
            session.exec(
                select(Invite.id)
                .where(
                    col(Invite.case_id).is_(None),
                    col(Invite.created_at) < cutoff,
                    or_(col(Invite.customer_name) != "", col(Invite.email) != "", col(Invite.order_ref) != ""),
                )
                .limit(RETENTION_LIMIT)
            )
        )
        if not invite_ids:
            return
        scope = _scope(session, [], [], now, by_address=False, extra_invites=invite_ids)  # type: ignore[arg-type]  # invite ids from the store are set; SQLModel types them int | None
        _erase(session, scope, timeline.SYSTEM, months_note)
    _after(scope)


def erase_expired(
    engine: Engine, now: datetime | None = None, *, batch: int = RETENTION_BATCH, limit: int = RETENTION_LIMIT
) -> int:
    """Retention: erase the personal data of every settled case inactive for ``Business.retention_months``
    (at most ``limit`` cases a call, ``batch`` per transaction); returns how many cases were erased.
    With retention off this is one single-row read."""
    now = now or utcnow()
    cutoff = retention_cutoff(engine, now)
    if cutoff is None:
        return 0
    note = f"retention: settled and inactive since before {cutoff.date().isoformat()}"
    erased = 0
    while erased < limit:
        size = min(batch, limit - erased)
        done = _erase_expired_batch(engine, cutoff, now, size, note)
        erased += done
        if done < size:
            break
    _erase_unused_invites(engine, cutoff, now, note)
    _forget_intake_log(engine, cutoff)
    return erased


def _forget_intake_log(engine: Engine, cutoff: datetime) -> None:
    """Email confirmations and the intake log's addresses older than the retention period."""
    with write_session(engine) as session:
        session.execute(
            delete(EmailVerification)
            .where(col(EmailVerification.created_at) < cutoff)
            .execution_options(synchronize_session=False)
        )
        _blank(
            session,
            IntakeAttempt,
            and_(col(IntakeAttempt.at) < cutoff, or_(col(IntakeAttempt.email) != "", col(IntakeAttempt.source) != "")),
            email="",
            email_key="",
            source="",
        )
