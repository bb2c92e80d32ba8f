"""Invites made through the API with a key, and ``Idempotency-Key`` retries of them.

A POST with an ``Idempotency-Key`` writes, in the transaction that makes the invite, a row unique on (key, idempotency
key) holding the answer. A retry with the same body gets that answer again and makes nothing; with another body it is
refused. Two retries at the same moment cannot both make an invite: on PostgreSQL the second insert of the pair waits
for the first transaction and then fails on the unique constraint, on SQLite the second write transaction starts
only after the first committed and finds the row; either way the second answers with the first's invite.

The answer holds the invite's link, a capability that is never stored. So the link of an invite made with an
Idempotency-Key is derived (HMAC-SHA256) from the API key and a nonce kept with the answer: the retry, which
presents the key, gets the same link, and a reader of the database, which holds only the key's digest, cannot make it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from db.engine import read_session, write_session
from db.models import ApiIdempotency, ApiKey, StaffMember, utcnow
from portal.api.keys import Grant, KeyRefused, Refusal
from portal.config import get_settings
from portal.entry import links
from portal.entry.invites import InviteDetails, InviteLink, write_invite

IDEMPOTENCY_KEY_MAX = 255
KEEP_ANSWERS = timedelta(hours=24)  # a retry later than this makes a new invite


class IdempotencyKeyReused(ValueError):
    def __init__(self) -> None:
        super().__init__(
            "This Idempotency-Key was already used with a different request. Use a new key for a new "
            "invite, or send exactly the same request to get its answer again."
        )


@dataclass(frozen=True)
class Created:
    """The answer to a POST /invites; ``replayed`` when it is the stored answer to an earlier request."""

    body: dict[str, object]
    replayed: bool = False


def api_actor(key_id: int) -> str:
    """Who the audit log names for what a key did."""
    return f"api_key:{key_id}"


def derived_token(api_key: str, nonce: str) -> str:
    """The link's token: 192 bits no one makes without the API key (``nonce``, random and stored, tells one
    answer's link from another's, as when an idempotency key comes back after its answer was dropped)."""
    mac = hmac.new(api_key.encode("utf-8"), b"amends-invite-link\x00" + nonce.encode("ascii"), hashlib.sha256).digest()[
        :24
    ]
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def request_digest(details: InviteDetails) -> str:
    """The request as understood (cleaned, normalised), so a retry that only spaces its JSON differently is the same."""
    return hashlib.sha256(json.dumps(asdict(details), sort_keys=True).encode()).hexdigest()


def _answer(link: InviteLink, details: InviteDetails) -> dict[str, object]:
    return {
        "id": link.invite_id,
        "link": link.url,
        "expires_at": link.expires_at.isoformat(),
        "emailed": details.send_email,
    }


def _key_still_good(session: Session, grant: Grant, now: datetime) -> None:
    """The key, re-read in the transaction that uses it: not revoked or expired since the request was let in."""
    found = session.exec(
        select(ApiKey, StaffMember.is_active)
        .join(StaffMember, col(StaffMember.id) == col(ApiKey.created_by_id))
        .where(ApiKey.id == grant.key_id)
    ).first()
    if found is None or found[0].revoked_at is not None:
        raise KeyRefused(Refusal.REVOKED)
    if found[0].expires_at <= now:
        raise KeyRefused(Refusal.EXPIRED)
    if not found[1]:
        raise KeyRefused(Refusal.INACTIVE_OWNER)


def _write(session: Session, grant: Grant, details: InviteDetails, token: str | None) -> InviteLink:
    _key_still_good(session, grant, utcnow())
    return write_invite(
        session,
        details,
        created_by_id=grant.created_by_id,
        audit_actor=api_actor(grant.key_id),
        api_key_id=grant.key_id,
        token=token,
    )


def _replay(row: ApiIdempotency, digest: str, grant: Grant) -> Created:
    if row.request_digest != digest:
        raise IdempotencyKeyReused()
    body = json.loads(row.response)
    token = derived_token(grant.secret, row.link_nonce)
    body["link"] = links.link_url(get_settings().base_url or "", token)
    return Created(body, replayed=True)


def _stored(session: Session, grant: Grant, idempotency_key: str) -> ApiIdempotency | None:
    return session.exec(
        select(ApiIdempotency).where(
            ApiIdempotency.api_key_id == grant.key_id, ApiIdempotency.idempotency_key == idempotency_key
        )
    ).first()


def create_invite(engine: Engine, grant: Grant, details: InviteDetails, idempotency_key: str | None) -> Created:
    """The invite asked for, or the answer already given to the same ``idempotency_key``."""
    if not idempotency_key:
        with write_session(engine) as session:
            return Created(_answer(_write(session, grant, details, None), details))
    digest = request_digest(details)
    now = utcnow()
    try:
        with write_session(engine) as session:
            stored = _stored(session, grant, idempotency_key)
            if stored is not None and stored.created_at > now - KEEP_ANSWERS:
                return _replay(stored, digest, grant)
            session.execute(
                delete(ApiIdempotency).where(
                    col(ApiIdempotency.api_key_id) == grant.key_id, col(ApiIdempotency.created_at) <= now - KEEP_ANSWERS
                )
            )
            row = ApiIdempotency(
                api_key_id=grant.key_id,
                idempotency_key=idempotency_key,
                request_digest=digest,
                status_code=201,
                response="{}",
                link_nonce=secrets.token_hex(16),
                created_at=now,
            )
            session.add(row)
            session.flush()  # the unique pair: a concurrent twin waits here, then fails
            link = _write(session, grant, details, derived_token(grant.secret, row.link_nonce))
            answer = _answer(link, details)
            row.invite_id, row.response = link.invite_id, json.dumps({k: v for k, v in answer.items() if k != "link"})
            session.add(row)
            return Created(answer)
    except IntegrityError:
        with read_session(engine) as session:
            stored = _stored(session, grant, idempotency_key)
        if stored is None:
            raise
        return _replay(stored, digest, grant)
