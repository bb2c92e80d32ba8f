"""The conversation with the customer, in their language: restate, apologise, classify, read the tone.

One interface for every language; each language's grammar, cues and wording live in its own module
(``english``, ``spanish``, ``hebrew``, see ``language.Language``). Everything here is pure, deterministic and
offline: the customer page calls it on every rerun.

An apology has two parts: what we are sorry for (the customer's own fact, restated in our voice, never quoted)
and one human sentence that fits the category and what they said. No wording of ours contains a justification
word ("but", "however", "policy", "busy" …); ``has_justification`` checks for them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from portal.conversation import category_model, english, hebrew, spanish
from portal.conversation.detect import written_in
from portal.conversation.language import Language
from portal.conversation.scoring import decide
from portal.conversation.scoring import read_tone as _read_tone
from portal.conversation.vocabulary import (
    SUPPORTED_LANGUAGES,
    Category,
    Kind,
    Tone,
    require_language,
    require_text,
)

__all__ = [
    "SUPPORTED_LANGUAGES",
    "Category",
    "Kind",
    "Tone",
    "JUSTIFICATION_WORDS",
    "anything_else_question",
    "apologise",
    "apologise_more",
    "classify",
    "has_justification",
    "paraphrase",
    "read_tone",
    "require_language",
    "require_text",
    "restate",
]

_LANGUAGES: dict[str, Language] = {
    language.code: language for language in (english.LANGUAGE, spanish.LANGUAGE, hebrew.LANGUAGE)
}


def _language(lang: str) -> Language:
    return _LANGUAGES[require_language(lang)]


def _language_of(text: str, lang: str) -> Language:
    """The language ``text`` is written in (``detect.written_in``), the page's ``lang`` where it does not say."""
    return _LANGUAGES[written_in(text, require_language(lang))]


def _kind(kind: str) -> Kind:
    if kind not in ("main", "more"):
        raise ValueError(f"Unknown kind {kind!r}; expected 'main' or 'more'.")
    return kind  # type: ignore[return-value]  # narrowed by the check above, which mypy cannot follow for Literal


def restate(text: str, lang: str = "en", kind: str = "main") -> str:
    """What the customer told us, restated in our voice: what bothered them most (``kind="main"``) or what else
    they told us (``"more"``). This is what the case records once the customer confirms it. Raises ValueError
    for an unknown language or kind, or for empty text."""
    return _language_of(text, lang).restate(require_text(text), _kind(kind))


def paraphrase(text: str, lang: str = "en", kind: str = "main") -> str:
    """``restate`` followed by the question whether we got it right."""
    return f"{restate(text, lang, kind)} {_language_of(text, lang).confirm_question}"


@lru_cache(maxsize=512)  # the apology step draws it again on every keystroke's rerun
def apologise(category: Category | str, bothered_most: str, lang: str = "en") -> str:
    """A specific apology for what bothered the customer most, in their language. Raises ValueError for an
    unknown language or empty text."""
    return _language_of(bothered_most, lang).apology(Category(category), require_text(bothered_most))


@lru_cache(maxsize=512)
def apologise_more(text: str, lang: str = "en") -> str:
    """An apology of its own for one thing the customer added under "anything else?"."""
    return _language_of(text, lang).apology_more(require_text(text))


def anything_else_question(lang: str = "en") -> str:
    """The follow-up question inviting further complaints."""
    return _language(lang).anything_else_question


def classify(story: str, bothered_most: str = "", lang: str = "en") -> Category:
    """The complaint's category, from the cues of the customer's language; what bothered them most counts most.

    Where no cue speaks, the learned model reads what bothered them most (the story, if that is blank) and its
    guess is taken when it is sure enough (``category_model``): an answer in words no cue list has yet. Where
    cues spoke, a language with a ``model_weight`` adds the model's probabilities to their points: to every
    category's, or with a ``model_margin`` only to those of a close call's leaders."""
    language = _language_of(f"{bothered_most}\n{story}", lang)
    totals = language.cues.totals(story, bothered_most)
    read = bothered_most if bothered_most.strip() else story
    if category_model.cues_spoke(totals):
        return decide(
            category_model.weigh_in(totals, read, language.code, language.model_weight, language.model_margin)
        )
    return category_model.guess(read, language.code)


def read_tone(text: str, lang: str = "en") -> Tone:
    """How heated the customer is (calm, frustrated, angry), from the words of their language and how they write."""
    language = _language_of(text, lang)
    return _read_tone(text, language.tone_words, language.cues)


JUSTIFICATION_WORDS: frozenset[str] = frozenset().union(
    *(language.justification_words for language in _LANGUAGES.values())
)

_JUSTIFICATION_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(r"\s+".join(map(re.escape, word.split())) for word in sorted(JUSTIFICATION_WORDS, key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)


def has_justification(text: str) -> bool:
    """Does the text contain an excuse word? Whole words only: "button" and "butter" do not contain "but"."""
    return _JUSTIFICATION_RE.search(text) is not None
