"""The customer's page (``pages/customer.py`` calls ``main``): the recovery conversation, then their case once it
exists.

The link's ``t`` parameter decides what is shown: an invite starts the conversation
with what staff already know; a case link (or an invite that already led to a case)
shows the case as it stands now; no token starts a fresh conversation.

Its code is a module rather than the page file itself because Streamlit runs a page file whole on every
rerun: its imports and its forty-odd function definitions cost 0.06-0.19x a bare script's rerun on each
keystroke's rerun (benchmarks/steps.py), where a module's run once per process.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Literal

import streamlit as st
from sqlalchemy import Engine

from db.models import Business, Invite, utcnow
from portal import catalog_text, decisions, drafts, journey, links
from portal.business import cached_business, cached_choices
from portal.cases import CaseView, RemedyChoice, RemedyLine, SubmissionRejected, current_customer_view, submit_case
from portal.conversation import anything_else_question, apologise, apologise_more
from portal.conversation.vocabulary import Category
from portal.errors import StaleCase
from portal.i18n import Translate, choose_language, page_translator
from portal.intake import VERIFY_PARAM, IntakeRefused
from portal.journey import Draft, Problem, Step, StoryForm
from portal.money import format_money, to_cents
from portal.remedies import OFFER_SOURCES, ConsentRequired, RemedyKind, RemedySource, catalog_amount, needs_consent
from portal.states import IllegalTransition, Status
from portal.text import LIMITS, clean
from portal.tokens import Purpose, new_token
from portal.ui import context
from portal.ui import intake as intake_ui
from portal.ui.attachments import evidence_note, evidence_section
from portal.ui.checkin_page import checkin_page
from portal.ui.navigation import through_app
from portal.ui.session import accept_language, client_key
from portal.ui.tab import CustomerTab, customer_tab
from portal.ui.widgets import (
    NO_RERUN,
    escape_markdown,
    heading,
    heading_markdown,
    keep_across_languages,
    language_switch,
    long_text,
    markdown_with_unbroken,
    phone_link,
    set_direction,
    show_problems,
    show_text,
    step_header,
    unbroken,
)
from portal.ui.wording import consent_sentence, next_steps, status_text

OWN_PROPOSAL = "own"
GENERIC_REFUND = "refund"  # the choice offered when the policy promises a refund and the catalog has none
CONTACT = ("name", "email")


def _refund_text(_: Translate) -> str:
    return _("A refund of what you paid")


def _problems(form: str) -> list[Problem]:
    return customer_tab().problems_of(form)


def _fields(problems: list[Problem]) -> set[str]:
    return {problem.field for problem in problems}


def _set_problems(form: str, problems: list[Problem]) -> None:
    """A callback's check of ``form``: what the step shows next to its fields."""
    customer_tab().set_problems(form, problems)


def welcome(draft: Draft, tab: CustomerTab, business: Business, _: Translate) -> None:
    st.title(business.name)
    if tab.draft_gone:
        tab.draft_gone = False
        st.info(_("We couldn't find that unfinished conversation: we keep one for {days} days after its last step. "
                  "You are welcome to start again here.").format(days=_.number(drafts.KEEP.days)))
    if business.owner_photo_url:
        st.image(business.owner_photo_url, width=96)
    # One text, drawn as a card by the page's CSS (widgets._QUOTES_CSS): a bordered container and three elements
    # in it cost each rerun about a fifth of a bare page's.
    greeting = [_("Hello {name},").format(name=draft.form.name)] if draft.form.name else []
    show_text("\n\n".join([*greeting, _("I'm {owner}, {role} at {business}.").format(
        owner=business.owner_name, role=business.owner_role, business=business.name),
        _("Thank you for speaking up. When something goes wrong, most people simply walk away; by telling us, you "
          "are giving us the chance to put it right. I take personal responsibility for your case, and I will make "
          "sure it is handled properly.")]))
    _step_button(_("Tell us what happened"), draft, _start_story, type="primary")


def _header(draft: Draft, title: str, _: Translate, intro: str = "", note: str = "") -> None:
    """The step's header, with where it stands in this customer's journey ("Step 2 of 6": ``journey.progress``)."""
    number, total = journey.progress(draft.step, draft.needs_verification)
    step_header(number, total, title, _, intro, note)


