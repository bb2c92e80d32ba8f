"""The public link's gate: the customer confirms their email before a case opens, and spam stays out.

Anyone may start on the business-wide link (no token). Before their case can be written
(``portal.recovery.cases.submit_case``) they prove the email address is theirs: we email a 6-digit code and
a one-time link, both tied to the draft's ``submission_key`` and valid for ``CODE_LIFETIME``.
Invites need none of this: staff already know that customer's address.

What keeps abuse out, all counted in the database (Streamlit cannot rate-limit by itself):

- a code dies after ``WRONG_CODES_ALLOWED`` wrong guesses; a new one needs a new email, and at most
  ``intake_codes_per_hour`` are sent per mailbox (``mailbox``: +tags and Gmail's dots do not make a new one)
  and per client address;
- "send it again" waits ``RESEND_AFTER`` and retires the earlier code and link;
- at most ``intake_cases_per_hour`` new cases per mailbox and per client address;
- the story form's hidden honeypot field (``record_honeypot``).

Every refused or throttled attempt, every honeypot hit and every case opened here is an
``IntakeAttempt`` row: the opened cases are what the hourly case limit counts, the rest is the
security log. Only hashes of codes and links are stored. Each function is one transaction; a
refusal is logged in that same transaction and raised (``IntakeRefused``) once it has committed.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Engine, delete, func
from sqlmodel import Session, col, select

from db.engine import is_postgres, read_session, write_session
from db.models import EmailVerification, IntakeAttempt, utcnow
from portal.clients import is_address_key
from portal.config import get_settings
from portal.delivery import emails, outbox
from portal.delivery.mailer import SmtpTransport, transport_from_settings
from portal.entry.tokens import hash_token, looks_like_token, new_token

CODE_DIGITS = 6
CODE_LIFETIME = timedelta(minutes=15)
# How long an email confirmation (an address and hashed codes) is kept: long past its code's 15 minutes
# and the hourly limits, for a story confirmed but not sent yet; then the worker deletes it.
CONFIRMATION_KEPT = timedelta(days=7)
WRONG_CODES_ALLOWED = 5
RESEND_AFTER = timedelta(seconds=60)
WINDOW = timedelta(hours=1)  # the hourly limits look this far back
# Link tokens carry 192 random bits, so guessing cannot succeed; past the limit a guesser is only told to wait.
LINK_PROBES_ALLOWED = 10
LINK_PROBE_WINDOW = timedelta(minutes=15)
VERIFY_PARAM = "verify"  # the query parameter of the emailed link
SEND_NOW_TIMEOUT_SECONDS = 10.0  # how long the page may wait for the mail server before leaving it to the worker


class Outcome(StrEnum):
    """What an ``IntakeAttempt`` row records."""

    CASE_OPENED = "case_opened"
    HONEYPOT = "honeypot"
    CODES_THROTTLED = "codes_throttled"
    RESEND_TOO_SOON = "resend_too_soon"
    CASES_THROTTLED = "cases_throttled"
    NOT_VERIFIED = "not_verified"
    CODE_WRONG = "code_wrong"
    CODE_EXPIRED = "code_expired"
    CODE_LOCKED = "code_locked"
    LINK_UNKNOWN = "link_unknown"
    LINK_EXPIRED = "link_expired"
    LINK_REPLACED = "link_replaced"
    LINK_USED = "link_used"
    LINK_THROTTLED = "link_throttled"


class IntakeRefused(Exception):
    """The public intake said no (already logged). ``retry_after``: how long until trying again helps."""

    def __init__(self, outcome: Outcome, retry_after: timedelta | None = None) -> None:
        super().__init__(str(outcome))
        self.outcome = outcome
        self.retry_after = retry_after

    @property
    def minutes(self) -> int:
        """``retry_after`` in whole minutes, rounded up (at least 1), for the customer's message."""
        return max(1, math.ceil((self.retry_after or timedelta()).total_seconds() / 60))

    @property
    def seconds(self) -> int:
        return max(1, math.ceil((self.retry_after or timedelta()).total_seconds()))


