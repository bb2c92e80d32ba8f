"""The customer's conversation, step by step: welcome, the story, how to reach them, the paraphrase to confirm,
the apology and "anything else?", the details, the evidence and the remedy, whose "Confirm my choice" writes the
case (``_submit``). ``STEPS`` maps each step to the function that draws it; ``customer_page.conversation`` runs the
current one in a fragment and keeps the draft after it.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Literal

import streamlit as st

from db.models import Business
from portal.business import cached_choices
from portal.conversation import anything_else_question, apologise, apologise_more
from portal.conversation.vocabulary import Category
from portal.entry.intake import IntakeRefused
from portal.i18n import Translate
from portal.recovery import catalog_text, drafts, journey
from portal.recovery.cases import RemedyChoice, SubmissionRejected, submit_case
from portal.recovery.journey import Draft, Problem, Step, StoryForm
from portal.recovery.money import format_money, to_cents
from portal.recovery.remedies import ConsentRequired, RemedyKind, RemedySource, catalog_amount, needs_consent
from portal.text import LIMITS, clean
from portal.ui import context
from portal.ui import intake as intake_ui
from portal.ui.attachments import evidence_note, evidence_section
from portal.ui.session import client_key
from portal.ui.tab import CustomerTab, customer_tab
from portal.ui.widgets import (
    NO_RERUN,
    escape_markdown,
    keep_across_languages,
    long_text,
    show_problems,
    show_text,
    step_header,
)
from portal.ui.wording import consent_sentence, priced

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
        st.info(
            _(
                "We couldn't find that unfinished conversation: we keep one for {days} days after its last step. "
                "You are welcome to start again here."
            ).format(days=_.number(drafts.KEEP.days))
        )
    if business.owner_photo_url:
        st.image(business.owner_photo_url, width=96)
    # One text, drawn as a card by the page's CSS (widgets._QUOTES_CSS): a bordered container and three elements
    # in it cost each rerun about a fifth of a bare page's.
    greeting = [_("Hello {name},").format(name=draft.form.name)] if draft.form.name else []
    show_text(
        "\n\n".join(
            [
                *greeting,
                _("I'm {owner}, {role} at {business}.").format(
                    owner=business.owner_name, role=business.owner_role, business=business.name
                ),
                _(
                    "Thank you for speaking up. When something goes wrong, most people simply walk away; by telling us, you "
                    "are giving us the chance to put it right. I take personal responsibility for your case, and I will make "
                    "sure it is handled properly."
                ),
            ]
        )
    )
    _step_button(_("Tell us what happened"), draft, _start_story, type="primary")


def _header(draft: Draft, title: str, _: Translate, intro: str = "", note: str = "") -> None:
    """The step's header, with where it stands in this customer's journey ("Step 2 of 6": ``journey.progress``)."""
    number, total = journey.progress(draft.step, draft.needs_verification)
    step_header(number, total, title, _, intro, note)


def _step_button(
    label: str, draft: Draft, action: Callable[[Draft], object], type: Literal["primary", "secondary"] = "secondary"
) -> None:
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
    long_text(
        _("What bothered you most?"), "story_bothered", form.bothered_most, LIMITS["bothered_most"], _, height=100
    )
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
    form = dataclasses.replace(
        draft.form,
        name=typed.get("story_name", "") if "name" in asked else draft.form.name,
        email=typed.get("story_email", "") if "email" in asked else draft.form.email,
        story=typed.get("story_story", ""),
        bothered_most=typed.get("story_bothered", ""),
    )
    _set_problems("story", journey.submit_story(draft, form))


def contact(draft: Draft, tab: CustomerTab, business: Business, _: Translate) -> None:
    """The public link's name and address, asked once the story is told; the code is sent from here."""
    problems = tab.problems_of("contact")
    _header(
        draft,
        _("How can we reach you?"),
        _,
        _("We will send you a code to confirm your email address, and keep you updated about your case there."),
    )
    _contact_fields(draft.form, "contact", set(CONTACT), problems, _)
    _step_button(
        _("Send me a new code") if tab.new_code_asked else _("Send me a code"), draft, _send_contact, type="primary"
    )


