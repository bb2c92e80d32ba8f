import pytest

from db.models import RemedyOption
from portal.remedies import Role, can_approve, choose_gift, gifts_for, judge_proposal, offers_for

CATALOG = [
    RemedyOption(id=1, kind="redo", title="Redo", categories="quality,lateness", sort_order=2),
    RemedyOption(id=2, kind="refund", title="Refund overcharge", categories="billing", sort_order=1),
    RemedyOption(id=3, kind="credit", title="Credit", categories="", sort_order=3),
    RemedyOption(id=4, kind="credit", title="Retired", categories="", is_active=False),
    RemedyOption(id=5, kind="gift", title="Chocolates", categories="", is_gift=True),
    RemedyOption(id=6, kind="gift", title="Filter", categories="lateness", is_gift=True, sort_order=-1),
]


def test_offers_fit_the_category_in_catalog_order_and_skip_gifts_and_retired():
    assert [o.title for o in offers_for("lateness", CATALOG)] == ["Redo", "Credit"]
    assert [o.title for o in offers_for("billing", CATALOG)] == ["Refund overcharge", "Credit"]
    assert [o.title for o in offers_for("other", CATALOG)] == ["Credit"]


def test_gifts_fit_the_category():
    assert [g.title for g in gifts_for("lateness", CATALOG)] == ["Filter", "Chocolates"]
    assert choose_gift("billing", CATALOG).title == "Chocolates"
    assert choose_gift("billing", []) is None


@pytest.mark.parametrize("amount, limit, auto", [
    (4999, 5000, True), (5000, 5000, True), (5001, 5000, False), (0, 0, True), (None, 5000, False),
])
def test_proposals_are_accepted_at_once_only_with_an_amount_within_the_limit(amount, limit, auto):
    assert judge_proposal(amount, limit).auto_accept is auto


def test_agents_approve_up_to_their_limit_managers_any_amount():
    assert can_approve(Role.AGENT, 20000, 20000)
    assert not can_approve("agent", 20001, 20000)
    assert can_approve("manager", 10_000_000, 20000)
    with pytest.raises(ValueError):
        can_approve("intern", 1, 20000)
