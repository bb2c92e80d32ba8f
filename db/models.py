"""The store: every table of Amends.

Money is kept as whole cents (``*_cents``) to avoid floating-point surprises.
Times are timezone-aware UTC (``utcnow``); SQLModel's UTCDateTime keeps them so on both backends.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint, event, func, literal_column
from sqlalchemy import false as sa_false
from sqlalchemy import true as sa_true
from sqlmodel import Field, SQLModel, col

from db.case_figures import keep_current


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
    # Personal data of cases settled this many months ago is erased by the worker; None keeps it (portal.back_office.privacy).
    retention_months: int | None = None
    version: int = 1
    # When on, a refund is always among the customer's choices (portal.recovery.remedies.offers_for).
    refund_always_offered: bool = Field(default=True, sa_column_kwargs={"server_default": sa_true()})
    # The business hours SLA clocks count in (portal.recovery.sla): an IANA time zone, minutes after midnight,
    # and ISO weekdays as digits ("12345" is Monday to Friday).
    sla_timezone: str = Field(default="UTC", max_length=64, sa_column_kwargs={"server_default": "UTC"})
    workday_start_minute: int = Field(default=540, sa_column_kwargs={"server_default": "540"})
    workday_end_minute: int = Field(default=1020, sa_column_kwargs={"server_default": "1020"})
    workdays: str = Field(default="12345", max_length=7, sa_column_kwargs={"server_default": "12345"})
    # How much the portal agrees without a person, per customer (canonical email) and per order reference:
    # at most this many remedies and this total value within this many days (portal.recovery.remedies.AutoPolicy).
    auto_agree_max_count: int = Field(default=2, sa_column_kwargs={"server_default": "2"})
    auto_agree_max_cents: int = Field(default=10000, sa_column_kwargs={"server_default": "10000"})
    auto_agree_window_days: int = Field(default=90, sa_column_kwargs={"server_default": "90"})


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
    erased_at: datetime | None = None  # name and email blanked on request or by retention (portal.back_office.privacy)


class Invite(SQLModel, table=True):
    """A personal link prepared by staff for one customer; it leads to at most one case."""

    id: int | None = Field(default=None, primary_key=True)
    customer_name: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=320)
    order_ref: str = Field(default="", max_length=64)
    # What the customer paid for the order, when the business knows it: their details step starts with it, and a
    # refund gives back no more than the amount the customer leaves there (portal.recovery.remedies.catalog_amount).
    amount_cents: int | None = None
    language: str = Field(default="en", max_length=5)
    created_by_id: int | None = Field(default=None, foreign_key="staff_member.id")
    # Made through the API (portal.api) with this key, rather than on the Invite page.
    api_key_id: int | None = Field(default=None, foreign_key="api_key.id")
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
    erased_at: datetime | None = None  # personal data blanked; the anonymised case stays (portal.back_office.privacy)
    # SLA clocks (portal.recovery.sla): when staff must first respond and resolve (fulfil) by, and ``sla_due_at``,
    # the deadline of the clock running now (NULL when none runs), kept for the queue's filter and sort.
    first_response_due_at: datetime | None = None
    resolve_due_at: datetime | None = None
    sla_due_at: datetime | None = Field(default=None, index=True)
    reopen_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # What the Insights page reads of each case, kept from its times by db/case_figures.py: its UTC day, and the
    # seconds to its first response and to its fulfilment (NULL until they happen).
    created_day: date | None = None
    first_response_s: float | None = None
    resolution_s: float | None = None


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
    # The title and description in Spanish and in Hebrew, blank until a manager translates them: customers who
    # read those languages see the English where one is blank (portal.recovery.catalog_text.option_text).
    title_es: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    description_es: str = Field(default="", max_length=1000, sa_column_kwargs={"server_default": ""})
    title_he: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    description_he: str = Field(default="", max_length=1000, sa_column_kwargs={"server_default": ""})
    value_cents: int | None = None
    percent: int | None = None
    # Comma-separated categories this fits; empty means it fits every category.
    categories: str = Field(default="", max_length=500)
    is_gift: bool = False
    is_active: bool = True
    sort_order: int = 0
    # The most this remedy can cost us (required for refunds and credits): it is agreed at once only when this is
    # within the auto-approve limit, or a manager marked it ``pre_approved`` (portal.recovery.remedies.judge_catalog).
    max_value_cents: int | None = None
    pre_approved: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})


class CaseRemedy(SQLModel, table=True):
    """A remedy on a case: chosen from the catalog, proposed by the customer, or offered by staff."""

    __tablename__ = "case_remedy"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    option_id: int | None = Field(default=None, foreign_key="remedy_option.id")
    source: str = Field(max_length=20)  # a portal.recovery.remedies.RemedySource
    kind: str = Field(max_length=20)
    description: str = Field(sa_column=Column(Text, nullable=False))
    amount_cents: int | None = None
    status: str = Field(max_length=20)  # a portal.recovery.remedies.RemedyStatus
    created_by: str = Field(default="customer", max_length=40)
    created_at: datetime = Field(default_factory=utcnow)
    # A remedy that is not money back needs the customer's explicit agreement: the exact sentence
    # they ticked, in their language, and when (portal.recovery.remedies.needs_consent).
    consent_text: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    consented_at: datetime | None = None
    # The case's category (which never changes once it is opened), so the Insights page adds up a period's agreed
    # remedies per category from their own index, without reading the cases.
    category: str | None = Field(default=None, max_length=30)


class CaseEvent(SQLModel, table=True):
    """The case timeline and audit log: every change, with who did it and when.

    Changes that belong to no case (remedy catalog, policy limits, invites) have no ``case_id``; those about one
    invite or one email say which in ``about`` ("invite:12", "message:34", portal.recovery.timeline.about), so erasing a
    customer's data finds their invites' entries by index instead of reading every invite's (portal.back_office.privacy).
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
    about: str | None = Field(default=None, max_length=40, index=True)