def _step_button(label: str, draft: Draft, action: Callable[[Draft], object],
                 type: Literal["primary", "secondary"] = "secondary") -> None:
    """A button that moves the conversation on from the step showing it.

    It acts in a callback, so the run the click starts already shows where it leads (a handler calling
    st.rerun() would make the customer wait for two full runs), and only while the draft is still at that
    step: a late second click on a button that is gone does nothing."""
    step = draft.step

    def act() -> None:
        if draft.step is step:
            action(draft)
            _mark_unsaved(draft)

    st.button(label, type=type, on_click=act)


def _start_story(draft: Draft) -> None:
    draft.step = Step.STORY


def story(draft: Draft, tab: CustomerTab, business: Business, _: Translate) -> None:
    problems = tab.problems_of("story")
    form = draft.form
    asked = _contact_asked(draft, problems)
    known = "email" not in asked and not draft.needs_verification  # the invite's address
    kept_at = _("We will keep you updated about this case at {email}.").format(email=form.email) if known else ""
    _header(draft, _("Your story"), _, kept_at)
    # No st.form here: a text area reruns the step when the customer leaves it, so a counter near its limit stays
    # current.
    _contact_fields(form, "story", asked, problems, _)
    long_text(_("What happened?"), "story_story", form.story, LIMITS["story"], _, height=180)
    show_problems(problems, "story", _)
    long_text(_("What bothered you most?"), "story_bothered", form.bothered_most, LIMITS["bothered_most"], _,
              height=100)
    show_problems(problems, "bothered_most", _)
    typed = any(clean(text) for text in (form.story, form.bothered_most, *(getattr(form, name) for name in asked)))
    _fix_and_continue(problems, draft, _send_story, _, typed=typed)


def _contact_asked(draft: Draft, problems: list[Problem]) -> set[str]:
    """The contact fields the story step asks for: those an invite left empty (``journey.asked``), or that its last
    check found wrong. The public link asks for them on a step of their own, once the story is told (``contact``)."""
    return set() if draft.needs_verification else journey.asked(draft, CONTACT, _fields(problems))


def _send_story(draft: Draft) -> None:
    """The story's "Continue" (a callback, so it reads the fields from their keys in ``story``)."""
    typed = st.session_state
    asked = _contact_asked(draft, _problems("story"))
    form = dataclasses.replace(draft.form, name=typed.get("story_name", "") if "name" in asked else draft.form.name,
                               email=typed.get("story_email", "") if "email" in asked else draft.form.email,
                               story=typed.get("story_story", ""), bothered_most=typed.get("story_bothered", ""))
    _set_problems("story", journey.submit_story(draft, form))


def contact(draft: Draft, tab: CustomerTab, business: Business, _: Translate) -> None:
    """The public link's name and address, asked once the story is told; the code is sent from here."""
    problems = tab.problems_of("contact")
    _header(draft, _("How can we reach you?"), _,
            _("We will send you a code to confirm your email address, and keep you updated about your case there."))
    _contact_fields(draft.form, "contact", set(CONTACT), problems, _)
    _step_button(_("Send me a new code") if tab.new_code_asked else _("Send me a code"), draft, _send_contact,
                 type="primary")


def _contact_fields(form: StoryForm, step: str, asked: set[str], problems: list[Problem], _: Translate) -> None:
    """The name and address fields ``asked`` on ``step``, keyed ``{step}_name`` and ``{step}_email``. Nothing on
    the step changes as they are typed, so neither reruns it (NO_RERUN): the step's button reads them."""
    if "name" in asked:
        st.text_input(_("Your name (optional)"), value=form.name, max_chars=LIMITS["name"], key=f"{step}_name",
                      autocomplete="name", on_change=NO_RERUN)
        show_problems(problems, "name", _)
    if "email" in asked:
        st.text_input(_("Your email"), value=form.email, max_chars=LIMITS["email"], key=f"{step}_email",
                      autocomplete="email", help=_("We only use it to keep you updated about this case."), on_change=NO_RERUN)
        show_problems(problems, "email", _)


def _send_contact(draft: Draft) -> None:
    typed = st.session_state
    name, email = typed.get("contact_name", ""), typed.get("contact_email", "")
    if intake_ui.caught(email):
        return
    _set_problems("contact", journey.submit_contact(draft, name, email))
    if draft.step is Step.CONTACT:  # a problem to fix first
        return
    tab = customer_tab()
    if draft.step is Step.VERIFY:  # an address not confirmed yet: send the code now (a new one, if asked for)
        intake_ui.send_code(draft, resend=tab.new_code_asked)
    tab.new_code_asked = False


