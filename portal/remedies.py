"""Remedy catalog matching and approval policy: pure rules, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from db.models import RemedyOption


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


def offers_for(category: str, catalog: Iterable[RemedyOption], *,
               refund_always_offered: bool = False) -> list[RemedyOption]:
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
CONSENT_FREE_SOURCES = frozenset({"proposal", "gift"})


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


def judge_proposal(amount_cents: int | None, auto_approve_limit_cents: int) -> ProposalDecision:
    """Accept a customer's own proposal at once only when it names an amount within the limit.

    A proposal without an amount ("call me", "redo it tomorrow") cannot be priced
    by the portal, so a person looks at it.
    """
    if amount_cents is None:
        return ProposalDecision(False, "no amount to check against the limit")
    if amount_cents <= auto_approve_limit_cents:
        return ProposalDecision(True, "within the auto-approve limit")
    return ProposalDecision(False, "above the auto-approve limit")


def can_approve(role: Role | str, amount_cents: int | None, agent_limit_cents: int) -> bool:
    """Managers approve any amount; agents up to their limit."""
    if Role(role) is Role.MANAGER:
        return True
    return (amount_cents or 0) <= agent_limit_cents


def choose_gift(category: str, catalog: Sequence[RemedyOption]) -> RemedyOption | None:
    gifts = gifts_for(category, catalog)
    return gifts[0] if gifts else None
