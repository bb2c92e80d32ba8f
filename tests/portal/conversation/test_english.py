import random
import re

import pytest

from portal.conversation import SUPPORTED_LANGUAGES, Category, Tone, apologise_more, classify, paraphrase, restate
from portal.conversation import apologise as apology
from portal.conversation.english import extract_facts, second_person
from tests.support import corpus

FURNACE = "Your mechanic was 90 minutes late to fix my furnace"
BILL = "the bill was higher than what I had originally planned for"

# What customers wrote as "what bothered you most", with the facts we must never lose.
COMPLAINTS = [
    FURNACE,
    BILL,
    "You charged me twice for the same order #A-1234.",
    "I was told you would call me back by 9:30 a.m. on Monday",
    "The quote said $250 but your invoice came to $410.75",
    "There was a hidden cleaning fee of €40.50 on my booking",
    "I paid you 120 dollars and you didn't even fix it.",
    "Your driver left my parcel at 14 Elm Street instead of number 41.",
    "Mike from your Leeds branch was rude to me and my wife",
    "My car was scratched on 03/14/2024 at 2pm by your valet, José.",
    "Your movers dropped my piano on 12 March 2024 and nobody apologised",
    "I emailed support@amends.example 6 times in 2 weeks and never heard back",
    "I waited 3 hours for Dave, your plumber, who never showed up",
    "Order ORD-55821 was missing 2 items, the charger and the case",
    "You sent me a size 38 instead of the size 42 I ordered",
    "My parcel with tracking number 1Z999AA10123456784 is 10 days late",
    "I'm still waiting for the £85 refund you promised on 2 May",
    "Your technician Sarah told me it would cost 150 euros, then charged me 220 euros",
    "I've called your Madrid office 4 times and I'm always on hold for 40 minutes",
    "We were kept waiting at gate B12 for 2 hours with our kids",
    "I'd booked the 7:30pm slot and you gave our table away",
    "You people lost my order #7731 twice",
    "The fact that your manager, Ms Cohen, laughed at me",
    "What bothered me most was that your guys' technician scratched my new oak floor",
    "Nobody at your Brighton store could tell me where my 3 boxes went",
    "I'll never forget how you treated my 80-year-old mother",
    "The washing machine you repaired on 2024-01-15 is leaking again",
    "My invoice INV-2024-0042 shows 3 call-out fees of $95 each",
    "I asked you twice to deliver after 5pm because I work at the hospital",
    "You were 45 minutes late, and then you charged me for 2 hours of labour",
    "I was on the phone with your call centre for 90 minutes. Nobody could help me. I gave up at 11pm.",
    "Your engineer Tom left mud all over my cream carpet in Flat 3",
    "My mother, who is 92, waited in the cold because you were late",
    "I ordered the Margherita and the Diavola, you sent two Hawaiians",
    "You told me on the phone that the price was 300 dollars, I was billed 450 dollars",
    "The 20% discount I was promised never appeared on my bill",
    "My order from the US arrived with a cracked screen",
    "I typed <script>alert('hi')</script> into your form and **nothing** happened",
    'Your receptionist said "I don\'t care what you were told" and walked off',
    "Was I supposed to wait all day for your courier?",
]

_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself|I'm|I've|I'd|I'll)\b", re.IGNORECASE)
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')


def first_person_outside_quotes(text: str) -> list[str]:
    return _FIRST_PERSON.findall(_QUOTED.sub("", text))


def test_the_furnace_example_reads_exactly_as_specified():
    assert paraphrase(FURNACE) == (
        "What bothered you most is that our mechanic was 90 minutes late to fix your furnace. Is that correct?"
    )


def test_a_noun_phrase_about_the_bill_is_turned_into_a_clause_about_the_customer():
    assert paraphrase(BILL) == (
        "What bothered you most is that the bill was higher than what you had originally planned for. Is that correct?"
    )


@pytest.mark.parametrize("text", COMPLAINTS, ids=[c[:40] for c in COMPLAINTS])
def test_every_fact_survives_the_paraphrase(text):
    facts = extract_facts(text)
    for kind in ("main", "more"):
        result = paraphrase(text, kind=kind)
        missing = [fact for fact in facts if fact not in result]
        assert not missing, f"{missing} lost from {result!r}"


