"""Message catalogs (gettext). Source strings are English; Spanish and Hebrew live in locales/."""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "amends"
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español", "he": "עברית"}
RTL_LANGUAGES = frozenset({"he"})

Translate = Callable[[str], str]


@lru_cache(maxsize=None)
def translator(language: str) -> Translate:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True).gettext


def is_rtl(language: str) -> bool:
    return language in RTL_LANGUAGES
