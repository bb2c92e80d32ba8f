"""The case queue service: filters, search, sorting, pages and counts, in a fixed number of queries."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlmodel import Session, select

from db.models import Case, Customer, StaffMember, utcnow
from portal.back_office.queue import DEFAULT_FILTER, UNASSIGNED, QueueFilter, Sort, load_queue
from portal.back_office.staff import add_staff
from tests.support import counted_queries

_serial = itertools.count(1)


def add_cases(engine, *specs: dict, now: datetime | None = None) -> list[Case]:
    """Insert cases directly (one customer each). A spec may set any Case field plus ``email`` and ``age``
    (a timedelta before ``now``); later specs are newer unless they say otherwise."""
    now = now or utcnow()
    made = []
    with Session(engine, expire_on_commit=False) as session:
        for position, spec in enumerate(specs):
            spec = dict(spec)
            n = next(_serial)
            customer = Customer(email=spec.pop("email", f"customer{n}@example.com"))
            session.add(customer)
            session.flush()
            assert customer.id is not None
            age = spec.pop("age", timedelta(minutes=len(specs) - position))
            fields = dict(
                reference=f"AM-T{n:05d}",
                status="accepted",
                category="lateness",
                story="A story.",
                bothered_most="It bothered me.",
                confirmed_paraphrase="You were bothered.",
                submission_key=f"test-{n}",
                created_at=now - age,
            )
            fields.update(spec)
            case = Case(customer_id=customer.id, **fields)
            session.add(case)
            made.append(case)
        session.commit()
    return made


def staff_id(store, email: str | None = None) -> int:
    with Session(store.engine) as session:
        found = session.exec(
            select(StaffMember.id).where(StaffMember.email == (email or store.logins.staff_email))
        ).one()
    assert found is not None  # a stored row's id
    return found


def refs(page) -> list[str]:
    return [row.reference for row in page.rows]


def test_rows_carry_what_the_queue_shows(store):
    now = utcnow()
    dana = staff_id(store)
    add_cases(
        store.engine,
        dict(
            reference="AM-OLDER1",
            email="Pat@Example.com",
            age=timedelta(days=3, hours=1),
            status="closed",
            amount_cents=12000,
            category="billing",
        ),
        dict(
            reference="AM-NEWER1",
            email="sam@example.com",
            age=timedelta(hours=2),
            owner_id=dana,
            status="awaiting_approval",
            amount_cents=None,
        ),
        now=now,
    )
    page = load_queue(store.engine, QueueFilter(), now=now)
    assert refs(page) == ["AM-NEWER1", "AM-OLDER1"]  # newest first
    newer, older = page.rows
    assert (newer.status, newer.owner_name, newer.customer_email, newer.age_days, newer.amount_cents) == (
        "awaiting_approval",
        "Dana Cohen",
        "sam@example.com",
        0,
        None,
    )
    assert (
        older.status,
        older.category,
        older.owner_name,
        older.customer_email,
        older.age_days,
        older.amount_cents,
        older.currency,
    ) == ("closed", "billing", "", "Pat@Example.com", 3, 12000, "USD")
    assert older.created_at == now - timedelta(days=3, hours=1)
    assert page.total == 2 and page.page == 1 and page.pages == 1


def test_status_counts_cover_every_case_whatever_the_filter(store):
    add_cases(
        store.engine, *[dict(status="closed")] * 3, *[dict(status="awaiting_approval")] * 2, dict(status="reopened")
    )
    page = load_queue(store.engine, QueueFilter(statuses=["reopened"]))
    assert refs(page) and all(row.status == "reopened" for row in page.rows) and page.total == 1
    assert page.status_counts == {
        "accepted": 0,
        "awaiting_approval": 2,
        "countered": 0,
        "awaiting_customer": 0,
        "fulfilled": 0,
        "closed": 3,
        "reopened": 1,
        "withdrawn": 0,
    }


def test_the_default_filter_leaves_out_closed_cases(store):
    add_cases(store.engine, dict(reference="AM-CLOSED", status="closed"), dict(reference="AM-OPEN01"))
    page = load_queue(store.engine, DEFAULT_FILTER)
    assert refs(page) == ["AM-OPEN01"] and page.total == 1


def test_filter_by_category_owner_and_several_statuses(store):
    dana = staff_id(store)
    sam = add_staff(
        store.engine, email="sam@northwind.example", name="Sam Lee", role="agent", password="sam-password-1"
    ).id
    add_cases(
        store.engine,
        dict(reference="AM-DANA01", owner_id=dana, category="billing", status="accepted"),
        dict(reference="AM-SAM001", owner_id=sam, category="billing", status="countered"),
        dict(reference="AM-NOBODY", owner_id=None, category="billing", status="fulfilled"),
        dict(reference="AM-DAMAGE", owner_id=None, category="damage", status="accepted"),
    )
    assert refs(load_queue(store.engine, QueueFilter(categories=["billing"]))) == [
        "AM-NOBODY",
        "AM-SAM001",
        "AM-DANA01",
    ]
    assert refs(load_queue(store.engine, QueueFilter(owner_id=sam))) == ["AM-SAM001"]
    assert refs(load_queue(store.engine, QueueFilter(owner_id=UNASSIGNED))) == ["AM-DAMAGE", "AM-NOBODY"]
    both = load_queue(store.engine, QueueFilter(statuses=["accepted", "countered"], categories=["billing"]))
    assert refs(both) == ["AM-SAM001", "AM-DANA01"] and both.total == 2


def test_filter_by_age_in_whole_days(store):
    now = utcnow()
    add_cases(
        store.engine,
        dict(reference="AM-AGE010", age=timedelta(days=10, hours=5)),
        dict(reference="AM-AGE003", age=timedelta(days=3, hours=23)),
        dict(reference="AM-AGE002", age=timedelta(days=2, minutes=1)),
        dict(reference="AM-AGE000", age=timedelta(hours=1)),
        now=now,
    )
    assert refs(load_queue(store.engine, QueueFilter(min_age_days=3), now=now)) == ["AM-AGE003", "AM-AGE010"]
    assert refs(load_queue(store.engine, QueueFilter(max_age_days=2), now=now)) == ["AM-AGE000", "AM-AGE002"]
    window = load_queue(store.engine, QueueFilter(min_age_days=2, max_age_days=3), now=now)
    assert refs(window) == ["AM-AGE002", "AM-AGE003"] and [r.age_days for r in window.rows] == [2, 3]


def test_search_by_reference_exactly_or_by_its_start(store):
    add_cases(store.engine, dict(reference="AM-7KQ2PX"), dict(reference="AM-7KZZZZ"), dict(reference="AM-8AAAAA"))
    assert refs(load_queue(store.engine, QueueFilter(search="AM-7KQ2PX"))) == ["AM-7KQ2PX"]
    assert refs(load_queue(store.engine, QueueFilter(search=" am-7k "))) == ["AM-7KZZZZ", "AM-7KQ2PX"]
    assert refs(load_queue(store.engine, QueueFilter(search="AM-"))) == ["AM-8AAAAA", "AM-7KZZZZ", "AM-7KQ2PX"]
    assert refs(load_queue(store.engine, QueueFilter(search="7KQ2PX"))) == []  # a reference's middle is not a match
    # Characters LIKE treats specially are matched literally.
    assert refs(load_queue(store.engine, QueueFilter(search="AM-%"))) == []
    assert refs(load_queue(store.engine, QueueFilter(search="AM-_KQ2PX"))) == []


def test_search_by_customer_email_ignores_case(store):
    add_cases(
        store.engine,
        dict(reference="AM-ALEX01", email="Alex.Rivera@Example.com"),
        dict(reference="AM-ALEX02", email="alex.rivera@example.com"),
        dict(reference="AM-OTHER1", email="someone@example.com"),
    )
    assert refs(load_queue(store.engine, QueueFilter(search="ALEX.RIVERA@example.COM"))) == ["AM-ALEX02", "AM-ALEX01"]
    assert refs(load_queue(store.engine, QueueFilter(search="alex.rivera@"))) == []  # the whole address only


def test_search_by_order_reference(store):
    add_cases(store.engine, dict(reference="AM-ORDER1", order_ref="WO-20481"), dict(reference="AM-ORDER2"))
    assert refs(load_queue(store.engine, QueueFilter(search="wo-20481"))) == ["AM-ORDER1"]


def test_search_combines_with_filters(store):
    add_cases(
        store.engine,
        dict(reference="AM-SRCH01", email="kim@example.com", status="closed"),
        dict(reference="AM-SRCH02", email="kim@example.com", status="accepted"),
    )
    page = load_queue(store.engine, QueueFilter(search="kim@example.com", statuses=["closed"]))
    assert refs(page) == ["AM-SRCH01"] and page.total == 1


def test_sort_orders(store):
    add_cases(
        store.engine,
        dict(reference="AM-SORT01", amount_cents=5000, status="closed"),
        dict(reference="AM-SORT02", amount_cents=None, status="awaiting_approval"),
        dict(reference="AM-SORT03", amount_cents=90000, status="fulfilled"),
        dict(reference="AM-SORT04", amount_cents=5000, status="awaiting_approval"),
    )
    assert refs(load_queue(store.engine, QueueFilter(sort=Sort.OLDEST))) == [
        "AM-SORT01",
        "AM-SORT02",
        "AM-SORT03",
        "AM-SORT04",
    ]
    # Largest first, ties newest first, cases without an amount last (on both databases).
    assert refs(load_queue(store.engine, QueueFilter(sort=Sort.AMOUNT))) == [
        "AM-SORT03",
        "AM-SORT04",
        "AM-SORT01",
        "AM-SORT02",
    ]
    assert refs(load_queue(store.engine, QueueFilter(sort=Sort.STATUS))) == [
        "AM-SORT04",
        "AM-SORT02",
        "AM-SORT03",
        "AM-SORT01",
    ]


def test_sort_by_status_pages_through_each_status_in_turn(store):
    now = utcnow()
    specs = [
        dict(
            reference=f"AM-{category[0].upper()}{status[:2].upper()}{i}",
            status=status,
            category=category,
            age=timedelta(hours=hours),
        )
        for i, (status, hours) in enumerate(
            [
                ("closed", 1),
                ("accepted", 2),
                ("awaiting_approval", 3),
                ("accepted", 4),
                ("reopened", 5),
                ("awaiting_approval", 6),
                ("accepted", 7),
                ("fulfilled", 8),
            ]
        )
        for category in ("billing", "damage")
    ]
    add_cases(store.engine, *specs, now=now)
    filt = QueueFilter(
        sort=Sort.STATUS,
        categories=["billing"],
        statuses=["accepted", "awaiting_approval", "reopened", "closed"],
        page_size=3,
    )
    pages = [load_queue(store.engine, replace(filt, page=n), now=now) for n in (1, 2, 3)]
    assert [refs(p) for p in pages] == [
        ["AM-BAW2", "AM-BAW5", "AM-BRE4"],
        ["AM-BAC1", "AM-BAC3", "AM-BAC6"],
        ["AM-BCL0"],
    ]
    assert pages[0].total == 7 and pages[2].pages == 3
    # A status nobody is in gives an empty queue rather than an error.
    assert load_queue(store.engine, QueueFilter(sort=Sort.STATUS, statuses=["no_such_status"])).rows == []


def test_pages_of_a_long_queue(store):
    made = add_cases(store.engine, *[{}] * 60)
    newest_first = [case.reference for case in reversed(made)]
    first = load_queue(store.engine, QueueFilter())
    assert (first.total, first.pages, first.page) == (60, 3, 1) and refs(first) == newest_first[:25]
    second = load_queue(store.engine, QueueFilter(page=2))
    assert refs(second) == newest_first[25:50]
    last = load_queue(store.engine, QueueFilter(page=3))
    assert refs(last) == newest_first[50:] and len(last.rows) == 10
    beyond = load_queue(store.engine, QueueFilter(page=9))
    assert beyond.page == 3 and refs(beyond) == newest_first[50:]
    small = load_queue(store.engine, QueueFilter(page=2, page_size=7))
    assert small.pages == 9 and refs(small) == newest_first[7:14]


def test_an_empty_queue_is_one_empty_page(store):
    page = load_queue(store.engine, QueueFilter(search="AM-NOTHERE"))
    assert (page.rows, page.total, page.page, page.pages) == ([], 0, 1, 1)


@pytest.mark.parametrize(
    "filt, queries",
    [
        (QueueFilter(), 2),  # counts, rows: the total is the sum of the counts
        (QueueFilter(statuses=["accepted", "closed"]), 2),
        (QueueFilter(categories=["billing"], search="kim@example.com", owner_id=UNASSIGNED, min_age_days=1), 3),
    ],
)
def test_a_page_costs_the_same_few_queries_however_many_rows(store, filt, queries):
    add_cases(store.engine, *[dict(category="billing", email="kim@example.com", age=timedelta(days=2))] * 30)
    with counted_queries(store.engine) as statements:
        page = load_queue(store.engine, filt)
    assert len(statements) == queries, statements
    assert page.rows  # the filters match
    with Session(store.engine) as session:
        assert session.exec(select(Case).where(Case.reference == page.rows[0].reference)).one()
