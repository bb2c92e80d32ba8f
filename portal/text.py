"""Text as every field keeps it, a customer's or a staff member's: one rule, applied before anything is checked,
stored or searched for."""

from __future__ import annotations

import unicodedata

# The longest each field may be, in characters: the customer's and the staff's fields alike.
LIMITS: dict[str, int] = {
    "name": 200,
    "email": 320,
    "story": 5000,
    "bothered_most": 1000,
    "order_ref": 64,
    "correction": 1000,
    "more": 1000,
    "proposal": 500,
}


def clean(text: str | None) -> str:
    """Text as we keep it: normalised (NFC), without control characters (newlines and tabs stay; a line ends with
    "\n" whatever the browser sent), direction overrides or surrounding space; everything visible kept as typed.

    Every text field, the customer's and the staff's, goes through here before it is checked, stored or searched
    for: PostgreSQL refuses a NUL byte (the whole submission failed), neither store can encode a lone surrogate,
    other control characters garble what staff read, and direction overrides make text display in a misleading
    order."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.translate(_INVISIBLE).strip()


_KEPT_CONTROLS = "\t\n"
_INVISIBLE = {
    code: None
    for code in (
        *range(0x00, 0x20),
        *range(0x7F, 0xA0),
        *range(0xD800, 0xE000),
        *map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"),
    )
    if chr(code) not in _KEPT_CONTROLS
}
