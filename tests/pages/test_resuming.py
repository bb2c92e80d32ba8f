"""A reload, or a phone browser that dropped the tab, comes back to the step the customer was on, with everything
they had sent (portal.recovery.drafts). Under AppTest a new session on the same address is what a reload is."""

from __future__ import annotations

from sqlmodel import Session, func, select

from db.models import Case, ConversationDraft
from portal.recovery import drafts
from tests.support import (
    FURNACE_BOTHERED,
    FURNACE_STORY,
    case_title,
    click,
    drafted,
    nothing_more,
    open_page,
    propose,
    step_title,
    tell_story,
    texts,
)


def kept(store) -> int:
    drafts.flush()  # what the page handed over has landed
    with Session(store.engine) as session:
        return session.exec(select(func.count()).select_from(ConversationDraft)).one()


def test_a_reloaded_invite_comes_back_to_its_step_with_everything_sent(store):
    at = open_page(token=store.logins.invite_token)
    click(at, "Tell us what happened")
    assert kept(store) == 0  # nothing sent yet: nothing kept
    tell_story(at)
    click(at, "Yes, that's right")
    assert step_title(at) == "We're sorry" and kept(store) == 1

    again = open_page(token=store.logins.invite_token)
    assert step_title(again) == "We're sorry"
    assert any("90 minutes late" in text for text in texts(again))  # the apology names what they confirmed
    nothing_more(again, amount=400.0)
    propose(again, "Refund the whole $400 visit", 400)
    assert case_title(again).startswith("Your case")
    with Session(store.engine) as session:
        case = session.exec(select(Case)).one()
    assert (case.story, case.bothered_most, case.amount_cents) == (FURNACE_STORY, FURNACE_BOTHERED, 40000)
    assert kept(store) == 0  # the conversation is the case's now

    after = open_page(token=store.logins.invite_token)  # and the invite leads to the case
    assert case_title(after) == f"Your case {case.reference}"


def test_the_public_link_puts_the_conversation_in_its_address_and_a_reload_resumes_it(store):
    at = open_page()
    click(at, "Tell us what happened")
    assert "d" not in at.query_params
    tell_story(at)
    assert step_title(at) == "Did we understand you?"
    token = at.query_params["d"]
    assert drafts.find(store.engine, token=token) is not None

    again = open_page(draft=token)
    assert step_title(again) == "Did we understand you?"
    assert drafted(again).form.email == "alex@example.com"
    assert any("90 minutes late" in text for text in texts(again))
    click(again, "Yes, that's right")
    nothing_more(again)
    propose(again, "Refund the whole $400 visit", 400)
    assert case_title(again).startswith("Your case") and "d" not in again.query_params


def test_a_conversation_no_longer_kept_starts_again_and_says_why(store):
    at = open_page(draft="Xq3" * 10)
    assert at.title[0].value == "Northwind Home Services"
    assert any("We couldn't find that unfinished conversation: we keep one for 7 days" in i.value for i in at.info)
    assert "d" not in at.query_params
    at.run()
    assert not at.info  # said once


def test_a_spanish_conversation_comes_back_in_spanish(store):
    at = open_page(token=store.logins.invite_token)
    at.selectbox(key="language").set_value("es")
    click(at.run(), "Cuéntenos qué pasó")
    at.text_area(key="story_story").input("El mecánico llegó a las 10:30 en vez de a las 9:00.")
    at.text_area(key="story_bothered").input("el mecánico llegó 90 minutos tarde para arreglar mi caldera")
    click(at, "Continuar")
    assert step_title(at) == "¿Entendimos bien lo que nos contó?"

    again = open_page(token=store.logins.invite_token)
    assert again.selectbox(key="language").value == "es"
    assert step_title(again) == "¿Entendimos bien lo que nos contó?"
    assert any(text.endswith("¿Es correcto?") for text in texts(again))


def test_a_store_busy_at_the_moment_of_keeping_costs_the_customer_nothing(store, monkeypatch):
    from sqlalchemy.exc import OperationalError

    def busy(*args, **kwargs):
        raise OperationalError("UPDATE conversation_draft", {}, Exception("database is locked"))

    write = drafts._write
    monkeypatch.setattr(drafts, "_write", busy)
    at = tell_story(open_page(token=store.logins.invite_token))
    assert not at.exception and step_title(at) == "Did we understand you?"
    assert kept(store) == 0
    # The store is back: the page's very next run keeps the conversation, before any further click.
    monkeypatch.setattr(drafts, "_write", write)
    at.run()
    assert kept(store) == 1
    again = open_page(token=store.logins.invite_token)
    assert step_title(again) == "Did we understand you?"
