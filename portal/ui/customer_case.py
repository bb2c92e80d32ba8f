"""The customer's case page: the case as it stands (what bothered them, what was agreed, what waits, our offers
and gifts), their answer to an offer, and what happens next; ``customer_page`` opens it for a case's link.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import streamlit as st

from db.models import Business
from portal.business import cached_business
from portal.errors import StaleCase
from portal.i18n import Translate, page_translator
from portal.recovery import decisions, journey
from portal.recovery.cases import CaseView, RemedyLine, current_customer_view
from portal.recovery.journey import Problem
from portal.recovery.money import format_money, to_cents
from portal.recovery.remedies import OFFER_SOURCES, needs_consent
from portal.recovery.states import IllegalTransition, Status
from portal.ui import context
from portal.ui.customer_conversation import consent_box, proposal_fields
from portal.ui.tab import CustomerTab, customer_tab
from portal.ui.widgets import (
    escape_markdown,
    heading,
    heading_markdown,
    markdown_with_unbroken,
    phone_link,
    show_text,
    unbroken,
)
from portal.ui.wording import consent_sentence, next_steps, priced, status_text


def _line_text(line: RemedyLine, view: CaseView, _: Translate) -> str:
    return priced(line.text(view.language), format_money(line.amount_cents, view.currency, view.language), _)


def _remedy_section(title: str, lines: list[RemedyLine], view: CaseView, _: Translate) -> None:
    """A heading and the section's lines, with what the customer agreed to under each: two elements, whatever
    the number of lines (each element costs every rerun and every redraw)."""
    if not lines:
        return
    heading(title)
    shown: list[str] = []
    for line in lines:
        shown.append(_line_text(line, view, _))
        if line.consent_text:
            shown.append(_("You agreed: {agreement}").format(agreement=line.consent_text))
    show_text("\n".join(shown))


def _answer_offer(view: CaseView, offer: RemedyLine, business: Business, tab: CustomerTab, _: Translate) -> None:
    """The customer's turn: take the offer on the table (agreeing explicitly when it is not money back),
    or say what would work instead. Both buttons act in callbacks, with the case version this page showed."""
    consent_key, sentence = f"offer_consent_{offer.id}", ""
    if needs_consent(offer.kind, offer.source):
        sentence = consent_sentence(_line_text(offer, view, _), "ask" if business.refund_always_offered else None, _)
        consent_box(sentence, consent_key, tab.problems_of("offer"), _)
    st.button(_("Accept this offer"), type="primary", on_click=_accept_offer, args=(view, sentence, consent_key, _))
    with st.expander(_("Propose something else")):
        problems = tab.problems_of("counter_reply")
        proposal_fields("reply", problems, _)
        st.button(_("Send my proposal"), on_click=_reply_to_offer, args=(view, _))


def _accept_offer(view: CaseView, sentence: str, consent_key: str, _: Translate) -> None:
    """``sentence``: what the customer must agree to ("" when the offer is money back)."""
    if sentence and not st.session_state.get(consent_key):
        customer_tab().set_problems("offer", [Problem("consent", "required")])
        return
    customer_tab().set_problems("offer", [])  # a later offer starts without this one's reminder
    _customer_act(lambda: decisions.customer_accept_offer(context.engine(), view.id, view.version, sentence), _)


def _reply_to_offer(view: CaseView, _: Translate) -> None:
    text, amount = st.session_state.get("reply_text", ""), st.session_state.get("reply_amount")
    problems = journey.check_proposal(text, amount)
    customer_tab().set_problems("counter_reply", problems)
    if not problems:
        _customer_act(
            lambda: decisions.customer_propose(context.engine(), view.id, view.version, text, to_cents(amount)), _
        )


def _customer_act(action: Callable[[], object], _: Translate) -> None:
    try:
        action()
    except (StaleCase, IllegalTransition):
        # A second click, or staff acted meanwhile: the page below shows where things stand now.
        customer_tab().case_notice = _("Your case was updated in the meantime. Here is where it stands now.")


@st.fragment
def case_details(tab: CustomerTab, case_id: int, language: str) -> None:
    """The case as it stands, with the customer's answer to an offer. A fragment, as the conversation is: a click
    or a field change here reruns only this, and the page around it stays as drawn."""
    business = cached_business(context.engine())
    view = dataclasses.replace(case_view(tab, case_id, business), language=language)
    _ = page_translator(language)
    if tab.just_submitted == view.reference:
        st.success(_("Thank you. We have everything we need, and your case is in good hands."))
    if tab.case_notice:
        st.info(tab.case_notice)
        tab.case_notice = None
    # The title, where the case stands and the next heading: one element (each costs every rerun and redraw).
    title = "# " + escape_markdown(_("Your case {reference}")).format(reference=unbroken(view.reference))
    bothered = heading_markdown(_("What bothered you most"))  # (no _() inside f-strings: the extractor skips them)
    markdown_with_unbroken(f"{title}\n\n{escape_markdown(status_text(view.status, _))}\n\n{bothered}")
    show_text("\n\n".join([view.confirmed_paraphrase, *view.more_apologies]))
    _remedy_section(_("What we agreed"), view.agreed, view, _)
    _remedy_section(_("Your proposal, waiting for our answer"), view.pending, view, _)
    _remedy_section(_("Our offer to you"), view.offers, view, _)
    if view.offers and view.status in (Status.COUNTERED, Status.AWAITING_CUSTOMER):
        _answer_offer(view, view.offers[-1], business, tab, _)
    _remedy_section(_("Something extra from us"), view.gifts, view, _)
    st.markdown(_what_next(view, business, _))


def case_view(tab: CustomerTab, case_id: int, business: Business) -> CaseView:
    """The case as it stands, read from the database only after it changed (``current_customer_view``)."""
    tab.case_view = current_customer_view(tab.case_view, context.engine(), case_id, business)
    return tab.case_view.value


def _what_next(view: CaseView, business: Business, _: Translate) -> str:
    """The case page's end, in one element: what happens next, the contact (names and addresses staff set, so
    escaped here like all our text) and the reminder to keep the link."""
    our_offer = any(r.source in OFFER_SOURCES for r in view.agreed)
    paragraphs = [
        heading_markdown(_("What happens next")),
        escape_markdown(next_steps(view.status, view.owner_name, business.followup_delay_days, _, our_offer=our_offer)),
    ]
    if view.followup_due:
        paragraphs.append(
            escape_markdown(_("We will check in with you on {date}.").format(date=_.date(view.followup_due)))
        )
    contact = [
        escape_markdown(_.isolated(line))
        for line in (f"{view.owner_name}, {view.owner_role}", view.owner_email)
        if line
    ]
    keep_link = _("Keep this page's address: it is your private link to this case.")
    phone = phone_link(_.isolated(view.owner_phone)) if view.owner_phone else ""
    paragraphs += [
        heading_markdown(_("Your contact")),
        "  \n".join(filter(None, [*contact, phone])),
        f":gray[{escape_markdown(keep_link)}]",
    ]
    return "\n\n".join(paragraphs)
