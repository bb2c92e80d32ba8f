"""The response-targets page and the SLA clock in the case queue, in AppTest."""

from __future__ import annotations

import json
from datetime import timedelta

from streamlit.testing.v1 import AppTest

from db.engine import write_session
from db.models import Case, utcnow
from portal.recovery import decisions, sla
from portal.recovery.sla import Target
from tests.pages.test_staff_case import case_page, stored
from tests.pages.test_staff_queue import apply, open_queue, shown
from tests.portal.test_queue import add_cases
from tests.support import ROOT, actor_now, click, manager, sign_in_as


def open_sla(store, actor) -> AppTest:
    """The response-targets page, signed in as ``actor``."""
    at = AppTest.from_file(str(ROOT / "screens/sla.py"), default_timeout=30)
    sign_in_as(at, actor_now(store.engine, actor.id))
    return at.run()


def test_a_manager_changes_a_categorys_targets(store):
    at = open_sla(store, manager(store))
    assert at.title[0].value == "Response targets"
    at.selectbox(key="sla_category").set_value("billing").run()
    at.number_input(key="sla_first_billing_0").set_value(1.5)
    at.number_input(key="sla_days_billing_0").set_value(2)
    click(at, "Save targets")
    assert "Saved: Billing, first response within 1h 30m, resolution within 2 business days" in at.success[0].value
    assert sla.load_settings(store.engine).target_for("billing") == Target(90, 2)
    table = at.dataframe[0].value
    billing = table[table["Category"] == "Billing"].iloc[0]
    assert (billing["First response within"], billing["Resolution (business days)"], billing["Source"]) == (
        "1h 30m",
        2,
        "Changed by a manager",
    )


def test_a_refused_target_keeps_what_was_typed(store):
    at = open_sla(store, manager(store))
    at.number_input(key="sla_first_lateness_0").set_value(40.0)  # longer than 3 business days of 8 hours
    click(at, "Save targets")
    assert "cannot be longer than the resolution target" in at.error[0].value
    assert at.number_input(key="sla_first_lateness_0").value == 40.0
    assert sla.load_settings(store.engine).target_for("lateness") == sla.DEFAULT_TARGET


def test_a_manager_changes_the_business_hours(store):
    at = open_sla(store, manager(store))
    version = sla.load_settings(store.engine).hours_version
    at.selectbox(key=f"sla_zone_{version}").set_value("Europe/Madrid")
    at.multiselect(key=f"sla_days_{version}").set_value([1, 2, 3, 4])
    click(at, "Save business hours")
    assert "Monday to Thursday, 09:00-17:00 (Europe/Madrid)" in at.success[0].value
    assert sla.business_hours(store.engine).workdays == frozenset({1, 2, 3, 4})


def test_a_sunday_to_thursday_week_is_listed_from_sunday(store):
    at = open_sla(store, manager(store))
    version = sla.load_settings(store.engine).hours_version
    at.multiselect(key=f"sla_days_{version}").set_value([7, 1, 2, 3, 4])
    click(at, "Save business hours")
    assert "Sunday to Thursday, 09:00-17:00" in at.success[0].value
    days = at.multiselect(key=f"sla_days_{sla.load_settings(store.engine).hours_version}")
    assert days.options[:2] == ["Sunday", "Monday"] and days.value == [7, 1, 2, 3, 4]


def test_agents_see_the_targets_but_cannot_save(store, agent):
    at = open_sla(store, agent)
    assert "Only managers" in at.info[0].value
    assert all(b.disabled for b in at.button if b.label in ("Save targets", "Save business hours"))


def test_the_queue_shows_each_cases_clock_and_filters_the_overdue(store):
    now = utcnow()
    add_cases(
        store.engine,
        dict(reference="AM-LATE", sla_due_at=now - timedelta(days=10)),
        dict(reference="AM-OK", sla_due_at=now + timedelta(days=10), first_response_at=now),
        dict(reference="AM-NOCLOCK"),
        now=now,
    )
    at = open_queue(store)
    table = at.dataframe[0].value.set_index("Reference")
    assert list(table.loc["AM-LATE", "SLA"]) == ["Overdue"]
    assert table.loc["AM-LATE", "Time left"].startswith("First response: overdue by ")
    assert list(table.loc["AM-OK", "SLA"]) == ["On time"] and table.loc["AM-OK", "Time left"].startswith("Resolution: ")
    assert list(table.loc["AM-NOCLOCK", "SLA"]) == [] and table.loc["AM-NOCLOCK", "Time left"] == ""
    # Marks that draw without an emoji font: the word in a pill of its colour.
    sla = json.loads(at.dataframe[0].proto.columns)["SLA"]
    assert {option["value"]: option["color"] for option in sla["type_config"]["options"]} == {
        "Overdue": "red",
        "Due soon": "orange",
        "On time": "green",
    }
    at.checkbox(key="queue_overdue").check()
    assert shown(apply(at)) == ["AM-LATE"]


def test_the_case_page_shows_the_running_clock(store, open_case):
    boss = manager(store)
    case_id = open_case()
    with write_session(store.engine) as session:  # opened long ago: the first response is overdue
        case = session.get_one(Case, case_id)
        case.sla_due_at = case.first_response_due_at = utcnow() - timedelta(days=7)
        session.add(case)
    at = case_page(case_id, boss)
    # Streamlit shows the leading ⚠ as the message's icon.
    assert at.error and "Overdue · First response: overdue by " in at.error[0].value
    decisions.approve_proposal(store.engine, boss, case_id, stored(store, case_id).version)
    at = case_page(case_id, boss)
    assert not at.error and any(i.value.startswith("On time · Resolution: ") and "left" in i.value for i in at.info)