def details(draft: Draft, tab: CustomerTab, business: Business, _: Translate) -> None:
    """The date and the amount, both optional (the amount they paid is what a refund gives back). The order and
    photos come on a step of their own (``evidence``): a step's every element costs each of its reruns."""
    problems = tab.problems_of("details")
    form = draft.form
    _header(draft, _("A few details"), _,
            _("They help us put it right: the amount you paid, for instance, is what a refund gives back."))
    # One under the other: a row would be a block of its own, drawn again on every rerun (see _QUOTES_CSS).
    st.date_input(_("When did it happen? (optional)"), value=form.incident_date, max_value=date.today(),
                  key="details_date", on_change=NO_RERUN)
    st.number_input(_("Amount involved (optional)"), value=_as_float(form.amount), min_value=0.0, step=1.0,
                    format="%.2f", key="details_amount", on_change=NO_RERUN)
    for field in ("incident_date", "amount"):
        show_problems(problems, field, _)
    _fix_and_continue(problems, draft, _send_details, _)


def _send_details(draft: Draft) -> None:
    typed = st.session_state
    _set_problems("details", journey.submit_details(
        draft, date.today(), incident_date=typed.get("details_date"), amount=typed.get("details_amount")))


def evidence(draft: Draft, tab: CustomerTab, business: Business, _: Translate) -> None:
    """The order or reference, if the invite left it empty (or on the public link), and photos or PDFs: all
    optional, just before the remedies. Files are stored as they arrive; a refused one leaves the order as typed."""
    problems = tab.problems_of("evidence")
    form = draft.form
    asks_order = _asks_order(draft, problems)
    if asks_order:
        order = _("An order or reference number, if you have one, helps us find what it is about.")
    else:
        order = _("Your order or reference: {order_ref}.").format(order_ref=form.order_ref) if form.order_ref else ""
    # Said in the intro rather than as elements of their own (each costs every rerun).
    _header(draft, _("Anything to show us?"), _, "\n\n".join(filter(None, (order, evidence_note(_)))))
    if asks_order:
        _order_field(form, "evidence_order", problems, _)
    evidence_section(draft, tab, _)
    _fix_and_continue(problems, draft, _send_evidence, _)


def _fix_and_continue(problems: list[Problem], draft: Draft, action: Callable[[Draft], object], _: Translate, *,
                      typed: bool = True) -> None:
    """The step's Continue, after a word on what to fix; "everything you typed is still here" only when something
    was (``typed``)."""
    if problems and typed:
        st.error(_("Please check the highlighted fields. Everything you typed is still here."))
    elif problems:
        st.error(_("Please fill in the highlighted fields."))
    _step_button(_("Continue"), draft, action, type="primary")


def _asks_order(draft: Draft, problems: list[Problem]) -> bool:
    """Whether the order and photos step asks for the order reference: when the invite left it empty
    (``journey.asked``; the public link has no invite), or its last check found it wrong."""
    return "order_ref" in journey.asked(draft, ("order_ref",), _fields(problems))


def _order_field(form: StoryForm, key: str, problems: list[Problem], _: Translate) -> None:
    """The optional order or reference (nothing on its step depends on it: NO_RERUN)."""
    st.text_input(_("Order or reference (optional)"), value=form.order_ref, max_chars=LIMITS["order_ref"], key=key,
                  on_change=NO_RERUN)
    show_problems(problems, "order_ref", _)


def _send_evidence(draft: Draft) -> None:
    asks_order = _asks_order(draft, _problems("evidence"))
    order_ref = st.session_state.get("evidence_order", "") if asks_order else draft.form.order_ref
    _set_problems("evidence", journey.submit_evidence(draft, order_ref))


def verify_email(draft: Draft, tab: CustomerTab, business: Business, _: Translate) -> None:
    intake_ui.verify_step(draft, tab, _, partial(_header, draft, _("Confirm your email"), _))


def _as_float(value: float | str | None) -> float | None:
    """The amount for its box as the customer typed it; one outside the range is shown too, its problem beside it."""
    try:
        cents = to_cents(value)
    except ValueError:
        return value if isinstance(value, float) and math.isfinite(value) else None
    return cents / 100 if cents is not None else None