@pytest.mark.parametrize("text", COMPLAINTS, ids=[c[:40] for c in COMPLAINTS])
def test_no_first_person_is_left_outside_quoted_speech(text):
    for kind in ("main", "more"):
        assert first_person_outside_quotes(paraphrase(text, kind=kind)) == []


@pytest.mark.parametrize("text", COMPLAINTS, ids=[c[:40] for c in COMPLAINTS])
def test_paraphrases_are_framed_and_end_with_the_confirmation_question(text):
    main, more = paraphrase(text), paraphrase(text, kind="more")
    assert (
        main.startswith("What bothered you most is")
        and main.endswith(". Is that correct?")
        or main.endswith("? Is that correct?")
    )
    assert more.startswith("You'd also like us to know")
    assert "  " not in main and "  " not in more
    assert ".." not in main.replace("a.m.", "")


def generated_complaints(count: int, seed: int) -> list[str]:
    """Complaints assembled from real-world pieces: pronouns of both sides, facts, punctuation."""
    rng = random.Random(seed)
    openers = ["I", "We", "My husband and I", "Me and my wife", "i", "You", "Your engineer", "You guys", "Nobody"]
    verbs = [
        "was told",
        "waited",
        "paid",
        "called you",
        "emailed you",
        "were charged",
        "charged me",
        "lost my parcel",
        "never called me back about",
        "scratched my car on",
        "sent me the wrong item for",
        "ignored my emails about",
    ]
    facts = [
        "$250",
        "€40.50",
        "120 dollars",
        "order #A-1234",
        "9:30 a.m.",
        "90 minutes",
        "3 May",
        "2024-01-15",
        "INV-2024-0042",
        "support@shop.example",
        "Dave",
        "the Leeds branch",
        "our 2 kids",
        "my 80-year-old mum",
    ]
    tails = [
        "",
        ".",
        "!",
        "!!!",
        "?",
        " and you didn't even apologise.",
        ", which I'd been promised.",
        ". I'm still waiting for your reply.",
        " — I've had enough of your excuses.",
    ]
    return [
        f"{rng.choice(openers)} {rng.choice(verbs)} {rng.choice(facts)} {rng.choice(facts)}{rng.choice(tails)}"
        for _ in range(count)
    ]


