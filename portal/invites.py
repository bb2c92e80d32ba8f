"""Personal links that staff prepare for a customer: name, email, order and language filled in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Engine

from db.engine import write_session
from db.models import Invite, utcnow
from portal import emails, links, timeline
from portal.config import get_settings
from portal.i18n import LANGUAGES
from portal.staff import StaffActor, role_now
from portal.text import LIMITS, clean
from portal.tokens import Purpose


@dataclass(frozen=True)
class InviteLink:
    invite_id: int
    url: str
    expires_at: datetime


def create_invite(engine: Engine, actor: StaffActor, *, customer_name: str = "", email: str = "",
                  order_ref: str = "", language: str = "en", send_email: bool = False) -> InviteLink:
    """Raises ValueError with every problem at once; the link is shown once and stored hashed.

    With ``send_email`` the link is also emailed to the customer (queued in the same transaction).
    """
    name, address, order = clean(customer_name), clean(email), clean(order_ref)
    problems = []
    if address:
        try:
            address = validate_email(address, check_deliverability=False).normalized
        except EmailNotValidError:
            problems.append("That email address doesn't look right.")
    if len(name) > LIMITS["name"] or len(order) > LIMITS["order_ref"]:
        problems.append(f"Keep the name under {LIMITS['name']} and the order reference under {LIMITS['order_ref']} characters.")
    if language not in LANGUAGES:
        problems.append(f"Language must be one of: {', '.join(LANGUAGES)}.")
    if send_email and not address:
        problems.append("Add the customer's email address to send them the link.")
    if problems:
        raise ValueError(" ".join(problems))
    settings = get_settings()
    lifetime = timedelta(days=settings.invite_link_days)
    with write_session(engine) as session:
        role_now(session, actor)  # any active staff member; not one deactivated since the page was drawn
        invite = Invite(customer_name=name, email=address, order_ref=order, language=language,
                        created_by_id=actor.id)
        session.add(invite)
        session.flush()
        token = links.issue(session, Purpose.INVITE, lifetime, invite_id=invite.id)
        url = links.link_url(settings.base_url or "", token)
        timeline.record_setting(session, "invite_created", timeline.staff_actor(actor.id), invite_id=invite.id,
                                email=address, order_ref=order, language=language,
                                **({"emailed": True} if send_email else {}))
        if send_email:
            emails.queue_invite(session, invite, url, utcnow() + lifetime)
    assert invite.id is not None
    return InviteLink(invite.id, url, utcnow() + lifetime)
