import re

import pytest

from portal.conversation import (
    JUSTIFICATION_WORDS,
    SUPPORTED_LANGUAGES,
    Category,
    anything_else_question,
    classify,
    has_justification,
)
from portal.conversation import apologise as apology
from portal.conversation.english import extract_facts

L, B, Q, D = Category.LATENESS, Category.BILLING, Category.QUALITY, Category.DAMAGE
S, M, V, C, O = Category.STAFF, Category.MISSING_ITEM, Category.DELIVERY, Category.COMMUNICATION, Category.OTHER

FURNACE = "Your mechanic was 90 minutes late to fix my furnace"

# (category, what bothered the customer most) — none of these contains an excuse word itself.
COMPLAINTS = [
    (L, FURNACE),
    (L, "I waited 3 hours for Dave, your plumber, who never showed up"),
    (L, "We were kept waiting at gate B12 for 2 hours with our kids"),
    (L, "My mother, who is 92, waited in the cold because you were late"),
    (L, "Being kept waiting from 8am until 1:15pm"),
    (B, "the bill was higher than what I had originally planned for"),
    (B, "You charged me twice for the same order #A-1234."),
    (B, "There was a hidden cleaning fee of €40.50 on my booking"),
    (B, "My invoice INV-2024-0042 shows 3 call-out fees of $95 each"),
    (B, "Why did you charge me 450 dollars when you quoted 300 dollars?"),
    (Q, "The washing machine you repaired on 2024-01-15 is leaking again"),
    (Q, "The paint job in my hallway is sloppy and peeling after 2 weeks"),
    (Q, "Your technician Sarah didn't fix the boiler and I had to call someone else"),
    (D, "Your movers dropped my piano on 12 March 2024"),
    (D, "My car was scratched on 03/14/2024 at 2pm by your valet, José."),
    (D, "Your engineer Tom left mud all over my cream carpet in Flat 3"),
    (S, "Mike from your Leeds branch was rude to me and my wife"),
    (S, "The fact that your manager, Ms Cohen, laughed at me"),
    (S, "The rude receptionist"),
    (M, "Order ORD-55821 was missing 2 items, the charger and the case"),
    (M, "You sent me a size 38 instead of the size 42 I ordered"),
    (M, "I ordered the Margherita and the Diavola, you sent two Hawaiians"),
    (V, "My parcel with tracking number 1Z999AA10123456784 is 10 days late"),
    (V, "Your driver left my parcel at 14 Elm Street instead of number 41."),
    (C, "I emailed support@amends.example 6 times in 2 weeks and never heard back"),
    (C, "I've called your Madrid office 4 times and I'm always on hold for 40 minutes"),
    (C, "I was on the phone with your call centre for 90 minutes. Nobody could help me. I gave up at 11pm."),
    (O, "The music in your Camden shop was far too loud"),
    (O, "I typed <script>alert('hi')</script> into your form and **nothing** happened"),
]

_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself|I'm|I've|I'd|I'll)\b")
_BLAME_OR_NON_APOLOGY = ("sorry if", "sorry you feel", "any inconvenience", "your fault", "you failed",
                         "if you had", "you forgot", "misunderstanding", "you should have told")


def test_the_furnace_apology_reads_exactly_as_specified():
    assert apology(L, FURNACE) == (
        "We are sorry that our mechanic was 90 minutes late to fix your furnace. "
        "Your time matters, and you should not have been kept waiting.")


def test_the_billing_apology_restates_the_customers_plan_in_second_person():
    assert apology(B, "the bill was higher than what I had originally planned for") == (
        "We are sorry that the bill was higher than what you had originally planned for. "
        "You should have been able to trust the price we gave you.")


@pytest.mark.parametrize("category, text", COMPLAINTS, ids=[t[:40] for _, t in COMPLAINTS])
def test_every_fact_appears_in_the_apology_in_every_language(category, text):
    for lang in SUPPORTED_LANGUAGES:
        result = apology(category, text, lang)
        missing = [fact for fact in extract_facts(text) if fact not in result]
        assert not missing, f"{lang}: {missing} lost from {result!r}"


@pytest.mark.parametrize("category, text", COMPLAINTS, ids=[t[:40] for _, t in COMPLAINTS])
def test_apologies_make_no_excuses_and_blame_no_one_but_us(category, text):
    for lang in SUPPORTED_LANGUAGES:
        result = apology(category, text, lang)
        assert not has_justification(result), result
        assert not any(phrase in result.lower() for phrase in _BLAME_OR_NON_APOLOGY), result


