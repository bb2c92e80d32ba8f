"""Issuing and resolving capability links (invite, case, check-in)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlencode

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from db.engine import read_session, write_session
from db.models import AccessToken, Invite, LinkProbe, utcnow
from portal.entry.tokens import Purpose, hash_token, looks_like_token, new_token


class LinkState(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    UNKNOWN = "unknown"
    THROTTLED = "throttled"


# Tokens carry 192 random bits, so guessing cannot succeed; the limit tells a scanner to wait and leaves a trail
# of who tried. Only guesses count (a token that names nothing): a real link always opens, expired or not.
PROBE_LIMIT = 10
PROBE_WINDOW = timedelta(minutes=15)
# LinkProbe.outcome of a kept conversation's ``?d=`` that names none (portal.recovery.drafts), or one that expired.
DRAFT_UNKNOWN, DRAFT_EXPIRED = "draft_unknown", "draft_expired"
# The outcomes that are guesses: an unknown link or ``?d=``, or one refused for too many of them.
GUESSES = (str(LinkState.UNKNOWN), DRAFT_UNKNOWN, str(LinkState.THROTTLED))


@dataclass(frozen=True)
class ResolvedLink:
    state: LinkState
    purpose: Purpose | None = None
    case_id: int | None = None
    invite: Invite | None = None
    expires_at: datetime | None = None

    def still_valid(self, now: datetime) -> bool:
        """Whether a link that resolved as valid still is (a case or check-in link's case never changes,
        an invite's only by a submission, which hands its own case link back)."""
        return self.state is LinkState.VALID and self.expires_at is not None and now < self.expires_at


UNKNOWN = ResolvedLink(LinkState.UNKNOWN)


def issue(
    session: Session,
    purpose: Purpose,
    lifetime: timedelta,
    *,
    case_id: int | None = None,
    invite_id: int | None = None,
    now: datetime | None = None,
    token: str | None = None,
) -> str:
    """Store a new token's hash in the caller's transaction and return the token itself (shown once). ``token`` is
    one made elsewhere as unguessable (portal.api.idempotency derives one from an API key); by default a new one."""
    token = token or new_token()
    session.add(
        AccessToken(
            token_hash=hash_token(token),
            purpose=str(purpose),
            case_id=case_id,
            invite_id=invite_id,
            expires_at=(now or utcnow()) + lifetime,
        )
    )
    return token


def find(session: Session, token: str) -> AccessToken | None:
    if not looks_like_token(token):
        return None
    return session.exec(select(AccessToken).where(AccessToken.token_hash == hash_token(token))).first()


def find_invite(session: Session, token: str) -> tuple[AccessToken, Invite] | None:
    """An invite link and its invite, the invite row locked until the transaction ends (PostgreSQL; SQLite's writers
    are one at a time already): one round trip where ``find`` and a locking read of the invite were two. The invite
    is read as it stands once the lock is ours (``populate_existing``): a concurrent submission's ``case_id``
    shows. None for a token that names no invite."""
    if not looks_like_token(token):
        return None
    return session.exec(
        select(AccessToken, Invite)
        .join(Invite, col(Invite.id) == AccessToken.invite_id)
        .where(AccessToken.token_hash == hash_token(token), AccessToken.purpose == str(Purpose.INVITE))
        .with_for_update(of=Invite)
        .execution_options(populate_existing=True)
    ).first()


def resolve(engine: Engine, token: str | None, *, now: datetime | None = None) -> ResolvedLink:
    """What a link opens. Unknown and altered tokens look the same as no token at all to the caller."""
    if not token:
        return UNKNOWN
    with read_session(engine) as session:
        return _resolve(session, token, now or utcnow())


def _resolve(session: Session, token: str, now: datetime) -> ResolvedLink:
    if not looks_like_token(token):
        return UNKNOWN
    found = session.exec(
        select(AccessToken, Invite)
        .outerjoin(Invite, col(Invite.id) == AccessToken.invite_id)
        .where(AccessToken.token_hash == hash_token(token))
    ).first()
    if found is None:
        return UNKNOWN
    row, invite = found
    if row.expires_at <= now:
        return ResolvedLink(LinkState.EXPIRED, Purpose(row.purpose), row.case_id)
    return ResolvedLink(
        LinkState.VALID,
        Purpose(row.purpose),
        row.case_id or (invite.case_id if invite else None),
        invite,
        row.expires_at,
    )


def open_link(engine: Engine, token: str, source: str, *, now: datetime | None = None) -> ResolvedLink:
    """``resolve`` for a link someone opened. A valid link always opens; an expired one is logged; an unknown one
    is a guess, logged against the client (``source``, portal.clients), and once the client made ``PROBE_LIMIT``
    of them recently it is answered ``THROTTLED`` instead. (A valid link is one read: the page opens its link
    once per session, ``customer_page.open_customer_link``.)"""
    now = now or utcnow()
    with read_session(engine) as session:
        result = _resolve(session, token, now)
    if result.state is LinkState.VALID:
        return result
    with write_session(engine) as session:
        if result.state is LinkState.UNKNOWN and guessed_too_often(session, source, now):
            result = ResolvedLink(LinkState.THROTTLED)
        log_probe(session, source, str(result.state), now)
    return result


def guessed_too_often(session: Session, source: str, now: datetime) -> bool:
    """Whether ``source`` made ``PROBE_LIMIT`` guesses (``GUESSES``) within ``PROBE_WINDOW``."""
    return (
        session.exec(
            select(func.count())
            .select_from(LinkProbe)
            .where(
                LinkProbe.source == source[:100], col(LinkProbe.outcome).in_(GUESSES), LinkProbe.at > now - PROBE_WINDOW
            )
        ).one()
        >= PROBE_LIMIT
    )


def log_probe(session: Session, source: str, outcome: str, now: datetime) -> None:
    session.add(LinkProbe(source=source[:100], at=now, outcome=outcome))


def link_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/?{urlencode({'t': token})}"
