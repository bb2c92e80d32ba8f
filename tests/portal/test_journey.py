"""The conversation before it is a case: validation, paraphrase rounds, corrections, extra items."""

from datetime import date, timedelta

import pytest

from portal import text
from portal.recovery import journey
from portal.recovery.journey import Answer, Draft, Step, StoryForm, check_details, check_story

TODAY = date(2026, 11, 23)
GOOD = StoryForm(
    name="Alex",
    email="alex@example.com",
    story="The mechanic came at 10:30 instead of 9:00.",
    bothered_most="Your mechanic was 90 minutes late to fix my furnace",
)


def with_(**changes) -> StoryForm:
    return StoryForm(**{**GOOD.__dict__, **changes})


def test_a_good_story_moves_on_to_validation_with_a_paraphrase():
    draft = Draft()
    assert journey.submit_story(draft, GOOD) == []
    assert draft.step is Step.VALIDATE and draft.category == "lateness"
    assert draft.current_round.paraphrase.startswith("What bothered you most is that our mechanic was 90 minutes late")


@pytest.mark.parametrize(
    "form, field, code",
    [
        (with_(email=""), "email", "required"),
        (with_(email="alex@"), "email", "email_invalid"),
        (with_(email="a@b.test"), "email", "email_invalid"),
        (with_(story=" \n "), "story", "required"),
        (with_(bothered_most=""), "bothered_most", "required"),
        (with_(story="x" * 5001), "story", "too_long"),
    ],
)
def test_each_problem_is_named_on_its_field(form, field, code):
    problems = check_story(form)
    assert [(p.field, p.code) for p in problems] == [(field, code)]


@pytest.mark.parametrize(
    "details, field, code",
    [
        ({"amount": "twelve"}, "amount", "amount_invalid"),
        ({"amount": -3}, "amount", "amount_range"),
        ({"amount": 99999999999}, "amount", "amount_range"),
        ({"incident_date": TODAY + timedelta(days=1)}, "incident_date", "date_future"),
    ],
)
def test_each_problem_with_the_details_is_named_on_its_field_and_kept(details, field, code):
    draft = Draft()
    journey.submit_story(draft, GOOD)
    journey.confirm(draft)
    journey.nothing_more(draft)
    problems = journey.submit_details(draft, TODAY, **details)
    assert [(p.field, p.code) for p in problems] == [(field, code)]
    assert draft.step is Step.DETAILS and all(getattr(draft.form, name) == value for name, value in details.items())
    assert check_details(draft.form, TODAY) == problems


def test_the_details_are_optional_and_the_amount_is_what_a_refund_gives_back():
    draft = Draft()
    journey.submit_story(draft, with_(order_ref="WO-1042"))  # an invite's order number stays until it is asked
    journey.confirm(draft)
    journey.nothing_more(draft)
    assert draft.step is Step.DETAILS and draft.form.order_ref == "WO-1042"
    assert journey.submit_details(draft, TODAY, amount="1,200.50") == []
    assert draft.step is Step.EVIDENCE and draft.amount_cents == 120050
    assert journey.submit_evidence(draft, "WO-1042") == []
    assert draft.step is Step.REMEDY and draft.form.order_ref == "WO-1042"
    assert (draft.form.story, draft.form.email) == (GOOD.story, GOOD.email)  # the story is untouched


def test_the_order_number_comes_with_the_photos_and_a_wrong_one_is_kept_to_fix():
    draft = Draft(needs_verification=True)  # the public link asks it there too, as an invite without one does
    journey.submit_story(draft, GOOD)
    assert journey.submit_contact(draft, "Alex", "alex@example.com") == []
    journey.email_confirmed(draft, "alex@example.com")
    journey.confirm(draft)
    journey.nothing_more(draft)
    assert journey.submit_details(draft, TODAY) == [] and draft.step is Step.EVIDENCE
    problems = journey.submit_evidence(draft, "W" * 65)
    assert [(p.field, p.code) for p in problems] == [("order_ref", "too_long")]
    assert draft.step is Step.EVIDENCE and draft.form.order_ref == "W" * 65
    assert journey.submit_evidence(draft, "WO-7731") == []
    assert draft.step is Step.REMEDY and draft.form.order_ref == "WO-7731"


def test_every_problem_is_reported_at_once_and_the_draft_keeps_what_was_typed():
    draft = Draft()
    typed = with_(email="nope", story="", bothered_most="b" * 1200)
    problems = journey.submit_story(draft, typed)
    assert {p.field for p in problems} == {"email", "story", "bothered_most"}
    too_long = next(p for p in problems if p.code == "too_long")
    assert (too_long.length, too_long.limit) == (1200, 1000)
    assert draft.form is typed and draft.step is Step.WELCOME


def test_a_one_megabyte_story_is_refused_without_touching_the_engine():
    problems = check_story(with_(story="a" * 1_000_000))
    assert [(p.code, p.length) for p in problems] == [("too_long", 1_000_000)]


def test_direction_overrides_are_removed_but_every_visible_character_kept():
    assert text.clean("  pay \u202eme 100\u202c back  ") == "pay me 100 back"
    assert text.clean("שלום 123 café ☕") == "שלום 123 café ☕"


def test_corrections_keep_every_round_and_the_confirmed_one_wins():
    draft = Draft()
    journey.submit_story(draft, GOOD)
    assert journey.correct(draft, "  ") and len(draft.rounds) == 1  # an empty correction is refused
    assert journey.correct(draft, "You were late and never called me") == []
    journey.confirm(draft)
    assert [(r.round_no, r.answer) for r in draft.rounds] == [(1, Answer.CORRECTED), (2, Answer.CONFIRMED)]
    assert "never called you" in journey.confirmed_paraphrase(draft)
    assert draft.step is Step.APOLOGY


