"""SLA clocks: business-time arithmetic, per-category targets, each case's clocks, the queue's overdue filter
and "due soonest" sort, and a case reopened twice going to a manager."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, select

from db.models import Case, CaseEvent, OutboxMessage, utcnow
from portal.back_office.queue import QueueFilter, Sort, load_queue
from portal.back_office.staff import add_staff
from portal.config import get_settings
from portal.errors import NotAllowed, StaleCase
from portal.recovery import decisions, followup, sla
from portal.recovery.sla import (
    BusinessHours,
    ClockKind,
    ClockState,
    Target,
    add_business_time,
    business_time_between,
)
from portal.seed import seed_demo_cases
from tests.portal.test_followup import case_row, checkin_link, fulfilled_case, mails
from tests.portal.test_queue import add_cases
from tests.support import counted_queries, manager, present

H = timedelta(hours=1)
NINE_TO_FIVE = BusinessHours()  # Monday to Friday, 09:00-17:00 UTC
NEW_YORK = BusinessHours(timezone="America/New_York")


def utc(day: int, hour: int, minute: int = 0, month: int = 11, year: int = 2026) -> datetime:
    """A moment in November 2026 (the 20th is a Friday, the 23rd a Monday)."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# --- business-time arithmetic -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, duration, due",
    [
        (utc(20, 16), 4 * H, utc(23, 12)),  # Friday 16:00 + 4h: one hour on Friday, three on Monday
        (utc(23, 10), 4 * H, utc(23, 14)),  # within one day
        (utc(23, 7), 4 * H, utc(23, 13)),  # before opening: counts from 09:00
        (utc(23, 18), 4 * H, utc(24, 13)),  # after closing: from the next morning
        (utc(21, 11), 4 * H, utc(23, 13)),  # Saturday: from Monday morning
        (utc(20, 16), 1 * H, utc(20, 17)),  # exactly to closing time stays on Friday
        (utc(20, 16), 24 * H, utc(25, 16)),  # 3 business days from Friday 16:00: Wednesday 16:00
        (utc(23, 9), 24 * H, utc(25, 17)),  # 3 business days from Monday's opening: Wednesday's close
        (utc(23, 10), timedelta(0), utc(23, 10)),
    ],
)
def test_adding_business_time(start, duration, due):
    assert add_business_time(start, duration, NINE_TO_FIVE) == due


def test_business_hours_are_local_time_and_daylight_saving_is_counted_as_it_passes():
    # New York is UTC-5 in November: 09:00-17:00 local is 14:00-22:00 UTC.
    assert add_business_time(utc(20, 21), 4 * H, NEW_YORK) == utc(23, 17)
    # On Friday 6 March 2026 (UTC-5) 16:00 local + 4h -> Monday 9 March 12:00 local, after the clocks went
    # forward on Sunday the 8th: UTC-4, so 16:00 UTC.
    assert add_business_time(datetime(2026, 3, 6, 21, tzinfo=UTC), 4 * H, NEW_YORK) == datetime(
        2026, 3, 9, 16, tzinfo=UTC
    )
    # Night shift across the autumn change (1 November 2026 gets 25 hours): 00:00-04:00 counts 5 real hours
    # on that Sunday, none of them invented or lost.
    night = BusinessHours(timezone="America/New_York", start=time(0, 0), end=time(4, 0), workdays=frozenset({7}))
    day_start = datetime(2026, 11, 1, 4, tzinfo=UTC)  # Sunday 00:00 EDT
    assert business_time_between(day_start, day_start + 10 * H, night) == 5 * H
    assert add_business_time(day_start, 5 * H, night) == datetime(2026, 11, 1, 9, tzinfo=UTC)  # 04:00 EST


def test_inputs_may_be_in_any_zone_and_outputs_are_utc():
    friday_four_pm_in_berlin_terms = utc(20, 16).astimezone(ZoneInfo("Europe/Berlin"))
    due = add_business_time(friday_four_pm_in_berlin_terms, 4 * H, NINE_TO_FIVE)
    assert due == utc(23, 12) and due.tzinfo is UTC
    with pytest.raises(ValueError):
        add_business_time(datetime(2026, 11, 20, 16), H, NINE_TO_FIVE)  # naive: which zone?


@pytest.mark.parametrize(
    "a, b, between",
    [
        (utc(20, 16), utc(23, 12), 4 * H),
        (utc(21, 0), utc(22, 23), timedelta(0)),  # a weekend
        (utc(23, 12), utc(20, 16), -4 * H),  # backwards: negative
        (utc(23, 6), utc(23, 20), 8 * H),
        (utc(16, 9), utc(23, 9), 40 * H),  # a whole week
    ],
)
def test_business_time_between(a, b, between):
    assert business_time_between(a, b, NINE_TO_FIVE) == between


