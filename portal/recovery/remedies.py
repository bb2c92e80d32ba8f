"""Remedy catalog matching and approval policy: pure rules, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

from db.models import Business, RemedyOption
from portal.recovery.money import largest_sum_in_text


class RemedyStatus(StrEnum):
    """Where a case's remedy stands (``CaseRemedy.status``)."""

    PENDING = "pending"  # the customer's proposal or catalog choice waits for a staff decision
    OFFERED = "offered"  # staff put it to the customer, who has not answered yet
    ACCEPTED = "accepted"  # agreed at once (within the limits) or the customer took our offer
    APPROVED = "approved"  # staff agreed to what the customer asked for
    DECLINED = "declined"  # staff declined the proposal (with a counter-offer or an alternative)
    SUPERSEDED = "superseded"  # a later offer or proposal replaced it before anyone agreed
    WITHDRAWN = "withdrawn"  # the customer's data was erased while it still waited for an answer


class RemedySource(StrEnum):
    """Who put a case's remedy forward (``CaseRemedy.source``)."""

    CATALOG = "catalog"  # the customer chose it from the catalog
    PROPOSAL = "proposal"  # the customer's own words (or what staff agreed with them directly)
    COUNTER = "counter"  # staff's counter-offer to a proposal
    ALTERNATIVE = "alternative"  # staff declined and offered something else
    OFFER = "offer"  # staff's offer on a reopened case
    GIFT = "gift"  # the something extra, on top of the remedy


AGREED_STATUSES = (RemedyStatus.ACCEPTED, RemedyStatus.APPROVED)
"""A remedy the business gives: agreed at once, taken from our offer, or approved by staff."""
OPEN_STATUSES = (RemedyStatus.PENDING, RemedyStatus.OFFERED)
"""A remedy still waiting for someone's answer."""


class RemedyLike(Protocol):
    @property
    def source(self) -> str: ...

    @property
    def status(self) -> str: ...


R = TypeVar("R", bound=RemedyLike)


class RemedyShelf(Generic[R]):
    """What a case view's ``remedies`` (oldest first) hold, by where each stands: pages ask these, not the strings."""

    remedies: Sequence[R]

    @property
    def agreed(self) -> list[R]:
        """The remedies the business gives, the gift left out."""
        return [r for r in self.remedies if r.status in AGREED_STATUSES and r.source != RemedySource.GIFT]

    @property
    def pending(self) -> list[R]:
        """What waits for a staff decision: the customer's proposal, or their catalog choice above the limits."""
        return [r for r in self.remedies if r.status == RemedyStatus.PENDING and r.source in PENDING_SOURCES]

    @property
    def offers(self) -> list[R]:
        """Staff's offers the customer has not answered yet."""
        return [r for r in self.remedies if r.status == RemedyStatus.OFFERED]

    @property
    def gifts(self) -> list[R]:
        return [r for r in self.remedies if r.source == RemedySource.GIFT]


class Role(StrEnum):
    AGENT = "agent"
    MANAGER = "manager"


class RemedyKind(StrEnum):
    REFUND = "refund"
    REDO = "redo"
    REPLACEMENT = "replacement"
    CREDIT = "credit"
    DISCOUNT = "discount"
    GIFT = "gift"
    OTHER = "other"


def fits(option: RemedyOption, category: str) -> bool:
    wanted = {c.strip() for c in option.categories.split(",") if c.strip()}
    return not wanted or category in wanted


def _in_order(options: Iterable[RemedyOption]) -> list[RemedyOption]:
    return sorted(options, key=lambda o: (o.sort_order, o.id or 0))


def offers_for(
    category: str, catalog: Iterable[RemedyOption], *, refund_always_offered: bool = False
) -> list[RemedyOption]:
    """Active, non-gift catalog entries that fit the category, in the catalog's order.

    With ``refund_always_offered`` (the business's policy) a refund is always among them: when no
    refund fits the category, the first active refund of the catalog is added at the end (money
    back is money back, whatever went wrong). When the catalog has no active refund at all,
    ``needs_generic_refund`` tells the page to offer a refund of what the customer paid.
    """
    active = [o for o in catalog if o.is_active and not o.is_gift]
    matching = _in_order(o for o in active if fits(o, category))
    if refund_always_offered and not _has_refund(matching):
        refunds = _in_order(o for o in active if o.kind == RemedyKind.REFUND)
        matching.extend(refunds[:1])
    return matching