@pytest.mark.parametrize("text", generated_complaints(300, seed=20240515))
def test_generated_complaints_keep_their_facts_and_lose_their_first_person(text):
    facts = extract_facts(text)
    for result in (paraphrase(text), paraphrase(text, kind="more"), apology(classify(text, text), text)):
        assert [fact for fact in facts if fact not in result] == [], result
        assert first_person_outside_quotes(result) == [], result


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "You charged me twice for the same order #A-1234.",
            "What bothered you most is that we charged you twice for the same order #A-1234. Is that correct?",
        ),
        (
            "I was told you would call me back by 9:30 a.m.",
            "What bothered you most is that you were told we would call you back by 9:30 a.m. Is that correct?",
        ),
        (
            "The fact that I'm still waiting for a refund of $250",
            "What bothered you most is that you're still waiting for a refund of $250. Is that correct?",
        ),
        (
            "What bothered me most was that your guys' technician scratched my floor",
            "What bothered you most is that our technician scratched your floor. Is that correct?",
        ),
        (
            "What bothered me the most is: you never called",
            "What bothered you most is that we never called. Is that correct?",
        ),
        (
            "It bothered me most that nobody apologised",
            "What bothered you most is that nobody apologised. Is that correct?",
        ),
        (
            "that your plumber flooded my kitchen on 12 March 2024",
            "What bothered you most is that our plumber flooded your kitchen on 12 March 2024. Is that correct?",
        ),
        (
            "Being kept waiting for 2 hours",
            "What bothered you most is being kept waiting for 2 hours. Is that correct?",
        ),
        ("The rude receptionist", "What bothered you most is the rude receptionist. Is that correct?"),
        (
            "The technician who never called back",
            "What bothered you most is the technician who never called back. Is that correct?",
        ),
        ("Mostly the waiting", "What bothered you most is the waiting. Is that correct?"),
        (
            "Why did you charge me €40.50 more than you quoted?",
            "What bothered you most is that we charged you €40.50 more than we quoted. Is that correct?",
        ),
        (
            "Mike from your Leeds branch was rude to me and my wife",
            "What bothered you most is that Mike from our Leeds branch was rude to you and your wife. Is that correct?",
        ),
        ("Your technician was late!!!", "What bothered you most is that our technician was late. Is that correct?"),
        (
            "Your driver left my parcel at the wrong address. I had to walk 3 blocks to get it! Nobody apologised.",
            "What bothered you most is that our driver left your parcel at the wrong address. You had to walk 3 blocks "
            "to get it. Nobody apologised. Is that correct?",
        ),
        (
            "your technician was late. nobody called. i was furious",
            "What bothered you most is that our technician was late. Nobody called. You were furious. Is that correct?",
        ),
        (
            "  Your   technician\n was late\n\nNobody called  ",
            "What bothered you most is that our technician was late. Nobody called. Is that correct?",
        ),
    ],
)
def test_english_paraphrases_read_naturally(text, expected):
    assert paraphrase(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Also, the invoice was wrong", "You'd also like us to know that the invoice was wrong. Is that correct?"),
        (
            "Yes, your receptionist was rude to me",
            "You'd also like us to know that our receptionist was rude to you. Is that correct?",
        ),
        (
            "And another thing, you never apologised",
            "You'd also like us to know that we never apologised. Is that correct?",
        ),
        (
            "On top of that, your staff were rude to me",
            "You'd also like us to know that our staff were rude to you. Is that correct?",
        ),
        ("The parking", "You'd also like us to know about the parking. Is that correct?"),
        (
            "Being ignored by your manager",
            "You'd also like us to know about being ignored by our manager. Is that correct?",
        ),
        (
            "I had to take 2 days off work",
            "You'd also like us to know that you had to take 2 days off work. Is that correct?",
        ),
    ],
)
def test_anything_else_answers_are_restated_without_doubling_also(text, expected):
    assert paraphrase(text, kind="more") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Your mechanic was late", "Our mechanic was late"),
        ("You charged me twice", "We charged you twice"),
        ("you were late", "we were late"),
        ("you were late. I was not", "we were late. You were not"),
        ("You told me it would be fixed", "We told you it would be fixed"),
        ("I called you", "You called us"),
        ("I called you three times", "You called us three times"),
        ("I paid you $80 and you never came", "You paid us $80 and we never came"),
        ("I was there", "You were there"),
        ("I wasn't told", "You weren't told"),
        ("I am a loyal customer", "You are a loyal customer"),
        ("I'm upset", "You're upset"),
        ("I’m upset", "You’re upset"),
        ("I've waited", "You've waited"),
        ("I'd booked it", "You'd booked it"),
        ("I'll never come back", "You'll never come back"),
        ("I have a receipt", "You have a receipt"),
        ("I don't accept that", "You don't accept that"),
        ("I do not accept that", "You do not accept that"),
        ("Was I supposed to wait?", "Were you supposed to wait?"),
        ("Am I invisible?", "Are you invisible?"),
        ("Did you read my email?", "Did we read your email?"),
        ("That was mine, not yours", "That was yours, not ours"),
        ("I hurt myself", "You hurt yourself"),
        ("You should be ashamed of yourselves", "We should be ashamed of ourselves"),
        ("You're always late", "We're always late"),
        ("You've lost it", "We've lost it"),
        ("You'd promised", "We'd promised"),
        ("You'll regret it", "We'll regret it"),
        ("You was late", "We were late"),
        ("You guys never called", "We never called"),
        ("I called you guys twice", "You called us twice"),
        ("Your guys' driver was rude", "Our driver was rude"),
        ("You people lost it", "We lost it"),
        ("The price you quoted me", "The price we quoted you"),
        ("The technician you sent", "The technician we sent"),
        ("I think you forgot my order", "You think we forgot your order"),
        ("I expected you to be on time", "You expected us to be on time"),
        ("When I called you were closed", "When you called we were closed"),
        ("It was you", "It was us"),
        ("Was it you who sent it?", "Was it us who sent it?"),
        ("I trusted you", "You trusted us"),
        ("Thank you for nothing", "Thank us for nothing"),
        ("Me and my husband waited", "You and your husband waited"),
        ("We waited and our kids cried", "You waited and your kids cried"),
        ("My order from the US", "Your order from the US"),
        ("YOU CHARGED ME TWICE", "WE CHARGED YOU TWICE"),
        ("i was there", "you were there"),
        ("He told me I was wrong", "He told you you were wrong"),
        ("You're the one who messed up my booking, not me", "We're the one who messed up your booking, not you"),
        ("**You** were late", "**We** were late"),
    ],
)
def test_second_person_swaps_the_points_of_view(text, expected):
    assert second_person(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("  Your   mechanic \n was late.  ", "Our mechanic was late"),
        ("I waited and waited...", "You waited and waited"),
        ("It was 9 a.m.", "It was 9 a.m."),
        ("They charged a call-out fee etc.", "They charged a call-out fee etc."),
        ("Your driver was late!", "Our driver was late!"),
        ("", ""),
    ],
)
def test_second_person_tidies_whitespace_and_the_final_full_stop_only(text, expected):
    assert second_person(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I typed <script>alert('you')</script> into your form and **nothing** happened",
        "My <b>bold</b> claim: your _italic_ technician broke `my code` and [the link](https://example.com/my)",
        'I wrote "I will never come back" in my review',
        "<img src=x onerror=alert(1)> was what I typed as my name",
    ],
)
def test_markup_in_customer_text_passes_through_unmangled(text):
    result = paraphrase(text)
    for fragment in re.findall(r"<[^>]+>|\*\*\w+\*\*|_\w+_|`[^`]+`|\[[^\]]+\]|\([^)]*\)|\"[^\"]+\"", text):
        assert fragment in result


