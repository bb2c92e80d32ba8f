"""A long alternation searched only for the alternatives that can match in a text.

Python's regex engine tries every alternative of a pattern at every position of a text, matching or not: a phrase
list such as English's ``_DROPPED_PHRASES`` cost some 0.35 ms over 1,000 characters, mostly for two alternatives
that open with optional words and look-behinds. Most alternatives hold a word every match of them must contain
("never", "court", "charge"): ``screened`` finds those words once, from the parsed pattern, and ``Screened.for_text``
gives the pattern without the alternatives none of whose words the text holds. Those cannot match anywhere in it,
so the pattern left finds exactly what the whole one finds (leftmost-first among the rest, in their order).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from portal.conversation.scoring import _top_level_alternatives

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import sre_parse

CASE_FOLDING_INTO_ASCII = frozenset("\u0130\u0131\u017f\u212a")  # İ ı ſ and the Kelvin sign
"""The characters a case-insensitive pattern's ASCII letter matches whose ``lower()`` is no ASCII letter: a text
with one of them is searched with the whole pattern."""

_INLINE_FLAGS_RE = re.compile(r"\(\?[aiLmsux]+\)")

Anchors = frozenset[str]

MAX_VARIANTS = 256
"""Compiled subsets kept per pattern: each distinct mix of phrases a text can hold compiles one, and a server runs
for months on texts nobody has seen; past this many, the oldest is forgotten (compiled again if needed)."""


@dataclass(frozen=True, slots=True)
class Screened:
    """A pattern's top-level alternatives, each with the words one of which every match of it holds (None: not
    known, always searched)."""

    pattern: re.Pattern[str]
    alternatives: tuple[str, ...]
    anchors: tuple[Anchors | None, ...]
    variants: dict[tuple[bool, ...], re.Pattern[str]] = field(default_factory=dict, compare=False)

    def for_text(self, text: str) -> re.Pattern[str]:
        """The pattern without the alternatives that cannot match in ``text``: it finds what ``pattern`` finds."""
        if self.pattern.flags & re.IGNORECASE:
            if not CASE_FOLDING_INTO_ASCII.isdisjoint(text):
                return self.pattern
            text = text.lower()
        kept = tuple(words is None or any(word in text for word in words) for words in self.anchors)
        if all(kept):
            return self.pattern
        found = self.variants.get(kept)
        if found is None:
            chosen = [alternative for alternative, keep in zip(self.alternatives, kept) if keep]
            found = re.compile("|".join(chosen) or "(?!)", self.pattern.flags)
            if len(self.variants) >= MAX_VARIANTS:
                del self.variants[next(iter(self.variants))]
            self.variants[kept] = found
        return found


@lru_cache(maxsize=32)
def screened(pattern: re.Pattern[str]) -> Screened:
    """``pattern`` ready to be searched in parts. A pattern with groups is kept whole (leaving an alternative out
    would renumber the groups after it), as is one whose flags are not all at its start."""
    source = pattern.pattern
    opening = _INLINE_FLAGS_RE.match(source)
    body = source[opening.end() :] if opening else source
    if pattern.groups or _INLINE_FLAGS_RE.search(body):
        return Screened(pattern, (body,), (None,))
    alternatives = tuple(_top_level_alternatives(body))
    folded = bool(pattern.flags & re.IGNORECASE)
    anchors = tuple(_anchors_of(alternative, pattern.flags, folded) for alternative in alternatives)
    return Screened(pattern, alternatives, anchors)


def _anchors_of(alternative: str, flags: int, folded: bool) -> Anchors | None:
    found = _anchors(sre_parse.parse(alternative, flags).data)
    return frozenset(word.lower() for word in found) if found is not None and folded else found


def _anchors(items: list[tuple[Any, Any]]) -> Anchors | None:
    """Words one of which every match of the parsed sequence ``items`` holds, the best such set found: runs of
    literal characters, and what every branch of a group, or a group repeated at least once, holds."""
    candidates: list[Anchors] = []
    run = ""
    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            run += chr(value)
            continue
        if run:
            candidates.append(frozenset({run}))
            run = ""
        inner: Anchors | None = None
        if name == "SUBPATTERN" and not value[1] and not value[2]:
            inner = _anchors(list(value[3]))
        elif name == "ATOMIC_GROUP":
            inner = _anchors(list(value))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and value[0] >= 1:
            inner = _anchors(list(value[2]))
        elif name == "BRANCH":
            branches = [_anchors(list(branch)) for branch in value[1]]
            if all(words is not None for words in branches):
                inner = frozenset(word for words in branches for word in words or ())
        if inner:
            candidates.append(inner)
    if run:
        candidates.append(frozenset({run}))
    return max(candidates, key=lambda words: (min(map(len, words)), -len(words)), default=None)