def test_own_words_become_available_after_two_corrections_and_stand_verbatim():
    draft = Draft()
    journey.submit_story(draft, GOOD)
    journey.correct(draft, "Late")
    assert not draft.may_use_own_words
    journey.correct(draft, "Very late, and rude about it")
    assert draft.may_use_own_words
    journey.keep_own_words(draft)
    assert journey.confirmed_paraphrase(draft) == "Very late, and rude about it"


def test_anything_else_items_are_validated_like_the_first():
    draft = Draft()
    journey.submit_story(draft, GOOD)
    journey.confirm(draft)
    assert journey.add_more(draft, "He left mud on my carpet") == []
    assert draft.step is Step.VALIDATE and draft.current_round.topic == 1
    assert draft.current_round.paraphrase.startswith("You'd also like us to know that")
    assert draft.more_items == []  # not confirmed yet
    journey.confirm(draft)
    assert draft.more_items == ["He left mud on my carpet"]
    journey.nothing_more(draft)
    assert draft.step is Step.DETAILS


def test_going_back_with_an_unchanged_story_keeps_the_rounds_a_changed_one_restarts():
    draft = Draft()
    journey.submit_story(draft, GOOD)
    journey.correct(draft, "Late again")
    journey.submit_story(draft, GOOD)
    assert len(draft.rounds) == 2
    journey.submit_story(draft, with_(bothered_most="The bill was higher than the quote"))
    assert len(draft.rounds) == 1 and draft.category == "billing"


def test_nothing_is_confirmed_until_the_customer_says_so():
    draft = Draft()
    journey.submit_story(draft, GOOD)
    with pytest.raises(ValueError):
        journey.confirmed_paraphrase(draft)


def test_a_proposal_needs_words_and_a_sensible_amount():
    assert [p.code for p in journey.check_proposal("", None)] == ["required"]
    assert [p.field for p in journey.check_proposal("Refund", "lots")] == ["proposal_amount"]
    assert journey.check_proposal("Refund the $40 fee", 40) == []


def test_the_case_records_the_confirmed_paraphrase_as_a_statement_not_a_question():
    draft = Draft()
    journey.submit_story(draft, GOOD)
    journey.confirm(draft)
    assert draft.rounds[0].paraphrase.endswith("Is that correct?")  # what the customer was asked
    assert journey.confirmed_paraphrase(draft) == (
        "What bothered you most is that our mechanic was 90 minutes late to fix your furnace."
    )


def test_a_step_asks_only_for_what_the_invite_did_not_say():
    contact = ("name", "email")
    assert journey.asked(Draft(needs_verification=True), contact, set()) == {"name", "email"}
    given = StoryForm(name="Alex", email="alex@example.com", order_ref="WO-1")
    invited = Draft(form=given, invited=given)
    assert journey.asked(invited, (*contact, "order_ref"), set()) == set()
    unnamed = StoryForm(email="alex@example.com")
    assert journey.asked(Draft(form=unnamed, invited=unnamed), contact, set()) == {"name"}
    # A problem with the address, or an address already changed, keeps the field in front of the customer.
    assert journey.asked(invited, contact, {"email"}) == {"email"}
    changed = Draft(form=with_(name="Alex", email="alex@work.example"), invited=given)
    assert journey.asked(changed, contact, set()) == {"email"}


def test_the_public_link_takes_the_story_first_and_then_who_they_are():
    draft = Draft(needs_verification=True)
    assert journey.submit_story(draft, with_(name="", email="")) == []  # no address asked with the story
    assert draft.step is Step.CONTACT and draft.category == "lateness"
    assert [(p.field, p.code) for p in journey.submit_contact(draft, "Alex", "alex@")] == [("email", "email_invalid")]
    assert draft.step is Step.CONTACT and draft.form.email == "alex@"  # kept as typed, to correct
    assert journey.submit_contact(draft, "Alex", " Alex@Example.com ") == []
    assert draft.step is Step.VERIFY and draft.email_normalized == "Alex@example.com"
    assert draft.form.story == GOOD.story and draft.form.name == "Alex"


def test_each_journey_counts_its_own_steps_and_telling_who_you_are_is_one_of_them():
    invited = [
        journey.progress(step, False)
        for step in (Step.STORY, Step.VALIDATE, Step.APOLOGY, Step.DETAILS, Step.EVIDENCE, Step.REMEDY)
    ]
    assert invited == [(1, 6), (2, 6), (3, 6), (4, 6), (5, 6), (6, 6)]
    public = [
        journey.progress(step, True)
        for step in (
            Step.STORY,
            Step.CONTACT,
            Step.VERIFY,
            Step.VALIDATE,
            Step.APOLOGY,
            Step.DETAILS,
            Step.EVIDENCE,
            Step.REMEDY,
        )
    ]
    assert public == [(1, 7), (2, 7), (2, 7), (3, 7), (4, 7), (5, 7), (6, 7), (7, 7)]
    assert journey.progress(Step.WELCOME, True) == (0, 7)  # the welcome is not a step to count


def test_a_changed_address_is_confirmed_again_and_the_confirmed_one_is_not():
    draft = Draft(needs_verification=True)
    journey.submit_story(draft, GOOD)
    journey.submit_contact(draft, "Alex", "alex@example.com")
    journey.email_confirmed(draft, "alex@example.com")
    assert draft.step is Step.VALIDATE
    journey.change_email(draft)
    assert draft.step is Step.CONTACT
    journey.submit_contact(draft, "Alex", "alex@example.com")
    assert draft.step is Step.VALIDATE  # the address already confirmed
    journey.change_email(draft)
    journey.submit_contact(draft, "Alex", "alex.morgan@example.com")
    assert draft.step is Step.VERIFY
