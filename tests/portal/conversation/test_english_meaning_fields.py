"""English category, tone and restatement on meaning fields and habits of writing (issue 24, the en-w batch).

The sentences are written for these tests, not taken from the corpus; each checks one general rule: goods waited
for are a delivery, a lead-in ("what really got me was") says what bothered them most, a changed appointment without
a word is communication, SMS spellings and shouted articles are read, insults before a relative clause leave a
neutral noun.
"""

import pytest

from portal.conversation import Category, Tone, apologise, classify, read_tone, restate

L, B, Q, D = Category.LATENESS, Category.BILLING, Category.QUALITY, Category.DAMAGE
S, M, V, C, O = Category.STAFF, Category.MISSING_ITEM, Category.DELIVERY, Category.COMMUNICATION, Category.OTHER


@pytest.mark.parametrize(
    "bothered, expected",
    [
        # goods waited for are a delivery; a person waited for is lateness
        ("we waited five weeks for the new mattress", V),
        ("the dishwasher was supposed to arrive on monday and it's now thursday", V),
        ("ordered a birthday bouquet and it arrived two days after her birthday", V),
        ("my bed went to flat 3 instead of flat 8", V),
        ("the locksmith was supposed to come at 10 and showed up at 2", L),
        # what bothered them most comes after the lead-in
        ("the plumber was an hour late, but what really annoyed me was him shouting at my son", S),
        ("the room was small and a bit dated, worst of all they charged us twice for parking", B),
        # changed without a word, and nobody saying what is happening
        ("the salon moved my appointment to 9am without telling me", C),
        ("they had my laptop for ten days and never rang to say what was happening", C),
        # events missed because of us are lateness, not missing items
        ("the ferry was so late that we kept missing our connections", L),
        # damage: cut through, and goods now in pieces however they got there
        ("the landscaper sliced through the cable for the pond pump", D),
        ("the van driver tossed the box onto the drive and the vase inside is in pieces", D),
        # other: a pet let out, codes and points, overbooking, shared areas, noise from elsewhere
        ("the kennel staff let our dog escape and we found him on the main road", O),
        ("my gift card code doesn't work on your checkout", O),
        ("the airline overbooked the flight and we got bumped to the evening", O),
        ("the hotel lifts were out of order for our whole stay", O),
        ("you could hear the party upstairs through the ceiling until 3am", O),
        # money: an amount in pence or cents, a bill that jumped, a deposit kept
        ("42.50 for a wash and blow dry that was over in twenty minutes", B),
        ("my insurance went up from 310 to 520 with no claims", B),
        ("the letting agency still haven't given our bond back", B),
        # the wrong one of two
        ("the box had a size 12 in it, we ordered the size 14 one", M),
    ],
)
def test_meaning_fields_decide_the_category(bothered, expected):
    assert classify("", bothered) is expected


@pytest.mark.parametrize(
    "text",
    [
        "the chair arrived without its legs, u having a laugh or what. im going to my bank for a chargeback",
        "your receptionist is an arrogant prick",
        "the manager is a nasty piece of work",
        "the handlers threw my case about, bunch of apes",
        "nobody fixed the damp. see you at the tribunal",
        "no reply to 4 letters, my complaint is going to the ombudsman",
        "you lost my records. complaint going to the ICO tomorrow",
        "had to repeat myself to six people, total incompetence",
    ],
)
def test_threats_slang_challenges_and_insults_read_angry(text):
    assert read_tone(text) is Tone.ANGRY


@pytest.mark.parametrize(
    "text",
    [
        "sat in reception for two hours waiting for a blood test, ridiculous",
        "the new boiler already stopped working, that's two boilers now",
    ],
)
def test_a_blood_test_is_no_injury_and_a_stressed_aggravation_is_frustrated(text):
    assert read_tone(text) is Tone.FRUSTRATED


