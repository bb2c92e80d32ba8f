"""Personal links prepared for a customer: name, email, order, its amount and language filled in.

Staff make them on the Invite page (``create_invite``); the business's systems through the API with a key
(portal.api.invites). Both check what they are given the same way (``checked_invite``) and write it the same way
(``write_invite``); only who is allowed, and who the audit names, differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Engine
from sqlmodel import Session

from db.engine import write_session
from db.models import Invite, utcnow
from portal.back_office.staff import StaffActor, role_now
from portal.config import get_settings
from portal.delivery import emails
from portal.entry import links
from portal.entry.tokens import Purpose
from portal.i18n import LANGUAGES
from portal.recovery import timeline
from portal.recovery.money import checked_cents
from portal.text import LIMITS, clean

BAD_EMAIL = "That email address doesn't look right."


@dataclass(frozen=True)
class InviteLink:
    invite_id: int
    url: str
    expires_at: datetime


@dataclass(frozen=True)
class InviteDetails:
    """An invite's details once checked: cleaned text, the normalised address, whole cents."""

    customer_name: str = ""
    email: str = ""
    order_ref: str = ""
    amount_cents: int | None = None
    language: str = "en"
    send_email: bool = False


class InviteProblems(ValueError):
    """Every problem with an invite's details at once: ``fields`` maps each field to what to change, and the message
    says them all (the Invite page shows it as is; the API lists the fields)."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__(" ".join(dict.fromkeys(fields.values())))
        self.fields = fields


def checked_invite(
    *,
    customer_name: str = "",
    email: str = "",
    order_ref: str = "",
    amount_cents: int | None = None,
    language: str = "en",
    send_email: bool = False,
) -> InviteDetails:
    """The details as they will be stored; InviteProblems when anything must change."""
    name, address, order = clean(customer_name), clean(email), clean(order_ref)
    problems: dict[str, str] = {}
    if address:
        try:
            address = validate_email(address, check_deliverability=False).normalized
        except EmailNotValidError:
            problems["email"] = BAD_EMAIL
    too_long = f"Keep the name under {LIMITS['name']} and the order reference under {LIMITS['order_ref']} characters."
    if len(name) > LIMITS["name"]:
        problems["customer_name"] = too_long
    if len(order) > LIMITS["order_ref"]:
        problems["order_ref"] = too_long
    try:
        checked_cents(amount_cents)
    except ValueError as error:  # AmountOutOfRange says the range
        problems["amount"] = str(error)
    if language not in LANGUAGES:
        problems["language"] = f"Language must be one of: {', '.join(LANGUAGES)}."
    if send_email and not address and "email" not in problems:
        problems["email"] = "Add the customer's email address to send them the link."
    if problems:
        raise InviteProblems(problems)
    return InviteDetails(name, address, order, amount_cents, language, send_email)


def create_invite(
    engine: Engine,
    actor: StaffActor,
    *,
    customer_name: str = "",
    email: str = "",
    order_ref: str = "",
    amount_cents: int | None = None,
    language: str = "en",
    send_email: bool = False,
) -> InviteLink:
    """Raises InviteProblems (a ValueError) with every problem at once; the link is shown once and stored hashed.

    With ``send_email`` the link is also emailed to the customer (queued in the same transaction).
    """
    details = checked_invite(
        customer_name=customer_name,
        email=email,
        order_ref=order_ref,
        amount_cents=amount_cents,
        language=language,
        send_email=send_email,
    )
    with write_session(engine) as session:
        role_now(session, actor)  # any active staff member; not one deactivated since the page was drawn
        return write_invite(session, details, created_by_id=actor.id, audit_actor=timeline.staff_actor(actor.id))


def write_invite(
    session: Session,
    details: InviteDetails,
    *,
    created_by_id: int,
    audit_actor: str,
    api_key_id: int | None = None,
    token: str | None = None,
) -> InviteLink:
    """The invite, its link (``token``, or a new random one) and the audit entry, in the caller's transaction, with
    its email queued when asked for."""
    settings = get_settings()
    lifetime = timedelta(days=settings.invite_link_days)
    invite = Invite(
        customer_name=details.customer_name,
        email=details.email,
        order_ref=details.order_ref,
        amount_cents=details.amount_cents,
        language=details.language,
        created_by_id=created_by_id,
        api_key_id=api_key_id,
    )
    session.add(invite)
    session.flush()
    assert invite.id is not None
    token = links.issue(session, Purpose.INVITE, lifetime, invite_id=invite.id, token=token)
    url = links.link_url(settings.base_url or "", token)
    expires_at = utcnow() + lifetime
    timeline.record_setting(
        session,
        timeline.Kind.INVITE_CREATED,
        audit_actor,
        invite_id=invite.id,
        email=details.email,
        order_ref=details.order_ref,
        language=details.language,
        **({"amount_cents": details.amount_cents} if details.amount_cents is not None else {}),
        **({"api_key_id": api_key_id} if api_key_id is not None else {}),
        **({"emailed": True} if details.send_email else {}),
    )
    if details.send_email:
        emails.queue_invite(session, invite, url, expires_at)
    return InviteLink(invite.id, url, expires_at)
