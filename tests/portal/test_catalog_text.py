"""Which words of a catalog entry a customer reads in their language, and which translations are missing."""

from __future__ import annotations

import pytest

from db.models import RemedyOption
from portal.recovery.catalog_text import Words, accepted_words, missing_translations, option_text

CREDIT = Words(
    title="A $50 credit on your next service",
    description="Taken off your next bill.",
    title_es="Un crédito de 50 dólares para su próximo servicio",
    description_es="Se descuenta de su próxima factura.",
    title_he="זיכוי של 50 דולר לשירות הבא",
    description_he="יקוזז מהחשבון הבא.",
)


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", ("A $50 credit on your next service", "Taken off your next bill.")),
        ("es", ("Un crédito de 50 dólares para su próximo servicio", "Se descuenta de su próxima factura.")),
        ("he", ("זיכוי של 50 דולר לשירות הבא", "יקוזז מהחשבון הבא.")),
    ],
)
def test_a_translated_entry_reads_in_the_customers_language(language, expected):
    assert option_text(CREDIT, language) == expected


def test_each_blank_translation_falls_back_to_its_english_on_its_own():
    half = Words(
        title="A free filter change",
        description="At your next visit.",
        title_es="Un filtro gratis",
        description_he="בביקור הבא.",
    )
    assert option_text(half, "es") == ("Un filtro gratis", "At your next visit.")
    assert option_text(half, "he") == ("A free filter change", "בביקור הבא.")


def test_a_translation_of_spaces_only_counts_as_blank():
    assert option_text(Words(title="A card", title_es="   "), "es") == ("A card", "")


def test_a_language_the_catalog_is_not_translated_into_reads_english():
    assert option_text(CREDIT, "fr") == ("A $50 credit on your next service", "Taken off your next bill.")


def test_a_database_row_reads_the_same_way():
    row = RemedyOption(kind="gift", title="A box of chocolates", title_he="קופסת שוקולדים")
    assert option_text(row, "he") == ("קופסת שוקולדים", "")
    assert option_text(row, "es") == ("A box of chocolates", "")
    assert Words.of(row) == Words(title="A box of chocolates", title_he="קופסת שוקולדים")


@pytest.mark.parametrize(
    "entry, missing",
    [
        (CREDIT, []),
        (Words(title="A card"), ["es", "he"]),
        (Words(title="A card", title_es="Una tarjeta", title_he="כרטיס"), []),  # no English description to translate
        (
            Words(
                title="A card",
                description="Handwritten.",
                title_es="Una tarjeta",
                title_he="כרטיס",
                description_es="Escrita a mano.",
            ),
            ["he"],
        ),
        (Words(title="A card", title_es=" ", title_he="כרטיס"), ["es"]),
    ],
)
def test_an_entry_lacks_a_language_where_its_customers_would_read_any_english(entry, missing):
    assert missing_translations(entry) == missing


def test_a_case_reads_its_entrys_words_only_while_the_entry_still_says_what_was_accepted():
    assert accepted_words("A $50 credit on your next service", CREDIT) == CREDIT
    assert accepted_words("A $40 credit on your next service", CREDIT) is None  # reworded since
    assert accepted_words("Refund the whole visit, please", None) is None  # the customer's own proposal