def _contact_fields(form: StoryForm, step: str, asked: set[str], problems: list[Problem], _: Translate) -> None:
    """The name and address fields ``asked`` on ``step``, keyed ``{step}_name`` and ``{step}_email``. Nothing on
    the step changes as they are typed, so neither reruns it (NO_RERUN): the step's button reads them."""
    if "name" in asked:
        st.text_input(
            _("Your name (optional)"),
            value=form.name,
            max_chars=LIMITS["name"],
            key=f"{step}_name",
            autocomplete="name",
            on_change=NO_RERUN,
        )
        show_problems(problems, "name", _)
    if "email" in asked:
        st.text_input(
            _("Your email"),
            value=form.email,
            max_chars=LIMITS["email"],
            key=f"{step}_email",
            autocomplete="email",
            help=_("We only use it to keep you updated about this case."),
            on_change=NO_RERUN,
        )
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
    _header(
        draft,
        _("A few details"),
        _,
        _("They help us put it right: the amount you paid, for instance, is what a refund gives back."),
    )
    # One under the other: a row would be a block of its own, drawn again on every rerun (see _QUOTES_CSS).
    st.date_input(
        _("When did it happen? (optional)"),
        value=form.incident_date,
        max_value=date.today(),
        key="details_date",
        on_change=NO_RERUN,
    )
    st.number_input(
        _("Amount involved (optional)"),
        value=_as_float(form.amount),
        min_value=0.0,
        step=1.0,
        format="%.2f",
        key="details_amount",
        on_change=NO_RERUN,
    )
    for field in ("incident_date", "amount"):
        show_problems(problems, field, _)
    _fix_and_continue(problems, draft, _send_details, _)


def _send_details(draft: Draft) -> None:
    typed = st.session_state
    _set_problems(
        "details",
        journey.submit_details(
            draft, date.today(), incident_date=typed.get("details_date"), amount=typed.get("details_amount")
        ),
    )


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


def _fix_and_continue(
    problems: list[Problem], draft: Draft, action: Callable[[Draft], object], _: Translate, *, typed: bool = True
) -> None:
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
    st.text_input(
        _("Order or reference (optional)"),
        value=form.order_ref,
        max_chars=LIMITS["order_ref"],
        key=key,
        on_change=NO_RERUN,
    )
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
    _header(
        draft, _("Did we understand you?"), _, _("Here is what we understood. Please tell us whether we got it right.")
    )
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
    long_text(
        _("What did we get wrong? Put it in your own words, change or add anything."),
        "correction_text",
        draft.current_round.customer_text,
        LIMITS["correction"],
        _,
    )
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
    show_text(
        "\n\n".join(
            [
                apologise(Category(draft.category), main.customer_text, draft.language),
                *(apologise_more(item, draft.language) for item in draft.more_items),
            ]
        )
    )
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
            return priced(_refund_text(_), format_money(draft.amount_cents, business.currency, draft.language), _)
        option = offers[key] if key in offers else gifts[key]
        # A refund gives back no more than they told us they paid (portal.recovery.remedies.catalog_amount).
        cents = catalog_amount(option, draft.amount_cents) if key in offers else option.value_cents
        title = catalog_text.option_text(option, draft.language)[0]
        return priced(title, format_money(cents, business.currency, draft.language), _)

    def label(key: str) -> str:
        if key == OWN_PROPOSAL:
            return _("Something else: I'll propose what would work for me")
        return escape_markdown(option_text(key))

    def captions(keys: list[str]) -> list[str]:
        """Each catalog entry's description under its title (part of the choice's one element)."""
        found = {**offers, **gifts}
        return [
            escape_markdown(catalog_text.option_text(found[key], draft.language)[1]) if key in found else ""
            for key in keys
        ]

    keys = [*offers, *([GENERIC_REFUND] if generic_refund else []), OWN_PROPOSAL]
    choice = st.radio(
        _("What would put this right for you?"),
        options=keys,
        format_func=label,
        captions=captions(keys),
        index=None,
        key=keep_across_languages("remedy_choice"),
    )
    problems = tab.problems_of("remedy")
    refund_offered = generic_refund or any(o.kind == RemedyKind.REFUND for o in offered)

    def agreement(key: str) -> str:
        """The sentence a customer agrees to by choosing this offer ("" when it is money back)."""
        if key not in offers or not needs_consent(offers[key].kind, RemedySource.CATALOG):
            return ""
        return consent_sentence(option_text(key), "choose" if refund_offered else None, _)

    sentence = agreement(choice) if choice is not None else ""
    if sentence:
        consent_box(sentence, f"consent_{choice}", problems, _)
    if choice == OWN_PROPOSAL:
        proposal_fields("proposal", problems, _)
    if gifts:
        # The heading and its note are the choice's label: a heading of their own would be one element more on
        # every rerun of the step.
        title, note = _("Something extra from us"), _("A small thank-you for telling us, whatever you choose above.")
        st.radio(
            f"**{escape_markdown(title)}**  \n:gray[{escape_markdown(note)}]",
            options=list(gifts),
            format_func=label,
            captions=captions(list(gifts)),
            key=keep_across_languages("gift_choice"),
            on_change=NO_RERUN,
        )

    def confirm(draft: Draft) -> None:
        """Reads what is chosen and typed at the moment of the click (a callback runs before the page)."""
        typed = st.session_state
        chosen, gift = typed.get("remedy_choice"), typed.get("gift_choice")
        agreed = agreement(chosen) if chosen is not None and typed.get(f"consent_{chosen}") else ""
        _submit(
            draft,
            chosen,
            typed.get("proposal_text", "") if chosen == OWN_PROPOSAL else "",
            typed.get("proposal_amount") if chosen == OWN_PROPOSAL else None,
            gifts[gift].id if gift in gifts else None,
            offers,
            _,
            agreed,
        )

    _step_button(_("Confirm my choice"), draft, confirm, type="primary")
    for problem in problems:
        if problem.field == "choice":
            st.error(_("Please choose one of the options, or propose your own."))
        if problem.field == "unavailable":
            st.error(_("Sorry, that option is no longer available. Please choose another one."))
    intake_ui.show_case_refusal(tab, _)


