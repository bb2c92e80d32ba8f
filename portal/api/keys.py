"""API keys: made, named, scoped and revoked by managers; recognised by the API on every request.

A key reads ``amk_<prefix>_<secret>``: the prefix (8 characters) names it on the keys page and in the audit, the
secret carries 192 random bits, and only the SHA-256 of the whole key is stored, so the key is shown once. A key
works until it expires (``api_key_days`` after it was made) or is revoked.

Authority: a key acts with the role that creates invites on the Invite page (any active staff member's), never a
manager's, and only within its scopes. Whatever it does is attributed to the key and to the manager who made it, and
a key stops working when that manager's account is deactivated (as a tab of theirs would). Its invite amounts pass
the same range check as every amount (portal.recovery.money.checked_cents): an order's amount is what the customer paid, not a
remedy anyone approves, so no approval limit applies to it, on the page as through a key.
"""

from __future__ import annotations

import hashlib
import secrets
import string
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import Engine, func, update
from sqlmodel import Session, col, select

from db.engine import read_session, write_session
from db.models import ApiKey, ApiKeyUse, StaffMember, utcnow
from portal.back_office.staff import StaffActor, require_manager
from portal.recovery import timeline
from portal.recovery.journey import clean
from portal.stored import stored_id

KEY_PREFIX = "amk_"
PREFIX_LENGTH = 8
_PREFIX_ALPHABET = string.ascii_lowercase + string.digits
SECRET_BYTES = 24
NAME_MAX = 100
MANAGERS_ONLY = "Only managers can manage API keys."
DEMO_KEY_NAME = "Demo order system"
# last_used_at is written at most this often per key: every request would otherwise update the same row.
LAST_USED_EVERY = timedelta(minutes=1)


class Scope(StrEnum):
    INVITES_WRITE = "invites:write"
    CASES_READ = "cases:read"
    CASES_READ_PERSONAL = "cases:read_personal"


DEMO_KEY_SCOPES = (str(Scope.INVITES_WRITE), str(Scope.CASES_READ))
SCOPE_TEXT = {
    Scope.INVITES_WRITE: "Create invites (and email them to customers)",
    Scope.CASES_READ: "Read cases: status, remedy, dates",
    Scope.CASES_READ_PERSONAL: "Read the customer's personal text too: name, email, story, remedy wording",
}


class Refusal(StrEnum):
    """Why a request's key was not accepted (each is a problem type of the API)."""

    MISSING = "missing_key"
    UNKNOWN = "unknown_key"
    EXPIRED = "expired_key"
    REVOKED = "revoked_key"
    INACTIVE_OWNER = "inactive_key_owner"


class KeyRefused(Exception):
    def __init__(self, reason: Refusal) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class NewKey:
    id: int
    name: str
    key: str  # shown once

    @property
    def prefix(self) -> str:
        return prefix_of(self.key) or ""


@dataclass(frozen=True)
class KeyView:
    id: int
    name: str
    prefix: str
    scopes: tuple[str, ...]
    created_by: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None

    def state(self, now: datetime) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.expires_at <= now else "active"


@dataclass(frozen=True)
class Grant:
    """A key that was accepted: who it acts for and what it may do."""

    key_id: int
    prefix: str
    scopes: frozenset[str]
    created_by_id: int
    secret: str  # the key as presented, kept for this request only (links made with an Idempotency-Key derive from it)
    last_used_at: datetime | None

    def allows(self, scope: Scope) -> bool:
        return str(scope) in self.scopes


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def prefix_of(key: str) -> str | None:
    """The ``amk_xxxxxxxx`` a key starts with, or None when it is not shaped like one of ours."""
    parts = key.split("_", 2)
    if len(parts) != 3 or f"{parts[0]}_" != KEY_PREFIX or len(parts[1]) != PREFIX_LENGTH or len(parts[2]) < 20:
        return None
    return f"{KEY_PREFIX}{parts[1]}"


def new_key() -> str:
    prefix = "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(PREFIX_LENGTH))
    return f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"


