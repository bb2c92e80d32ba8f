"""A customer's earlier claims, on SQLite and PostgreSQL: counted by canonical email and by order reference,
within the policy's window, with what was agreed on them."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import Session, col, select

from db.engine import write_session
from db.models import Case, RemedyOption, utcnow
from portal.recovery.cases import RemedyChoice, submit_case
from portal.recovery.claim_history import canonical_email, claim_history
from portal.recovery.remedies import ClaimHistory
from tests.support import ready_draft


@pytest.mark.parametrize(
    "typed, canonical",
    [
        ("Alex@Example.com", "alex@example.com"),
        ("alex+refund@example.com", "alex@example.com"),
        ("ALEX+a+b@EXAMPLE.COM", "alex@example.com"),
        ("a.lex@example.com", "a.lex@example.com"),  # dots are part of the address (only some providers ignore them)
        ("not an address", "not an address"),
    ],
)
def test_addresses_are_counted_in_a_canonical_form(typed, canonical):
    assert canonical_email(typed) == canonical


def history(store, email: str = "alex@example.com", order: str = "", **bounds):
    with Session(store.engine) as session:
        return claim_history(session, email, order, until=bounds.pop("until", utcnow()), window_days=90, **bounds)


def auto_case(store, email: str, cents: int, order: str = "") -> int:
    """A case agreed at once: the customer's own small proposal."""
    draft = ready_draft(email=email)
    draft.form = replace(draft.form, order_ref=order)
    choice = RemedyChoice(proposal_text=f"Refund the ${cents / 100:.0f} fee", proposal_amount_cents=cents)
    receipt = submit_case(store.engine, draft, choice, trusted_caller="tests")
    assert receipt.status == "accepted"
    return receipt.case_id


def test_claims_are_counted_by_canonical_email_whatever_the_case_or_tag(store, open_case):
    auto_case(store, "Alex+one@example.com", 3000)
    auto_case(store, "alex@EXAMPLE.com", 4000)
    open_case(email="alex+two@example.com")  # waits for staff: a claim, nothing agreed yet
    open_case(email="alexa@example.com")  # someone else
    found = history(store, "ALEX+three@example.com")
    assert found.customer == ClaimHistory(claims=3, agreed=2, agreed_cents=7000)
    assert found.order is None
    assert found.lines("USD") == ["4th claim in 90 days, $70.00 so far"]


def test_claims_are_counted_by_order_reference_too(store):
    auto_case(store, "one@example.com", 3000, order="WO-77")
    auto_case(store, "two@example.com", 2000, order="wo-77")
    found = history(store, "three@example.com", "WO-77")
    assert found.customer == ClaimHistory() and found.order == ClaimHistory(2, 2, 5000)
    assert found.lines("USD") == ["1st claim in 90 days", "3rd claim on order WO-77 in 90 days, $50.00 so far"]
    assert set(found.by()) == {"customer", "order"}


def test_only_the_window_counts_and_gifts_are_no_claim(store):
    old = auto_case(store, "alex@example.com", 3000)
    with write_session(store.engine) as session:
        session.execute(update(Case).where(col(Case.id) == old).values(created_at=utcnow() - timedelta(days=91)))
    draft = ready_draft(email="alex@example.com")
    with Session(store.engine) as session:
        gift = session.exec(select(RemedyOption.id).where(RemedyOption.is_gift == True)).first()  # noqa: E712
    submit_case(
        store.engine,
        draft,
        RemedyChoice(proposal_text="Refund the $10 fee", proposal_amount_cents=1000, gift_option_id=gift),
        trusted_caller="tests",
    )
    assert history(store).customer == ClaimHistory(1, 1, 1000)


def test_the_brief_counts_only_the_cases_before_this_one(store):
    first = auto_case(store, "alex@example.com", 3000)
    second = auto_case(store, "alex@example.com", 4000)
    with Session(store.engine) as session:
        opened = session.get_one(Case, second).created_at
    assert history(store, until=opened, before_case=second).customer == ClaimHistory(1, 1, 3000)
    assert history(store, not_case=first).customer == ClaimHistory(1, 1, 4000)
