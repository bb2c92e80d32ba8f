"""Every email Amends sends: what it says, in the recipient's language, and when it is queued.

Each ``queue_*`` function renders one message and adds it to the outbox in the caller's
transaction (``portal.delivery.outbox.enqueue``), with a dedup key that makes a repeated call harmless.
Services call them inside the transaction of the change they announce.

The sentences are written here, through the gettext translator of the recipient's language
(English msgids), so ``scripts/i18n`` and the catalog test see them like the pages' strings.
The Jinja2 templates (``portal/templates/email/<kind>.txt.j2`` and ``.html.j2``) only lay them
out. HTML templates are autoescaped: customer and staff text (paraphrases, remedy descriptions,
comments), and the sentences themselves, are escaped there and left as they are in plain text.
The owner's "reopened" notice is for staff, in English, like the staff pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy import Engine
from sqlmodel import Session

from db.engine import read_session
from db.models import Business, Case, CheckIn, Customer, EmailVerification, Invite, StaffMember
from portal.business import current_business
from portal.config import get_settings
from portal.delivery import outbox
from portal.delivery.outbox import Email
from portal.entry import links
from portal.entry.tokens import Purpose
from portal.i18n import LANGUAGES, Translator, is_rtl, translator
from portal.recovery import checkin_wording
from portal.recovery.money import format_money
from portal.recovery.rounds import confirmed_words
from portal.recovery.states import Event, Status

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "email"
STAFF_LANGUAGE = "en"  # the staff side is in English

KIND_INVITE = "invite"
KIND_CASE_RECEIVED = "case_received"
KIND_DECISION = "decision"
KIND_FULFILLED = "fulfilled"
KIND_CHECKIN = "checkin"
KIND_REOPENED = "reopened"
KIND_VERIFY = "verify_email"

# The decisions that are announced to the customer, and what the email is about.
DECISION_EVENTS = (Event.APPROVE, Event.COUNTER, Event.DECLINE_WITH_ALTERNATIVE, Event.STAFF_OFFER, Event.STAFF_AGREE)


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=lambda name: bool(name and name.endswith(".html.j2")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class Contact:
    """The person the customer deals with: the case owner, or the business's accountable owner."""

    name: str
    role: str
    email: str
    phone: str


def render(kind: str, language: str, subject: str, **context: Any) -> Email:
    """Both parts of ``kind`` in ``language`` (``to`` is filled in by the caller)."""
    values = dict(context, language=language, direction="rtl" if is_rtl(language) else "ltr", subject=subject)
    env = environment()
    text = env.get_template(f"{kind}.txt.j2").render(values)
    html = env.get_template(f"{kind}.html.j2").render(values)
    return Email(kind=kind, to="", subject=subject, text=text, html=html, language=language)


def _language(language: str | None) -> str:
    return language if language in LANGUAGES else "en"


def _addressed(email: Email, to: str) -> Email:
    return Email(
        kind=email.kind, to=to, subject=email.subject, text=email.text, html=email.html, language=email.language
    )


def contact_for(session: Session, case: Case | None, business: Business) -> Contact:
    owner = session.get(StaffMember, case.owner_id) if case is not None and case.owner_id else None
    if owner is not None:
        return Contact(owner.name, owner.title or business.owner_role, owner.email, business.owner_phone)
    return Contact(business.owner_name, business.owner_role, business.owner_email, business.owner_phone)


def _base_url() -> str:
    return (get_settings().base_url or "").rstrip("/")


def _case_url(session: Session, case: Case, token: str | None = None) -> str:
    """The customer's private link to the case; a fresh one unless the caller already has one."""
    if token is None:
        token = links.issue(session, Purpose.CASE, timedelta(days=get_settings().case_link_days), case_id=case.id)
    return links.link_url(_base_url(), token)


def staff_case_url(case: Case) -> str:
    return f"{_base_url()}/case?id={case.id}"


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _customer(session: Session, case: Case) -> Customer:
    customer = session.get(Customer, case.customer_id)
    assert customer is not None
    return customer


