"""How long a staff sign-in lasts: it ends after ``idle`` without activity, and ``absolute`` after signing in
whatever happens (``PORTAL_STAFF_IDLE_MINUTES``, ``PORTAL_STAFF_SESSION_HOURS``).

Pure: the caller keeps a ``SignInClock``'s two times with the sign-in (the ``staff_session`` row behind the cookie,
portal.back_office.staff_sessions) and asks ``ended`` on every request, before it trusts the sign-in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from portal.config import Settings


class SignInEnded(StrEnum):
    IDLE = "idle"
    ABSOLUTE = "absolute"


@dataclass(frozen=True)
class SignInClock:
    signed_in_at: datetime
    last_seen_at: datetime

    @classmethod
    def start(cls, now: datetime) -> SignInClock:
        return cls(now, now)

    def seen(self, now: datetime) -> SignInClock:
        """The clock after a request at ``now`` (activity pushes the idle limit back, never the absolute one)."""
        return replace(self, last_seen_at=max(self.last_seen_at, now))


@dataclass(frozen=True)
class SessionLimits:
    idle: timedelta
    absolute: timedelta

    @classmethod
    def of(cls, settings: Settings) -> SessionLimits:
        return cls(timedelta(minutes=settings.staff_idle_minutes), timedelta(hours=settings.staff_session_hours))


def ended(clock: SignInClock, now: datetime, limits: SessionLimits) -> SignInEnded | None:
    """Why the sign-in is over at ``now``, or None while it lasts (until ``ends_at``)."""
    if now >= clock.signed_in_at + limits.absolute:
        return SignInEnded.ABSOLUTE
    if now >= clock.last_seen_at + limits.idle:
        return SignInEnded.IDLE
    return None


def ends_at(clock: SignInClock, limits: SessionLimits) -> datetime:
    """When the sign-in ends if nothing more happens."""
    return min(clock.signed_in_at + limits.absolute, clock.last_seen_at + limits.idle)


def _span(span: timedelta) -> str:
    minutes = round(span.total_seconds() / 60)
    if minutes % 60:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{minutes // 60} hour{'s' if minutes != 60 else ''}"


def ended_text(why: SignInEnded, limits: SessionLimits) -> str:
    """What the staff member reads on the sign-in form that replaces their page."""
    if why is SignInEnded.IDLE:
        return f"You were signed out after {_span(limits.idle)} without activity. Please sign in again."
    return f"You were signed out: a sign-in lasts {_span(limits.absolute)} at most. Please sign in again."
