"""The customer's page (``screens/customer.py`` calls ``main``): which view a visit gets, and the conversation kept
between visits.

The link's ``t`` parameter decides what is shown: an invite starts the conversation
with what staff already know; a case link (or an invite that already led to a case)
shows the case as it stands now (``customer_case``); no token starts a fresh conversation
(``customer_conversation`` draws its steps; ``conversation`` here runs the current one and keeps the draft on
the server after it, so a reload or a dropped tab comes back to it).

Its code is a module rather than the page file itself because Streamlit runs a page file whole on every
rerun: its imports and its forty-odd function definitions cost 0.06-0.19x a bare script's rerun on each
keystroke's rerun (benchmarks/steps.py), where a module's run once per process.
"""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from db.models import Business, Invite, utcnow
from portal.business import cached_business
from portal.entry import links
from portal.entry.intake import VERIFY_PARAM
from portal.entry.tokens import Purpose, new_token
from portal.i18n import choose_language, page_translator
from portal.recovery import drafts, journey
from portal.recovery.journey import Draft, StoryForm
from portal.ui import context
from portal.ui import intake as intake_ui
from portal.ui.checkin_page import checkin_page
from portal.ui.customer_case import case_details, case_view
from portal.ui.customer_conversation import STEPS
from portal.ui.session import accept_language, client_key
from portal.ui.tab import CustomerTab, customer_tab
from portal.ui.widgets import language_switch, set_direction, show_text


def case_page(tab: CustomerTab, case_id: int, business: Business) -> None:
    """The case's page, in the language the switch, the case or the visit says (``visit_language``)."""
    case_details(tab, case_id, visit_language(business, case_view(tab, case_id, business).language))


def link_problem(state: links.LinkState, business: Business) -> None:
    _ = page_translator(visit_language(business))
    if state is links.LinkState.THROTTLED:
        st.title(_("Please wait a few minutes"))
        st.write(
            _(
                "Several links that don't work were opened from here. For everyone's safety, please try again "
                "in {minutes} minutes."
            ).format(minutes=int(links.PROBE_WINDOW.total_seconds() // 60))
        )
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
    language = language_switch(
        choose_language(
            invite=preferred,
            link_param=st.query_params.get("lang"),
            accept_language=accept_language(),
            default=business.default_language,
        )
    )
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
            draft.form = draft.invited = StoryForm(
                name=invite.customer_name, email=invite.email, order_ref=invite.order_ref, amount=invited_amount(invite)
            )
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
    ended by its invite lapsing (``customer_conversation._submit``), or closed by a filled honeypot (``intake_ui.caught``)."""
    return tab.draft is not draft or tab.intake_closed


def _keep(tab: CustomerTab, draft: Draft) -> None:
    """Keep the conversation on the server (portal.recovery.drafts) after a step, so a reload or a dropped tab comes back to
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
    tab.saving = drafts.save_later(
        context.engine(), draft, invite_id=invite_id, token=None if invite_id is not None else _address_token()
    )
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
