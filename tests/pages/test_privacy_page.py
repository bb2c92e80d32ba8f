"""The managers' customer data page in AppTest: find, export, erase; agents refused; an erased case still opens."""

from __future__ import annotations

import json
from datetime import timedelta

from streamlit.testing.v1 import AppTest

from db.engine import write_session
from portal.entry import links
from portal.entry.tokens import Purpose
from tests.portal.test_followup import case_row
from tests.portal.test_privacy import EMAIL, NAME, STORY, leftovers, opened
from tests.support import ROOT, agent, click, manager, open_page, page_words, sign_in_as


def signed_in(actor, path: str = "screens/privacy.py", **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / path), default_timeout=30)
    sign_in_as(at, actor)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def search(at: AppTest, query: str) -> AppTest:
    at.text_input(key="privacy_query").input(query)
    return click(at, "Find")


def test_a_manager_finds_a_customer_and_downloads_their_data(store):
    case_id = opened(store)
    at = search(signed_in(manager(store)), EMAIL.upper())
    assert f"{NAME} <{EMAIL}>" in [t.value for t in at.text]  # customer text as plain text
    assert case_row(store, case_id).reference in str(at.dataframe[0].value)
    assert not at.download_button
    click(at, "Prepare the export")
    [download] = at.download_button
    assert download.label == "Download JSON"
    document = json.loads(at.session_state[f"privacy{case_row(store, case_id).customer_id}_export"])
    assert document["cases"][0]["story"] == STORY


def test_erasure_needs_the_confirmation_and_keeps_the_reason_typed_until_then(store):
    case_id = opened(store)
    at = search(signed_in(manager(store)), EMAIL)
    customer_id = case_row(store, case_id).customer_id
    [warning] = at.warning  # the case is awaiting approval: erasing ends it
    assert f"Not settled yet: {case_row(store, case_id).reference}. Erasing withdraws it" in warning.value
    at.text_input(key=f"privacy{customer_id}_reason").input("The customer asked by email")
    click(at, "Erase personal data")
    assert any("cannot be undone" in e.value for e in at.error)
    assert at.text_input(key=f"privacy{customer_id}_reason").value == "The customer asked by email"
    assert case_row(store, case_id).story == STORY

    at.checkbox(key=f"privacy{customer_id}_sure").check()
    click(at, "Erase personal data")
    reference = case_row(store, case_id).reference
    assert any(reference in s.value and "Personal data erased" in s.value for s in at.success)
    assert leftovers(store) == []
    assert not at.warning  # withdrawn now: nothing left unsettled
    # The address is gone, so the page keeps showing them by their case reference.
    assert at.text_input(key="privacy_query").value == reference
    assert any("Personal data erased on" in i.value for i in at.info)


def test_an_agent_is_told_this_is_for_managers(store):
    opened(store)
    at = signed_in(agent(store))
    assert "Managers only" in at.info[0].value
    assert not at.text_input and not at.button


def test_an_erased_case_still_opens_for_staff_and_the_customers_link_is_unknown(store):
    from portal.back_office import privacy

    case_id = opened(store)
    with write_session(store.engine) as session:
        token = links.issue(session, Purpose.CASE, timedelta(days=30), case_id=case_id)
    privacy.erase_customer(store.engine, manager(store), case_row(store, case_id).customer_id, "asked by email")

    at = signed_in(manager(store), "screens/case.py", id=str(case_id))
    assert not at.exception
    words = page_words(at)
    assert "[erased]" in words and NAME not in words and EMAIL not in words
    assert any("Personal data erased on" in i.value for i in at.info)
    assert any(i.value.startswith("Withdrawn: the customer's personal data was erased") for i in at.info)
    assert "Withdrawn: personal data erased" in words  # its status, and the timeline's entry
    assert not [
        b
        for b in at.button
        if b.label in ("Approve the proposal", "Send the counter-offer", "Decline and offer the alternative")
    ]

    customer = open_page(token=token)
    assert customer.title[0].value == "We couldn't find this link"
    assert NAME not in page_words(customer)


def test_a_manager_turns_retention_on_in_the_policy_form(store):
    from portal.business import get_business

    at = signed_in(manager(store), "screens/catalog.py")
    field = next(n for n in at.number_input if n.label.startswith("Erase customers' personal data"))
    assert field.value is None
    field.set_value(24)
    click(at, "Save policy")
    assert "Policy saved." in [s.value for s in at.success]
    assert get_business(store.engine).retention_months == 24
