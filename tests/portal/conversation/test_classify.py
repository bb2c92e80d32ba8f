import re

import pytest

from portal.conversation import Category, Tone, classify
from portal.conversation import read_tone as detect_tone
from portal.conversation.scoring import CueScanner, cue

L, B, Q, D = Category.LATENESS, Category.BILLING, Category.QUALITY, Category.DAMAGE
S, M, V, C, O = Category.STAFF, Category.MISSING_ITEM, Category.DELIVERY, Category.COMMUNICATION, Category.OTHER

# (what happened, what bothered them most, the category a person reading both would pick)
STORIES = [
    (
        "I booked a furnace repair for 8am on a freezing morning.",
        "Your mechanic was 90 minutes late to fix my furnace",
        L,
    ),
    (
        "The plumber was supposed to come between 8 and 12. I took the day off work.",
        "Nobody showed up and I wasted a day of leave",
        L,
    ),
    ("The electrician didn't turn up at all on Tuesday.", "I was stood up", L),
    ("We had a table booked for 7:30.", "We were kept waiting 45 minutes for our table", L),
    ("My appointment was at 10:15 and I was seen at 11:40.", "The delay", L),
    ("The engineer never came, even though the slot was confirmed.", "", L),
    ("I had the kitchen fitted last month.", "the bill was higher than what I had originally planned for", B),
    ("I paid with my card at the counter.", "You charged me twice for the same order #A-1234", B),
    ("The quote said $250 for the job.", "The invoice came to $410 with no explanation", B),
    ("Booked a room online for €89 a night.", "There was a hidden cleaning fee of €40.50 at checkout", B),
    ("They added a surcharge I never agreed to.", "Being overcharged", B),
    ("The dishwasher was repaired on Monday.", "It is still leaking after the repair", Q),
    ("We paid for a full paint job on the hallway.", "The paint job is sloppy and already peeling", Q),
    ("The boiler was serviced twice.", "They didn't fix the problem and it broke down again", Q),
    ("Ordered the salmon.", "It was undercooked and cold", Q),
    ("Your movers brought the sofa in.", "Your movers scratched my dining table", D),
    ("The technician came to fit the TV bracket.", "He broke my vase and left a hole in the wall", D),
    ("My car was valeted on Saturday.", "There is a dent in the door that wasn't there before", D),
    ("The carpet cleaners came in.", "They stained the rug my grandmother gave me", D),
    ("I asked the receptionist a simple question.", "She was rude and rolled her eyes at me", S),
    ("I went back to the store to ask about my warranty.", "The manager was dismissive and talked down to me", S),
    ("I called about my account.", "The agent hung up on me", S),
    ("Waiter brought the food.", "He laughed at me when I asked for the allergen list", S),
    ("Got my takeaway at 8pm.", "The garlic bread was missing from my order", M),
    ("Ordered a pair of boots in size 42.", "You sent me the wrong size", M),
    ("The box arrived this morning.", "Only got 3 of the 5 items I paid for", M),
    ("My pizza came without the toppings I ordered.", "", M),
    ("I ordered a lamp two weeks ago.", "The parcel never arrived", V),
    ("Tracking said it was out for delivery on Friday.", "The courier left my package at the wrong address", V),
    ("I waited in all day.", "It was marked as delivered but I never got it", V),
    ("My order was supposed to arrive on Monday.", "The delivery is 10 days late", V),
    ("I reported the leak on 3 May.", "Nobody called me back", C),
    ("I emailed support four times.", "You ignored my emails for two weeks", C),
    ("I was on hold for an hour and then got cut off.", "No updates at all, I was kept in the dark", C),
    ("The installation was rescheduled.", "They changed the date without telling me", C),
    ("I left three voicemails.", "I had to chase you for every single answer", C),
    ("I visited your shop on the high street.", "The music was too loud", O),
    ("I tried to use the website.", "The colours on the new logo are ugly", O),
    ("Parking near your branch is impossible.", "", O),
]


@pytest.mark.parametrize("story, bothered_most, expected", STORIES, ids=[s[1][:40] or s[0][:40] for s in STORIES])
def test_real_complaints_land_in_the_category_a_person_would_pick(story, bothered_most, expected):
    assert classify(story, bothered_most) is expected


def test_every_category_is_covered_by_the_story_bank():
    assert {expected for _, _, expected in STORIES} == set(Category)


@pytest.mark.parametrize(
    "story, bothered_most, expected",
    [
        ("The mechanic was two hours late and I waited in the cold.", "Nobody called to tell me", C),
        ("The courier was 3 days late with my parcel.", "The driver was rude to my mother", S),
        ("Nobody answered the phone when I called about the leak.", "The repair was sloppy and it still leaks", Q),
        ("The movers were late and the foreman was rude.", "They scratched my piano", D),
        ("They charged me $120 for the call-out.", "The engineer was 90 minutes late", L),
    ],
)
def test_what_bothered_them_most_outweighs_the_story(story, bothered_most, expected):
    assert classify(story, bothered_most) is expected


def test_the_story_decides_when_what_bothered_them_most_is_vague():
    assert classify("Your technician was 2 hours late to fix my boiler.", "It was awful") is L
    assert classify("You sent me the wrong colour sofa.", "The whole thing") is M


