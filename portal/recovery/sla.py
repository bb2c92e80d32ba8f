"""SLA clocks: how long staff have to first respond to a case and to resolve it, in business time.

Targets are per category (``SlaTarget`` rows hold managers' changes; a category without a row uses
``DEFAULT_TARGET``: 4 business hours to the first staff response, 3 business days to resolution).
A business day is one workday of the business's hours (Monday to Friday 09:00-17:00 in its time
zone unless a manager changes them), so "3 business days" from Friday 16:00 runs out on Wednesday
16:00 and "4 business hours" from Friday 16:00 on Monday 12:00.

The clocks of a case:
- first response: from the moment the case is opened until the first staff action
  (``Case.first_response_at``, stamped by portal.recovery.decisions); it runs once per case.
- resolution: from the case's opening until staff mark the remedy fulfilled. A reopened case
  starts a fresh resolution clock at the moment it reopens (the full target again).
- Neither clock pauses while the customer is deciding on an offer: the customer's turn is still a
  case we have not put right, and a paused clock would hide cases waiting on a slow answer.

``Case.sla_due_at`` is the deadline of the clock running now (first response while nobody has
responded, resolution after that, NULL once fulfilled): one indexed column for the queue's
"overdue only" filter and "due soonest" sort. This module keeps it in step (``clocks_on_open``,
``after_first_response``, ``after_reopen``; fulfilment clears it).

A case reopened ``ESCALATE_AFTER_REOPENS`` times goes to a manager automatically (``escalate``).

All inputs and outputs are timezone-aware UTC datetimes; local time is only used inside, with
zoneinfo, so daylight-saving changes are counted as the hours that really pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import ClassVar
from zoneinfo import ZoneInfo, available_timezones

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from db.engine import read_session, write_session
from db.models import Business, Case, SlaTarget, StaffMember, utcnow
from portal.back_office.staff import StaffActor, require_manager
from portal.business import current_business
from portal.conversation.vocabulary import Category
from portal.errors import StaleCase
from portal.recovery import timeline
from portal.recovery.remedies import Role
from portal.recovery.states import ENDED, Status

ESCALATE_AFTER_REOPENS = 2
# A running clock with less than this much business time left is "due soon" in the queue.
DUE_SOON = timedelta(hours=2)
MAX_FIRST_RESPONSE_MINUTES = 5 * 24 * 60
MAX_RESOLUTION_DAYS = 60
EVENT_ESCALATED = timeline.Kind.ESCALATED
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# --- business hours and business-time arithmetic ------------------------------------------------------------


@dataclass(frozen=True)
class BusinessHours:
    """When the business works: ``start``-``end`` local time in ``timezone`` on ``workdays``
    (ISO weekday numbers, Monday = 1)."""

    timezone: str = "UTC"
    start: time = time(9, 0)
    end: time = time(17, 0)
    workdays: frozenset[int] = frozenset({1, 2, 3, 4, 5})

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def workday(self) -> timedelta:
        """The nominal length of a workday (a business day of a resolution target)."""
        return datetime.combine(date.min, self.end) - datetime.combine(date.min, self.start)

    @classmethod
    def stored(cls, timezone: str, start_minute: int, end_minute: int, workdays: str) -> "BusinessHours":
        """From the Business columns (minutes after midnight; ISO weekdays as digits)."""
        return cls(
            timezone=timezone,
            start=_time(start_minute),
            end=_time(end_minute),
            workdays=frozenset(int(d) for d in workdays if d.isdigit()),
        )

    @classmethod
    def of(cls, business: Business) -> "BusinessHours":
        return cls.stored(
            business.sla_timezone, business.workday_start_minute, business.workday_end_minute, business.workdays
        )

    def problems(self) -> list[str]:
        found = []
        if self.timezone not in timezones():
            found.append(f"Unknown time zone {self.timezone!r}: pick one from the list, for example Europe/London.")
        if self.end <= self.start:
            found.append("The workday must end after it starts.")
        if not self.workdays:
            found.append("Choose at least one workday.")
        elif not self.workdays <= set(range(1, 8)):
            found.append("Workdays are Monday to Sunday.")
        return found

    def describe(self) -> str:
        order = week_order(self.workdays)
        days = [d for d in order if d in self.workdays]
        positions = [order.index(d) for d in days]
        if len(days) > 2 and positions == list(range(positions[0], positions[0] + len(days))):
            named = f"{_WEEKDAY_NAMES[days[0] - 1]} to {_WEEKDAY_NAMES[days[-1] - 1]}"
        else:
            named = ", ".join(_WEEKDAY_NAMES[d - 1] for d in days)
        return f"{named}, {self.start:%H:%M}-{self.end:%H:%M} ({self.timezone})"


def week_order(workdays: frozenset[int] | set[int]) -> list[int]:
    """The ISO weekdays (1 = Monday) in the order this business's week runs: from the first workday after
    a day off, Monday first when several qualify. A Sunday-to-Thursday week starts on Sunday."""
    starts = [d for d in range(1, 8) if d in workdays and (d - 2) % 7 + 1 not in workdays]
    first = starts[0] if starts else 1
    return [(first - 1 + i) % 7 + 1 for i in range(7)]


def _time(minute: int) -> time:
    return time(minute // 60, minute % 60)


def _minute(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("Business-time arithmetic needs timezone-aware datetimes.")
    return moment.astimezone(UTC)


def _open_hours(day: date, hours: BusinessHours) -> tuple[datetime, datetime] | None:
    """The UTC opening and closing moments of ``day`` (a local date), or None on a day off."""
    if day.isoweekday() not in hours.workdays:
        return None
    zone = hours.zone
    return (
        datetime.combine(day, hours.start, zone).astimezone(UTC),
        datetime.combine(day, hours.end, zone).astimezone(UTC),
    )


def _offset(day: date, hours: BusinessHours) -> timedelta | None:
    return datetime.combine(day, time(0), hours.zone).utcoffset()


def add_business_time(start: datetime, duration: timedelta, hours: BusinessHours) -> datetime:
    """The moment ``duration`` of business time after ``start`` (UTC in, UTC out).

    A start outside business hours counts from the next opening; a deadline that falls exactly on
    a closing time stays there (Friday 16:00 + 1h is Friday 17:00, not Monday 09:00).
    """
    cursor = _utc(start)
    if duration <= timedelta(0):
        return cursor
    if not hours.workdays or hours.end <= hours.start:
        raise ValueError("Business hours need at least one workday that ends after it starts.")
    remaining = duration
    day = cursor.astimezone(hours.zone).date()
    while True:
        window = _open_hours(day, hours)
        if window is not None:
            opens, closes = window
            begin = max(cursor, opens)
            if begin < closes:
                available = closes - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
        day += timedelta(days=1)


def business_time_between(a: datetime, b: datetime, hours: BusinessHours) -> timedelta:
    """Business time from ``a`` to ``b``; negative when ``b`` is before ``a``."""
    a, b = _utc(a), _utc(b)
    if b < a:
        return -business_time_between(b, a, hours)
    total = timedelta(0)
    first, last = a.astimezone(hours.zone).date(), b.astimezone(hours.zone).date()
    day = first
    week, full_week = timedelta(days=7), len(hours.workdays) * hours.workday
    while day <= last:
        # A whole week strictly between the first and last days, with the same UTC offset at both ends, holds
        # exactly its workdays (no zone changes its clocks twice in a week): long overdue spans stay cheap.
        if first < day and (last - day).days > 7 and _offset(day, hours) == _offset(day + week, hours):
            total += full_week
            day += week
            continue
        window = _open_hours(day, hours)
        if window is not None:
            begin, end = max(a, window[0]), min(b, window[1])
            if begin < end:
                total += end - begin
        day += timedelta(days=1)
    return total


# --- targets -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What staff promise for a category: a first response within ``first_response_minutes`` of
    business time and a resolution within ``resolution_days`` business days."""

    first_response_minutes: int = 4 * 60
    resolution_days: int = 3

    def first_response(self) -> timedelta:
        return timedelta(minutes=self.first_response_minutes)

    def resolution(self, hours: BusinessHours) -> timedelta:
        return self.resolution_days * hours.workday

    def problems(self, hours: BusinessHours | None = None) -> list[str]:
        found = []
        if not 15 <= self.first_response_minutes <= MAX_FIRST_RESPONSE_MINUTES:
            found.append(
                f"The first response target must be between 15 minutes and "
                f"{MAX_FIRST_RESPONSE_MINUTES // 60} business hours."
            )
        if not 1 <= self.resolution_days <= MAX_RESOLUTION_DAYS:
            found.append(f"The resolution target must be between 1 and {MAX_RESOLUTION_DAYS} business days.")
        elif hours is not None and self.first_response() > self.resolution(hours):
            found.append("The first response target cannot be longer than the resolution target.")
        return found