def test_prose_inside_markup_is_still_restated_but_the_markup_is_not():
    result = paraphrase("I sent **my** photos as [my album](https://example.com/my/album)")
    assert "**your** photos as [your album](https://example.com/my/album)" in result


def test_quoted_speech_is_left_exactly_as_the_customer_wrote_it():
    result = paraphrase('Your agent said "I can\'t help you, my shift is over" and hung up on me')
    assert '"I can\'t help you, my shift is over"' in result
    assert result.endswith("and hung up on you. Is that correct?")


@pytest.mark.parametrize("lang", ["fr", "EN", "", "english"])
def test_unknown_language_is_refused(lang):
    with pytest.raises(ValueError):
        paraphrase(FURNACE, lang=lang)


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_is_refused(lang, text):
    with pytest.raises(ValueError):
        paraphrase(text, lang=lang)


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        paraphrase(FURNACE, kind="other")


@pytest.mark.parametrize(
    "text, facts",
    [
        (FURNACE, ["90 minutes"]),
        ("Charged $250 plus €40.50 and 120 dollars", ["$250", "€40.50", "120 dollars"]),
        ("Came at 9:30, not 8am; promised 7:30 p.m. on 2024-01-15", ["9:30", "8am", "7:30 p.m.", "2024-01-15"]),
        ("Order #A-1234 and invoice INV-2024-0042", ["#A-1234", "INV-2024-0042"]),
        ("I wrote to help@shop.example on 3 May", ["help@shop.example", "3 May"]),
        ("Dave from your Leeds branch", ["Dave", "Leeds"]),
        ("Nobody called. Yesterday I waited. The parcel is lost", []),
        ("I was told YOU would call", []),
        ("A 20% discount on 3 items", ["20%", "3 items"]),
    ],
)
def test_extract_facts_finds_what_must_survive(text, facts):
    assert extract_facts(text) == facts


# --- the corpus: answers written the way customers write, with the restatement and apology a careful reader approved


def corpus_rows() -> list[dict[str, str]]:
    return corpus("en")


GOLDEN_ROWS = [row for row in corpus_rows() if "restatement" in row and "known_gap" not in row]


def test_the_english_corpus_is_big_enough_and_labelled():
    rows = corpus_rows()
    assert len(rows) >= 150 and len(GOLDEN_ROWS) >= 50
    assert {row["category"] for row in rows} == {category.value for category in Category}
    assert {row["tone"] for row in rows} == {tone.value for tone in Tone}
    assert len({row["id"] for row in rows}) == len(rows)


@pytest.mark.parametrize("row", GOLDEN_ROWS, ids=[row["id"] for row in GOLDEN_ROWS])
def test_english_corpus_goldens(row):
    assert restate(row["text"], "en", "main") == row["restatement"]
    assert apology(row["category"], row["text"], "en") == row["apology"]


