"""Cross-site request forgery checks for our own HTML forms (staff sign-in and sign-out), pure.

Two locks, both required where they can be read:

- a form token: an HMAC (``PORTAL_SECRET_KEY``) of what the form is for and of something only this browser holds:
  the sign-in form's own cookie (set when the form is shown), or the session id (sign-out). Another site can make
  the browser post, but cannot read either value, so it cannot write the token;
- the request's origin: a browser says where a POST comes from (``Origin``, or failing that ``Referer``); when it
  says so, it must be this site (the address the request was sent to, or ``PORTAL_BASE_URL``). A request naming
  neither (some privacy settings strip both) still needs its token.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlsplit


def form_token(secret: str, purpose: str, bound_to: str) -> str:
    """The token a form for ``purpose`` carries, bound to ``bound_to`` (a value only this browser holds)."""
    message = f"{purpose}\x00{bound_to}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def token_matches(secret: str, purpose: str, bound_to: str | None, presented: str | None) -> bool:
    if not bound_to or not presented:
        return False
    return hmac.compare_digest(form_token(secret, purpose, bound_to), presented)


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def same_site(origin: str | None, referer: str | None, ours: set[str]) -> bool:
    """Whether the browser's word on where a POST comes from (``origin``, else ``referer``) names one of ``ours``
    (origins such as ``https://care.example.com``); True when it names nothing (the token must then do)."""
    stated = origin if origin is not None else referer
    if stated is None or stated == "":
        return True
    return _origin(stated) in ours  # "null" (a sandboxed frame, a file) has no origin: refused


def our_origins(scheme: str, host: str | None, base_url: str | None) -> set[str]:
    """This site's origins: the one the request was addressed to and the configured public one."""
    found = {f"{scheme.lower()}://{host.lower()}"} if host else set()
    configured = _origin(base_url) if base_url else None
    return found | ({configured} if configured else set())
