"""A pattern screened for a text (``screening``) finds exactly what the whole pattern finds: it only leaves out
alternatives that cannot match there."""

from __future__ import annotations

import re
import sys

import pytest

from portal.conversation.english_tidy import _DROPPED_PHRASES
from portal.conversation.screening import CASE_FOLDING_INTO_ASCII, MAX_VARIANTS, screened

_PHRASES = re.compile(
    r"(?i)\bso[- ]called\s+|(?:,\s*)?\b(?:you|u)\s+(?:kidding|joking)(?:\s+me)?\b[?!]*"
    r"|(?<![\w'])(?:never\s+again|see\s+you\s+in\s+court|su(?:e|ing)\s+you)(?=\s*(?:[.!?]|$))"
    r"|[a-z]+\*+[a-z]*|\bx{2,}y\b"
)


@pytest.mark.parametrize(
    "text",
    [
        "The so-called manager said, you kidding me?! Never again.",
        "We will be SUING YOU. See you in court!",
        "nothing to drop here, just a late van",
        "f***ing hell, xxy and xy, NEVER AGAIN",
        "ſo-called experts, I am ſuing you.",  # a long s is an s to a case-insensitive pattern
        "Are you JOKING me, I will never again order, I'm suing you.",
    ],
)
@pytest.mark.parametrize("pattern", [_PHRASES, _DROPPED_PHRASES])
def test_a_screened_pattern_finds_what_the_whole_pattern_finds(pattern: re.Pattern[str], text: str) -> None:
    assert [match.span() for match in screened(pattern).for_text(text).finditer(text)] == [
        match.span() for match in pattern.finditer(text)
    ]


def test_a_text_without_an_alternatives_words_is_searched_without_it() -> None:
    text = "a late van and a cold dinner"
    assert screened(_PHRASES).for_text(text).pattern.count("|") < _PHRASES.pattern.count("|")


def test_the_characters_that_fold_into_ascii_letters_are_all_known() -> None:
    folding = {
        char for code in range(0x80, sys.maxunicode + 1) if re.fullmatch("[a-z]", char := chr(code), re.IGNORECASE)
    }
    assert folding == set(CASE_FOLDING_INTO_ASCII)


def test_the_subsets_kept_per_pattern_stay_bounded_and_still_find_the_same() -> None:
    words = [f"w{number}x" for number in range(12)]
    pattern = re.compile("|".join(rf"\b{word}\b" for word in words))
    kept = screened(pattern)
    texts = [" ".join(word for bit, word in enumerate(words) if mask >> bit & 1) for mask in range(1, 2**10)]
    for text in texts:
        assert kept.for_text(text).findall(text) == pattern.findall(text)
    assert len(kept.variants) <= MAX_VARIANTS
