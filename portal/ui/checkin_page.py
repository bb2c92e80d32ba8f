"""The satisfaction check-in: "Did we make it right?", "How likely are you to recommend us?" and a comment.

Customers reach it through their email's link, which opens the customer page (``/?t=<token>``);
``portal/ui/customer_page.py`` hands a check-in token (the link's ``t`` parameter) to ``checkin_page``.
An expired link offers to email a fresh one; an answered link thanks the customer instead of showing the form again.
"""

from __future__ import annotations

import streamlit as st

from portal.entry.tokens import hash_token
from portal.i18n import Translate, page_translator
from portal.recovery import checkin_wording, followup
from portal.recovery.followup import CheckinState, CheckinView, NewLink
from portal.ui import context
from portal.ui.widgets import escape_markdown, language_switch, set_direction, show_text

CSAT_OPTIONS = [1, 2, 3, 4, 5]
NPS_OPTIONS = list(range(11))


def _key(token: str, name: str) -> str:
    return f"checkin_{hash_token(token)[:16]}_{name}"


def _contact_line(view: CheckinView, _: Translate) -> None:
    show_text(_("Your contact: {owner}, {email}").format(owner=view.contact.name, email=view.contact.email))


def _values(view: CheckinView) -> dict[str, str]:
    """What the managers' wording may refer to (portal.recovery.checkin_wording.PLACEHOLDERS)."""
    return dict(name=view.customer_name, reference=view.reference, business=view.business_name, owner=view.contact.name)


def _outcome(result: followup.CheckinResult, values: dict[str, str], _: Translate) -> None:
    wording = checkin_wording.effective_wording(context.engine(), _.language)
    if result.outcome == followup.LOW:
        st.title(_("Thank you for telling us"))
        show_text(wording.render(checkin_wording.THANKS_LOW, values))
        show_text(_("{owner} will contact you personally within one business day.").format(owner=result.contact.name))
    else:
        st.title(_("Thank you!"))
        show_text(wording.render(checkin_wording.THANKS_GOOD, values))


def _answered(view: CheckinView, _: Translate) -> None:
    st.title(_("Thank you, we already have your answer"))
    st.write(_("This check-in has been answered. If there is anything else, please get in touch."))
    _contact_line(view, _)


def _expired(view: CheckinView, token: str, _: Translate) -> None:
    st.title(_("This link has expired"))
    st.write(_("For your security, check-in links stop working after a while. We can email you a new one."))
    sent = st.session_state.get(_key(token, "new_link"))
    if sent is None:
        if st.button(_("Send me a new link"), type="primary"):
            st.session_state[_key(token, "new_link")] = followup.request_new_checkin_link(context.engine(), token)
            st.rerun()
    else:
        messages = {
            NewLink.SENT: _(
                "We have sent a new link to the email address we have on file. It can take a few minutes to arrive."
            ),
            NewLink.RECENTLY_SENT: _(
                "We sent a new link less than an hour ago. Please check your inbox, and your spam folder."
            ),
            NewLink.ANSWERED: _("This check-in has already been answered. Thank you!"),
            NewLink.UNAVAILABLE: _("We couldn't send a new link. Please get in touch with us instead."),
        }
        st.info(messages[NewLink(sent)])
    _contact_line(view, _)


def _unknown(view: CheckinView, _: Translate) -> None:
    st.title(_("We couldn't find this link"))
    st.write(_("Please check that the whole address was copied. If it still doesn't work, we are happy to help."))
    show_text(_("Ask {owner} for a new link: {email}").format(owner=view.contact.name, email=view.contact.email))


def _form(view: CheckinView, token: str, _: Translate) -> None:
    # The managers' wording (portal.recovery.checkin_wording); labels are Markdown, so it is escaped there.
    wording = checkin_wording.effective_wording(context.engine(), _.language)
    values = _values(view)
    st.title(escape_markdown(wording.render(checkin_wording.PAGE_TITLE, values)))
    if view.customer_name:
        show_text(_("Hello {name},").format(name=view.customer_name))
    show_text(_("Your case {reference} at {business}.").format(reference=view.reference, business=view.business_name))
    show_text(wording.render(checkin_wording.PAGE_INTRO, values))
    with st.form(_key(token, "form")):
        csat = st.radio(
            escape_markdown(wording.render(checkin_wording.QUESTION_MADE_IT_RIGHT, values)),
            CSAT_OPTIONS,
            index=None,
            horizontal=True,
            key="checkin_csat",
        )
        nps = st.radio(
            escape_markdown(wording.render(checkin_wording.QUESTION_RECOMMEND, values)),
            NPS_OPTIONS,
            index=None,
            horizontal=True,
            key="checkin_nps",
        )
        comment = st.text_area(
            escape_markdown(wording.render(checkin_wording.QUESTION_COMMENT, values)), key="checkin_comment", height=120
        )
        submitted = st.form_submit_button(_("Send my answer"), type="primary")
    if not submitted:
        return
    if csat is None or nps is None:
        st.error(_("Please answer both questions."))
        return
    try:
        result = followup.answer_checkin(context.engine(), token, csat, nps, comment or "")
    except followup.CheckinUnavailable:
        pass  # answered meanwhile (double click, second tab): the page now says so
    except ValueError:
        st.error(
            _("Please keep your comment under {limit} characters. Nothing you typed has been lost.").format(
                limit=_.number(followup.COMMENT_LIMIT)
            )
        )
        return
    else:
        st.session_state[_key(token, "result")] = result
        st.session_state[_key(token, "values")] = _values(view)
    st.rerun()


def _language(preferred: str) -> Translate:
    """The customer's pick in the language switch, else ``preferred``; the page's direction follows it."""
    language = language_switch(preferred)
    set_direction(language)
    return page_translator(language)


def checkin_page(token: str) -> None:
    """Everything a check-in link can show: the form, the outcome, already answered, expired or unknown."""
    result = st.session_state.get(_key(token, "result"))
    if result is not None:
        _outcome(result, st.session_state.get(_key(token, "values"), {}), _language(result.language))
        return
    view = followup.open_checkin(context.engine(), token)
    _ = _language(view.language)
    if view.state is CheckinState.OPEN:
        _form(view, token, _)
    elif view.state is CheckinState.ANSWERED:
        _answered(view, _)
    elif view.state is CheckinState.EXPIRED:
        _expired(view, token, _)
    else:
        _unknown(view, _)
