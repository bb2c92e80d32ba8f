"""Shapes customers write every day that the restatement's frame must fit (probes written for the engine, not
corpus answers): letter openings, topic lead-ins, questions without their question mark, fragments, verbs with
their subject left out. Each expected sentence is what a careful reader would accept in our voice."""

import pytest

from portal.conversation import Category, apologise, restate


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I am writing to complain about the state of the room", "What bothered you most is the state of the room."),
        ("I'm writing because my parcel never came", "What bothered you most is that your parcel never came."),
        ("I want to complain about your driver", "What bothered you most is our driver."),
        (
            "I would like to complain that nobody called me back",
            "What bothered you most is that nobody called you back.",
        ),
        (
            "Dear Sir/Madam, I wish to complain about the service I received on 4 May.",
            "What bothered you most is the service you received on 4 May.",
        ),
        (
            "To whom it may concern, my order 4411 has not arrived.",
            "What bothered you most is that your order 4411 has not arrived.",
        ),
        (
            "my complaint is about the driver who came on Monday",
            "What bothered you most is the driver who came on Monday.",
        ),
        ("My problem is with the invoice", "What bothered you most is the invoice."),
        ("It's about the money. You owe me £40.", "What bothered you most is the money. We owe you £40."),
        (
            "It annoyed me that the way they spoke to my dad was so rude",
            "What bothered you most is that the way they spoke to your dad was so rude.",
        ),
        ("It's that they never called back", "What bothered you most is that they never called back."),
        ("It was the way he looked at me", "What bothered you most is the way he looked at you."),
        ("I was most bothered by how long it took", "What bothered you most is how long it took."),
        ("what I cant believe is that how rude she was", "What bothered you most is how rude she was."),
        ("I mean, nobody even said sorry", "What bothered you most is that nobody even said sorry."),
        ("Just that it took so long", "What bothered you most is that it took so long."),
        ("Re: order 5512 never arrived", "What bothered you most is that order 5512 never arrived."),
    ],
)
def test_letter_openings_and_topic_lead_ins_are_left_to_the_frame(text: str, expected: str) -> None:
    assert restate(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the fact you charged me twice", "What bothered you most is that we charged you twice."),
        (
            "the fact that, after 3 calls, nobody knew anything",
            "What bothered you most is that after 3 calls, nobody knew anything.",
        ),
        ("the worst bit was that that man lied to me", "What bothered you most is that the man lied to you."),
    ],
)
def test_the_frame_never_stammers_that(text: str, expected: str) -> None:
    assert restate(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Does anyone actually read emails", "What bothered you most is whether anyone actually reads emails."),
        ("Was it too hard to call me?", "What bothered you most is whether it was too hard to call you."),
        ("why on earth did nobody tell me", "What bothered you most is that nobody told you."),
        ("How dare you cancel without telling me", "What bothered you most is that we cancelled without telling you."),
        (
            "Who do I have to talk to to get my money back?",
            "What bothered you most is who you have to talk to to get your money back.",
        ),
    ],
)
def test_questions_become_statements_with_or_without_their_question_mark(text: str, expected: str) -> None:
    assert restate(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Everything.", "What bothered you most is everything."),
        (
            "Late again. Third time this month.",
            "What bothered you most is that it was late again. Third time this month.",
        ),
        ("Broken. Again.", "What bothered you most is that it was broken. Again."),
        ("Rude. Just rude.", "What bothered you most is that it was rude."),
        ("Missing the screws", "What bothered you most is the missing screws."),
        ("missing 2 bags from my order", "What bothered you most is the 2 missing bags from your order."),
        ("Delivered to the wrong house", "What bothered you most is that it was delivered to the wrong house."),
        ("Kept me waiting for 3 hours", "What bothered you most is that we kept you waiting for 3 hours."),
        ("Just refund me", "What bothered you most is that you want us to refund you."),
        (
            "where they left the parcel, in a puddle",
            "What bothered you most is where they left the parcel, in a puddle.",
        ),
        (
            "Whoever packed this did not check it",
            "What bothered you most is that whoever packed this did not check it.",
        ),
    ],
)
def test_fragments_and_left_out_subjects_get_a_frame_that_fits(text: str, expected: str) -> None:
    assert restate(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Missing the screws", "We are sorry about the missing screws."),
        ("fix it. just fix it", "We are sorry that you had to ask us to fix it."),
        (
            "The boiler still leaks. Sort it out.",
            "We are sorry that the boiler still leaks. You want us to sort it out.",
        ),
    ],
)
def test_the_apology_repeats_no_order_in_our_voice(text: str, expected: str) -> None:
    assert apologise(Category.QUALITY, text, "en").startswith(expected + " ")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("- late\n- rude\n- overcharged", "What bothered you most is that it was late, rude and overcharged."),
        ("* no call\n* no show\n* no refund", "What bothered you most is no call, no show and no refund."),
        (
            "- the driver was late\n- the box was crushed",
            "What bothered you most is that the driver was late. The box was crushed.",
        ),
        (
            "Problems: late delivery, rude driver, damaged box",
            "What bothered you most is late delivery, rude driver, damaged box.",
        ),
    ],
)
def test_a_list_is_said_as_sentences_not_bullets(text: str, expected: str) -> None:
    assert restate(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("your guys are amateurs", "What bothered you most is that our staff are not up to the job."),
        ("the delivery guy called me stupid", "What bothered you most is that the delivery guy called you names."),
        ("typical cowboys, left the job half done", "What bothered you most is that we left the job half done."),
        ("your receptionist is a useless cow", "What bothered you most is that our receptionist is not up to the job."),
    ],
)
def test_an_insult_goes_and_what_happened_stays(text: str, expected: str) -> None:
    assert restate(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "why did the gym instructor shout at me in front of everyone??",
            "What bothered you most is that the gym instructor shouted at you in front of everyone.",
        ),
        ("why did your driver scratch my gate", "What bothered you most is that our driver scratched your gate."),
        (
            "Your staff can't tell me where my claim is!!!",
            "What bothered you most is that our staff can't tell you where your claim has got to.",
        ),
        ("nobody knows where my sofa is", "What bothered you most is that nobody knows where your sofa has got to."),
    ],
)
def test_a_question_about_any_verb_or_place_reads_as_a_statement(text: str, expected: str) -> None:
    assert restate(text) == expected


