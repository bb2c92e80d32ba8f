"""Staff sessions: a sign-in that lasts across reloads, tabs and emailed links, and ends when it should.

Signing in (the route in portal/web/staff_sign_in.py) starts a ``StaffSession`` row and gives the browser its id in
an HttpOnly cookie; the row keeps only the id's SHA-256 digest (portal.entry.tokens), so the table signs nobody in. A new
id every sign-in (the one the browser held before is ended: ``replacing``), so an id planted before the sign-in is
worth nothing after it.

Every run of a staff page asks ``check_session``: the session is over once signed out (here or everywhere), ended by
a manager, idle or too old (portal.back_office.staff_clock's limits, ``PORTAL_STAFF_IDLE_MINUTES`` and
``PORTAL_STAFF_SESSION_HOURS``), or when its account is deactivated or changes role. The row then says why, and the
page tells the staff member. Activity moves ``last_seen_at`` at most once every ``TOUCH_EVERY`` (a page reruns on
every click; one write a minute is plenty for a limit counted in minutes), so the idle limit can end a session up to
that much early, never late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from db.engine import write_session
from db.models import StaffMember, StaffSession, utcnow
from portal.back_office.staff import StaffActor, end_member_sessions, require_manager, role_now
from portal.back_office.staff_clock import (
    SessionLimits,
    SignInClock,
    SignInEnded,
    ended,
    ended_text,
)
from portal.entry.tokens import hash_token, looks_like_token, new_token
from portal.errors import NotAllowed
from portal.recovery import timeline
from portal.recovery.remedies import Role

TOUCH_EVERY = timedelta(seconds=60)
MANAGERS_ONLY = "Only a manager can end another staff member's sessions."


class EndReason(StrEnum):
    SIGNED_OUT = "signed_out"
    SIGNED_OUT_EVERYWHERE = "signed_out_everywhere"
    ENDED_BY_MANAGER = "ended_by_manager"
    ACCOUNT_CHANGED = "account_changed"
    REPLACED = "replaced"  # the same browser signed in again
    IDLE = "idle"
    ABSOLUTE = "absolute"


@dataclass(frozen=True)
class Checked:
    """What a presented session id is worth now: the staff member it signs in, or why it no longer does (None
    when the id was never a session, as a made-up cookie)."""

    actor: StaffActor | None
    ended: EndReason | None = None


def start_session(
    engine: Engine,
    actor: StaffActor,
    *,
    source: str = "",
    via: str = "password",
    replacing: str | None = None,
    now: datetime | None = None,
) -> str:
    """A new session for ``actor`` (just signed in); returns the id for the cookie. The session the browser held
    before (``replacing``, its old cookie) ends: a sign-in always rotates the id."""
    now = now or utcnow()
    raw = new_token()
    with write_session(engine) as session:
        if replacing and looks_like_token(replacing):
            _end(session, [col(StaffSession.token_hash) == hash_token(replacing)], EndReason.REPLACED, now)
        session.add(
            StaffSession(
                token_hash=hash_token(raw),
                staff_id=actor.id,
                role=actor.role.value,
                via=via,
                source=source[:100],
                created_at=now,
                last_seen_at=now,
            )
        )
    return raw


def check_session(engine: Engine, raw: str | None, limits: SessionLimits, *, now: datetime | None = None) -> Checked:
    """The staff member the cookie's id signs in at ``now``, ending the session first if its time is up or its
    account changed (one read; a write only to end it, or once a ``TOUCH_EVERY`` to note activity)."""
    if not raw or not looks_like_token(raw):
        return Checked(None)
    now = now or utcnow()
    digest = hash_token(raw)
    with Session(engine) as session:
        found = session.exec(
            select(StaffSession, StaffMember).join(StaffMember).where(StaffSession.token_hash == digest)
        ).first()
    if found is None:
        return Checked(None)
    row, member = found
    if row.ended_at is not None:
        return Checked(None, _reason(row.end_reason))
    why = _why_over(row, member, now, limits)
    if why is not None:
        with write_session(engine) as session:
            _end(session, [col(StaffSession.id) == row.id], why, now)
        return Checked(None, why)
    if now - row.last_seen_at >= TOUCH_EVERY:
        with write_session(engine) as session:
            session.execute(
                update(StaffSession)
                .where(
                    col(StaffSession.id) == row.id,
                    col(StaffSession.ended_at).is_(None),
                    col(StaffSession.last_seen_at) < now,
                )
                .values(last_seen_at=now)
            )
    assert member.id is not None
    return Checked(StaffActor(id=member.id, name=member.name, email=member.email, role=Role(member.role)))


def _why_over(row: StaffSession, member: StaffMember, now: datetime, limits: SessionLimits) -> EndReason | None:
    if not member.is_active or member.role != row.role:
        return EndReason.ACCOUNT_CHANGED
    timed_out = ended(SignInClock(row.created_at, row.last_seen_at), now, limits)
    return EndReason(timed_out.value) if timed_out is not None else None


def _reason(stored: str) -> EndReason | None:
    try:
        return EndReason(stored)
    except ValueError:
        return None


def _end(session: Session, where: list, reason: EndReason, now: datetime) -> int:
    result = session.execute(
        update(StaffSession)
        .where(*where, col(StaffSession.ended_at).is_(None))
        .values(ended_at=now, end_reason=reason.value)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]  # rowcount is CursorResult's; execute() is typed as returning Result


def end_session(engine: Engine, raw: str | None, *, now: datetime | None = None) -> bool:
    """Sign this browser out: its session ends (if it was one and still open)."""
    if not raw or not looks_like_token(raw):
        return False
    with write_session(engine) as session:
        return (
            _end(session, [col(StaffSession.token_hash) == hash_token(raw)], EndReason.SIGNED_OUT, now or utcnow()) > 0
        )


def sign_out_everywhere(engine: Engine, actor: StaffActor, *, now: datetime | None = None) -> int:
    """End every open session of ``actor``'s account (every browser, this one too); audited. Returns how many."""
    now = now or utcnow()
    with write_session(engine) as session:
        role_now(session, actor)
        count = end_member_sessions(session, actor.id, EndReason.SIGNED_OUT_EVERYWHERE, now)
        timeline.record_setting(
            session, timeline.Kind.STAFF_SIGNED_OUT_EVERYWHERE, timeline.staff_actor(actor.id), sessions=count
        )
    return count


