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


def offers_for(category: str, catalog: Iterable[RemedyOption]) -> list[RemedyOption]:
    """Active, non-gift catalog entries that fit the category, in the catalog's order."""
    matching = [o for o in catalog if o.is_active and not o.is_gift and fits(o, category)]
    return sorted(matching, key=lambda o: (o.sort_order, o.id or 0))


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