# --- what we never say back in our voice


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "He LIED to my face about the warranty",
            "What bothered you most is that he lied to your face about the warranty.",
        ),
        ("WHY DOES NOBODY ANSWER THE PHONE", "What bothered you most is that nobody answers the phone."),
        (
            "I sent it with UPS and the TV arrived broken",
            "What bothered you most is that you sent it with UPS and the TV arrived broken.",
        ),
        ("YOU CHARGED US TWICE", "What bothered you most is that we charged you twice."),
    ],
)
def test_shouting_comes_back_in_normal_case_and_acronyms_stay(text, expected):
    assert restate(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("you bunch of clowns lost my parcel AGAIN", "What bothered you most is that we lost your parcel again."),
        (
            "your technician was rude, late and frankly useless",
            "What bothered you most is that our technician was rude, late and no help.",
        ),
        (
            "Your idiot driver reversed into my fence",
            "What bothered you most is that our driver reversed into your fence.",
        ),
        (
            "the bloody engineer left mud on my carpet",
            "What bothered you most is that the engineer left mud on your carpet.",
        ),
        (
            "the f***ing courier left my parcel in the rain",
            "What bothered you most is that the courier left your parcel in the rain.",
        ),
        (
            "my fitter was a total cowboy, none of the doors line up",
            "What bothered you most is that your fitter was not up to the job, none of the doors line up.",
        ),
        ("you lot are a joke, 4 missed deliveries in a row", "What bothered you most is 4 missed deliveries in a row."),
        (
            "great job guys, your plumber flooded my kitchen",
            "What bothered you most is that our plumber flooded your kitchen.",
        ),
        ("Unacceptable!!!", "What bothered you most is that it was unacceptable."),
    ],
)
def test_insults_swearing_and_sarcasm_are_not_repeated_but_the_fact_stays(text, expected):
    assert restate(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "I sat at home for 9 hours like an idiot waiting for your fitter",
            "What bothered you most is that you sat at home for 9 hours waiting for our fitter.",
        ),
        ("I waited 2 hours and I felt like a mug", "What bothered you most is that you waited 2 hours."),
    ],
)
def test_self_insults_are_dropped(text, expected):
    assert restate(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "What bothered me most is that how he spoke to my mother",
            "What bothered you most is how he spoke to your mother.",
        ),
        (
            "the way your driver threw the box over my gate",
            "What bothered you most is the way our driver threw the box over your gate.",
        ),
        ("what really got me was that nobody called", "What bothered you most is that nobody called."),
        (
            "Honestly what bothers me is why I had to call FOUR times",
            "What bothered you most is that you had to call four times.",
        ),
        (
            "the thing is, nobody told us the flight had changed",
            "What bothered you most is that nobody told you the flight had changed.",
        ),
        ("tbh the worst part was the smell", "What bothered you most is the smell."),
        ("how hard is it to answer an email?", "What bothered you most is how hard it is to answer an email."),
        ("why doesnt anyone ever call back", "What bothered you most is that nobody ever calls back."),
        (
            "the attitude of the manager, Karen, when I asked for a receipt",
            "What bothered you most is the attitude of the manager, Karen, when you asked for a receipt.",
        ),
        ("Charged me twice for one coffee", "What bothered you most is that we charged you twice for one coffee."),
        (
            "Told I would get a refund in 5 days",
            "What bothered you most is that you were told you would get a refund in 5 days.",
        ),
    ],
)
def test_wh_clauses_lead_ins_and_questions_get_a_frame_that_fits(text, expected):
    assert restate(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("being charged twice for the same meal", "We are sorry that you were charged twice for the same meal."),
        (
            "Waiting 40 minutes for a table we had booked",
            "We are sorry that you waited 40 minutes for a table you had booked.",
        ),
        ("having to explain my problem to 5 people", "We are sorry that you had to explain your problem to 5 people."),
        ("how he spoke to my mother", "We are sorry about how he spoke to your mother."),
    ],
)
def test_apologies_say_gerunds_and_wh_clauses_as_what_happened_to_the_customer(text, expected):
    assert apology(Category.OTHER, text).startswith(expected)


def test_anything_else_items_get_an_apology_of_their_own():
    assert apologise_more("Being ignored by your manager") == "We are also sorry that you were ignored by our manager."
    assert apologise_more("Also, the invoice was WRONG!!!") == "We are also sorry that the invoice was wrong."
    assert apologise_more("how long the refund took") == "We are also sorry about how long the refund took."