class AccessToken(SQLModel, table=True):
    """A capability link. Only the SHA-256 of the token is kept."""

    __tablename__ = "access_token"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    purpose: str = Field(max_length=20)  # invite, case, checkin
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    invite_id: int | None = Field(default=None, foreign_key="invite.id", index=True)
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
    throttled: bool = (
        False  # refused without checking the password: the address was told to wait (portal.back_office.staff)
    )
    source: str = Field(default="", max_length=100)  # client address when known


Index("ix_login_attempt_email_source_at", col(LoginAttempt.email), col(LoginAttempt.source), col(LoginAttempt.at))


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


Index("ix_outbox_message_to_address_lower", func.lower(OutboxMessage.to_address))


class CheckIn(SQLModel, table=True):
    """The satisfaction check-in after a remedy is fulfilled; a low answer reopens the case."""

    __tablename__ = "check_in"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    due_at: datetime = Field(index=True)
    sent_at: datetime | None = None
    answered_at: datetime | None = None
    made_it_right: int | None = None  # 1 to 5
    recommend: int | None = None  # 0 to 10
    comment: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    outcome: str | None = Field(default=None, max_length=10)  # good or low
    created_at: datetime = Field(default_factory=utcnow)


# Indexes for the staff queue at a million cases (plans checked with EXPLAIN on both backends):
# status filters and "oldest first" within a status; "amount at stake" sorting, whose expression
# must match portal.back_office.queue's ORDER BY exactly; case-insensitive search by email and order reference.
Index("ix_case_status_created_at", col(Case.status), col(Case.created_at))
Index("ix_case_amount_at_stake", func.coalesce(Case.amount_cents, literal_column("-1")), col(Case.created_at))
# text_pattern_ops on PostgreSQL: the index also serves portal.recovery.claim_history's ``lower(email) LIKE 'alex%@...'``, which
# a plain btree cannot outside the C collation, as well as the queue's equality search (0018).
Index(
    "ix_customer_email_lower",
    func.lower(Customer.email).label("email_lower"),
    postgresql_ops={"email_lower": "text_pattern_ops"},
)
Index("ix_case_order_ref_lower", func.lower(Case.order_ref))
Index("ix_login_attempt_email_at", col(LoginAttempt.email), col(LoginAttempt.at))
# A customer's data request finds what was sent or prepared for their address, ignoring case (portal.back_office.privacy).
Index("ix_invite_email_lower", func.lower(Invite.email))
# The insights read a period's cases, their agreed remedies and answered check-ins from these alone, without the
# rows (portal.back_office.insights.overview): a case row carries the customer's story, many times the size of these columns.
# The cohort's index holds the case's id too (SQLite's hold it anyway: the rowid), for the joins to the period's cases.
Index(
    "ix_case_cohort",
    col(Case.created_at),
    col(Case.category),
    col(Case.first_response_at),
    col(Case.fulfilled_at),
    col(Case.reopen_count),
    postgresql_include=["id"],
)
Index(
    "ix_conversation_round_answers",
    col(ConversationRound.case_id),
    col(ConversationRound.topic),
    col(ConversationRound.answer),
    col(ConversationRound.round_no),
)
Index(
    "ix_case_remedy_agreed",
    col(CaseRemedy.case_id),
    col(CaseRemedy.status),
    col(CaseRemedy.source),
    col(CaseRemedy.category),
    col(CaseRemedy.amount_cents),
)
# The page adds a period's agreed remedies up per (status, source, category) from this one: SQLite skip-scans it
# for the period's case ids and gets them already grouped (db/migrations/versions/0020).
Index(
    "ix_case_remedy_kinds",
    col(CaseRemedy.status),
    col(CaseRemedy.source),
    col(CaseRemedy.category),
    col(CaseRemedy.case_id),
    col(CaseRemedy.amount_cents),
)
# The page's per-day pass reads a period's cases in this order (so groups them with no sort) and its medians read
# their durations from it, with the id on PostgreSQL (SQLite's indexes hold the rowid) for the period's id range.
Index(
    "ix_case_insights",
    col(Case.created_day),
    col(Case.category),
    col(Case.first_response_s),
    col(Case.resolution_s),
    col(Case.reopen_count),
    postgresql_include=["id"],
)
event.listen(Case, "before_insert", keep_current)
event.listen(Case, "before_update", keep_current)
Index(
    "ix_check_in_answers",
    col(CheckIn.case_id),
    col(CheckIn.answered_at),
    col(CheckIn.made_it_right),
    col(CheckIn.recommend),
)


