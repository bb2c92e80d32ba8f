"""The case queue page in AppTest: access, counts, filters, search, sorting, pages and opening a case."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from db.models import Case
from portal.back_office.staff import add_staff
from tests.portal.test_queue import add_cases, staff_id
from tests.portal.test_staff import set_active
from tests.support import ROOT, actor_now, click, page_words, sign_in_as


def open_queue(store=None) -> AppTest:
    """The queue page on its own; signed in as the demo manager when a store is given."""
    at = AppTest.from_file(str(ROOT / "screens/queue.py"), default_timeout=30)
    if store is not None:
        sign_in_as(at, actor_now(store.engine, staff_id(store)))
    return at.run()


def shown(at: AppTest) -> list[str]:
    """References in the queue table, top to bottom."""
    if not at.dataframe:
        return []
    return list(at.dataframe[0].value["Reference"])


def everything(at: AppTest) -> str:
    """All the text the page shows, tables included."""
    tables = [at.dataframe[i].value.to_csv() for i in range(len(at.dataframe))]
    metrics = [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join([page_words(at), *tables, *metrics, *(c.value for c in at.caption), *(i.value for i in at.info)])


def apply(at: AppTest) -> AppTest:
    return click(at, "Apply filters")


def test_without_a_session_the_page_shows_the_sign_in_form_and_no_cases(store):
    add_cases(store.engine, dict(reference="AM-SECRET", email="private.person@example.com"))
    at = open_queue()
    assert at.title[0].value == "Staff sign-in"
    assert not at.dataframe and not at.metric
    words = everything(at)
    assert "AM-SECRET" not in words and "private.person" not in words and "Case queue" not in words


def test_the_queue_address_in_the_app_shows_the_sign_in_form_too(store):
    add_cases(store.engine, dict(reference="AM-SECRET"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.switch_page("screens/queue.py").run()
    assert at.title[0].value == "Staff sign-in"
    assert not at.dataframe and "AM-SECRET" not in everything(at)


def test_signed_out_the_queue_links_to_the_sign_in_that_comes_back_to_it(store):
    at = AppTest.from_file(str(ROOT / "screens/queue.py"), default_timeout=30)
    at.context["url"] = "http://localhost:8501/queue"
    (link,) = at.run().get("html")
    assert 'href="/account/sign-in?next=%2Fqueue"' in link.proto.body and ">Sign in</a>" in link.proto.body


def test_counts_per_status_cover_all_cases(store):
    add_cases(
        store.engine, *[dict(status="closed")] * 3, *[dict(status="awaiting_approval")] * 2, dict(status="reopened")
    )
    at = open_queue(store)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Awaiting approval": "2",
        "Reopened": "1",
        "Accepted": "0",
        "Countered": "0",
        "Awaiting customer": "0",
        "Fulfilled": "0",
        "Closed": "3",
        "Withdrawn": "0",
    }
    assert len(shown(at)) == 3  # the queue starts with the cases still in progress


def test_filter_by_status_category_owner_and_age(store):
    dana = staff_id(store)
    add_cases(
        store.engine,
        dict(reference="AM-CLOSED", status="closed", category="billing", age=timedelta(days=20)),
        dict(reference="AM-BILLNG", status="accepted", category="billing", owner_id=dana),
        dict(reference="AM-DAMAGE", status="accepted", category="damage"),
    )
    at = open_queue(store)
    assert shown(at) == ["AM-DAMAGE", "AM-BILLNG"]

    at.multiselect(key="queue_statuses").set_value(["closed"])
    assert shown(apply(at)) == ["AM-CLOSED"]

    at.multiselect(key="queue_statuses").set_value([])
    at.multiselect(key="queue_categories").set_value(["billing"])
    assert shown(apply(at)) == ["AM-BILLNG", "AM-CLOSED"]

    at.selectbox(key="queue_owner").set_value("unassigned")
    assert shown(apply(at)) == ["AM-CLOSED"]
    at.selectbox(key="queue_owner").set_value(dana)
    assert shown(apply(at)) == ["AM-BILLNG"]
    assert "Dana Cohen (you)" in at.selectbox(key="queue_owner").options

    at.selectbox(key="queue_owner").set_value("anyone")
    at.number_input(key="queue_min_age").set_value(7)
    assert shown(apply(at)) == ["AM-CLOSED"]

    click(at, "Clear filters")
    assert shown(at) == ["AM-DAMAGE", "AM-BILLNG"]
    assert at.multiselect(key="queue_categories").value == []


def test_search_by_reference_email_and_an_empty_result(store):
    add_cases(
        store.engine,
        dict(reference="AM-7KQ2PX", email="Alex.Rivera@Example.com"),
        dict(reference="AM-7KZZZZ", email="sam@example.com"),
        dict(reference="AM-9XYZAB"),
    )
    at = open_queue(store)
    at.text_input(key="queue_search").input("am-7k")
    assert shown(apply(at)) == ["AM-7KZZZZ", "AM-7KQ2PX"]
    at.text_input(key="queue_search").input("AM-7KQ2PX")
    assert shown(apply(at)) == ["AM-7KQ2PX"]
    at.text_input(key="queue_search").input("alex.rivera@example.com")
    assert shown(apply(at)) == ["AM-7KQ2PX"]
    at.text_input(key="queue_search").input("nobody@example.com")
    apply(at)
    assert shown(at) == [] and [i.value for i in at.info] == ["No cases match these filters."]


def test_an_empty_store_says_so(store):
    at = open_queue(store)
    assert not at.dataframe
    assert [i.value for i in at.info] == [
        "No cases yet. They appear here as soon as a customer tells us what happened."
    ]


def test_filtering_by_an_owner_whose_account_closes_falls_back_to_anyone(store):
    sam = add_staff(
        store.engine, email="sam@northwind.example", name="Sam Lee", role="agent", password="sam-password-1"
    )
    add_cases(store.engine, dict(reference="AM-SAMS01", owner_id=sam.id), dict(reference="AM-NOONE1"))
    at = open_queue(store)
    at.selectbox(key="queue_owner").set_value(sam.id)
    assert shown(apply(at)) == ["AM-SAMS01"]
    set_active(store, "sam@northwind.example", False)
    at.run()
    assert at.selectbox(key="queue_owner").value == "anyone"
    assert shown(at) == ["AM-NOONE1", "AM-SAMS01"]


def test_pages_with_previous_and_next(store):
    made = add_cases(store.engine, *[{}] * 60)
    newest_first = [case.reference for case in reversed(made)]
    at = open_queue(store)
    assert shown(at) == newest_first[:25]
    assert "Page 1 of 3 · 60 cases" in everything(at)
    [pager] = at.pagination
    assert (pager.num_pages, pager.value) == (3, 1)
    pager.set_value(2).run()
    assert shown(at) == newest_first[25:50] and "Page 2 of 3 · 60 cases" in everything(at)
    at.pagination[0].set_value(3).run()
    assert shown(at) == newest_first[50:] and at.pagination[0].value == 3
    at.pagination[0].set_value(2).run()
    assert shown(at) == newest_first[25:50]
    # Filtering starts again at the first page.
    at.multiselect(key="queue_categories").set_value(["lateness"])
    assert shown(apply(at)) == newest_first[:25] and at.pagination[0].value == 1


def test_one_page_needs_no_page_buttons(store):
    add_cases(store.engine, *[{}] * 3)
    at = open_queue(store)
    assert not at.pagination and "Page 1 of 1 · 3 cases" in everything(at)


def test_sorting(store):
    add_cases(
        store.engine,
        dict(reference="AM-SMALL1", amount_cents=1000),
        dict(reference="AM-LARGE1", amount_cents=50000),
        dict(reference="AM-NOAMNT"),
    )
    at = open_queue(store)
    assert shown(at) == ["AM-NOAMNT", "AM-LARGE1", "AM-SMALL1"]
    at.selectbox(key="queue_sort").set_value("amount").run()
    assert shown(at) == ["AM-LARGE1", "AM-SMALL1", "AM-NOAMNT"]
    at.selectbox(key="queue_sort").set_value("oldest").run()
    assert shown(at) == ["AM-SMALL1", "AM-LARGE1", "AM-NOAMNT"]


def _id(store, reference: str) -> int:
    with Session(store.engine) as session:
        found = session.exec(select(Case.id).where(Case.reference == reference)).one()
    assert found is not None  # a stored row's id
    return found


def test_selecting_a_row_opens_that_case_and_the_filters_wait_for_the_return(store):
    add_cases(
        store.engine,
        dict(reference="AM-FIRST1", category="billing"),
        dict(reference="AM-SECOND", category="billing"),
        dict(reference="AM-OTHER1", category="damage"),
    )
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    sign_in_as(at, actor_now(store.engine, staff_id(store)))
    at.run()
    at.switch_page("screens/queue.py").run()
    at.multiselect(key="queue_categories").set_value(["billing"])
    assert shown(apply(at)) == ["AM-SECOND", "AM-FIRST1"]

    at.session_state["queue_table"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert at.query_params.get("id") == str(_id(store, "AM-FIRST1"))
    assert "AM-FIRST1" in everything(at) and "AM-SECOND" not in everything(at)  # the case page

    at.switch_page("screens/queue.py").run()
    assert shown(at) == ["AM-SECOND", "AM-FIRST1"]  # still filtered by billing
    assert at.multiselect(key="queue_categories").value == ["billing"]