def test_between_undoes_adding():
    start = utc(19, 13, 17)
    for minutes in (1, 59, 240, 481, 1440, 5000):
        duration = timedelta(minutes=minutes)
        assert business_time_between(start, add_business_time(start, duration, NEW_YORK), NEW_YORK) == duration


def test_business_hours_that_make_no_sense_are_refused():
    assert BusinessHours(timezone="Mars/Olympus").problems()
    assert BusinessHours(start=time(17), end=time(9)).problems()
    assert BusinessHours(workdays=frozenset()).problems()
    assert not BusinessHours(timezone="Asia/Jerusalem", workdays=frozenset({7, 1, 2, 3, 4})).problems()


def test_clock_texts():
    due = utc(23, 12)
    running = present(sla.running_clock(due, True, utc(23, 10, 40), NINE_TO_FIVE), "a clock")
    assert (running.kind, running.state, running.describe()) == (
        ClockKind.FIRST_RESPONSE,
        ClockState.DUE_SOON,
        "First response: 1h 20m left",
    )
    overdue = present(sla.running_clock(due, False, utc(23, 17), NINE_TO_FIVE), "a clock")
    assert (overdue.state, overdue.describe(), overdue.badge()) == (
        ClockState.OVERDUE,
        "Resolution: overdue by 5h",
        "Overdue",
    )
    later = present(sla.running_clock(due, False, utc(20, 9), NINE_TO_FIVE), "a clock")
    assert later.describe() == "Resolution: 11h left"
    assert sla.running_clock(None, True, utc(20, 9), NINE_TO_FIVE) is None


# --- targets ------------------------------------------------------------------------------------------------


def test_every_category_starts_on_the_defaults(store):
    settings = sla.load_settings(store.engine)
    assert {t.category for t in settings.targets} >= {"lateness", "billing", "other"}
    assert all(t.is_default and t.target == Target(240, 3) for t in settings.targets)
    assert settings.hours == NINE_TO_FIVE


def test_a_manager_changes_a_category_and_it_is_audited(store):
    boss = manager(store)
    version = sla.save_target(store.engine, boss, "billing", Target(60, 2), 0)
    settings = sla.load_settings(store.engine)
    assert settings.target_for("billing") == Target(60, 2) and settings.target_for("lateness") == Target(240, 3)
    with Session(store.engine) as session:
        logged = session.exec(select(CaseEvent).where(CaseEvent.kind == "sla_target_changed")).one()
    assert logged.actor == f"staff:{boss.id}" and logged.case_id is None
    assert json.loads(logged.detail) == {
        "category": "billing",
        "before": {"first_response_minutes": 240, "resolution_days": 3},
        "after": {"first_response_minutes": 60, "resolution_days": 2},
    }
    with pytest.raises(StaleCase):  # someone saved from an older page
        sla.save_target(store.engine, boss, "billing", Target(30, 1), 0)
    assert sla.save_target(store.engine, boss, "billing", Target(30, 1), version) == version + 1


def test_agents_cannot_change_targets_or_hours(store, agent):
    sam = agent
    with pytest.raises(NotAllowed):
        sla.save_target(store.engine, sam, "billing", Target(60, 2), 0)
    with pytest.raises(NotAllowed):
        sla.save_business_hours(store.engine, sam, NEW_YORK, sla.load_settings(store.engine).hours_version)
    assert sla.load_settings(store.engine).target_for("billing") == sla.DEFAULT_TARGET


@pytest.mark.parametrize("target", [Target(5, 3), Target(240, 0), Target(240, 61), Target(9 * 60, 1)])
def test_targets_out_of_range_are_refused_with_a_reason(store, target):
    with pytest.raises(ValueError, match="target"):
        sla.save_target(store.engine, manager(store), "billing", target, 0)


def test_business_hours_are_saved_and_audited(store):
    boss = manager(store)
    version = sla.load_settings(store.engine).hours_version
    sla.save_business_hours(store.engine, boss, NEW_YORK, version)
    assert sla.business_hours(store.engine) == NEW_YORK
    with Session(store.engine) as session:
        logged = session.exec(select(CaseEvent).where(CaseEvent.kind == "business_hours_changed")).one()
    assert "America/New_York" in logged.detail
    with pytest.raises(StaleCase):
        sla.save_business_hours(store.engine, boss, NINE_TO_FIVE, version)
    with pytest.raises(ValueError, match="end after"):
        sla.save_business_hours(store.engine, boss, BusinessHours(start=time(18), end=time(8)), version + 1)


# --- a case's clocks ----------------------------------------------------------------------------------------


