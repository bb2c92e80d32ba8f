"""Message catalogs and language choice for customer-facing text.

Source strings are English (gettext msgids). Spanish and Hebrew live in
``portal/locales/<lang>/LC_MESSAGES/amends.po``, read directly with Babel so there is
no compiled ``.mo`` file to fall out of date. ``scripts/i18n`` extracts new strings
and updates the catalogs; a test fails while any catalog lacks a translation.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from portal.bidi import Isolating, isolate

LOCALE_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "amends"
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español", "he": "עברית"}
RTL_LANGUAGES = frozenset({"he"})


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass(frozen=True)
class Translator:
    """``_`` for one language: ``_("text")`` translates (English msgid where a translation is missing);
    ``_.plural``, ``_.number`` and ``_.date`` speak the same language."""

    language: str
    messages: Mapping[str | tuple[str, str], str | tuple[str, ...]]
    plural_index: Callable[[int], int]
    isolating: bool = False
    """Each value ``format`` puts into a sentence is isolated (``portal.bidi``): for right-to-left pages."""

    def __call__(self, text: str) -> str:
        found = self.messages.get(text)
        return self._sentence(found if isinstance(found, str) else text)

    def plural(self, singular: str, plural: str, n: int) -> str:
        forms = self.messages.get((singular, plural))
        if isinstance(forms, tuple) and all(forms):
            return self._sentence(forms[min(self.plural_index(n), len(forms) - 1)])
        return self._sentence(singular if n == 1 else plural)

    def _sentence(self, text: str) -> str:
        return Isolating(text) if self.isolating else text

    def isolated(self, value: str) -> str:
        """A value put into our text without ``format`` (a title beside its amount), isolated where ``isolating``."""
        return isolate(value) if self.isolating else value

    def number(self, n: int) -> str:
        return _number(n, self.language)

    def date(self, day: date) -> str:
        return format_date(day, format="long", locale=self.language)


Translate = Translator


@lru_cache(maxsize=4096)  # counters and limits repeat on every rerun; Babel takes ~0.1 ms for each
def _number(n: int, language: str) -> str:
    return format_decimal(n, locale=language)


@lru_cache(maxsize=None)
def translator(language: str) -> Translator:
    path = catalog_path(language)
    if language == "en" or not path.exists():
        return Translator(language, {}, lambda n: 0 if n == 1 else 1)
    with path.open("rb") as handle:
        catalog = read_po(handle)
    messages = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    return Translator(language, messages, gettext.c2py(catalog.plural_expr))  # type: ignore[arg-type]  # babel types ids and strings as str | tuple | list; a .po file gives str or (singular, plural)


@lru_cache(maxsize=None)
def page_translator(language: str) -> Translator:
    """``translator`` for a page: in a right-to-left language, numbers, amounts, addresses, references and Latin
    names put into a sentence stay readable (``portal.bidi``). Emails keep the plain one: a mark beside a link in a
    plain-text email could be taken into the link."""
    return replace(translator(language), isolating=is_rtl(language))


def is_rtl(language: str) -> bool:
    return language in RTL_LANGUAGES


@lru_cache(maxsize=512)  # asked on every rerun of a customer page; Babel's parsing took ~0.04 ms of each
def supported(language: str | None) -> str | None:
    """The supported language a tag like 'es-MX' or 'HE' stands for, else None."""
    if not language:
        return None
    try:
        base = Locale.parse(language.strip().replace("-", "_")).language
    except (ValueError, UnknownLocaleError):
        return None
    if base == "iw":  # the old code for Hebrew, still sent by some browsers
        base = "he"
    return base if base in LANGUAGES else None


def from_accept_language(header: str | None) -> str | None:
    """The best supported language in an Accept-Language header, honouring q-values."""
    if not header:
        return None
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        language = supported(tag)
        if language and quality > 0:
            weighted.append((-quality, position, language))
    return min(weighted)[2] if weighted else None


def choose_language(*, invite: str | None, link_param: str | None, accept_language: str | None, default: str) -> str:
    """The invite's language, else the link's ``lang``, else the browser's, else the business default."""
    return (
        supported(invite)
        or supported(link_param)
        or from_accept_language(accept_language)
        or supported(default)
        or "en"
    )
