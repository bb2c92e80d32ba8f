"""Opening a case, on SQLite and PostgreSQL: what the customer chose is agreed at once only within policy."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from sqlmodel import Session, col, select

from db.engine import write_session
from db.models import Business, CaseEvent, CaseRemedy, RemedyOption
from portal.entry.links import resolve
from portal.recovery.cases import Receipt, RemedyChoice, customer_view, submit_case
from tests.support import ready_draft

BILLING_STORY = "The bill was $180 but the quote said $120, and nobody told me about the difference."
BILLING_BOTHERED = "The bill was much higher than the quote"
DAMAGE_STORY = "Your crew scratched the hallway floor and broke a lamp while moving the old water heater."
DAMAGE_BOTHERED = "They damaged my floor and broke my lamp"


def option(store, words: str) -> RemedyOption:
    with Session(store.engine) as session:
        return next(o for o in session.exec(select(RemedyOption)) if words in o.title)


def submit(store, choice: RemedyChoice, **draft: Any) -> Receipt:
    return submit_case(store.engine, ready_draft(**draft), choice, trusted_caller="tests.portal.test_cases")


def remedy(store, case_id: int) -> CaseRemedy:
    with Session(store.engine) as session:
        return session.exec(select(CaseRemedy).where(CaseRemedy.case_id == case_id, CaseRemedy.source != "gift")).one()


def opening_reason(store, case_id: int) -> str:
    with Session(store.engine) as session:
        logged = session.exec(
            select(CaseEvent).where(
                CaseEvent.case_id == case_id, col(CaseEvent.kind).in_(["proposal_submitted", "remedy_accepted"])
            )
        ).one()
    return json.loads(logged.detail)["reason"]


def proposal(text: str, cents: int | None) -> RemedyChoice:
    return RemedyChoice(proposal_text=text, proposal_amount_cents=cents)


# --- the words and the amount ---------------------------------------------------------------------------------


def test_a_proposal_naming_more_than_its_amount_is_not_agreed_at_once(store):
    # The public link's attack: "a full refund of $4,999" with 1 in the amount field was agreed automatically.
    receipt = submit(store, proposal("a full refund of $4,999", 100))
    assert receipt.status == "awaiting_approval"
    assert remedy(store, receipt.case_id).status == "pending"
    assert opening_reason(store, receipt.case_id) == "the text names a larger sum than the amount given"


def test_spanish_and_hebrew_sums_count_too(store):
    assert submit(store, proposal("un reembolso de 4.999 €", 100), language="es").status == "awaiting_approval"
    assert submit(store, proposal('החזר של 300 ש"ח', 1000), email="noa@example.com").status == "awaiting_approval"
    assert submit(store, proposal("Refund the $30 parking fee", 3000), email="kim@example.com").status == "accepted"


def test_a_proposal_above_what_was_paid_waits_for_staff(store):
    assert submit(store, proposal("Refund my $45", 4500), amount="30").status == "awaiting_approval"


# --- catalog remedies -----------------------------------------------------------------------------------------


def test_a_catalog_refund_above_the_limit_goes_to_staff(store):
    # "up to $150" was agreed with no review although $150 is over the $50 limit.
    refund = option(store, "difference between your quote")
    receipt = submit(store, RemedyChoice(option_id=refund.id), story=BILLING_STORY, bothered=BILLING_BOTHERED)
    assert receipt.status == "awaiting_approval"
    row = remedy(store, receipt.case_id)
    assert (row.source, row.status, row.amount_cents) == ("catalog", "pending", 15000)
    assert opening_reason(store, receipt.case_id) == "its maximum is above the auto-approve limit"


def test_a_catalog_refund_is_capped_by_what_was_paid_and_then_within_the_limit(store):
    refund = option(store, "difference between your quote")
    receipt = submit(
        store, RemedyChoice(option_id=refund.id), story=BILLING_STORY, bothered=BILLING_BOTHERED, amount="40"
    )
    assert receipt.status == "accepted" and remedy(store, receipt.case_id).amount_cents == 4000


def test_repair_or_replace_has_a_cap_and_goes_to_staff_above_it(store):
    repair = option(store, "repair or replace")
    assert repair.max_value_cents is not None
    receipt = submit(
        store,
        RemedyChoice(option_id=repair.id, consent_text="I agree to this instead of my money."),
        story=DAMAGE_STORY,
        bothered=DAMAGE_BOTHERED,
    )
    assert receipt.status == "awaiting_approval"


def test_a_manager_pre_approved_remedy_is_agreed_at_once_whatever_its_maximum(store):
    repair = option(store, "repair or replace")
    with write_session(store.engine) as session:
        session.get_one(RemedyOption, repair.id).pre_approved = True
    receipt = submit(
        store,
        RemedyChoice(option_id=repair.id, consent_text="I agree to this instead of my money."),
        story=DAMAGE_STORY,
        bothered=DAMAGE_BOTHERED,
    )
    assert receipt.status == "accepted"
    assert opening_reason(store, receipt.case_id) == "pre-approved in the catalog"


def test_pre_approved_money_still_counts_against_what_one_customer_is_agreed(store):
    refund = option(store, "difference between your quote")  # $150: more than the $100 one customer gets at once
    with write_session(store.engine) as session:
        session.get_one(RemedyOption, refund.id).pre_approved = True
    receipt = submit(store, RemedyChoice(option_id=refund.id), story=BILLING_STORY, bothered=BILLING_BOTHERED)
    assert receipt.status == "awaiting_approval"


# --- what one customer is agreed automatically -----------------------------------------------------------------


def test_a_third_remedy_in_the_window_goes_to_staff(store):
    for n in range(2):
        assert submit(store, proposal(f"Refund the ${20 + n} fee", 2000 + 100 * n)).status == "accepted"
    third = submit(store, proposal("Refund the $10 fee", 1000), email="Alex+again@Example.com")
    assert third.status == "awaiting_approval"
    assert (
        opening_reason(store, third.case_id)
        == "the 3rd remedy for this customer in 90 days: more than the 2 agreed automatically"
    )


def test_more_than_the_total_in_the_window_goes_to_staff_even_pre_approved(store):
    refund = option(store, "call-out fee")  # pre-approved, $89
    assert submit(store, RemedyChoice(option_id=refund.id)).status == "accepted"
    second = submit(store, RemedyChoice(option_id=refund.id))
    assert second.status == "awaiting_approval"
    assert (
        opening_reason(store, second.case_id) == "more in total for this customer in 90 days than is agreed "
        "automatically"
    )


def test_the_order_reference_is_limited_separately(store):
    def on_order(email: str) -> Receipt:
        draft = ready_draft(email=email)
        draft.form = replace(draft.form, order_ref="WO-9")
        return submit_case(store.engine, draft, proposal("Refund the $40 fee", 4000), trusted_caller="tests")

    assert [on_order(e).status for e in ("a@example.com", "b@example.com", "c@example.com")] == [
        "accepted",
        "accepted",
        "awaiting_approval",
    ]


def test_the_policy_is_the_managers(store):
    with write_session(store.engine) as session:
        business = session.exec(select(Business)).one()
        business.auto_agree_max_count = 5
    for n in range(4):
        assert submit(store, proposal(f"Refund the ${10 + n} fee", 1000 + 100 * n)).status == "accepted"


# --- what the submitting page is handed -------------------------------------------------------------------------


def test_the_case_a_submission_hands_back_is_the_case_as_stored(store):
    """The page that submitted shows the case from the receipt, asking the database nothing: it must be what a
    reload of the link reads (remedies in order with their catalog words, the gift, the apologies for what the
    customer added, the contact), whatever was chosen."""
    chocolates = option(store, "chocolates")
    choices = [
        RemedyChoice(
            option_id=option(store, "repair or replace").id,
            gift_option_id=chocolates.id,
            consent_text="I agree to this instead of my money.",
        ),
        RemedyChoice(
            proposal_text="Refund the $30 parking fee", proposal_amount_cents=3000, gift_option_id=chocolates.id
        ),
        proposal("Refund the whole visit", None),
    ]
    drafts: list[dict[str, Any]] = [
        {"story": DAMAGE_STORY, "bothered": DAMAGE_BOTHERED, "more": ("The invoice had my name spelled wrong.",)},
        {"language": "es"},
        {"more": ("Nobody called to say he would be late.",)},
    ]
    for number, (choice, draft) in enumerate(zip(choices, drafts, strict=True)):
        receipt = submit(store, choice, email=f"kim{number}@example.com", **draft)
        assert receipt.created and receipt.view is not None
        assert receipt.view.value == customer_view(store.engine, receipt.case_id)
        assert receipt.view.current()
        assert receipt.link == resolve(store.engine, receipt.token)


def test_a_second_submission_of_one_draft_hands_back_no_view_to_trust(store):
    draft = ready_draft()
    first = submit_case(store.engine, draft, proposal("Refund the visit", None), trusted_caller="tests")
    again = submit_case(store.engine, draft, proposal("Refund the visit", None), trusted_caller="tests")
    assert (again.case_id, again.created, again.view) == (first.case_id, False, None)
    assert again.link == resolve(store.engine, again.token)
