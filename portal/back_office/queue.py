"""The staff case queue: filter, search, sort and page through every case in three queries.

``load_queue`` runs one query for the page of rows (cases joined to their customer and
owner: no per-row queries), one for the number of matching cases, and one for the
number of cases in each status across the whole store. When the filter is by status
alone (or empty) the total is the sum of those counts and its query is skipped.

"Amount at stake" is the case's own ``amount_cents``: the amount the customer said was
involved. A pending proposal's amount lives on the case page; keeping the queue's amount
a column of the case keeps sorting by it an index scan.

Search text with an "@" matches a customer's whole email address, ignoring case. Any other
text matches a reference exactly or by its start, ignoring case (``am-7k`` finds
``AM-7KQ2PX``), or an order reference exactly, ignoring case.

Speed: every query but the status counts reads only about the rows it returns, given these
indexes (benchmarks/staff_queue.py and benchmarks/staff_scale.py measure it): ``case (status, created_at)``
for a status filter or the "by status" sort, ``case (coalesce(amount_cents, -1), created_at)`` for the amount sort,
``case (lower(order_ref))`` and ``customer (lower(email))`` for search, ``case (sla_due_at)`` for
"overdue only" and "due soonest" (the running SLA clock's deadline, kept by portal.recovery.sla). Without them the
answers are the same but those queries scan the table. The status counts always read one
index entry per case (tens of milliseconds at a million cases).
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, and_, func, literal, literal_column, select, union, union_all
from sqlalchemy.orm import Mapped
from sqlmodel import col

from db.models import Case, Customer, StaffMember, utcnow
from portal.recovery.states import ENDED, Status
from portal.text import clean

UNASSIGNED = "unassigned"
DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 200

# "By status" puts what needs staff first, then the customer's turn, then what is settled.
STATUS_ORDER: tuple[Status, ...] = (
    Status.AWAITING_APPROVAL,
    Status.REOPENED,
    Status.ACCEPTED,
    Status.COUNTERED,
    Status.AWAITING_CUSTOMER,
    Status.FULFILLED,
    Status.CLOSED,
    Status.WITHDRAWN,
)


class Sort(StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"
    AMOUNT = "amount"  # amount at stake, largest first; cases without an amount last
    STATUS = "status"  # STATUS_ORDER, newest first within a status
    DUE = "due"  # the running SLA clock's deadline, soonest (most overdue) first; cases without one last


@dataclass(frozen=True)
class QueueFilter:
    statuses: Collection[str] = ()  # empty: every status
    categories: Collection[str] = ()  # empty: every category
    owner_id: int | str | None = None  # a staff id, UNASSIGNED, or None for anyone's
    min_age_days: int | None = None  # whole days since the case was opened
    max_age_days: int | None = None
    search: str = ""
    overdue_only: bool = False  # cases whose running SLA clock is past its deadline (portal.recovery.sla)
    sort: Sort = Sort.NEWEST
    page: int = 1  # 1-based; past the last page means the last page
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def by_status_only(self) -> bool:
        return (
            not self.categories
            and self.owner_id is None
            and self.min_age_days is None
            and self.max_age_days is None
            and not self.search.strip()
            and not self.overdue_only
        )


@dataclass(frozen=True)
class QueueRow:
    id: int
    reference: str
    status: str
    category: str
    age_days: int
    owner_name: str  # "" when nobody owns the case yet
    customer_email: str
    amount_cents: int | None
    currency: str
    created_at: datetime
    sla_due_at: datetime | None = None  # the running SLA clock's deadline (portal.recovery.sla.running_clock)
    awaiting_first_response: bool = False  # which clock that is: first response, or resolution


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int  # cases matching the filter
    page: int  # the page shown (the requested one, kept within 1..pages)
    page_size: int
    status_counts: dict[str, int] = field(default_factory=dict)  # every status, over all cases

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))


def _prefix(column: Mapped[str], prefix: str) -> ColumnElement[bool]:
    """``column`` starts with ``prefix``, written so a B-tree index on the column serves it.

    The range narrows the index scan on any collation (it stops before the last character
    that is not a letter or digit, which some collations ignore); LIKE keeps the result exact.
    """
    starts = column.startswith(prefix, autoescape=True)
    stem = prefix.rstrip("".join(c for c in prefix if not c.isalnum()))
    if not stem:
        return starts
    upper_bound = stem[:-1] + chr(ord(stem[-1]) + 1)
    return and_(column >= stem, column < upper_bound, starts)


def _search(text: str) -> ColumnElement[bool] | None:
    """Text with an "@" is an email address; anything else a case or order reference."""
    words = clean(text)
    if not words:
        return None
    if "@" in words:
        customers = select(col(Customer.id)).where(func.lower(Customer.email) == func.lower(literal(words)))
        return col(Case.customer_id).in_(customers)
    by_reference = select(col(Case.id)).where(_prefix(col(Case.reference), words.upper()))
    by_order = select(col(Case.id)).where(func.lower(Case.order_ref) == func.lower(literal(words)))
    return col(Case.id).in_(union(by_reference, by_order))


def _conditions(filt: QueueFilter, now: datetime, *, statuses: bool = True) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filt.statuses and statuses:
        conditions.append(col(Case.status).in_(list(filt.statuses)))
    if filt.categories:
        conditions.append(col(Case.category).in_(list(filt.categories)))
    if filt.owner_id == UNASSIGNED:
        conditions.append(col(Case.owner_id).is_(None))
    elif filt.owner_id is not None:
        conditions.append(col(Case.owner_id) == int(filt.owner_id))
    if filt.min_age_days is not None:
        conditions.append(col(Case.created_at) <= now - timedelta(days=filt.min_age_days))
    if filt.max_age_days is not None:  # age in whole days <= max: opened less than max + 1 days ago
        conditions.append(col(Case.created_at) > now - timedelta(days=filt.max_age_days + 1))
    search = _search(filt.search)
    if search is not None:
        conditions.append(search)
    if filt.overdue_only:
        conditions.append(col(Case.sla_due_at) < now)
    return conditions


_COLUMNS = tuple(
    col(c)
    for c in (
        Case.id,
        Case.reference,
        Case.status,
        Case.category,
        Case.created_at,
        Case.amount_cents,
        Case.currency,
        Case.sla_due_at,
        Case.first_response_at,
        StaffMember.name,
        Customer.email,
    )
)


def _with_people(query: Select) -> Select:
    return query.join(Customer, col(Customer.id) == Case.customer_id).outerjoin(
        StaffMember, col(StaffMember.id) == Case.owner_id
    )


def _rows_query(filt: QueueFilter, now: datetime, offset: int, size: int) -> Select:
    newest: list[ColumnElement[Any]] = [col(Case.created_at).desc(), col(Case.id).desc()]
    ranked = [s for s in STATUS_ORDER if not filt.statuses or s in filt.statuses]
    if filt.sort is Sort.STATUS and ranked:
        return _rows_by_status(filt, ranked, now, offset, size)
    orders: dict[Sort, list[ColumnElement[Any]]] = {
        Sort.NEWEST: newest,
        Sort.STATUS: newest,  # none of the statuses asked for exists
        Sort.OLDEST: [col(Case.created_at).asc(), col(Case.id).asc()],
        # -1 puts cases without an amount last on both databases, and one expression index serves both.
        Sort.AMOUNT: [func.coalesce(Case.amount_cents, literal_column("-1")).desc(), *newest],
        Sort.DUE: [col(Case.sla_due_at).asc().nulls_last(), col(Case.id).asc()],
    }
    return (
        _with_people(select(*_COLUMNS))
        .where(*_conditions(filt, now))
        .order_by(*orders[filt.sort])
        .limit(size)
        .offset(offset)
    )


def _rows_by_status(filt: QueueFilter, statuses: list[Status], now: datetime, offset: int, size: int) -> Select:
    """``statuses`` in turn, newest first within each: the first ``offset + size`` cases of each status
    (each an index range scan on status and created_at), united and ranked, so no sort of every case."""
    others = _conditions(filt, now, statuses=False)
    branches = []
    for rank, status in enumerate(statuses):
        first = (
            select(col(Case.id), col(Case.created_at), literal(rank).label("rank"))
            .where(col(Case.status) == str(status), *others)
            .order_by(col(Case.created_at).desc(), col(Case.id).desc())
            .limit(offset + size)
            .subquery()
        )
        branches.append(select(first.c.id, first.c.created_at, first.c.rank))
    ranked = union_all(*branches).subquery("ranked")
    return (
        _with_people(select(*_COLUMNS).select_from(ranked).join(Case, col(Case.id) == ranked.c.id))
        .order_by(ranked.c.rank, ranked.c.created_at.desc(), ranked.c.id.desc())
        .limit(size)
        .offset(offset)
    )


def load_queue(engine: Engine, filt: QueueFilter, *, now: datetime | None = None) -> QueuePage:
    now = now or utcnow()
    page_size = min(max(1, filt.page_size), MAX_PAGE_SIZE)
    with engine.connect() as conn:
        counts = {str(s): 0 for s in Status}
        counts.update(
            {status: n for status, n in conn.execute(select(col(Case.status), func.count()).group_by(col(Case.status)))}
        )
        if filt.by_status_only:
            total = sum(n for s, n in counts.items() if not filt.statuses or s in filt.statuses)
        else:
            total = conn.execute(select(func.count()).select_from(Case).where(*_conditions(filt, now))).scalar_one()
        page = min(max(1, filt.page), max(1, math.ceil(total / page_size)))
        found = conn.execute(_rows_query(filt, now, (page - 1) * page_size, page_size)).all()
    rows = [
        QueueRow(
            id=r.id,
            reference=r.reference,
            status=r.status,
            category=r.category,
            age_days=max(0, (now - r.created_at).days),
            owner_name=r.name or "",
            customer_email=r.email,
            amount_cents=r.amount_cents,
            currency=r.currency,
            created_at=r.created_at,
            sla_due_at=r.sla_due_at,
            awaiting_first_response=r.first_response_at is None,
        )
        for r in found
    ]
    return QueuePage(rows=rows, total=total, page=page, page_size=page_size, status_counts=counts)


# What the queue shows until staff choose otherwise: every case still in progress.
DEFAULT_FILTER = QueueFilter(statuses=tuple(str(s) for s in STATUS_ORDER if s not in ENDED))
