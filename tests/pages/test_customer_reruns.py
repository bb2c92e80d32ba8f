"""What a rerun of the customer page costs: one script run per click, and no settings read from the database
again on each rerun, while a manager's change still shows on the customer's very next rerun."""

from __future__ import annotations

import dataclasses

from sqlalchemy import event

from portal.business import get_business
from portal.recovery import decisions, drafts
from portal.recovery.catalog import (
    BusinessSettings,
    RemedyDraft,
    all_remedies,
    save_remedy,
    update_business,
)
from portal.ui import customer_page
from tests.support import (
    FURNACE_BOTHERED,
    FURNACE_STORY,
    button,
    case_title,
    click,
    click_in_fragment,
    counted_queries,
    manager,
    open_page,
    page_words,
    propose,
    rerun_in_fragment,
    step_title,
)


def page_runs(store, at, label: str) -> int:
    """Click ``label`` and count how many times the page ran for it (each run calls its ``main``)."""
    runs = []
    original = customer_page.main

    def counted() -> None:
        runs.append(1)
        original()

    customer_page.main = counted
    try:
        click(at, label)
    finally:
        customer_page.main = original
    return len(runs)


def test_each_click_that_moves_the_conversation_on_runs_the_page_once(store):
    at = open_page(token=store.logins.invite_token)
    assert page_runs(store, at, "Tell us what happened") == 1
    at.text_area(key="story_story").input(FURNACE_STORY)
    at.text_area(key="story_bothered").input(FURNACE_BOTHERED)
    assert page_runs(store, at, "Continue") == 1
    assert step_title(at) == "Did we understand you?"
    assert page_runs(store, at, "Yes, that's right") == 1
    assert page_runs(store, at, "No, that's everything") == 1
    assert step_title(at) == "A few details"
    assert page_runs(store, at, "Continue") == 1
    assert step_title(at) == "Anything to show us?"
    assert page_runs(store, at, "Continue") == 1
    at.radio(key="remedy_choice").set_value("own")
    at.run()
    at.text_area(key="proposal_text").input("Refund the whole $400 visit, please")
    assert page_runs(store, at, "Confirm my choice") == 1
    assert case_title(at).startswith("Your case AM-")


def test_in_a_browser_a_click_on_a_step_reruns_the_conversation_alone_not_the_page_around_it(store):
    at = open_page(token=store.logins.invite_token)
    assert at.selectbox(key="language").value == "en"
    click_in_fragment(at, "Tell us what happened")
    assert step_title(at) == "Your story"
    assert not at.selectbox  # the language switch stays on the screen as it was, not drawn again
    at.text_area(key="story_story").input(FURNACE_STORY)
    at.text_area(key="story_bothered").input(FURNACE_BOTHERED)
    click_in_fragment(at, "Continue")
    assert step_title(at) == "Did we understand you?"
    assert not at.selectbox
    at.run()  # a full run (a language switched, a reload) draws the page around the same step
    assert at.selectbox(key="language").value == "en"
    assert step_title(at) == "Did we understand you?"


def test_in_a_browser_sending_the_remedy_from_the_conversation_shows_the_whole_case_page(store):
    at = open_page(token=store.logins.invite_token)
    for label in (
        "Tell us what happened",
        "Continue",
        "Yes, that's right",
        "No, that's everything",
        "Continue",
        "Continue",
    ):
        if label == "Continue" and step_title(at) == "Your story":
            at.text_area(key="story_story").input(FURNACE_STORY)
            at.text_area(key="story_bothered").input(FURNACE_BOTHERED)
        click_in_fragment(at, label)
    at.radio(key="remedy_choice").set_value("own")
    rerun_in_fragment(at)
    at.text_area(key="proposal_text").input("Refund the whole $400 visit, please")
    click_in_fragment(at, "Confirm my choice")
    assert case_title(at).startswith("Your case AM-")
    assert at.selectbox(key="language").value == "en"  # the whole page, drawn by a full run


def test_in_a_browser_accepting_an_offer_reruns_the_case_alone_not_the_page_around_it(store):
    from tests.pages.test_customer_journey import _countered_case

    at = _countered_case(store)
    click_in_fragment(at, "Accept this offer")
    assert "Agreed: we are arranging your remedy." in page_words(at)
    assert not at.selectbox  # the language switch stays on the screen as it was, not drawn again


