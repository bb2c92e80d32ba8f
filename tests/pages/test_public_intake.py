"""The public link in AppTest: the customer confirms their email with the code from the email (read from the
outbox, as they would read their inbox) or its link, gets friendly help when a code is wrong, expired or
used up, can change the address without losing anything; a bot filling the hidden field gets nowhere;
and the hourly case limit explains itself while keeping the customer's choice."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from db.models import Case, EmailVerification, IntakeAttempt, OutboxMessage, utcnow
from portal.config import get_settings
from portal.delivery.emails import KIND_VERIFY
from portal.entry import intake
from tests.support import (
    FURNACE_BOTHERED,
    FURNACE_STORY,
    click,
    click_in_fragment,
    drafted,
    drawn_fragments,
    emailed_code,
    emailed_link_token,
    nothing_more,
    open_page,
    page_words,
    poll_fragment,
    propose,
    rerun_in_fragment,
    step_title,
    tab,
    texts,
)

EMAIL = "alex@example.com"
PARAPHRASE_START = "What bothered you most is that our mechanic was 90 minutes late"


def story_told(at, press=click):
    """The public link's story told, on to "How can we reach you?"; ``press`` clicks as AppTest does (a full run)
    or as a browser does (``click_in_fragment``)."""
    press(at, "Tell us what happened")
    at.text_area(key="story_story").input(FURNACE_STORY)
    at.text_area(key="story_bothered").input(FURNACE_BOTHERED)
    return press(at, "Continue")


def write_story(at, *, email: str = EMAIL, website: str = ""):
    """The story told, then the name and address given, without confirming the email (tests.support.tell_story
    does that)."""
    story_told(at)
    # Phones offer the right keyboard and autofill.
    assert (
        at.text_input(key="contact_name").proto.autocomplete,
        at.text_input(key="contact_email").proto.autocomplete,
    ) == ("name", "email")
    at.text_input(key="contact_name").input("Alex")
    at.text_input(key="contact_email").input(email)
    if website:
        at.text_input(key="story_website").input(website)
    return click(at, "Send me a code")


def type_code(at, code: str):
    at.text_input(key="verify_code").input(code)
    at.button(key="verify_confirm").click()
    at.run()
    assert not at.exception, at.exception
    return at


def press(at, key: str):
    at.button(key=key).click()
    at.run()
    assert not at.exception, at.exception
    return at


def on_paraphrase(at) -> bool:
    return any(t.startswith(PARAPHRASE_START) for t in texts(at))


def wrong(code: str, nth: int = 1) -> str:
    """A code that is not ``code``: the ``nth`` of several different ones."""
    return f"{(int(code) + nth) % 10**6:06d}"


def verify_messages(store) -> list[OutboxMessage]:
    with Session(store.engine) as session:
        return list(session.exec(select(OutboxMessage).where(OutboxMessage.kind == KIND_VERIFY)).all())


def logged(store) -> list[str]:
    with Session(store.engine) as session:
        return list(session.exec(select(IntakeAttempt.outcome).order_by(col(IntakeAttempt.id))).all())


def test_the_customer_types_the_emailed_code_and_carries_on(store):
    at = write_story(open_page())
    assert step_title(at) == "Confirm your email"
    assert "We sent a 6-digit code to alex@example.com." in page_words(at)
    [message] = verify_messages(store)
    assert message.status == "sent"  # in the customer's inbox within seconds, not at the worker's next pass
    code = emailed_code(store.engine, EMAIL)

    assert at.text_input(key="verify_code").proto.autocomplete == "one-time-code"  # phones offer the emailed code
    type_code(at, wrong(code))
    assert "That code doesn't match. Please check the email and try again. Attempts left: 4." in [
        e.value for e in at.error
    ]
    assert at.text_input(key="verify_code").value == wrong(code)  # what they typed stays, to correct it

    type_code(at, code)
    assert on_paraphrase(at)
    click(at, "Yes, that's right")
    nothing_more(at)
    propose(at, "Refund the whole $400 visit", 400)
    with Session(store.engine) as session:
        case = session.exec(select(Case)).one()
    assert f"Your case {case.reference}" in page_words(at)
    assert logged(store) == ["code_wrong", "case_opened"]


def test_the_public_link_listens_first_and_asks_who_they_are_after_the_story(store):
    at = open_page()
    click(at, "Tell us what happened")
    assert step_title(at) == "Your story"
    assert [t.key for t in at.text_input] == ["story_website"]  # only the hidden field: no name, no address yet
    at.text_area(key="story_story").input(FURNACE_STORY)
    at.text_area(key="story_bothered").input(FURNACE_BOTHERED)
    click(at, "Continue")
    assert step_title(at) == "How can we reach you?"
    assert "Step 2 of 7" in page_words(at)  # on from the story: telling us who they are is a step of its own
    assert verify_messages(store) == []

    at.text_input(key="contact_name").input("Alex")
    at.text_input(key="contact_email").input("alex(at)example")
    click(at, "Send me a code")
    assert "That email address doesn't look right. It should look like name@example.com." in [e.value for e in at.error]
    assert at.text_input(key="contact_name").value == "Alex"  # kept as typed, to correct
    assert at.text_input(key="contact_email").value == "alex(at)example"
    assert verify_messages(store) == []

    reloaded = open_page(draft=at.query_params["d"])  # the story was kept when it was told
    assert step_title(reloaded) == "How can we reach you?"
    assert drafted(reloaded).form.story == FURNACE_STORY
    reloaded.text_input(key="contact_email").input(EMAIL)
    click(reloaded, "Send me a code")
    assert step_title(reloaded) == "Confirm your email"
    assert "Step 2 of 7" in page_words(reloaded)  # still telling us who they are
    assert [m.to_address for m in verify_messages(store)] == [EMAIL]


def test_the_order_number_is_asked_with_the_photos_as_for_an_invite_without_one(store):
    at = open_page()
    story_told(at)
    assert [t.key for t in at.text_input if t.key != "story_website"] == ["contact_name", "contact_email"]
    at.text_input(key="contact_email").input(EMAIL)
    type_code(click(at, "Send me a code"), emailed_code(store.engine, EMAIL))
    click(at, "Yes, that's right")
    click(at, "No, that's everything")
    click(at, "Continue")
    assert step_title(at) == "Anything to show us?"
    at.text_input(key="evidence_order").input("WO-7731")
    click(at, "Continue")
    propose(at, "Refund the whole $400 visit", 400)
    with Session(store.engine) as session:
        assert session.exec(select(Case.order_ref)).one() == "WO-7731"


def test_the_page_polls_for_the_link_only_while_it_waits_for_the_code(store):
    at = open_page()
    story_told(at, click_in_fragment)
    assert list(drawn_fragments(at).values()) == ["conversation"]
    at.text_input(key="contact_email").input(EMAIL)
    click_in_fragment(at, "Send me a code")  # the conversation's rerun asks for the whole page's
    assert step_title(at) == "Confirm your email"
    assert sorted(drawn_fragments(at).values()) == ["_wait_for_link", "conversation"]

    at.text_input(key="verify_code").input(emailed_code(store.engine, EMAIL))
    click_in_fragment(at, "Confirm")
    assert on_paraphrase(at)
    assert list(drawn_fragments(at).values()) == ["conversation"]
    assert not any(t.key == "story_website" for t in at.text_input)  # the hidden field is gone with it


def test_the_link_clicked_in_a_new_tab_moves_the_first_tab_on(store):
    first = write_story(open_page())
    poll = poll_fragment(first)
    rerun_in_fragment(first, poll)  # too early: nothing clicked yet
    assert drafted(first).step == "verify"  # (this run of the poll drew nothing)

    second = open_page()  # the link from the email opens a new tab: another session
    second.query_params["verify"] = emailed_link_token(store.engine, EMAIL)
    second.run()
    assert second.title[0].value == "Your email is confirmed"
    assert any("go back to the tab where you told us what happened" in m.value for m in second.markdown)

    rerun_in_fragment(first, poll)  # within POLL_EVERY, with no click in the first tab
    assert on_paraphrase(first)
    assert "_wait_for_link" not in drawn_fragments(first).values()  # the page polls no more


def test_the_link_opened_after_the_first_tab_was_lost_carries_on_in_its_own_tab(store):
    """A phone browser may drop the conversation's tab while the customer is in the mail app."""
    first = write_story(open_page())
    lost_address = first.query_params["d"]

    second = open_page()
    second.query_params["verify"] = emailed_link_token(store.engine, EMAIL)
    second.run()
    click(second, "Carry on in this tab")
    assert on_paraphrase(second)
    assert "verify" not in second.query_params and second.query_params["d"] != lost_address
    assert drafted(second).submission_key == drafted(first).submission_key

    reopened = open_page(draft=second.query_params["d"])  # a reload of the tab that carried on
    assert on_paraphrase(reopened)
    assert any(
        "We couldn't find that unfinished conversation" in i.value for i in open_page(draft=lost_address).info
    )  # the old address no longer opens it


