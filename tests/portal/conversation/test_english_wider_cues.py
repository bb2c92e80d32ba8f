"""English category and tone on everyday wording: slang, phrasal verbs, described damage, threats, OTHER topics.

The sentences are written for these tests, not taken from the corpus; each checks one general rule.
"""

import re

import pytest

from portal.conversation import Category, Tone, classify, read_tone, restate
from portal.conversation.english_morphology import verb_forms, verbs
from portal.conversation.scoring import Cue, CueScanner, cue

L, B, Q, D = Category.LATENESS, Category.BILLING, Category.QUALITY, Category.DAMAGE
S, M, V, C, O = Category.STAFF, Category.MISSING_ITEM, Category.DELIVERY, Category.COMMUNICATION, Category.OTHER


@pytest.mark.parametrize(
    "bothered, expected",
    [
        # slang and British/American usage for money
        ("the garage fleeced us, 300 quid for a bulb", B),
        ("got stung for a callout fee on a sunday", B),
        ("still waiting on my £18.50 back from the cafe", B),
        ("two debits came out of our joint account for the same haircut", B),
        ("the rent went up by a hundred without a letter", B),
        # described damage, not named
        ("the fitters took a chunk out of the worktop", D),
        ("one of the builders put his knee through the plasterboard", D),
        ("the cleaner spilled bleach all over our navy sofa", D),
        ("the parcel box looked like it had been stood on and the teapot was in bits", D),
        ("he snapped my sunglasses in half", D),
        # breakdowns and food, in plain words and slang
        ("the new hairdryer is already on the blink", Q),
        ("the lasagne was lukewarm and rubbery", Q),
        ("the zip came apart the first time she wore the jacket", Q),
        # staff manner and remarks
        ("the pharmacist was really snooty with my dad", S),
        ("the porter shoved past my mum and didn't even look back", S),
        ("the man at the till made a crack about my accent", S),
        ("the waitress chucked the menus at us", S),
        # arrivals, in phrasal verbs
        ("the decorator swanned in at 2 when he said 9", L),
        ("the gardener doesn't turn up half the weeks we pay for", L),
        ("it took them 5 hours to get here for an emergency leak", L),
        # missing pieces, hand-over, silence
        ("the hamper was supposed to include a candle and it wasn't there", M),
        ("the pack was short three bottles", M),
        ("the courier handed my parcel to some random bloke at the bus stop", V),
        ("nobody ever gets back to you, I've emailed for weeks", C),
        ("asked for a callback on monday, crickets", C),
    ],
)
def test_everyday_wording_reaches_the_category_a_reader_would_pick(bothered: str, expected: Category) -> None:
    assert classify("", bothered, "en") == expected


@pytest.mark.parametrize(
    "bothered, expected",
    [
        ("the car park barrier would not lift and I was stuck for ages", O),  # the premises, not our work
        ("the website logged me out halfway through paying", O),
        ("your app update wiped my saved cards", O),
        ("the lift was out of order and my dad uses a stick", O),
        ("the jacket in the box was a different colour to the one on the website", M),  # where they looked: no OTHER
        ("your fitter dented my car in the car park", D),  # a place, where a category says more
    ],
)
def test_other_wins_when_its_topics_outweigh_every_category(bothered: str, expected: Category) -> None:
    assert classify("", bothered, "en") == expected


def test_crying_is_not_a_tear_in_the_fabric() -> None:
    assert classify("", "the chef shouted at my daughter until she was in tears", "en") == S
    assert classify("", "there were tears in the new curtains", "en") == D


def test_snapped_is_a_manner_only_when_said_at_someone() -> None:
    assert classify("", "the receptionist snapped at me twice", "en") == S
    assert classify("", "the installer snapped the handle off our fridge", "en") == D


