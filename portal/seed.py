"""The demo business: profile, remedy catalog, a manager login and a fresh customer invite."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import Session, select

from db.engine import write_session
from db.models import Business, Invite, RemedyOption, StaffMember
from portal import links
from portal.config import Settings
from portal.money import to_cents
from portal.passwords import hash_password
from portal.tokens import Purpose

DEMO_CATALOG: list[dict[str, object]] = [
    dict(kind="redo", title="A free return visit to redo the work properly", value_cents=8900,
         categories="quality,lateness,damage,missing_item"),
    dict(kind="refund", title="A full refund of the call-out fee", value_cents=8900,
         categories="lateness,staff,communication,quality"),
    dict(kind="refund", title="A refund of the difference between your quote and your bill (up to $150)",
         value_cents=15000, categories="billing"),
    dict(kind="replacement", title="We repair or replace what we damaged, at our cost", value_cents=None,
         categories="damage"),
    dict(kind="replacement", title="The missing or wrong part delivered by priority courier", value_cents=None,
         categories="missing_item,delivery"),
    dict(kind="credit", title="A $50 credit on your next service", value_cents=5000, categories=""),
    dict(kind="discount", title="20% off your next service", percent=20, categories=""),
    dict(kind="gift", title="A handwritten card and a box of local chocolates", value_cents=1500, categories="",
         is_gift=True),
    dict(kind="gift", title="A free filter change at your next visit", value_cents=2000,
         categories="quality,lateness", is_gift=True),
]


@dataclass(frozen=True)
class DemoLogins:
    staff_email: str
    staff_password: str
    invite_token: str


def ensure_business(session: Session, settings: Settings) -> Business:
    business = session.exec(select(Business).order_by(Business.id)).first()
    if business is None:
        business = Business(
            name=settings.business_name, owner_name=settings.owner_name, owner_role=settings.owner_role,
            owner_email=settings.owner_email or "", owner_phone=settings.owner_phone,
            owner_photo_url=settings.owner_photo_url, currency=settings.currency,
            default_language=settings.default_language,
            auto_approve_limit_cents=to_cents(settings.auto_approve_limit) or 0,
            agent_approval_limit_cents=to_cents(settings.agent_approval_limit) or 0,
            followup_delay_days=settings.followup_delay_days,
        )
        session.add(business)
        for order, entry in enumerate(DEMO_CATALOG):
            session.add(RemedyOption(sort_order=order, **entry))  # type: ignore[arg-type]
        session.flush()
    return business


def seed_demo(engine: Engine, settings: Settings) -> DemoLogins:
    """Idempotent: the business and catalog are made once; each run resets the demo manager's
    password to a fresh random one and makes a new invite, so what it prints always works."""
    password = secrets.token_urlsafe(12)
    with write_session(engine) as session:
        business = ensure_business(session, settings)
        staff = session.exec(select(StaffMember).where(StaffMember.email == business.owner_email)).first()
        if staff is None:
            staff = StaffMember(email=business.owner_email, name=business.owner_name, title=business.owner_role,
                                role="manager", password_hash="")
        staff.password_hash = hash_password(password)
        staff.is_active = True
        session.add(staff)
        session.flush()
        invite = Invite(customer_name="Alex Rivera", email="alex.rivera@example.com", order_ref="WO-20481",
                        language=business.default_language, created_by_id=staff.id)
        session.add(invite)
        session.flush()
        token = links.issue(session, Purpose.INVITE, timedelta(days=settings.invite_link_days), invite_id=invite.id)
    return DemoLogins(staff_email=business.owner_email, staff_password=password, invite_token=token)
