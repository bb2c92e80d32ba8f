"""The demo business: profile, remedy catalog, a manager login and a fresh customer invite;
and, for `portal demo` only, a few open cases whose SLA clocks show every state (``seed_demo_cases``)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from db.engine import read_session, write_session
from db.models import Business, Case, Invite, RemedyOption, StaffMember, utcnow
from portal.api.keys import replace_demo_key
from portal.back_office.passwords import hash_password
from portal.business import current_business
from portal.config import Settings
from portal.entry import links
from portal.entry.tokens import Purpose
from portal.recovery import sla
from portal.recovery.money import to_cents
from portal.stored import stored_id

# Every entry and gift in English, Spanish (usted) and Hebrew (worded so it reads right whoever the customer is),
# so a demo customer reads them in their own language. Each entry's maximum is the most it can cost us; entries whose
# maximum is above the auto-approve limit ($50 in the demo) go to staff unless pre-approved, as a manager would mark
# the everyday remedies of a business.
DEMO_CATALOG: list[dict[str, object]] = [
    dict(
        kind="redo",
        title="A free return visit to redo the work properly",
        value_cents=8900,
        max_value_cents=8900,
        pre_approved=True,
        categories="quality,lateness,damage,missing_item",
        description="We come back at a time that suits you and put it right, at no cost to you.",
        title_es="Una visita gratuita para volver a hacer el trabajo como es debido",
        description_es="Volvemos cuando a usted le convenga y lo dejamos como debe estar, sin ningún costo para usted.",
        title_he="ביקור חוזר ללא תשלום כדי לבצע את העבודה מחדש כמו שצריך",
        description_he="נחזור במועד שנוח לך ונתקן את מה שצריך, ללא כל עלות.",
    ),
    dict(
        kind="refund",
        title="A full refund of the call-out fee",
        value_cents=8900,
        max_value_cents=8900,
        pre_approved=True,
        categories="lateness,staff,communication,quality",
        title_es="El reembolso completo de la tarifa de la visita",
        title_he="החזר מלא של דמי הביקור",
    ),
    dict(
        kind="refund",
        title="A refund of the difference between your quote and your bill (up to $150)",
        value_cents=15000,
        max_value_cents=15000,
        categories="billing",
        title_es="El reembolso de la diferencia entre su presupuesto y su factura (hasta 150 dólares)",
        title_he="החזר ההפרש בין הצעת המחיר לחשבון (עד 150 דולר)",
    ),
    dict(
        kind="replacement",
        title="We repair or replace what we damaged, at our cost",
        value_cents=None,
        max_value_cents=100000,
        categories="damage",
        title_es="Reparamos o reponemos lo que dañamos, a nuestro cargo",
        title_he="אנחנו מתקנים או מחליפים את מה שהזקנו, על חשבוננו",
    ),
    dict(
        kind="replacement",
        title="The missing or wrong part delivered by priority courier",
        value_cents=None,
        max_value_cents=4000,
        categories="missing_item,delivery",
        title_es="La pieza que falta o la equivocada, entregada por mensajería urgente",
        title_he="משלוח החלק החסר או השגוי בשליח אקספרס",
    ),
    dict(
        kind="credit",
        title="A $50 credit on your next service",
        value_cents=5000,
        max_value_cents=5000,
        categories="",
        title_es="Un crédito de 50 dólares para su próximo servicio",
        title_he="זיכוי של 50 דולר לשירות הבא",
    ),
    dict(
        kind="discount",
        title="20% off your next service",
        percent=20,
        max_value_cents=4000,
        categories="",
        title_es="Un 20 % de descuento en su próximo servicio",
        title_he="הנחה של 20% על השירות הבא",
    ),
    dict(
        kind="gift",
        title="A handwritten card and a box of local chocolates",
        value_cents=1500,
        max_value_cents=1500,
        categories="",
        is_gift=True,
        description="A few words from the team, with chocolates from a shop near us.",
        title_es="Una tarjeta escrita a mano y una caja de chocolates de la zona",
        description_es="Unas palabras del equipo, con chocolates de una tienda cercana.",
        title_he="כרטיס בכתב יד וקופסת שוקולדים מתוצרת מקומית",
        description_he="כמה מילים מהצוות, עם שוקולדים מחנות בשכונה שלנו.",
    ),
    dict(
        kind="gift",
        title="A free filter change at your next visit",
        value_cents=2000,
        max_value_cents=2000,
        categories="quality,lateness",
        is_gift=True,
        title_es="Un cambio de filtro gratuito en su próxima visita",
        title_he="החלפת מסנן חינם בביקור הבא",
    ),
]


@dataclass(frozen=True)
class DemoLogins:
    staff_email: str
    staff_password: str
    invite_token: str
    api_key: str  # the demo order system's (invites:write, cases:read)


def ensure_business(session: Session, settings: Settings) -> Business:
    business = session.exec(select(Business).order_by(col(Business.id))).first()
    if business is None:
        business = Business(
            name=settings.business_name,
            owner_name=settings.owner_name,
            owner_role=settings.owner_role,
            owner_email=settings.owner_email or "",
            owner_phone=settings.owner_phone,
            owner_photo_url=settings.owner_photo_url,
            currency=settings.currency,
            default_language=settings.default_language,
            auto_approve_limit_cents=to_cents(settings.auto_approve_limit) or 0,
            agent_approval_limit_cents=to_cents(settings.agent_approval_limit) or 0,
            followup_delay_days=settings.followup_delay_days,
        )
        session.add(business)
        for order, entry in enumerate(DEMO_CATALOG):
            session.add(RemedyOption(sort_order=order, **entry))  # type: ignore[arg-type]  # DEMO_CATALOG's entries are RemedyOption's fields, typed as a plain dict
        session.flush()
    else:
        _translate_demo_catalog(session)
    return business


def _translate_demo_catalog(session: Session) -> None:
    """A demo database made before the catalog had translations gets the demo's Spanish and Hebrew for the
    entries it still holds as the demo wrote them (same English); what a manager wrote stays as it is."""
    demo = {str(entry["title"]): entry for entry in DEMO_CATALOG}
    for option in session.exec(select(RemedyOption).where(col(RemedyOption.title).in_(demo))):
        entry = demo[option.title]
        same_description = option.description == entry.get("description", "")
        for field in ("title_es", "title_he", *(("description_es", "description_he") if same_description else ())):
            if not getattr(option, field) and entry.get(field):
                setattr(option, field, entry[field])
                session.add(option)


def seed_demo(engine: Engine, settings: Settings) -> DemoLogins:
    """Idempotent: the business and catalog are made once; each run resets the demo manager's
    password to a fresh random one and makes a new invite and a new API key, so what it prints always works."""
    password = secrets.token_urlsafe(12)
    with write_session(engine) as session:
        business = ensure_business(session, settings)
        staff = session.exec(select(StaffMember).where(StaffMember.email == business.owner_email)).first()
        if staff is None:
            staff = StaffMember(
                email=business.owner_email,
                name=business.owner_name,
                title=business.owner_role,
                role="manager",
                password_hash="",
            )
        staff.password_hash = hash_password(password)
        staff.is_active = True
        session.add(staff)
        session.flush()
        invite = Invite(
            customer_name="Alex Rivera",
            email="alex.rivera@example.com",
            order_ref="WO-20481",
            language=business.default_language,
            created_by_id=staff.id,
        )
        session.add(invite)
        session.flush()
        token = links.issue(session, Purpose.INVITE, timedelta(days=settings.invite_link_days), invite_id=invite.id)
        api_key = replace_demo_key(session, created_by_id=stored_id(staff), now=utcnow())
    return DemoLogins(
        staff_email=business.owner_email, staff_password=password, invite_token=token, api_key=api_key.key
    )


# Demo cases whose SLA clocks show every state in the queue: (name, email, story, what bothered them most,
# amount, their proposal, business time since opening, business time since the first staff response or None).
DEMO_CASES: list[tuple[str, str, str, str, int, str, timedelta, timedelta | None]] = [
    (
        "Jordan Lee",
        "jordan.lee@example.com",
        "The technician arrived two hours late for the boiler service and nobody called to warn me.",
        "Nobody called to say he would be late",
        12000,
        "Refund the call-out fee",
        timedelta(minutes=20),
        None,
    ),
    (
        "Priya Shah",
        "priya.shah@example.com",
        "I was charged twice for the same plumbing visit and the invoice shows a fee nobody mentioned.",
        "Being charged twice",
        18500,
        "Refund the double charge",
        timedelta(hours=3, minutes=10),
        None,
    ),
    (
        "Marta Gómez",
        "marta.gomez@example.com",
        "Your crew scratched the hallway floor while moving the old water heater out.",
        "The scratched floor",
        30000,
        "Pay for the floor repair",
        timedelta(hours=6),
        None,
    ),
    (
        "Chris Novak",
        "chris.novak@example.com",
        "The new thermostat stopped working a day after installation and the fix was poor quality.",
        "It stopped working after a day",
        4000,
        "Come back and fix it",
        timedelta(hours=9),
        timedelta(hours=8),
    ),
    (
        "Sam Okafor",
        "sam.okafor@example.com",
        "The replacement part you promised never arrived and my order is still missing an item.",
        "Still waiting for the part",
        3500,
        "Send the part by courier",
        timedelta(hours=34),
        timedelta(hours=33),
    ),
]


def _opened_before(now: datetime, span: timedelta, hours: sla.BusinessHours) -> datetime:
    """The latest moment from which ``span`` of business time reaches ``now`` (found by bisection)."""
    low, high = now - timedelta(days=30), now
    while high - low > timedelta(seconds=30):
        middle = low + (high - low) / 2
        if sla.add_business_time(middle, span, hours) <= now:
            low = middle
        else:
            high = middle
    return low


def seed_demo_cases(engine: Engine, settings: Settings, *, now: datetime | None = None) -> int:
    """A few open cases for the demo queue, once (none when any case exists): waiting for a first response
    with plenty of time, due soon and overdue; and responded to, with the resolution clock running or overdue.
    Returns how many were made."""
    # Imported here: cases imports far more than the rest of the seed needs.
    from portal.recovery.cases import RemedyChoice, submit_case
    from portal.recovery.journey import (
        Draft,
        StoryForm,
        confirm,
        nothing_more,
        submit_details,
        submit_evidence,
        submit_story,
    )

    now = now or utcnow()
    with read_session(engine) as session:
        if session.exec(select(Case.id)).first() is not None:
            return 0
        hours = sla.BusinessHours.of(current_business(session))
        owner = session.exec(select(StaffMember.id).where(StaffMember.email == settings.owner_email)).first()
    made = 0
    for name, email, story, bothered, amount, proposal, age, responded in DEMO_CASES:
        draft = Draft(language=settings.default_language)
        if submit_story(draft, StoryForm(name=name, email=email, story=story, bothered_most=bothered)):
            continue  # a story the current rules refuse: leave it out rather than fail the demo
        confirm(draft)
        nothing_more(draft)
        submit_details(draft, now.date(), amount=f"{amount / 100:.2f}")
        submit_evidence(draft, "")
        receipt = submit_case(
            engine,
            draft,
            RemedyChoice(proposal_text=proposal, proposal_amount_cents=amount),
            trusted_caller="portal.seed.seed_demo_cases",
        )
        opened = _opened_before(now, age, hours)
        with write_session(engine) as session:
            case = session.get(Case, receipt.case_id)
            assert case is not None
            case.created_at = case.updated_at = opened
            sla.clocks_on_open(session, case, opened)
            if responded is not None:
                case.first_response_at = _opened_before(now, responded, hours)
                case.sla_due_at = case.resolve_due_at
                case.owner_id = owner
            session.add(case)
        made += 1
    return made