class LinkProbe(SQLModel, table=True):
    """An unknown or expired link that was opened: logged, and counted per client to throttle guessing."""

    __tablename__ = "link_probe"

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=100)  # client address, or a per-browser-session key when unknown
    at: datetime = Field(default_factory=utcnow)
    outcome: str = Field(max_length=20)  # unknown, expired


Index("ix_link_probe_source_at", col(LinkProbe.source), col(LinkProbe.at))


class CheckinWording(SQLModel, table=True):
    """A manager's own wording for one part of the check-in (email or page) in one language.

    Parts without a row use the translated default (portal.recovery.checkin_wording).
    """

    __tablename__ = "checkin_wording"
    __table_args__ = (UniqueConstraint("language", "part"),)

    id: int | None = Field(default=None, primary_key=True)
    language: str = Field(max_length=5)
    part: str = Field(max_length=40)
    text: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_id: int | None = Field(default=None, foreign_key="staff_member.id")


class EmailVerification(SQLModel, table=True):
    """A code and a one-time link emailed to someone who starts on the public link (portal.entry.intake).

    Only hashes are kept: the 6-digit code as an HMAC with the server's secret key and a per-row salt,
    the link token as SHA-256 (like ``AccessToken``). The newest row of a ``submission_key`` is the one
    that counts; a resend adds a row and retires the earlier ones.
    """

    __tablename__ = "email_verification"

    id: int | None = Field(default=None, primary_key=True)
    submission_key: str = Field(max_length=64, index=True)  # the draft's; the case later carries the same key
    email: str = Field(max_length=320)  # normalised
    email_key: str = Field(default="", max_length=320)  # its mailbox, as the hourly limit counts it (intake.mailbox)
    source: str = Field(max_length=100)  # client address, or a per-browser-session key when unknown
    language: str = Field(default="en", max_length=5)
    code_salt: str = Field(max_length=32)
    code_hash: str = Field(max_length=64)
    link_hash: str = Field(max_length=64, unique=True, index=True)
    wrong_codes: int = 0
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    verified_at: datetime | None = None
    link_used_at: datetime | None = None  # the emailed link works once: opened, it opens nothing more


Index("ix_email_verification_email_key_created_at", col(EmailVerification.email_key), col(EmailVerification.created_at))
Index("ix_email_verification_source_created_at", col(EmailVerification.source), col(EmailVerification.created_at))


class IntakeAttempt(SQLModel, table=True):
    """The public intake's log: every case opened from the public link (counted for the hourly limits),
    and every refused or throttled attempt and honeypot hit (for the security log)."""

    __tablename__ = "intake_attempt"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    source: str = Field(max_length=100)
    email: str = Field(default="", max_length=320)
    email_key: str = Field(default="", max_length=320)  # its mailbox, as the hourly limit counts it (intake.mailbox)
    outcome: str = Field(max_length=30)  # portal.entry.intake.Outcome


Index(
    "ix_intake_attempt_email_key_outcome_at",
    col(IntakeAttempt.email_key),
    col(IntakeAttempt.outcome),
    col(IntakeAttempt.at),
)
Index(
    "ix_intake_attempt_source_outcome_at", col(IntakeAttempt.source), col(IntakeAttempt.outcome), col(IntakeAttempt.at)
)