def _has_refund(options: Iterable[RemedyOption]) -> bool:
    return any(o.kind == RemedyKind.REFUND for o in options)


def needs_generic_refund(offers: Sequence[RemedyOption], refund_always_offered: bool) -> bool:
    """True when the policy promises a refund but ``offers`` (from ``offers_for``) holds none, because
    the catalog has no active refund: the customer is then offered a refund of what they paid, which
    is handled like their own proposal (accepted at once within the auto-approve limit)."""
    return refund_always_offered and not _has_refund(offers)


# --- consent ------------------------------------------------------------------------------------------------

CONSENT_LIMIT = 2000
# Remedies the customer accepts without ticking an agreement: their own proposal (they wrote it,
# including a refund they asked for) and the gift (a thank-you on top of the remedy, not instead of money).
CONSENT_FREE_SOURCES = frozenset({RemedySource.PROPOSAL, RemedySource.GIFT})


class ConsentRequired(ValueError):
    """A remedy that is not money back was chosen without the customer's explicit agreement."""


def needs_consent(kind: str, source: str) -> bool:
    """Whether accepting this remedy needs the customer's explicit agreement: anything but money back.

    Catalog credits, vouchers, discounts, redos and replacements do. Staff offers (counter-offers,
    alternatives, new offers) are free text: staff mark one that is money back (kind "refund");
    any other ("other") asks for the customer's agreement when they accept it.
    """
    return kind != RemedyKind.REFUND and source not in CONSENT_FREE_SOURCES


def consent_to_store(kind: str, source: str, consent_text: str | None) -> str | None:
    """The agreement to store with the remedy (None where none is needed); refuses a missing one.

    ``consent_text`` is the exact sentence the customer ticked, in their language, remedy filled in.
    """
    if not needs_consent(kind, source):
        return None
    text = (consent_text or "").strip()
    if not text:
        raise ConsentRequired("The customer must agree explicitly to a remedy that is not money back.")
    if len(text) > CONSENT_LIMIT:
        raise ValueError(f"The agreement text is longer than {CONSENT_LIMIT} characters.")
    return text


def gifts_for(category: str, catalog: Iterable[RemedyOption]) -> list[RemedyOption]:
    matching = [o for o in catalog if o.is_active and o.is_gift and fits(o, category)]
    return sorted(matching, key=lambda o: (o.sort_order, o.id or 0))


@dataclass(frozen=True)
class ProposalDecision:
    auto_accept: bool
    reason: str


# What a staff decision answers: the customer's own proposal, or their catalog choice above the limits (pending).
PENDING_SOURCES = (RemedySource.PROPOSAL, RemedySource.CATALOG)
# What staff put to the customer (a counter-offer, an alternative, an offer on a reopened case): its own words say
# what we will do, and when.
OFFER_SOURCES = (RemedySource.COUNTER, RemedySource.ALTERNATIVE, RemedySource.OFFER)

# Remedies that are money in the customer's hand: a catalog entry of these kinds must have a maximum value, and a
# staff offer of them always names its amount.
MONEY_KINDS = frozenset({RemedyKind.REFUND, RemedyKind.CREDIT})


def is_money(kind: str) -> bool:
    return kind in MONEY_KINDS


def text_names_more(text: str, amount_cents: int | None) -> int | None:
    """The largest sum ``text`` names when it is more than ``amount_cents`` (or there is no amount), else None:
    "a full refund of $4,999" with 1 in the amount field names more than it says."""
    named = largest_sum_in_text(text)
    if named is None or (amount_cents is not None and named <= amount_cents):
        return None
    return named


def at_stake(amount_cents: int | None, text: str = "", cap_cents: int | None = None) -> int | None:
    """What agreeing to a remedy may cost: the largest of its amount, any sum its text names and its catalog
    maximum (None when none of them is known)."""
    figures = [f for f in (amount_cents, largest_sum_in_text(text), cap_cents) if f is not None]
    return max(figures, default=None)


