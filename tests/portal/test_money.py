import pytest

from portal.money import format_money, to_cents


@pytest.mark.parametrize("typed, cents", [
    (None, None), ("", None), ("  ", None), (0, 0), (12, 1200), (12.5, 1250), ("1,234.56", 123456),
    ("0.005", 1), (19.99, 1999),
])
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