class Evidence(SQLModel, table=True):
    """A photo or PDF the customer attached to their story (portal.recovery.evidence).

    The file lives outside the database under ``evidence_dir``; ``path`` and ``thumb_path`` are relative
    to it. Rows are stored as the customer uploads, before the case exists (``case_id`` NULL, found by the
    draft's ``submission_key``); submitting the case attaches them, and the worker deletes the unattached.
    """

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    submission_key: str = Field(max_length=64, index=True)
    original_name: str = Field(max_length=255)  # as the customer named it: shown as plain text only
    content_type: str = Field(max_length=50)  # of the stored file: image/jpeg, image/png, application/pdf
    size_bytes: int
    sha256: str = Field(max_length=64)  # of the stored file
    width: int | None = None
    height: int | None = None
    path: str = Field(max_length=200)
    thumb_path: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utcnow)


class WebhookEndpoint(SQLModel, table=True):
    """An HTTPS address a manager registered to hear about case events (portal.delivery.webhooks).

    ``secret`` signs every delivery (HMAC-SHA256); it is stored as is because signing needs it.
    ``events`` is a comma-separated list of event names (portal.delivery.webhook_events.EVENTS).
    """

    __tablename__ = "webhook_endpoint"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(max_length=500)
    secret: str = Field(max_length=100)
    events: str = Field(max_length=300)
    is_active: bool = True
    description: str = Field(default="", max_length=200)
    created_by_id: int | None = Field(default=None, foreign_key="staff_member.id")
    created_at: datetime = Field(default_factory=utcnow)
    version: int = 1


class WebhookDelivery(SQLModel, table=True):
    """One event for one endpoint: written in the transaction of the change, sent later by the worker.

    Claimed, leased and retried like an ``OutboxMessage`` (portal.delivery.claims); ``payload`` is the exact
    JSON body sent (and signed), fixed at enqueue time so that every retry sends the same bytes.
    """

    __tablename__ = "webhook_delivery"

    id: int | None = Field(default=None, primary_key=True)
    endpoint_id: int = Field(foreign_key="webhook_endpoint.id", index=True)
    event: str = Field(max_length=40)
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    payload: str = Field(sa_column=Column(Text, nullable=False))
    dedup_key: str = Field(max_length=120, unique=True)
    status: str = Field(default="pending", max_length=20)  # pending, sending, delivered, failed
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow)
    claimed_by: str | None = Field(default=None, max_length=100)
    claimed_at: datetime | None = None
    last_status_code: int | None = None
    last_error: str = Field(default="", max_length=1000)
    created_at: datetime = Field(default_factory=utcnow)
    delivered_at: datetime | None = None


# The worker's claim: due pending rows (and expired 'sending' leases) by status and time.
Index("ix_webhook_delivery_status_next_attempt_at", col(WebhookDelivery.status), col(WebhookDelivery.next_attempt_at))


class SlaTarget(SQLModel, table=True):
    """A manager's response and resolution targets for one category; categories without a row use
    portal.recovery.sla's defaults. Both count business time (Business.workday_*)."""

    __tablename__ = "sla_target"

    id: int | None = Field(default=None, primary_key=True)
    category: str = Field(max_length=30, unique=True, index=True)
    first_response_minutes: int
    resolution_days: int  # business days, each as long as the business's workday
    version: int = 1
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_id: int | None = Field(default=None, foreign_key="staff_member.id")


class ConversationDraft(SQLModel, table=True):
    """A customer's conversation before the case is written (``journey.Draft`` as JSON, portal.recovery.drafts), saved at
    every step so a reload, or a phone browser that dropped the tab, takes them back to where they were.

    Found again by the invite it started from, or on the public link by its own token (``?d=``; only the
    SHA-256 digest is kept, like ``AccessToken``). Submitting the case deletes it; unfinished ones are deleted
    once ``expires_at`` has passed (the worker), and with the customer's other data on erasure (``email``).
    """

    __tablename__ = "conversation_draft"

    id: int | None = Field(default=None, primary_key=True)
    submission_key: str = Field(max_length=64, unique=True, index=True)  # journey.Draft.submission_key
    invite_id: int | None = Field(default=None, foreign_key="invite.id", index=True)
    token_hash: str | None = Field(default=None, max_length=64, unique=True, index=True)
    email: str = Field(default="", max_length=320, index=True)  # normalised, as typed so far
    payload: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime = Field(index=True)