class CodeState(StrEnum):
    NONE = "none"  # nothing sent for this address yet (or sending was refused)
    PENDING = "pending"  # a live code is waiting to be typed
    VERIFIED = "verified"
    EXPIRED = "expired"
    LOCKED = "locked"  # too many wrong codes: this one is dead, ask for a new one


@dataclass(frozen=True)
class Verification:
    """Where the newest code for a draft stands, for the page."""

    state: CodeState
    email: str = ""
    expires_at: datetime | None = None
    resend_at: datetime | None = None  # "send it again" works from then on
    wrong_codes_left: int = WRONG_CODES_ALLOWED
    message_id: int | None = None  # the outbox message just queued, when this call queued one


@dataclass(frozen=True)
class LinkResult:
    outcome: Outcome | None  # None: confirmed (also when it already was)
    submission_key: str = ""
    email: str = ""

    @property
    def confirmed(self) -> bool:
        return self.outcome is None


# --- hashing ------------------------------------------------------------------------------------------------


def _code_hash(code: str, salt: str) -> str:
    """HMAC with the server's secret: a copy of the table alone does not give the 10^6 codes away."""
    key = (get_settings().secret_key or "").encode("utf-8")
    return hmac.new(key, f"{salt}:{code}".encode(), hashlib.sha256).hexdigest()


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def code_typed(typed: str) -> str:
    """What the customer typed, as the code: spaces and dashes from copying are fine."""
    return "".join(ch for ch in typed if ch.isdigit())


def complete(typed: str) -> bool:
    """Whether what was typed holds a whole code (spaces and dashes from copying aside)."""
    return len(code_typed(typed)) == CODE_DIGITS


def _key(email: str) -> str:
    """Addresses are matched without regard to case (Alex@ and alex@ are one person)."""
    return email.strip().lower()


# Gmail ignores dots in the part before the @, and googlemail.com is the same mail.
_DOTLESS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def mailbox(email: str) -> str:
    """The mailbox an address delivers to, as the per-email hourly limits count it: lower case, without a ``+tag``
    (alex+1@ reaches alex@ at nearly every provider), and for Gmail without dots (a.lex@gmail.com is
    alex@googlemail.com). Elsewhere dots are kept: at many providers a.lex@ and alex@ are two people.
    The address confirmed, and the one the case is written for, stay exactly as typed (``_key``). At most 320
    characters, as stored (an address is never longer; the log also keeps what a bot typed)."""
    local, at, domain = _key(email).rpartition("@")
    if not at:
        return _key(email)[:320]
    local = local.split("+", 1)[0] or local
    if domain in _DOTLESS:
        local, domain = local.replace(".", ""), _DOTLESS[domain]
    return f"{local}@{domain}"[:320]


def verify_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/?{urlencode({VERIFY_PARAM: token})}"


# --- queries ------------------------------------------------------------------------------------------------


def _latest(session: Session, submission_key: str, *, lock: bool = False) -> EmailVerification | None:
    query = (
        select(EmailVerification)
        .where(EmailVerification.submission_key == submission_key)
        .order_by(col(EmailVerification.id).desc())
        .limit(1)
    )
    if lock and is_postgres(session.get_bind()):  # type: ignore[arg-type]  # get_bind() may be a Connection; is_postgres reads the dialect either has
        query = query.with_for_update()
    return session.exec(query).first()


def _log(session: Session, outcome: Outcome, source: str, email: str, now: datetime) -> None:
    session.add(
        IntakeAttempt(
            at=now, source=source[:100], email=_key(email)[:320], email_key=mailbox(email), outcome=str(outcome)
        )
    )


def _wait(
    session: Session, column: Any, key_column: Any, key: str, limit: int, now: datetime, *extra: Any
) -> timedelta | None:
    """None while fewer than ``limit`` rows for ``key`` fall in the last hour (``column`` is their time);
    otherwise how long until the oldest of them leaves the window. One indexed count per call."""
    count, oldest = session.exec(
        select(func.count(), func.min(column)).where(key_column == key, column > now - WINDOW, *extra)
    ).one()
    if count < limit:
        return None
    return max(oldest + WINDOW - now, timedelta(seconds=1))


def _longest(*waits: timedelta | None) -> timedelta | None:
    found = [wait for wait in waits if wait is not None]
    return max(found) if found else None


