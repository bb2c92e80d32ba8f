"""The email outbox: messages are written with the change that causes them and delivered later.

Writing: ``enqueue`` adds an ``OutboxMessage`` in the caller's transaction, so an email exists
if and only if the change that causes it was committed. It is idempotent on ``dedup_key``
(one "case received" per case, one check-in email per check-in, ...).

Delivering (``deliver``, run by ``portal worker``), in three short transactions per batch (the
claiming protocol lives in ``portal.delivery.claims``, shared with the webhook deliveries):

1. claim: ``SELECT ... WHERE status='pending' AND next_attempt_at <= now ORDER BY id LIMIT n``,
   on PostgreSQL ``FOR UPDATE SKIP LOCKED`` so concurrent workers take disjoint rows without
   waiting for each other; on SQLite the claim runs in a ``BEGIN IMMEDIATE`` transaction
   (``db.engine.write_session``), so claims are serialised. The rows become 'sending' with
   ``claimed_by``/``claimed_at`` and ``attempts + 1``, and the claim commits *before* any SMTP
   traffic, so a slow mail server never holds a database lock.
2. send each message (outside any transaction);
3. mark it: 'sent'; or back to 'pending' with exponential backoff (``backoff``); or 'failed'
   after a permanent refusal or ``max_attempts``. The mark is conditional on still holding
   the claim (``status='sending' AND claimed_by=me``).

A 'sending' row whose claim is older than ``LEASE`` is claimable again: its worker died
between claiming and marking.

What this guarantees, honestly: a message is never lost (it stays in the table until it is
marked sent or failed, whatever happens to SMTP or to the worker) and, while workers stay
alive, never sent twice (a row is claimed by one worker at a time). SMTP itself is
at-least-once across a crash: if a worker dies after the server accepted a message but
before it marked the row sent, the message is sent again once the lease expires. The resend
carries the same stored Message-ID, so it is recognisable (and many mail systems drop it as
a duplicate). In folder mode a resend rewrites the same .eml file.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import parseaddr
from enum import StrEnum

from sqlalchemy import Engine, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from db.engine import read_session, write_session
from db.models import Case, OutboxMessage, utcnow
from portal.back_office.staff import StaffActor, role_now
from portal.delivery.claims import (  # noqa: F401 - BACKOFF_BASE, BACKOFF_CAP: re-exported for callers of this module
    BACKOFF_BASE,
    BACKOFF_CAP,
    DEFAULT_BATCH,
    LEASE,
    WorkQueue,
    backoff,
    default_worker_name,
)
from portal.delivery.mailer import (
    DeliveryError,
    MailUnavailable,
    PermanentFailure,
    TemporaryFailure,
    Transport,
    build_message,
)
from portal.recovery import timeline
from portal.recovery.remedies import Role
from portal.stored import stored_id

DEFAULT_MAX_ATTEMPTS = 10

_SUBJECT_MAX, _ADDRESS_MAX, _KEY_MAX = 300, 320, 120


class MessageStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True)
class Email:
    """A rendered email, ready to be enqueued (see portal.delivery.emails)."""

    kind: str
    to: str
    subject: str
    text: str
    html: str
    language: str = "en"


# --- writing ------------------------------------------------------------------------------------------------


def new_message_id(sender: str) -> str:
    """A globally unique Message-ID, fixed at enqueue time so that every resend carries the same one."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "amends.invalid"
    return f"<{uuid.uuid4().hex}.amends@{domain}>"


