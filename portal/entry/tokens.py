"""Capability links: random tokens of 192 bits; only their SHA-256 digest is stored."""

from __future__ import annotations

import hashlib
import re
import secrets
from enum import StrEnum

TOKEN_BYTES = 24
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,64}")


class Purpose(StrEnum):
    INVITE = "invite"
    CASE = "case"
    CHECKIN = "checkin"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def looks_like_token(text: str) -> bool:
    """Cheap shape check so that junk in a URL never reaches the database."""
    return bool(_TOKEN_SHAPE.fullmatch(text))
