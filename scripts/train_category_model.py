"""Train the category model (portal/conversation/category_model.py) from the kept corpus, and measure it honestly.

    .venv/bin/python scripts/train_category_model.py --write              # regenerate category_model.txt
    .venv/bin/python scripts/train_category_model.py --check              # is it what the corpus gives?
    .venv/bin/python scripts/train_category_model.py                      # hold-outs against today's cues
    .venv/bin/python scripts/train_category_model.py --cues-at 434f67f    # ... against the cues of 434f67f
    .venv/bin/python scripts/train_category_model.py --cues-at 'f9e41a5^' --batch en-d-338:en-d-377
    .venv/bin/python scripts/train_category_model.py --ngrams 4 --binary  # a variant (see --help)
    .venv/bin/python scripts/train_category_model.py --model logistic     # logistic regression instead (slow)

Figures and the reasons for what landed: benchmarks/CATEGORY_MODEL.md. The script reads
benchmarks/corpus/<lang>.jsonl only, never benchmarks/corpus/unseen/, which is kept to measure the engine once on
answers nobody tuned on. ``--write`` is deterministic: the same corpus gives the same file
(``--check``, which tests/portal/conversation/test_category_model.py runs, says whether the shipped one is).

It never measures the model on its own training answers. The corpus ids say who wrote an answer and when (en-NNN
the first answers, en-u-NNN an earlier unseen set, en-d-NNN a later batch): for every language and every group,
the model is trained on the other groups and tested on the held-out one; then the same on a seeded 5-fold random
split; with ``--batch`` also one range of ids. Each row gives the accuracy of the cues alone, of the model alone
and of each way of combining them, reading each answer as what bothered the customer most, as
benchmarks/conversation.py does.

Today's cues were tuned on every group, so against them a hold-out says little: their own figure is optimistic.
``--cues-at REV`` takes the cues as they were at a git revision instead (the model, and its code, stay this
checkout's), so that a batch written after REV is as new to the cues as to the model: 434f67f is the engine
before any d-group answer was written; f9e41a5^ before en-d-338..377, c799f4a^ before es-d-155..194.
"""

from __future__ import annotations

import argparse
import atexit
import json
import math
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

ROOT = Path(__file__).resolve().parent.parent
MODEL_SOURCE = ROOT / "portal" / "conversation" / "category_model.py"


