"""The managers' Insights page in AppTest: figures, lessons shown as plain text, exports on demand, and
a clear refusal for agents."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, col, select
from streamlit.testing.v1 import AppTest

from db.models import Case, CaseEvent, utcnow
from portal.back_office.staff_addresses import cases_export_url
from portal.recovery import decisions
from portal.ui.staff.insights import forget_figures
from tests.support import ROOT, agent, manager, open_case, page_words, sign_in_as

PAGE = "screens/insights.py"
MARKDOWN_LESSON = "**Always** call ahead <b>when late</b> [here](http://evil.example)"


@pytest.fixture(autouse=True)
def _fresh_figures():
    """The page keeps its figures for a few minutes per store and period; PostgreSQL tests share one URL."""
    forget_figures()
    yield
    forget_figures()


def signed_in(actor) -> AppTest:
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=30)
    sign_in_as(at, actor)
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def downloads(at: AppTest) -> list[str]:
    """The labels of the page's downloads: buttons, and links to a streamed download."""
    return [d.proto.label for d in at.get("download_button")] + [link.proto.label for link in at.get("link_button")]


def exports_logged(store) -> int:
    with Session(store.engine) as session:
        return len(session.exec(select(CaseEvent).where(col(CaseEvent.kind).like("%exported"))).all())


def test_a_manager_sees_the_figures_the_lessons_and_both_exports(store):
    boss = manager(store)
    first = open_case(store.engine)
    with Session(store.engine) as session:
        version = session.get_one(Case, first).version
    decisions.approve_proposal(store.engine, boss, first, version)
    open_case(store.engine, email="second@example.com")
    decisions.record_lesson(store.engine, boss, first, "communication", MARKDOWN_LESSON)

    at = signed_in(boss)

    assert not at.exception, at.exception
    shown = metrics(at)
    assert shown["Cases opened"] == "2"
    assert shown["Remedy cost"] == "$400.00"
    assert shown["CSAT"] == "—" and shown["Reopen rate"] == "—"  # nothing fulfilled or answered yet
    assert shown["First response"].endswith("min")
    assert [s.value for s in at.subheader][:1] == ["Cases per category"]
    assert MARKDOWN_LESSON in [t.value for t in at.text]  # literally, never as Markdown or HTML
    assert any(e.label.startswith("Communication") and "(1)" in e.label for e in at.expander)
    assert downloads(at) == ["Download lessons (CSV)", "Download cases (CSV)"]
    today = utcnow().date()
    assert [link.proto.url for link in at.get("link_button")] == [
        cases_export_url(today - timedelta(days=89), today)
    ]  # the period shown, streamed by portal/web/exports.py
    assert "customer's name and email" in page_words(at) or any(
        "customer's name and email" in c.value for c in at.caption
    )
    assert exports_logged(store) == 0  # nothing is exported until a button is pressed


def test_figures_are_kept_for_a_few_minutes_and_refresh_on_request(store):
    open_case(store.engine)
    at = signed_in(manager(store))
    assert metrics(at)["Cases opened"] == "1"
    open_case(store.engine, email="later@example.com")
    at.run()
    assert metrics(at)["Cases opened"] == "1"
    next(b for b in at.button if b.label == "Refresh figures").click().run()
    assert metrics(at)["Cases opened"] == "2"


def test_a_period_without_cases_says_so_instead_of_showing_empty_charts(store):
    open_case(store.engine)
    at = signed_in(manager(store))
    long_ago = utcnow().date() - timedelta(days=400)
    at.date_input(key="insights_period").set_value((long_ago, long_ago + timedelta(days=6))).run()

    assert not at.exception, at.exception
    assert "No cases in this period yet." in [i.value for i in at.info]
    assert "No lessons were recorded in this period." in [i.value for i in at.info]
    assert not at.metric
    assert downloads(at) == []


def test_an_empty_store_shows_a_friendly_page(store):
    at = signed_in(manager(store))
    assert not at.exception, at.exception
    assert "No cases in this period yet." in [i.value for i in at.info]


def test_an_agent_is_told_insights_are_for_managers_and_sees_no_figures(store):
    open_case(store.engine)
    at = signed_in(agent(store))
    assert not at.exception, at.exception
    assert any("managers only" in i.value for i in at.info)
    assert not at.metric and downloads(at) == [] and not at.date_input


def test_without_a_session_only_the_sign_in_shows(store):
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=30).run()
    assert at.title[0].value == "Staff sign-in"
    assert not at.metric and downloads(at) == []
