"""Insights and exports: the arithmetic (pure), and the services on SQLite and PostgreSQL with cases
built the way customers and staff build them."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlmodel import Session, col, select

from db import case_figures
from db.engine import write_session
from db.models import Case, CaseEvent, CheckIn, Customer, OutboxMessage, RemedyOption, utcnow
from portal.back_office import insights
from portal.back_office.insights import (
    ApprovalPath,
    Granularity,
    ParaphraseOutcome,
    approval_path,
    bucket_of,
    buckets,
    cases_csv,
    csat,
    describe_duration,
    granularity_for,
    lesson_groups,
    lessons_csv,
    median,
    middle_window,
    nps,
    overview,
    safe_cell,
    share,
)
from portal.errors import NotAllowed
from portal.recovery import decisions, followup
from portal.recovery.cases import RemedyChoice, submit_case
from tests.support import agent, manager, open_case, ready_draft

BILLING_STORY = "You charged me twice for the same boiler service. The invoice shows the fee two times."
BILLING_BOTHERED = "I was billed twice for one service"


# --- pure arithmetic ----------------------------------------------------------------------------------------


def test_the_bucket_size_follows_the_length_of_the_period():
    first = date(2026, 1, 1)
    assert granularity_for(first, first) is Granularity.DAY
    assert granularity_for(first, first + timedelta(days=30)) is Granularity.DAY
    assert granularity_for(first, first + timedelta(days=31)) is Granularity.WEEK
    assert granularity_for(first, first + timedelta(days=89)) is Granularity.WEEK
    assert granularity_for(first, first + timedelta(days=365)) is Granularity.MONTH


def test_days_fall_into_weeks_starting_monday_and_into_months():
    sunday, monday = date(2026, 11, 22), date(2026, 11, 23)
    assert bucket_of(sunday, Granularity.WEEK) == date(2026, 11, 16)
    assert bucket_of(monday, Granularity.WEEK) == monday
    assert bucket_of(sunday, Granularity.MONTH) == date(2026, 11, 1)
    assert bucket_of(sunday, Granularity.DAY) == sunday
    # every bucket of the period, quiet ones included, in order
    assert buckets(date(2026, 11, 20), date(2026, 12, 2), Granularity.WEEK) == [
        date(2026, 11, 16),
        date(2026, 11, 23),
        date(2026, 11, 30),
    ]
    assert buckets(date(2026, 1, 31), date(2026, 3, 1), Granularity.MONTH) == [
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 3, 1),
    ]


def test_the_median_takes_the_middle_value_or_the_mean_of_the_two_middle_values():
    assert median([]) is None
    assert median([7]) == 7
    assert median([5, 1, 3]) == 3
    assert median([4, 1, 3, 2]) == 2.5
    assert middle_window(1) == (0, 1)
    assert middle_window(4) == (1, 2)
    assert middle_window(5) == (2, 1)
    with pytest.raises(ValueError):
        middle_window(0)


def test_csat_is_the_share_of_fours_and_fives():
    assert csat({}) is None
    assert csat({5: 2, 4: 1, 3: 1}) == 75
    assert csat({1: 3, 2: 1}) == 0


def test_nps_is_promoters_minus_detractors_and_passives_only_dilute():
    assert nps({}) is None
    assert nps({10: 1, 9: 1}) == 100
    assert nps({0: 1, 6: 1}) == -100
    assert nps({10: 1, 8: 2, 3: 1}) == 0
    assert nps({9: 3, 7: 1}) == 75


def test_shares_and_durations_read_the_way_people_say_them():
    assert share(1, 4) == 25
    assert share(3, 0) is None
    assert describe_duration(None) == "—"
    assert describe_duration(45 * 60) == "45 min"
    assert describe_duration(3 * 3600) == "3 h"
    assert describe_duration(3 * 3600 + 20 * 60) == "3 h 20 min"
    assert describe_duration(2 * 86400 + 4 * 3600) == "2 d 4 h"
    assert describe_duration(86400) == "1 d"


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_cells_that_a_spreadsheet_would_run_become_text(dangerous):
    assert safe_cell(dangerous) == "'" + dangerous


def test_ordinary_cells_are_left_alone():
    assert safe_cell("Refund 20 - thanks") == "Refund 20 - thanks"
    assert safe_cell(None) == ""
    assert safe_cell(5) == "5"


def test_each_agreed_remedy_has_one_approval_path():
    assert approval_path("catalog", "accepted") is ApprovalPath.CATALOG
    assert approval_path("proposal", "accepted") is ApprovalPath.AUTO
    assert approval_path("proposal", "approved") is ApprovalPath.STAFF
    for source in ("counter", "alternative", "offer"):
        assert approval_path(source, "accepted") is ApprovalPath.OFFER
    assert approval_path("gift", "accepted") is None
    assert approval_path("proposal", "pending") is None
    assert approval_path("counter", "offered") is None


# --- building cases the way people do -----------------------------------------------------------------------


def row(store, case_id: int) -> Case:
    with Session(store.engine) as session:
        return session.get_one(Case, case_id)


def fulfil(store, case_id: int, *, approve: bool = False) -> None:
    boss = manager(store)
    if approve:
        decisions.approve_proposal(store.engine, boss, case_id, row(store, case_id).version)
    decisions.mark_fulfilled(store.engine, boss, case_id, row(store, case_id).version)


def answer(store, case_id: int, made_it_right: int, recommend: int) -> None:
    """The worker sends the check-in when due; the customer answers through the emailed link."""
    with Session(store.engine) as session:
        due = session.exec(select(CheckIn.due_at).where(CheckIn.case_id == case_id)).one()
    followup.enqueue_due_checkins(store.engine, now=due)
    with Session(store.engine) as session:
        body = session.exec(
            select(OutboxMessage.body_text).where(OutboxMessage.case_id == case_id, OutboxMessage.kind == "checkin")
        ).one()
    token = re.findall(r"\?t=([A-Za-z0-9_-]+)", body)[-1]
    followup.answer_checkin(store.engine, token, made_it_right, recommend)


def catalog_case(store) -> int:
    """A billing case where the customer took a refund from the catalog (no more than the $40 they paid, so within
    the auto-approve limit), with the gift of chocolates."""
    with Session(store.engine) as session:
        options = session.exec(select(RemedyOption)).all()
    refund = next(o for o in options if o.kind == "refund" and o.categories == "billing")
    gift = next(o for o in options if o.is_gift and not o.categories)
    draft = ready_draft(story=BILLING_STORY, bothered=BILLING_BOTHERED, email="kim@example.com", amount="40")
    return submit_case(
        store.engine, draft, RemedyChoice(option_id=refund.id, gift_option_id=gift.id), trusted_caller="tests"
    ).case_id


def set_times(store, case_id: int, **times: datetime | None) -> None:
    """Backdate a case: its times, and the figures the case carries from them (db/case_figures.py)."""
    with write_session(store.engine) as session:
        session.execute(update(Case).where(col(Case.id) == case_id).values(**times))
        case_figures.refresh(session, Case, col(Case.id) == case_id)


def today() -> date:
    return utcnow().date()


# --- the overview -------------------------------------------------------------------------------------------


def test_the_overview_counts_what_happened_to_the_cases_of_the_period(store):
    staff_approved = open_case(store.engine)  # $400: waits for staff
    fulfil(store, staff_approved, approve=True)
    answer(store, staff_approved, 5, 10)  # good: closed
    auto = open_case(
        store.engine, amount_cents=2000, correction="He came 90 minutes late and never called", email="sam@example.com"
    )
    fulfil(store, auto)  # $20: auto-approved
    answer(store, auto, 2, 3)  # low: reopened
    from_catalog = catalog_case(store)
    waiting = open_case(store.engine, email="lee@example.com")  # still waiting for staff

    lateness, billing = row(store, staff_approved).category, row(store, from_catalog).category
    assert lateness != billing and row(store, auto).category == lateness == row(store, waiting).category

    found = overview(store.engine, manager(store), today(), today())

    assert found.total_cases == 4
    assert found.cases_by_category == {lateness: 3, billing: 1}
    assert {(b.bucket, b.category, b.cases) for b in found.cases_over_time} == {
        (today(), lateness, 3),
        (today(), billing, 1),
    }
    assert found.granularity is Granularity.DAY
    assert found.currency == "USD"
    # agreed remedies only: the waiting $400 proposal costs nothing yet; the gift is a cost too
    assert found.remedy_cost_cents == {lateness: 40000 + 2000, billing: 4000 + 1500}
    assert found.approvals == {
        ApprovalPath.CATALOG: 1,
        ApprovalPath.AUTO: 1,
        ApprovalPath.STAFF: 1,
        ApprovalPath.OFFER: 0,
    }
    assert found.satisfaction.answered == 2
    assert found.satisfaction.csat == 50
    assert found.satisfaction.nps == 0  # one promoter (10), one detractor (3)
    assert found.satisfaction.made_it_right == {2: 1, 5: 1}
    assert (found.fulfilled, found.reopened, found.reopen_rate) == (2, 1, 50)
    assert found.paraphrase == {
        ParaphraseOutcome.FIRST_TRY: 3,
        ParaphraseOutcome.AFTER_CORRECTIONS: 1,
        ParaphraseOutcome.OWN_WORDS: 0,
    }
    assert found.median_first_response_s is not None and 0 <= found.median_first_response_s < 60


def test_medians_are_exact_over_the_cases_that_got_there(store):
    opened = datetime.combine(today(), datetime.min.time(), UTC) + timedelta(hours=1)
    hours = [1, 3, 5, 2]
    for n, h in enumerate(hours):
        case_id = open_case(store.engine, email=f"c{n}@example.com")
        set_times(
            store,
            case_id,
            created_at=opened,
            first_response_at=opened + timedelta(hours=h),
            fulfilled_at=opened + timedelta(days=h) if n < 3 else None,
        )
    open_case(store.engine, email="nobody-answered@example.com")  # no response yet: not in the medians

    found = overview(store.engine, manager(store), today(), today())

    assert found.median_first_response_s == pytest.approx(2.5 * 3600)  # 1, 2, 3, 5 hours
    assert found.median_resolution_s == pytest.approx(3 * 86400)  # 1, 3, 5 days


def test_the_period_runs_from_the_first_midnight_to_the_last_second_of_the_end_day(store):
    start, end = date(2026, 3, 2), date(2026, 3, 4)
    midnight = datetime(2026, 3, 2, tzinfo=UTC)
    placed = {
        "before": midnight - timedelta(microseconds=1),
        "first": midnight,
        "last": datetime(2026, 3, 4, 23, 59, 59, 999999, tzinfo=UTC),
        "after": datetime(2026, 3, 5, tzinfo=UTC),
    }
    references = {}
    for label, moment in placed.items():
        case_id = open_case(store.engine, email=f"{label}@example.com")
        set_times(store, case_id, created_at=moment)
        references[label] = row(store, case_id).reference

    found = overview(store.engine, manager(store), start, end)
    exported = list(csv.DictReader(io.StringIO(cases_csv(store.engine, manager(store), start, end))))

    assert found.total_cases == 2
    assert [b.bucket for b in found.cases_over_time] == [date(2026, 3, 2), date(2026, 3, 4)]
    assert [r["reference"] for r in exported] == [references["first"], references["last"]]


def test_a_case_opened_on_another_day_between_the_periods_cases_is_not_counted_in_it(store):
    """The period's cases need not be numbered one after another (portal.back_office.insights._Cohort): here the one opened
    between them is yesterday's, and its rounds and check-in answers stay out of today's figures."""
    opened = [open_case(store.engine, email=f"n{n}@example.com") for n in range(3)]
    for case_id in opened:
        fulfil(store, case_id, approve=True)
        answer(store, case_id, 5, 10)
    set_times(store, opened[1], created_at=utcnow() - timedelta(days=1))

    todays = overview(store.engine, manager(store), today(), today())
    yesterdays = overview(store.engine, manager(store), today() - timedelta(days=1), today() - timedelta(days=1))

    assert (todays.total_cases, todays.satisfaction.answered, sum(todays.paraphrase.values())) == (2, 2, 2)
    assert (yesterdays.total_cases, yesterdays.satisfaction.answered, sum(yesterdays.paraphrase.values())) == (1, 1, 1)
    assert todays.approvals[ApprovalPath.STAFF] == 2 and yesterdays.approvals[ApprovalPath.STAFF] == 1


def test_long_periods_are_counted_by_week(store):
    for n, moment in enumerate(
        [
            datetime(2026, 3, 1, 12, tzinfo=UTC),
            datetime(2026, 3, 2, 8, tzinfo=UTC),
            datetime(2026, 3, 8, 23, tzinfo=UTC),
        ]
    ):
        set_times(store, open_case(store.engine, email=f"w{n}@example.com"), created_at=moment)

    found = overview(store.engine, manager(store), date(2026, 2, 1), date(2026, 4, 30))

    assert found.granularity is Granularity.WEEK
    assert [(b.bucket, b.cases) for b in found.cases_over_time] == [(date(2026, 2, 23), 1), (date(2026, 3, 2), 2)]


def test_an_empty_period_has_no_numbers_rather_than_wrong_ones(store):
    found = overview(store.engine, manager(store), today(), today())
    assert found.total_cases == 0 and found.cases_over_time == []
    assert found.median_first_response_s is None and found.median_resolution_s is None
    assert found.satisfaction.csat is None and found.satisfaction.nps is None and found.reopen_rate is None
    assert cases_csv(store.engine, manager(store), today(), today()).splitlines() == [",".join(insights.CASES_HEADER)]


def test_a_reversed_period_is_refused(store):
    with pytest.raises(ValueError, match="start date is after the end date"):
        overview(store.engine, manager(store), today(), today() - timedelta(days=1))


def test_agents_get_neither_insights_nor_exports(store):
    sam = agent(store)
    open_case(store.engine)
    for service in (overview, lesson_groups, cases_csv, lessons_csv):
        with pytest.raises(NotAllowed):
            service(store.engine, sam, today(), today())
    with Session(store.engine) as session:
        assert not session.exec(select(CaseEvent).where(col(CaseEvent.kind).like("%exported"))).all()


# --- lessons ------------------------------------------------------------------------------------------------


def test_lessons_are_grouped_by_root_cause_newest_first_and_name_no_one(store):
    boss = manager(store)
    recorded = []
    for n, (cause, change) in enumerate(
        [
            ("scheduling", "Send a reminder the evening before."),
            ("communication", "Call the customer when running late."),
            ("scheduling", "=Leave 30 minutes between bookings."),
        ]
    ):
        case_id = open_case(store.engine, email=f"l{n}@example.com")
        decisions.record_lesson(store.engine, boss, case_id, cause, change)
        recorded.append(row(store, case_id).reference)
    with write_session(store.engine) as session:  # make "newest" unambiguous, a minute apart
        from db.models import Lesson

        for n, lesson in enumerate(session.exec(select(Lesson).order_by(col(Lesson.id))).all()):
            lesson.created_at = utcnow() - timedelta(minutes=10 - n)
            session.add(lesson)

    groups = lesson_groups(store.engine, boss, today(), today())

    assert [(g.root_cause, g.count) for g in groups] == [("scheduling", 2), ("communication", 1)]
    assert [line.reference for line in groups[0].newest] == [recorded[2], recorded[0]]
    assert groups[0].newest[0].what_we_change == "=Leave 30 minutes between bookings."

    text = lessons_csv(store.engine, boss, today(), today())
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(insights.LESSONS_HEADER)
    assert [(r[0], r[2], r[3]) for r in rows[1:]] == [
        ("communication", recorded[1], "Call the customer when running late."),
        ("scheduling", recorded[2], "'=Leave 30 minutes between bookings."),
        ("scheduling", recorded[0], "Send a reminder the evening before."),
    ]
    assert boss.name not in text and boss.email not in text


def test_lessons_recorded_outside_the_period_are_left_out(store):
    case_id = open_case(store.engine)
    decisions.record_lesson(store.engine, manager(store), case_id, "process", "Check the parts list before leaving.")
    yesterday = today() - timedelta(days=1)
    assert lesson_groups(store.engine, manager(store), yesterday, yesterday) == []
    assert len(lessons_csv(store.engine, manager(store), yesterday, yesterday).splitlines()) == 1


# --- the cases export ---------------------------------------------------------------------------------------


def test_the_cases_export_has_what_a_manager_needs_and_defuses_formulas(store):
    boss = manager(store)
    risky = open_case(
        store.engine, name='=HYPERLINK("http://evil.example")', email="risky@example.com", amount_cents=2000
    )
    fulfil(store, risky)
    answer(store, risky, 2, 3)
    catalog_case(store)

    text = cases_csv(store.engine, boss, today(), today())
    rows = list(csv.DictReader(io.StringIO(text)))

    assert list(rows[0]) == list(insights.CASES_HEADER)
    first, second = rows
    assert first["reference"] == row(store, risky).reference
    assert first["customer_name"] == '\'=HYPERLINK("http://evil.example")'
    assert first["customer_email"] == "risky@example.com"
    assert first["status"] == "reopened" and first["reopened"] == "yes"
    assert (first["made_it_right"], first["recommend"]) == ("2", "3")
    assert first["agreed_remedies"] == "Refund the whole $20 visit (20.00 USD)"
    assert first["agreed_total"] == "20.00"
    assert first["owner"] == ""
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", first["fulfilled_at"])
    assert first["confirmed_paraphrase"] == row(store, risky).confirmed_paraphrase
    assert second["agreed_total"] == "55.00" and second["reopened"] == "no" and second["made_it_right"] == ""
    assert "chocolates" in second["agreed_remedies"]


def test_exported_cells_come_back_as_written_whatever_they_hold(store):
    """Commas, quotes, line breaks and a leading tab or minus survive the database's own CSV writing."""
    awkward = 'Lee "the boss", Jr.\nsecond line'
    case_id = open_case(store.engine, email="awkward@example.com")
    with write_session(store.engine) as session:  # as an import or an old record might hold them
        case_row = session.get_one(Case, case_id)
        case_row.order_ref = "\t-42"
        session.get_one(Customer, case_row.customer_id).name = awkward

    rows = list(csv.DictReader(io.StringIO(cases_csv(store.engine, manager(store), today(), today()))))

    assert [(r["customer_name"], r["order_ref"], r["agreed_total"], r["closed_at"]) for r in rows] == [
        (awkward, "'\t-42", "", "")
    ]