def _engine_root(argv: list[str]) -> Path:
    """Where ``portal`` is imported from: this checkout, or with ``--cues-at REV`` the engine as it was at REV,
    exported from git into a temporary folder, with this checkout's category_model.py added."""
    if "--cues-at" not in argv:
        return ROOT
    revision = argv[argv.index("--cues-at") + 1]
    folder = Path(tempfile.mkdtemp(prefix="cues-at-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "portal"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    shutil.copy(MODEL_SOURCE, folder / "portal" / "conversation")
    return folder


sys.path[:0] = [str(_engine_root(sys.argv)), str(ROOT)]

from portal.conversation import _language, category_model, scoring
from portal.conversation.category_model import (
    CATEGORIES,
    Model,
    Settings,
    count,
    cues_spoke,
    dump,
    features,
)
from portal.conversation.scoring import BOTHERED_MOST_WEIGHT, MIN_SCORE
from portal.conversation.vocabulary import Category

CORPUS = ROOT / "benchmarks" / "corpus"
LANGUAGES = ("en", "es", "he")
FOLDS = 5
SEED = 24

Labelled = tuple[str, str, Category]
"""(id, text, category) of one kept answer."""


def load(lang: str) -> list[Labelled]:
    rows = [json.loads(line) for line in (CORPUS / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [(row["id"], row["text"], Category(row["category"])) for row in rows]


def counts(lang: str, answers: list[Labelled], settings: Settings) -> category_model.Counts:
    return count(((text, category) for _, text, category in answers), lang, settings)


def group(answer_id: str) -> str:
    """The batch an answer belongs to: "orig" (en-001), or the letter after the language (en-u-001 -> "u")."""
    match = re.fullmatch(r"[a-z]+-([a-z]+)-\d+", answer_id)
    return match.group(1) if match else "orig"


class Classifier(Protocol):
    def probabilities(self, text: str) -> dict[Category, float]: ...


def naive_bayes(answers: list[Labelled], lang: str, settings: Settings) -> Classifier:
    """The shipped model, trained on ``answers``."""
    return Model.from_counts(lang, counts(lang, answers, settings), settings)


def _softmax(scores: list[float]) -> dict[Category, float]:
    top = max(scores)
    exponentials = [math.exp(score - top) for score in scores]
    whole = sum(exponentials)
    return {category: value / whole for category, value in zip(CATEGORIES, exponentials)}


class Logistic:
    """Multinomial logistic regression over the model's features, each once an answer and scaled by 1/sqrt(how
    many), by seeded stochastic gradient descent with a decaying step and a little L2: tried, and no better."""

    EPOCHS, STEP, L2 = 15, 0.5, 1e-4

    def __init__(self, answers: list[Labelled], lang: str, settings: Settings) -> None:
        self.lang, self.settings = lang, settings
        kept = counts(lang, answers, settings)[1]
        examples = [(self._features(text), CATEGORIES.index(category)) for _, text, category in answers]
        examples = [([feature for feature in found if feature in kept], index) for found, index in examples]
        self.weights = {feature: [0.0] * len(CATEGORIES) for feature in kept}
        self.bias = [0.0] * len(CATEGORIES)
        shuffler = random.Random(SEED)
        for epoch in range(self.EPOCHS):
            shuffler.shuffle(examples)
            step = self.STEP / (1 + epoch)
            for found, index in examples:
                gradient = list(self._probabilities(found).values())
                gradient[index] -= 1
                scale = step / math.sqrt(len(found) or 1)
                self.bias = [bias - step * slope for bias, slope in zip(self.bias, gradient)]
                for feature in found:
                    self.weights[feature] = [
                        weight - scale * slope - step * self.L2 * weight
                        for weight, slope in zip(self.weights[feature], gradient)
                    ]

    def _features(self, text: str) -> list[str]:
        return sorted(set(features(text, self.lang, self.settings)))

    def _probabilities(self, found: list[str]) -> dict[Category, float]:
        scores, norm = list(self.bias), math.sqrt(len(found) or 1)
        for feature in found:
            row = self.weights.get(feature)
            if row is not None:
                scores = [score + weight / norm for score, weight in zip(scores, row)]
        return _softmax(scores)

    def probabilities(self, text: str) -> dict[Category, float]:
        return self._probabilities(self._features(text))


Trainer = Callable[[list[Labelled], str, Settings], Classifier]
TRAINERS: dict[str, Trainer] = {"bayes": naive_bayes, "logistic": Logistic}


class CueReading:
    """What the cues make of an answer read as what bothered the customer most: their category and points."""

    def __init__(self, text: str, lang: str) -> None:
        cues = _language(lang).cues
        self.category = cues.classify("", text)
        if hasattr(cues, "totals"):
            self.totals = cues.totals("", text)
        else:  # an engine from before CueScanner.totals: the same points, without Spanish's "lo peor" emphasis
            self.totals = {category: BOTHERED_MOST_WEIGHT * points for category, points in cues.scores(text).items()}


Combination = Callable[[CueReading, dict[Category, float]], Category]
"""How a category is chosen from the cues' reading and the model's probabilities."""


def _model_only(_: CueReading, probabilities: dict[Category, float]) -> Category:
    return max(probabilities, key=probabilities.__getitem__)


def _when_silent(cues: CueReading, probabilities: dict[Category, float]) -> Category:
    """The cues decide whenever any spoke; where none did, the model, however unsure."""
    return cues.category if cues_spoke(cues.totals) else _model_only(cues, probabilities)


def _breaks_ties(cues: CueReading, probabilities: dict[Category, float]) -> Category:
    """Cues decide when one category leads by a whole cue of what bothered them most; else the model chooses
    among the leaders (or among all, when no cue reached MIN_SCORE)."""
    ranked = sorted(cues.totals.values(), reverse=True) + [0.0, 0.0]
    if ranked[0] < MIN_SCORE:
        return _model_only(cues, probabilities)
    if ranked[0] - ranked[1] >= BOTHERED_MOST_WEIGHT:
        return cues.category
    leaders = [category for category, points in cues.totals.items() if points > ranked[0] - BOTHERED_MOST_WEIGHT]
    return max(leaders, key=probabilities.__getitem__)


def _weighted(weight: float) -> Combination:
    """The cues' points plus ``weight`` times the model's probability, decided as the cues decide
    (``scoring.decide``: an engine from before it has none, and these columns are left out)."""

    def combine(cues: CueReading, probabilities: dict[Category, float]) -> Category:
        return scoring.decide(
            {category: cues.totals.get(category, 0.0) + weight * probabilities[category] for category in Category}
        )

    return combine


COMBINATIONS: dict[str, Combination] = {
    "model": _model_only,
    "silent": _when_silent,
    "ties": _breaks_ties,
    **({f"sum{weight:g}": _weighted(weight) for weight in (2.0, 4.0, 6.0)} if hasattr(scoring, "decide") else {}),
}


def _landed(model: Model, cues: CueReading, probabilities: dict[Category, float], lang: str, text: str) -> Category:
    """What ``portal.conversation.classify`` does: where cues spoke, their points plus the language's
    ``model_weight`` times the model's probabilities, on a close call's leaders only where it has a
    ``model_margin`` (an engine from before them has neither); else ``Model.guess``."""
    if not cues_spoke(cues.totals):
        return model.guess(text)
    weight = getattr(_language(lang), "model_weight", 0.0)
    if not weight:
        return cues.category
    if hasattr(category_model, "weighed"):
        return scoring.decide(
            category_model.weighed(cues.totals, probabilities, weight, getattr(_language(lang), "model_margin", 0.0))
        )
    return scoring.decide(
        {category: cues.totals.get(category, 0.0) + weight * probabilities[category] for category in Category}
    )


def measure(model: Classifier, lang: str, test_on: list[Labelled]) -> dict[str, float]:
    """Accuracy on ``test_on`` of the cues alone, of every combination with ``model`` and, for naive Bayes, of
    what landed ("landed", ``_landed``)."""
    right = dict.fromkeys(["cues", *COMBINATIONS, *(["landed"] if isinstance(model, Model) else [])], 0)
    for _, text, category in test_on:
        cues = CueReading(text, lang)
        probabilities = model.probabilities(text)
        right["cues"] += cues.category is category
        for name, combine in COMBINATIONS.items():
            right[name] += combine(cues, probabilities) is category
        if isinstance(model, Model):
            right["landed"] += _landed(model, cues, probabilities, lang, text) is category
    return {name: hits / len(test_on) for name, hits in right.items()}


Split = tuple[list[Labelled], list[Labelled]]
"""Answers to train on, answers to test on."""


def hold_outs(answers: list[Labelled], batch: tuple[str, str] | None) -> Iterator[tuple[str, list[Split]]]:
    """Every held-out part of one language's answers, named, as the splits its figure pools: each group alone,
    the 5 random folds together, and with ``batch`` (its first and last id) the answers from one to the other."""
    for name in sorted({group(answer_id) for answer_id, _, _ in answers}):
        inside = [answer for answer in answers if group(answer[0]) == name]
        yield f"group {name}", [([answer for answer in answers if group(answer[0]) != name], inside)]
    shuffled = sorted(answers)
    random.Random(SEED).shuffle(shuffled)
    folds = [shuffled[index::FOLDS] for index in range(FOLDS)]
    yield (
        "5-fold",
        [
            ([a for other, part in enumerate(folds) if other != index for a in part], fold_answers)
            for index, fold_answers in enumerate(folds)
        ],
    )
    ids = [answer_id for answer_id, _, _ in answers]
    if batch and batch[0] in ids:
        first, last = ids.index(batch[0]), ids.index(batch[1])
        yield f"{batch[0]}..", [(answers[:first] + answers[last + 1 :], answers[first : last + 1])]


def evaluate(train: Trainer, settings: Settings, batch: tuple[str, str] | None) -> None:
    columns = ["cues", *COMBINATIONS, *(["landed"] if train is naive_bayes else [])]
    print(f"{'held out':<16}{'n':>5}" + "".join(f"{name:>9}" for name in columns))
    for lang in LANGUAGES:
        answers = load(lang)
        for title, splits in hold_outs(answers, batch):
            tested = sum(len(test_on) for _, test_on in splits)
            pooled = dict.fromkeys(columns, 0.0)
            for train_on, test_on in splits:
                for column, value in measure(train(train_on, lang, settings), lang, test_on).items():
                    pooled[column] += value * len(test_on) / tested
            print(f"{lang + ' ' + title:<16}{tested:>5}" + "".join(f"{pooled[c]:>9.3f}" for c in columns))


def time_model(train: Trainer, settings: Settings) -> None:
    """The model's cost where it is asked: what bothered them most, as long as its field allows (1,000
    characters), made of the longest stories' sentences of benchmarks/engine.py."""
    from benchmarks.engine import OTHER_LANGUAGES, SENTENCES, longest  # it puts this checkout first on sys.path

    for lang, pool in {"en": SENTENCES, **OTHER_LANGUAGES}.items():
        model = train(load(lang), lang, settings)
        timings: list[float] = []
        for _, bothered in longest(pool, len(pool)):
            model.probabilities(bothered)  # its words' sums remembered, as on the page's reruns
            for _ in range(20):
                start = time.perf_counter()
                model.probabilities(bothered)
                timings.append((time.perf_counter() - start) * 1e6)
        print(
            f"model, {lang}: median {statistics.median(timings):.0f} µs for {len(bothered):,} characters "
            f"(words seen before); first reading of new words costs more"
        )


def _sizes(text: str) -> tuple[int, ...]:
    return tuple(int(size) for size in text.split(",") if size)


def main(argv: list[str] | None = None) -> int:
    defaults = Settings()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {category_model.DATA.name} (shipped settings)")
    parser.add_argument("--check", action="store_true", help=f"exit 1 if {category_model.DATA.name} is stale")
    parser.add_argument("--model", choices=TRAINERS, default="bayes")
    parser.add_argument("--cues-at", metavar="REV", help="the cues as they were at this git revision")
    parser.add_argument(
        "--batch",
        metavar="FIRST:LAST",
        help="also hold out the answers from id FIRST to LAST "
        "(e.g. en-d-338:en-d-377), trained on all the rest of their language",
    )
    parser.add_argument("--ngrams", type=_sizes, default=defaults.ngrams, help="n-gram sizes: 3,4,5; '' for none")
    parser.add_argument("--no-words", dest="words", action="store_false", help="n-grams only, no whole words")
    parser.add_argument("--binary", action="store_true", help="count a feature once an answer")
    parser.add_argument("--min-answers", type=int, default=defaults.min_answers)
    parser.add_argument("--smoothing", type=float, default=defaults.smoothing)
    parser.add_argument("--support", type=int, default=defaults.support, help="words that must point to a guess")
    parser.add_argument("--temperature", type=float, default=defaults.temperature)
    parser.add_argument("--time", action="store_true", help="also time the model")
    args = parser.parse_args(argv)
    if args.write or args.check:
        tables = {lang: counts(lang, load(lang), category_model.SETTINGS) for lang in LANGUAGES}
        name = category_model.DATA.relative_to(ROOT)
        if args.check:
            fresh = category_model.DATA.read_text(encoding="utf-8") == dump(tables)
            print(f"{name} is {'what the corpus gives' if fresh else 'stale: run with --write'}")
            return 0 if fresh else 1
        category_model.DATA.write_text(dump(tables), encoding="utf-8")
        print(f"wrote {name}: " + ", ".join(f"{lang} {len(rows):,} features" for lang, (_, rows) in tables.items()))
        return 0
    settings = Settings(
        args.ngrams, args.words, args.binary, args.min_answers, args.support, args.smoothing, args.temperature
    )
    evaluate(TRAINERS[args.model], settings, tuple(args.batch.split(":")) if args.batch else None)
    if args.time:
        time_model(TRAINERS[args.model], settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