def test_the_link_opens_the_conversation_in_one_browser_only(store):
    """The attack: the same link opened in a second and a third browser took the conversation over each time."""
    first = write_story(open_page())
    token = emailed_link_token(store.engine, EMAIL)
    second = open_page()
    second.query_params["verify"] = token
    second.run()
    assert second.title[0].value == "Your email is confirmed"
    second.run()  # a rerun of that tab (a language switched) still offers to carry on there
    assert any(b.label == "Carry on in this tab" for b in second.button)

    for _ in range(2):
        other = open_page()
        other.query_params["verify"] = token
        other.run()
        assert other.title[0].value == "This link was already used"
        assert not any(b.label == "Carry on in this tab" for b in other.button)
        assert tab(other).draft is None or drafted(other).submission_key != drafted(first).submission_key

    click(second, "Carry on in this tab")  # the browser that opened it first still may
    assert on_paraphrase(second)


def test_the_link_opens_nothing_once_expired_though_the_address_was_confirmed(store, monkeypatch):
    at = write_story(open_page())
    token = emailed_link_token(store.engine, EMAIL)
    type_code(at, emailed_code(store.engine, EMAIL))
    assert on_paraphrase(at)
    later = utcnow() + intake.CODE_LIFETIME + timedelta(seconds=1)
    monkeypatch.setattr("portal.entry.intake.utcnow", lambda: later)
    other = open_page()
    other.query_params["verify"] = token
    other.run()
    assert other.title[0].value == "This link has expired"
    assert not any(b.label == "Carry on in this tab" for b in other.button)