@pytest.mark.parametrize(
    "text, not_expected",
    [
        ("The button on the form didn't work", B),
        ("My husband Bill waited at home for 3 hours for the technician", B),
        ("Bill, your manager, was rude and dismissive", B),
        ("The technician wasn't late, but he was very rude", L),
        ("The parcel was not damaged, it just never arrived", D),
        ("Nothing was missing, but the invoice was double what you quoted", M),
        ("I was not charged twice, the courier simply lost my parcel", B),
        ("The delivery driver shouted at me", V),
    ],
)
def test_look_alike_words_and_negations_do_not_misclassify(text, not_expected):
    assert classify(text) is not not_expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("My husband Bill waited at home for 3 hours for the technician", L),
        ("Bill, your manager, was rude and dismissive", S),
        ("The technician wasn't late, but he was very rude", S),
        ("Nothing was missing, but the invoice was double what you quoted", B),
        ("I was not charged twice, the courier simply lost my parcel", V),
        ("The late fee of $35 appeared on my statement", B),
        ("The plumber didn’t show up and nobody rang", L),
        ("Your agent hung up on me TWICE", S),
    ],
)
def test_negations_and_names_leave_the_real_complaint_to_win(text, expected):
    assert classify(text) is expected


@pytest.mark.parametrize("story", ["", "   ", "Hello", "I would like to discuss my order"])
def test_nothing_specific_is_other(story):
    assert classify(story) is O


def test_category_values_are_stable_strings():
    assert [c.value for c in Category] == [
        "lateness",
        "billing",
        "quality",
        "damage",
        "staff",
        "missing_item",
        "delivery",
        "communication",
        "other",
    ]


@pytest.mark.parametrize(
    "text, tone",
    [
        ("The technician arrived at 10:30 instead of 9:00.", Tone.CALM),
        ("I would like a refund for the missing item, please.", Tone.CALM),
        ("I sent the package with UPS and DHL, and paid the VAT.", Tone.CALM),
        ("", Tone.CALM),
        ("I'm disappointed that nobody called.", Tone.FRUSTRATED),
        ("Disappointed.", Tone.FRUSTRATED),
        ("I waited all day!", Tone.FRUSTRATED),
        ("This is the third time I've had to chase you, which is frustrating.", Tone.FRUSTRATED),
        ("I'm not furious, I'm just let down.", Tone.FRUSTRATED),
        ("I’m not furious, I’m just let down.", Tone.FRUSTRATED),
        ("I waited all DAY!", Tone.FRUSTRATED),
        ("This is unacceptable.", Tone.ANGRY),
        ("I am furious about the damage to my car.", Tone.ANGRY),
        ("Never again will I use your company.", Tone.ANGRY),
        ("The state of the kitchen was disgusting", Tone.ANGRY),
        ("WHY DID NOBODY CALL ME", Tone.ANGRY),
        ("You charged me twice!!!", Tone.FRUSTRATED),
        ("You charged me TWICE!!!", Tone.ANGRY),
        # look-alikes of anger: a self-insult, a steak done well, a lead-in, a handle that came off
        ("I sat at home for 9 hours like an idiot", Tone.FRUSTRATED),
        ("I asked for the steak well done and it came raw", Tone.CALM),
        ("the worst part was the smell", Tone.CALM),
        ("my suitcase came back with the handle ripped off", Tone.CALM),
    ],
)
def test_tone(text, tone):
    assert detect_tone(text) is tone


@pytest.mark.parametrize(
    "text, expected",
    [
        ("your plumber was 2 hours late and didnt even call to say", L),
        ("how long it took, 3 weeks for a 2 day job", L),
        ("I've been waiting since 14 March for the £212.40 you owe me", B),
        ("I cancelled my membership and you are still taking money every month", B),
        ("the hotel room was filthy, hair in the shower", Q),
        ("the shelves are wonky and one is already coming off the wall", Q),
        ("your technician drilled straight through a water pipe", D),
        ("the carpet cleaner bleached a patch of my carpet", D),
        ("He LIED to my face about the warranty", S),
        ("the way the manager spoke to my son", S),
        ("the security guard followed me round the whole shop", S),
        ("THE BED FRAME CAME WITH NO SCREWS", M),
        ("I recieved someone elses shopping", M),
        ("the driver threw my parcel over the fence", V),
        ("you useless lot have lost my parcel TWICE now", V),
        ("WHY DOES NOBODY ANSWER THE PHONE", C),
        ("Honestly what bothers me is why I had to call FOUR times to get a simple answer", C),
        ("the chatbot goes round in circles and there is no way to talk to a real person", C),
        ("the app kept logging me out every time I tried to pay", O),
        ("I unsubscribed months ago and you still send me marketing emails", O),
    ],
)
def test_everyday_phrasings_land_in_their_category(text, expected):
    assert classify("", text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "you bunch of clowns lost my parcel",
        "the f***ing courier left it in the rain",
        "your technician was useless",
        "great job guys, your plumber flooded my kitchen",
        "you call that a repair??",
        "He lied to my face",
        "nobody nobody NOBODY picks up",
        "Thanks for nothing. 3 weeks for a refund",
        "what I can't believe is the price",
        "being treated like a criminal by your guard",
        "they broke the handle off and hid it in a drawer",
    ],
)
def test_insults_swearing_sarcasm_and_repetition_read_as_angry(text):
    assert detect_tone(text) is Tone.ANGRY


def test_each_match_is_credited_to_the_first_cue_that_matches_there():
    """The scan finds a match by its first two characters; the cue credited must be the one the table puts first,
    whether its second character is plain (abd) or any (a\\w+z)."""
    scanner = CueScanner(
        (
            cue(r"\bab(?:c|d)\b", (Category.BILLING, 1)),
            cue(r"\ba\w+z\b", (Category.STAFF, 1)),
            cue(r"\babd\b", (Category.DAMAGE, 1)),
            cue(r"\bax\b", (Category.DELIVERY, 1)),
        ),
        re.compile("(?!)"),
    )
    assert scanner.scores("abd") == {Category.BILLING: 1}
    assert scanner.scores("abz") == {Category.STAFF: 1}
    assert scanner.scores("ax axz") == {Category.DELIVERY: 1, Category.STAFF: 1}