DEFAULT_TARGET = Target()


@dataclass(frozen=True)
class CategoryTarget:
    """A category's target as the managers' page shows it; ``version`` 0 means "the defaults, never changed"."""

    category: str
    target: Target
    version: int
    is_default: bool


@dataclass(frozen=True)
class SlaSettings:
    hours: BusinessHours
    hours_version: int  # Business.version, for optimistic locking of the business hours
    targets: list[CategoryTarget]

    def target_for(self, category: str) -> Target:
        return next((t.target for t in self.targets if t.category == category), DEFAULT_TARGET)


def _target(session: Session, category: str) -> Target:
    row = session.exec(select(SlaTarget).where(SlaTarget.category == category)).first()
    return Target(row.first_response_minutes, row.resolution_days) if row else DEFAULT_TARGET


def load_settings(engine: Engine) -> SlaSettings:
    """Business hours and every category's target (defaults where no manager changed them)."""
    with read_session(engine) as session:
        business = current_business(session)
        rows = {row.category: row for row in session.exec(select(SlaTarget))}
    targets = []
    for category in Category:
        row = rows.get(str(category))
        targets.append(
            CategoryTarget(str(category), Target(row.first_response_minutes, row.resolution_days), row.version, False)
            if row
            else CategoryTarget(str(category), DEFAULT_TARGET, 0, True)
        )
    return SlaSettings(BusinessHours.of(business), business.version, targets)