# The most of a customer's name an email repeats. The public link's confirmation email goes to any address typed
# there, greeting whatever was typed as the name (up to 200 characters): a stranger's message in our email.
NAME_IN_EMAIL = 60


def short_name(name: str) -> str:
    """The customer's name as an email repeats it: on one line, cut to ``NAME_IN_EMAIL`` characters with "…"."""
    name = " ".join(name.split())
    return name if len(name) <= NAME_IN_EMAIL else name[: NAME_IN_EMAIL - 1].rstrip() + "…"


def _greeting(name: str, _: Translator) -> str:
    return _("Hello {name},").format(name=short_name(name)) if name.strip() else _("Hello,")


def _common(session: Session, case: Case | None, business: Business, _: Translator) -> dict[str, Any]:
    """What every customer email's layout needs: the contact block, in the recipient's language."""
    return dict(
        business_name=business.name, contact=contact_for(session, case, business), contact_heading=_("Your contact")
    )


class _CaseContext(NamedTuple):
    business: Business
    customer: Customer
    language: str
    translate: Translator
    common: dict[str, Any]


def _case_context(
    session: Session, case: Case, business: Business | None = None, customer: Customer | None = None
) -> _CaseContext:
    """What every email about a case starts from: the business, the customer, their language and layout (the
    business and customer rows read again, unless the caller's transaction already holds them)."""
    business = business or current_business(session)
    language = _language(case.language)
    _ = translator(language)
    return _CaseContext(
        business, customer or _customer(session, case), language, _, _common(session, case, business, _)
    )


def _enqueue(session: Session, email: Email, key: str, case: Case | None) -> Any:
    """Queue ``email``; nothing is queued when there is no address to send it to (returns None)."""
    if not email.to:
        return None
    return outbox.enqueue(
        session, email, dedup_key=key, sender=get_settings().sender, case_id=case.id if case is not None else None
    )


# --- the messages -------------------------------------------------------------------------------------------


def queue_invite(session: Session, invite: Invite, url: str, expires_at: datetime) -> Any:
    """The personal link staff prepared, sent to the customer in their language."""
    business = current_business(session)
    language = _language(invite.language)
    _ = translator(language)
    common = _common(session, None, business, _)
    contact = common["contact"]
    subject = _("{business}: tell us what went wrong, and we will put it right").format(business=business.name)
    t = dict(
        greeting=_greeting(invite.customer_name, _),
        intro=_("I'm {owner}, {role} at {business}.").format(
            owner=contact.name, role=contact.role, business=business.name
        ),
        body=_("We heard that something did not go the way it should have, and I would like to put it right."),
        order=_("Your order or reference: {reference}").format(reference=invite.order_ref) if invite.order_ref else "",
        button=_("Tell us what happened"),
        expires=_("This personal link works until {date}.").format(date=_.date(_day(expires_at))),
    )
    email = render(KIND_INVITE, language, subject, t=t, url=url, **common)
    return _enqueue(session, _addressed(email, invite.email), f"invite:{invite.id}", None)


def queue_case_received(
    session: Session, case: Case, case_token: str, *, business: Business | None = None, customer: Customer | None = None
) -> Any:
    """Sent when the case is written: its reference, what happens next, who to contact, the private link
    (``business`` and ``customer``: the rows the transaction that writes the case holds, if it passes them)."""
    business, customer, language, _, common = _case_context(session, case, business, customer)
    owner = common["contact"].name
    days = business.followup_delay_days
    if case.status == Status.ACCEPTED:
        when = _.plural("{days} day", "{days} days", days).format(days=_.number(days))
        next_text = _(
            "{owner} will arrange this within two business days and email you when it is done. "
            "{when} after that we will check in with you to make sure we really made it right."
        ).format(owner=owner, when=when)
    else:
        next_text = _("{owner} will look at your proposal within one business day and reply by email.").format(
            owner=owner
        )
    subject = _("We have your case {reference}").format(reference=case.reference)
    t = dict(
        greeting=_greeting(customer.name, _),
        intro=_("Thank you for telling us. Your case reference is {reference}.").format(reference=case.reference),
        quote_label=_("What bothered you most"),
        next_heading=_("What happens next"),
        next=next_text,
        button=_("See your case"),
        keep=_("Keep this email: its link is your private way back to your case."),
    )
    email = render(
        KIND_CASE_RECEIVED,
        language,
        subject,
        t=t,
        quote=case.confirmed_paraphrase,
        url=_case_url(session, case, case_token),
        **common,
    )
    return _enqueue(session, _addressed(email, customer.email), f"case_received:{case.id}", case)