def _limit_keys(source: str) -> bool:
    """Whether to count per client address too: a known one, not ``clients.SHARED_KEY`` (every client whose
    address is unknown, or all of them with the per-address limits switched off behind a proxy)."""
    return is_address_key(source) and get_settings().intake_limit_by_address


def _state(row: EmailVerification | None, email: str, now: datetime, message_id: int | None = None) -> Verification:
    if row is None or row.email != _key(email):
        return Verification(CodeState.NONE, email)
    left = max(WRONG_CODES_ALLOWED - row.wrong_codes, 0)
    if row.verified_at is not None:
        state = CodeState.VERIFIED
    elif left == 0:
        state = CodeState.LOCKED
    elif row.expires_at <= now:
        state = CodeState.EXPIRED
    else:
        state = CodeState.PENDING
    return Verification(state, email, row.expires_at, row.created_at + RESEND_AFTER, left, message_id)


# --- sending a code -----------------------------------------------------------------------------------------


def start_verification(
    engine: Engine,
    email: str,
    submission_key: str,
    source: str,
    language: str,
    *,
    name: str = "",
    now: datetime | None = None,
) -> Verification:
    """Make sure a code is on its way to ``email`` for this draft: a live one already sent is kept (no
    second email when the customer goes back and forth); otherwise a new one is sent.

    Raises ``IntakeRefused(CODES_THROTTLED)`` when this address or client had too many codes this hour.
    """
    return _send(engine, email, submission_key, source, language, name, resend=False, now=now or utcnow())


def resend_code(
    engine: Engine,
    email: str,
    submission_key: str,
    source: str,
    language: str,
    *,
    name: str = "",
    now: datetime | None = None,
) -> Verification:
    """A new code and link; the earlier ones stop working. Refused (``RESEND_TOO_SOON``) within
    ``RESEND_AFTER`` of the last one while that one is still usable, and by the hourly limit."""
    return _send(engine, email, submission_key, source, language, name, resend=True, now=now or utcnow())


def _send(
    engine: Engine,
    email: str,
    submission_key: str,
    source: str,
    language: str,
    name: str,
    *,
    resend: bool,
    now: datetime,
) -> Verification:
    refusal: IntakeRefused | None = None
    with write_session(engine) as session:
        latest = _latest(session, submission_key, lock=True)
        current = _state(latest, email, now)
        if current.state is CodeState.VERIFIED or (current.state is CodeState.PENDING and not resend):
            return current
        if resend and current.state is CodeState.PENDING and current.resend_at and now < current.resend_at:
            refusal = IntakeRefused(Outcome.RESEND_TOO_SOON, current.resend_at - now)
        else:
            refusal = _codes_refusal(session, email, source, now)
        if refusal is not None:
            _log(session, refusal.outcome, source, email, now)
        else:
            row, message_id = _issue(session, email, submission_key, source, language, name, now)
            result = _state(row, email, now, message_id)
    if refusal is not None:
        raise refusal
    if result.message_id is not None:
        deliver_now(engine, result.message_id)
    return result


def _codes_refusal(session: Session, email: str, source: str, now: datetime) -> IntakeRefused | None:
    limit, sent = get_settings().intake_codes_per_hour, EmailVerification.created_at
    wait = _longest(
        _wait(session, sent, EmailVerification.email_key, mailbox(email), limit, now),
        _wait(session, sent, EmailVerification.source, source[:100], limit, now) if _limit_keys(source) else None,
    )
    return IntakeRefused(Outcome.CODES_THROTTLED, wait) if wait is not None else None


