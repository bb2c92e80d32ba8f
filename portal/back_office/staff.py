"""Staff accounts: creation, lookup and sign-in. Passwords are argon2id hashes (portal.back_office.passwords).

Sign-in slows down guessing per account *and client address* (``source``, portal.clients: the address a trusted
proxy forwards, "" when unknown). ``FREE_FAILURES`` wrong passwords from one address for one account cost
nothing; after that each further try from there waits, twice as long each time (``BACKOFF_FIRST``, doubling up
to ``BACKOFF_CAP``) since that address's last failure. A success from the address, or ``FAILURE_MEMORY``
without one, forgets its failures. Tries refused while waiting are logged but are no guesses (the password
is not looked at), so they neither count nor push the wait back. So a guesser slows only themselves: the
real owner, from an address that has not been failing, signs in at once. (Before, five failures from anyone
locked the account for everyone, and every refused try extended the lock.) Guessing from many addresses
gets ``FREE_FAILURES`` and then about one try an hour from each, against an argon2id hash. The throttle is
per typed email address whether or not an account exists, so it reveals nothing.

Every attempt is a ``LoginAttempt`` row (the security log: who, from where, when, and whether it was
refused unchecked). The row is written, as a failure, before the password is checked, in a transaction that
also counts the recent failures (serialised per account: ``BEGIN IMMEDIATE`` on SQLite, an advisory lock on
PostgreSQL). Parallel attempts therefore cannot check more passwords than the count allows; a successful
check then marks its row as succeeded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Engine, Row, func, text, update
from sqlmodel import Session, col, select

from db.engine import is_postgres, write_session
from db.models import LoginAttempt, StaffMember, StaffSession, utcnow
from portal.back_office.passwords import hash_password, needs_rehash, verify_password
from portal.errors import NotAllowed
from portal.recovery import timeline
from portal.recovery.remedies import Role
from portal.text import clean

FREE_FAILURES = 5  # wrong passwords from one address for one account before it has to wait
BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=1)
FAILURE_MEMORY = timedelta(hours=24)

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


INACTIVE = "Your staff account is not active any more. Please ask a manager."


def role_now(session: Session, actor: StaffActor) -> Role:
    """The role ``actor`` may act with, read from their account inside the caller's transaction.

    A page hands services the ``StaffActor`` it had when it was drawn; a tab opened before a demotion or a
    deactivation still holds the old one. So every privileged service asks this first, in the transaction that
    does the work: never more than the account holds now (a manager demoted since acts as an agent), and nothing
    at all for an account that is gone or deactivated (``NotAllowed``)."""
    member = session.get(StaffMember, actor.id, populate_existing=True)
    if member is None or not member.is_active:
        raise NotAllowed(INACTIVE)
    if Role(actor.role) is Role.MANAGER and member.role == Role.MANAGER:
        return Role.MANAGER
    return Role.AGENT


def require_manager(session: Session, actor: StaffActor, refusal: str) -> None:
    """``role_now``, for what only managers may do: ``NotAllowed(refusal)`` unless the account is a manager's now."""
    if role_now(session, actor) is not Role.MANAGER:
        raise NotAllowed(refusal)


def end_member_sessions(session: Session, staff_id: int | None, reason: str, now: datetime) -> int:
    """End every open session (portal.back_office.staff_sessions) of an account, inside the caller's transaction: what an
    account change does, so that the change holds in every browser at once. Returns how many ended."""
    result = session.execute(
        update(StaffSession)
        .where(col(StaffSession.staff_id) == staff_id, col(StaffSession.ended_at).is_(None))
        .values(ended_at=now, end_reason=reason)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]  # rowcount is CursorResult's; execute() is typed as returning Result


ACCOUNT_CHANGED = "account_changed"  # portal.back_office.staff_sessions.EndReason.ACCOUNT_CHANGED
MANAGERS_ONLY = "Only a manager can change staff accounts."


def _other_member(session: Session, actor: StaffActor, staff_id: int) -> StaffMember:
    require_manager(session, actor, MANAGERS_ONLY)
    if staff_id == actor.id:
        raise NotAllowed("Please ask another manager to change your own account.")
    member = session.get(StaffMember, staff_id)
    if member is None:
        raise LookupError(f"No staff member {staff_id}.")
    return member


def set_staff_active(engine: Engine, actor: StaffActor, staff_id: int, active: bool) -> None:
    """A manager deactivates (or reactivates) another account; its sessions end at once. Audited."""
    with write_session(engine) as session:
        member = _other_member(session, actor, staff_id)
        if member.is_active == active:
            return
        member.is_active = active
        session.add(member)
        ended = end_member_sessions(session, staff_id, ACCOUNT_CHANGED, utcnow())
        timeline.record_setting(
            session,
            timeline.Kind.STAFF_ACTIVATED if active else timeline.Kind.STAFF_DEACTIVATED,
            timeline.staff_actor(actor.id),
            staff_id=staff_id,
            email=member.email,
            sessions_ended=ended,
        )