@pytest.mark.parametrize("category, text", COMPLAINTS, ids=[t[:40] for _, t in COMPLAINTS])
def test_english_apologies_own_the_problem_in_second_person(category, text):
    result = apology(category, text)
    assert result.startswith("We are sorry")
    assert _FIRST_PERSON.findall(result) == []


@pytest.mark.parametrize("category, text", COMPLAINTS, ids=[t[:40] for _, t in COMPLAINTS])
def test_the_story_bank_is_classified_as_labelled(category, text):
    assert classify("", text) is category


@pytest.mark.parametrize("lang, opening, quote", [("he", "אנחנו מצטערים", "„{}“")])
@pytest.mark.parametrize("category", list(Category))
def test_spanish_and_hebrew_apologies_quote_the_customer_verbatim(lang, opening, quote, category):
    text = "El técnico llegó a las 11:40, no a las 9:30, y nadie me llamó"
    result = apology(category, f"  {text} ", lang)
    assert result.startswith(opening)
    assert quote.format(text) in result
    assert not has_justification(result)


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_each_category_has_its_own_human_second_sentence(lang):
    endings = {apology(category, "x", lang).rsplit("x", 1)[1] for category in Category}
    assert len(endings) == len(Category)


@pytest.mark.parametrize("category, phrase", [
    (L, "Your time matters"),
    (B, "trust the price we gave you"),
    (Q, "do the job properly the first time"),
    (D, "the care it deserved"),
    (S, "courtesy and respect"),
    (M, "everything you ordered"),
    (V, "get your order to you"),
    (C, "chase us for answers"),
    (O, "we take responsibility"),
])
def test_the_english_second_sentence_fits_the_category(category, phrase):
    assert phrase in apology(category, "Your team let me down")


def test_the_customers_own_but_is_echoed_and_the_engine_adds_none():
    text = "Your plumber came on time but left water all over my floor"
    result = apology(Q, text)
    assert "our plumber came on time but left water all over your floor" in result
    template = result.replace("our plumber came on time but left water all over your floor", "")
    assert not has_justification(template)


def test_category_values_are_accepted_as_plain_strings():
    assert apology("billing", "You charged me twice") == apology(B, "You charged me twice")


def test_markup_passes_through_the_apology_untouched():
    result = apology(O, "Your form showed <script>alert('you')</script> and **nothing** else")
    assert "<script>alert('you')</script>" in result and "**nothing**" in result


@pytest.mark.parametrize("lang", ["fr", "", "EN"])
def test_unknown_language_is_refused(lang):
    with pytest.raises(ValueError):
        apology(L, FURNACE, lang)
    with pytest.raises(ValueError):
        anything_else_question(lang)


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_empty_complaint_is_refused(lang):
    with pytest.raises(ValueError):
        apology(L, "  ", lang)


def test_anything_else_question():
    assert anything_else_question() == "Is there anything else that didn't work out?"
    assert anything_else_question("es") == "¿Hay algo más que no haya salido bien?"
    assert anything_else_question("he").endswith("?")
    assert not any(has_justification(anything_else_question(lang)) for lang in SUPPORTED_LANGUAGES)


@pytest.mark.parametrize("text, expected", [
    ("We were busy", True),
    ("But we tried", True),
    ("BUT we tried", True),
    ("we tried, but", True),
    ("However, the part was late", True),
    ("It is our policy", True),
    ("Unfortunately the van broke down", True),
    ("We are understaffed", True),
    ("This usually works", True),
    ("We were just trying", True),
    ("even though we called", True),
    ("even\nthough we called", True),
    ("Lamentablemente no pudimos", True),
    ("sin embargo, llegamos", True),
    ("אבל ניסינו", True),
    ("Press the button", False),
    ("The butter was off", False),
    ("Our butler, Mr Butts", False),
    ("Thought you would like to know", False),
    ("Your business matters", False),
    ("Justin will call you", False),
    ("That was unjust", False),
    ("Your policyholder number", False),
    ("Abnormally cold", False),
    ("El perro ladró", False),
    ("", False),
])
def test_has_justification_matches_whole_words_only(text, expected):
    assert has_justification(text) is expected


def test_the_justification_list_includes_the_classic_excuses():
    assert {"but", "however", "although", "though", "policy", "unfortunately", "actually", "just", "busy",
            "understaffed", "usually", "normally"} <= JUSTIFICATION_WORDS
