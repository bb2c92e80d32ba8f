"""The customer page in AppTest: agreeing explicitly to a remedy that is not money back, and a refund always
among the choices; the staff case page shows the agreement."""

from __future__ import annotations

from sqlmodel import Session, col, select

from db.engine import write_session
from db.models import Case, CaseRemedy, RemedyOption
from portal.recovery import decisions
from tests.pages.test_customer_journey import offer_id, only_case
from tests.support import (
    choose_offer,
    click,
    manager,
    nothing_more,
    open_page,
    page_words,
    propose,
    reach_remedy,
    row_id,
    staff_page,
    tell_story,
    texts,
)

CREDIT_AGREEMENT = (
    "I agree to receive “A $50 credit on your next service ($50.00)” instead of my money back. "
    "I understand that I can choose a refund instead."
)


def remedies(store) -> list[CaseRemedy]:
    """The remedies on the case, without the gift (the thank-you on top, which never needs agreement)."""
    with Session(store.engine) as session:
        return list(
            session.exec(select(CaseRemedy).where(col(CaseRemedy.source) != "gift").order_by(col(CaseRemedy.id)))
        )


def cases(store) -> int:
    with Session(store.engine) as session:
        return len(session.exec(select(Case)).all())


def consent_box(at, option: str):
    return next(c for c in at.checkbox if c.key == f"consent_{option}")


def test_a_credit_needs_the_tick_and_an_untick_keeps_everything_chosen(store):
    at = reach_remedy(open_page())
    credit = f"opt:{offer_id(store, '$50 credit')}"
    at.radio(key="remedy_choice").set_value(credit).run()
    box = consent_box(at, credit)
    assert box.label.replace("\\", "") == CREDIT_AGREEMENT and box.value is False

    click(at, "Confirm my choice")

    assert cases(store) == 0
    assert any("Please tick the box to agree" in e.value for e in at.error)
    assert at.radio(key="remedy_choice").value == credit  # still chosen, nothing lost

    consent_box(at, credit).check()
    click(at, "Confirm my choice")

    [row] = remedies(store)
    assert (row.kind, row.status, row.consent_text) == ("credit", "accepted", CREDIT_AGREEMENT)
    assert row.consented_at is not None
    assert "Agreed: we are arranging your remedy." in page_words(at)
    assert f"You agreed: {CREDIT_AGREEMENT}" in "\n".join(texts(at))  # their case page keeps what they agreed to


def test_a_refund_asks_for_no_agreement(store):
    at = reach_remedy(open_page())
    refund = f"opt:{offer_id(store, 'call-out fee')}"
    at.radio(key="remedy_choice").set_value(refund).run()
    assert not [c for c in at.checkbox if c.key and c.key.startswith("consent_")]
    click(at, "Confirm my choice")
    [row] = remedies(store)
    assert (row.kind, row.consent_text) == ("refund", None)


def test_the_agreement_is_asked_again_for_another_choice(store):
    at = reach_remedy(open_page())
    credit, redo = (f"opt:{offer_id(store, words)}" for words in ("$50 credit", "return visit"))
    at.radio(key="remedy_choice").set_value(credit).run()
    consent_box(at, credit).check().run()
    at.radio(key="remedy_choice").set_value(redo).run()
    assert consent_box(at, redo).value is False  # agreeing to a credit is not agreeing to a redo
    click(at, "Confirm my choice")
    assert cases(store) == 0


def test_without_any_refund_in_the_catalog_a_refund_of_what_was_paid_is_offered(store):
    with write_session(store.engine) as session:
        for option in session.exec(select(RemedyOption).where(RemedyOption.kind == "refund")):
            option.is_active = False
            session.add(option)
    at = tell_story(open_page())
    click(at, "Yes, that's right")
    nothing_more(at, amount=40.0)
    choices = at.radio(key="remedy_choice")
    assert "A refund of what you paid (\\$40.00)" in choices.options  # the amount they gave us
    choices.set_value("refund").run()
    click(at, "Confirm my choice")
    [row] = remedies(store)
    assert (row.source, row.kind, row.status, row.amount_cents, row.consent_text) == (
        "proposal",
        "refund",
        "accepted",
        4000,
        None,
    )  # within the $50 auto-approve limit


def countered(store, *, refund: bool):
    at = propose(reach_remedy(open_page()), "Refund the whole $400 visit", 400)
    case = only_case(store)
    text = "A refund of the $89 call-out fee" if refund else "A free return visit by our senior mechanic"
    decisions.counter_offer(store.engine, manager(store), row_id(case), case.version, text, 8900, refund=refund)
    return at.run()


def test_accepting_a_staff_offer_that_is_not_money_back_needs_the_tick(store):
    at = countered(store, refund=False)
    box = next(c for c in at.checkbox if c.key.startswith("offer_consent_"))
    sentence = box.label.replace("\\", "")
    assert sentence == (
        "I agree to receive “A free return visit by our senior mechanic ($89.00)” instead of my "
        "money back. I understand that I can ask for a refund instead."
    )

    click(at, "Accept this offer")
    assert only_case(store).status == "countered"
    assert any("Please tick the box to agree" in e.value for e in at.error)

    next(c for c in at.checkbox if c.key.startswith("offer_consent_")).check()
    click(at, "Accept this offer")

    assert only_case(store).status == "accepted"
    assert remedies(store)[-1].consent_text == sentence

    staff = staff_page("screens/case.py", manager(store), id=str(only_case(store).id))
    assert any(t.startswith(f"Customer agreed: {sentence} at ") for t in texts(staff)), texts(staff)


def test_accepting_a_staff_refund_needs_no_tick(store):
    at = countered(store, refund=True)
    assert not [c for c in at.checkbox if c.key.startswith("offer_consent_")]
    click(at, "Accept this offer")
    assert only_case(store).status == "accepted"
    assert remedies(store)[-1].consent_text is None


def test_the_support_helper_ticks_the_agreement(store):
    at = choose_offer(reach_remedy(open_page()), offer_id(store, "$50 credit"))
    assert remedies(store)[0].consent_text == CREDIT_AGREEMENT
    assert "Agreed: we are arranging your remedy." in page_words(at)


def test_staff_mark_a_counter_offer_as_money_back_on_the_case_page(store, open_case):
    from tests.pages.test_staff_case import case_page

    refunded, other = open_case(), open_case(email="sam@example.com")
    for case_id, text, amount, refund in (
        (refunded, "A $300 refund", 300.0, True),
        (other, "A free return visit", 89.0, False),
    ):
        at = case_page(case_id, manager(store))
        at.text_area(key=f"case{case_id}_counter_text").input(text)
        at.number_input(key=f"case{case_id}_counter_amount").set_value(amount)
        if refund:
            at.checkbox(key=f"case{case_id}_counter_refund").check()
        click(at, "Send the counter-offer")
    with Session(store.engine) as session:
        kinds = {r.case_id: r.kind for r in session.exec(select(CaseRemedy).where(CaseRemedy.source == "counter"))}
    assert kinds == {refunded: "refund", other: "other"}  # only the second needs the customer's agreement
