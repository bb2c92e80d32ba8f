"""What every language of the conversation provides, and the vocabularies they share.

Each language is one module (``english``, ``spanish``, ``hebrew``) exposing a ``LANGUAGE``: how it restates
what the customer said from our point of view, how it apologises for it, and the cues and tone words that
classify it. ``portal.conversation`` dispatches on the customer's language; nothing outside a language's module
knows its grammar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from portal.conversation.scoring import CueScanner, ToneWords
from portal.conversation.vocabulary import Category, Kind


@dataclass(frozen=True, slots=True)
class Language:
    """One language of the conversation.

    ``restate(text, kind)`` restates the customer's words in our voice inside a frame that fits them ("What
    bothered you most is that our mechanic was 90 minutes late."), never quoting them. ``apology(category,
    text)`` apologises for what bothered them most: the restatement, then one sentence that fits the category
    and what they said. ``apology_more(text)`` apologises for one thing added under "anything else?".
    """

    code: str
    restate: Callable[[str, Kind], str]
    confirm_question: str
    apology: Callable[[Category, str], str]
    apology_more: Callable[[str], str]
    anything_else_question: str
    cues: CueScanner
    tone_words: ToneWords
    justification_words: frozenset[str]
    model_weight: float = 0.0
    """Where the cues spoke, the learned model's probability of each category times this is added to the cues'
    points before they are decided (``category_model.weigh_in``); 0 leaves the cues to decide alone. Set per
    language from leave-one-group-out figures on answers the cues were not tuned on (benchmarks/CATEGORY_MODEL.md)."""
    model_margin: float = 0.0
    """With ``model_weight``: where more than 0, the model weighs in only on a close call, where the best category
    leads by less than this, and only on the leaders (``category_model.weighed``); 0 lets it weigh in on every one."""
