import pytest

from portal.recovery.money import format_money, largest_sum_in_text, sums_in_text, to_cents


@pytest.mark.parametrize(
    "typed, cents",
    [
        (None, None),
        ("", None),
        ("  ", None),
        (0, 0),
        (12, 1200),
        (12.5, 1250),
        ("1,234.56", 123456),
        ("0.005", 1),
        (19.99, 1999),
    ],
)
def test_amounts_become_whole_cents(typed, cents):
    assert to_cents(typed) == cents


@pytest.mark.parametrize("junk", ["abc", "-5", "1e400", "NaN", "12..5", 10**9])
def test_junk_amounts_are_refused(junk):
    with pytest.raises(ValueError):
        to_cents(junk)


def test_money_is_formatted_for_the_locale():
    assert format_money(123456, "USD", "en") == "$1,234.56"
    assert format_money(123456, "EUR", "es") == "1.234,56\xa0€"
    assert format_money(None) == ""


@pytest.mark.parametrize(
    "text, cents",
    [
        ("a full refund of $4,999", [499900]),
        ("Please refund $5,000 for the ruined kitchen floor", [500000]),
        ("A $9,000 refund, paid today", [900000]),
        ("un reembolso de 4.999 €", [499900]),
        ("4999 dollars back", [499900]),
        ("devuélvanme 100 dólares", [10000]),
        ("החזר של ₪300", [30000]),
        ('החזר של 300 ש"ח', [30000]),
        ("החזר של 300 ש״ח", [30000]),
        ("US$ 20 or €4.999,50 or £12.5", [2000, 499950, 1250]),
        ("$49.99 and 49,99 € and 1.234.567,89 EUR", [4999, 4999, 123456789]),
        ("4\u00a0999 € and $5k", [499900, 500000]),
        ("paid 100 $200", [20000]),  # the symbol belongs to the sum after it
    ],
)
def test_sums_named_in_english_spanish_and_hebrew_are_read(text, cents):
    assert sums_in_text(text) == cents
    assert largest_sum_in_text(text) == max(cents)


@pytest.mark.parametrize(
    "text",
    [
        "Refund the whole visit",
        "Order WO-20481, 90 minutes late, call 555 0100",
        "my 2 kids waited 3 hours",
        "redo it on 12.05",
        "",
    ],
)
def test_numbers_without_a_currency_are_not_money(text):
    assert sums_in_text(text) == [] and largest_sum_in_text(text) is None
