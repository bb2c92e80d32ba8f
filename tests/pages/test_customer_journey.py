"""The customer page in AppTest: every step, the corrections, bad input, double submits and links."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, col, func, select

from db.models import AccessToken, Case, CaseEvent, CaseRemedy, ConversationRound, RemedyOption, utcnow
from portal.config import get_settings
from portal.entry.tokens import hash_token
from tests.support import (
    FURNACE_BOTHERED,
    button,
    choose_offer,
    click,
    click_in_fragment,
    confirm_email,
    drafted,
    invite_token,
    link_token,
    nothing_more,
    open_page,
    page_words,
    paragraphs,
    propose,
    reach_remedy,
    rerun_in_fragment,
    row_id,
    step_title,
    tab,
    tell_story,
    texts,
    unescaped,
)

FURNACE_PARAPHRASE = (
    "What bothered you most is that our mechanic was 90 minutes late to fix your furnace. Is that correct?"
)


def count(store, model) -> int:
    with Session(store.engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def only_case(store) -> Case:
    with Session(store.engine) as session:
        cases = session.exec(select(Case)).all()
    assert len(cases) == 1
    return cases[0]


def offer_id(store, title_part: str) -> int:
    with Session(store.engine) as session:
        return row_id(session.exec(select(RemedyOption).where(col(RemedyOption.title).contains(title_part))).one())


def test_welcome_names_the_owner_who_takes_responsibility(store):
    at = open_page()
    assert at.title[0].value == "Northwind Home Services"
    assert "I'm Dana Cohen, Customer Care Lead at Northwind Home Services." in paragraphs(at)
    assert any("I take personal responsibility for your case" in p for p in paragraphs(at))


def test_the_whole_journey_with_a_correction_and_an_extra_item(store):
    at = tell_story(open_page())
    assert FURNACE_PARAPHRASE in texts(at)

    click(at, "Not quite")
    correction = at.text_area(key="correction_text")
    assert correction.value == FURNACE_BOTHERED  # starts from their own words
    correction.input("Your mechanic was 90 minutes late and never called me")
    click(at, "Check again")
    assert any("never called you" in t for t in texts(at)), texts(at)

    click(at, "Yes, that's right")
    apology_text = next(t for t in texts(at) if "sorry" in t.lower())
    assert "90 minutes" in apology_text
    assert not any(f" {word} " in f" {apology_text.lower()} " for word in ("but", "however", "policy"))
    assert "anything else" in at.text_area(key="more_text").label.lower()  # the question is the field's label

    at.text_area(key="more_text").input("He also left mud on my carpet")
    click(at, "Add this")
    assert any("mud on your carpet" in t for t in texts(at)), texts(at)
    click(at, "Yes, that's right")
    apology_text = next(t for t in texts(at) if "sorry" in t.lower())
    assert "We are also sorry that he also left mud on your carpet." in apology_text  # its own line, restated
    assert "my carpet" not in apology_text

    nothing_more(at)
    choose_offer(at, offer_id(store, "return visit"))

    case = only_case(store)
    assert case.status == "accepted" and case.category == "lateness"
    assert f"Your case {case.reference}" in page_words(at)
    assert all(
        line in page_words(at)
        for line in ("Dana Cohen, Customer Care Lead", "dana.cohen@northwind.example", "+1 555 0100")
    )  # their contact
    assert "3 days after that we will check in with you" in page_words(at)
    markdown = "\n".join(m.value for m in at.markdown)
    assert f'<span style="white-space: nowrap">{case.reference}</span>' in markdown  # one line on a phone
    assert "[+1 555 0100](tel:+15550100)" in markdown.replace("\\", "")  # a tap calls the owner
    assert any("We are also sorry that he also left mud on your carpet." in t for t in texts(at))  # on their case page
    with Session(store.engine) as session:
        rounds = session.exec(
            select(ConversationRound)
            .where(ConversationRound.case_id == case.id)
            .order_by(col(ConversationRound.topic), col(ConversationRound.round_no))
        ).all()
        remedies = session.exec(select(CaseRemedy).where(CaseRemedy.case_id == case.id)).all()
        events = session.exec(select(CaseEvent.kind).where(CaseEvent.case_id == case.id)).all()
    assert [(r.topic, r.round_no, r.answer) for r in rounds] == [
        (0, 1, "corrected"),
        (0, 2, "confirmed"),
        (1, 1, "confirmed"),
    ]
    assert "never called you" in case.confirmed_paraphrase
    assert sorted(r.source for r in remedies) == ["catalog", "gift"]
    assert "open_accepted" in events and "remedy_accepted" in events


def test_after_two_corrections_the_customer_may_keep_their_own_words(store):
    at = tell_story(open_page())
    for attempt in ("The mechanic came late", "Late, very late"):
        assert not any(b.label == "Keep my own words as they are" for b in at.button)
        click(at, "Not quite")
        at.text_area(key="correction_text").input(attempt)
        click(at, "Check again")
    click(at, "Keep my own words as they are")
    nothing_more(at)
    propose(at, "Call me back please", None)
    assert only_case(store).confirmed_paraphrase == "Late, very late"


def test_a_bad_email_gets_a_friendly_message_and_keeps_everything_typed(store):
    at = tell_story(open_page(), email="alex(at)example")
    assert any("doesn't look right" in e.value for e in at.error)
    assert at.text_input(key="contact_name").value == "Alex"
    assert at.text_input(key="contact_email").value == "alex(at)example"
    assert drafted(at).form.story.startswith("I booked a furnace repair")  # told, and kept
    assert drafted(at).form.bothered_most == FURNACE_BOTHERED
    at.text_input(key="contact_email").input("alex@example.com")
    confirm_email(click(at, "Send me a code"))
    assert FURNACE_PARAPHRASE in texts(at)


def test_an_internationalised_email_is_welcome(store):
    at = tell_story(open_page(), email="josé@exämple.com")
    assert FURNACE_PARAPHRASE in texts(at)


def test_an_empty_story_is_asked_for_and_nothing_is_stored(store):
    at = tell_story(open_page(), story="   ", bothered="")
    errors = [e.value for e in at.error]
    assert "Please tell us what happened." in errors
    assert "Please tell us what bothered you most." in errors
    assert count(store, Case) == 0


def test_an_untouched_story_form_does_not_claim_anything_was_typed(store):
    at = click(click(open_page(token=store.logins.invite_token), "Tell us what happened"), "Continue")
    errors = [e.value for e in at.error]
    assert "Please tell us what happened." in errors
    assert not any("Everything you typed" in error for error in errors), errors
    assert "Please fill in the highlighted fields." in errors

    at.text_area(key="story_story").input("The bill was much higher than the quote.")
    click(at, "Continue")
    assert "Please check the highlighted fields. Everything you typed is still here." in [e.value for e in at.error]


def test_an_over_long_story_is_refused_with_its_length_and_kept(store):
    long_story = " ".join(["The technician was late."] * 250)  # 6,249 characters
    at = tell_story(open_page(), story=long_story)
    assert any("6,249 characters" in e.value and "5,000" in e.value for e in at.error), [e.value for e in at.error]
    assert "6,249 of 5,000 characters" in [
        c.value.replace("\\", "").removeprefix(":red[").removesuffix("]") for c in at.caption
    ]
    assert at.text_area(key="story_story").value == long_story
    assert count(store, Case) == 0


def test_the_details_come_just_before_the_remedies_and_the_amount_paid_is_refundable(store):
    at = tell_story(open_page())
    click(at, "Yes, that's right")
    click(at, "No, that's everything")
    assert step_title(at) == "A few details"
    assert "Step 5 of 7" in page_words(at)  # the public link: who they are was a step of its own
    assert [field.key for field in at.text_input] == []  # the order comes with the photos
    at.date_input(key="details_date").set_value(date(2026, 11, 20))
    at.number_input(key="details_amount").set_value(120.0)
    at.run()
    at.selectbox(key="language").set_value("es").run()  # a look at another language keeps what was typed
    assert (at.date_input(key="details_date").value, at.number_input(key="details_amount").value) == (
        date(2026, 11, 20),
        120,
    )
    at.selectbox(key="language").set_value("en").run()
    click(at, "Continue")
    assert drafted(at).amount_cents == 12000  # what a refund of what they paid gives back
    assert step_title(at) == "Anything to show us?"
    assert "Step 6 of 7" in page_words(at)
    click(at, "Continue")  # the order and photos are optional too
    assert step_title(at) == "Let us put it right"


def test_a_catalog_refund_offers_no_more_than_what_was_paid_and_is_then_agreed_at_once(store):
    at = nothing_more(click(tell_story(open_page()), "Yes, that's right"), amount=40)
    refund = offer_id(store, "call-out fee")  # $89 in the catalog
    assert "A full refund of the call-out fee ($40.00)" in [unescaped(o) for o in at.radio(key="remedy_choice").options]
    choose_offer(at, refund)
    case = only_case(store)
    with Session(store.engine) as session:
        agreed = session.exec(
            select(CaseRemedy).where(CaseRemedy.case_id == case.id, CaseRemedy.source == "catalog")
        ).one()
    assert (case.status, agreed.amount_cents) == ("accepted", 4000)
    assert "A full refund of the call-out fee ($40.00)" in texts(at)


def test_the_date_picker_does_not_offer_future_dates(store):
    at = tell_story(open_page())
    click(at, "Yes, that's right")
    click(at, "No, that's everything")
    assert at.date_input(key="details_date").proto.max == utcnow().date().isoformat()


def test_confirming_twice_or_reloading_never_makes_a_second_case(store):
    at = reach_remedy(open_page())
    draft = tab(at).draft
    choose_offer(at, offer_id(store, "call-out fee"))
    reference = only_case(store).reference
    token = link_token(at)

    at.run()  # a rerun
    # A second click that arrives with the state from before the first one was handled:
    tab(at).draft = draft
    at.query_params.clear()
    at.run()
    choose_offer(at, offer_id(store, "call-out fee"))
    assert only_case(store).reference == reference

    reloaded = open_page(token=token)
    assert f"Your case {reference}" in page_words(reloaded)
    assert count(store, Case) == 1


def test_a_proposal_above_the_limit_waits_for_approval(store):
    at = propose(reach_remedy(open_page()), "Refund the whole $400 visit", 400)
    case = only_case(store)
    assert case.status == "awaiting_approval"
    assert "Your proposal is with us for a decision." in page_words(at)
    assert "Refund the whole $400 visit ($400.00)" in texts(at)


def test_a_proposal_within_the_limit_is_accepted_at_once(store):
    propose(reach_remedy(open_page()), "Just refund the $30 parking fee", 30)
    assert only_case(store).status == "accepted"


def test_choosing_nothing_asks_for_a_choice(store):
    at = click(reach_remedy(open_page()), "Confirm my choice")
    assert "Please choose one of the options, or propose your own." in [e.value for e in at.error]
    at = propose(at, "", None)
    assert "Please describe what would put this right for you." in [e.value for e in at.error]
    assert count(store, Case) == 0


def test_an_invite_prefills_and_then_shows_its_case(store):
    at = open_page(token=store.logins.invite_token)
    assert "Hello Alex Rivera," in paragraphs(at)
    click(at, "Tell us what happened")
    # The invite already gave the name and address: not asked again, and the customer sees where we will write.
    assert "We will keep you updated about this case at alex.rivera@example.com." in page_words(at)
    assert [field.label for field in at.text_input] == []
    at.text_area(key="story_story").input("The bill was much higher than the quote.")
    at.text_area(key="story_bothered").input("The bill was higher than what I had originally planned for")
    click(at, "Continue")
    assert any("higher than what you had originally planned for" in t for t in texts(at))
    click(at, "Yes, that's right")
    click(at, "No, that's everything")
    click(at, "Continue")
    assert step_title(at) == "Anything to show us?"
    assert "Your order or reference: WO-20481." in page_words(at)  # the invite's, not asked again
    assert "evidence_order" not in {field.key for field in at.text_input}
    click(at, "Continue")
    choose_offer(at, offer_id(store, "difference between your quote"))
    case = only_case(store)
    assert case.category == "billing" and case.order_ref == "WO-20481"

    again = open_page(token=store.logins.invite_token)
    assert f"Your case {case.reference}" in page_words(again)


def test_an_invite_without_an_address_asks_for_it_and_keeps_the_name(store):
    at = click(open_page(token=invite_token(store, customer_name="Noa Levi")), "Tell us what happened")
    assert [field.label for field in at.text_input] == ["Your email"]
    at.text_input(key="story_email").input("noa(at)example")
    at.text_area(key="story_story").input("The bill was much higher than the quote.")
    at.text_area(key="story_bothered").input("The bill was higher than the quote")
    click(at, "Continue")
    assert at.text_input(key="story_email").value == "noa(at)example"  # kept as typed, with the problem beside it
    assert at.error
    at.text_input(key="story_email").input("noa@example.com")
    click(at, "Continue")
    assert step_title(at) == "Did we understand you?"
    assert drafted(at).form.name == "Noa Levi"


def test_markup_in_the_story_is_shown_literally(store):
    hostile = "**bold** <script>alert(1)</script> [link](http://evil.example) $x$ :red[hi]"
    at = tell_story(open_page(), bothered=hostile)
    shown = next(t for t in texts(at) if "script" in t)
    assert "<script>alert(1)</script>" in shown and "**bold**" in shown
    assert not any("<script>" in m.value for m in at.markdown)


@pytest.mark.parametrize("kind", ["unknown", "expired", "altered"])
def test_bad_links_get_a_friendly_page_and_a_way_on(store, kind):
    token = store.logins.invite_token
    if kind == "unknown":
        token = "A" * 32
    elif kind == "altered":
        token = token[:-2] + ("xx" if not token.endswith("xx") else "yy")
    else:
        with Session(store.engine) as session:
            row = session.exec(select(AccessToken).where(AccessToken.token_hash == hash_token(token))).one()
            row.expires_at = utcnow() - timedelta(minutes=1)
            session.add(row)
            session.commit()
    at = open_page(token=token)
    assert not at.exception
    heading = at.title[0].value
    assert heading == ("This link has expired" if kind == "expired" else "We couldn't find this link")
    assert any("dana.cohen@northwind.example" in t for t in texts(at))
    click(at, "Start a new conversation instead")
    assert button(at, "Tell us what happened")


def _countered_case(store, offer: str = "A refund of the $89 call-out fee", amount: int = 8900):
    from portal.back_office.staff import StaffActor
    from portal.recovery import decisions
    from portal.recovery.remedies import Role

    at = propose(reach_remedy(open_page()), "Refund the whole $400 visit", 400)
    case = only_case(store)
    manager = StaffActor(1, "Dana Cohen", store.logins.staff_email, Role.MANAGER)
    decisions.counter_offer(store.engine, manager, row_id(case), case.version, offer, amount, refund=True)
    at.run()
    return at


def test_the_customer_accepts_a_counter_offer_on_their_link(store):
    at = _countered_case(store)
    assert "We have made you an offer: please have a look." in page_words(at)
    assert "A refund of the $89 call-out fee ($89.00)" in texts(at)
    click(at, "Accept this offer")
    assert only_case(store).status == "accepted"
    assert "Agreed: we are arranging your remedy." in page_words(at)
    assert not any(b.label == "Accept this offer" for b in at.button)


def test_an_offer_is_answered_above_and_what_happens_next_follows_its_own_promise(store):
    at = _countered_case(store, "A refund of the $89 call-out fee, paid back tomorrow between 8 and 10am")
    assert "below" not in page_words(at)  # the buttons to answer the offer come before "what happens next"
    click(at, "Accept this offer")
    words = page_words(at)
    assert "within two business days" not in words, words  # the offer promised tomorrow, 8 to 10am
    assert "Dana Cohen will arrange this as our offer says, and email you when it is done." in words


def test_the_customer_proposes_again_after_a_counter_offer(store):
    at = _countered_case(store)
    at.text_area(key="reply_text").input("Refund $45 of the visit")
    at.number_input(key="reply_amount").set_value(45.0)
    click(at, "Send my proposal")
    assert only_case(store).status == "accepted"  # within the auto-approve limit


def test_an_answer_from_another_tab_shows_the_case_as_it_now_stands(store):
    from portal.recovery import decisions

    at = _countered_case(store)
    case = only_case(store)
    decisions.customer_accept_offer(store.engine, row_id(case), case.version)  # e.g. from another tab
    click(at, "Accept this offer")
    assert not at.exception
    assert "Agreed: we are arranging your remedy." in page_words(at)
    assert only_case(store).status == "accepted"


def test_guessing_links_is_logged_and_then_throttled_but_a_real_link_always_opens(store):
    from db.models import LinkProbe
    from portal.entry.links import PROBE_LIMIT

    at = open_page(token="B" * 32)
    for attempt in range(PROBE_LIMIT - 1):
        at.query_params["t"] = f"{attempt:0>32}"
        at.run()
    assert at.title[0].value == "We couldn't find this link"
    # A new tab is no way around it: with no client address known, every tab counts as the same client.
    other_tab = open_page(token="C" * 32)
    assert other_tab.title[0].value == "Please wait a few minutes"
    guess = open_page(draft="D" * 32)  # a random ?d= is a guess too
    assert guess.title[0].value == "Please wait a few minutes"
    at.query_params["t"] = store.logins.invite_token  # the real invite opens all the same
    at.run()
    assert "Hello Alex Rivera," in paragraphs(at)
    with Session(store.engine) as session:
        probes = session.exec(select(LinkProbe)).all()
    assert [p.outcome for p in probes] == ["unknown"] * PROBE_LIMIT + ["throttled"] * 2
    assert len({p.source for p in probes}) == 1


def test_an_invite_that_expires_during_the_conversation_says_so_and_who_to_ask(store, monkeypatch):
    at = reach_remedy(open_page(token=store.logins.invite_token))
    later = utcnow() + timedelta(days=get_settings().invite_link_days)  # the link lapsed while they chose
    for module in ("portal.recovery.cases", "portal.entry.links", "portal.ui.customer_page"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: later)
    at.radio(key="remedy_choice").set_value(f"opt:{offer_id(store, 'call-out fee')}")
    rerun_in_fragment(at)
    click_in_fragment(at, "Confirm my choice")  # as a browser clicks: the conversation's fragment alone
    assert at.title[0].value == "This link has expired"
    assert "Ask Dana Cohen for a new link: dana.cohen@northwind.example" in texts(at)
    assert not any("no longer available" in e.value for e in at.error)  # not blamed on the remedy chosen
    assert count(store, Case) == 0


def test_text_typed_under_anything_else_is_kept_when_they_say_that_is_everything(store):
    at = click(tell_story(open_page()), "Yes, that's right")
    at.text_area(key="more_text").input("The invoice also had the wrong address on it")
    click(at, "No, that's everything")
    # Not dropped: it is taken as one more thing, said back to them to confirm, like "Add this" does.
    assert any("the invoice also had the wrong address on it" in t.lower() for t in texts(at)), texts(at)
    click(at, "Yes, that's right")
    apology_text = next(t for t in texts(at) if "sorry" in t.lower())
    assert "wrong address" in apology_text