def enqueue(
    session: Session, email: Email, *, dedup_key: str, sender: str, case_id: int | None = None
) -> OutboxMessage:
    """Add ``email`` to the outbox in the caller's transaction; a second call with the same key returns the first.

    One statement, ``INSERT ... ON CONFLICT (dedup_key) DO NOTHING RETURNING``, on SQLite as on PostgreSQL: a key
    already queued inserts nothing and its row is read. Concurrent enqueues of one key (PostgreSQL): the loser's
    insert waits for the winner's commit, does nothing, and returns the winner's row; the caller's transaction
    carries on. (A read first, then the insert in a savepoint, took four round trips for every new email.)
    """
    if len(dedup_key) > _KEY_MAX:
        raise ValueError(f"dedup_key is longer than {_KEY_MAX} characters: {dedup_key!r}")
    if not email.to or len(email.to) > _ADDRESS_MAX or "\n" in email.to or "\r" in email.to:
        raise ValueError(f"Not a usable email address: {email.to!r}")
    row = OutboxMessage(
        kind=email.kind,
        dedup_key=dedup_key,
        message_id=new_message_id(sender),
        case_id=case_id,
        to_address=email.to,
        subject=_one_line(email.subject)[:_SUBJECT_MAX],
        body_text=email.text,
        body_html=email.html,
        language=email.language,
        next_attempt_at=utcnow(),
    )
    values = {
        column.name: getattr(row, column.name)
        for column in OutboxMessage.__table__.columns  # type: ignore[attr-defined]  # SQLModel adds the table at class creation; mypy cannot see it
        if column.name != "id"
    }
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(OutboxMessage).values(**values).on_conflict_do_nothing(index_elements=["dedup_key"])
    inserted = session.scalars(statement.returning(OutboxMessage)).first()
    if inserted is not None:
        return inserted
    existing = _by_key(session, dedup_key)
    assert existing is not None  # the conflict was on this key: its row is committed, or ours
    return existing


def _by_key(session: Session, dedup_key: str) -> OutboxMessage | None:
    return session.exec(select(OutboxMessage).where(OutboxMessage.dedup_key == dedup_key)).first()


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- delivering ---------------------------------------------------------------------------------------------


_QUEUE = WorkQueue(
    OutboxMessage,
    taken_over="The claim by {worker} expired before it was marked: sending again "
    "(the earlier attempt may have gone out; same Message-ID).",
)


def claim(
    engine: Engine, worker: str, *, limit: int = DEFAULT_BATCH, now: datetime | None = None, lease: timedelta = LEASE
) -> list[OutboxMessage]:
    """Take up to ``limit`` due messages for ``worker`` and commit the claim; returns them (detached)."""
    return _QUEUE.claim(engine, worker, limit=limit, now=now, lease=lease)


def _mark(engine: Engine, row: OutboxMessage, worker: str, **values: object) -> bool:
    """Update a claimed row if this worker still holds the claim; False when it no longer does."""
    return _QUEUE.mark(engine, row, worker, **values)


def mark_sent(engine: Engine, row: OutboxMessage, worker: str, *, now: datetime | None = None) -> bool:
    return _mark(engine, row, worker, status=MessageStatus.SENT, sent_at=now or utcnow(), last_error="")


def mark_unsent(
    engine: Engine,
    row: OutboxMessage,
    worker: str,
    error: str,
    *,
    permanent: bool = False,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    now: datetime | None = None,
) -> MessageStatus:
    """Give a claimed row back: pending again after a backoff, or failed for good."""
    return MessageStatus(
        _QUEUE.give_back(engine, row, worker, error, permanent=permanent, max_attempts=max_attempts, now=now)
    )


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    unavailable: str | None = None  # why the pass stopped early (mail server unreachable), if it did
    sent_ids: list[int] = field(default_factory=list)

    def add(self, other: DeliveryReport) -> None:
        self.sent += other.sent
        self.retried += other.retried
        self.failed += other.failed
        self.unavailable = other.unavailable or self.unavailable
        self.sent_ids += other.sent_ids


def deliver(
    engine: Engine,
    transport: Transport,
    *,
    sender: str,
    worker: str | None = None,
    batch: int = DEFAULT_BATCH,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    lease: timedelta = LEASE,
    clock: Callable[[], datetime] = utcnow,
    limit: int | None = None,
) -> DeliveryReport:
    """One delivery pass: claim and send batches until nothing is due (or ``limit`` messages were claimed).

    When the mail server is unreachable the pass stops at once: the message being sent and the
    rest of its batch go back to 'pending' with a backoff, and nothing more is claimed.
    """
    worker = worker or default_worker_name()
    report = DeliveryReport()
    claimed_total = 0
    try:
        while limit is None or claimed_total < limit:
            size = batch if limit is None else min(batch, limit - claimed_total)
            rows = claim(engine, worker, limit=size, now=clock(), lease=lease)
            claimed_total += len(rows)
            for index, row in enumerate(rows):
                outcome = _send_one(engine, transport, row, worker, sender, max_attempts, clock)
                if isinstance(outcome, MailUnavailable):
                    report.unavailable = str(outcome)
                    for rest in rows[index:]:
                        _count(
                            report,
                            rest,
                            mark_unsent(engine, rest, worker, str(outcome), max_attempts=max_attempts, now=clock()),
                        )
                    return report
                _count(report, row, outcome)
            if len(rows) < size:
                break
    finally:
        transport.close()
    return report


