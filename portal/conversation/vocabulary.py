"""The words the conversation's parts share: what a complaint is about, how heated it is, what is restated."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

Kind = Literal["main", "more"]
"""What is being restated: what bothered the customer most, or something else they added ("anything else?")."""

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "es", "he")


class Category(StrEnum):
    LATENESS = "lateness"
    BILLING = "billing"
    QUALITY = "quality"
    DAMAGE = "damage"
    STAFF = "staff"
    MISSING_ITEM = "missing_item"
    DELIVERY = "delivery"
    COMMUNICATION = "communication"
    OTHER = "other"


class Tone(StrEnum):
    CALM = "calm"
    FRUSTRATED = "frustrated"
    ANGRY = "angry"


def require_text(text: str) -> str:
    """The text without surrounding whitespace; ValueError if nothing is left."""
    if not text or not text.strip():
        raise ValueError("There is nothing to paraphrase: the text is empty.")
    return text.strip()


def require_language(lang: str) -> str:
    """The language code itself; ValueError unless it is one of SUPPORTED_LANGUAGES."""
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(f"Unsupported language {lang!r}; expected one of {', '.join(SUPPORTED_LANGUAGES)}.")
    return lang