def business_hours(engine: Engine) -> BusinessHours:
    """The business hours alone (one light query; the queue page asks it every run)."""
    with engine.connect() as conn:
        row = conn.execute(
            select(
                Business.sla_timezone,
                Business.workday_start_minute,
                Business.workday_end_minute,
                col(Business.workdays),
            )
            .order_by(col(Business.id))
            .limit(1)
        ).one()
    return BusinessHours.stored(*row)


MANAGERS_ONLY = "Only managers can change response targets and business hours."


def save_target(engine: Engine, actor: StaffActor, category: str, target: Target, expected_version: int) -> int:
    """Set one category's targets (managers only, audited). ``expected_version`` is the version the page
    showed (0 for a category still on the defaults); returns the new version. Applies to cases opened
    (or reopened) from now on: deadlines already promised stay as they were."""
    if category not in {str(c) for c in Category}:
        raise ValueError(f"Unknown category {category!r}.")
    with write_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        problems = target.problems(BusinessHours.of(current_business(session)))
        if problems:
            raise ValueError(" ".join(problems))
        row = session.exec(select(SlaTarget).where(SlaTarget.category == category)).first()
        if (row.version if row else 0) != expected_version:
            raise StaleCase("These targets were changed by someone else meanwhile. Please reload.")
        before = Target(row.first_response_minutes, row.resolution_days) if row else DEFAULT_TARGET
        if before == target:
            return expected_version
        if row is None:
            row = SlaTarget(category=category, first_response_minutes=0, resolution_days=0, version=0)
        row.first_response_minutes, row.resolution_days = target.first_response_minutes, target.resolution_days
        row.version += 1
        row.updated_at, row.updated_by_id = utcnow(), actor.id
        session.add(row)
        timeline.record_setting(
            session,
            timeline.Kind.SLA_TARGET_CHANGED,
            timeline.staff_actor(actor.id),
            category=category,
            before=before.__dict__,
            after=target.__dict__,
        )
        return row.version


