"""The figures a case row carries for the Insights page, kept from the case's own times.

The page counts a period's cases per UTC day, and takes the medians of their times to first response and to
fulfilment (portal.back_office.insights). Worked out per case from the times at every view, over a million cases,
that was most of the page's time on SQLite: so each case stores them, and the page reads them from one index
(``ix_case_insights``) in its order:

- ``created_day``: the UTC day the case was opened;
- ``first_response_s``: seconds from opening to the first staff action (NULL until then);
- ``resolution_s``: seconds from opening to the (latest) fulfilment of its remedy (NULL until then).

Each is a function of ``created_at``, ``first_response_at`` and ``fulfilled_at`` alone, computed here by the
database with the very expressions the page used to run (so the figures are the same to the last bit), whenever
one of those times is written: an ORM flush of a case (``keep_current``, registered by db/models.py), the stamping
UPDATE of a first response (portal.recovery.decisions), or ``refresh`` for a statement that sets times directly.
Reopening a case, deciding on it again or erasing its customer's data leaves these times, and so these figures, as
they were; a second fulfilment moves ``fulfilled_at`` and so ``resolution_s``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Date, Float, String, cast, func, inspect, literal, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapper, Session
from sqlalchemy.sql.elements import ColumnElement

FIGURES = ("created_day", "first_response_s", "resolution_s")


def utc_day(dialect: str, moment: Any) -> ColumnElement[Any]:
    """The UTC calendar day of a stored time: a date on PostgreSQL, 'YYYY-MM-DD' text on SQLite (which keeps UTC
    times as ISO text: its first ten characters)."""
    if dialect == "postgresql":
        return cast(func.timezone("UTC", moment), Date)
    return func.substr(moment, 1, 10, type_=String)


def seconds_between(dialect: str, earlier: Any, later: Any) -> ColumnElement[float]:
    """Seconds from ``earlier`` to ``later`` as a float, NULL when either is (PostgreSQL's ``date_part``: ``EXTRACT``
    gives a numeric, several times slower to sort; SQLite's julianday counts whole milliseconds)."""
    if dialect == "postgresql":
        return func.date_part("epoch", later - earlier, type_=Float)
    return (func.julianday(later) - func.julianday(earlier)) * 86400.0


def day_of(moment: datetime) -> date:
    """The UTC day of a time, as ``utc_day`` finds it in the database (a naive time is UTC, as stored)."""
    return (moment.astimezone(UTC) if moment.tzinfo else moment).date()


def _time(case_class: Any, name: str, value: datetime | None) -> Any:
    """``value`` bound as the column ``name`` binds it (the same text on SQLite, the same timestamp on PostgreSQL),
    so a figure computed from it is the one computed from the stored column."""
    return None if value is None else literal(value, case_class.__table__.c[name].type)


def figures_from(
    dialect: str,
    case_class: Any,
    created_at: datetime,
    first_response_at: datetime | None,
    fulfilled_at: datetime | None,
) -> dict[str, Any]:
    """The three figures of a case whose times are these (written in the same statement as the times)."""
    opened = _time(case_class, "created_at", created_at)
    responded = _time(case_class, "first_response_at", first_response_at)
    fulfilled = _time(case_class, "fulfilled_at", fulfilled_at)
    return {
        "created_day": day_of(created_at),
        "first_response_s": None if responded is None else seconds_between(dialect, opened, responded),
        "resolution_s": None if fulfilled is None else seconds_between(dialect, opened, fulfilled),
    }


def first_response_from(dialect: str, case_class: Any, responded_at: datetime) -> dict[str, Any]:
    """The values an UPDATE stamping a first response at ``responded_at`` writes beside it (from the row's own
    ``created_at``)."""
    return {
        "first_response_at": responded_at,
        "first_response_s": seconds_between(
            dialect, case_class.created_at, _time(case_class, "first_response_at", responded_at)
        ),
    }


def refresh(session: Session, case_class: Any, where: ColumnElement[bool]) -> None:
    """Recompute the figures of the cases ``where`` selects from their stored times: after a statement that set
    those times directly (a backdated case in a test, the demo's seed)."""
    dialect = session.get_bind().dialect.name
    session.execute(
        update(case_class)
        .where(where)
        .values(
            created_day=utc_day(dialect, case_class.created_at),
            first_response_s=seconds_between(dialect, case_class.created_at, case_class.first_response_at),
            resolution_s=seconds_between(dialect, case_class.created_at, case_class.fulfilled_at),
        )
        .execution_options(synchronize_session=False)
    )


_DEPENDS_ON = {
    "created_day": ("created_at",),
    "first_response_s": ("created_at", "first_response_at"),
    "resolution_s": ("created_at", "fulfilled_at"),
}


def keep_current(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    """ORM flush of a case: a new case gets its figures; a changed one those whose times changed (only those: a
    time stamped by an UPDATE after the case was loaded, as a first response is, may be stale in ``target``)."""
    state = inspect(target)
    changed = {
        name
        for name in ("created_at", "first_response_at", "fulfilled_at")
        if not state.persistent or state.attrs[name].history.has_changes()
    }
    if not changed:
        return
    figures = figures_from(
        connection.dialect.name, type(target), target.created_at, target.first_response_at, target.fulfilled_at
    )
    for name, value in figures.items():
        if changed.intersection(_DEPENDS_ON[name]):
            setattr(target, name, value)
