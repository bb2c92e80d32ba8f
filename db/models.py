"""The store: every table of Amends.

Money is kept as whole cents (``*_cents``) to avoid floating-point surprises.
Times are timezone-aware UTC (``utcnow``); SQLModel's UTCDateTime keeps them so on both backends.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint, func, literal_column
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class Business(SQLModel, table=True):
    """The one business this portal serves, with its accountable owner and policy."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    owner_name: str = Field(max_length=200)
    owner_role: str = Field(max_length=200)
    owner_email: str = Field(max_length=320)
    owner_phone: str = Field(default="", max_length=50)
    owner_photo_url: str | None = Field(default=None, max_length=1000)
    currency: str = Field(default="USD", max_length=3)
    default_language: str = Field(default="en", max_length=5)
    auto_approve_limit_cents: int = 5000
    agent_approval_limit_cents: int = 20000
    followup_delay_days: int = 3
    version: int = 1


class StaffMember(SQLModel, table=True):
    __tablename__ = "staff_member"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, unique=True, index=True)
    name: str = Field(max_length=200)
    title: str = Field(default="", max_length=200)  # shown to customers, e.g. "Customer Care Lead"
    role: str = Field(max_length=20)  # "agent" or "manager"
    password_hash: str = Field(max_length=500)
    is_active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class Customer(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(default="", max_length=200)
    email: str = Field(max_length=320, index=True)
    language: str = Field(default="en", max_length=5)
    created_at: datetime = Field(default_factory=utcnow)


class Invite(SQLModel, table=True):
    """A personal link prepared by staff for one customer; it leads to at most one case."""

    id: int | None = Field(default=None, primary_key=True)
    customer_name: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=320)
    order_ref: str = Field(default="", max_length=64)
    language: str = Field(default="en", max_length=5)
    created_by_id: int | None = Field(default=None, foreign_key="staff_member.id")
    case_id: int | None = Field(default=None, foreign_key="case.id", unique=True)
    created_at: datetime = Field(default_factory=utcnow)


