"""Amounts: parsed from what people type, kept as whole cents, shown in the business's currency."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import format_currency

MAX_AMOUNT_CENTS = 100_000_000  # one million in the currency's main unit


def to_cents(value: float | int | str | Decimal | None) -> int | None:
    """Whole cents for an amount, or None when no amount was given. Raises ValueError on junk."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise ValueError("Not an amount") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError("Not an amount")
    if amount * 100 > MAX_AMOUNT_CENTS:
        raise ValueError("Amount too large")
    return int((amount * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


@lru_cache(maxsize=4096)  # pages show the same few amounts on every rerun; Babel takes ~0.1 ms for each
def format_money(cents: int | None, currency: str = "USD", locale: str = "en") -> str:
    if cents is None:
        return ""
    return format_currency(Decimal(cents) / 100, currency, locale=locale)
