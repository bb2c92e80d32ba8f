"""The conversation reads the customer's words in the language they wrote them in, whatever the page's."""

from __future__ import annotations

import pytest

from portal.conversation import apologise, classify, paraphrase, restate
from portal.conversation.detect import written_in


@pytest.mark.parametrize(
    ("text", "page", "language"),
    [
        ("הטכנאי איחר ולא התקשר אליי", "en", "he"),
        ("הטכנאי איחר ב-90 דקות, order #A-1234, $250", "es", "he"),  # Hebrew with a few Latin facts
        ("llegaron tarde y nadie me avisó", "en", "es"),
        ("You were late and never called me", "es", "en"),
        ("You were late and never called me", "he", "en"),
        ("el técnico llegó tarde", "he", "es"),
        ("el cobro doble", "es", "es"),  # too short to tell: the page's language stands
        ("the rude driver", "es", "es"),
        ("A-1234 $250", "he", "he"),  # no words at all
        ("Me cobraron dos veces", "es", "es"),
    ],
)
def test_the_language_of_the_words(text, page, language):
    assert written_in(text, page) == language


def test_english_typed_on_a_spanish_page_is_restated_in_english():
    assert paraphrase("You were late and never called me", "es") == (
        "What bothered you most is that we were late and never called you. Is that correct?"
    )


def test_spanish_typed_on_an_english_page_is_restated_apologised_for_and_classified_in_spanish():
    text = "me cobraron dos veces la misma factura de 89 euros"
    assert restate(text, "en").startswith("Entendemos que le cobraron dos veces la misma factura de 89 euros")
    assert classify("", text, "en") == "billing"
    assert apologise("billing", text, "en").startswith("Le pedimos disculpas")


def test_hebrew_on_an_english_page_is_restated_in_hebrew():
    assert restate("הטכנאי איחר ולא התקשר אליי", "en") == "הבנו שמה שהכי הפריע לך הוא שהטכנאי איחר ולא התקשר אליך."
