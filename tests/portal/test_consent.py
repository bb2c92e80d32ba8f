"""Consent to a remedy that is not money back, and the policy that a refund is always offered."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from db.engine import write_session
from db.models import Business, Case, CaseEvent, CaseRemedy, RemedyOption, utcnow
from portal.back_office.casefile import load_case_file
from portal.business import get_business, load_catalog
from portal.i18n import translator
from portal.recovery import decisions
from portal.recovery.cases import RemedyChoice, SubmissionRejected, submit_case
from portal.recovery.catalog import BusinessSettings, update_business
from portal.recovery.remedies import (
    ConsentRequired,
    consent_to_store,
    needs_consent,
    needs_generic_refund,
    offers_for,
)
from portal.ui.wording import consent_sentence
from tests.support import AGREED, manager, ready_draft

# --- the rules, without a store ------------------------------------------------------------------------------

CATALOG = [
    RemedyOption(id=1, kind="redo", title="Redo", categories="lateness", sort_order=1),
    RemedyOption(id=2, kind="refund", title="Refund the overcharge", categories="billing", sort_order=2),
    RemedyOption(id=3, kind="credit", title="Credit", categories="", sort_order=3),
    RemedyOption(id=4, kind="refund", title="Refund the call-out fee", categories="lateness", sort_order=4),
    RemedyOption(id=5, kind="refund", title="Retired refund", categories="", sort_order=0, is_active=False),
    RemedyOption(id=6, kind="gift", title="Chocolates", categories="", is_gift=True),
]


@pytest.mark.parametrize(
    ("kind", "source", "needed"),
    [
        ("credit", "catalog", True),
        ("discount", "catalog", True),
        ("redo", "catalog", True),
        ("replacement", "catalog", True),
        ("refund", "catalog", False),
        ("gift", "gift", False),  # the thank-you on top, not the remedy
        ("other", "proposal", False),
        ("refund", "proposal", False),  # the customer wrote it themselves
        ("other", "counter", True),
        ("other", "alternative", True),
        ("other", "offer", True),
        ("refund", "counter", False),  # staff marked the offer as money back
    ],
)
def test_everything_but_money_back_needs_the_customers_agreement(kind, source, needed):
    assert needs_consent(kind, source) is needed


def test_a_remedy_that_needs_agreement_is_refused_without_it_and_the_sentence_is_kept_as_ticked():
    with pytest.raises(ConsentRequired):
        consent_to_store("credit", "catalog", "")
    with pytest.raises(ConsentRequired):
        consent_to_store("credit", "catalog", "   ")
    assert consent_to_store("credit", "catalog", " I agree. ") == "I agree."
    assert consent_to_store("refund", "catalog", "") is None
    assert consent_to_store("refund", "catalog", "I agree.") is None  # nothing to agree to: nothing stored


def test_a_refund_that_fits_is_offered_as_it_was():
    offers = offers_for("lateness", CATALOG, refund_always_offered=True)
    assert [o.id for o in offers] == [1, 3, 4]
    assert not needs_generic_refund(offers, True)


def test_without_a_fitting_refund_the_first_active_refund_is_added_when_the_policy_says_so():
    assert [o.id for o in offers_for("damage", CATALOG)] == [3]
    assert [o.id for o in offers_for("damage", CATALOG, refund_always_offered=False)] == [3]
    offers = offers_for("damage", CATALOG, refund_always_offered=True)
    assert [o.id for o in offers] == [3, 2]  # the retired refund (sort order 0) is never offered
    assert not needs_generic_refund(offers, True)


def test_with_no_refund_in_the_catalog_a_refund_of_what_was_paid_is_needed():
    no_refunds = [CATALOG[0], CATALOG[2], CATALOG[4]]  # redo, credit, a retired refund
    offers = offers_for("lateness", no_refunds, refund_always_offered=True)
    assert [o.id for o in offers] == [1, 3]
    assert needs_generic_refund(offers, True)
    assert not needs_generic_refund(offers, False)


def test_the_agreement_names_the_remedy_and_says_a_refund_stays_open():
    en = translator("en")
    assert consent_sentence("A $50 credit", "choose", en) == (
        "I agree to receive “A $50 credit” instead of my money back. I understand that I can choose a refund instead."
    )
    assert "ask for a refund" in consent_sentence("A $50 credit", "ask", en)
    assert consent_sentence("A $50 credit", None, en) == "I agree to receive “A $50 credit” instead of my money back."


# --- the services, on SQLite and PostgreSQL -------------------------------------------------------------------


def submit(store, draft, choice):
    """A submission the way the customer page makes one (the address counts as confirmed)."""
    return submit_case(store.engine, draft, choice, trusted_caller="tests.portal.test_consent")


def option(store, words: str) -> RemedyOption:
    return next(o for o in load_catalog(store.engine) if words in o.title)


def remedy_rows(store) -> list[CaseRemedy]:
    with Session(store.engine) as session:
        return list(session.exec(select(CaseRemedy).order_by(col(CaseRemedy.id))))


def cases(store) -> int:
    with Session(store.engine) as session:
        return len(session.exec(select(Case)).all())


def retire(store, kind: str, *, except_words: str = "") -> None:
    with write_session(store.engine) as session:
        for row in session.exec(select(RemedyOption).where(RemedyOption.kind == kind)):
            if not except_words or except_words not in row.title:
                row.is_active = False
                session.add(row)


def test_a_credit_without_agreement_is_refused_and_no_case_is_opened(store):
    draft = ready_draft()
    credit = option(store, "$50 credit")
    with pytest.raises(ConsentRequired):
        submit(store, draft, RemedyChoice(option_id=credit.id))
    assert cases(store) == 0


def test_the_agreement_is_stored_word_for_word_with_the_time(store):
    sentence = consent_sentence("A $50 credit on your next service ($50.00)", "choose", translator("es"))
    before = utcnow()
    receipt = submit(
        store, ready_draft(language="es"), RemedyChoice(option_id=option(store, "$50 credit").id, consent_text=sentence)
    )
    [row] = remedy_rows(store)
    assert (row.kind, row.status, row.consent_text) == ("credit", "accepted", sentence)
    assert row.consented_at is not None and before - timedelta(seconds=1) <= row.consented_at <= utcnow()
    file = load_case_file(store.engine, receipt.case_id)
    assert file.remedies[0].consent_text == sentence  # what the staff case page shows
    with Session(store.engine) as session:
        logged = session.exec(select(CaseEvent).where(CaseEvent.kind == "remedy_accepted")).one()
    assert json.loads(logged.detail)["consent"] == sentence


def test_a_refund_needs_no_agreement(store):
    submit(store, ready_draft(), RemedyChoice(option_id=option(store, "call-out fee").id))
    [row] = remedy_rows(store)
    assert (row.kind, row.consent_text, row.consented_at) == ("refund", None, None)


def test_a_refund_from_another_category_is_accepted_only_under_the_policy(store):
    assert ready_draft().category == "lateness"
    retire(store, "refund", except_words="difference between your quote")
    billing_refund = option(store, "difference between your quote")
    receipt = submit(store, ready_draft(), RemedyChoice(option_id=billing_refund.id))
    # Offered, and taken; its maximum ($150) is above the auto-approve limit, so staff decide.
    assert receipt.status == "awaiting_approval" and remedy_rows(store)[0].kind == "refund"

    with write_session(store.engine) as session:
        business = session.exec(select(Business)).one()
        business.refund_always_offered = False
        session.add(business)
    with pytest.raises(SubmissionRejected):
        submit(store, ready_draft(), RemedyChoice(option_id=billing_refund.id))


def test_the_refund_of_what_was_paid_is_a_refund_proposal_judged_against_the_limit(store):
    retire(store, "refund")
    assert needs_generic_refund(offers_for("lateness", load_catalog(store.engine), refund_always_offered=True), True)
    receipt = submit(
        store,
        ready_draft(amount="40"),
        RemedyChoice(proposal_text="A refund of what you paid", proposal_amount_cents=4000, proposal_kind="refund"),
    )
    [row] = remedy_rows(store)
    assert (receipt.status, row.source, row.kind, row.amount_cents, row.consent_text) == (
        "accepted",
        "proposal",
        "refund",
        4000,
        None,
    )
    with pytest.raises(SubmissionRejected):  # a proposal is a refund or free text, never a pretend catalog kind
        submit(store, ready_draft(), RemedyChoice(proposal_text="x", proposal_kind="credit"))


def countered(store, open_case, *, refund: bool = False) -> tuple[int, int]:
    case_id = open_case()
    with Session(store.engine) as session:
        version = session.get_one(Case, case_id).version
    outcome = decisions.counter_offer(
        store.engine, manager(store), case_id, version, "A free return visit", 8900, refund=refund
    )
    return case_id, outcome.version


def test_accepting_a_staff_offer_needs_the_agreement_and_stores_it(store, open_case):
    case_id, version = countered(store, open_case)
    with pytest.raises(ConsentRequired):
        decisions.customer_accept_offer(store.engine, case_id, version)
    with Session(store.engine) as session:
        assert session.get_one(Case, case_id).status == "countered"  # nothing changed

    decisions.customer_accept_offer(store.engine, case_id, version, AGREED)

    offer = remedy_rows(store)[-1]
    assert (offer.source, offer.status, offer.consent_text) == ("counter", "accepted", AGREED)
    assert offer.consented_at is not None


def test_accepting_a_staff_refund_needs_no_agreement(store, open_case):
    case_id, version = countered(store, open_case, refund=True)
    decisions.customer_accept_offer(store.engine, case_id, version)
    offer = remedy_rows(store)[-1]
    assert (offer.kind, offer.status, offer.consent_text) == ("refund", "accepted", None)


def test_managers_switch_the_refund_policy_and_the_change_is_audited(store):
    boss = manager(store)
    business = get_business(store.engine)
    assert business.refund_always_offered is True
    settings = BusinessSettings.of(business)
    update_business(
        store.engine, boss, BusinessSettings(**{**settings.__dict__, "refund_always_offered": False}), business.version
    )
    assert get_business(store.engine).refund_always_offered is False
    with Session(store.engine) as session:
        logged = session.exec(select(CaseEvent).where(CaseEvent.kind == "policy_changed")).one()
    assert json.loads(logged.detail)["changes"] == {"refund_always_offered": {"from": True, "to": False}}
    assert logged.actor == f"staff:{boss.id}"