def save_business_hours(engine: Engine, actor: StaffActor, hours: BusinessHours, expected_version: int) -> int:
    """Change the business hours the clocks count in (managers only, audited); returns Business.version.
    ``expected_version`` is the Business.version the page showed (the policy page shares it)."""
    problems = hours.problems()
    if problems:
        raise ValueError(" ".join(problems))
    with write_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        business = current_business(session)
        if business.version != expected_version:
            raise StaleCase("These settings were changed by someone else meanwhile. Please reload.")
        before = BusinessHours.of(business)
        if before == hours:
            return business.version
        business.sla_timezone = hours.timezone
        business.workday_start_minute, business.workday_end_minute = _minute(hours.start), _minute(hours.end)
        business.workdays = "".join(str(d) for d in sorted(hours.workdays))
        business.version += 1
        session.add(business)
        timeline.record_setting(
            session,
            timeline.Kind.BUSINESS_HOURS_CHANGED,
            timeline.staff_actor(actor.id),
            before=before.describe(),
            after=hours.describe(),
        )
        return business.version


# --- a case's clocks ----------------------------------------------------------------------------------------


def clocks_on_open(session: Session, case: Case, opened_at: datetime, business: Business | None = None) -> None:
    """Set a new case's deadlines from its category's target (in the transaction that opens it)."""
    hours = BusinessHours.of(business or current_business(session))
    target = _target(session, case.category)
    case.first_response_due_at = add_business_time(opened_at, target.first_response(), hours)
    case.resolve_due_at = add_business_time(opened_at, target.resolution(hours), hours)
    case.sla_due_at = case.first_response_due_at


def after_first_response() -> dict[str, object]:
    """The values that stop the first-response clock in portal.recovery.decisions' stamping UPDATE: the running
    clock becomes the resolution one (still running unless the case is already fulfilled)."""
    return {"sla_due_at": Case.resolve_due_at}


def after_reopen(session: Session, case: Case, reopened_at: datetime) -> None:
    """A reopened case: count it and start a fresh resolution clock (in the reopening transaction)."""
    hours = BusinessHours.of(current_business(session))
    case.reopen_count = (case.reopen_count or 0) + 1
    case.resolve_due_at = add_business_time(reopened_at, _target(session, case.category).resolution(hours), hours)
    case.sla_due_at = case.first_response_due_at if case.first_response_at is None else case.resolve_due_at


def escalate(session: Session, case: Case) -> StaffMember | None:
    """A case reopened ``ESCALATE_AFTER_REOPENS`` times or more goes to a manager, unless one owns it already.

    The manager is the active one with the fewest open cases (then the lowest id, so the choice is
    repeatable); the business owner's account wins a tie when it is a manager. Logged as
    ``escalated_to_manager`` by the system. Returns the new owner, or None when nothing changed.
    """
    if (case.reopen_count or 0) < ESCALATE_AFTER_REOPENS:
        return None
    owner = session.get(StaffMember, case.owner_id) if case.owner_id else None
    if owner is not None and owner.is_active and owner.role == Role.MANAGER:
        return None
    managers = list(
        session.exec(
            select(StaffMember).where(StaffMember.role == str(Role.MANAGER), col(StaffMember.is_active).is_(True))
        )
    )
    if not managers:
        return None
    open_statuses = [str(s) for s in Status if s not in ENDED]
    load = dict(
        session.exec(
            select(Case.owner_id, func.count())
            .where(
                col(Case.owner_id).in_([m.id for m in managers]),
                col(Case.status).in_(open_statuses),
                col(Case.id) != case.id,
            )
            .group_by(col(Case.owner_id))
        ).all()
    )
    owner_email = current_business(session).owner_email.lower()
    chosen = min(managers, key=lambda m: (load.get(m.id, 0), m.email.lower() != owner_email, m.id))
    previous = case.owner_id
    case.owner_id = chosen.id
    session.add(case)
    timeline.record(
        session,
        case,
        EVENT_ESCALATED,
        timeline.SYSTEM,
        owner_id=chosen.id,
        owner_name=chosen.name,
        previous_owner_id=previous,
        reopen_count=case.reopen_count,
    )
    return chosen