@pytest.mark.parametrize(
    "bothered, expected",
    [
        ("the app says delivered but there is nothing here", Category.DELIVERY),
        ("still no wardrobe after 5 weeks", Category.DELIVERY),
        ("you sent us the small one when we paid for the large", Category.MISSING_ITEM),
        ("no sauce in the bag even though its on the receipt", Category.MISSING_ITEM),
        ("I got charged for the premium plan", Category.BILLING),
        ("they moved my appointment and I was never told", Category.COMMUNICATION),
        ("the support team cannot tell me anything about my case", Category.COMMUNICATION),
        ("my complaint has not been acknowledged", Category.COMMUNICATION),
        ("the lifts were filthy", Category.OTHER),
        ("loud noise from the kitchen all night", Category.OTHER),
        ("they posted my bank details to the wrong person", Category.OTHER),
        ("the receptionist laughed when I asked for a refund", Category.STAFF),
        ("the bed was fine, what was not ok was the waiter shouting at my son", Category.STAFF),
    ],
)
def test_phrasings_group_y_taught_reach_the_category_a_reader_would_pick(bothered: str, expected: Category) -> None:
    from portal.conversation import classify

    assert classify("", bothered, "en") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the plumber came on the wrong day", "calm"),
        ("week 4 and the kitchen is still not finished", "frustrated"),
        ("the mechanic said Monday and it's now Thursday", "frustrated"),
        ("I was promised a call back and that was 6 days ago", "frustrated"),
        ("third visit for the same leak", "frustrated"),
        ("I spent the whole morning on the phone to your bank", "frustrated"),
        ("why does nobody read the notes on my account?", "frustrated"),
        ("the room had been 'cleaned' but the bin was full", "frustrated"),
        ("very poor service from the front desk", "frustrated"),
        ("the receptionist rolled her eyes when I asked", "frustrated"),
        ("Love how your app logged me out mid payment. Real classy.", "angry"),
        ("Fantastic service as always, the order is lost again", "angry"),
        ("never using you lot again", "angry"),
        ("who the hell talks to patients like that", "angry"),
        ("they left paint everywhere and did not clean up. PIGS", "angry"),
    ],
)
def test_the_tone_reads_the_markers_labels_md_names(text: str, expected: str) -> None:
    from portal.conversation import read_tone

    assert str(read_tone(text, "en")) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "What bothered me most was that waited 55 mins for a table",
            "What bothered you most is that you waited 55 mins for a table.",
        ),
        (
            "It's that on hold for 57 minutes and then the line went dead",
            "What bothered you most is that you were on hold for 57 minutes and then the line went dead.",
        ),
        (
            "It's that what bothered me most is how he spoke to my mother",
            "What bothered you most is how he spoke to your mother.",
        ),
    ],
)
def test_a_lead_in_before_a_clause_without_its_subject_leaves_no_stammer(text: str, expected: str) -> None:
    assert restate(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "YOU RENEWED IT ANYWAY AND TOOK 230 DOLLARS",
            "What bothered you most is that we renewed it anyway and took 230 dollars.",
        ),
        (
            "YOU STILL SEND ME 3 MARKETING EMAILS A DAY",
            "What bothered you most is that we still send you 3 marketing emails a day.",
        ),
        ("MY ORDER FROM UPS IS 5 DAYS LATE", "What bothered you most is that your order from UPS is 5 days late."),
    ],
)
def test_an_answer_in_capitals_comes_back_in_normal_case_units_included(text: str, expected: str) -> None:
    assert restate(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Why is it that nobody calls back?", "What bothered you most is that nobody calls back."),
        ("What a joke. What bothered me most was the smell", "What bothered you most is the smell."),
        ("bloody hell, the van never came", "What bothered you most is that the van never came."),
        ("so yeah the engineer never came", "What bothered you most is that the engineer never came."),
        (
            "Tracking has said delivered since Monday. It's Friday?",
            "What bothered you most is that tracking has said delivered since Monday. It's Friday?",
        ),
    ],
)
def test_openings_and_closing_questions_that_hold_a_fact(text: str, expected: str) -> None:
    assert restate(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "the bloke at the counter treated me like a thief over a $4 refund",
            "What bothered you most is that the bloke at the counter treated you with suspicion over a $4 refund.",
        ),
        (
            "Love how your app wiped my points. Real classy.",
            "What bothered you most is that our app wiped your points.",
        ),
        (
            "Brilliant communication as always, found out my train was cancelled on the platform",
            "What bothered you most is that you found out your train was cancelled on the platform.",
        ),
        (
            "paid 900 for a mattress that sags, absolute sh*t",
            "What bothered you most is that you paid 900 for a mattress that sags.",
        ),
        (
            "why does your 'deep clean' leave the oven greasy?",
            "What bothered you most is that our 'deep clean' leaves the oven greasy.",
        ),
        ("the driver was late. never using you lot again", "What bothered you most is that the driver was late."),
        (
            "The doctor said I was 'wasting his time'. Arrogant prick.",
            "What bothered you most is that the doctor said you were 'wasting his time'.",
        ),
    ],
)
def test_sarcasm_and_insults_go_and_the_facts_stay(text: str, expected: str) -> None:
    assert restate(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Parcel was left with a neighbour I have never met.",
            "What bothered you most is that parcel was left with a neighbour you have never met.",
        ),
        (
            "rang the contractor 5 times, nobody ever picks up",
            "What bothered you most is that you rang the contractor 5 times, nobody ever picks up.",
        ),
        (
            "pool area was filthy, hair everywhere!!! shame on you!!!",
            "What bothered you most is that pool area was filthy, hair everywhere.",
        ),
        (
            "Wow thanks for sending my laptop back with a dent in the lid!!!",
            "What bothered you most is that we sent your laptop back with a dent in the lid.",
        ),
        (
            "flight delayed 6 hrs with 2 kids. pathetic airline",
            "What bothered you most is that flight delayed 6 hrs with 2 kids.",
        ),
        ("the laundry shrunk my blazer", "What bothered you most is that the laundry shrunk your blazer."),
        (
            "worst meal ever. never coming back and ill be telling everyone on google",
            "What bothered you most is worst meal ever.",
        ),
        (
            "$340 fee for a flight you cancelled. disputing it with my card company as a chargeback",
            "What bothered you most is $340 fee for a flight we cancelled.",
        ),
    ],
)
def test_what_group_y_showed_in_our_voice(text: str, expected: str) -> None:
    assert restate(text) == expected


