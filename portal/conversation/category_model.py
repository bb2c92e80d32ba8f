"""A small learned model of the complaint's category, for the answers no cue speaks of.

The cues (``scoring.CueScanner``) know only the words someone wrote down, and every new batch of answers brings
words no cue list has: before they were tuned on them, the cues read only 0.57-0.70 of a fresh batch right, most
of the misses being answers no cue matched at all, which fall to OTHER by default. This multinomial naive Bayes
model, trained offline on the kept corpus (``scripts/train_category_model.py``, figures in
benchmarks/CATEGORY_MODEL.md), guesses those: the cues decide whenever any of them spoke (``cues_spoke``); where
they are silent the model is asked (``guess``), and its guess taken only when it is at least ``CONFIDENCE`` sure.

Features come from each language's own normalisation (``words``): the lower-cased words (Spanish accent-folded,
Hebrew with its attached prefixes detached as the cues detach them), as ``w:<word>``, and the character 3- to
5-grams of each ``<word>``, which carry a word's family ("rayad", "rayon") and survive typos. Only features at least
``Settings.min_answers`` different answers hold are kept, so that no single answer is memorised. Counts are
integers in a generated text file (``DATA``); the model is pure Python and deterministic.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from portal.conversation.hebrew_cues import detach_prefixes
from portal.conversation.scoring import MIN_SCORE, lower_keeping_offsets
from portal.conversation.spanish_grammar import fold
from portal.conversation.vocabulary import Category

DATA = Path(__file__).with_name("category_model.txt")
CATEGORIES: tuple[Category, ...] = tuple(Category)
CONFIDENCE = 0.7
"""The model's guess is taken only when it gives it at least this probability; else OTHER, as the cues would say."""

_ROUNDING = 1e-9
"""Cue points are sums of decimals (11.1 - 8.1 is 3.0000000000000004): a margin is compared with this slack."""
_WORD_RE = re.compile(r"[^\W\d_]+|\d+")
_WORD_CACHE = 20_000
"""How many words' summed likelihoods a model remembers (a word's features are summed once)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Which features are read, and how they are counted and kept."""

    ngrams: tuple[int, ...] = (3, 4, 5)
    words: bool = True
    binary: bool = False
    """Count a feature once an answer, however often the answer holds it."""
    min_answers: int = 3
    support: int = 2
    """How many of the answer's words must each, on their own, point to the model's guess for it to be taken: one
    word is no evidence ("table" reads lateness, from "waiting for a table")."""
    smoothing: float = 0.5
    """Additive (Lidstone) smoothing of every kept feature's count in each category."""
    temperature: float = 8.0
    """Naive Bayes takes every n-gram of a word for separate evidence and is far too sure of itself ("thanks" read
    billing at 0.98): its log scores are divided by this before they become probabilities."""


SETTINGS = Settings()
"""The settings the shipped model is trained with."""


def words(text: str, lang: str) -> list[str]:
    """The text's words as the model reads them; every number is the one word "0"."""
    lowered = lower_keeping_offsets(text)
    if lang == "es":
        lowered = fold(lowered)
    elif lang == "he":
        lowered = detach_prefixes(lowered)
    return ["0" if word.isdigit() else word for word in _WORD_RE.findall(lowered)]


def word_features(word: str, settings: Settings = SETTINGS) -> list[str]:
    """``w:<word>`` and the character n-grams of ``<word>``."""
    found = ["w:" + word] if settings.words else []
    padded = f"<{word}>"
    for size in settings.ngrams:
        found.extend(padded[start : start + size] for start in range(len(padded) - size + 1))
    return found


def features(text: str, lang: str, settings: Settings = SETTINGS) -> list[str]:
    """Every feature of the text, as often as it occurs (once with ``settings.binary``), sorted."""
    found = [feature for word in words(text, lang) for feature in word_features(word, settings)]
    return sorted(set(found) if settings.binary else found)