class Case(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(max_length=20, unique=True, index=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    status: str = Field(max_length=30)
    category: str = Field(max_length=30, index=True)
    tone: str = Field(default="calm", max_length=20)
    language: str = Field(default="en", max_length=5)
    story: str = Field(sa_column=Column(Text, nullable=False))
    bothered_most: str = Field(sa_column=Column(Text, nullable=False))
    confirmed_paraphrase: str = Field(sa_column=Column(Text, nullable=False))
    order_ref: str = Field(default="", max_length=64)
    incident_date: date | None = None
    amount_cents: int | None = None
    currency: str = Field(default="USD", max_length=3)
    owner_id: int | None = Field(default=None, foreign_key="staff_member.id", index=True)
    # A random key made when the customer starts; a second submit with it finds this case.
    submission_key: str = Field(max_length=64, unique=True)
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)
    first_response_at: datetime | None = None
    fulfilled_at: datetime | None = None
    closed_at: datetime | None = None


class ConversationRound(SQLModel, table=True):
    """One paraphrase attempt: what the customer said, what we said back, and their answer.

    ``topic`` 0 is "what bothered you most"; 1, 2, ... are "anything else" items.
    """

    __tablename__ = "conversation_round"
    __table_args__ = (UniqueConstraint("case_id", "topic", "round_no"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    topic: int = 0
    round_no: int = 1
    customer_text: str = Field(sa_column=Column(Text, nullable=False))
    paraphrase: str = Field(sa_column=Column(Text, nullable=False))
    answer: str = Field(max_length=20)  # "confirmed", "corrected" or "own_words"
    created_at: datetime = Field(default_factory=utcnow)


class RemedyOption(SQLModel, table=True):
    """An entry of the business's remedy catalog, or a symbolic gift when ``is_gift``."""

    __tablename__ = "remedy_option"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)  # refund, redo, replacement, credit, discount, gift
    title: str = Field(max_length=200)
    description: str = Field(default="", max_length=1000)
    value_cents: int | None = None
    percent: int | None = None
    # Comma-separated categories this fits; empty means it fits every category.
    categories: str = Field(default="", max_length=500)
    is_gift: bool = False
    is_active: bool = True
    sort_order: int = 0


class CaseRemedy(SQLModel, table=True):
    """A remedy on a case: chosen from the catalog, proposed by the customer, or offered by staff."""

    __tablename__ = "case_remedy"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    option_id: int | None = Field(default=None, foreign_key="remedy_option.id")
    source: str = Field(max_length=20)  # catalog, proposal, counter, alternative, gift
    kind: str = Field(max_length=20)
    description: str = Field(sa_column=Column(Text, nullable=False))
    amount_cents: int | None = None
    status: str = Field(max_length=20)  # accepted, pending, approved, declined, superseded, offered
    created_by: str = Field(default="customer", max_length=40)
    created_at: datetime = Field(default_factory=utcnow)


class CaseEvent(SQLModel, table=True):
    """The case timeline and audit log: every change, with who did it and when.

    Changes that belong to no case (remedy catalog, policy limits, invites) have no ``case_id``.
    """

    __tablename__ = "case_event"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    at: datetime = Field(default_factory=utcnow)
    actor: str = Field(max_length=60)  # "customer", "system" or "staff:<id>"
    kind: str = Field(max_length=40)
    from_status: str | None = Field(default=None, max_length=30)
    to_status: str | None = Field(default=None, max_length=30)
    detail: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class AccessToken(SQLModel, table=True):
    """A capability link. Only the SHA-256 of the token is kept."""

    __tablename__ = "access_token"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    purpose: str = Field(max_length=20)  # invite, case, checkin
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    invite_id: int | None = Field(default=None, foreign_key="invite.id")
    expires_at: datetime
    used_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class CaseNote(SQLModel, table=True):
    """An internal note on a case; never shown to the customer."""

    __tablename__ = "case_note"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    author_id: int = Field(foreign_key="staff_member.id")
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class Lesson(SQLModel, table=True):
    """What a case teaches: a root cause and what we change. Deliberately no field names a person."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", unique=True)
    root_cause: str = Field(max_length=30, index=True)  # process, scheduling, communication, training, ...
    what_we_change: str = Field(sa_column=Column(Text, nullable=False))
    recorded_by_id: int = Field(foreign_key="staff_member.id")
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)


class LoginAttempt(SQLModel, table=True):
    """Every staff sign-in attempt, kept for throttling and for the security log."""

    __tablename__ = "login_attempt"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, index=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    succeeded: bool = False
    source: str = Field(default="", max_length=100)  # client address when known


class OutboxMessage(SQLModel, table=True):
    """An email written in the same transaction as the change that causes it, delivered later by the worker.

    ``dedup_key`` makes enqueueing idempotent (one check-in email per check-in, ...);
    ``message_id`` is the stable Message-ID header, so a resend after a crash is recognisable.
    """

    __tablename__ = "outbox_message"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=30)  # invite, case_received, decision, fulfilled, checkin, reopened
    dedup_key: str = Field(max_length=120, unique=True)
    message_id: str = Field(max_length=200, unique=True)
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    to_address: str = Field(max_length=320)
    subject: str = Field(max_length=300)
    body_text: str = Field(sa_column=Column(Text, nullable=False))
    body_html: str = Field(sa_column=Column(Text, nullable=False))
    language: str = Field(default="en", max_length=5)
    status: str = Field(default="pending", max_length=20, index=True)  # pending, sending, sent, failed
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, index=True)
    claimed_by: str | None = Field(default=None, max_length=100)
    claimed_at: datetime | None = None
    last_error: str = Field(default="", max_length=1000)
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None


class CheckIn(SQLModel, table=True):
    """The satisfaction check-in after a remedy is fulfilled; a low answer reopens the case."""

    __tablename__ = "check_in"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    due_at: datetime = Field(index=True)
    sent_at: datetime | None = None
    answered_at: datetime | None = None
    made_it_right: int | None = None  # 1 to 5
    recommend: int | None = None      # 0 to 10
    comment: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    outcome: str | None = Field(default=None, max_length=10)  # good or low
    created_at: datetime = Field(default_factory=utcnow)


# Indexes for the staff queue at a million cases (plans checked with EXPLAIN on both backends):
# status filters and "oldest first" within a status; "amount at stake" sorting, whose expression
# must match portal.queue's ORDER BY exactly; case-insensitive search by email and order reference.
Index("ix_case_status_created_at", Case.status, Case.created_at)
Index("ix_case_amount_at_stake", func.coalesce(Case.amount_cents, literal_column("-1")), Case.created_at)
Index("ix_customer_email_lower", func.lower(Customer.email))
Index("ix_case_order_ref_lower", func.lower(Case.order_ref))
Index("ix_login_attempt_email_at", LoginAttempt.email, LoginAttempt.at)


class LinkProbe(SQLModel, table=True):
    """An unknown or expired link that was opened: logged, and counted per client to throttle guessing."""

    __tablename__ = "link_probe"

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=100)  # client address, or a per-browser-session key when unknown
    at: datetime = Field(default_factory=utcnow)
    outcome: str = Field(max_length=20)  # unknown, expired


Index("ix_link_probe_source_at", LinkProbe.source, LinkProbe.at)
