"""The figures a case carries for the Insights page (db/case_figures.py) stay those its times give, through every
transition that writes a time (first response, fulfilment, a second fulfilment after a reopening) and those that
do not (reopening, deciding again, erasing the customer's data), on SQLite and PostgreSQL; and the page's figures
are the ones worked out from the cases' own times and remedies, as the page did before it read them."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, col, select

from db import case_figures
from db.models import Case, CaseRemedy, utcnow
from portal.back_office import insights, privacy
from portal.recovery import decisions
from portal.recovery.remedies import AGREED_STATUSES
from tests.portal.test_insights import answer, fulfil, row, set_times
from tests.support import manager


def carried(store, case_id: int) -> tuple[date | None, float | None, float | None]:
    case = row(store, case_id)
    return case.created_day, case.first_response_s, case.resolution_s


def from_times(store, case_id: int) -> tuple[date, float | None, float | None]:
    """The figures as the page worked them out from the stored times (the expressions it ran, in the database)."""
    dialect = store.engine.dialect.name
    with Session(store.engine) as session:
        day, responded, resolved = session.execute(
            select(
                case_figures.utc_day(dialect, col(Case.created_at)),
                case_figures.seconds_between(dialect, col(Case.created_at), col(Case.first_response_at)),
                case_figures.seconds_between(dialect, col(Case.created_at), col(Case.fulfilled_at)),
            ).where(col(Case.id) == case_id)
        ).one()
    return date.fromisoformat(str(day)[:10]), responded, resolved


def assert_current(store, case_id: int) -> tuple[date | None, float | None, float | None]:
    """The case's figures are exactly those its times give, and its remedies carry its category; returns them."""
    figures = carried(store, case_id)
    assert figures == from_times(store, case_id)
    with Session(store.engine) as session:
        categories = set(session.exec(select(CaseRemedy.category).where(CaseRemedy.case_id == case_id)))
    assert categories == {row(store, case_id).category}
    return figures


def test_a_new_case_carries_its_utc_day_and_no_durations_yet(store, open_case):
    case_id = open_case()
    assert assert_current(store, case_id) == (utcnow().date(), None, None)


def test_the_first_staff_action_stamps_the_time_to_first_response_and_later_ones_leave_it(store, open_case):
    case_id = open_case()
    set_times(store, case_id, created_at=utcnow() - timedelta(hours=5))
    boss = manager(store)

    version = decisions.approve_proposal(store.engine, boss, case_id, row(store, case_id).version).version
    _day, responded, _resolved = assert_current(store, case_id)
    decisions.mark_fulfilled(store.engine, boss, case_id, version)

    assert responded is not None and 5 * 3600 - 60 < responded < 5 * 3600 + 60
    assert assert_current(store, case_id)[1] == responded


def test_reopening_and_deciding_again_keep_the_figures_and_a_second_fulfilment_moves_the_resolution(store, open_case):
    case_id = open_case()
    set_times(store, case_id, created_at=utcnow() - timedelta(days=2))
    fulfil(store, case_id, approve=True)
    first = assert_current(store, case_id)
    assert first[2] is not None and first[2] > 2 * 86400 - 60

    answer(store, case_id, 1, 2)  # low: reopened
    assert row(store, case_id).reopen_count == 1
    assert assert_current(store, case_id) == first
    decisions.staff_agree(
        store.engine, manager(store), case_id, row(store, case_id).version, "Refund the call-out fee", 8900
    )  # decided again
    assert assert_current(store, case_id) == first
    set_times(store, case_id, fulfilled_at=utcnow() - timedelta(days=1))  # the first fulfilment was a day ago
    before_second = assert_current(store, case_id)
    decisions.mark_fulfilled(store.engine, manager(store), case_id, row(store, case_id).version)

    second = assert_current(store, case_id)
    assert second[:2] == first[:2]
    assert second[2] is not None and before_second[2] is not None and second[2] > before_second[2] + 86400 - 60


def test_erasing_the_customers_data_keeps_the_figures_of_their_cases(store, open_case):
    case_id = open_case()
    fulfil(store, case_id, approve=True)
    before = assert_current(store, case_id)
    period = (utcnow().date(), utcnow().date())
    shown = insights.overview(store.engine, manager(store), *period)

    privacy.erase_customer(store.engine, manager(store), row(store, case_id).customer_id, "asked by email")

    assert row(store, case_id).erased_at is not None
    assert assert_current(store, case_id) == before
    assert insights.overview(store.engine, manager(store), *period) == shown


# --- the page's figures against the cases' own times --------------------------------------------------------


def worked_out(store, start: date, end: date) -> dict[str, object]:
    """The page's figures computed here from the cases' times and their remedies joined to them, in Python."""
    with Session(store.engine) as session:
        cases = [c for c in session.exec(select(Case)) if start <= c.created_at.astimezone(UTC).date() <= end]
        ids = {c.id: c.category for c in cases}
        remedies = [r for r in session.exec(select(CaseRemedy)) if r.case_id in ids and r.status in AGREED_STATUSES]
    cost: Counter[str] = Counter()
    for remedy in remedies:
        cost[ids[remedy.case_id]] += remedy.amount_cents or 0
    per_day = Counter((c.created_at.astimezone(UTC).date(), c.category) for c in cases)
    return {
        "total": len(cases),
        "per_day": dict(per_day),
        "first_response": insights.median(
            [(c.first_response_at - c.created_at).total_seconds() for c in cases if c.first_response_at]
        ),
        "resolution": insights.median(
            [(c.fulfilled_at - c.created_at).total_seconds() for c in cases if c.fulfilled_at]
        ),
        "fulfilled": sum(1 for c in cases if c.fulfilled_at),
        "reopened": sum(1 for c in cases if c.reopen_count),
        "cost": dict(cost),
    }


def test_the_page_shows_what_the_cases_times_and_remedies_give(store, open_case):
    today = utcnow().date()
    midnight = datetime.combine(today, datetime.min.time(), UTC)
    plan = [  # opened (hours before today's midnight), responded after (h), fulfilled after (h), reopened
        (-1, None, None, False),
        (2, 1, None, False),
        (5, 3, 30, False),
        (26, 2, 50, True),
        (30, 7, 9, False),
        (49, 1, 70, False),
        (75, None, None, False),
    ]
    for n, (before, responded, fulfilled, reopened) in enumerate(plan):
        case_id = open_case(email=f"p{n}@example.com")
        if fulfilled:
            fulfil(store, case_id, approve=True)
            if reopened:
                answer(store, case_id, 1, 1)
        elif responded:
            decisions.approve_proposal(store.engine, manager(store), case_id, row(store, case_id).version)
        opened = midnight - timedelta(hours=before)
        times = {"created_at": opened}
        if responded:
            times["first_response_at"] = opened + timedelta(hours=responded, seconds=n)
        if fulfilled:
            times["fulfilled_at"] = opened + timedelta(hours=fulfilled, seconds=n)
        set_times(store, case_id, **times)
    start, end = today - timedelta(days=3), today

    shown = insights.overview(store.engine, manager(store), start, end)
    expected = worked_out(store, start, end)

    assert shown.total_cases == expected["total"] == 6
    assert {(b.bucket, b.category): b.cases for b in shown.cases_over_time} == expected["per_day"]
    assert shown.median_first_response_s == pytest.approx(expected["first_response"], abs=0.01)
    assert shown.median_resolution_s == pytest.approx(expected["resolution"], abs=0.01)
    assert (shown.fulfilled, shown.reopened) == (expected["fulfilled"], expected["reopened"]) == (4, 1)
    assert shown.remedy_cost_cents == expected["cost"]
