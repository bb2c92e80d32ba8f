"""Hostile and unusual input, each a test: nothing breaks, nothing is rendered, nothing leaks."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from sqlmodel import Session, func, select

from db.models import Case, CaseRemedy, ConversationDraft, ConversationRound, Customer, StaffMember
from portal import write_behind
from portal.back_office.staff import StaffActor
from portal.recovery.remedies import Role
from tests.support import click, link_token, nothing_more, open_page, propose, staff_page, tell_story, texts

MARKUP = "**bold** <b>html</b> <script>alert(1)</script> [x](http://evil.example) $x^2$ :red[red] <img src=x onerror=alert(2)>"
SQL = 'Robert\'); DROP TABLE "case";-- " OR 1=1 -- ; \\x00'
UNUSUAL = "Late again 😡🔥 — zero\u200bwidth, joiner\u200d, ‏עברית‏ and ١٢٣ digits"


def one_case(store) -> Case:
    with Session(store.engine) as session:
        return session.exec(select(Case)).one()


def test_a_one_megabyte_story_is_refused_with_a_message_and_nothing_is_stored(store):
    at = tell_story(open_page(), story="x" * 1_000_000)
    assert any("1,000,000 characters" in e.value for e in at.error)
    with Session(store.engine) as session:
        assert session.exec(select(func.count()).select_from(Case)).one() == 0


@pytest.mark.parametrize("text", [MARKUP, SQL, UNUSUAL])
def test_every_customer_field_is_stored_as_typed_and_shown_literally(store, text):
    at = tell_story(open_page(), name=text[:200], story=text, bothered=text)
    # The paraphrase keeps it literally (brought to normal case where it shouts, as every restatement is).
    assert any(text.casefold() in t.casefold() for t in texts(at)), texts(at)
    click(at, "Not quite")
    at.text_area(key="correction_text").input(text + " (again)")
    click(at, "Check again")
    click(at, "Yes, that's right")
    at.text_area(key="more_text").input(text)
    click(at, "Add this")
    click(at, "Yes, that's right")
    nothing_more(at)
    propose(at, text[:500], None)
    assert any(text[:500] in t for t in texts(at))
    rendered = "".join(m.value for m in at.markdown)
    assert "<script>" not in rendered and "<img" not in rendered
    case = one_case(store)
    assert case.story == text.strip() and case.bothered_most == text.strip()
    with Session(store.engine) as session:
        customer = session.get_one(Customer, case.customer_id)
        rounds = session.exec(select(ConversationRound).where(ConversationRound.case_id == case.id)).all()
        proposal = session.exec(select(CaseRemedy).where(CaseRemedy.source == "proposal")).one()
    assert customer.name == text[:200].strip()
    assert text.strip() in [r.customer_text for r in rounds]
    assert proposal.description == text[:500].strip()

    assert case.id is not None
    staff_page = staff_case_page(store, case.id)
    assert any(text.strip() in t for t in texts(staff_page))
    assert "<script>" not in "".join(m.value for m in staff_page.markdown)


def staff_case_page(store, case_id: int):

    with Session(store.engine) as session:
        member = session.exec(select(StaffMember)).first()
    assert member is not None and member.id is not None
    return staff_page(
        "screens/case.py", StaffActor(member.id, member.name, member.email, Role.MANAGER), id=str(case_id)
    )


@pytest.fixture
def every_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every log record of the run, Streamlit's own too (its loggers do not pass records up to the root)."""
    caplog.set_level(logging.DEBUG)
    loggers = [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger) and not logger.propagate
    ]
    for logger in loggers:
        logger.addHandler(caplog.handler)
    yield caplog
    for logger in loggers:
        logger.removeHandler(caplog.handler)


def test_control_characters_are_removed_from_every_customer_field_and_nothing_they_typed_is_logged(
    store, every_log, capfd
):
    """A NUL byte crashed the submission on PostgreSQL, and the error written to the log (and to the console, where
    Streamlit prints a script's errors) held the whole story."""
    story = "The \x00heater\x07 SECRETSTORY broke\x1b[31m again.\r\nTwice,\tin fact.\x7f\x85"
    at = tell_story(open_page(), name="Al\x00ex", story=story, bothered="Late\x00 SECRETBOTHER \x0bagain")
    click(at, "Not quite")
    at.text_area(key="correction_text").input("Very\x00 late SECRETCORRECTION")
    click(at, "Check again")
    click(at, "Yes, that's right")
    at.text_area(key="more_text").input("Rude\x00 SECRETMORE")
    click(at, "Add this")
    click(at, "Yes, that's right")
    nothing_more(at, order="WO-\x00771")
    propose(at, "Refund\x00 SECRETPROPOSAL", None)
    write_behind.wait()
    case = one_case(store)
    assert case.story == "The heater SECRETSTORY broke[31m again.\nTwice,\tin fact."
    assert case.bothered_most == "Late SECRETBOTHER again" and case.order_ref == "WO-771"
    with Session(store.engine) as session:
        assert session.get_one(Customer, case.customer_id).name == "Alex"
        rounds = [
            r.customer_text for r in session.exec(select(ConversationRound).where(ConversationRound.case_id == case.id))
        ]
        proposal = session.exec(select(CaseRemedy).where(CaseRemedy.source == "proposal")).one()
    assert "Very late SECRETCORRECTION" in rounds and "Rude SECRETMORE" in rounds
    assert proposal.description == "Refund SECRETPROPOSAL"
    assert "SECRET" not in every_log.text + "".join(capfd.readouterr())


def test_a_nul_byte_in_an_address_that_is_refused_still_lets_the_conversation_be_kept(store, every_log):
    """The conversation is kept after every step, refused ones too: its address column took the address as typed."""
    at = open_page()
    click(at, "Tell us what happened")
    at.text_area(key="story_story").input("The heater broke again, the third time this winter.")
    at.text_area(key="story_bothered").input("The heater broke again")
    click(at, "Continue")
    at.text_input(key="contact_name").input("Alex")
    at.text_input(key="contact_email").input("alex\x00@@example.com")
    click(at, "Send me a code")
    write_behind.wait()
    assert any("doesn't look right" in e.value for e in at.error)
    assert "failed" not in every_log.text
    with Session(store.engine) as session:
        assert session.exec(select(func.count()).select_from(ConversationDraft)).one() == 1


def test_direction_overrides_are_removed_so_text_cannot_display_misleadingly(store):
    at = tell_story(open_page(), story="Pay me \u202e001$ back\u202c please", bothered="Refund my \u202e$100\u202c")
    click(at, "Yes, that's right")
    nothing_more(at)
    propose(at, "Refund \u202e$100", 100)
    case = one_case(store)
    assert case.story == "Pay me 001$ back please" and case.bothered_most == "Refund my $100"
    assert not any("\u202e" in t for t in texts(at))


def test_another_cases_link_shows_nothing_of_the_first_case(store):
    first = tell_story(open_page(), email="first@example.com", bothered="My secret first complaint about the boiler")
    click(first, "Yes, that's right")
    nothing_more(first)
    propose(first, "First proposal", None)
    second = tell_story(open_page(), email="second@example.com", bothered="The second complaint about paint")
    click(second, "Yes, that's right")
    nothing_more(second)
    propose(second, "Second proposal", None)
    token = link_token(second)
    page = open_page(token=token)
    shown = " ".join(texts(page)) + " ".join(m.value for m in page.markdown)
    assert "second complaint" in shown
    assert "first" not in shown.lower() and "boiler" not in shown
