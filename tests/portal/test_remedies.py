import pytest

from db.models import RemedyOption
from portal.recovery.remedies import (
    AutoPolicy,
    ClaimHistory,
    ProposalDecision,
    Role,
    can_approve,
    catalog_amount,
    catalog_cap,
    choose_gift,
    gifts_for,
    judge_catalog,
    judge_history,
    judge_proposal,
    offers_for,
    ordinal,
)

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
    gift = choose_gift("billing", CATALOG)
    assert gift is not None and gift.title == "Chocolates"
    assert choose_gift("billing", []) is None


@pytest.mark.parametrize(
    "amount, limit, auto",
    [
        (4999, 5000, True),
        (5000, 5000, True),
        (5001, 5000, False),
        (0, 0, True),
        (None, 5000, False),
    ],
)
def test_proposals_are_accepted_at_once_only_with_an_amount_within_the_limit(amount, limit, auto):
    assert judge_proposal(amount, limit).auto_accept is auto


def test_agents_approve_up_to_their_limit_managers_any_amount():
    assert can_approve(Role.AGENT, 20000, 20000)
    assert not can_approve("agent", 20001, 20000)
    assert can_approve("manager", 10_000_000, 20000)
    with pytest.raises(ValueError):
        can_approve("intern", 1, 20000)


def test_an_agent_never_approves_a_remedy_without_an_amount():
    # A missing amount was read as 0: an agent approved "Please refund $5,000 for the ruined kitchen floor".
    assert not can_approve(Role.AGENT, None, 20000)
    assert can_approve(Role.MANAGER, None, 20000)


@pytest.mark.parametrize(
    "text, amount, auto",
    [
        ("a full refund of $4,999", 100, False),  # the public link's attack: 1 in the amount field
        ("un reembolso de 4.999 €", 100, False),
        ('החזר של 300 ש"ח', 5000, False),
        ("Refund the $30 parking fee", 3000, True),  # the words and the amount agree
        ("Refund the parking fee", 3000, True),  # no sum named
        ("4999 dollars", None, False),
    ],
)
def test_a_proposal_whose_words_name_more_than_its_amount_waits_for_staff(text, amount, auto):
    decision = judge_proposal(amount, 5000, text=text)
    assert decision.auto_accept is auto
    if amount is not None and not auto:
        assert decision.reason == "the text names a larger sum than the amount given"


def test_a_proposal_above_the_orders_amount_waits_for_staff():
    assert not judge_proposal(4000, 5000, text="Refund me", order_cents=3000).auto_accept
    assert judge_proposal(3000, 5000, text="Refund me", order_cents=3000).auto_accept


def option(kind="refund", value=None, maximum=None, pre_approved=False):
    return RemedyOption(
        id=9, kind=kind, title="t", value_cents=value, max_value_cents=maximum, pre_approved=pre_approved
    )


@pytest.mark.parametrize(
    "entry, order, auto",
    [
        (option(value=15000, maximum=15000), None, False),  # "up to $150" over the $50 limit
        (option("replacement"), None, False),  # "repair or replace, at our cost": no cap
        (option("replacement", maximum=100000), None, False),
        (option("credit", value=5000, maximum=5000), None, True),
        (option(value=15000, maximum=15000), 4000, True),  # a refund never more than the $40 paid
        (option("replacement", maximum=100000, pre_approved=True), None, True),
        (option("redo", value=100, maximum=8900), None, False),  # its maximum counts, not its value
    ],
)
def test_a_catalog_remedy_is_agreed_at_once_only_within_the_limit_or_pre_approved(entry, order, auto):
    assert judge_catalog(entry, order, 5000).auto_accept is auto


def test_a_catalog_refund_never_exceeds_the_orders_amount():
    refund = option(value=8900, maximum=8900)
    assert catalog_amount(refund, None) == 8900
    assert catalog_amount(refund, 4000) == 4000 and catalog_cap(refund, 4000) == 4000
    assert catalog_amount(option(value=None, maximum=15000), 20000) == 15000
    credit = option("credit", value=5000, maximum=5000)
    assert catalog_amount(credit, 1000) == 5000  # a credit is not money back for the order: not capped by it


POLICY = AutoPolicy(max_count=2, max_cents=10000, window_days=90)
YES = ProposalDecision(True, "within the auto-approve limit")


@pytest.mark.parametrize(
    "history, amount, auto",
    [
        (ClaimHistory(), 5000, True),
        (ClaimHistory(claims=1, agreed=1, agreed_cents=4000), 5000, True),
        (ClaimHistory(claims=2, agreed=2, agreed_cents=4000), 1000, False),  # a 3rd remedy
        (ClaimHistory(claims=1, agreed=1, agreed_cents=9000), 2000, False),  # $110 in all
        (ClaimHistory(claims=5, agreed=0, agreed_cents=0), 5000, True),  # claims that got nothing agreed
    ],
)
def test_what_one_customer_is_agreed_automatically_is_limited(history, amount, auto):
    assert judge_history(YES, amount, POLICY, {"customer": ClaimHistory(), "order": history}).auto_accept is auto
    assert not judge_history(ProposalDecision(False, "x"), amount, POLICY, {"customer": history}).auto_accept


def test_the_reason_names_the_count_and_the_window():
    decision = judge_history(YES, 1000, POLICY, {"customer": ClaimHistory(2, 2, 3000)})
    assert decision.reason == "the 3rd remedy for this customer in 90 days: more than the 2 agreed automatically"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
        "111th",
    ]