def queue_decision(
    session: Session, case: Case, event: Event, *, description: str, amount_cents: int | None, reason: str = ""
) -> Any:
    """A staff decision the customer must hear about: approved, counter-offer, alternative, new offer, agreed."""
    if event not in DECISION_EVENTS:
        raise ValueError(f"No decision email for {event}.")
    business, customer, language, _, common = _case_context(session, case)
    reference = case.reference
    agreed = event in (Event.APPROVE, Event.STAFF_AGREE)
    intro = {
        Event.APPROVE: _("Good news: we agreed to your proposal for case {reference}."),
        Event.STAFF_AGREE: _("We have agreed what we will do for case {reference}."),
        Event.COUNTER: _(
            "We can't do exactly what you proposed for case {reference}, but we would like to offer you this instead."
        ),
        Event.DECLINE_WITH_ALTERNATIVE: _("We are sorry: we can't do what you proposed for case {reference}."),
        Event.STAFF_OFFER: _("We have a new offer for you about case {reference}."),
    }[event].format(reference=reference)
    if agreed:
        subject = _("Good news about your case {reference}").format(reference=reference)
        next_text = _("{owner} will arrange this within two business days and email you when it is done.").format(
            owner=common["contact"].name
        )
    else:
        subject = _("An offer about your case {reference}").format(reference=reference)
        next_text = _("Please open your case to accept the offer, or to tell us what would work for you.")
    amount = format_money(amount_cents, case.currency, language)
    t = dict(
        greeting=_greeting(customer.name, _),
        intro=intro,
        reason=_("Why: {reason}").format(reason=reason) if reason else "",
        quote_label=_("What we agreed") if agreed else _("Our offer to you"),
        next=next_text,
        button=_("See your case") if agreed else _("See the offer"),
    )
    email = render(
        KIND_DECISION,
        language,
        subject,
        t=t,
        quote=f"{description} ({amount})" if amount else description,
        url=_case_url(session, case),
        **common,
    )
    # One email per decision: the case version after the decision belongs to it alone.
    return _enqueue(session, _addressed(email, customer.email), f"decision:{case.id}:v{case.version}", case)


def queue_fulfilled(session: Session, case: Case, checkin_due: datetime) -> Any:
    """The remedy was delivered; the customer learns when we will check in."""
    business, customer, language, _, common = _case_context(session, case)
    subject = _("Done: your case {reference}").format(reference=case.reference)
    t = dict(
        greeting=_greeting(customer.name, _),
        intro=_("What we agreed for case {reference} has been done.").format(reference=case.reference),
        checkin=_("We will check in with you on {date}.").format(date=_.date(_day(checkin_due))),
        help=_("If anything is still not right, please contact {owner} directly.").format(owner=common["contact"].name),
        button=_("See your case"),
    )
    email = render(KIND_FULFILLED, language, subject, t=t, url=_case_url(session, case), **common)
    return _enqueue(session, _addressed(email, customer.email), f"fulfilled:{case.id}:v{case.version}", case)


