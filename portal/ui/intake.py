"""The customer page's side of the public intake (``portal.entry.intake``): the honeypot field and the poll for the
emailed link in the page around the conversation, the "confirm your email" step, the page the emailed link
opens, and the friendly words for each refusal.

Everything the customer typed stays in the draft and in the widgets whatever goes wrong here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

import streamlit as st

from db.models import Business, utcnow
from portal.config import get_settings
from portal.entry import intake
from portal.entry.intake import CodeState, IntakeRefused, Outcome
from portal.i18n import Translate
from portal.recovery import drafts, journey
from portal.recovery.journey import Draft, Step
from portal.text import clean
from portal.ui import context
from portal.ui.session import client_key
from portal.ui.tab import CustomerTab, VerifyNotice, customer_tab
from portal.ui.widgets import HONEYPOT_KEY, NO_RERUN, escape_markdown, show_text

CODE_KEY = "verify_code"
POLL_EVERY = timedelta(seconds=4)  # the waiting tab notices a link clicked elsewhere within this


# --- the page around the conversation -----------------------------------------------------------------------

# Until the address is confirmed, the page holds the hidden field that catches bots.
_BEFORE_CONFIRMING = frozenset((Step.WELCOME, Step.STORY, Step.CONTACT, Step.VERIFY))


@contextmanager
def around_conversation(tab: CustomerTab, draft: Draft) -> Iterator[None]:
    """Draws the conversation (the ``with`` block), then the public link's parts of the page around it: the hidden
    field that catches bots, until the address is confirmed, and the poll for the emailed link while the step asks
    for the code. Drawn by full runs only, so a rerun of a step draws neither (each element costs every rerun);
    ``page_outdated`` asks for a full run when the poll is to start or stop. After the conversation, so that its
    place on the page (which Streamlit's id for its fragment depends on) stays the same."""
    if not draft.needs_verification:  # an invite's conversation: nothing around it
        yield
        return
    polling = tab.polling = _polls(draft)
    yield
    if draft.step in _BEFORE_CONFIRMING:
        # Not translated on purpose: no person reads it, and a plain English label is what bots look for. People
        # never see it, nor do screen readers (the page's styles hide it: portal/ui/widgets._BIDI_CSS).
        st.text_input("Website", key=HONEYPOT_KEY, autocomplete="off", on_change=NO_RERUN)
    if polling:
        tab.full_run = True
        _wait_for_link(draft.submission_key, draft.email_normalized)


def page_outdated(tab: CustomerTab, draft: Draft) -> bool:
    """Whether the page around the conversation no longer fits its step (``around_conversation``)."""
    return draft.needs_verification and _polls(draft) != tab.polling


def _polls(draft: Draft) -> bool:
    """Whether the page polls for the emailed link: while the step asks for the code."""
    return draft.step is Step.VERIFY


def caught(email: str) -> bool:
    """A filled honeypot: log it, create and send nothing, and close the conversation with a neutral note."""
    if not st.session_state.get(HONEYPOT_KEY, "").strip():
        return False
    intake.record_honeypot(context.engine(), client_key(), clean(email))
    customer_tab().intake_closed = True
    return True


def closed_page(business: Business, _: Translate) -> None:
    """What a filled honeypot leads to: no hint for a bot, and a way on for a person all the same."""
    st.title(business.name)
    st.write(_("Thank you for your message."))
    show_text(
        _("If you don't hear from us within two business days, please contact {owner}: {email}").format(
            owner=business.owner_name, email=business.owner_email
        )
    )


# --- sending codes ------------------------------------------------------------------------------------------


def send_code(draft: Draft, *, resend: bool = False) -> None:
    """Start (or renew) the email check for the draft's address; a refusal becomes the step's notice."""
    send = intake.resend_code if resend else intake.start_verification
    _forget_status()
    try:
        send(
            context.engine(),
            draft.email_normalized,
            draft.submission_key,
            client_key(),
            draft.language,
            name=clean(draft.form.name),
        )
    except IntakeRefused as refusal:
        _notify(refusal)
    else:
        if resend:
            _notify("resent")


def _notify(notice: VerifyNotice) -> None:
    customer_tab().verify_notice = notice


def refusal_text(refusal: IntakeRefused, _: Translate) -> str:
    """The customer's words for a refusal of the public intake."""
    if refusal.outcome is Outcome.RESEND_TOO_SOON:
        return _("Please wait {seconds} seconds before asking for another code.").format(seconds=refusal.seconds)
    if refusal.outcome is Outcome.CODES_THROTTLED:
        return _(
            "We have sent several codes to this address recently. Please try again in {minutes} minutes, "
            "or use the newest code you received."
        ).format(minutes=refusal.minutes)
    if refusal.outcome is Outcome.CASES_THROTTLED:
        return _(
            "We have received several new cases from here in the last hour. To keep this service safe, "
            "please try again in {minutes} minutes. Everything you chose is still here."
        ).format(minutes=refusal.minutes)
    return _("Please confirm your email address first.")


def _show_notice(tab: CustomerTab, draft: Draft, _: Translate) -> None:
    notice, tab.verify_notice = tab.verify_notice, None
    if isinstance(notice, IntakeRefused):
        st.error(refusal_text(notice, _))
    elif notice == "resent":
        st.success(
            escape_markdown(
                _("We sent a new code to {email}. Earlier codes no longer work.").format(email=draft.email_normalized)
            )
        )
    elif isinstance(notice, tuple) and notice[0] == "wrong":
        st.error(
            _("That code doesn't match. Please check the email and try again. Attempts left: {count}.").format(
                count=notice[1]
            )
        )


def case_refused(draft: Draft, refusal: IntakeRefused) -> None:
    """``submit_case`` said no: an unconfirmed address goes back to the email step (a code on its way);
    the hourly limit is explained on the remedy step, where everything chosen stays."""
    if refusal.outcome is Outcome.NOT_VERIFIED:
        journey.reconfirm_email(draft)
        send_code(draft)
    else:
        customer_tab().case_refusal = refusal


def show_case_refusal(tab: CustomerTab, _: Translate) -> None:
    refusal, tab.case_refusal = tab.case_refusal, None
    if refusal is not None:
        st.error(refusal_text(refusal, _))


# --- the step -----------------------------------------------------------------------------------------------


def verify_step(draft: Draft, tab: CustomerTab, _: Translate, header: Callable[[str, str], None]) -> None:
    """ "We sent a 6-digit code to ...": type it, or click the emailed link (in any tab: the page's poll notices,
    ``_wait_for_link``), or go back to the address, to correct it or to send a new code (``_ask_again``).
    ``header(intro, note)`` draws the step's header, which says all of that in one element (each element costs every
    rerun: one button for both ways back rather than two keeps the step at four).

    Its buttons act in callbacks, as the conversation's do (customer_conversation._step_button): the click's own run
    shows where it leads, where a handler calling st.rerun() made the customer wait for two runs of the whole
    page."""
    email = draft.email_normalized
    tab.verify_checked = False  # this rerun's callbacks are over
    status = _status(tab, draft)
    if status.state is CodeState.VERIFIED:  # the link was clicked, perhaps in another tab
        _confirmed(draft)
        st.rerun()
    if status.state is CodeState.NONE:
        intro = _("We need to confirm {email} before we can open your case.").format(email=email)
    else:
        intro = "\n\n".join(
            (
                _("We sent a 6-digit code to {email}.").format(email=email),
                _(
                    "Please type it below, or click the link in the email. It can take a minute to arrive; please check your "
                    "spam folder too."
                ),
            )
        )
    settings = get_settings()
    demo = settings.mode == "demo" and not settings.smtp_host
    header(
        intro,
        _(
            "Demo: with no mail server set up, emails are saved as files in {folder} and listed on the staff "
            "Outbox page."
        ).format(folder=settings.outbox_dir)
        if demo
        else "",
    )
    _show_notice(tab, draft, _)
    if status.state is CodeState.EXPIRED:
        st.warning(_("This code has expired. Please ask for a new one."))
    elif status.state is CodeState.LOCKED:
        st.error(_("That code was typed wrong too many times, so it no longer works. Please ask for a new one."))
    # Enter in the field (or leaving it) checks a whole code as "Confirm" does. Not a form for that: a form is a
    # block of its own, 0.1x of a bare page on every rerun of the step (benchmarks/_replay.py, A/B).
    st.text_input(
        _("Code from the email"),
        key=CODE_KEY,
        max_chars=12,
        placeholder="123456",
        autocomplete="one-time-code",  # phones offer the code from the email or text (WCAG 2.2, 3.3.8)
        on_change=_on_this_step,
        args=(draft, _check_typed),
    )
    # One under the other: a row is a block of its own, and two rows of two columns were six (widgets._QUOTES_CSS).
    for label, key, action in (
        (_("Confirm"), "verify_confirm", _check_code),
        (_("Change email or get a new code"), "verify_again", _ask_again),
    ):
        st.button(
            label,
            key=key,
            type="primary" if action is _check_code else "secondary",
            on_click=_on_this_step,
            args=(draft, action),
        )


def _status(tab: CustomerTab, draft: Draft) -> intake.Verification:
    """Where the newest code for this draft and address stands. Asked of the store once, then again only after
    this tab acted on it (each action forgets it: ``_forget_status``) or once the code's time is up; every rerun
    in between (the code typed, the language switched) reuses it. A link clicked in another tab is noticed by the
    poll (``_wait_for_link``), and a reload starts a new session, which asks again."""
    held = tab.verify_status
    asked = (draft.submission_key, draft.email_normalized)
    if held is not None and held[0] == asked and (held[1].expires_at is None or utcnow() < held[1].expires_at):
        return held[1]
    status = intake.current(context.engine(), *asked)
    tab.verify_status = (asked, status)
    return status


def _forget_status() -> None:
    customer_tab().verify_status = None


def _on_this_step(draft: Draft, action: Callable[[Draft], object]) -> None:
    """A callback of the step's, acting only while the draft is still at this step (a late second click on a button
    that is gone does nothing)."""
    if draft.step is Step.VERIFY:
        action(draft)


def _check_typed(draft: Draft) -> None:
    """The code field's Enter, or leaving it: a whole code is checked at once; part of one is left to finish, not
    counted as a wrong guess."""
    if intake.complete(st.session_state.get(CODE_KEY, "")):
        _check_code(draft)


def _check_code(draft: Draft) -> None:
    """Check the typed code, once per rerun: a click on "Confirm" right after typing leaves the field too, and both
    callbacks come with that one rerun (``verify_checked``, cleared as the step is drawn)."""
    tab = customer_tab()
    if tab.verify_checked:
        return
    tab.verify_checked = True
    code = st.session_state.get(CODE_KEY, "")
    if tab.verify_wrong is not None and tab.verify_wrong[0] == intake.code_typed(code):
        # The same wrong code again: on a phone, leaving the field checked it, then "Confirm" asks once more. It
        # costs no second guess; the customer just hears again what it left.
        _notify(("wrong", tab.verify_wrong[1]))
        return
    _forget_status()
    result = intake.confirm_code(context.engine(), draft.submission_key, draft.email_normalized, code, client_key())
    if result.state is CodeState.VERIFIED:
        _confirmed(draft)
    if result.state is CodeState.PENDING:  # a wrong code, with guesses left
        tab.verify_wrong = (intake.code_typed(code), result.wrong_codes_left)
        _notify(("wrong", result.wrong_codes_left))
    # expired, locked or none: the step says so itself


def _ask_again(draft: Draft) -> None:
    """Back to the name and address, everything kept: the code sent from there is a new one (the earlier ones stop
    working), to the corrected address or to the same; ``intake.resend_code`` refuses it within a minute of the
    last."""
    journey.change_email(draft)
    tab = customer_tab()
    tab.new_code_asked = True
    tab.verify_wrong = None  # a new code is coming: any guess is worth checking against it


def _confirmed(draft: Draft) -> None:
    journey.email_confirmed(draft, draft.email_normalized)
    st.session_state.pop(CODE_KEY, None)
    _forget_status()


@st.fragment(run_every=POLL_EVERY)
def _wait_for_link(submission_key: str, email: str) -> None:
    """Checks now and then whether the emailed link was clicked (usually in a new tab) and moves on: on its own
    timed reruns only. Outside the conversation (``around_conversation``), so a rerun of the step neither draws it
    nor asks the store; and a full run (a language switched) skips it (``full_run``): the poll's next timed run
    asks, within ``POLL_EVERY``, and a reload starts a session whose step asks afresh (``_status``)."""
    tab = customer_tab()
    if tab.full_run:
        tab.full_run = False
        return
    if intake.is_verified(context.engine(), submission_key, email):
        _forget_status()  # the step asks afresh, and finds the address confirmed
        st.rerun(scope="app")


# --- the emailed link ---------------------------------------------------------------------------------------


def _carry_on_here(submission_key: str, confirmed_email: str) -> None:
    """The emailed link's tab takes the conversation over, at its own new address (portal.recovery.drafts.readdress)."""
    carried = drafts.readdress(context.engine(), submission_key)
    st.query_params.clear()
    tab = customer_tab()
    if carried is None:  # no longer kept: this tab starts afresh, and says why
        tab.draft_gone = True
        return
    draft, token = carried
    if draft.email_normalized.lower() == confirmed_email:  # not an address changed since this email was sent
        journey.email_confirmed(draft, confirmed_email)
    tab.draft, tab.invite_token, tab.invite_id = draft, None, None
    st.query_params[drafts.TOKEN_PARAM] = token


def link_page(token: str, business: Business, _: Translate) -> None:
    """The emailed one-time link was opened. In the tab of the conversation itself it simply carries on;
    elsewhere (the usual case: a new tab) it says so and sends the customer back to their tab, or carries on here.
    The link works once (``intake.confirm_link``): this tab keeps what it was told for its later reruns (a language
    switched), and any other browser that opens it is told it was used."""
    tab = customer_tab()
    result = tab.confirmed_links.get(token) or intake.confirm_link(context.engine(), token, client_key())
    if result.confirmed:
        tab.confirmed_links[token] = result
    draft = tab.draft
    if result.confirmed and draft is not None and draft.submission_key == result.submission_key:
        del st.query_params[intake.VERIFY_PARAM]
        if draft.email_normalized.lower() == result.email:
            _confirmed(draft)
        st.rerun()
    if result.confirmed:
        st.title(_("Your email is confirmed"))
        st.write(
            _(
                "Please go back to the tab where you told us what happened: it carries on from there. You can "
                "close this one."
            )
        )
        # That tab may be gone (a phone browser drops tabs while the mail app is open): the conversation is kept.
        st.button(_("Carry on in this tab"), on_click=_carry_on_here, args=(result.submission_key, result.email))
        return
    if result.outcome is Outcome.LINK_THROTTLED:
        st.title(_("Please wait a few minutes"))
        st.write(
            _(
                "Several links that don't work were opened from here. For everyone's safety, please try again "
                "in {minutes} minutes."
            ).format(minutes=int(intake.LINK_PROBE_WINDOW.total_seconds() // 60))
        )
        return
    if result.outcome is Outcome.LINK_EXPIRED:
        st.title(_("This link has expired"))
        st.write(_("Please go back to the tab where you told us what happened and ask for a new code."))
    elif result.outcome is Outcome.LINK_USED:
        st.title(_("This link was already used"))
        st.write(
            _(
                "It works only once. Please go back to the tab where you told us what happened, or to the one "
                "where you first opened this link."
            )
        )
    elif result.outcome is Outcome.LINK_REPLACED:
        st.title(_("This link was replaced by a newer one"))
        st.write(_("We sent you a newer email. Please use the code or the link in the newest one."))
    else:
        st.title(_("We couldn't find this link"))
        st.write(_("Please check that the whole address was copied. If it still doesn't work, we are happy to help."))
    if st.button(_("Start a new conversation instead")):
        st.query_params.clear()
        st.rerun()