@pytest.mark.parametrize(
    "text",
    [
        "if this isn't sorted by friday I'm taking you to small claims",
        "I will be leaving a one star review everywhere I can",
        "who do you think you are, charging me for your mistake",
        "the nurse laughed in my face when I said it hurt",
        "you sold my email address to spammers, that is illegal",
        "do you lot even read the complaints you get",
        "the groomer cut my spaniel and she bled on the way home",
    ],
)
def test_threats_challenges_and_harm_read_as_angry(text: str) -> None:
    assert read_tone(text, "en") == Tone.ANGRY


@pytest.mark.parametrize(
    "text",
    [
        "the engineer came a day later than booked",
        "my order arrived without the charger",
    ],
)
def test_plain_facts_stay_below_angry(text: str) -> None:
    assert read_tone(text, "en") != Tone.ANGRY


def test_the_frame_does_not_say_bother_twice() -> None:
    assert restate("the plumber never bothered turning up", "en") == (
        "What upset you most is that the plumber never bothered turning up."
    )
    assert (
        restate("the plumber never called back", "en")
        == "What bothered you most is that the plumber never called back."
    )


def _naive_starts(cues: tuple[Cue, ...], text: str) -> list[tuple[int, int]]:
    """Leftmost-first, one cue per position, table order: what the scanner must find, without its trie."""
    combined = re.compile("|".join(f"(?P<c{number}>{entry.pattern})" for number, entry in enumerate(cues)))
    return [(match.start(), int(str(match.lastgroup)[1:])) for match in combined.finditer(text)]


def test_cues_that_start_with_a_digit_are_found_like_any_other() -> None:
    cues = (
        cue(r"\b\d+\s+(?:hours?|days?)\s+late\b", (L, 3)),
        cue(r"\b1[- ]star\b", (S, 1)),
        cue(r"\blate\b", (L, 1)),
        cue(r"\b\d+\s+(?:quid|dollars)\b", (B, 1)),
    )
    scanner = CueScanner(cues, re.compile(r"\bnot\s+$"))
    text = "3 days late, then 1 star service and 40 quid for nothing, 12 hours late again, not late"
    assert scanner.trie.matches(text) == _naive_starts(cues, text)
    assert scanner.scores(text) == {L: 6.0, S: 1.0, B: 1.0}


@pytest.mark.parametrize(
    "verb, forms",
    [
        ("scratch", {"scratch", "scratches", "scratched", "scratching"}),  # -es after a sibilant
        ("bully", {"bully", "bullies", "bullied", "bullying"}),  # -ies, -ied after a consonant and "y"
        ("fray", {"fray", "frays", "frayed", "fraying"}),  # "y" after a vowel stays
        ("gouge", {"gouge", "gouges", "gouged", "gouging"}),  # the final "e" goes before -ing
        ("snap", {"snap", "snaps", "snapped", "snapping"}),  # one short stressed vowel: the consonant doubles
        ("dent", {"dent", "dents", "dented", "denting"}),  # two final consonants: no doubling
        ("die", {"die", "dies", "died", "dying"}),
        ("cancel", {"cancel", "cancels", "canceled", "canceling", "cancelled", "cancelling"}),  # both spellings
        (("tear", "tore", "torn"), {"tear", "tears", "teared", "tearing", "tore", "torn"}),  # irregular forms kept
    ],
)
def test_a_verb_stands_for_every_form_a_customer_types(verb: str | tuple[str, ...], forms: set[str]) -> None:
    assert set(verb_forms(verb)) == forms


def test_an_alternation_of_forms_tries_the_longest_first() -> None:
    assert re.fullmatch(rf"(?:{verbs('scuff', 'rip')})", "scuffed")
    assert verbs("rip").split("|")[0] == "ripping"


@pytest.mark.parametrize(
    "bothered, expected",
    [
        ("the seams started fraying after the first wash", Q),
        ("the movers were scuffing every doorframe on the way up", D),
        ("the guard was bullying my teenage son", S),
        ("his mates were screaming and laughing at the next table", O),  # noise, not a manner towards the customer
    ],
)
def test_verb_families_cover_forms_no_specific_cue_names(bothered: str, expected: Category) -> None:
    assert classify("", bothered, "en") == expected
