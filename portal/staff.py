"""Staff accounts: creation, lookup and sign-in. Passwords are argon2id hashes (portal.passwords).

Sign-in is throttled per account: after ``MAX_FAILED_ATTEMPTS`` failures within
``THROTTLE_WINDOW`` (counted since the account's last successful sign-in), every
attempt is refused without looking at the password until the oldest of those
failures leaves the window. Refused attempts are failures too, so an address that
keeps being hammered stays locked; someone who waits as told gets in. The throttle
is per email address whether or not an account exists, so it reveals nothing.

Every attempt is a ``LoginAttempt`` row. The row is written, as a failure, before the
password is checked, in a transaction that also counts the recent failures (serialised
per address: ``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL). Parallel
attempts therefore cannot check more than ``MAX_FAILED_ATTEMPTS`` passwords per window;
a successful check then marks its row as succeeded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Engine, Row, func, text, update
from sqlmodel import Session, col, select

from db.engine import is_postgres, write_session
from db.models import LoginAttempt, StaffMember, utcnow
from portal.passwords import hash_password, needs_rehash, verify_password
from portal.remedies import Role
from portal.text import clean

MAX_FAILED_ATTEMPTS = 5
THROTTLE_WINDOW = timedelta(minutes=15)

BAD_CREDENTIALS = "bad_credentials"
THROTTLED = "throttled"

_EMAIL_MAX, _SOURCE_MAX = 320, 100  # the LoginAttempt columns' lengths


class StaffError(ValueError):
    pass


class SignInRefused(Exception):
    """``reason`` is BAD_CREDENTIALS or THROTTLED; a throttled refusal says how long to wait."""

    def __init__(self, reason: str, retry_after: timedelta | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


@dataclass(frozen=True)
class StaffActor:
    """The signed-in staff member, as services need them: every staff service takes one."""

    id: int
    name: str
    email: str
    role: Role

    @property
    def is_manager(self) -> bool:
        return self.role is Role.MANAGER


def _address(email: str) -> str:
    """The account key of an email address; raises EmailNotValidError."""
    return validate_email(clean(email), check_deliverability=False).normalized.lower()


def add_staff(engine: Engine, *, email: str, name: str, role: str, password: str, title: str = "") -> StaffMember:
    try:
        address = _address(email)
    except EmailNotValidError as error:
        raise StaffError(f"Not a valid email address: {error}") from None
    if role not in {r.value for r in Role}:
        raise StaffError(f"Role must be one of: {', '.join(r.value for r in Role)}.")
    name, title = clean(name), clean(title)
    if not name:
        raise StaffError("A name is required.")
    try:
        password_hash = hash_password(password)
    except ValueError as error:
        raise StaffError(str(error)) from None
    with write_session(engine) as session:
        member = session.exec(select(StaffMember).where(StaffMember.email == address)).first()
        if member is None:
            member = StaffMember(email=address, name=name, role=role, password_hash=password_hash)
        member.name, member.role, member.title = name, role, title
        member.password_hash, member.is_active = password_hash, True
        session.add(member)
        session.flush()
        session.refresh(member)
    return member


def _actor(member: StaffMember | Row) -> StaffActor:
    """From an account, or a row of its id, name, email and role."""
    assert member.id is not None
    return StaffActor(id=member.id, name=member.name, email=member.email, role=Role(member.role))


def _login_address(email: str) -> str:
    """The address a sign-in attempt is throttled and logged under (lower-case; kept as typed if not valid)."""
    try:
        address = _address(email)
    except EmailNotValidError:
        address = clean(email).lower()
    return address[:_EMAIL_MAX]


def _lock_address(engine: Engine, session: Session, address: str) -> None:
    """Serialise attempts on one address. SQLite needs nothing: its write transactions are already serial."""
    if is_postgres(engine):
        session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:address, 0))"), {"address": address})


def _wait_needed(session: Session, address: str, now: datetime) -> timedelta | None:
    """How long this address must wait before its password is checked again, or None."""
    since = now - THROTTLE_WINDOW
    last_success = (select(func.max(LoginAttempt.at))
                    .where(LoginAttempt.email == address, col(LoginAttempt.succeeded).is_(True), LoginAttempt.at > since)
                    .scalar_subquery())
    failures = session.exec(
        select(LoginAttempt.at)
        .where(LoginAttempt.email == address, col(LoginAttempt.succeeded).is_(False), LoginAttempt.at > since,
               LoginAttempt.at > func.coalesce(last_success, since))
        .order_by(col(LoginAttempt.at).desc()).limit(MAX_FAILED_ATTEMPTS)).all()
    if len(failures) < MAX_FAILED_ATTEMPTS:
        return None
    return max(failures[-1] + THROTTLE_WINDOW - now, timedelta(seconds=1))


def sign_in(engine: Engine, email: str, password: str, source: str = "", *, now: datetime | None = None) -> StaffActor:
    """The active staff member with this email and password; raises SignInRefused."""
    now = now or utcnow()
    address = _login_address(email)
    with write_session(engine) as session:
        _lock_address(engine, session, address)
        wait = _wait_needed(session, address, now)
        attempt = LoginAttempt(email=address, at=now, succeeded=False, source=(source or "")[:_SOURCE_MAX])
        session.add(attempt)
        member = session.exec(select(StaffMember).where(StaffMember.email == address)).first() if wait is None else None
        session.flush()
        attempt_id = attempt.id
    if wait is not None:
        raise SignInRefused(THROTTLED, wait)
    # The slow hash check runs outside the transaction; an unknown address costs the same (a dummy hash).
    stored_hash = member.password_hash if member is not None else None
    if not verify_password(stored_hash, password) or member is None or not member.is_active:
        raise SignInRefused(BAD_CREDENTIALS)
    new_hash = _rehashed(member.password_hash, password)  # hashed before the transaction: it is slow
    with write_session(engine) as session:
        session.execute(update(LoginAttempt).where(col(LoginAttempt.id) == attempt_id).values(succeeded=True))
        if new_hash is not None:
            session.execute(update(StaffMember).where(col(StaffMember.id) == member.id).values(password_hash=new_hash))
    return _actor(member)


def _rehashed(stored_hash: str, password: str) -> str | None:
    """The just-verified password under today's argon2 parameters, when the stored hash is older."""
    if not needs_rehash(stored_hash):
        return None
    try:
        return hash_password(password)
    except ValueError:  # shorter than today's minimum: keep the old hash rather than refuse a valid sign-in
        return None


_ACTOR_COLUMNS = (StaffMember.id, StaffMember.name, StaffMember.email, StaffMember.role)


def list_staff(engine: Engine) -> list[StaffActor]:
    """Active staff, by name (for "assign owner" choices)."""
    with engine.connect() as conn:
        rows = conn.execute(select(*_ACTOR_COLUMNS).where(col(StaffMember.is_active).is_(True))
                            .order_by(StaffMember.name, StaffMember.id)).all()
    return [_actor(r) for r in rows]


def get_actor(engine: Engine, staff_id: int) -> StaffActor | None:
    """The staff member as they are now, or None when the account is gone or deactivated.
    (Every staff page asks this on every run, so it is one light query.)"""
    with engine.connect() as conn:
        row = conn.execute(select(*_ACTOR_COLUMNS)
                           .where(col(StaffMember.id) == staff_id, col(StaffMember.is_active).is_(True))).first()
    return _actor(row) if row else None