def send_now(
    engine: Engine,
    transport: Transport,
    message_id: int,
    *,
    sender: str,
    worker: str | None = None,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    clock: Callable[[], datetime] = utcnow,
) -> MessageStatus | None:
    """Deliver one message at once instead of waiting for the worker (a code the customer is waiting for).

    It is claimed like any other (only if still pending: a worker may have taken it already, then None),
    so it is still sent once; if sending fails it goes back to the worker's queue with the usual backoff.
    """
    worker = worker or default_worker_name()
    try:
        row = _QUEUE.claim_one(engine, message_id, worker, now=clock())
        if row is None:
            return None
        outcome = _send_one(engine, transport, row, worker, sender, max_attempts, clock)
        if isinstance(outcome, MailUnavailable):
            return mark_unsent(engine, row, worker, str(outcome), max_attempts=max_attempts, now=clock())
        return outcome
    finally:
        transport.close()


def _send_one(
    engine: Engine,
    transport: Transport,
    row: OutboxMessage,
    worker: str,
    sender: str,
    max_attempts: int,
    clock: Callable[[], datetime],
) -> MessageStatus | MailUnavailable:
    try:
        try:
            message = build_message(row, sender)
        except (ValueError, TypeError) as error:
            raise PermanentFailure(f"The message cannot be built: {error}") from error
        transport.send(message)
    except MailUnavailable as error:
        return error
    except PermanentFailure as error:
        return mark_unsent(engine, row, worker, str(error), permanent=True, now=clock())
    except (TemporaryFailure, DeliveryError) as error:
        return mark_unsent(engine, row, worker, str(error), max_attempts=max_attempts, now=clock())
    except Exception as error:  # noqa: BLE001 - a transport bug must not leave the row 'sending' for a lease
        return mark_unsent(
            engine, row, worker, f"{type(error).__name__}: {error}", max_attempts=max_attempts, now=clock()
        )
    mark_sent(engine, row, worker, now=clock())
    return MessageStatus.SENT


def _count(report: DeliveryReport, row: OutboxMessage, status: MessageStatus) -> None:
    if status is MessageStatus.SENT:
        report.sent += 1
        report.sent_ids.append(stored_id(row))
    elif status is MessageStatus.FAILED:
        report.failed += 1
    else:
        report.retried += 1


# --- for staff ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutboxEntry:
    """A message as staff see it: ``subject`` and ``body_text`` are None for a reader who may not read it."""

    id: int
    status: str
    kind: str
    to_address: str
    subject: str | None
    attempts: int
    last_error: str
    created_at: datetime
    sent_at: datetime | None
    next_attempt_at: datetime
    case_id: int | None
    case_reference: str | None
    body_text: str | None
    message_id: str


# An email confirmation carries a one-time code and link that prove the address is the customer's: anyone
# who read them could confirm an address that isn't theirs, so staff see that such a message exists and
# how its delivery went, never what it says. (portal.delivery.emails.KIND_VERIFY; emails imports this module.)
SECRET_KINDS = frozenset({"verify_email"})
HIDDEN_SUBJECT = "Email confirmation code (hidden from staff)"
HIDDEN_BODY = "This message carries the customer's one-time code and link, which staff do not see."
PRIVATE_LINK = "[the customer's private link, hidden from staff]"
# A link whose query carries a capability token (portal.entry.tokens: 20 or more of its characters): a case, invite or
# check-in link (?t=), an email confirmation (?verify=), a kept conversation (?d=). Whoever holds one acts as the
# customer, so no staff member is shown one. Staff's own links (/case?id=12) carry no token and stay.
_CAPABILITY_LINK = re.compile(
    r"""\bhttps?://[^\s?#<>"']*\?[^\s<>"'#]*?=[A-Za-z0-9_-]{20,}"""
    r"""(?:[&#][^\s<>"']*[^\s<>"'.,;:!?)\]])?""",
    re.IGNORECASE,
)


