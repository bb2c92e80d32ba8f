"""Sentences a careful reader stopped at in the engine's English output, as probes of their shape (written for the
engine, not corpus answers): a rhetorical question about "that" asks nothing we could say back, and a focus lead-in
late in the answer ("…, what wasn't fine was X") names what bothered the customer most."""

import pytest

from portal.conversation import restate


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "the cleaner knocked my vase off the shelf. honestly who does that",
            "What bothered you most is that the cleaner knocked your vase off the shelf.",
        ),
        (
            "they billed me twice for one night. how is that fair?",
            "What bothered you most is that they billed you twice for one night.",
        ),
        (
            "my parcel went to the wrong town, how does that even happen",
            "What bothered you most is that your parcel went to the wrong town.",
        ),
        (
            "the cashier shouted at my son. why would you do that??",
            "What bothered you most is that the cashier shouted at your son.",
        ),
    ],
)
def test_a_rhetorical_question_about_that_is_not_said_back(text: str, expected: str) -> None:
    assert restate(text, "en", "main") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "the bus was a bit late but thats fine, what wasnt fine was the driver shouting at my son",
            "What bothered you most is the driver shouting at your son.",
        ),
        (
            "the food was average but whatever, the thing i cant get over is the £30 corkage charge",
            "What bothered you most is the £30 corkage charge.",
        ),
        (
            "What really got me was the plumber saying he would be back on Monday and it's now Thursday.",
            "What bothered you most is the plumber saying he would be back on Monday and it's now Thursday.",
        ),
    ],
)
def test_a_focus_lead_in_names_what_bothered_them_most(text: str, expected: str) -> None:
    assert restate(text, "en", "main") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "the new hoover is useless keeps cutting out every few minutes",
            "What bothered you most is that the new hoover keeps cutting out every few minutes.",
        ),
        (
            "my new kettle is rubbish leaks all over the worktop",
            "What bothered you most is that your new kettle leaks all over the worktop.",
        ),
        (
            "the painters splashed paint all over the carpet, cowboys the lot of them",
            "What bothered you most is that the painters splashed paint all over the carpet.",
        ),
        (
            "the couriers lost two parcels this month, clueless idiots all of them",
            "What bothered you most is that the couriers lost two parcels this month.",
        ),
    ],
)
def test_an_insult_goes_with_what_only_belonged_to_it(text: str, expected: str) -> None:
    """The copula before an insulting predicate goes with it when a verb follows ("is useless keeps …"), and so
    does a quantifier that only counted the people insulted ("…, cowboys the lot of them")."""
    assert restate(text, "en", "main") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "who washes a wool jumper on hot?? the laundry did, now it fits my cat",
            "What bothered you most is that the laundry washed a wool jumper on hot, now it fits your cat.",
        ),
        (
            "who leaves a fridge out in the rain? your driver did",
            "What bothered you most is that our driver left a fridge out in the rain.",
        ),
        (
            "how is it right to charge me a £40 fee when your website was down?",
            "What bothered you most is that it is not right to charge you a £40 fee when our website was down.",
        ),
        (
            "how is it fair that the new tenants got the discount and we didn't",
            "What bothered you most is that it is not fair that the new tenants got the discount and you didn't.",
        ),
    ],
)
def test_a_question_the_customer_answers_is_said_as_its_answer(text: str, expected: str) -> None:
    """ "who did X? Y did" is "Y did X"; "how is it fair to X" is "it is not fair to X": neither is a question back,
    nor an answer without its verb ("that the laundry did, now …")."""
    assert restate(text, "en", "main") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "the bath was still full of hair when we checked in. Not happy.",
            "What bothered you most is that the bath was still full of hair when you checked in.",
        ),
        (
            "the parcel came two days late, very disappointed",
            "What bothered you most is that the parcel came two days late.",
        ),
        (
            "they charged me twice for one coffee. So annoying!",
            "What bothered you most is that they charged you twice for one coffee.",
        ),
        (
            "my deposit was kept for a scuff on the wall. Not fair.",
            "What bothered you most is that your deposit was kept for a scuff on the wall.",
        ),
    ],
)
def test_a_feeling_said_alone_is_not_said_back(text: str, expected: str) -> None:
    """ "Not happy.", "very disappointed", "So annoying!": the customer's feeling is theirs to say; said back in
    our voice after what happened ("We are sorry that … Not happy.") it reads as if we judged it."""
    assert restate(text, "en", "main") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "the training you give your drivers is clearly not enough",
            "What bothered you most is that the training we give our drivers is clearly not enough.",
        ),
        (
            "the cleaning you charge £90 for took twenty minutes",
            "What bothered you most is that the cleaning we charge £90 for took twenty minutes.",
        ),
    ],
)
def test_our_you_after_a_noun_in_ing_is_the_subject_of_its_verb(text: str, expected: str) -> None:
    """ "the training you give": a noun in -ing is no verb taking "you" as its object, so the verb after "you" has
    it as subject (was "the training us give our drivers")."""
    assert restate(text, "en", "main") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "cant log in to my account since the update",
            "What bothered you most is that you can't log in to your account since the update.",
        ),
        (
            "couldnt get through to anyone all week, the line just rings out",
            "What bothered you most is that you couldn't get through to anyone all week, the line just rings out.",
        ),
    ],
)
def test_a_cannot_with_its_i_left_out_is_the_customers(text: str, expected: str) -> None:
    """ "can't log in …": the customer who could not do something left out their "I" (was "is that can't log in")."""
    assert restate(text, "en", "main") == expected