class StaffSession(SQLModel, table=True):
    """A staff sign-in behind the browser's session cookie (portal.back_office.staff_sessions). The cookie holds a random id;
    only its SHA-256 digest is kept here, so a copy of the table signs nobody in.

    ``role`` is the account's role at sign-in: a session whose account has since changed role (or been deactivated)
    is over. ``ended_at`` and ``end_reason`` say when and why it ended (signed out, idle, ended by a manager, ...);
    the sign-in page tells the staff member."""

    __tablename__ = "staff_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    staff_id: int = Field(foreign_key="staff_member.id", index=True)
    role: str = Field(max_length=20)
    via: str = Field(default="password", max_length=20)  # "password" or "sso"
    source: str = Field(default="", max_length=100)  # client address at sign-in, when known
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    ended_at: datetime | None = None
    end_reason: str = Field(default="", max_length=30)


class StaffHandoff(SQLModel, table=True):
    """A one-time pass from a single sign-on (``st.login``) to the session cookie: the page that saw the identity
    provider's answer writes one, and the browser carries its token to the sign-in route within a minute, which sets
    the cookie. Only the token's digest is kept, and the pass is bound to the browser that asked (the digest of its
    sign-in form cookie), so a pass sent to someone else signs them in as nobody."""

    __tablename__ = "staff_handoff"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    staff_id: int = Field(foreign_key="staff_member.id", index=True)
    browser_hash: str = Field(max_length=64)
    next_path: str = Field(default="/staff", max_length=500)
    expires_at: datetime
    used_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


# Keyset paging of the API's case list (portal.api.cases): the cases changed since a moment, in the order they changed.
Index("ix_case_updated_at_id", col(Case.updated_at), col(Case.id))


class ApiKey(SQLModel, table=True):
    """A key the business's own systems call the API with (portal.api.keys). Only the SHA-256 of the key is kept;
    ``prefix`` (its first characters, shown on the page and in the audit) lets people recognise it."""

    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    prefix: str = Field(max_length=16, unique=True)
    key_hash: str = Field(max_length=64, unique=True, index=True)
    scopes: str = Field(max_length=200)  # space-separated, as OAuth writes scopes: "invites:write cases:read"
    created_by_id: int = Field(foreign_key="staff_member.id")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: datetime | None = None
    revoked_by_id: int | None = Field(default=None, foreign_key="staff_member.id")
    last_used_at: datetime | None = None  # to the minute at best: written at most once a minute per key


class ApiKeyUse(SQLModel, table=True):
    """The audit of every API request: which key (none when the key presented named none), the route, the outcome."""

    __tablename__ = "api_key_use"

    id: int | None = Field(default=None, primary_key=True)
    api_key_id: int | None = Field(default=None, foreign_key="api_key.id", index=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    method: str = Field(max_length=10)
    route: str = Field(max_length=100)  # the route's template ("/cases/{reference}"), never what filled it in
    status: int
    outcome: str = Field(max_length=40)  # "ok", or the problem's kind ("revoked_key", "missing_scope", ...)
    source: str = Field(default="", max_length=100)  # client address (portal.clients)


class ApiIdempotency(SQLModel, table=True):
    """The first answer to a POST made with an ``Idempotency-Key``: a retry with the same key and body gets it again.
    The unique pair is what makes two concurrent retries create one invite. No link is kept here: it is derived
    again from the API key that made it (portal.api.idempotency)."""

    __tablename__ = "api_idempotency"
    __table_args__ = (UniqueConstraint("api_key_id", "idempotency_key"),)

    id: int | None = Field(default=None, primary_key=True)
    api_key_id: int = Field(foreign_key="api_key.id")
    idempotency_key: str = Field(max_length=255)
    request_digest: str = Field(max_length=64)  # SHA-256 of the request as understood (canonical JSON)
    status_code: int
    response: str = Field(sa_column=Column(Text, nullable=False))  # JSON, the link left out
    link_nonce: str = Field(max_length=32)  # with the API key, makes the link again (portal.api.invites)
    invite_id: int | None = Field(default=None, foreign_key="invite.id")
    created_at: datetime = Field(default_factory=utcnow, index=True)


class ApiRateWindow(SQLModel, table=True):
    """Requests one key made in one fixed window (a minute): upserted by every request, so every replica counts in
    the same row (portal.api.limits)."""

    __tablename__ = "api_rate_window"

    api_key_id: int = Field(foreign_key="api_key.id", primary_key=True)
    window_start: datetime = Field(primary_key=True)
    count: int = 0