def consent_box(sentence: str, key: str, problems: list[Problem], _: Translate) -> str:
    """The explicit agreement to a remedy that is not money back: returns the sentence once ticked, else ""."""
    ticked = st.checkbox(escape_markdown(sentence), key=key)
    if any(p.field == "consent" for p in problems) and not ticked:
        st.error(_("Please tick the box to agree, or choose another option. Nothing you chose or typed has been lost."))
    return sentence if ticked else ""


def proposal_fields(key_prefix: str, problems: list[Problem], _: Translate) -> None:
    """What the customer would like instead: their words and an optional amount (keys ``<key_prefix>_text`` and
    ``<key_prefix>_amount``), each with its problems under it. Used when choosing a remedy and when answering an
    offer."""
    long_text(_("Your proposal"), f"{key_prefix}_text", "", LIMITS["proposal"], _)
    show_problems(problems, "proposal", _)
    st.number_input(
        _("Amount, if any (optional)"),
        value=None,
        min_value=0.0,
        step=1.0,
        format="%.2f",
        key=f"{key_prefix}_amount",
        on_change=NO_RERUN,
    )
    show_problems(problems, "proposal_amount", _)


def _submit(
    draft: Draft,
    choice: str | None,
    text: str,
    amount: float | None,
    gift_id: int | None,
    offers: dict,
    _: Translate,
    consent_text: str = "",
) -> None:
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
        selection = RemedyChoice(
            proposal_text=_refund_text(_),
            proposal_amount_cents=draft.amount_cents,
            proposal_kind=RemedyKind.REFUND,
            gift_option_id=gift_id,
        )
    else:
        if needs_consent(offers[choice].kind, RemedySource.CATALOG) and not consent_text:
            _set_problems("remedy", [Problem("consent", "required")])
            return
        selection = RemedyChoice(option_id=offers[choice].id, gift_option_id=gift_id, consent_text=consent_text)
    tab = customer_tab()
    try:
        receipt = submit_case(context.engine(), draft, selection, invite_token=tab.invite_token, source=client_key())
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


def _mark_unsaved(draft: Draft) -> None:
    """A click moved the conversation on: ``customer_page._keep`` writes it at the end of this run, once the story is sent."""
    tab = customer_tab()
    if tab.draft is draft and draft.step not in (Step.WELCOME, Step.STORY):
        tab.unsaved = True  # else written as a case by this very click, or nothing sent yet