def test_the_link_opened_in_the_same_tab_carries_on_there(store):
    at = write_story(open_page())
    at.query_params["verify"] = emailed_link_token(store.engine, EMAIL)
    at.run()
    assert on_paraphrase(at)
    assert "verify" not in at.query_params


def test_enter_in_the_code_field_confirms_it(store):
    at = write_story(open_page())
    at.text_input(key="verify_code").input(emailed_code(store.engine, EMAIL))
    at.run()  # the field committed, as Enter does, and no button clicked
    assert on_paraphrase(at)
    assert logged(store) == []


def test_one_wrong_code_left_then_confirmed_uses_up_one_try(store):
    at = write_story(open_page())
    code = emailed_code(store.engine, EMAIL)
    at.text_input(key="verify_code").input(wrong(code))
    at.run()  # on a phone: a tap outside the field closes the keyboard and leaves it, which checks the code
    press(at, "verify_confirm")  # then "Confirm", with the same code
    assert "That code doesn't match. Please check the email and try again. Attempts left: 4." in [
        e.value for e in at.error
    ], [e.value for e in at.error]
    assert logged(store) == ["code_wrong"]

    type_code(at, code)  # a corrected code is checked as usual
    assert on_paraphrase(at)


def test_part_of_a_code_left_in_the_field_is_not_counted_as_a_guess(store):
    at = write_story(open_page())
    at.text_input(key="verify_code").input("123")
    at.run()
    assert not at.error
    assert at.text_input(key="verify_code").value == "123"
    assert logged(store) == []


