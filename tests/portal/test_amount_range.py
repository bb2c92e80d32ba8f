"""Every amount, a customer's or a staff member's, is checked against one range before it is drawn or stored, and a
refusal says what the range is."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlmodel import Session, select

from db.models import Business, Case
from portal.recovery import catalog, decisions
from portal.recovery.cases import RemedyChoice
from portal.recovery.money import MAX_AMOUNT_CENTS, AmountOutOfRange, checked_cents, to_cents
from tests.support import manager

RANGE = "from 0 to 1,000,000"


@pytest.mark.parametrize("typed", ["99999999999", 99999999999.0, "1000000.01", "-5", -0.01, "1e400"])
def test_an_amount_outside_the_range_is_refused_saying_the_range(typed):
    with pytest.raises(AmountOutOfRange, match=RANGE):
        to_cents(typed)


def test_the_range_ends_are_amounts():
    assert to_cents("1000000") == checked_cents(MAX_AMOUNT_CENTS) == MAX_AMOUNT_CENTS
    assert to_cents(0) == checked_cents(0) == 0
    with pytest.raises(AmountOutOfRange, match=RANGE):
        checked_cents(MAX_AMOUNT_CENTS + 1)
    with pytest.raises(ValueError, match="as a number"):
        checked_cents(12.5)  # type: ignore[arg-type]  # a float on purpose: the refusal is what is tested


def test_junk_is_refused_without_quoting_it():
    with pytest.raises(ValueError) as refusal:
        to_cents("my card number is 4111")
    assert "4111" not in str(refusal.value)


def stored_case(store, case_id: int) -> Case:
    with Session(store.engine) as session:
        return session.get_one(Case, case_id)


@pytest.mark.parametrize(
    "decide",
    [
        lambda e, a, c, v: decisions.counter_offer(e, a, c, v, "A big refund", 10**12),
        lambda e, a, c, v: decisions.decline_with_alternative(e, a, c, v, "Too much", "A big refund", -100),
        lambda e, a, c, v: decisions.staff_agree(e, a, c, v, "A big refund", MAX_AMOUNT_CENTS + 1),
    ],
)
def test_staff_amounts_outside_the_range_are_refused_saying_it(store, decide, open_case):
    case_id = open_case()
    with pytest.raises(AmountOutOfRange, match=RANGE):
        decide(store.engine, manager(store), case_id, stored_case(store, case_id).version)
    assert stored_case(store, case_id).status == "awaiting_approval"


def test_a_proposal_outside_the_range_never_reaches_the_store():
    with pytest.raises(AmountOutOfRange, match=RANGE):
        RemedyChoice(proposal_text="Everything", proposal_amount_cents=10**13)


def test_catalog_values_and_policy_limits_outside_the_range_are_refused_saying_it(store):
    boss = manager(store)
    with pytest.raises(ValueError, match=f"The value: Please enter an amount {RANGE}"):
        catalog.save_remedy(
            store.engine, boss, catalog.RemedyDraft(kind="refund", title="Everything back", value_cents=10**12)
        )
    with Session(store.engine) as session:
        business = session.exec(select(Business)).one()
    settings = catalog.BusinessSettings.of(business)
    limit_changes: tuple[dict[str, Any], ...] = (
        {"auto_approve_limit_cents": 10**12},
        {"agent_approval_limit_cents": -1},
    )
    for limits in limit_changes:
        with pytest.raises(ValueError, match=RANGE):
            catalog.update_business(store.engine, boss, replace(settings, **limits), business.version)