@pytest.mark.parametrize(
    "text, expected",
    [
        # an insult before a relative clause leaves a neutral noun, never an adjective alone
        (
            "the foreman was a rude idiot who kept interrupting me",
            "What bothered you most is that the foreman was a rude person who kept interrupting you.",
        ),
        (
            "the driver was a moron who blocked my drive",
            "What bothered you most is that the driver was a person who blocked your drive.",
        ),
        # a dishonest person is dishonest with the customer, whoever restates it
        ("the estate agent is a crook", "What bothered you most is that the estate agent is dishonest with you."),
        # SMS: "ur" before a noun is "your", before "not" or a verb in -ing it is "you're"
        ("ur engineer broke my tap", "What bothered you most is that our engineer broke your tap."),
        # the shouted article is brought down with the rest
        ("I WAITED ALL DAY FOR A PLUMBER", "What bothered you most is that you waited all day for a plumber."),
        # a challenge with no fact in it goes, with or without its question mark
        (
            "the bed came with no slats, you having a laugh or what",
            "What bothered you most is that the bed came with no slats.",
        ),
        # formal and chatty openings go
        (
            "Kindly note the refund of 1,250 has not been credited",
            "What bothered you most is that the refund of 1,250 has not been credited.",
        ),
        ("mate i rang the shop four times", "What bothered you most is that you rang the shop four times."),
    ],
)
def test_restatement_reads_past_slang_openings_and_insults(text, expected):
    assert restate(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a vow or threat closing a sentence is no part of what happened, and reads oddly in our voice
        (
            "the cleaner never turned up on friday. never again",
            "What bothered you most is that the cleaner never turned up on friday.",
        ),
        (
            "they lost my bags twice, see you in small claims court",
            "What bothered you most is that they lost your bags twice.",
        ),
        (
            "the gate was left open all weekend and im reporting you to the council",
            "What bothered you most is that the gate was left open all weekend.",
        ),
        # a sentence that is only a threat: small claims, a solicitor, a regulator, the press
        (
            "The builder's digger cracked our garden wall. I'm taking it to small claims.",
            "What bothered you most is that the builder's digger cracked your garden wall.",
        ),
        (
            "the plumber flooded my kitchen. I will be contacting my solicitor.",
            "What bothered you most is that the plumber flooded your kitchen.",
        ),
        (
            "you cut off my broadband for a week and I am complaining to Ofcom",
            "What bothered you most is that we cut off your broadband for a week.",
        ),
        (
            "nobody answers the phone. im going to the papers with this",
            "What bothered you most is that nobody answers the phone.",
        ),
        (
            "the landlord ignores every message about the damp. see you at the tribunal mate",
            "What bothered you most is that the landlord ignores every message about the damp.",
        ),
        (
            "the school lost my son's forms. complaint going to the council today",
            "What bothered you most is that the school lost your son's forms.",
        ),
        # a verb of ours whose subject is left out, with a count of what it ignored
        (
            "ignored 4 emails about my dad's prescription",
            "What bothered you most is that we ignored 4 emails about your dad's prescription.",
        ),
        # the same words inside what happened stay
        (
            "the chef said he would never again cook for us",
            "What bothered you most is that the chef said he would never again cook for you.",
        ),
        (
            "I told the manager I would leave a review and he laughed",
            "What bothered you most is that you told the manager you would leave a review and he laughed.",
        ),
        # a threat holding a number is kept, so that no fact is lost
        (
            "the room was filthy, 1 star review coming your way",
            "What bothered you most is that the room was filthy, 1 star review coming our way.",
        ),
    ],
)
def test_closing_threats_and_vows_are_not_said_back(text, expected):
    assert restate(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a sentence that is only an insult goes; it used to leave a bare full stop in the frame ("… is . The …")
        ("stupid. the roofer broke 3 tiles", "What bothered you most is that the roofer broke 3 tiles."),
        ("the boiler still doesn't work. lazy.", "What bothered you most is that the boiler still doesn't work."),
        ("lazy!!", "What bothered you most is what happened."),
        # swearing is dropped wherever it stands
        ("they sent the wrong size, fuck!!", "What bothered you most is that they sent the wrong size."),
        ("the bullshit excuse about traffic", "What bothered you most is the excuse about traffic."),
    ],
)
def test_insults_and_swearing_leave_no_empty_sentence_behind(text, expected):
    assert restate(text) == expected


@pytest.mark.parametrize(
    "category, text, sentence",
    [
        (
            B,
            "the landlord still hasn't given back our deposit of 900",
            "Your money should have been back with you long before now.",
        ),
        (
            B,
            "they debited 60 for a membership I had already cancelled",
            "Once you had cancelled, the charges should have stopped.",
        ),
        (
            B,
            "I paid in full at the counter and now they send reminder letters",
            "You should only have been charged once.",
        ),
        (
            D,
            "my suitcase came off the carousel with a split side",
            "You trusted us with your property, and we should have treated it with the care it deserved.",
        ),
        (
            D,
            "the fitter flooded the utility room and it came through the ceiling below",
            "You let us into your home, and we should have treated it with the care it deserved.",
        ),
    ],
)
def test_the_apology_owns_what_they_said(category, text, sentence):
    assert apologise(category, text).endswith(sentence)
