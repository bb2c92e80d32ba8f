"""Amounts: parsed from what people type, kept as whole cents, shown in the business's currency."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import format_currency

# Every amount, a customer's or a staff member's, lies from 0 to one million in the currency's main unit: well above
# anything a service is put right with, well within every column and every number the pages draw.
MAX_AMOUNT_CENTS = 100_000_000


class AmountOutOfRange(ValueError):
    """An amount below 0 or above ``MAX_AMOUNT_CENTS``. Its message says the range (staff pages show it as is;
    customer pages say it in the customer's language)."""

    def __init__(self) -> None:
        super().__init__(f"Please enter an amount from 0 to {MAX_AMOUNT_CENTS // 100:,}.")


def checked_cents(cents: int | None) -> int | None:
    """The one range check every amount passes before it is drawn or stored: ``cents`` as it is when it is None (no
    amount) or from 0 to ``MAX_AMOUNT_CENTS``; ``AmountOutOfRange`` otherwise, ValueError when it is not whole cents."""
    if cents is None:
        return None
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise ValueError("Please enter the amount as a number, for example 120.50.")
    if not 0 <= cents <= MAX_AMOUNT_CENTS:
        raise AmountOutOfRange()
    return cents


def to_cents(value: float | int | str | Decimal | None) -> int | None:
    """Whole cents for an amount typed or picked, or None when no amount was given. Raises ``AmountOutOfRange``
    outside the range and ValueError on junk (never quoting it: it is what someone typed)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise ValueError("Not an amount") from None
    if not amount.is_finite():
        raise ValueError("Not an amount")
    if not 0 <= amount * 100 <= MAX_AMOUNT_CENTS:  # before rounding: a huge exponent cannot be rounded
        raise AmountOutOfRange()
    return checked_cents(int((amount * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP)))


@lru_cache(maxsize=4096)  # pages show the same few amounts on every rerun; Babel takes ~0.1 ms for each
def format_money(cents: int | None, currency: str = "USD", locale: str = "en") -> str:
    if cents is None:
        return ""
    return format_currency(Decimal(cents) / 100, currency, locale=locale)
