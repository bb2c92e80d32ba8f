"""An amount outside the range every amount keeps to, typed on any page: a message that says the range, in the
reader's language, and nothing lost (99999999999 on the details step raised an unhandled error)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from db.models import Business, Case, RemedyOption
from portal.i18n import translator
from tests.pages.test_languages import open_in, press
from tests.pages.test_staff_case import case_page, errors, stored
from tests.support import (
    click,
    confirm_email,
    give_contact,
    manager,
    open_page,
    reach_remedy,
    staff_page,
    step_title,
    unescaped,
)

HUGE = 99999999999.0
RANGE = {"en": "from 0 to 1,000,000", "es": "entre 0 y 1.000.000", "he": "בין 0 ל-1,000,000"}


def details_step(language: str):
    _ = translator(language)
    at = open_in(language)
    press(at, _("Tell us what happened"))
    at.text_area(key="story_story").input("The mechanic came 90 minutes late and did not call ahead.")
    at.text_area(key="story_bothered").input("The mechanic was 90 minutes late")
    press(at, _("Continue"))
    confirm_email(give_contact(at, email="cliente@example.com"))
    press(at, _("Yes, that's right"))
    return press(at, _("No, that's everything"))


@pytest.mark.parametrize("language", ["en", "es", "he"])
def test_a_huge_amount_on_the_details_step_says_the_range_in_the_customers_language(store, language):
    _ = translator(language)
    at = details_step(language)
    at.number_input(key="details_amount").set_value(HUGE)
    press(at, _("Continue"))
    assert step_title(at) == _("A few details")
    assert any(RANGE[language] in unescaped(e.value) for e in at.error), [e.value for e in at.error]
    assert at.number_input(key="details_amount").value == HUGE  # nothing they typed is lost
    at.number_input(key="details_amount").set_value(120.0)
    press(at, _("Continue"))
    assert step_title(at) == _("Anything to show us?")


def test_a_huge_proposal_amount_says_the_range_and_keeps_the_proposal(store):
    at = reach_remedy(open_page())
    at.radio(key="remedy_choice").set_value("own").run()
    at.text_area(key="proposal_text").input("Refund everything, please")
    at.number_input(key="proposal_amount").set_value(HUGE)
    click(at, "Confirm my choice")
    assert any(RANGE["en"] in e.value for e in at.error), [e.value for e in at.error]
    assert at.text_area(key="proposal_text").value == "Refund everything, please"
    with Session(store.engine) as session:
        assert session.exec(select(Case)).first() is None


def test_a_huge_counter_offer_amount_is_refused_on_the_case_page_saying_the_range(store, open_case):
    case_id = open_case()
    at = case_page(case_id, manager(store))
    at.text_area(key=f"case{case_id}_counter_text").input("Everything back")
    at.number_input(key=f"case{case_id}_counter_amount").set_value(HUGE)
    click(at, "Send the counter-offer")
    assert any(RANGE["en"] in e for e in errors(at)), errors(at)
    assert stored(store, case_id).status == "awaiting_approval"


def test_huge_policy_limits_and_catalog_values_are_refused_on_the_catalog_page_saying_the_range(store):
    at = staff_page("screens/catalog.py", manager(store))
    next(n for n in at.number_input if n.label.startswith("Auto-approve")).set_value(HUGE)
    click(at, "Save policy")
    assert any(RANGE["en"] in e.value for e in at.error), [e.value for e in at.error]
    next(t for t in at.text_input if t.label.startswith("Title")).input("Everything back")
    next(n for n in at.number_input if n.label.startswith("Value")).set_value(HUGE)
    click(at, "Save")
    assert any(RANGE["en"] in e.value for e in at.error), [e.value for e in at.error]
    with Session(store.engine) as session:
        assert session.exec(select(Business)).one().auto_approve_limit_cents == 5000
        assert session.exec(select(RemedyOption).where(RemedyOption.title == "Everything back")).first() is None