def store_questions(monkeypatch) -> list[str]:
    """Each question about the code that the page asks the store from now on ("current", "is_verified")."""
    asked: list[str] = []
    for name in ("current", "is_verified"):

        def counted(*args, _original=getattr(intake, name), _name=name, **kwargs):  # noqa: B008 - binds this name's original
            asked.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(intake, name, counted)
    return asked


def test_a_rerun_of_the_step_asks_the_store_nothing(store, monkeypatch):
    at = write_story(open_page())
    asked = store_questions(monkeypatch)
    rerun_in_fragment(at)  # as a click that stays on the step reruns it (the poll is outside it)
    assert asked == []
    at.run()  # a full run of the same session (a language switched): the step and the poll ask nothing either
    assert asked == []
    assert step_title(at) == "Confirm your email"
    assert "We sent a 6-digit code to alex@example.com." in page_words(at)
    type_code(at, emailed_code(store.engine, EMAIL))
    assert on_paraphrase(at)


def test_the_poll_alone_asks_whether_the_link_was_clicked_and_then_moves_on(store, monkeypatch):
    at = write_story(open_page())
    poll = poll_fragment(at)
    asked = store_questions(monkeypatch)
    rerun_in_fragment(at, poll)  # its timed rerun, before the link was clicked
    assert asked == ["is_verified"]
    second = open_page()  # the link from the email, in another tab
    second.query_params["verify"] = emailed_link_token(store.engine, EMAIL)
    second.run()
    rerun_in_fragment(at, poll)
    assert on_paraphrase(at)


def test_a_code_whose_time_is_up_says_so_on_the_next_rerun_without_a_click(store, monkeypatch):
    at = write_story(open_page())
    rerun_in_fragment(at)
    assert not at.warning
    later = utcnow() + intake.CODE_LIFETIME + timedelta(seconds=1)
    monkeypatch.setattr("portal.entry.intake.utcnow", lambda: later)
    monkeypatch.setattr("portal.ui.intake.utcnow", lambda: later)
    rerun_in_fragment(at)
    assert "This code has expired. Please ask for a new one." in [w.value for w in at.warning]


def ask_again(at):
    """ "Change email or get a new code", then, the address unchanged, "Send me a new code"."""
    press(at, "verify_again")
    return click(at, "Send me a new code")


def test_a_wrong_address_is_corrected_with_everything_kept(store):
    at = write_story(open_page(), email="alex@exmaple.com")
    press(at, "verify_again")
    assert step_title(at) == "How can we reach you?"
    assert at.text_input(key="contact_name").value == "Alex"
    assert at.text_input(key="contact_email").value == "alex@exmaple.com"
    at.text_input(key="contact_email").input(EMAIL)
    click(at, "Send me a new code")
    assert "We sent a 6-digit code to alex@example.com." in page_words(at)
    assert [m.to_address for m in verify_messages(store)] == ["alex@exmaple.com", EMAIL]
    type_code(at, emailed_code(store.engine, EMAIL))
    assert on_paraphrase(at)


def test_an_expired_code_offers_a_new_one_that_works(store):
    at = write_story(open_page())
    old = emailed_code(store.engine, EMAIL)
    with Session(store.engine) as session:
        session.execute(
            update(EmailVerification).values(
                expires_at=utcnow() - timedelta(seconds=1), created_at=utcnow() - intake.CODE_LIFETIME
            )
        )
        session.commit()
    type_code(at, old)
    assert "This code has expired. Please ask for a new one." in [w.value for w in at.warning]
    assert not on_paraphrase(at)
    ask_again(at)
    assert any("We sent a new code to alex@example.com" in s.value.replace("\\", "") for s in at.success)
    type_code(at, emailed_code(store.engine, EMAIL))
    assert on_paraphrase(at)
    assert "code_expired" in logged(store)