Counts = tuple[tuple[int, ...], dict[str, tuple[int, ...]]]
"""Answers per category, and each kept feature's count per category (both in the order of ``CATEGORIES``)."""


def count(labelled: Iterable[tuple[str, Category]], lang: str, settings: Settings = SETTINGS) -> Counts:
    """The counts of the labelled answers; features sorted, so that the same answers always give the same table."""
    answers = [0] * len(CATEGORIES)
    counts: dict[str, list[int]] = {}
    holders: dict[str, int] = {}
    for text, category in labelled:
        index = CATEGORIES.index(category)
        answers[index] += 1
        found = features(text, lang, settings)
        for feature in found:
            counts.setdefault(feature, [0] * len(CATEGORIES))[index] += 1
        for feature in set(found):
            holders[feature] = holders.get(feature, 0) + 1
    kept = {feature: tuple(counts[feature]) for feature in sorted(counts) if holders[feature] >= settings.min_answers}
    return tuple(answers), kept


@dataclass(frozen=True, slots=True)
class Model:
    """One language's model: log prior of each category, and each kept feature's log likelihood in each."""

    lang: str
    log_priors: tuple[float, ...]
    log_likelihoods: dict[str, tuple[float, ...]]
    settings: Settings = SETTINGS
    _by_word: dict[str, tuple[float, ...]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_counts(cls, lang: str, counts: Counts, settings: Settings = SETTINGS) -> Model:
        answers, rows = counts
        totals = [sum(row[index] for row in rows.values()) for index in range(len(CATEGORIES))]
        denominators = [math.log(total + settings.smoothing * len(rows)) for total in totals]
        log_priors = tuple(math.log((number + 1) / (sum(answers) + len(CATEGORIES))) for number in answers)
        log_likelihoods = {
            feature: tuple(
                math.log(number + settings.smoothing) - denominator for number, denominator in zip(row, denominators)
            )
            for feature, row in rows.items()
        }
        return cls(lang, log_priors, log_likelihoods, settings)

    def _word_scores(self, word: str) -> tuple[float, ...]:
        """The summed log likelihoods of one word's known features (unknown ones add nothing), remembered."""
        scores = self._by_word.get(word)
        if scores is None:
            summed = [0.0] * len(CATEGORIES)
            for feature in word_features(word, self.settings):
                row = self.log_likelihoods.get(feature)
                if row is not None:
                    summed = [total + value for total, value in zip(summed, row)]
            if len(self._by_word) >= _WORD_CACHE:
                self._by_word.clear()
            scores = self._by_word[word] = tuple(summed)
        return scores

    def guess(self, text: str, confidence: float = CONFIDENCE) -> Category:
        """The most probable category if it has at least ``confidence`` and ``settings.support`` words point to
        it, else OTHER (what the silent cues say)."""
        probabilities = self.probabilities(text)
        best = max(probabilities, key=probabilities.__getitem__)
        if probabilities[best] < confidence:
            return Category.OTHER
        index = CATEGORIES.index(best)
        pointing = sum(
            1
            for word in set(words(text, self.lang))
            if (scores := self._word_scores(word))[index] == max(scores) and min(scores) < max(scores)
        )
        return best if pointing >= self.settings.support else Category.OTHER

    def probabilities(self, text: str) -> dict[Category, float]:
        """The posterior probability of each category for the text (they sum to 1)."""
        if self.settings.binary:  # each feature counts once: a word's features cannot be summed ahead
            rows = [
                self.log_likelihoods[feature]
                for feature in features(text, self.lang, self.settings)
                if feature in self.log_likelihoods
            ]
        else:
            rows = [self._word_scores(word) for word in words(text, self.lang)]
        totals = list(self.log_priors)
        for row in rows:
            totals = [total + value for total, value in zip(totals, row)]
        top = max(totals)
        exponentials = [math.exp((total - top) / self.settings.temperature) for total in totals]
        whole = sum(exponentials)
        return {category: value / whole for category, value in zip(CATEGORIES, exponentials)}


def cues_spoke(totals: dict[Category, float]) -> bool:
    """Did any cue reach ``MIN_SCORE`` (a category's or OTHER's)? Then the cues decide, and the model is not asked."""
    return max(totals.values(), default=0.0) >= MIN_SCORE


def weigh_in(
    totals: dict[Category, float], text: str, lang: str, weight: float, margin: float = 0.0
) -> dict[Category, float]:
    """The cues' points plus ``weight`` times the model's probability of each category for ``text``
    (``weighed``); the model is asked only when its probabilities could change the outcome."""
    model = models().get(lang)
    if (
        model is None
        or not weight
        or (_lead(totals) >= margin - _ROUNDING if margin else _lead(totals) > weight + _ROUNDING)
    ):
        return totals  # a lead no probability may overturn: the model is not asked
    return weighed(totals, model.probabilities(text), weight, margin)


def _lead(totals: dict[Category, float]) -> float:
    """How many points the best category has over the second."""
    ranked = sorted(totals.values(), reverse=True) + [0.0, 0.0]
    return ranked[0] - ranked[1]


def weighed(
    totals: dict[Category, float], probabilities: dict[Category, float], weight: float, margin: float = 0.0
) -> dict[Category, float]:
    """The cues' points plus ``weight`` times the model's probabilities: the model settles a close call between
    cues (a lateness word in a delivery complaint) and knows words they lack.

    With a ``margin``, only a close call is the model's to settle: where the best category leads by less than
    ``margin``, the leaders (the categories with points less than ``margin`` below the best) get its
    probabilities; a lead of ``margin`` or more stands as the cues gave it. Without one, every category gets them."""
    if not margin:
        return {category: totals.get(category, 0.0) + weight * probabilities[category] for category in CATEGORIES}
    if _lead(totals) >= margin - _ROUNDING:
        return totals
    best = max(totals.values(), default=0.0)
    leaders = {category for category, points in totals.items() if points > 0 and points > best - margin + _ROUNDING}
    return {
        category: totals.get(category, 0.0) + (weight * probabilities[category] if category in leaders else 0.0)
        for category in CATEGORIES
    }


def guess(text: str, lang: str) -> Category:
    """The model's category for an answer no cue spoke of: OTHER where it is unsure or has no model of ``lang``."""
    model = models().get(lang)
    return model.guess(text) if model is not None else Category.OTHER


def dump(tables: dict[str, Counts]) -> str:
    """The counts of every language as the text of ``DATA``: a ``@<lang>`` line with the answers per category,
    then a line per feature with its counts, tab-separated, in the order of ``CATEGORIES``."""
    lines = [
        "# Generated by scripts/train_category_model.py --write from benchmarks/corpus/<lang>.jsonl; do not edit.",
        "# Counts per category, in this order: " + " ".join(CATEGORIES),
    ]
    for lang, (answers, rows) in sorted(tables.items()):
        lines.append(f"@{lang}\t" + "\t".join(map(str, answers)))
        lines.extend(feature + "\t" + "\t".join(map(str, row)) for feature, row in rows.items())
    return "\n".join(lines) + "\n"


def parse(text: str) -> dict[str, Counts]:
    """The counts ``dump`` wrote."""
    tables: dict[str, Counts] = {}
    rows: dict[str, tuple[int, ...]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        head, *numbers = line.split("\t")
        if head.startswith("@"):
            rows = {}
            tables[head[1:]] = (tuple(map(int, numbers)), rows)
        else:
            rows[head] = tuple(map(int, numbers))
    return tables


@lru_cache(maxsize=1)
def models() -> dict[str, Model]:
    """Every language's model, read from ``DATA`` the first time the cues are silent (about 50 ms)."""
    return {lang: Model.from_counts(lang, counts) for lang, counts in parse(DATA.read_text(encoding="utf-8")).items()}
