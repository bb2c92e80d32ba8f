"""Which language the customer wrote in, whatever language the page is in.

A customer may type in another language than the page's (the browser chose English, they write Spanish), or
switch the page's language after writing. A restatement, an apology, the category and the tone can only be read
in the language of the words themselves: Spanish grammar cannot restate English. Hebrew is told by its letters;
English from Spanish by their commonest words and Spanish's own letters (ñ, accents, ¿ ¡). Where the words do not
say clearly, the page's language stands.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HEBREW_LETTER = re.compile(r"[\u05d0-\u05ea]")
_LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")
_WORD = re.compile(r"[a-záéíóúüñ']+")
_SPANISH_MARKS = re.compile(r"[ñáéíóú¿¡]", re.IGNORECASE)

_ENGLISH = frozenset(
    """
    the and to of my was is it you your i for on with that this they we have had were but be at never didn't don't
    wasn't nobody called said told our an are been did what when why how from twice again still yesterday today
    after before just even only all any would could should will
""".split()
)
_SPANISH = frozenset(
    """
    el la los las que de y en un una mi por con para es fue muy pero se lo su sus nos del al nunca nadie le les
    ustedes yo estaba era hay tiene han ha cuando porque sin ni más como también dos tres vez veces mismo misma
    todo toda nada algo ya después antes hace hoy ayer otra otro sigue llevo tengo
""".split()
)
"""The commonest words of each, none of them shared ("me", "no" are both)."""
_SPANISH_ENDINGS = re.compile(r"\b\w+(?:aron|ieron|ción|ciones|mente)\b")
_HEBREW_SHARE_ON_HEBREW_PAGE = 0.25
"""On a Hebrew page, Hebrew words among Latin ones (a shouted English line, a brand) still make it Hebrew."""
_CLEAR_MARGIN = 2
"""Words of the other language must outnumber the page language's by this factor (and be at least two)."""


_SAMPLE = 600
"""Characters read to tell the language: a few sentences say it, and a 6,000-character story read whole cost 0.65 ms
on every call (the page classifies, reads the tone, restates and apologises)."""


@lru_cache(maxsize=512)  # the same words are restated, apologised for and classified in one rerun
def written_in(text: str, page_language: str) -> str:
    """The language of ``text`` among en, es and he; ``page_language`` where the words do not say clearly."""
    text = text[:_SAMPLE]
    hebrew = len(_HEBREW_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    if hebrew > latin or (page_language == "he" and hebrew >= _HEBREW_SHARE_ON_HEBREW_PAGE * (hebrew + latin)):
        return "he"
    if latin == 0:
        return page_language
    words = _WORD.findall(text.lower())
    english = sum(word in _ENGLISH for word in words)
    spanish = (
        sum(word in _SPANISH for word in words)
        + len(_SPANISH_MARKS.findall(text))
        + len(_SPANISH_ENDINGS.findall(text.lower()))
    )
    if english == spanish == 0:
        return page_language
    if page_language == "he":
        return "es" if spanish > english else "en"
    other, theirs, ours = ("es", spanish, english) if page_language == "en" else ("en", english, spanish)
    return other if theirs >= 2 and theirs > _CLEAR_MARGIN * ours else page_language