def test_answering_an_offer_on_the_case_page_runs_the_page_once(store):
    from tests.pages.test_customer_journey import _countered_case

    at = _countered_case(store)
    assert page_runs(store, at, "Accept this offer") == 1
    assert "Agreed: we are arranging your remedy." in page_words(at)


def reach_remedy_by_invite(store):
    at = open_page(token=store.logins.invite_token)
    click(at, "Tell us what happened")
    at.text_area(key="story_story").input(FURNACE_STORY)
    at.text_area(key="story_bothered").input(FURNACE_BOTHERED)
    click(at, "Continue")
    click(at, "Yes, that's right")
    click(at, "No, that's everything")
    click(at, "Continue")
    return click(at, "Continue")


def test_a_rerun_reads_nothing_from_the_database_again(store):
    """Not the business, the catalog or the link (looked up once per session), nor the story's files."""
    at = reach_remedy_by_invite(store)
    drafts.flush()  # the last click's save of the conversation has landed: not this rerun's
    with counted_queries(store.engine) as statements:
        at.run()
    assert not at.exception
    assert statements == []
    at = open_page()  # the story step (the invite's conversation is on its remedy step by now, kept)
    click(at, "Tell us what happened")
    at.text_area(key="story_story").input(FURNACE_STORY)
    with counted_queries(store.engine) as statements:
        at.run()
    assert statements == []


def test_a_remedy_a_manager_retires_is_gone_from_the_customers_next_rerun(store):
    at = reach_remedy_by_invite(store)
    redo = next(o for o in all_remedies(store.engine) if "return visit" in o.title)
    assert any("return visit" in option for option in at.radio(key="remedy_choice").options)
    save_remedy(
        store.engine,
        manager(store),
        RemedyDraft(kind=redo.kind, title=redo.title, is_active=False, categories=tuple(redo.categories.split(","))),
        option_id=redo.id,
    )
    at.run()
    assert not any("return visit" in option for option in at.radio(key="remedy_choice").options)


def test_a_business_renamed_by_a_manager_shows_on_the_customers_next_rerun(store):
    at = open_page(token=store.logins.invite_token)
    assert at.title[0].value == "Northwind Home Services"
    business = get_business(store.engine)
    update_business(
        store.engine,
        manager(store),
        dataclasses.replace(BusinessSettings.of(business), name="Northwind Heating"),
        business.version,
    )
    at.run()
    assert at.title[0].value == "Northwind Heating"
    button(at, "Tell us what happened")


def test_a_rerun_of_the_case_page_reads_the_case_again_only_after_it_changed(store):
    """The case page reruns on every click and field change; staff's decision shows on the very next one."""
    from tests.pages.test_customer_journey import only_case

    at = propose(reach_remedy_by_invite(store), "Refund the whole $400 visit, please", 400.0)
    assert "Your proposal is with us for a decision." in page_words(at)
    with counted_queries(store.engine) as statements:
        at.run()
    assert not at.exception
    assert statements == []
    case = only_case(store)
    assert case.id is not None
    decisions.approve_proposal(store.engine, manager(store), case.id, case.version)
    with counted_queries(store.engine) as statements:
        at.run()
    assert statements
    assert "Agreed: we are arranging your remedy." in page_words(at)


def test_the_click_that_writes_the_case_reads_nothing_after_its_transaction(store):
    """ "Confirm my choice" writes the case in one transaction, then draws the case page from what that transaction
    held: its link is not looked up again, nor the case read back."""
    at = reach_remedy_by_invite(store)
    refund = next(o for o in all_remedies(store.engine) if "full refund" in o.title)
    at.radio(key="remedy_choice").set_value(f"opt:{refund.id}").run()
    drafts.flush()  # the remedy step's own save has landed
    with counted_queries(store.engine) as statements:
        event.listen(store.engine, "commit", committed := lambda _connection: statements.append("COMMIT"))
        try:
            click(at, "Confirm my choice")
        finally:
            event.remove(store.engine, "commit", committed)
    assert statements.count("COMMIT") == 1
    assert statements[-1] == "COMMIT"
    assert case_title(at).startswith("Your case AM-")
    assert "A full refund of the call-out fee" in page_words(at)