def validate(draft: Draft, tab: CustomerTab, business: Business, _: Translate) -> None:
    _header(draft, _("Did we understand you?"), _,
            _("Here is what we understood. Please tell us whether we got it right."))
    show_text(draft.current_round.paraphrase)
    if tab.correcting:
        _correction(draft, tab, _)
        return
    # One under the other rather than in a row: a row is a block of its own, and costs the click that shows this
    # step about as much again in the browser (see portal/ui/widgets._QUOTES_CSS).
    _step_button(_("Yes, that's right"), draft, journey.confirm, type="primary")
    _step_button(_("Not quite"), draft, _start_correcting)
    if draft.may_use_own_words:
        _step_button(_("Keep my own words as they are"), draft, journey.keep_own_words)


def _start_correcting(draft: Draft) -> None:
    customer_tab().correcting = True


def _correction(draft: Draft, tab: CustomerTab, _: Translate) -> None:
    problems = tab.problems_of("correction")
    long_text(_("What did we get wrong? Put it in your own words, change or add anything."),
              "correction_text", draft.current_round.customer_text, LIMITS["correction"], _)
    show_problems(problems, "correction", _)
    _step_button(_("Check again"), draft, _check_correction, type="primary")


def _check_correction(draft: Draft) -> None:
    problems = journey.correct(draft, st.session_state.get("correction_text", ""))
    _set_problems("correction", problems)
    customer_tab().correcting = bool(problems)


def apologize(draft: Draft, tab: CustomerTab, business: Business, _: Translate) -> None:
    _header(draft, _("We're sorry"), _)
    main = draft.confirmed(0)
    assert main is not None
    # One paragraph: the apology for what bothered them most, then one line for each thing they added.
    show_text("\n\n".join([apologise(Category(draft.category), main.customer_text, draft.language),
                            *(apologise_more(item, draft.language) for item in draft.more_items)]))
    problems = tab.problems_of("more")
    # The question is the field's label: one element fewer, and the field says what it is for.
    long_text(escape_markdown(anything_else_question(draft.language)), "more_text", "", LIMITS["more"], _)
    show_problems(problems, "more", _)
    _step_button(_("Add this"), draft, _add_more)
    _step_button(_("No, that's everything"), draft, _nothing_more, type="primary")


def _add_more(draft: Draft) -> None:
    _set_problems("more", journey.add_more(draft, st.session_state.get("more_text", "")))


def _nothing_more(draft: Draft) -> None:
    _set_problems("more", journey.nothing_more(draft, st.session_state.get("more_text", "")))