@pytest.mark.parametrize(
    "category, text, sentence",
    [
        (
            Category.DAMAGE,
            "there's a dent in the drivers door since the service",
            "You trusted us with your property, and we should have treated it with the care it deserved.",
        ),
        (
            Category.OTHER,
            "a letter to my neighbour had my account details in it",
            "Your details should have been kept private, and we did not protect them.",
        ),
        (
            Category.OTHER,
            "I still get marketing emails after I unsubscribed",
            "You should hear from us only when you have asked to.",
        ),
        (
            Category.OTHER,
            "I could not log in to your website all week",
            "Dealing with us online should have been simple, and it was not.",
        ),
    ],
)
def test_the_apology_owns_the_thing_they_named(category: Category, text: str, sentence: str) -> None:
    assert apologise(category, text, "en").endswith(" " + sentence)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "I would like my refund for order 5521-AB, the item was returned on 3 March.",
            "We are sorry that you are still waiting for your refund for order 5521-AB, the item was returned on 3 March.",
        ),
        ("I want my money back", "We are sorry that you are still waiting for your money back."),
        (
            "we'd like an apology from the manager",
            "We are sorry that you are still waiting for an apology from the manager.",
        ),
    ],
)
def test_a_wish_for_what_we_owe_is_said_as_still_waiting_for_it(text: str, expected: str) -> None:
    assert apologise(Category.BILLING, text).startswith(expected)
