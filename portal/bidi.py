"""Keeping numbers, amounts, addresses and Latin text readable inside right-to-left text.

In a Hebrew sentence the browser orders each run of characters by its own direction, so a phone number, an amount
with its currency or an English title drifts: "+1 555 0100" shows as "0100 555 1+", "$50.00 (A $50 credit)" as
"($ 50.00) A $50 credit". Wrapping such a value in Unicode's first-strong isolate (U+2068 … U+2069) lays it out
on its own, in its own direction, as one unit in the sentence. The marks are invisible and change nothing in a
left-to-right page.
"""

from __future__ import annotations

from typing import Any

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolate(text: str) -> str:
    """``text`` laid out on its own, in the direction of its first strong letter ("" stays "")."""
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if text else text


def _isolated(value: Any) -> Any:
    return (
        isolate(value) if isinstance(value, str) else isolate(str(value)) if isinstance(value, int | float) else value
    )


class Isolating(str):
    """A sentence of ours whose ``format`` isolates every value put into it: a translation for a right-to-left
    page (``portal.i18n.page_translator``)."""

    __slots__ = ()

    def format(self, *args: Any, **kwargs: Any) -> str:  # str.format, made to isolate its values
        return str.format(self, *map(_isolated, args), **{name: _isolated(value) for name, value in kwargs.items()})