def end_sessions_of(engine: Engine, actor: StaffActor, staff_id: int, *, now: datetime | None = None) -> int:
    """A manager ends every open session of another staff member (``NotAllowed`` for anyone else); audited."""
    now = now or utcnow()
    with write_session(engine) as session:
        require_manager(session, actor, MANAGERS_ONLY)
        member = session.get(StaffMember, staff_id)
        if member is None:
            raise LookupError(f"No staff member {staff_id}.")
        count = end_member_sessions(session, staff_id, EndReason.ENDED_BY_MANAGER, now)
        timeline.record_setting(
            session,
            timeline.Kind.STAFF_SESSIONS_ENDED,
            timeline.staff_actor(actor.id),
            staff_id=staff_id,
            email=member.email,
            sessions=count,
        )
    return count


def open_sessions(
    engine: Engine, actor: StaffActor, limits: SessionLimits, *, now: datetime | None = None
) -> dict[int, int]:
    """For a manager: how many sessions each staff member has open at ``now`` (by staff id)."""
    now = now or utcnow()
    with Session(engine) as session:
        if role_now(session, actor) is not Role.MANAGER:
            raise NotAllowed(MANAGERS_ONLY)
        rows = session.exec(
            select(StaffSession).where(
                col(StaffSession.ended_at).is_(None),
                StaffSession.created_at > now - limits.absolute,
                StaffSession.last_seen_at > now - limits.idle,
            )
        ).all()
    counts: dict[int, int] = {}
    for row in rows:
        counts[row.staff_id] = counts.get(row.staff_id, 0) + 1
    return counts


_ENDED_TEXTS = {
    EndReason.SIGNED_OUT: "You signed out.",
    EndReason.SIGNED_OUT_EVERYWHERE: "You signed out everywhere. Please sign in again.",
    EndReason.ENDED_BY_MANAGER: "A manager ended your sign-in. Please sign in again.",
    EndReason.ACCOUNT_CHANGED: "Your staff account changed (its role, or whether it is active). Please sign in again.",
    EndReason.REPLACED: "You signed in again in this browser.",
}


def ended_reason_text(reason: EndReason, limits: SessionLimits) -> str:
    """Why the sign-in ended, for the staff member (the sign-in page and the staff pages say it)."""
    if reason in (EndReason.IDLE, EndReason.ABSOLUTE):
        return ended_text(SignInEnded(reason.value), limits)
    return _ENDED_TEXTS[reason]