def hide_private_links(text: str) -> str:
    """``text`` with every capability link in it replaced by ``PRIVATE_LINK``."""
    return _CAPABILITY_LINK.sub(PRIVATE_LINK, text)


def _entry(message: OutboxMessage, reference: str | None, readable: bool) -> OutboxEntry:
    secret = message.kind in SECRET_KINDS
    subject = (HIDDEN_SUBJECT if secret else message.subject) if readable else None
    body = (HIDDEN_BODY if secret else hide_private_links(message.body_text)) if readable else None
    return OutboxEntry(
        stored_id(message),
        message.status,
        message.kind,
        message.to_address,
        subject,
        message.attempts,
        message.last_error,
        message.created_at,
        message.sent_at,
        message.next_attempt_at,
        message.case_id,
        reference,
        body,
        message.message_id,
    )


def list_messages(
    engine: Engine, actor: StaffActor, status: str | None = None, *, limit: int = 200
) -> list[OutboxEntry]:
    """The newest messages first, optionally only those with ``status``, as ``actor`` may see them.

    Every staff member sees who a message went to, its kind, when and how its delivery went; managers also read
    its subject and text, with every capability link hidden (``hide_private_links``), and an email
    confirmation's (SECRET_KINDS) not at all. Agents read no message: the customer's words and personal details
    are in them, and an agent needs only the delivery to retry one."""
    with read_session(engine) as session:
        readable = role_now(session, actor) is Role.MANAGER
        query = (
            select(OutboxMessage, Case.reference)
            .join(Case, col(Case.id) == col(OutboxMessage.case_id), isouter=True)
            .order_by(col(OutboxMessage.id).desc())
            .limit(limit)
        )
        if status:
            query = query.where(col(OutboxMessage.status) == status)
        rows = session.exec(query).all()
    return [_entry(message, reference, readable) for message, reference in rows]


def status_counts(engine: Engine) -> dict[str, int]:
    with read_session(engine) as session:
        rows = session.exec(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all()
    return {status: count for status, count in rows}


def retry_now(engine: Engine, actor: StaffActor, message_id: int, *, now: datetime | None = None) -> OutboxMessage:
    """Staff (agent or manager) put a failed message back in the queue, due at once, with its attempts reset.

    Audited: a CaseEvent on the message's case (or a setting-level event for an invite).
    """
    now = now or utcnow()
    with write_session(engine) as session:
        role_now(session, actor)
        row = session.get(OutboxMessage, message_id)
        if row is None:
            raise LookupError(f"No message {message_id}.")
        if row.status != MessageStatus.FAILED:
            raise ValueError(
                f"Only a failed message can be retried; this one is {row.status} and the worker takes care of it."
            )
        if (
            not row.to_address
        ):  # the customer's personal data was erased (portal.back_office.privacy): nobody to send to
            raise ValueError("This message cannot be sent again: its recipient's personal data was erased.")
        previous_attempts, previous_error = row.attempts, row.last_error
        row.status, row.attempts, row.next_attempt_at = MessageStatus.PENDING, 0, now
        row.claimed_by = row.claimed_at = None
        session.add(row)
        detail = dict(
            message_id=row.id,
            email_kind=row.kind,
            to=row.to_address,
            previous_attempts=previous_attempts,
            previous_error=previous_error,
        )
        case = session.get(Case, row.case_id) if row.case_id else None
        if case is not None:
            timeline.record(session, case, timeline.Kind.EMAIL_RETRY, timeline.staff_actor(actor.id), **detail)
        else:
            timeline.record_setting(session, timeline.Kind.EMAIL_RETRY, timeline.staff_actor(actor.id), **detail)
        return row
