"""Optional single sign-on: a staff member signs in with the business's identity provider (OpenID Connect, through
Streamlit's ``st.login``) and ends up with the same session as a password sign-in (portal.back_office.staff_sessions).

The provider only vouches for an email address. It is matched to an ACTIVE staff account (lower case, as accounts
are kept); the role always comes from that account, never from the provider's claims. An address the provider says
is not verified, one with no account, or a deactivated account's is refused, and the refusal is in the audit log.

The page that saw the provider's answer cannot set our HttpOnly cookie, so it writes a one-time pass
(``StaffHandoff``: only the digest of its token; it works once, for ``HANDOFF_LIFETIME``) and sends the browser with
the token to the sign-in route, which trades it for a session (``finish_handoff``). The pass is bound to the browser
that asked, by the digest of its sign-in form cookie, so a pass sent to someone else signs them in as nobody
(no forged sign-in into the sender's account).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Engine, update
from sqlmodel import col, select

from db.engine import write_session
from db.models import StaffHandoff, StaffMember, utcnow
from portal.back_office.staff import StaffActor
from portal.back_office.staff_sessions import start_session
from portal.entry.tokens import hash_token, looks_like_token, new_token
from portal.recovery import timeline
from portal.recovery.remedies import Role

HANDOFF_LIFETIME = timedelta(seconds=60)
# How fresh the provider's answer must be: Streamlit keeps the identity in a cookie for 30 days, and one left behind
# (a browser closed between the provider and our route, which deletes it) must not sign anyone in days later.
FRESH_IDENTITY = timedelta(minutes=5)

UNVERIFIED = "unverified"
NO_ACCOUNT = "no_account"
EXPIRED = "expired"
REFUSALS = {
    UNVERIFIED: "Your identity provider has not verified your email address, so it cannot sign you in here.",
    NO_ACCOUNT: "Your identity provider signed you in, but no active staff account has that email address. "
    "Please ask a manager.",
    EXPIRED: "That single sign-on did not finish in time or came from another browser. Please try again.",
}


class SsoRefused(Exception):
    """``reason``: one of ``REFUSALS``' keys."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _address(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return email.strip().lower()[:320]


def _stale(issued_at: object, now: datetime) -> bool:
    """Was the provider's answer (its ID token's ``iat``, seconds since the epoch) given too long ago?"""
    if not isinstance(issued_at, int | float) or isinstance(issued_at, bool):
        return False  # a provider that does not say: the pass's own minute still bounds the flow
    return now.timestamp() - float(issued_at) > FRESH_IDENTITY.total_seconds()


def begin_handoff(
    engine: Engine,
    email: str | None,
    email_verified: object,
    browser: str | None,
    *,
    next_path: str = "/staff",
    issued_at: object = None,
    now: datetime | None = None,
) -> str:
    """The provider vouched for ``email`` (``email_verified``: its claim, if it sent one; ``issued_at``: its ID
    token's ``iat``) in the browser holding the sign-in form cookie ``browser``: a one-time pass to the staff
    account with that email, or ``SsoRefused`` (audited). Returns the pass's token."""
    now = now or utcnow()
    address = _address(email or "")
    with write_session(engine) as session:
        member = session.exec(select(StaffMember).where(StaffMember.email == address)).first() if address else None
        reason = (
            UNVERIFIED
            if email_verified is False
            else NO_ACCOUNT
            if member is None or not member.is_active
            else EXPIRED
            if not browser or _stale(issued_at, now)
            else None
        )
        if reason is not None:
            timeline.record_setting(
                session, timeline.Kind.STAFF_SSO_REFUSED, timeline.SYSTEM, email=address, reason=reason
            )
        else:
            assert member is not None and member.id is not None and browser is not None
            token = new_token()
            session.add(
                StaffHandoff(
                    token_hash=hash_token(token),
                    staff_id=member.id,
                    browser_hash=hash_token(browser),
                    next_path=next_path[:500],
                    expires_at=now + HANDOFF_LIFETIME,
                    created_at=now,
                )
            )
    if reason is not None:
        raise SsoRefused(reason)
    return token


def finish_handoff(
    engine: Engine,
    token: str | None,
    browser: str | None,
    *,
    source: str = "",
    replacing: str | None = None,
    now: datetime | None = None,
) -> tuple[str, str]:
    """Trade a pass for a session in the browser it was made for: the new session id and where to go next.
    The pass works once and only until it expires; the account must still be active (``SsoRefused`` else)."""
    now = now or utcnow()
    if not token or not looks_like_token(token) or not browser:
        raise SsoRefused(EXPIRED)
    with write_session(engine) as session:
        used = session.execute(
            update(StaffHandoff)
            .where(
                col(StaffHandoff.token_hash) == hash_token(token),
                col(StaffHandoff.used_at).is_(None),
                col(StaffHandoff.expires_at) > now,
                col(StaffHandoff.browser_hash) == hash_token(browser),
            )
            .values(used_at=now)
        )
        handoff = (
            session.exec(select(StaffHandoff).where(StaffHandoff.token_hash == hash_token(token))).first()
            if used.rowcount == 1  # type: ignore[attr-defined]  # rowcount is CursorResult's; execute() is typed as returning Result
            else None
        )
        member = session.get(StaffMember, handoff.staff_id) if handoff is not None else None
    if handoff is None:
        raise SsoRefused(EXPIRED)
    if member is None or not member.is_active or member.id is None:
        raise SsoRefused(NO_ACCOUNT)
    actor = StaffActor(id=member.id, name=member.name, email=member.email, role=Role(member.role))
    return start_session(engine, actor, source=source, via="sso", replacing=replacing, now=now), handoff.next_path
