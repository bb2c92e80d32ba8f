"""A catalog entry's words in the customer's language: which title and description a customer reads, and which
translations managers have yet to write. Pure functions, no I/O.

Managers write every remedy and gift in English and may translate it into Spanish and Hebrew
(``RemedyOption.title_es`` ...). A blank translation means "not written yet": the customer then reads the
English of that one field, never an empty line. Every page and email that shows a remedy or gift to a customer
takes its words from ``option_text``, so the rule lives here alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

# The languages managers translate the catalog into; English is the entry itself.
TRANSLATED_LANGUAGES = ("es", "he")


class EntryWords(Protocol):
    """What a catalog entry says, in English and as translated (``RemedyOption`` has these fields)."""

    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def title_es(self) -> str: ...
    @property
    def description_es(self) -> str: ...
    @property
    def title_he(self) -> str: ...
    @property
    def description_he(self) -> str: ...


@dataclass(frozen=True)
class Words:
    """A catalog entry's words, kept apart from its database row (a customer's case page keeps them between
    reruns)."""

    title: str
    description: str = ""
    title_es: str = ""
    description_es: str = ""
    title_he: str = ""
    description_he: str = ""

    @classmethod
    def of(cls, entry: EntryWords) -> Words:
        return cls(
            entry.title, entry.description, entry.title_es, entry.description_es, entry.title_he, entry.description_he
        )


def accepted_words(accepted: str, entry: EntryWords | None) -> Words | None:
    """The words of the catalog entry a case's remedy or gift was chosen from, given ``accepted``, the English title
    the case keeps: None once a manager has reworded the entry, so the case keeps what its customer accepted (in
    English, as staff read it) rather than words it never saw."""
    return Words.of(entry) if entry is not None and entry.title == accepted else None


def translation(entry: EntryWords, language: str) -> tuple[str, str]:
    """The title and description as written for ``language`` ("" where not written); the English for "en"."""
    if language == "es":
        return entry.title_es, entry.description_es
    if language == "he":
        return entry.title_he, entry.description_he
    return entry.title, entry.description


def option_text(entry: EntryWords, language: str) -> tuple[str, str]:
    """The title and description a customer reading ``language`` sees: each in their language where a manager
    wrote it, otherwise the English (a language the catalog is not translated into reads English throughout)."""
    title, description = translation(entry, language)
    return (title.strip() or entry.title), (description.strip() or entry.description)


def missing_translations(entry: EntryWords) -> list[str]:
    """The languages whose customers read some of this entry in English: its title is not translated, or it has
    an English description that is not."""
    missing = []
    for language in TRANSLATED_LANGUAGES:
        title, description = translation(entry, language)
        if not title.strip() or (entry.description.strip() and not description.strip()):
            missing.append(language)
    return missing