def remedy(draft: Draft, tab: CustomerTab, business: Business, _: Translate) -> None:
    _header(draft, _("Let us put it right"), _)
    choices = cached_choices(context.engine(), draft.category, business.refund_always_offered)
    offered = choices.offers
    offers = {f"opt:{o.id}": o for o in offered}
    gifts = {f"gift:{g.id}": g for g in choices.gifts}
    # No refund in the catalog at all, but the policy promises one: a refund of what they told us they paid.
    generic_refund = choices.generic_refund

    def option_text(key: str) -> str:
        if key == GENERIC_REFUND:
            return _priced(_refund_text(_), format_money(draft.amount_cents, business.currency, draft.language), _)
        option = offers[key] if key in offers else gifts[key]
        # A refund gives back no more than they told us they paid (portal.remedies.catalog_amount).
        cents = catalog_amount(option, draft.amount_cents) if key in offers else option.value_cents
        title = catalog_text.option_text(option, draft.language)[0]
        return _priced(title, format_money(cents, business.currency, draft.language), _)

    def label(key: str) -> str:
        if key == OWN_PROPOSAL:
            return _("Something else: I'll propose what would work for me")
        return escape_markdown(option_text(key))

    def captions(keys: list[str]) -> list[str]:
        """Each catalog entry's description under its title (part of the choice's one element)."""
        found = {**offers, **gifts}
        return [escape_markdown(catalog_text.option_text(found[key], draft.language)[1]) if key in found else ""
                for key in keys]

    keys = [*offers, *([GENERIC_REFUND] if generic_refund else []), OWN_PROPOSAL]
    choice = st.radio(_("What would put this right for you?"), options=keys, format_func=label,
                      captions=captions(keys), index=None, key=keep_across_languages("remedy_choice"))
    problems = tab.problems_of("remedy")
    refund_offered = generic_refund or any(o.kind == RemedyKind.REFUND for o in offered)

    def agreement(key: str) -> str:
        """The sentence a customer agrees to by choosing this offer ("" when it is money back)."""
        if key not in offers or not needs_consent(offers[key].kind, RemedySource.CATALOG):
            return ""
        return consent_sentence(option_text(key), "choose" if refund_offered else None, _)

    sentence = agreement(choice) if choice is not None else ""
    if sentence:
        _consent_box(sentence, f"consent_{choice}", problems, _)
    if choice == OWN_PROPOSAL:
        long_text(_("Your proposal"), "proposal_text", "", LIMITS["proposal"], _)
        show_problems(problems, "proposal", _)
        st.number_input(_("Amount, if any (optional)"), value=None, min_value=0.0, step=1.0, format="%.2f",
                        key="proposal_amount", on_change=NO_RERUN)
        show_problems(problems, "proposal_amount", _)
    if gifts:
        # The heading and its note are the choice's label: a heading of their own would be one element more on
        # every rerun of the step.
        title, note = _("Something extra from us"), _("A small thank-you for telling us, whatever you choose above.")
        st.radio(f"**{escape_markdown(title)}**  \n:gray[{escape_markdown(note)}]", options=list(gifts),
                 format_func=label, captions=captions(list(gifts)), key=keep_across_languages("gift_choice"),
                 on_change=NO_RERUN)
    def confirm(draft: Draft) -> None:
        """Reads what is chosen and typed at the moment of the click (a callback runs before the page)."""
        typed = st.session_state
        chosen, gift = typed.get("remedy_choice"), typed.get("gift_choice")
        agreed = agreement(chosen) if chosen is not None and typed.get(f"consent_{chosen}") else ""
        _submit(draft, chosen, typed.get("proposal_text", "") if chosen == OWN_PROPOSAL else "",
                typed.get("proposal_amount") if chosen == OWN_PROPOSAL else None,
                gifts[gift].id if gift in gifts else None, offers, _, agreed)

    _step_button(_("Confirm my choice"), draft, confirm, type="primary")
    for problem in problems:
        if problem.field == "choice":
            st.error(_("Please choose one of the options, or propose your own."))
        if problem.field == "unavailable":
            st.error(_("Sorry, that option is no longer available. Please choose another one."))
    intake_ui.show_case_refusal(tab, _)


def _consent_box(sentence: str, key: str, problems: list[Problem], _: Translate) -> str:
    """The explicit agreement to a remedy that is not money back: returns the sentence once ticked, else ""."""
    ticked = st.checkbox(escape_markdown(sentence), key=key)
    if any(p.field == "consent" for p in problems) and not ticked:
        st.error(_("Please tick the box to agree, or choose another option. Nothing you chose or typed has been "
                   "lost."))
    return sentence if ticked else ""


def _submit(draft: Draft, choice: str | None, text: str, amount: float | None, gift_id: int | None,
            offers: dict, _: Translate, consent_text: str = "") -> None:
    """The remedy step's "Confirm my choice" (in its callback): the case is written, or the step says why not."""
    if choice is None:
        _set_problems("remedy", [Problem("choice", "required")])
        return
    if choice == OWN_PROPOSAL:
        problems = journey.check_proposal(text, amount)
        if problems:
            _set_problems("remedy", problems)
            return
        selection = RemedyChoice(proposal_text=text, proposal_amount_cents=to_cents(amount), gift_option_id=gift_id)
    elif choice == GENERIC_REFUND:
        selection = RemedyChoice(proposal_text=_refund_text(_), proposal_amount_cents=draft.amount_cents,
                                 proposal_kind=RemedyKind.REFUND, gift_option_id=gift_id)
    else:
        if needs_consent(offers[choice].kind, RemedySource.CATALOG) and not consent_text:
            _set_problems("remedy", [Problem("consent", "required")])
            return
        selection = RemedyChoice(option_id=offers[choice].id, gift_option_id=gift_id, consent_text=consent_text)
    tab = customer_tab()
    try:
        receipt = submit_case(context.engine(), draft, selection, invite_token=tab.invite_token,
                              source=client_key())
    except IntakeRefused as refusal:  # address not confirmed, or too many new cases this hour
        intake_ui.case_refused(draft, refusal)
        return
    except ConsentRequired:
        _set_problems("remedy", [Problem("consent", "required")])
        return
    except SubmissionRejected as rejected:
        if rejected.link_lapsed:  # the invite expired during the conversation: the whole page says so (link_problem)
            tab.draft = None
            return
        _set_problems("remedy", [Problem("unavailable", "unavailable")])
        return
    # The case exists now: from here on the page (and any reload) shows it through its own link. The run this click
    # starts opens that link and shows the case from what the submission holds, without asking the database again.
    tab.just_submitted, tab.draft = receipt.reference, None
    tab.opened_links[receipt.token] = receipt.link
    tab.case_view = receipt.view or tab.case_view
    st.query_params.pop(drafts.TOKEN_PARAM, None)
    st.query_params["t"] = receipt.token