def queue_checkin(
    session: Session, case: Case, checkin: CheckIn, token: str, expires_at: datetime, *, key: str | None = None
) -> Any:
    """The satisfaction check-in, with a fresh single-use link (``token``), in the managers' wording."""
    business, customer, language, _, common = _case_context(session, case)
    values = dict(
        name=short_name(customer.name), reference=case.reference, business=business.name, owner=common["contact"].name
    )
    email = checkin_email(
        checkin_wording.load(session, language), values, links.link_url(_base_url(), token), expires_at, common
    )
    return _enqueue(session, _addressed(email, customer.email), key or f"checkin:{checkin.id}", case)


def checkin_email(
    wording: checkin_wording.Wording, values: dict[str, str], url: str, expires_at: datetime, common: dict[str, Any]
) -> Email:
    """The check-in email in ``wording`` (its language), placeholders filled from ``values``."""
    _ = translator(wording.language)
    subject = " ".join(wording.render(checkin_wording.EMAIL_SUBJECT, values).split())[:300]  # one line
    t = dict(
        greeting=_greeting(values.get("name", ""), _),
        intro=wording.render(checkin_wording.EMAIL_INTRO, values),
        ask=wording.render(checkin_wording.EMAIL_ASK, values),
        button=_("Answer the check-in"),
        expires=_("This link works until {date}.").format(date=_.date(_day(expires_at))),
    )
    return render(KIND_CHECKIN, wording.language, subject, t=t, url=url, **common)


def preview_checkin_email(engine: Engine, wording: checkin_wording.Wording, values: dict[str, str]) -> Email:
    """The check-in email as a customer would receive it, for the managers' wording page (nothing is queued)."""
    with read_session(engine) as session:
        business = current_business(session)
        common = _common(session, None, business, translator(wording.language))
    expires = datetime.now().astimezone() + timedelta(days=get_settings().checkin_link_days)
    return checkin_email(wording, values, links.link_url(_base_url(), "example-link"), expires, common)


def queue_reopened(session: Session, case: Case, checkin: CheckIn, *, escalated: bool = False) -> Any:
    """Tell the case owner (or the business owner) that a check-in reopened the case. Staff text: English.
    ``escalated``: the case was just given to this manager for reopening again (portal.recovery.sla.escalate)."""
    business = current_business(session)
    customer = _customer(session, case)
    contact = contact_for(session, case, business)
    subject = f"Reopened: case {case.reference} (check-in {checkin.made_it_right}/5, {checkin.recommend}/10)"
    email = render(
        KIND_REOPENED,
        STAFF_LANGUAGE,
        subject,
        reference=case.reference,
        owner_name=contact.name,
        customer_name=short_name(customer.name),
        customer_email=customer.email,
        customer_language=LANGUAGES.get(case.language, case.language),
        made_it_right=checkin.made_it_right,
        recommend=checkin.recommend,
        comment=checkin.comment,
        bothered_most=confirmed_words(session, case),
        first_words=case.bothered_most,
        url=staff_case_url(case),
        business_name=business.name,
        reopen_count=case.reopen_count,
        escalated=escalated,
    )
    return _enqueue(session, _addressed(email, contact.email), f"reopened:{checkin.id}", case)


def queue_verification(
    session: Session, verification: EmailVerification, *, to: str, name: str, code: str, url: str, minutes: int
) -> Any:
    """The code and one-time link that confirm a public-link customer's address (portal.entry.intake).

    The only customer email without a case yet; ``code`` and ``url`` exist only here and in the message.
    """
    business = current_business(session)
    language = _language(verification.language)
    _ = translator(language)
    subject = _("Your code for {business}: {code}").format(business=business.name, code=code)
    t = dict(
        greeting=_greeting(name, _),
        intro=_("To make sure this email address is yours, please enter this code where you told us what happened:"),
        link=_("Or confirm with one click:"),
        button=_("Confirm my email"),
        expires=_("The code and the link work for {minutes} minutes.").format(minutes=_.number(minutes)),
        ignore=_("If you did not ask for this, you can ignore this email: nothing happens without the code."),
    )
    email = render(KIND_VERIFY, language, subject, t=t, code=code, url=url, **_common(session, None, business, _))
    return _enqueue(session, _addressed(email, to), f"verify:{verification.id}", None)