def checked_scopes(scopes: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    known = {str(s) for s in Scope}
    chosen = tuple(s for s in Scope if str(s) in set(scopes))
    unknown = sorted(set(scopes) - known)
    if unknown:
        raise ValueError(f"Unknown scope: {', '.join(unknown)}. Choose from {', '.join(known)}.")
    if not chosen:
        raise ValueError("Choose at least one scope: what the key may do.")
    if Scope.CASES_READ_PERSONAL in chosen and Scope.CASES_READ not in chosen:
        raise ValueError("Reading personal text needs reading cases too: add cases:read.")
    return tuple(str(s) for s in chosen)


def create_key(
    engine: Engine,
    actor: StaffActor,
    name: str,
    scopes: list[str] | tuple[str, ...],
    *,
    days: int,
    now: datetime | None = None,
) -> NewKey:
    """A new key for ``actor`` (a manager now); ValueError says what to change, NotAllowed refuses anyone else."""
    name = clean(name)
    if not name:
        raise ValueError("Give the key a name: the system that will use it, e.g. Order system.")
    if len(name) > NAME_MAX:
        raise ValueError(f"Keep the name under {NAME_MAX} characters.")
    chosen = checked_scopes(scopes)
    if not 1 <= days <= 5 * 365:
        raise ValueError("A key works from 1 day to 5 years.")
    with write_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        return add_key(
            session,
            name=name,
            scopes=chosen,
            created_by_id=actor.id,
            days=days,
            now=now or utcnow(),
            audit_actor=timeline.staff_actor(actor.id),
        )


def add_key(
    session: Session,
    *,
    name: str,
    scopes: tuple[str, ...],
    created_by_id: int,
    days: int,
    now: datetime,
    audit_actor: str,
) -> NewKey:
    """A key, checked by the caller, in the caller's transaction, with its audit entry naming ``audit_actor``."""
    key = new_key()
    row = ApiKey(
        name=name,
        prefix=prefix_of(key) or "",
        key_hash=digest(key),
        scopes=" ".join(scopes),
        created_by_id=created_by_id,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    timeline.record_setting(
        session,
        timeline.Kind.API_KEY_CREATED,
        audit_actor,
        api_key_id=row.id,
        prefix=row.prefix,
        name=name,
        scopes=list(scopes),
        expires_at=row.expires_at,
    )
    return NewKey(row.id, name, key)


def replace_demo_key(session: Session, *, created_by_id: int, now: datetime) -> NewKey:
    """The demo's key, new on every run (a key is shown only once): the earlier ones are revoked. The audit names the
    seed (``system``), which made it for the demo's manager."""
    for old in session.exec(select(ApiKey).where(ApiKey.name == DEMO_KEY_NAME, col(ApiKey.revoked_at).is_(None))):
        old.revoked_at = now
        session.add(old)
    return add_key(
        session,
        name=DEMO_KEY_NAME,
        scopes=DEMO_KEY_SCOPES,
        created_by_id=created_by_id,
        days=30,
        now=now,
        audit_actor=timeline.SYSTEM,
    )


def revoke_key(engine: Engine, actor: StaffActor, key_id: int, *, now: datetime | None = None) -> None:
    with write_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        row = session.get(ApiKey, key_id)
        if row is None:
            raise LookupError("That key does not exist any more.")
        if row.revoked_at is not None:
            return
        row.revoked_at, row.revoked_by_id = now or utcnow(), actor.id
        session.add(row)
        timeline.record_setting(
            session,
            timeline.Kind.API_KEY_REVOKED,
            timeline.staff_actor(actor.id),
            api_key_id=row.id,
            prefix=row.prefix,
            name=row.name,
        )


def list_keys(engine: Engine, actor: StaffActor) -> list[KeyView]:
    """Every key, newest first (managers only: the list says what the business's systems may do)."""
    with read_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        rows = session.exec(
            select(ApiKey, StaffMember.name)
            .join(StaffMember, col(StaffMember.id) == col(ApiKey.created_by_id))
            .order_by(col(ApiKey.id).desc())
        ).all()
    return [
        KeyView(
            stored_id(k),
            k.name,
            k.prefix,
            tuple(k.scopes.split()),
            creator,
            k.created_at,
            k.expires_at,
            k.revoked_at,
            k.last_used_at,
        )
        for k, creator in rows
    ]


def authenticate(engine: Engine, presented: str | None, *, now: datetime | None = None) -> Grant:
    """The grant of the key presented, or KeyRefused saying why not."""
    if not presented:
        raise KeyRefused(Refusal.MISSING)
    if prefix_of(presented) is None:
        raise KeyRefused(Refusal.UNKNOWN)
    now = now or utcnow()
    with read_session(engine) as session:
        found = session.exec(
            select(ApiKey, StaffMember.is_active)
            .join(StaffMember, col(StaffMember.id) == col(ApiKey.created_by_id))
            .where(ApiKey.key_hash == digest(presented))
        ).first()
    if found is None:
        raise KeyRefused(Refusal.UNKNOWN)
    row, owner_active = found
    if row.revoked_at is not None:
        raise KeyRefused(Refusal.REVOKED)
    if row.expires_at <= now:
        raise KeyRefused(Refusal.EXPIRED)
    if not owner_active:
        raise KeyRefused(Refusal.INACTIVE_OWNER)
    assert row.id is not None
    return Grant(row.id, row.prefix, frozenset(row.scopes.split()), row.created_by_id, presented, row.last_used_at)


def record_use(
    session: Session,
    grant: Grant | None,
    *,
    method: str,
    route: str,
    status: int,
    outcome: str,
    source: str,
    now: datetime,
) -> None:
    """The audit row of one request, and the key's last use when it was last written over a minute ago (a
    conditional UPDATE: two replicas at once write it once)."""
    session.add(
        ApiKeyUse(
            api_key_id=grant.key_id if grant else None,
            at=now,
            method=method[:10],
            route=route[:100],
            status=status,
            outcome=outcome[:40],
            source=source[:100],
        )
    )
    if grant is None or (grant.last_used_at is not None and now - grant.last_used_at < LAST_USED_EVERY):
        return
    stale = now - LAST_USED_EVERY
    session.execute(
        update(ApiKey)
        .where(col(ApiKey.id) == grant.key_id)
        .where((col(ApiKey.last_used_at).is_(None)) | (col(ApiKey.last_used_at) <= stale))
        .values(last_used_at=now)
    )


def unknown_keys_from(session: Session, source: str, since: datetime) -> int:
    """How many requests from the client ``source`` presented a key that is not ours since ``since``."""
    return session.exec(
        select(func.count())
        .select_from(ApiKeyUse)
        .where(
            col(ApiKeyUse.api_key_id).is_(None),
            ApiKeyUse.source == source[:100],
            col(ApiKeyUse.outcome).in_((str(Refusal.UNKNOWN), "too_many_unknown_keys")),
            ApiKeyUse.at > since,
        )
    ).one()


def uses(engine: Engine, actor: StaffActor, key_id: int, *, limit: int = 50) -> list[ApiKeyUse]:
    """A key's latest requests, newest first, for the keys page."""
    with read_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        return list(
            session.exec(
                select(ApiKeyUse).where(ApiKeyUse.api_key_id == key_id).order_by(col(ApiKeyUse.id).desc()).limit(limit)
            ).all()
        )