STEPS: dict[Step, Callable[[Draft, CustomerTab, Business, Translate], None]] = {
    Step.WELCOME: welcome,
    Step.STORY: story,
    Step.CONTACT: contact,
    Step.VERIFY: verify_email,
    Step.VALIDATE: validate,
    Step.APOLOGY: apologize,
    Step.DETAILS: details,
    Step.EVIDENCE: evidence,
    Step.REMEDY: remedy,
}


def _priced(text: str, amount: str, _: Translate) -> str:
    """A remedy and its value, "A $50 credit ($50.00)", each part kept whole in a right-to-left page."""
    return f"{_.isolated(text)} ({_.isolated(amount)})" if amount else _.isolated(text)


def _line_text(line: RemedyLine, view: CaseView, _: Translate) -> str:
    return _priced(line.text(view.language), format_money(line.amount_cents, view.currency, view.language), _)


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
        _consent_box(sentence, consent_key, tab.problems_of("offer"), _)
    st.button(_("Accept this offer"), type="primary", on_click=_accept_offer, args=(view, sentence, consent_key, _))
    with st.expander(_("Propose something else")):
        problems = tab.problems_of("counter_reply")
        long_text(_("Your proposal"), "reply_text", "", LIMITS["proposal"], _)
        show_problems(problems, "proposal", _)
        st.number_input(_("Amount, if any (optional)"), value=None, min_value=0.0, step=1.0, format="%.2f",
                        key="reply_amount", on_change=NO_RERUN)
        show_problems(problems, "proposal_amount", _)
        st.button(_("Send my proposal"), on_click=_reply_to_offer, args=(view, _))


def _accept_offer(view: CaseView, sentence: str, consent_key: str, _: Translate) -> None:
    """``sentence``: what the customer must agree to ("" when the offer is money back)."""
    if sentence and not st.session_state.get(consent_key):
        _set_problems("offer", [Problem("consent", "required")])
        return
    _set_problems("offer", [])  # a later offer starts without this one's reminder
    _customer_act(lambda: decisions.customer_accept_offer(context.engine(), view.id, view.version, sentence), _)


def _reply_to_offer(view: CaseView, _: Translate) -> None:
    text, amount = st.session_state.get("reply_text", ""), st.session_state.get("reply_amount")
    problems = journey.check_proposal(text, amount)
    _set_problems("counter_reply", problems)
    if not problems:
        _customer_act(lambda: decisions.customer_propose(context.engine(), view.id, view.version, text,
                                                         to_cents(amount)), _)


def _customer_act(action: Callable[[], object], _: Translate) -> None:
    try:
        action()
    except (StaleCase, IllegalTransition):
        # A second click, or staff acted meanwhile: the page below shows where things stand now.
        customer_tab().case_notice = _("Your case was updated in the meantime. Here is where it stands now.")


def case_page(tab: CustomerTab, case_id: int, business: Business) -> None:
    case_details(tab, case_id, visit_language(business, _case_view(tab, case_id, business).language))


@st.fragment
def case_details(tab: CustomerTab, case_id: int, language: str) -> None:
    """The case as it stands, with the customer's answer to an offer. A fragment, as the conversation is: a click
    or a field change here reruns only this, and the page around it stays as drawn."""
    business = cached_business(context.engine())
    view = dataclasses.replace(_case_view(tab, case_id, business), language=language)
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


def _case_view(tab: CustomerTab, case_id: int, business: Business) -> CaseView:
    """The case as it stands, read from the database only after it changed (``current_customer_view``)."""
    tab.case_view = current_customer_view(tab.case_view, context.engine(), case_id, business)
    return tab.case_view.value