def judge_proposal(
    amount_cents: int | None, auto_approve_limit_cents: int, *, text: str = "", order_cents: int | None = None
) -> ProposalDecision:
    """Accept a customer's own proposal at once only when it names an amount within the limit, its text names no
    larger sum, and it is not more than the order's amount (when the customer told us that).

    A proposal without an amount ("call me", "redo it tomorrow") cannot be priced by the portal, so a person
    looks at it; so does one whose words promise more than its amount field.
    """
    if amount_cents is None:
        return ProposalDecision(False, "no amount to check against the limit")
    if text_names_more(text, amount_cents) is not None:
        return ProposalDecision(False, "the text names a larger sum than the amount given")
    if order_cents is not None and amount_cents > order_cents:
        return ProposalDecision(False, "more than the order's amount")
    if amount_cents <= auto_approve_limit_cents:
        return ProposalDecision(True, "within the auto-approve limit")
    return ProposalDecision(False, "above the auto-approve limit")


def catalog_amount(option: RemedyOption, order_cents: int | None) -> int | None:
    """The amount a catalog remedy gives on this case: its value, a refund never more than the order's amount."""
    if option.kind == RemedyKind.REFUND and order_cents is not None:
        known = [v for v in (option.value_cents, option.max_value_cents) if v is not None]
        return min([*known, order_cents]) if known else order_cents
    return option.value_cents


def catalog_cap(option: RemedyOption, order_cents: int | None) -> int | None:
    """The most a catalog remedy can cost on this case: its maximum (or its value, if larger); a refund never
    more than the order's amount. None when the entry has neither."""
    known = [v for v in (option.value_cents, option.max_value_cents) if v is not None]
    if not known:
        return None
    cap = max(known)
    return min(cap, order_cents) if option.kind == RemedyKind.REFUND and order_cents is not None else cap


def judge_catalog(option: RemedyOption, order_cents: int | None, auto_approve_limit_cents: int) -> ProposalDecision:
    """A catalog remedy is agreed at once only when a manager pre-approved it, or its maximum is within the
    auto-approve limit; otherwise a person looks at it, as at a proposal."""
    if option.pre_approved:
        return ProposalDecision(True, "pre-approved in the catalog")
    cap = catalog_cap(option, order_cents)
    if cap is None:
        return ProposalDecision(False, "no maximum value in the catalog")
    if cap <= auto_approve_limit_cents:
        return ProposalDecision(True, "its maximum is within the auto-approve limit")
    return ProposalDecision(False, "its maximum is above the auto-approve limit")


# --- how much one customer is agreed automatically ----------------------------------------------------------


@dataclass(frozen=True)
class AutoPolicy:
    """How much the portal agrees without a person, per customer and per order: at most ``max_count`` remedies
    worth ``max_cents`` in all within ``window_days`` (a manager's setting, ``Business.auto_agree_*``)."""

    max_count: int = 2
    max_cents: int = 10000
    window_days: int = 90

    @classmethod
    def of(cls, business: Business) -> "AutoPolicy":
        return cls(business.auto_agree_max_count, business.auto_agree_max_cents, business.auto_agree_window_days)


@dataclass(frozen=True)
class ClaimHistory:
    """A customer's (or an order's) earlier cases within the policy's window: how many, and the remedies agreed on
    them (gifts aside), by anyone."""

    claims: int = 0
    agreed: int = 0
    agreed_cents: int = 0


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def judge_history(
    decision: ProposalDecision, amount_cents: int | None, policy: AutoPolicy, histories: dict[str, ClaimHistory]
) -> ProposalDecision:
    """``decision``, unless agreeing at once would take a customer or an order (``histories``, by what they are
    counted by: "customer", "order") past what the policy agrees without a person within its window."""
    if not decision.auto_accept:
        return decision
    for by, history in histories.items():
        if history.agreed + 1 > policy.max_count:
            return ProposalDecision(
                False,
                f"the {ordinal(history.agreed + 1)} remedy for this {by} in "
                f"{policy.window_days} days: more than the {policy.max_count} agreed "
                "automatically",
            )
        if history.agreed_cents + (amount_cents or 0) > policy.max_cents:
            return ProposalDecision(
                False, f"more in total for this {by} in {policy.window_days} days than is agreed automatically"
            )
    return decision


def can_approve(role: Role | str, amount_cents: int | None, agent_limit_cents: int) -> bool:
    """Managers approve any amount (or none); agents up to their limit, and never a remedy without an amount:
    nothing would hold it to the limit."""
    if Role(role) is Role.MANAGER:
        return True
    return amount_cents is not None and amount_cents <= agent_limit_cents


def choose_gift(category: str, catalog: Sequence[RemedyOption]) -> RemedyOption | None:
    gifts = gifts_for(category, catalog)
    return gifts[0] if gifts else None