def set_staff_role(engine: Engine, actor: StaffActor, staff_id: int, role: Role) -> None:
    """A manager changes another account's role; its sessions end at once (signing in again gives the new
    role). Audited."""
    with write_session(engine) as session:
        member = _other_member(session, actor, staff_id)
        before = member.role
        if before == role.value:
            return
        member.role = role.value
        session.add(member)
        ended = end_member_sessions(session, staff_id, ACCOUNT_CHANGED, utcnow())
        timeline.record_setting(
            session,
            timeline.Kind.STAFF_ROLE_CHANGED,
            timeline.staff_actor(actor.id),
            staff_id=staff_id,
            email=member.email,
            before=before,
            after=role.value,
            sessions_ended=ended,
        )


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
        # A reset password or role (``portal staff add`` again) ends the sessions signed in with the old ones.
        end_member_sessions(session, member.id, ACCOUNT_CHANGED, utcnow())
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


def slowdown(failures: int, latest_failure: datetime | None, now: datetime) -> timedelta | None:
    """How long an address with ``failures`` recent wrong passwords for an account, the latest at
    ``latest_failure``, must still wait before its next password is checked; None when it need not."""
    if failures < FREE_FAILURES or latest_failure is None:
        return None
    delay = min(BACKOFF_FIRST * 2 ** min(failures - FREE_FAILURES, 16), BACKOFF_CAP)
    ready = latest_failure + delay
    return ready - now if now < ready else None


def _lock_address(engine: Engine, session: Session, address: str) -> None:
    """Serialise attempts on one address. SQLite needs nothing: its write transactions are already serial."""
    if is_postgres(engine):
        session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:address, 0))"), {"address": address})


def _wait_needed(session: Session, address: str, source: str, now: datetime) -> timedelta | None:
    """How long this address (account) must wait, from this source, before its password is checked again."""
    since = now - FAILURE_MEMORY
    pair = (LoginAttempt.email == address, LoginAttempt.source == source)
    last_success = (
        select(func.max(LoginAttempt.at))
        .where(*pair, col(LoginAttempt.succeeded).is_(True), LoginAttempt.at > since)
        .scalar_subquery()
    )
    failures, latest = session.exec(
        select(func.count(), func.max(LoginAttempt.at)).where(
            *pair,
            col(LoginAttempt.succeeded).is_(False),
            col(LoginAttempt.throttled).is_(False),
            LoginAttempt.at > func.coalesce(last_success, since),
        )
    ).one()
    return slowdown(failures, latest, now)


def sign_in(engine: Engine, email: str, password: str, source: str = "", *, now: datetime | None = None) -> StaffActor:
    """The active staff member with this email and password; raises SignInRefused. ``source``: the client's
    address ("" when unknown), what the slowdown is kept per (with the account)."""
    now = now or utcnow()
    address, source = _login_address(email), (source or "")[:_SOURCE_MAX]
    with write_session(engine) as session:
        _lock_address(engine, session, address)
        wait = _wait_needed(session, address, source, now)
        attempt = LoginAttempt(email=address, at=now, succeeded=False, throttled=wait is not None, source=source)
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


_ACTOR_COLUMNS = (col(StaffMember.id), col(StaffMember.name), col(StaffMember.email), col(StaffMember.role))


def list_staff(engine: Engine) -> list[StaffActor]:
    """Active staff, by name (for "assign owner" choices)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(*_ACTOR_COLUMNS)
            .where(col(StaffMember.is_active).is_(True))
            .order_by(col(StaffMember.name), col(StaffMember.id))
        ).all()
    return [_actor(r) for r in rows]


@dataclass(frozen=True)
class TeamMember:
    actor: StaffActor
    is_active: bool


def team(engine: Engine) -> list[TeamMember]:
    """Every staff account, active or not, by name (the managers' staff list)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(*_ACTOR_COLUMNS)
            .add_columns(col(StaffMember.is_active))  # sqlmodel's select takes 4 at most
            .order_by(col(StaffMember.name), col(StaffMember.id))
        ).all()
    return [TeamMember(_actor(r), bool(r.is_active)) for r in rows]


def get_actor(engine: Engine, staff_id: int) -> StaffActor | None:
    """The staff member as they are now, or None when the account is gone or deactivated.
    (Every staff page asks this on every run, so it is one light query.)"""
    with engine.connect() as conn:
        row = conn.execute(
            select(*_ACTOR_COLUMNS).where(col(StaffMember.id) == staff_id, col(StaffMember.is_active).is_(True))
        ).first()
    return _actor(row) if row else None