def test_a_new_case_gets_its_categorys_deadlines(store, open_case):
    sla.save_target(store.engine, manager(store), "lateness", Target(60, 1), 0)
    case = case_row(store, open_case())
    assert case.category == "lateness"
    hours = sla.business_hours(store.engine)
    assert case.first_response_due_at == add_business_time(case.created_at, H, hours)
    assert case.resolve_due_at == add_business_time(case.created_at, 8 * H, hours)
    assert case.sla_due_at == case.first_response_due_at and case.reopen_count == 0


def test_the_first_response_hands_over_to_the_resolution_clock_and_fulfilment_stops_it(store, open_case):
    boss = manager(store)
    case_id = open_case()
    decisions.approve_proposal(store.engine, boss, case_id, case_row(store, case_id).version)
    case = case_row(store, case_id)
    assert case.first_response_at is not None and case.sla_due_at == case.resolve_due_at
    decisions.mark_fulfilled(store.engine, boss, case_id, case.version)
    assert case_row(store, case_id).sla_due_at is None


def reopen(store, case_id: int) -> Case:
    followup.answer_checkin(store.engine, checkin_link(store, case_id), 1, 2, "Still broken")
    return case_row(store, case_id)


def fulfil_again(store, case_id: int) -> None:
    boss = manager(store)
    decisions.staff_agree(store.engine, boss, case_id, case_row(store, case_id).version, "Redo it properly", None)
    decisions.mark_fulfilled(store.engine, boss, case_id, case_row(store, case_id).version)


def escalations(store, case_id: int) -> list[CaseEvent]:
    with Session(store.engine) as session:
        return list(
            session.exec(select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.kind == sla.EVENT_ESCALATED))
        )


def test_a_case_reopened_twice_goes_to_the_least_busy_manager(store, agent):
    sam = agent
    max_ = add_staff(
        store.engine,
        email="max@northwind.example",
        name="Max Manager",
        role="manager",
        password="a long enough password",
    )
    dana = manager(store)
    add_cases(store.engine, dict(owner_id=dana.id, status="accepted"))  # Dana is busier than Max
    case_id = fulfilled_case(store)
    decisions.assign_owner(store.engine, dana, case_id, case_row(store, case_id).version, sam.id)

    before = utcnow()
    first = reopen(store, case_id)
    assert (first.status, first.reopen_count, first.owner_id) == ("reopened", 1, sam.id)  # once: still Sam's
    assert first.sla_due_at == first.resolve_due_at
    assert "assigned to you" not in [m for m in mails(store, "reopened") if m.case_id == case_id][-1].body_text
    fresh_from = add_business_time(before, 24 * H, sla.business_hours(store.engine))
    assert present(first.resolve_due_at, "a resolution due time") >= fresh_from  # a fresh clock
    assert not escalations(store, case_id)

    fulfil_again(store, case_id)
    second = reopen(store, case_id)
    assert (second.reopen_count, second.owner_id) == (2, max_.id)
    [logged] = escalations(store, case_id)
    assert logged.actor == "system"
    assert json.loads(logged.detail) == {
        "owner_id": max_.id,
        "owner_name": "Max Manager",
        "previous_owner_id": sam.id,
        "reopen_count": 2,
    }
    with Session(store.engine) as session:
        notice = present(
            session.exec(
                select(OutboxMessage)
                .where(OutboxMessage.kind == "reopened", OutboxMessage.case_id == case_id)
                .order_by(col(OutboxMessage.id).desc())
            ).first(),
            "a reopened notice",
        )
    assert notice.to_address == "max@northwind.example"  # the manager is told at once
    assert "reopened 2 times, so it has been assigned to you as a manager" in notice.body_text

    fulfil_again(store, case_id)
    third = reopen(store, case_id)
    assert (third.reopen_count, third.owner_id) == (3, max_.id) and len(escalations(store, case_id)) == 1


def test_with_equal_load_the_business_owner_gets_the_escalation(store):
    add_staff(
        store.engine,
        email="amy@northwind.example",
        name="Amy Manager",
        role="manager",
        password="a long enough password",
    )
    case_id = fulfilled_case(store)
    reopen(store, case_id)
    fulfil_again(store, case_id)
    assert reopen(store, case_id).owner_id == manager(store).id


# --- the queue ----------------------------------------------------------------------------------------------