def test_a_second_code_within_the_minute_is_refused_kindly(store):
    at = write_story(open_page())
    ask_again(at)
    assert step_title(at) == "Confirm your email"
    errors = [e.value for e in at.error]
    assert any(e.startswith("Please wait") and "seconds before asking for another code" in e for e in errors), errors
    assert len(verify_messages(store)) == 1
    assert logged(store) == ["resend_too_soon"]


def test_too_many_wrong_codes_end_that_code_and_say_what_to_do(store):
    at = write_story(open_page())
    code = emailed_code(store.engine, EMAIL)
    for nth in range(1, intake.WRONG_CODES_ALLOWED + 1):
        type_code(at, wrong(code, nth))
    assert any("typed wrong too many times" in e.value for e in at.error)
    type_code(at, code)  # even the right one: this code is dead
    assert not on_paraphrase(at)
    ask_again(at)
    type_code(at, emailed_code(store.engine, EMAIL))
    assert on_paraphrase(at)


def test_a_filled_honeypot_creates_and_sends_nothing_and_says_nothing_useful_to_a_bot(store):
    at = write_story(open_page(), website="http://spam.example")
    assert "Thank you for your message." in [m.value for m in at.markdown]
    assert any("dana.cohen@northwind.example" in t for t in texts(at))  # a person still has a way on
    assert not any(t.key == "verify_code" for t in at.text_input)
    assert verify_messages(store) == []
    with Session(store.engine) as session:
        assert session.exec(select(EmailVerification)).all() == []
        assert session.exec(select(Case)).all() == []
    assert logged(store) == ["honeypot"]
    at.run()  # a reload of the same session stays closed
    assert "Thank you for your message." in [m.value for m in at.markdown]


def test_in_a_browser_a_filled_honeypot_closes_the_whole_page_not_only_the_conversation(store):
    at = open_page()
    at.text_input(key="story_website").input("http://spam.example")  # on the page from its first run
    story_told(at, click_in_fragment)
    at.text_input(key="contact_email").input(EMAIL)
    click_in_fragment(at, "Send me a code")
    assert "Thank you for your message." in [m.value for m in at.markdown]
    assert not at.text_area


def test_the_honeypot_is_hidden_from_people(store):
    at = open_page()
    click(at, "Tell us what happened")
    assert any(
        h.proto.body and ".st-key-story_website" in h.proto.body and "display: none" in h.proto.body
        for h in at.get("html")
    )


def test_the_hourly_case_limit_explains_itself_and_keeps_the_choice(store):
    with Session(store.engine) as session:  # five cases from this address in the last half hour
        for minutes in range(get_settings().intake_cases_per_hour):
            session.add(
                IntakeAttempt(
                    at=utcnow() - timedelta(minutes=30 - minutes),
                    source="ip:203.0.113.5",
                    email=EMAIL,
                    email_key=intake.mailbox(EMAIL),
                    outcome="case_opened",
                )
            )
        session.commit()
    at = write_story(open_page())
    type_code(at, emailed_code(store.engine, EMAIL))
    click(at, "Yes, that's right")
    nothing_more(at)
    propose(at, "Refund the whole $400 visit", 400)
    errors = [e.value for e in at.error]
    assert any(
        "several new cases from here in the last hour" in e and "try again in 30 minutes" in e for e in errors
    ), errors
    assert at.text_area(key="proposal_text").value == "Refund the whole $400 visit"
    with Session(store.engine) as session:
        assert session.exec(select(Case)).all() == []
    assert logged(store)[-1] == "cases_throttled"


def test_an_invite_needs_no_code(store):
    at = open_page(token=store.logins.invite_token)
    click(at, "Tell us what happened")
    assert not any(t.key == "story_website" for t in at.text_input)
    at.text_area(key="story_story").input("The bill was much higher than the quote.")
    at.text_area(key="story_bothered").input("The bill was higher than the quote")
    click(at, "Continue")
    assert step_title(at) == "Did we understand you?"
    assert "Step 2 of 6" in page_words(at)  # the invite knew who they are: one step fewer to count
    assert verify_messages(store) == []
