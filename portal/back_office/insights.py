"""Insights for managers: how service recovery is going, the lessons cases teach, and CSV exports.

Every figure is about one *cohort*: the cases opened in the chosen period (``start`` to ``end``,
both whole UTC days, inclusive). Their first-response and resolution times, remedies, check-ins,
reopenings and paraphrase rounds count whenever those happened, so a period's numbers settle as
its cases finish and never mix two groups of customers. Lessons are the exception: the lessons
*recorded* in the period (what we learned then, whichever case taught it).

Only managers may see or export any of it (``NotAllowed`` otherwise, checked here, not in the page).

Scale: the store may hold a million cases, so counts are SQL ``GROUP BY`` queries that return a
few rows each (per day and category, per remedy source, per check-in score), each one pass over the
period's cases, read from covering indexes (``ix_case_insights`` and its kin, db/models.py). Each case carries
what the page would otherwise work out from its times (db/case_figures.py): the UTC day it was opened, so the
per-day pass reads the period in the index's (day, category) order and groups with no sort, and its seconds to
first response and to fulfilment; each agreed remedy carries its case's category. Days are grouped into weeks or
months here. Medians are exact and computed in SQL the same way on both backends: the per-day pass counts the
durations, then one query reads only the middle one or two in order (``OFFSET``), so no list of durations reaches
Python. (PostgreSQL's ``percentile_cont`` would do the same sort; one code path is simpler to test.) On
PostgreSQL the read transaction gets room to sort a period in memory (``SORT_MEMORY_MB``). The check-ins, rounds
and remedies of the period's cases are read by their case ids alone when those ids are all the period's
(``_Cohort``).

Exports stream: the cases export is one query whose cells are already the file's text (joins, agreed
remedies as one aggregated cell, times and amounts formatted, formulas defused, all by the database), read
through the driver alone: PostgreSQL's ``COPY ... TO STDOUT WITH CSV`` (psycopg's copy), SQLite's own cursor
into ``csv.writer``, both writing the same bytes. Nothing holds the whole table, whatever the period. Every cell
people wrote is defused (``safe_cell``, or ``_safe_text`` in SQL): customers' words go into spreadsheets, and a
cell starting with ``=`` must not become a formula. Each export is written
to the audit log (``timeline.record_setting``) with the period and the number of rows.
"""

from __future__ import annotations

import codecs
import csv
import io
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import IO, Any, TypeVarTuple, Unpack

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    String,
    and_,
    case,
    func,
    literal,
    select,
    text,
    true,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from db.engine import is_postgres, read_session, write_session
from db.models import Business, Case, CaseRemedy, CheckIn, ConversationRound, Customer, Lesson, StaffMember
from portal.back_office.staff import StaffActor, require_manager
from portal.recovery import timeline
from portal.recovery.remedies import AGREED_STATUSES, RemedySource, RemedyStatus

EXPORT_BATCH = 1000
LESSONS_SHOWN_PER_CAUSE = 20
SORT_MEMORY_MB = 64
EVENT_CASES_EXPORTED = timeline.Kind.CASES_EXPORTED
EVENT_LESSONS_EXPORTED = timeline.Kind.LESSONS_EXPORTED
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_Row = TypeVarTuple("_Row")


# --- pure arithmetic ----------------------------------------------------------------------------------------


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"  # weeks start on Monday
    MONTH = "month"


def granularity_for(start: date, end: date) -> Granularity:
    """Days for up to a month, weeks for up to about six months, months beyond: about 5 to 30 bars."""
    days = (end - start).days + 1
    if days <= 31:
        return Granularity.DAY
    if days <= 190:
        return Granularity.WEEK
    return Granularity.MONTH


def bucket_of(day: date, granularity: Granularity) -> date:
    """The first day of the bucket ``day`` falls in."""
    if granularity is Granularity.WEEK:
        return day - timedelta(days=day.weekday())
    if granularity is Granularity.MONTH:
        return day.replace(day=1)
    return day