def test_the_queue_filters_overdue_cases_and_sorts_by_the_nearest_deadline(store):
    now = utcnow()
    add_cases(
        store.engine,
        dict(reference="AM-LATE", sla_due_at=now - 5 * H),
        dict(reference="AM-SOON", sla_due_at=now + H),
        dict(reference="AM-LATER", sla_due_at=now + 30 * H, first_response_at=now - H),
        dict(reference="AM-NOCLOCK", status="fulfilled"),
        dict(reference="AM-LATEST", sla_due_at=now - 50 * H, first_response_at=now - 60 * H),
        now=now,
    )
    overdue = load_queue(store.engine, QueueFilter(overdue_only=True), now=now)
    assert sorted(r.reference for r in overdue.rows) == ["AM-LATE", "AM-LATEST"] and overdue.total == 2
    by_due = load_queue(store.engine, QueueFilter(sort=Sort.DUE), now=now)
    assert [r.reference for r in by_due.rows] == ["AM-LATEST", "AM-LATE", "AM-SOON", "AM-LATER", "AM-NOCLOCK"]
    late = by_due.rows[1]
    assert late.sla_due_at == now - 5 * H and late.awaiting_first_response
    assert not by_due.rows[0].awaiting_first_response


@pytest.mark.parametrize(
    "filt, queries",
    [
        (QueueFilter(sort=Sort.DUE), 2),
        (QueueFilter(overdue_only=True), 3),
    ],
)
def test_the_sla_filter_and_sort_cost_no_extra_query(store, filt, queries):
    add_cases(store.engine, *[dict(sla_due_at=utcnow() - H)] * 30)
    with counted_queries(store.engine) as statements:
        page = load_queue(store.engine, filt)
    assert len(statements) == queries and len(page.rows) == 25


def test_the_demo_seed_shows_every_state_of_the_clock(store):
    assert seed_demo_cases(store.engine, get_settings()) == 5
    assert seed_demo_cases(store.engine, get_settings()) == 0  # once
    now = utcnow()
    hours = sla.business_hours(store.engine)
    rows = load_queue(store.engine, QueueFilter(sort=Sort.DUE), now=now).rows
    clocks = [
        present(sla.running_clock(r.sla_due_at, r.awaiting_first_response, now, hours), f"a clock on case {r.id}")
        for r in rows
    ]
    states = {(c.kind, c.state) for c in clocks}
    assert {
        (ClockKind.FIRST_RESPONSE, ClockState.OVERDUE),
        (ClockKind.FIRST_RESPONSE, ClockState.DUE_SOON),
        (ClockKind.FIRST_RESPONSE, ClockState.RUNNING),
        (ClockKind.RESOLUTION, ClockState.RUNNING),
        (ClockKind.RESOLUTION, ClockState.OVERDUE),
    } == states


def test_long_spans_count_every_week_and_daylight_saving_change():
    # From Monday 5 January 2026 09:00 in New York to Monday 4 January 2027 09:00: 52 weeks of 40 hours,
    # whatever the clocks did in March and November.
    a = datetime(2026, 1, 5, 14, tzinfo=UTC)
    b = datetime(2027, 1, 4, 14, tzinfo=UTC)
    assert business_time_between(a, b, NEW_YORK) == 52 * 40 * H
    night = BusinessHours(timezone="America/New_York", start=time(0, 0), end=time(4, 0), workdays=frozenset({7}))
    # Sundays 00:00-04:00 over the year: 52 Sundays of 4 hours, one of them 5 (1 November) and one 3 (8 March).
    assert business_time_between(a, b, night) == 52 * 4 * H
    slow = timedelta(0)  # the same, one day at a time
    day = a
    while day < b:
        slow += business_time_between(day, min(day + timedelta(days=1), b), night)
        day += timedelta(days=1)
    assert slow == 52 * 4 * H


def test_a_week_is_listed_from_its_first_workday():
    from portal.recovery.sla import week_order

    assert week_order(frozenset({1, 2, 3, 4, 5})) == [1, 2, 3, 4, 5, 6, 7]
    assert week_order(frozenset({7, 1, 2, 3, 4})) == [7, 1, 2, 3, 4, 5, 6]  # Sunday to Thursday
    assert week_order(frozenset({1, 3, 5})) == [1, 2, 3, 4, 5, 6, 7]
    assert week_order(frozenset(range(1, 8))) == [1, 2, 3, 4, 5, 6, 7]
    assert week_order(frozenset()) == [1, 2, 3, 4, 5, 6, 7]


def test_a_sunday_to_thursday_week_reads_as_a_range():
    hours = BusinessHours(timezone="Asia/Jerusalem", start=time(8), end=time(17), workdays=frozenset({7, 1, 2, 3, 4}))
    assert hours.describe() == "Sunday to Thursday, 08:00-17:00 (Asia/Jerusalem)"
    hours = BusinessHours(timezone="UTC", start=time(9), end=time(17), workdays=frozenset({1, 3, 5}))
    assert hours.describe() == "Monday, Wednesday, Friday, 09:00-17:00 (UTC)"
