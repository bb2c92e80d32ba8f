"""A realistic store for the staff side at scale: cases with everything a real business's cases carry.

``fill_realistic`` writes ``count`` cases opened over two years (a few more each month, as a growing business
sees) with what each case gathers in its life, in the proportions below: the customers (a sixth of them come back
with the same address, each case with a customer record of its own, as the portal makes them), invites (three in
five cases start from one; one invite in eight is never used), paraphrase rounds, remedies in every state,
gifts, staff decisions, check-ins and their answers, lessons, notes, links and the emails sent, and the
timeline of all of it. A case's status follows its age: old cases are settled, recent ones still open.

It is written fast enough for a million cases on a busy 2-core machine: rows are made in chunks of
``CHUNK`` cases (memory stays flat whatever the count) and go in through the driver, not the ORM: PostgreSQL's
``COPY`` (psycopg 3), and SQLite's ``executemany`` in one transaction per chunk with the journal's syncs off
while it writes (a crash mid-fill loses a throwaway database, nothing else). Every value passes the column type's
own bind processing, so the stored text of a time is exactly what the portal itself writes. The figures a case
carries for the Insights page (db/case_figures.py) are worked out here from its times, in Python (to the
microsecond, where SQLite's julianday counts whole milliseconds), and each remedy carries its case's category.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Table, text
from sqlmodel import SQLModel

from benchmarks.staff_queue import reference as case_reference
from db.case_figures import day_of
from db.engine import is_postgres
from db.models import (
    AccessToken,
    Case,
    CaseEvent,
    CaseNote,
    CaseRemedy,
    CheckIn,
    ConversationRound,
    Customer,
    Invite,
    Lesson,
    OutboxMessage,
    RemedyOption,
)
from portal.conversation.vocabulary import Category
from portal.recovery.states import Status

CHUNK = 5_000
YEARS_DAYS = 730
LANGUAGES = (("en", 80), ("es", 15), ("he", 5))
# Status by age: a case a month old is nearly always settled; one opened this week is often still open.
STATUS_BY_AGE: tuple[tuple[int, dict[Status, float]], ...] = (
    (
        3,
        {
            Status.ACCEPTED: 40,
            Status.AWAITING_APPROVAL: 25,
            Status.COUNTERED: 8,
            Status.AWAITING_CUSTOMER: 7,
            Status.FULFILLED: 20,
        },
    ),
    (
        14,
        {
            Status.ACCEPTED: 10,
            Status.AWAITING_APPROVAL: 4,
            Status.COUNTERED: 3,
            Status.AWAITING_CUSTOMER: 3,
            Status.FULFILLED: 45,
            Status.CLOSED: 30,
            Status.REOPENED: 5,
        },
    ),
    (
        YEARS_DAYS + 1,
        {
            Status.ACCEPTED: 1,
            Status.AWAITING_APPROVAL: 0.5,
            Status.FULFILLED: 9,
            Status.CLOSED: 87,
            Status.REOPENED: 2.5,
        },
    ),
)
STORIES = {
    "en": (
        "I booked a furnace repair for 9:00. The mechanic arrived at 10:30, did not call ahead, and then said he "
        "had to come back the next day for a part he should have brought. I took a morning off work for this.",
        "Nobody called to say he would be late, and I lost a morning of work.",
        "What bothered you most is that nobody called to say our mechanic would be late, and you lost a morning "
        "of work. Is that right?",
    ),
    "es": (
        "Reservé la reparación de la caldera para las 9:00. El técnico llegó a las 10:30 sin avisar y dijo que "
        "tenía que volver al día siguiente por una pieza que debía haber traído.",
        "Nadie me avisó del retraso y perdí una mañana de trabajo.",
        "Lo que más le molestó es que nadie le avisó del retraso y perdió una mañana de trabajo. ¿Es así?",
    ),
    "he": (
        "הזמנתי תיקון לדוד לשעה 9:00. הטכנאי הגיע ב-10:30 בלי להודיע, ואמר שעליו לחזור מחר בשביל חלק.",
        "אף אחד לא הודיע על האיחור, והפסדתי בוקר של עבודה.",
        "מה שהכי הפריע הוא שאף אחד לא הודיע על האיחור, והפסדת בוקר של עבודה. נכון?",
    ),
}
CORRECTION = "Not quite: it was the second visit that annoyed me most."
MORE_ITEM = "Also, the invoice charged the call-out fee twice."
EMAIL_TEXT = (
    "Hello {name},\n\nThank you for telling us what happened. Your case {reference} is with our team; "
    "we will email you when your remedy is arranged.\n\nDana Cohen, Customer Care Lead\n"
)
EMAIL_HTML = (
    "<p>Hello {name},</p><p>Thank you for telling us what happened. Your case {reference} is with our team.</p>"
)
ROOT_CAUSES = ("process", "scheduling", "communication", "training", "supplier", "other")


def _table(model: type[SQLModel]) -> Table:
    return model.__table__  # type: ignore[attr-defined]  # SQLModel adds the table at class creation; mypy cannot see it


# --- writing rows through the driver ------------------------------------------------------------------------


class Sink:
    """Rows of one chunk, per table, written in one transaction: COPY on PostgreSQL, executemany on SQLite."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.postgres = is_postgres(engine)
        self.rows: dict[str, list[tuple[Any, ...]]] = {}
        self.columns: dict[str, tuple[str, ...]] = {}
        self.processors: dict[str, list[Callable[[Any], Any] | None]] = {}
        self.written: dict[str, int] = {}

    def add(self, table: Table, row: dict[str, Any]) -> None:
        name = table.name
        if name not in self.columns:
            self.columns[name] = tuple(row)
            dialect = self.engine.dialect
            self.processors[name] = [
                None if self.postgres else table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in row
            ]
            self.rows[name] = []
        self.rows[name].append(tuple(row.values()))

    def flush(self, order: Sequence[str]) -> None:
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            if not self.postgres:  # its connections autocommit (db.engine): one transaction for the chunk
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("BEGIN")
            for name in order:
                rows = self.rows.get(name)
                if not rows:
                    continue
                self._write(cursor, name, rows)
                self.written[name] = self.written.get(name, 0) + len(rows)
                rows.clear()
            raw.commit()
            if not self.postgres:
                cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            raw.close()

    def _write(self, cursor: Any, name: str, rows: list[tuple[Any, ...]]) -> None:
        columns = ", ".join(f'"{c}"' for c in self.columns[name])
        if self.postgres:
            with cursor.copy(f'COPY "{name}" ({columns}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
            return
        processors = self.processors[name]
        if any(processors):
            rows = [
                tuple(p(v) if p is not None and v is not None else v for p, v in zip(processors, row)) for row in rows
            ]
        marks = ", ".join("?" * len(self.columns[name]))
        cursor.executemany(f'INSERT INTO "{name}" ({columns}) VALUES ({marks})', rows)


# --- one case's life ----------------------------------------------------------------------------------------


@dataclass
class Ids:
    """The next id of every table the fill writes (ids are given, not generated, so rows can refer to each other)."""

    next: dict[str, int] = field(default_factory=dict)

    def take(self, table: Table) -> int:
        value = self.next[table.name]
        self.next[table.name] = value + 1
        return value


def _weighted(rng: random.Random, weights: dict[Any, float]) -> Any:
    return rng.choices(list(weights), list(weights.values()))[0]


def _status_for(rng: random.Random, age_days: float) -> Status:
    for below, weights in STATUS_BY_AGE:
        if age_days < below:
            return _weighted(rng, weights)
    raise AssertionError(age_days)


def _detail(**values: Any) -> str:
    return json.dumps(values, ensure_ascii=False)


@dataclass
class World:
    """What every case draws from: the staff, the catalog, the clock and the random source."""

    rng: random.Random
    now: datetime
    staff_ids: list[int]
    catalog: list[tuple[int, str, str, int | None]]  # id, kind, title, value
    ids: Ids
    people: int = 0  # distinct email addresses so far

    def hex(self) -> str:
        return f"{self.rng.getrandbits(256):064x}"


class CaseWriter:
    """Adds one case, and everything its life left behind, to a ``Sink``."""

    def __init__(self, world: World, sink: Sink) -> None:
        self.w = world
        self.sink = sink

    def event(
        self,
        case_id: int | None,
        at: datetime,
        actor: str,
        kind: str,
        detail: str = "",
        from_status: str | None = None,
        to_status: str | None = None,
        about: str | None = None,
    ) -> None:
        self.sink.add(
            _table(CaseEvent),
            dict(
                id=self.w.ids.take(_table(CaseEvent)),
                case_id=case_id,
                at=at,
                actor=actor,
                kind=kind,
                from_status=from_status,
                to_status=to_status,
                detail=detail,
                about=about,
            ),
        )

    def email(
        self, kind: str, key: str, case_id: int | None, to: str, name: str, reference: str, at: datetime, language: str
    ) -> None:
        message_id = self.w.ids.take(_table(OutboxMessage))
        self.sink.add(
            _table(OutboxMessage),
            dict(
                id=message_id,
                kind=kind,
                dedup_key=key,
                message_id=f"<{message_id}.fill@northwind.example>",
                case_id=case_id,
                to_address=to,
                subject=f"Your case {reference}",
                body_text=EMAIL_TEXT.format(name=name, reference=reference),
                body_html=EMAIL_HTML.format(name=name, reference=reference),
                language=language,
                status="sent",
                attempts=1,
                next_attempt_at=at,
                claimed_by=None,
                claimed_at=None,
                last_error="",
                created_at=at,
                sent_at=at + timedelta(seconds=30),
            ),
        )

    def token(
        self,
        purpose: str,
        at: datetime,
        days: int,
        case_id: int | None = None,
        invite_id: int | None = None,
        used: bool = False,
    ) -> None:
        self.sink.add(
            _table(AccessToken),
            dict(
                id=self.w.ids.take(_table(AccessToken)),
                token_hash=self.w.hex(),
                purpose=purpose,
                case_id=case_id,
                invite_id=invite_id,
                expires_at=at + timedelta(days=days),
                used_at=at if used else None,
                created_at=at,
            ),
        )

    def invite(self, at: datetime, name: str, email: str, order_ref: str, language: str, case_id: int | None) -> None:
        invite_id = self.w.ids.take(_table(Invite))
        staff = self.w.rng.choice(self.w.staff_ids)
        self.sink.add(
            _table(Invite),
            dict(
                id=invite_id,
                customer_name=name,
                email=email,
                order_ref=order_ref,
                language=language,
                created_by_id=staff,
                case_id=case_id,
                created_at=at,
            ),
        )
        self.event(
            None,
            at,
            f"staff:{staff}",
            "invite_created",
            _detail(invite_id=invite_id, email=email, order_ref=order_ref, language=language, emailed=True),
            about=f"invite:{invite_id}",
        )
        self.token("invite", at, 14, invite_id=invite_id, used=case_id is not None)
        self.email("invite", f"invite:{invite_id}", None, email, name, order_ref or "", at, language)

    def unused_invite(self, at: datetime) -> None:
        self.w.people += 1
        person = self.w.people
        self.invite(at, f"Customer {person}", f"customer{person}@example.com", "", "en", None)

    def case(self, n: int, opened: datetime) -> None:
        w, rng, sink = self.w, self.w.rng, self.sink
        case_id = w.ids.take(_table(Case))
        customer_id = w.ids.take(_table(Customer))
        # A sixth of the cases come from someone who wrote before (the same address, a new customer record).
        if w.people and rng.random() < 1 / 6:
            person = rng.randrange(max(1, w.people - 50_000), w.people + 1)
        else:
            w.people += 1
            person = w.people
        address = f"customer{person}@example.com"
        email = address.capitalize() if person % 10 == 0 else address
        name = f"Customer {person}"
        language = _weighted(rng, dict(LANGUAGES))
        story, bothered, paraphrase = STORIES[language]
        age_days = (w.now - opened).total_seconds() / 86400
        status = _status_for(rng, age_days)
        reference = case_reference(case_id)
        order_ref = f"WO-{100_000 + n}" if rng.random() < 0.7 else ""
        amount = rng.randrange(500, 100_000) if rng.random() < 0.6 else None
        category = rng.choice(_CATEGORIES)
        tone = _weighted(rng, {"calm": 70, "frustrated": 22, "angry": 8})
        owner = rng.choice(w.staff_ids) if rng.random() < 0.7 else None
        sink.add(
            _table(Customer),
            dict(id=customer_id, name=name, email=email, language=language, created_at=opened, erased_at=None),
        )
        if rng.random() < 0.6:
            self.invite(opened - timedelta(hours=rng.uniform(1, 72)), name, email, order_ref, language, case_id)
        if rng.random() < 0.08:
            self.unused_invite(opened - timedelta(hours=rng.uniform(1, 72)))

        rounds = self.rounds(case_id, opened, language)
        settled = status in (Status.FULFILLED, Status.CLOSED, Status.REOPENED)
        staff_acted = settled or status not in (Status.AWAITING_APPROVAL,) or rng.random() < 0.3
        first_response = opened + timedelta(hours=rng.uniform(0.2, 30)) if staff_acted else None
        fulfilled = (first_response or opened) + timedelta(hours=rng.uniform(4, 96)) if settled else None
        closed = fulfilled + timedelta(days=rng.uniform(3, 6)) if status is Status.CLOSED and fulfilled else None
        last = closed or fulfilled or first_response or opened
        due = opened + timedelta(days=3)
        sink.add(
            _table(Case),
            dict(
                id=case_id,
                reference=reference,
                customer_id=customer_id,
                status=str(status),
                category=category,
                tone=tone,
                language=language,
                story=story,
                bothered_most=bothered,
                confirmed_paraphrase=paraphrase,
                order_ref=order_ref,
                incident_date=(opened - timedelta(days=rng.randrange(0, 10))).date(),
                amount_cents=amount,
                currency="USD",
                owner_id=owner,
                submission_key=f"fill-{case_id}",
                version=3,
                created_at=opened,
                updated_at=last,
                first_response_at=first_response,
                fulfilled_at=fulfilled,
                closed_at=closed,
                erased_at=None,
                first_response_due_at=opened + timedelta(hours=4),
                resolve_due_at=due,
                sla_due_at=None if settled and status is not Status.REOPENED else due,
                reopen_count=1 if status is Status.REOPENED else 0,
                created_day=day_of(opened),
                first_response_s=first_response and (first_response - opened).total_seconds(),
                resolution_s=fulfilled and (fulfilled - opened).total_seconds(),
            ),
        )
        self.token("case", opened, 365, case_id=case_id)
        self.event(
            case_id,
            opened,
            "customer",
            "open_proposed" if status is Status.AWAITING_APPROVAL else "open_accepted",
            _detail(category=category, tone=tone, paraphrase_rounds=rounds, more_items=int(rounds > 1)),
            to_status=str(status),
        )
        self.email("case_received", f"case_received:{case_id}", case_id, email, name, reference, opened, language)
        self.remedies(case_id, category, opened, status, amount, first_response)
        if owner is not None:
            self.event(
                case_id,
                opened + timedelta(minutes=20),
                f"staff:{owner}",
                "owner_assigned",
                _detail(owner_id=owner, owner_name=f"Agent {owner}"),
            )
        if rng.random() < 0.1:
            sink.add(
                _table(CaseNote),
                dict(
                    id=w.ids.take(_table(CaseNote)),
                    case_id=case_id,
                    author_id=owner or w.staff_ids[0],
                    body=f"Called {name}: they would like a morning slot.",
                    created_at=opened + timedelta(hours=2),
                ),
            )
        if fulfilled is not None:
            self.life_after(case_id, status, fulfilled, closed, email, name, reference, language, owner)

    def rounds(self, case_id: int, opened: datetime, language: str) -> int:
        """Paraphrase rounds: most customers confirm the first, some correct it once or twice, a few keep
        their own words; one in five adds "anything else". Returns the count."""
        rng = self.w.rng
        story, bothered, paraphrase = STORIES[language]
        answers = _weighted(
            rng,
            {
                ("confirmed",): 72,
                ("corrected", "confirmed"): 18,
                ("corrected", "corrected", "confirmed"): 5,
                ("corrected", "own_words"): 5,
            },
        )
        topics = [(0, answers)] + ([(1, ("confirmed",))] if rng.random() < 0.2 else [])
        count = 0
        for topic, answered in topics:
            for number, answer in enumerate(answered, 1):
                said = bothered if number == 1 and topic == 0 else (MORE_ITEM if topic else CORRECTION)
                self.sink.add(
                    _table(ConversationRound),
                    dict(
                        id=self.w.ids.take(_table(ConversationRound)),
                        case_id=case_id,
                        topic=topic,
                        round_no=number,
                        customer_text=said,
                        paraphrase=paraphrase,
                        answer=answer,
                        created_at=opened - timedelta(minutes=5 - number),
                    ),
                )
                count += 1
        return count

    def remedy(
        self,
        case_id: int,
        category: str,
        at: datetime,
        source: str,
        kind: str,
        description: str,
        amount: int | None,
        status: str,
        by: str = "customer",
        option_id: int | None = None,
    ) -> None:
        consent = None if kind == "refund" else f"I agree to: {description}"
        self.sink.add(
            _table(CaseRemedy),
            dict(
                id=self.w.ids.take(_table(CaseRemedy)),
                case_id=case_id,
                option_id=option_id,
                source=source,
                kind=kind,
                description=description,
                amount_cents=amount,
                status=status,
                created_by=by,
                created_at=at,
                category=category,
                consent_text=consent if by == "customer" else None,
                consented_at=at if consent and by == "customer" else None,
            ),
        )

    def remedies(
        self,
        case_id: int,
        category: str,
        opened: datetime,
        status: Status,
        amount: int | None,
        decided: datetime | None,
    ) -> None:
        """The opening remedy (a catalog choice in two cases of three, else the customer's own proposal, agreed
        at once within the limit or decided by staff), a gift now and then, and the decision's events."""
        rng = self.w.rng
        staff = f"staff:{rng.choice(self.w.staff_ids)}"
        open_states = (Status.COUNTERED, Status.AWAITING_CUSTOMER, Status.AWAITING_APPROVAL)
        if status not in open_states and rng.random() < 0.65:
            option_id, kind, title, value = rng.choice(self.w.catalog)
            self.remedy(case_id, category, opened, "catalog", kind, title, value, "accepted", option_id=option_id)
            self.event(
                case_id,
                opened,
                "customer",
                "remedy_accepted",
                _detail(description=title, amount_cents=value, source="catalog", remedy_kind=kind),
            )
        else:
            asked = amount or rng.randrange(1_000, 40_000)
            self.event(
                case_id,
                opened,
                "customer",
                "proposal_submitted",
                _detail(
                    description="A refund of the call-out fee",
                    amount_cents=asked,
                    source="proposal",
                    remedy_kind="refund",
                ),
            )
            at = decided or opened
            if status is Status.AWAITING_APPROVAL:
                self.remedy(
                    case_id, category, opened, "proposal", "refund", "A refund of the call-out fee", asked, "pending"
                )
            elif status in (Status.COUNTERED, Status.AWAITING_CUSTOMER) or rng.random() < 0.2:
                source = "counter" if status is not Status.AWAITING_CUSTOMER else "alternative"
                self.remedy(
                    case_id,
                    category,
                    opened,
                    "proposal",
                    "refund",
                    "A refund of the call-out fee",
                    asked,
                    "superseded" if source == "counter" else "declined",
                )
                offered = "offered" if status in open_states else "accepted"
                self.remedy(
                    case_id,
                    category,
                    at,
                    source,
                    "credit",
                    "Half the fee back as credit",
                    asked // 2,
                    offered,
                    by=staff,
                )
                event = "counter" if source == "counter" else "decline_with_alternative"
                self.event(
                    case_id,
                    at,
                    staff,
                    event,
                    _detail(amount_cents=asked // 2),
                    "awaiting_approval",
                    "countered" if source == "counter" else "awaiting_customer",
                )
                if offered == "accepted":
                    self.event(
                        case_id,
                        at + timedelta(hours=5),
                        "customer",
                        "customer_accept",
                        "",
                        "countered" if source == "counter" else "awaiting_customer",
                        "accepted",
                    )
            elif rng.random() < 0.4:
                self.remedy(
                    case_id, category, opened, "proposal", "refund", "A refund of the call-out fee", asked, "accepted"
                )
            else:
                self.remedy(
                    case_id, category, opened, "proposal", "refund", "A refund of the call-out fee", asked, "approved"
                )
                self.event(case_id, at, staff, "approve", _detail(amount_cents=asked), "awaiting_approval", "accepted")
        if rng.random() < 0.15:
            self.remedy(case_id, category, opened, "gift", "gift", "A box of chocolates", 1_500, "accepted")
            self.event(case_id, opened, "customer", "gift_added", _detail(description="A box of chocolates"))

    def life_after(
        self,
        case_id: int,
        status: Status,
        fulfilled: datetime,
        closed: datetime | None,
        email: str,
        name: str,
        reference: str,
        language: str,
        owner: int | None,
    ) -> None:
        """Fulfilled: the check-in, answered well (closed) or badly (reopened), or not answered yet."""
        rng, staff = self.w.rng, f"staff:{owner or self.w.staff_ids[0]}"
        self.event(case_id, fulfilled, staff, "mark_fulfilled", "", "accepted", "fulfilled")
        self.email("fulfilled", f"fulfilled:{case_id}", case_id, email, name, reference, fulfilled, language)
        due = fulfilled + timedelta(days=3)
        checkin_id = self.w.ids.take(_table(CheckIn))
        sent = due if due < self.w.now else None
        answered = (
            closed if status is Status.CLOSED else (due + timedelta(hours=6) if status is Status.REOPENED else None)
        )
        good = status is Status.CLOSED
        self.sink.add(
            _table(CheckIn),
            dict(
                id=checkin_id,
                case_id=case_id,
                due_at=due,
                sent_at=sent,
                answered_at=answered,
                made_it_right=(rng.choice((4, 5, 5)) if good else rng.randrange(1, 4)) if answered else None,
                recommend=(rng.randrange(7, 11) if good else rng.randrange(0, 7)) if answered else None,
                comment="Thank you, all sorted." if answered and rng.random() < 0.3 else "",
                outcome=("good" if good else "low") if answered else None,
                created_at=fulfilled,
            ),
        )
        if sent is None:
            return
        self.token("checkin", sent, 30, case_id=case_id, used=answered is not None)
        self.event(case_id, sent, "system", "checkin_sent", _detail(checkin_id=checkin_id))
        self.email("checkin", f"checkin:{checkin_id}", case_id, email, name, reference, sent, language)
        if answered is None:
            return
        self.event(
            case_id,
            answered,
            "customer",
            "checkin_good" if good else "checkin_low",
            _detail(checkin_id=checkin_id),
            "fulfilled",
            "closed" if good else "reopened",
        )
        if not good or rng.random() < 0.02:
            self.sink.add(
                _table(Lesson),
                dict(
                    id=self.w.ids.take(_table(Lesson)),
                    case_id=case_id,
                    root_cause=rng.choice(ROOT_CAUSES),
                    what_we_change="Call the customer when a visit runs late.",
                    recorded_by_id=owner or self.w.staff_ids[0],
                    created_at=answered + timedelta(hours=3),
                    updated_at=answered + timedelta(hours=3),
                ),
            )


_CATEGORIES = [str(c) for c in Category]
TABLE_ORDER = [
    t.name
    for t in (
        _table(Customer),
        _table(Case),
        _table(Invite),
        _table(ConversationRound),
        _table(CaseRemedy),
        _table(CheckIn),
        _table(CaseEvent),
        _table(CaseNote),
        _table(Lesson),
        _table(OutboxMessage),
        _table(AccessToken),
    )
]


def _first_ids(engine: Engine) -> Ids:
    ids = Ids()
    with engine.connect() as conn:
        for name in TABLE_ORDER:
            ids.next[name] = conn.execute(text(f'SELECT coalesce(max(id), 0) + 1 FROM "{name}"')).scalar_one()
    return ids


def _catalog(engine: Engine) -> list[tuple[int, str, str, int | None]]:
    table = _table(RemedyOption)
    with engine.connect() as conn:
        rows = conn.execute(
            text(f"SELECT id, kind, title, value_cents FROM {table.name} WHERE is_active AND NOT is_gift ORDER BY id")
        ).all()
    return [tuple(row) for row in rows]


def opened_at(now: datetime, n: int, count: int, rng: random.Random) -> datetime:
    """The n-th of ``count`` cases, oldest first, over two years; a growing business: the newest month sees
    about twice the cases of the oldest (the density grows linearly from 2/3 to 4/3 of the mean)."""
    u = (n + rng.random()) / count
    # The inverse of the cumulative density F(x) = 2/3 x + 1/3 x^2.
    x = (-2 / 3 + ((2 / 3) ** 2 + 4 / 3 * u) ** 0.5) / (2 / 3)
    return now - timedelta(days=YEARS_DAYS * (1 - x))


def fill_realistic(
    engine: Engine, count: int, staff_ids: list[int], *, seed: int = 7, progress: Callable[[int], None] | None = None
) -> dict[str, int]:
    """Write ``count`` realistic cases (module docstring); returns the rows written per table."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    world = World(rng, now, staff_ids, _catalog(engine), _first_ids(engine))
    sink = Sink(engine)
    writer = CaseWriter(world, sink)
    for start in range(0, count, CHUNK):
        for n in range(start, min(start + CHUNK, count)):
            writer.case(n, opened_at(now, n, count, rng))
        sink.flush(TABLE_ORDER)
        if progress is not None:
            progress(min(start + CHUNK, count))
    if is_postgres(engine):
        with engine.begin() as conn:
            for name in TABLE_ORDER:
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "
                        f'(SELECT coalesce(max(id), 1) FROM "{name}"))'
                    )
                )
    return dict(sink.written)