def _what_next(view: CaseView, business: Business, _: Translate) -> str:
    """The case page's end, in one element: what happens next, the contact (names and addresses staff set, so
    escaped here like all our text) and the reminder to keep the link."""
    our_offer = any(r.source in OFFER_SOURCES for r in view.agreed)
    paragraphs = [heading_markdown(_("What happens next")), escape_markdown(
        next_steps(view.status, view.owner_name, business.followup_delay_days, _, our_offer=our_offer))]
    if view.followup_due:
        paragraphs.append(escape_markdown(_("We will check in with you on {date}.").format(
            date=_.date(view.followup_due))))
    contact = [escape_markdown(_.isolated(line)) for line in (f"{view.owner_name}, {view.owner_role}", view.owner_email)
               if line]
    keep_link = _("Keep this page's address: it is your private link to this case.")
    phone = phone_link(_.isolated(view.owner_phone)) if view.owner_phone else ""
    paragraphs += [heading_markdown(_("Your contact")), "  \n".join(filter(None, [*contact, phone])),
                   f":gray[{escape_markdown(keep_link)}]"]
    return "\n\n".join(paragraphs)


def link_problem(state: links.LinkState, business: Business) -> None:
    _ = page_translator(visit_language(business))
    if state is links.LinkState.THROTTLED:
        st.title(_("Please wait a few minutes"))
        st.write(_("Several links that don't work were opened from here. For everyone's safety, please try again "
                   "in {minutes} minutes.").format(minutes=int(links.PROBE_WINDOW.total_seconds() // 60)))
        return
    if state is links.LinkState.EXPIRED:
        st.title(_("This link has expired"))
        st.write(_("For your security, links stop working after a while."))
    else:
        st.title(_("We couldn't find this link"))
        st.write(_("Please check that the whole address was copied. If it still doesn't work, we are happy to help."))
    show_text(_("Ask {owner} for a new link: {email}").format(owner=business.owner_name, email=business.owner_email))
    if st.button(_("Start a new conversation instead")):
        st.query_params.clear()
        st.rerun()


def visit_language(business: Business, preferred: str | None = None) -> str:
    """The customer's pick in the switch, else ``preferred`` (the conversation's, invite's or case's language),
    the link's ``lang``, the browser's, the business default; the page's direction follows it."""
    language = language_switch(choose_language(invite=preferred, link_param=st.query_params.get("lang"),
                                               accept_language=accept_language(),
                                               default=business.default_language))
    set_direction(language, quotes=True)  # show_text draws a quote here
    return language


def current_draft(tab: CustomerTab, business: Business, link: links.ResolvedLink | None, token: str | None) -> Draft:
    """This tab's conversation; when the session starts, the one its link left unfinished (``_resumed``), else a
    new one."""
    invite = link.invite if link else None
    ours = tab.draft is not None and tab.invite_token == token
    draft: Draft | None = tab.draft if ours else _resumed(tab, invite)
    language = visit_language(business, draft.language if draft else invite.language if invite else None)
    if draft is None:
        # The public link (no invite): the customer confirms their email before the case can be written.
        draft = Draft(language=language, needs_verification=invite is None)
        if invite is not None:
            draft.form = draft.invited = StoryForm(name=invite.customer_name, email=invite.email,
                                                   order_ref=invite.order_ref, amount=invited_amount(invite))
    if not ours:
        tab.draft, tab.invite_token, tab.invite_id = draft, token if invite else None, invite.id if invite else None
    if draft.language != language:
        journey.switch_language(draft, language)
    return draft


def invited_amount(invite: Invite) -> float | None:
    """What the invite says the customer paid, for the details step to start with (they can still change it)."""
    return None if invite.amount_cents is None else invite.amount_cents / 100


def _resumed(tab: CustomerTab, invite: Invite | None) -> Draft | None:
    """The conversation this invite, or the public link's ``?d=``, left unfinished, if it is still kept."""
    if invite is not None:
        return drafts.find(context.engine(), invite_id=invite.id)
    token = st.query_params.get(drafts.TOKEN_PARAM)
    if not token:
        return None
    found = drafts.open_by_token(context.engine(), token, client_key())  # raises TooManyGuesses: see main
    if found is None:  # expired, or a mistyped address: start again, and say why the story isn't there
        del st.query_params[drafts.TOKEN_PARAM]
        tab.draft_gone = True
    return found


def _page_moved_on(tab: CustomerTab, draft: Draft) -> bool:
    """Whether this tab's conversation is no longer ``draft``: sent as a case (the page shows it now), replaced,
    ended by its invite lapsing (``_submit``), or closed by a filled honeypot (``intake_ui.caught``)."""
    return tab.draft is not draft or tab.intake_closed


def _mark_unsaved(draft: Draft) -> None:
    """A click moved the conversation on: ``_keep`` writes it at the end of this run, once the story is sent."""
    tab = customer_tab()
    if tab.draft is draft and draft.step not in (Step.WELCOME, Step.STORY):
        tab.unsaved = True  # else written as a case by this very click, or nothing sent yet


def _keep(tab: CustomerTab, draft: Draft) -> None:
    """Keep the conversation on the server (portal.drafts) after a step, so a reload or a dropped tab comes back to
    it; the public link's first save puts the draft's token in the address.

    Called once the page is drawn, and the write itself is handed over (``drafts.save_later``): the next step
    reaches the customer's screen without waiting for it. A write that failed (a store busy for too long) is
    tried again by the next run, as is one a run stopped before reaching this. Called by ``conversation`` only,
    which has made sure that ``draft`` is still this tab's conversation."""
    saving = tab.saving
    if saving is not None and saving.done():
        tab.saving = None
        tab.unsaved = tab.unsaved or saving.exception() is not None
    if not tab.unsaved:
        return
    invite_id = tab.invite_id
    tab.saving = drafts.save_later(context.engine(), draft, invite_id=invite_id,
                                   token=None if invite_id is not None else _address_token())
    tab.unsaved = False


def _address_token() -> str:
    """The token of the public link's draft: the one in the address, or a new one put there now."""
    token = st.query_params.get(drafts.TOKEN_PARAM)
    if not token:
        token = st.query_params[drafts.TOKEN_PARAM] = new_token()
    return token


def open_customer_link(tab: CustomerTab, engine: Engine, token: str) -> links.ResolvedLink:
    """The page's link. Looked up once per session: a valid link stays so until it expires (see
    ``ResolvedLink.still_valid``), and every keystroke's rerun would otherwise ask the database again."""
    opened = tab.opened_links
    held = opened.get(token)
    if held is not None and held.still_valid(utcnow()):
        return held
    link = links.open_link(engine, token, client_key())
    if link.state is links.LinkState.VALID:
        opened[token] = link
    return link


def main() -> None:
    through_app()
    tab = customer_tab()
    engine = context.engine()
    business = cached_business(engine)  # a manager's change shows at once (portal/business.py)
    token = st.query_params.get("t")
    verify_token = st.query_params.get(VERIFY_PARAM)
    if verify_token and not token:  # the one-time link from the "confirm your email" message
        intake_ui.link_page(verify_token, business, page_translator(visit_language(business)))
        return
    if tab.intake_closed:  # the honeypot was filled: nothing more here
        intake_ui.closed_page(business, page_translator(visit_language(business)))
        return
    link = open_customer_link(tab, engine, token) if token else None
    if link is not None and link.purpose is Purpose.CHECKIN:  # open, answered or expired: portal/ui/checkin_page.py
        checkin_page(str(token))
        return
    if link is not None and link.state is not links.LinkState.VALID:
        link_problem(link.state, business)
        return
    if link is not None and link.case_id is not None:
        case_page(tab, link.case_id, business)
        return
    try:
        draft = current_draft(tab, business, link, token)
    except drafts.TooManyGuesses:
        link_problem(links.LinkState.THROTTLED, business)
        return
    with intake_ui.around_conversation(tab, draft):
        conversation(tab, draft)


@st.fragment
def conversation(tab: CustomerTab, draft: Draft) -> None:
    """The conversation's current step.

    A fragment: a click or a field change on a step reruns only this, not the page around it (its language,
    direction and styles, the language switch, app.py's navigation), which only a full run changes. A click that
    ends the conversation here (``_page_moved_on``) changes the whole page, as does one that starts or stops the
    poll for the emailed link (``intake_ui.page_outdated``): a full run shows what it became."""
    if _page_moved_on(tab, draft) or intake_ui.page_outdated(tab, draft):
        st.rerun(scope="app")
    STEPS[draft.step](draft, tab, cached_business(context.engine()), page_translator(draft.language))
    _keep(tab, draft)