def buckets(start: date, end: date, granularity: Granularity) -> list[date]:
    """Every bucket of the period in order, so a chart shows quiet days as zero instead of skipping them."""
    found: list[date] = []
    day = start
    while day <= end:
        first = bucket_of(day, granularity)
        if not found or found[-1] != first:
            found.append(first)
        day += timedelta(days=1)
    return found


def middle_window(count: int) -> tuple[int, int]:
    """(offset, limit) of the value or two values in the middle of ``count`` sorted values (count >= 1)."""
    if count < 1:
        raise ValueError("No values have a middle.")
    return (count - 1) // 2, 1 if count % 2 else 2


def median(values: Sequence[float]) -> float | None:
    """The median, or None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    offset, limit = middle_window(len(ordered))
    middle = ordered[offset : offset + limit]
    return sum(middle) / len(middle)


def csat(made_it_right: Mapping[int, int]) -> float | None:
    """Share (0-100) of answers of 4 or 5 on the 1-5 "did we make it right" scale; None without answers."""
    total = sum(made_it_right.values())
    if not total:
        return None
    return 100 * sum(n for score, n in made_it_right.items() if score >= 4) / total


def nps(recommend: Mapping[int, int]) -> float | None:
    """Net Promoter Score (-100 to 100): % promoters (9-10) minus % detractors (0-6); None without answers."""
    total = sum(recommend.values())
    if not total:
        return None
    promoters = sum(n for score, n in recommend.items() if score >= 9)
    detractors = sum(n for score, n in recommend.items() if score <= 6)
    return 100 * (promoters - detractors) / total


def share(part: int, whole: int) -> float | None:
    """``part`` as a percentage of ``whole``; None when there is no whole."""
    return 100 * part / whole if whole else None


def describe_duration(seconds: float | None) -> str:
    """A duration the way people say it: "45 min", "3 h 20 min", "2 d 4 h"; an em dash for none."""
    if seconds is None:
        return "—"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


class ApprovalPath(StrEnum):
    CATALOG = "From the catalog"
    AUTO = "Auto-approved"
    STAFF = "Staff-approved"
    OFFER = "Staff offer taken"


def approval_path(source: str, status: str) -> ApprovalPath | None:
    """How an agreed remedy was agreed: pre-approved by policy (catalog, or a proposal within the
    auto-approve limit, which the customer's own services store as ``accepted``), or by a person
    (a proposal staff ``approved``, or a counter-offer, alternative or new offer the customer took).
    Gifts and remedies not agreed have no path."""
    if status not in AGREED_STATUSES or source == RemedySource.GIFT:
        return None
    if source == RemedySource.CATALOG:  # agreed at once, or (above the limits) approved by staff
        return ApprovalPath.CATALOG if status == RemedyStatus.ACCEPTED else ApprovalPath.STAFF
    if source == RemedySource.PROPOSAL:
        return ApprovalPath.AUTO if status == RemedyStatus.ACCEPTED else ApprovalPath.STAFF
    return ApprovalPath.OFFER


class ParaphraseOutcome(StrEnum):
    FIRST_TRY = "First try"
    AFTER_CORRECTIONS = "After corrections"
    OWN_WORDS = "Own words"


def safe_cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text: a leading apostrophe defuses formulas (= + - @ tab CR)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _period(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00 UTC, the day after end 00:00 UTC); raises ValueError for a reversed period."""
    if start > end:
        raise ValueError("The start date is after the end date.")
    return datetime.combine(start, time(), UTC), datetime.combine(end + timedelta(days=1), time(), UTC)


# --- results ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BucketCount:
    bucket: date
    category: str
    cases: int


@dataclass(frozen=True)
class Satisfaction:
    answered: int
    csat: float | None
    nps: float | None
    made_it_right: dict[int, int]  # score -> answers
    recommend: dict[int, int]


@dataclass(frozen=True)
class Overview:
    start: date
    end: date
    granularity: Granularity
    currency: str
    total_cases: int
    cases_by_category: dict[str, int]
    cases_over_time: list[BucketCount]  # every bucket x category that has cases, in bucket order
    median_first_response_s: float | None  # opening -> first staff action
    median_resolution_s: float | None  # opening -> remedy fulfilled
    remedy_cost_cents: dict[str, int]  # category -> agreed remedies' amounts (gifts included)
    approvals: dict[ApprovalPath, int]
    satisfaction: Satisfaction
    fulfilled: int
    reopened: int
    paraphrase: dict[ParaphraseOutcome, int]

    @property
    def reopen_rate(self) -> float | None:
        return share(self.reopened, self.fulfilled)

    @property
    def remedy_cost_total_cents(self) -> int:
        return sum(self.remedy_cost_cents.values())

    def over_time_table(self) -> dict[str, list[Any]]:
        """Cases per bucket and category as chart columns, with a zero for every quiet bucket, so bars
        and lines show a gap as a gap rather than joining the days around it."""
        counts = {(b.bucket, b.category): b.cases for b in self.cases_over_time}
        table: dict[str, list[Any]] = {"period": [], "category": [], "cases": []}
        for bucket in buckets(self.start, self.end, self.granularity):
            for category in self.cases_by_category:
                table["period"].append(bucket.isoformat())
                table["category"].append(category)
                table["cases"].append(counts.get((bucket, category), 0))
        return table


@dataclass(frozen=True)
class LessonLine:
    reference: str
    recorded_at: datetime
    root_cause: str
    what_we_change: str


@dataclass(frozen=True)
class LessonGroup:
    root_cause: str
    count: int
    newest: list[LessonLine] = field(default_factory=list)  # up to LESSONS_SHOWN_PER_CAUSE, newest first


# --- the overview -------------------------------------------------------------------------------------------


MANAGERS_ONLY = "Insights and exports are for managers only."


@contextmanager
def _managers_read(engine: Engine, actor: StaffActor) -> Iterator[Session]:
    """A read transaction for a manager: refused (``NotAllowed``) unless the account is a manager's now."""
    with read_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        yield session


def _room_to_sort(session: Session, engine: Engine) -> None:
    """PostgreSQL: memory enough for this transaction's groupings and medians to sort a period's cases in memory
    (the default 4 MB sent a quarter's 150,000 durations to disk: 0.4-0.7 s a median at a million cases)."""
    if is_postgres(engine):
        session.execute(text(f"SET LOCAL work_mem = '{SORT_MEMORY_MB}MB'"))


def _in_cohort(start: date, end: date) -> ColumnElement[bool]:
    """The cases opened from ``start`` to ``end`` (UTC days, inclusive), by the day each case carries."""
    return col(Case.created_day).between(start, end)


@dataclass(frozen=True)
class _Cohort:
    """The period's cases as the passes over their remedies, check-ins and rounds find them: ``opened`` (the
    period), and the range of their ids with how many they are (from the per-day pass).

    Every case of the period lies in ``low``..``high``. When the period's cases are as many as the ids in that
    range, they are every id of it, so any case whose id lies in it is one of the period's: a table's rows are then
    the period's by their ``case_id`` alone, read from its index, with no join to the cases. That holds whenever
    cases are numbered in the order they are opened (as they are, but for a case opened at a period's edge while
    another was being saved); otherwise the rows are joined to the cases and the period checked, as before."""

    opened: ColumnElement[bool]
    low: int
    high: int
    cases: int

    @property
    def whole_id_range(self) -> bool:
        return self.cases == self.high - self.low + 1

    def rows_of(self, query: Select[Unpack[_Row]], case_id: Any) -> Select[Unpack[_Row]]:
        """``query`` over a table of case rows (``case_id``) kept to the period's cases."""
        query = query.where(col(case_id).between(self.low, self.high))
        if self.whole_id_range:
            return query
        return query.join(Case, col(Case.id) == case_id).where(self.opened)


def _median_seconds(session: Session, cohort: ColumnElement[bool], seconds: Any, count: int) -> float | None:
    """Exact median of the durations ``seconds`` (a column of the cases, NULL for none yet) over the ``count``
    cases of the cohort that have one: one query reading only the middle one or two in order."""
    if not count:
        return None
    offset, limit = middle_window(count)
    middle = session.execute(
        select(seconds).where(cohort, seconds.is_not(None)).order_by(seconds).offset(offset).limit(limit)
    ).scalars()
    return median([float(v) for v in middle])


def overview(engine: Engine, actor: StaffActor, start: date, end: date) -> Overview:
    """Every chart and figure of the Insights page for the cases opened from ``start`` to ``end``.

    Seven queries, each one pass over the period's cases or their rows (see the module docstring), so the page
    keeps the result for a few minutes. The per-day pass reads ``ix_case_insights`` in its order (day, category),
    so it groups with no sort, and the medians read the durations each case carries (db/case_figures.py).

    The queries of remedies, check-ins and rounds also say the range of case ids the period's cases have (read
    in the first pass): exact, since every case of the period lies in it, and it lets PostgreSQL read those
    tables by their ``case_id`` index over about the period, where it otherwise read them whole."""
    _period(start, end)  # a reversed period is refused
    cohort = _in_cohort(start, end)
    granularity = granularity_for(start, end)
    with _managers_read(engine, actor) as session:
        _room_to_sort(session, engine)
        currency = session.execute(select(col(Business.currency)).order_by(col(Business.id))).scalar_one()
        # One pass gives the cases per day and category, and how many got a response, a fulfilment, a reopening.
        day, category = col(Case.created_day), col(Case.category)
        per_day = session.execute(
            select(
                day,
                category,
                func.count(),
                func.count(col(Case.first_response_s)),
                func.count(col(Case.resolution_s)),
                func.count(case((col(Case.reopen_count) > 0, 1))),
                func.min(col(Case.id)),
                func.max(col(Case.id)),
            )
            .where(cohort)
            .group_by(day, category)
        ).all()
        over_time: Counter[tuple[date, str]] = Counter()
        by_category: Counter[str] = Counter()
        responded = fulfilled = reopened = 0
        for utc_day, category_name, count, with_response, with_fulfilment, with_reopening, _low, _high in per_day:
            over_time[(bucket_of(utc_day, granularity), category_name)] += count
            by_category[category_name] += count
            responded += with_response
            fulfilled += with_fulfilment
            reopened += with_reopening
        found = _Cohort(
            cohort,
            min((row[6] for row in per_day), default=0),
            max((row[7] for row in per_day), default=-1),
            sum(by_category.values()),
        )
        cost, approvals = _remedies(session, found)
        return Overview(
            start=start,
            end=end,
            granularity=granularity,
            currency=currency,
            total_cases=found.cases,
            cases_by_category=dict(by_category.most_common()),
            cases_over_time=[BucketCount(b, c, n) for (b, c), n in sorted(over_time.items())],
            median_first_response_s=_median_seconds(session, cohort, col(Case.first_response_s), responded),
            median_resolution_s=_median_seconds(session, cohort, col(Case.resolution_s), fulfilled),
            remedy_cost_cents=cost,
            approvals=approvals,
            satisfaction=_satisfaction(session, found),
            fulfilled=fulfilled,
            reopened=reopened,
            paraphrase=_paraphrase(session, found),
        )


def _remedies(session: Session, cohort: _Cohort) -> tuple[dict[str, int], dict[ApprovalPath, int]]:
    """The agreed remedies' cost per category (largest first) and how many were agreed each way: one pass over the
    period's agreed remedies, which carry their case's category. SQLite skip-scans ``ix_case_remedy_kinds`` and
    gets them grouped (no sort); PostgreSQL reads them from ``ix_case_remedy_agreed`` by case id."""
    remedy = CaseRemedy
    agreed = (
        select(
            col(remedy.category),
            col(remedy.source),
            col(remedy.status),
            func.count(),
            func.coalesce(func.sum(col(remedy.amount_cents)), 0),
        )
        .where(col(remedy.status).in_(AGREED_STATUSES))
        .group_by(col(remedy.status), col(remedy.source), col(remedy.category))
    )
    rows = session.execute(cohort.rows_of(agreed, remedy.case_id)).all()
    cost: Counter[str] = Counter()
    approvals = dict.fromkeys(ApprovalPath, 0)
    for category, source, status, count, cents in rows:
        cost[category] += int(cents)
        path = approval_path(source, status)
        if path is not None:
            approvals[path] += count
    return dict(sorted(cost.items(), key=lambda item: (-item[1], item[0]))), approvals


def _satisfaction(session: Session, cohort: _Cohort) -> Satisfaction:
    right, recommend = col(CheckIn.made_it_right), col(CheckIn.recommend)
    answers = (
        select(right, recommend, func.count()).where(col(CheckIn.answered_at).is_not(None)).group_by(right, recommend)
    )
    rows = session.execute(cohort.rows_of(answers, CheckIn.case_id)).all()
    made_it_right: Counter[int] = Counter()
    recommended: Counter[int] = Counter()
    for right_score, recommend_score, count in rows:
        made_it_right[right_score] += count
        recommended[recommend_score] += count
    return Satisfaction(
        answered=sum(made_it_right.values()),
        csat=csat(made_it_right),
        nps=nps(recommended),
        made_it_right=dict(sorted(made_it_right.items())),
        recommend=dict(sorted(recommended.items())),
    )


def _paraphrase(session: Session, cohort: _Cohort) -> dict[ParaphraseOutcome, int]:
    """How "what bothered you most" (topic 0) was settled, one outcome per case: by the round that settled it,
    the one answered "confirmed" or "own words" (a topic has at most one: it ends there, portal.recovery.journey), the
    first round or a later one. Counted in one pass over the rounds, with no grouping per case (a million
    cases: the per-case grouping sorted the period's rounds, 0.8 s of the page's 1.8 s on PostgreSQL)."""
    rounds = ConversationRound
    first = col(rounds.round_no) == 1
    answer = col(rounds.answer)
    settled = (
        select(answer, first, func.count())
        .where(col(rounds.topic) == 0, answer.in_(("confirmed", "own_words")))
        .group_by(answer, first)
    )
    rows = session.execute(cohort.rows_of(settled, rounds.case_id)).all()
    counts = dict.fromkeys(ParaphraseOutcome, 0)
    for given, on_first, count in rows:
        if given == "own_words":
            counts[ParaphraseOutcome.OWN_WORDS] += count
        else:
            counts[ParaphraseOutcome.FIRST_TRY if on_first else ParaphraseOutcome.AFTER_CORRECTIONS] += count
    return counts


# --- lessons ------------------------------------------------------------------------------------------------


_LESSON_COLUMNS = (col(Case.reference), col(Lesson.created_at), col(Lesson.root_cause), col(Lesson.what_we_change))


def lesson_groups(
    engine: Engine, actor: StaffActor, start: date, end: date, per_cause: int = LESSONS_SHOWN_PER_CAUSE
) -> list[LessonGroup]:
    """Lessons recorded in the period, by root cause (most frequent cause first), each with its count
    and its newest ``per_cause`` lessons. Who recorded a lesson is never part of it."""
    since, until = _period(start, end)
    recorded = and_(col(Lesson.created_at) >= since, col(Lesson.created_at) < until)
    with _managers_read(engine, actor) as session:
        cause_column = col(Lesson.root_cause)
        counts = session.execute(select(cause_column, func.count()).where(recorded).group_by(cause_column)).all()
        groups = []
        for cause, count in sorted(counts, key=lambda row: (-row[1], row[0])):
            rows = session.execute(
                select(*_LESSON_COLUMNS)
                .join(Case, col(Case.id) == Lesson.case_id)
                .where(recorded, col(Lesson.root_cause) == cause)
                .order_by(col(Lesson.created_at).desc(), col(Lesson.id).desc())
                .limit(per_cause)
            ).all()
            groups.append(LessonGroup(cause, count, [LessonLine(*row) for row in rows]))
    return groups


LESSONS_HEADER = ("root_cause", "recorded_at", "case_reference", "what_we_change")


def write_lessons_csv(engine: Engine, actor: StaffActor, start: date, end: date, out: IO[str]) -> int:
    """Every lesson recorded in the period as CSV (grouped by root cause, newest first); returns the row count."""
    since, until = _period(start, end)
    written = 0
    with _managers_read(engine, actor) as session:
        writer = csv.writer(out)
        writer.writerow(LESSONS_HEADER)
        rows = session.execute(
            select(*_LESSON_COLUMNS)
            .join(Case, col(Case.id) == Lesson.case_id)
            .where(col(Lesson.created_at) >= since, col(Lesson.created_at) < until)
            .order_by(Lesson.root_cause, col(Lesson.created_at).desc(), col(Lesson.id).desc())
            .execution_options(yield_per=EXPORT_BATCH)
        )
        for reference, recorded_at, cause, change in rows:
            writer.writerow([safe_cell(v) for v in (cause, _iso(recorded_at), reference, change)])
            written += 1
    _audit(engine, actor, EVENT_LESSONS_EXPORTED, start, end, written)
    return written


def lessons_csv(engine: Engine, actor: StaffActor, start: date, end: date) -> str:
    out = io.StringIO()
    write_lessons_csv(engine, actor, start, end, out)
    return out.getvalue()


# --- the cases export ---------------------------------------------------------------------------------------


CASES_HEADER = (
    "reference",
    "created_at",
    "status",
    "category",
    "language",
    "order_ref",
    "amount_at_stake",
    "currency",
    "agreed_remedies",
    "agreed_total",
    "first_response_at",
    "fulfilled_at",
    "closed_at",
    "reopened",
    "made_it_right",
    "recommend",
    "owner",
    "customer_name",
    "customer_email",
    "confirmed_paraphrase",
)


def _answered(checkin: Any) -> ColumnElement[bool]:
    return and_(col(checkin.case_id) == Case.id, col(checkin.answered_at).is_not(None))


def _latest_answer(engine: Engine) -> tuple[Any, ColumnElement[bool], tuple[Any, Any]]:
    """The row's latest answered check-in (the highest id), joined once for both its scores, and the join's
    condition, and its two scores. PostgreSQL: a ``LATERAL`` subquery reading that one check-in by case (``ORDER BY id DESC LIMIT 1``),
    so the planner looks it up per case; joined ``ON id = (SELECT max(id) ...)`` instead, it hashed the whole
    check-in table (a million rows) to probe it with the subquery. SQLite, which has no ``LATERAL``, takes that
    ``ON`` (one index lookup a case)."""
    if is_postgres(engine):
        latest = (
            select(col(CheckIn.made_it_right), col(CheckIn.recommend))
            .where(_answered(CheckIn))
            .order_by(col(CheckIn.id).desc())
            .limit(1)
            .correlate(Case)
            .lateral("answer")
        )
        return latest, true(), (latest.c.made_it_right, latest.c.recommend)
    answer = aliased(CheckIn, name="answer")
    latest_id = select(func.max(CheckIn.id)).where(_answered(CheckIn)).correlate(Case).scalar_subquery()
    return answer, col(answer.id) == latest_id, (answer.made_it_right, answer.recommend)


def _iso_text(engine: Engine, moment: Any) -> ColumnElement[str]:
    """A stored time as '2026-03-01T09:30:00Z' (NULL stays NULL: an empty cell), formatted by the database. SQLite
    keeps times as SQLAlchemy writes them, always '2026-03-01 09:30:00.000000' in UTC (sqlmodel's UTCDateTime), so
    the text is cut from it instead of parsed by ``strftime`` (a quarter of the query's time over four columns)."""
    if is_postgres(engine):
        return func.to_char(func.timezone("UTC", moment), 'YYYY-MM-DD"T"HH24:MI:SS"Z"', type_=String)
    return func.substr(moment, 1, 10, type_=String) + "T" + func.substr(moment, 12, 8, type_=String) + "Z"


def _iso(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def _decimal_text(cents: Any) -> ColumnElement[str]:
    """Cents as a plain number a spreadsheet sums ("120.50"; NULL for none), the same text on both databases:
    whole units, then ``100 + cents % 100`` without its leading 1 (amounts are never negative)."""
    units = func.cast(cents // 100, String)
    return units + "." + func.substr(func.cast(100 + cents % 100, String), 2, type_=String)


def _safe_text(value: Any) -> ColumnElement[str]:
    """``safe_cell`` in SQL: a leading apostrophe on text a spreadsheet would run as a formula (NULL stays NULL)."""
    return case((func.substr(value, 1, 1, type_=String).in_(_FORMULA_STARTS), "'" + value), else_=value)


def _agreed_remedies(engine: Engine) -> tuple[ColumnElement[str], ColumnElement[str], Any]:
    """The row's agreed remedies, in the order they were made, as one (defused) cell ("Refund the visit (20.00 USD);
    Chocolates"), their total, and what the query must join for them (None: nothing). PostgreSQL: one ``LATERAL``
    aggregate for both, read once a case; SQLite (3.40, no ``LATERAL`` and no ORDER BY inside an aggregate): two
    correlated subqueries over ``ix_case_remedy_agreed``, an ordered one feeding ``group_concat`` in its order."""
    remedy = CaseRemedy
    agreed = and_(col(remedy.case_id) == Case.id, col(remedy.status).in_([str(s) for s in AGREED_STATUSES]))
    piece = case(
        (col(remedy.amount_cents).is_(None), col(remedy.description)),
        else_=col(remedy.description) + " (" + _decimal_text(remedy.amount_cents) + " " + Case.currency + ")",
    )
    summed = func.sum(func.coalesce(remedy.amount_cents, 0))
    if is_postgres(engine):
        joined = func.string_agg(piece, aggregate_order_by(literal("; "), col(remedy.id)), type_=String)
        both = select(joined.label("pieces"), summed.label("cents")).where(agreed).correlate(Case).lateral("agreed")
        return _safe_text(both.c.pieces), _decimal_text(both.c.cents), both
    pieces = select(piece.label("piece")).where(agreed).order_by(col(remedy.id)).correlate(Case).subquery()
    summary = select(_safe_text(func.group_concat(pieces.c.piece, "; ", type_=String)))
    total = select(_decimal_text(summed)).where(agreed)
    return summary.scalar_subquery(), total.scalar_subquery(), None


def _cases_query(engine: Engine, since: datetime, until: datetime) -> Select[Any]:
    """The whole export as one query, every cell already the text the file holds (NULL for an empty cell), oldest
    first: the database does the joins, the formatting and the formula defusing, and the rows go to the file
    through the driver alone (a million cases: the Python loop per row was most of the export's time)."""
    remedies, total, remedies_joined = _agreed_remedies(engine)
    answer, answer_on, (made_it_right, recommend) = _latest_answer(engine)
    columns = (
        Case.reference,
        _iso_text(engine, Case.created_at),
        Case.status,
        Case.category,
        Case.language,
        _safe_text(Case.order_ref),
        _decimal_text(Case.amount_cents),
        Case.currency,
        remedies,
        total,
        _iso_text(engine, Case.first_response_at),
        _iso_text(engine, Case.fulfilled_at),
        _iso_text(engine, Case.closed_at),
        case((col(Case.reopen_count) > 0, "yes"), else_="no"),
        made_it_right,
        recommend,
        _safe_text(StaffMember.name),
        _safe_text(Customer.name),
        _safe_text(Customer.email),
        _safe_text(Case.confirmed_paraphrase),
    )
    query = (
        select(*(column.label(name) for column, name in zip(columns, CASES_HEADER, strict=True)))
        .select_from(Case)
        .join(Customer, col(Customer.id) == Case.customer_id)
        .outerjoin(StaffMember, col(StaffMember.id) == Case.owner_id)
        .outerjoin(answer, answer_on)
    )
    if remedies_joined is not None:
        query = query.outerjoin(remedies_joined, true())
    return query.where(col(Case.created_at) >= since, col(Case.created_at) < until).order_by(
        col(Case.created_at), col(Case.id)
    )


def _copy_cases(session: Session, query: Select[Any], out: IO[str]) -> int:
    """PostgreSQL: ``COPY (query) TO STDOUT WITH CSV HEADER`` through psycopg's copy, each row decoded as it
    arrives (libpq hands over one row at a time). Returns the number of cases."""
    compiled = query.compile(dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True})
    # The planner's cost estimate for a period's rows is far above jit_above_cost, and compiling this many
    # expressions took 2.6-3 s of a 58,000-row export (EXPLAIN ANALYZE) for nothing the rows gain back.
    session.execute(text("SET LOCAL jit = off"))
    # The period's rows sorted by creation: with the default 4 MB a month's sort went to disk (external merge).
    session.execute(text(f"SET LOCAL work_mem = '{SORT_MEMORY_MB}MB'"))
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    decode = codecs.getincrementaldecoder("utf-8")().decode
    chunks = -1  # the header
    with cursor.copy(f"COPY ({compiled}) TO STDOUT WITH (FORMAT csv, HEADER)", compiled.params) as copy:
        for chunk in copy:
            out.write(decode(chunk))
            chunks += 1
    out.write(decode(b"", True))
    return chunks


def _write_cases(session: Session, query: Select[Any], out: IO[str]) -> int:
    """SQLite: the query's rows from the driver's own cursor, ``EXPORT_BATCH`` at a time, into ``csv.writer``
    (the file's bytes are the same as PostgreSQL's ``COPY`` writes). Returns the number of cases."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CASES_HEADER)
    cursor = session.connection().execute(query).cursor  # plain tuples of text and numbers, nothing to convert
    written = 0
    while batch := cursor.fetchmany(EXPORT_BATCH):
        writer.writerows(batch)
        written += len(batch)
    return written


def write_cases_csv(engine: Engine, actor: StaffActor, start: date, end: date, out: IO[str]) -> int:
    """The cases opened in the period as CSV, oldest first, with a header row; returns the number of cases.

    Includes the customer's name and email (a manager exporting cases needs to reach them) and the
    paraphrase the customer confirmed; nothing else they wrote. Recorded in the audit log.

    Only the cells people wrote are defused (names, addresses, order references, remedies, the paraphrase): the
    others are references, times, numbers and our own words, none of which can start like a formula. The rows
    stream from one query (``_cases_query``) straight to ``out``, so memory stays flat whatever the period."""
    since, until = _period(start, end)
    with _managers_read(engine, actor) as session:
        query = _cases_query(engine, since, until)
        written = _copy_cases(session, query, out) if is_postgres(engine) else _write_cases(session, query, out)
    _audit(engine, actor, EVENT_CASES_EXPORTED, start, end, written)
    return written


def cases_csv(engine: Engine, actor: StaffActor, start: date, end: date) -> str:
    out = io.StringIO()
    write_cases_csv(engine, actor, start, end, out)
    return out.getvalue()


def lessons_csv_bytes(engine: Engine, actor: StaffActor, start: date, end: date) -> bytes:
    """The lessons CSV as a download (UTF-8 with a BOM, so spreadsheets read accents and Hebrew; a few thousand
    rows at most: the cases, up to a million, are streamed by portal/web/exports.py instead). Rows are streamed to
    a temporary file first, so the only full copy in memory is the bytes handed back."""
    with tempfile.TemporaryFile() as spool:
        text = io.TextIOWrapper(spool, encoding="utf-8-sig", newline="")
        write_lessons_csv(engine, actor, start, end, text)
        text.flush()
        text.detach()  # keep the file open: the bytes are read back below
        spool.seek(0)
        return spool.read()


def _audit(engine: Engine, actor: StaffActor, kind: timeline.Kind, start: date, end: date, rows: int) -> None:
    with write_session(engine) as session:
        timeline.record_setting(
            session, kind, timeline.staff_actor(actor.id), start=start.isoformat(), end=end.isoformat(), rows=rows
        )