# --- what the queue and the case page show -----------------------------------------------------------------


class ClockKind(StrEnum):
    FIRST_RESPONSE = "first_response"
    RESOLUTION = "resolution"


class ClockState(StrEnum):
    RUNNING = "running"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


CLOCK_LABELS = {ClockKind.FIRST_RESPONSE: "First response", ClockKind.RESOLUTION: "Resolution"}


@dataclass(frozen=True)
class Clock:
    """The clock running on a case now: ``left`` is business time to the deadline (negative: overdue)."""

    kind: ClockKind
    due_at: datetime
    left: timedelta

    @property
    def state(self) -> ClockState:
        if self.left < timedelta(0):
            return ClockState.OVERDUE
        return ClockState.DUE_SOON if self.left < DUE_SOON else ClockState.RUNNING

    @property
    def overdue(self) -> bool:
        return self.state is ClockState.OVERDUE

    def describe(self) -> str:
        """For example "First response: 1h 20m left" or "Resolution: overdue by 5h"."""
        label = CLOCK_LABELS[self.kind]
        if self.overdue:
            return f"{label}: overdue by {format_duration(-self.left)}"
        return f"{label}: {format_duration(self.left)} left"

    BADGES: ClassVar[dict[ClockState, str]] = {
        ClockState.OVERDUE: "Overdue",
        ClockState.DUE_SOON: "Due soon",
        ClockState.RUNNING: "On time",
    }

    def badge(self) -> str:
        """A short status word that does not rely on colour."""
        return self.BADGES[self.state]


def running_clock(
    sla_due_at: datetime | None, awaiting_first_response: bool, now: datetime, hours: BusinessHours
) -> Clock | None:
    """The clock running on a case (None when none runs: fulfilled, closed, or opened before clocks existed)."""
    if sla_due_at is None:
        return None
    kind = ClockKind.FIRST_RESPONSE if awaiting_first_response else ClockKind.RESOLUTION
    return Clock(kind, sla_due_at, business_time_between(now, sla_due_at, hours))


def case_clock(case: Case, now: datetime, hours: BusinessHours) -> Clock | None:
    return running_clock(case.sla_due_at, case.first_response_at is None, now, hours)


def format_duration(span: timedelta) -> str:
    """Business time as staff read it: "45m", "3h 05m", "2d 4h" (a day here is 24 hours of it)."""
    minutes = max(0, int(span.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h" if hours else f"{days}d"
    if hours:
        return f"{hours}h {minutes:02d}m" if minutes else f"{hours}h"
    return f"{minutes}m"


def format_minutes(total: int) -> str:
    """A target in hours and minutes: "4h", "1h 30m", "45m"."""
    hours, minutes = divmod(total, 60)
    if not hours:
        return f"{minutes}m"
    return f"{hours}h {minutes:02d}m" if minutes else f"{hours}h"


def format_target(target: Target) -> str:
    days = f"{target.resolution_days} business day{'s' if target.resolution_days != 1 else ''}"
    return f"first response within {format_minutes(target.first_response_minutes)}, resolution within {days}"


@lru_cache(maxsize=1)
def timezones() -> tuple[str, ...]:
    """Every IANA time zone name, sorted, for the managers' picker (read from disk once)."""
    return tuple(sorted(available_timezones()))
