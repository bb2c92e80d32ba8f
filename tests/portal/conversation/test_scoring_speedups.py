"""The cue machinery's shortcuts find exactly what the plain regular expressions find.

The scanner nests cues under their leading letters, reads a lexicon's look-behinds after its literal prefix, looks
for negation words once per text and reads capitals from capital to capital (``scoring``): each only saves time,
so each is checked here against the plain pattern it stands for, on texts where a wrong shortcut would differ.
"""

from __future__ import annotations

import re

import pytest

from portal.conversation import Tone, read_tone
from portal.conversation.hebrew_cues import _UNFINAL_RE
from portal.conversation.scoring import _CAPS_WORD_RE, Cue, CueScanner, cue, scanning
from portal.conversation.vocabulary import Category

L, B, S, Q = Category.LATENESS, Category.BILLING, Category.STAFF, Category.QUALITY


def _plain_starts(cues: tuple[Cue, ...], text: str) -> list[tuple[int, int]]:
    """Leftmost-first, one cue per position, table order: the cues as one flat alternation."""
    combined = re.compile("|".join(f"(?P<c{number}>{entry.pattern})" for number, entry in enumerate(cues)))
    return [(match.start(), int(str(match.lastgroup)[1:])) for match in combined.finditer(text)]


def test_cues_sharing_their_first_letters_keep_the_table_order() -> None:
    # "late" and "later" share four letters; a cue whose second character varies sits between them, and one
    # whose match is longer comes after a shorter one that matches first.
    cues = (
        cue(r"\blate\s+again\b", (L, 3)),
        cue(r"\bl\w+\s+fee\b", (B, 2)),
        cue(r"\blate\b", (L, 1)),
        cue(r"\blater\b", (L, 2)),
        cue(r"\blate\s+fee\b", (B, 5)),
        cue(r"\b(?:rude|rudely)\b", (S, 2)),
        cue(r"\b(?:broken|broke)\s+(?:again|down)\b", (Q, 2)),
    )
    scanner = CueScanner(cues, re.compile(r"\bnot\s+$"))
    text = (
        "late again, a late fee, later a lately fee, they were late, rudely late, it broke down, it broken again,"
        " not late fee"
    )
    assert scanner.trie.matches(text) == _plain_starts(cues, text)


@pytest.mark.parametrize(
    "text",
    [
        "he treated me like a fool, the fool",
        "like an idiot I waited, and like a fool",
        "what a fool",
        "fool me once",
        "foolish, fools, fool",
    ],
)
def test_a_lexicon_with_look_behinds_finds_what_the_plain_pattern_finds(text: str) -> None:
    lexicon = r"(?<!like\sa\s)(?<!like\san\s)\b(?:fools?|idiots?)\b|(?<![\w*])[a-z]+\*+[a-z]*"
    plain = re.compile(lexicon)
    assert [match.span() for match in scanning(lexicon).finditer(text)] == [
        match.span() for match in plain.finditer(text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "por última vez, la ultima vez, la ültima vez, ¿la peor?",
        "dos veces al día, tres veces, tres, y tres veces al dia",
        "sin esa palabra: tres, tres; la peor y lo peor, peores",
        "f***, sh*t and *** alone, a*",
    ],
)
def test_a_lexicon_scanned_for_one_text_finds_what_the_plain_pattern_finds(text: str) -> None:
    # A leading choice of characters joins the trie; alternatives that hold characters the text lacks ("veces",
    # "*") are left out of its scan; the rest keep their order.
    lexicon = (
        r"\b(?:[uúü]ltima\s+vez|l?a\s+peor(?:es)?|(\w{3,})\s+veces\W+\1|\w+\s+veces\s+al\s+d[ií]a)\b"
        r"|(?<![\w*])[a-z]+\*+[a-z]*"
    )
    plain = re.compile(lexicon)
    assert [match.span() for match in scanning(lexicon, text).finditer(text)] == [
        match.span() for match in plain.finditer(text)
    ]


def test_a_cue_is_negated_only_by_a_negation_word_wholly_before_it() -> None:
    scanner = CueScanner(
        (cue(r"\blate\b", (L, 3)),), re.compile(r"\b(?:not|nothing)\s+(?:\w+\s+)?$"), negation_words=("nothing", "not")
    )
    assert scanner.scores("he was not late") == {}
    assert scanner.scores("nothing late about it") == {}
    assert scanner.scores("he was late, not late, then late") == {L: 6.0}
    assert scanner.scores("knot late") == {L: 3.0}  # the word inside another is no negation
    # the same text asked about twice, and another text in between, gives the same answers
    assert scanner.is_negated("not late", 4) and not scanner.is_negated("now late", 4)
    assert scanner.is_negated("not late", 4)


@pytest.mark.parametrize(
    "text",
    [
        "the VAN was LATE and NO one came, NOT2 and ABCdef are no shouting, SO ME MY",
        "ÀBC and ABÇ, A_B, X, NO-ME, ok",
    ],
)
def test_capitals_are_whole_words_in_capitals(text: str) -> None:
    plain = re.compile(r"\b(?:[A-Z]{3,}|NO|SO|ME|MY)\b")
    assert _CAPS_WORD_RE.findall(text) == plain.findall(text)


def test_shouting_still_makes_an_answer_angry() -> None:
    assert read_tone("the VAN was LATE again and NOBODY called", "en") == Tone.ANGRY


@pytest.mark.parametrize("text", ["שעתיימ ושקלימ", 'מעמ ואבגנ"ח', "אבגמ, אבגנ׳ אבמ", "מנמנ נ"])
def test_a_final_letter_typed_plain_is_found_where_the_look_behind_first_found_it(text: str) -> None:
    plain = re.compile(r"(?<=[א-ת]{3})[מנ](?![א-ת\"״'׳])")
    assert [match.span() for match in _UNFINAL_RE.finditer(text)] == [match.span() for match in plain.finditer(text)]