def test_the_export_streams_in_batches_without_losing_or_repeating_a_case(store, monkeypatch):
    monkeypatch.setattr(insights, "EXPORT_BATCH", 2)
    same_moment = datetime.combine(today(), datetime.min.time(), UTC) + timedelta(hours=9)
    made = []
    for n in range(5):
        case_id = open_case(store.engine, email=f"b{n}@example.com")
        if n < 3:  # three share the same second: the keyset must still move past each exactly once
            set_times(store, case_id, created_at=same_moment)
        made.append(row(store, case_id).reference)

    rows = list(csv.DictReader(io.StringIO(cases_csv(store.engine, manager(store), today(), today()))))

    assert sorted(r["reference"] for r in rows) == sorted(made)
    assert len(rows) == 5


def test_every_export_is_in_the_audit_log_with_its_period_and_size(store):
    boss = manager(store)
    open_case(store.engine)
    open_case(store.engine, email="second@example.com")
    start = today() - timedelta(days=6)
    cases_csv(store.engine, boss, start, today())
    cases_csv(store.engine, boss, start, today())
    downloaded = insights.lessons_csv_bytes(store.engine, boss, start, today())
    assert downloaded.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets need to read UTF-8
    assert downloaded.decode("utf-8-sig").splitlines() == [",".join(insights.LESSONS_HEADER)]

    with Session(store.engine) as session:
        logged = session.exec(
            select(CaseEvent).where(col(CaseEvent.kind).like("%exported")).order_by(col(CaseEvent.id))
        ).all()
    assert [(e.kind, e.actor, e.case_id) for e in logged] == [
        ("cases_exported", f"staff:{boss.id}", None),
        ("cases_exported", f"staff:{boss.id}", None),
        ("lessons_exported", f"staff:{boss.id}", None),
    ]
    assert json.loads(logged[2].detail)["rows"] == 0
    assert json.loads(logged[0].detail) == {"start": start.isoformat(), "end": today().isoformat(), "rows": 2}
