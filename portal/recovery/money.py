"""Amounts: parsed from what people type, kept as whole cents, shown in the business's currency."""

from __future__ import annotations

import re
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


# --- sums named in what people write --------------------------------------------------------------------------
# A sum counts only beside a currency: "$4,999", "US$ 20", "4.999 €", "4999 dollars", "100 dólares", "₪300",
# "300 ש\"ח". A bare number ("order 20481", "90 minutes late") is never read as money.
_SYMBOL = r"US\$|\$|€|₪|£|\b(?:USD|EUR|ILS|NIS|GBP)\b"
_WORD = (
    r"dollars?|d[oó]lares|euros?|pesos|pounds?|bucks|shekels?|"
    r"ש[\"״']{1,2}ח|שח|שקל(?:ים)?|דולר(?:ים)?|יורו"
)
# Digits in groups of three (4,999 · 4.999 · 4 999 with a no-break space) or plain, then at most two decimals.
_NUMBER = r"\d{1,3}(?:[.,\u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_THOUSANDS = r"k(?!\w)"  # "$5k"
_SUM = re.compile(
    rf"(?:(?:{_SYMBOL})\s?(?P<before>{_NUMBER})(?P<k1>{_THOUSANDS})?(?![\d.,]?\d))"
    rf"|(?:(?<![\d.,])(?P<after>{_NUMBER})(?P<k2>{_THOUSANDS})?\s?(?:(?:{_SYMBOL})(?!\s?\d)|(?:{_WORD})(?!\w)))",
    re.IGNORECASE,
)


def _number_cents(number: str) -> int:
    """Cents of a number as written in English, Spanish or Hebrew: the last "." or "," followed by one or two
    digits is the decimal mark; any other is a thousands separator ("4.999" is 4999, "49,99" is 49.99)."""
    digits = number.replace("\u00a0", "").replace("\u202f", "")
    mark = max(digits.rfind("."), digits.rfind(","))
    whole, fraction = (digits[:mark], digits[mark + 1 :]) if mark >= 0 and len(digits) - mark - 1 <= 2 else (digits, "")
    cents = int(re.sub(r"[.,]", "", whole) or "0") * 100
    return cents + (int(fraction.ljust(2, "0")) if fraction else 0)


def sums_in_text(text: str) -> list[int]:
    """Every sum of money ``text`` names, in cents, whatever its currency ("$5k" is 500000)."""
    found = []
    for match in _SUM.finditer(text or ""):
        cents = _number_cents(match.group("before") or match.group("after"))
        found.append(cents * 1000 if match.group("k1") or match.group("k2") else cents)
    return found


def largest_sum_in_text(text: str) -> int | None:
    """The largest sum ``text`` names (cents), or None when it names none: what a customer may believe was agreed."""
    return max(sums_in_text(text), default=None)