def _issue(
    session: Session, email: str, submission_key: str, source: str, language: str, name: str, now: datetime
) -> tuple[EmailVerification, int | None]:
    code, token, salt = new_code(), new_token(), secrets.token_hex(16)
    row = EmailVerification(
        submission_key=submission_key,
        email=_key(email),
        email_key=mailbox(email),
        source=source[:100],
        language=language,
        code_salt=salt,
        code_hash=_code_hash(code, salt),
        link_hash=hash_token(token),
        created_at=now,
        expires_at=now + CODE_LIFETIME,
    )
    session.add(row)
    session.flush()
    message = emails.queue_verification(
        session,
        row,
        to=email,
        name=name,
        code=code,
        url=verify_url(get_settings().base_url or "", token),
        minutes=int(CODE_LIFETIME.total_seconds() // 60),
    )
    return row, message.id if message is not None else None


def deliver_now(engine: Engine, message_id: int) -> bool:
    """Best effort: hand the code to the mail server (or the demo's outbox folder) while the customer
    waits, instead of on the worker's next pass. Any failure leaves it queued for the worker."""
    settings = get_settings()
    try:
        transport = transport_from_settings(settings)
        if isinstance(transport, SmtpTransport):  # the customer is waiting: don't hang on a slow server
            transport.timeout = min(transport.timeout, SEND_NOW_TIMEOUT_SECONDS)
        status = outbox.send_now(
            engine, transport, message_id, sender=settings.sender, max_attempts=settings.outbox_max_attempts
        )
    except Exception:  # noqa: BLE001 - the page must go on; the worker retries
        return False
    return status is outbox.MessageStatus.SENT


# --- confirming ---------------------------------------------------------------------------------------------


def current(engine: Engine, submission_key: str, email: str, *, now: datetime | None = None) -> Verification:
    """Where the newest code for this draft and address stands."""
    with read_session(engine) as session:
        return _state(_latest(session, submission_key), email, now or utcnow())


def is_verified(engine: Engine, submission_key: str, email: str) -> bool:
    """Whether ``email`` was confirmed for this draft (by code or link); a changed address is not."""
    with read_session(engine) as session:
        return _verified(session, submission_key, email)


def _verified(session: Session, submission_key: str, email: str) -> bool:
    return (
        session.exec(
            select(EmailVerification.id).where(
                EmailVerification.submission_key == submission_key,
                EmailVerification.email == _key(email),
                col(EmailVerification.verified_at).is_not(None),
            )
        ).first()
        is not None
    )


def confirm_code(
    engine: Engine, submission_key: str, email: str, typed: str, source: str, *, now: datetime | None = None
) -> Verification:
    """Check the code the customer typed against the newest one sent for this draft and address.

    Returns the new state: VERIFIED on success (also when it already was); PENDING with one guess
    fewer left after a wrong code; LOCKED after the last wrong one; EXPIRED; NONE. Every code that
    does not confirm is logged.
    """
    now = now or utcnow()
    with write_session(engine) as session:
        row = _latest(session, submission_key, lock=True)
        before = _state(row, email, now)
        if before.state is not CodeState.PENDING:
            if before.state in (CodeState.EXPIRED, CodeState.LOCKED):
                _log(
                    session,
                    Outcome.CODE_EXPIRED if before.state is CodeState.EXPIRED else Outcome.CODE_LOCKED,
                    source,
                    email,
                    now,
                )
            return before
        assert row is not None
        if hmac.compare_digest(_code_hash(code_typed(typed), row.code_salt), row.code_hash):
            row.verified_at = now
        else:
            row.wrong_codes += 1
            _log(session, Outcome.CODE_WRONG, source, email, now)
        session.add(row)
        return _state(row, email, now)


def confirm_link(engine: Engine, token: str, source: str, *, now: datetime | None = None) -> LinkResult:
    """The one-time link from the email was opened (in any tab or browser): confirm that draft's address.

    It works once, within ``CODE_LIFETIME``: whoever opens it may carry the conversation on in their browser
    (portal/ui/intake.py), so a second opening (``LINK_USED``) or a late one (``LINK_EXPIRED``) confirms and opens
    nothing, even when the address was confirmed meanwhile (by the code, or by this link). The tab that opened it
    keeps what it was told (``CustomerTab.confirmed_links``). Every link that does not confirm is logged; only
    unknown ones count against the client, which after ``LINK_PROBES_ALLOWED`` of them is asked to wait
    (``LINK_THROTTLED``), while a real link still opens.
    """
    now = now or utcnow()
    with write_session(engine) as session:
        result = _check_link(session, token, source, now)
        if not result.confirmed:
            _log(session, result.outcome, source, result.email, now)  # type: ignore[arg-type]  # a link that is not confirmed always has an outcome to log
        return result


def _check_link(session: Session, token: str, source: str, now: datetime) -> LinkResult:
    row = (
        session.exec(select(EmailVerification).where(EmailVerification.link_hash == hash_token(token))).first()
        if looks_like_token(token)
        else None
    )
    if row is None:  # a guess: only these count against the client, so a real link always opens
        guesses = [str(Outcome.LINK_UNKNOWN), str(Outcome.LINK_THROTTLED)]
        probes = session.exec(
            select(func.count())
            .select_from(IntakeAttempt)
            .where(
                IntakeAttempt.source == source[:100],
                col(IntakeAttempt.outcome).in_(guesses),
                IntakeAttempt.at > now - LINK_PROBE_WINDOW,
            )
        ).one()
        return LinkResult(Outcome.LINK_THROTTLED if probes >= LINK_PROBES_ALLOWED else Outcome.LINK_UNKNOWN)
    latest = _latest(session, row.submission_key, lock=True)  # also serialises two openings of the same link
    session.refresh(row)
    if row.link_used_at is not None:
        return LinkResult(Outcome.LINK_USED, row.submission_key, row.email)
    if row.expires_at <= now:
        return LinkResult(Outcome.LINK_EXPIRED, row.submission_key, row.email)
    if latest is not None and latest.id != row.id:
        return LinkResult(Outcome.LINK_REPLACED, row.submission_key, row.email)
    # The link does not die with wrong codes: its 192 bits cannot be guessed, and it came by email.
    row.link_used_at, row.verified_at = now, row.verified_at or now
    session.add(row)
    return LinkResult(None, row.submission_key, row.email)


# --- spam and the hourly case limit -------------------------------------------------------------------------


def record_honeypot(engine: Engine, source: str, email: str, *, now: datetime | None = None) -> None:
    """The hidden field was filled in (a bot): nothing is created or sent, only this log line."""
    with write_session(engine) as session:
        _log(session, Outcome.HONEYPOT, source, email, now or utcnow())


def admit_public_case(session: Session, submission_key: str, email: str, source: str, now: datetime) -> None:
    """Inside ``submit_case``'s transaction, for a draft from the public link: the address must be
    confirmed and under the hourly limits; the case is then counted. Raises ``IntakeRefused``
    (the caller logs it with ``record_refusal`` after its transaction has rolled back)."""
    if not _verified(session, submission_key, email):
        raise IntakeRefused(Outcome.NOT_VERIFIED)
    limit = get_settings().intake_cases_per_hour
    opened = IntakeAttempt.outcome == str(Outcome.CASE_OPENED)
    wait = _longest(
        _wait(session, IntakeAttempt.at, IntakeAttempt.email_key, mailbox(email), limit, now, opened),
        _wait(session, IntakeAttempt.at, IntakeAttempt.source, source[:100], limit, now, opened)
        if _limit_keys(source)
        else None,
    )
    if wait is not None:
        raise IntakeRefused(Outcome.CASES_THROTTLED, wait)
    _log(session, Outcome.CASE_OPENED, source, email, now)


def record_refusal(
    engine: Engine, refusal: IntakeRefused, source: str, email: str, *, now: datetime | None = None
) -> None:
    with write_session(engine) as session:
        _log(session, refusal.outcome, source, email, now or utcnow())


def attempts(engine: Engine, *, limit: int = 200) -> list[IntakeAttempt]:
    """The newest intake log lines first (for staff and tests)."""
    with read_session(engine) as session:
        return list(session.exec(select(IntakeAttempt).order_by(col(IntakeAttempt.id).desc()).limit(limit)))


def forget_old_confirmations(
    engine: Engine, *, now: datetime | None = None, kept: timedelta = CONFIRMATION_KEPT
) -> int:
    """Delete email confirmations older than ``kept`` (the worker, on every pass); how many went."""
    cutoff = (now or utcnow()) - kept
    with write_session(engine) as session:
        result = session.execute(
            delete(EmailVerification)
            .where(col(EmailVerification.created_at) < cutoff)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]  # rowcount is CursorResult's; execute() is typed as returning Result
