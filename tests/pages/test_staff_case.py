"""The staff case page in AppTest: sign-in gate, the brief in the customer's words, decisions, limits, staleness."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select
from streamlit.testing.v1 import AppTest

from db.engine import write_session
from db.models import Case, CaseEvent, CaseNote, CaseRemedy, Lesson, RemedyOption, utcnow
from portal.back_office.staff import StaffActor
from portal.recovery import decisions, followup, timeline
from portal.recovery.states import Event
from tests.portal.test_followup import checkin_link, fulfilled_case
from tests.support import (
    FURNACE_BOTHERED,
    button,
    click,
    manager,
    page_words,
    staff_page,
    texts,
)

HOSTILE = "**bold** <script>alert(1)</script> [link](http://evil.example) $x$ :red[hi]"


def case_page(case_id: int | str | None, actor: StaffActor | None) -> AppTest:
    at = staff_page("screens/case.py", actor, **({} if case_id is None else {"id": str(case_id)}))
    assert not at.exception, at.exception
    return at


def stored(store, case_id: int) -> Case:
    with Session(store.engine) as session:
        return session.get_one(Case, case_id)


def last_event(store, case_id: int) -> CaseEvent:
    with Session(store.engine) as session:
        found = session.exec(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(col(CaseEvent.id).desc())
        ).first()
    assert found is not None
    return found


def words(at: AppTest) -> str:
    """Everything written on the page, Markdown escapes removed (our own labels are escaped)."""
    return "\n".join(
        [page_words(at), *(i.value for i in at.info), *(c.value for c in at.caption), *(h.value for h in at.header)]
    ).replace("\\", "")


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def test_without_signing_in_no_case_data_is_shown(store, open_case):
    case_id = open_case()
    at = case_page(case_id, None)
    assert at.title[0].value == "Staff sign-in"
    words = page_words(at)
    assert stored(store, case_id).reference not in words
    assert FURNACE_BOTHERED not in words and "Refund the whole" not in words
    assert not any(b.label == "Approve the proposal" for b in at.button)


def test_the_brief_comes_first_and_shows_customer_text_literally(store, open_case):
    case_id = open_case(bothered=HOSTILE, more=("He left <b>mud</b> on my *carpet*",))
    at = case_page(case_id, manager(store))

    assert at.title[0].value == f"Case {stored(store, case_id).reference}"
    headers = [h.value for h in at.header]
    assert headers.index("Prepare yourself") < headers.index("Decide") < headers.index("Timeline")
    shown = texts(at)
    assert HOSTILE in shown  # their words, exactly
    assert any("<script>alert(1)</script>" in t and "**bold**" in t for t in shown if t != HOSTILE)  # paraphrase
    assert "He left <b>mud</b> on my *carpet*" in shown
    assert not any("<script>" in m.value or "<b>mud" in m.value for m in at.markdown)
    assert f"Awaiting approval · {stored(store, case_id).category.capitalize()} · English" in words(at)


def test_a_manager_approves_from_the_page(store, open_case):
    boss = manager(store)
    case_id = open_case()
    at = case_page(case_id, boss)
    assert not any(b.label == "Mark as fulfilled" for b in at.button)  # not while awaiting approval

    click(at, "Approve the proposal")

    assert stored(store, case_id).status == "accepted"
    event = last_event(store, case_id)
    assert (event.kind, event.actor) == ("approve", f"staff:{boss.id}")
    assert "Approved. The customer's proposal is agreed." in [s.value for s in at.success]
    click(at, "Mark as fulfilled")  # the page now offers the next step, with the new version
    assert stored(store, case_id).status == "fulfilled"
    assert any("Marked fulfilled" in s.value for s in at.success)


def test_a_counter_offer_from_the_page(store, open_case):
    case_id = open_case()
    at = case_page(case_id, manager(store))
    at.text_area(key=f"case{case_id}_counter_text").input("A free return visit tomorrow morning")
    at.number_input(key=f"case{case_id}_counter_amount").set_value(89.0)

    click(at, "Send the counter-offer")

    assert stored(store, case_id).status == "countered"
    with Session(store.engine) as session:
        offer = session.exec(
            select(CaseRemedy).where(CaseRemedy.case_id == case_id, CaseRemedy.source == "counter")
        ).one()
    assert (offer.description, offer.amount_cents, offer.status) == (
        "A free return visit tomorrow morning",
        8900,
        "offered",
    )
    assert "Waiting for the customer" in words(at)
    assert "A free return visit tomorrow morning ($89.00)" in texts(at)


def test_an_agent_above_the_limit_is_refused_and_keeps_what_they_typed(store, agent, open_case):
    sam = agent
    case_id = open_case(amount_cents=40000)
    at = case_page(case_id, sam)

    click(at, "Approve the proposal")
    assert any("up to $200.00" in e for e in errors(at)), errors(at)
    assert stored(store, case_id).status == "awaiting_approval"

    at.text_area(key=f"case{case_id}_counter_text").input("A $300 refund")
    at.number_input(key=f"case{case_id}_counter_amount").set_value(300.0)
    click(at, "Send the counter-offer")
    assert any("up to $200.00" in e for e in errors(at))
    assert at.text_area(key=f"case{case_id}_counter_text").value == "A $300 refund"
    assert stored(store, case_id).status == "awaiting_approval"


def test_a_case_changed_between_showing_and_clicking_is_refused_as_stale(store, open_case):
    boss = manager(store)
    case_id = open_case()
    at = case_page(case_id, boss)
    at.text_area(key=f"case{case_id}_counter_text").input("A free return visit")
    # Meanwhile a colleague declines it with an alternative.
    decisions.decline_with_alternative(
        store.engine, boss, case_id, stored(store, case_id).version, "Too much", "A $50 credit", 5000
    )

    click(at, "Send the counter-offer")

    assert any("This case changed while you were looking at it." in e for e in errors(at))
    assert "A free return visit" in texts(at)  # what they typed, kept for them
    assert stored(store, case_id).status == "awaiting_customer"
    with Session(store.engine) as session:
        assert session.exec(select(CaseRemedy).where(CaseRemedy.source == "counter")).first() is None
    click(at, "Reload")
    assert not errors(at)
    assert "Alternative offered: waiting for the customer" in words(at)


def test_stale_then_reload_then_decide(store, open_case):
    boss = manager(store)
    case_id = open_case()
    at = case_page(case_id, boss)
    decisions.assign_owner(store.engine, boss, case_id, stored(store, case_id).version, boss.id)

    click(at, "Approve the proposal")
    assert any("changed while you were looking" in e for e in errors(at))
    assert stored(store, case_id).status == "awaiting_approval"

    click(at, "Reload")
    click(at, "Approve the proposal")
    assert stored(store, case_id).status == "accepted"


def test_a_decline_needs_an_alternative_and_nothing_typed_is_lost(store, open_case):
    case_id = open_case()
    at = case_page(case_id, manager(store))
    at.text_area(key=f"case{case_id}_decline_reason").input("A full refund is more than the visit cost")
    click(at, "Decline and offer the alternative")
    assert any("alternative" in e for e in errors(at))
    assert at.text_area(key=f"case{case_id}_decline_reason").value == "A full refund is more than the visit cost"

    at.text_area(key=f"case{case_id}_decline_text").input("A $50 credit on your next service")
    click(at, "Decline and offer the alternative")
    assert any("Please enter the amount of what you offer" in e for e in errors(at)), errors(at)
    at.number_input(key=f"case{case_id}_decline_amount").set_value(50.0)
    click(at, "Decline and offer the alternative")
    assert stored(store, case_id).status == "awaiting_customer"


def test_notes_owner_and_lesson_from_the_page_show_in_the_timeline(store, agent, open_case):
    boss, sam = manager(store), agent
    case_id = open_case()
    at = case_page(case_id, boss)

    at.text_area(key=f"case{case_id}_note_text").input("Called Alex, <i>voicemail</i>")
    click(at, "Add note")
    assert at.text_area(key=f"case{case_id}_note_text").value == ""
    assert "Called Alex, <i>voicemail</i>" in texts(at)

    at.selectbox(key=f"case{case_id}_owner").set_value(sam.id)
    click(at, "Assign")
    assert stored(store, case_id).owner_id == sam.id

    at.selectbox(key=f"case{case_id}_lesson_cause").set_value("scheduling")
    at.text_area(key=f"case{case_id}_lesson_text").input("Leave a buffer between furnace jobs")
    click(at, "Save lesson")
    with Session(store.engine) as session:
        saved = session.exec(select(Lesson).where(Lesson.case_id == case_id)).one()
        assert session.exec(select(CaseNote).where(CaseNote.case_id == case_id)).one().author_id == boss.id
    assert (saved.root_cause, saved.what_we_change) == ("scheduling", "Leave a buffer between furnace jobs")

    log = at.dataframe[0].value
    assert list(log["What"])[:3] == ["Lesson recorded", "Owner assigned", "Note added"]
    assert set(log["Who"][:3]) == {"Dana Cohen"} and "Customer" in set(log["Who"])


@pytest.mark.parametrize("given", [None, "abc", "999999"])
def test_a_missing_or_unknown_case_gets_a_friendly_message(store, given):
    at = case_page(given, manager(store))
    assert at.title[0].value == "Case not found"
    assert not at.exception


def test_a_reopened_case_offers_new_remedies_from_the_page(store, open_case):
    boss = manager(store)
    case_id = open_case()
    version = decisions.approve_proposal(store.engine, boss, case_id, stored(store, case_id).version).version
    decisions.mark_fulfilled(store.engine, boss, case_id, version)
    with write_session(store.engine) as session:  # the check-in said we did not make it right
        timeline.move(session, session.get_one(Case, case_id), Event.CHECKIN_LOW, timeline.SYSTEM)
    at = case_page(case_id, boss)
    assert not any(b.label in ("Approve the proposal", "Mark as fulfilled") for b in at.button)

    at.text_area(key=f"case{case_id}_offer_text").input("Our senior technician redoes it this week")
    at.number_input(key=f"case{case_id}_offer_amount").set_value(0.0)
    click(at, "Send the offer")

    assert stored(store, case_id).status == "awaiting_customer"
    assert "Our senior technician redoes it this week ($0.00)" in texts(at)
    assert button(at, "Assign")  # the page still works for the next step


def test_a_reopened_case_says_why_at_the_top_the_scores_the_comment_and_when(store):
    case_id = fulfilled_case(store)
    followup.answer_checkin(store.engine, checkin_link(store, case_id), 2, 4, "The radiator is <b>cold</b> again")
    at = case_page(case_id, manager(store))
    [reason] = [w.value for w in at.warning if "Reopened" in w.value]
    assert "2/5" in reason and "4/10" in reason and f"{utcnow():%Y-%m-%d}" in reason
    assert "The radiator is <b>cold</b> again" in texts(at)  # their comment, as text
    assert at.warning[0].value == reason  # before the brief and everything else but the title and status line


# --- money stays within policy -----------------------------------------------------------------------------------


def test_an_agent_enters_the_amount_of_a_proposal_that_names_none_while_approving(store, agent, open_case):
    sam = agent
    case_id = open_case(text="Please pay for the carpet cleaning", amount_cents=None)
    at = case_page(case_id, sam)
    click(at, "Approve the proposal")
    assert any("names no amount. Enter the amount first" in e for e in errors(at)), errors(at)
    assert stored(store, case_id).status == "awaiting_approval"

    at.number_input(key=f"case{case_id}_approve_amount").set_value(120.0)
    click(at, "Approve the proposal")

    assert stored(store, case_id).status == "accepted"
    with Session(store.engine) as session:
        approved = session.exec(select(CaseRemedy).where(CaseRemedy.case_id == case_id)).one()
    assert (approved.status, approved.amount_cents) == ("approved", 12000)
    assert last_event(store, case_id).actor == f"staff:{sam.id}"


def test_the_words_and_the_amount_are_shown_side_by_side_when_the_words_name_more(store, open_case):
    case_id = open_case(text="a full refund of $4,999", amount_cents=100)
    at = case_page(case_id, manager(store))
    shown = {(m.label, m.value) for m in at.metric}
    assert shown == {("Amount given", "$1.00"), ("Named in their words", "$4,999.00")}
    assert len(at.metric) == 4  # in the brief, and again beside the decision
    assert any(
        "words name more than the amount given. Not agreed at once: the text names a larger sum"
        in w.value.replace("\\", "")
        for w in at.warning
    ), [w.value for w in at.warning]


def test_a_proposal_whose_words_agree_shows_no_warning(store, open_case):
    at = case_page(open_case(), manager(store))
    assert not at.metric and not any("words name more" in w.value for w in at.warning)


def test_the_brief_shows_the_claim_history_on_every_case(store, open_case):
    first = open_case(text="Refund the $30 fee", amount_cents=3000)
    assert "Claim history: 1st claim in 90 days" in words(case_page(first, manager(store)))
    open_case(text="Refund the $60 fee", amount_cents=6000)
    third = open_case()
    at = case_page(third, manager(store))
    assert "Claim history: 3rd claim in 90 days, $30.00 so far" in words(at)
    assert not at.warning  # $30 agreed before: another one would still be within the policy


def test_a_customer_beyond_the_policy_is_highlighted(store, open_case):
    for cents in (4000, 5000):
        open_case(text=f"Refund the ${cents // 100} fee", amount_cents=cents)
    at = case_page(open_case(), manager(store))
    warned = [w.value.replace("\\", "") for w in at.warning]
    assert (
        "Claim history: 3rd claim in 90 days, $90.00 so far. More than is agreed automatically (2 remedies, "
        "$100.00 in 90 days)." in warned
    ), warned


def test_a_counter_offer_from_the_catalog_needs_no_amount_when_it_is_not_money(store, agent, open_case):
    case_id = open_case()
    at = case_page(case_id, agent)
    at.text_area(key=f"case{case_id}_counter_text").input("A free return visit")
    click(at, "Send the counter-offer")
    assert any("Please enter the amount of what you offer" in e for e in errors(at)), errors(at)
    assert at.text_area(key=f"case{case_id}_counter_text").value == "A free return visit"

    with Session(store.engine) as session:
        visit = next(o for o in session.exec(select(RemedyOption)) if "return visit" in o.title)
    at.selectbox(key=f"case{case_id}_counter_option").set_value(visit.id)
    click(at, "Send the counter-offer")

    assert stored(store, case_id).status == "countered"
    assert "A free return visit ($89.00)" in texts(at)  # their words, the catalog's value
