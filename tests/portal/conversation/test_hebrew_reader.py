"""Hebrew restatements a careful reader would stop at: lead-ins, verbless openings, sarcasm, verb forms."""

from __future__ import annotations

import pytest

from portal.conversation import apologise, classify, restate

FRAME = "הבנו שמה שהכי הפריע לך הוא "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("מה שהכי פגע בי זה שהנציגה צחקה עליי", "שהנציגה צחקה עליך."),
        ("מה שהכי הרגיז אותי זה שחיכיתי שעתיים לנציג", "שחיכית שעתיים לנציג."),
        ("הכי הרגיז אותי שבקבלה היו 3 מנות", "שבקבלה היו 3 מנות."),
        ("הכי מתסכל זה שאף אחד לא עונה בטלפון", "שאף אחד לא עונה בטלפון."),
        ("הספר היה נחמד. מה שהכי הפריע זה שחיכיתי שעה בתור", "שחיכית שעה בתור."),
    ],
)
def test_the_customers_own_lead_in_is_taken_off_wherever_it_stands(text: str, expected: str) -> None:
    """ "מה שהכי פגע בי זה ש…" said back read "…הוא שבך זה ש…"; a ש after the lead-in was doubled (ששחיכית)."""
    assert restate(text, "he") == FRAME + expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("נהג חצוף. צעק עליי מול כל האוטובוס", "שנהג גס רוח צעק עליך מול כל האוטובוס."),
        ("נציג מגעיל. ניתק לי באמצע השיחה", "שנציג ניתק לך באמצע השיחה."),
    ],
)
def test_a_verbless_opening_is_the_subject_of_the_next_sentence(text: str, expected: str) -> None:
    """ "אנחנו מצטערים שנהג גס רוח." apologised for a fragment and "מגעיל" was said back in our voice."""
    assert restate(text, "he") == FRAME + expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("איזה כיף, הטכנאי שוב לא הגיע. תודה רבה באמת", "שהטכנאי שוב לא הגיע."),
        ("כל הכבוד, חייבתם אותי פעמיים. ממש שירות מעולה", "שחייבנו אותך פעמיים."),
        ("ממש שירות מצוין, ניתקו לי את הקו בלי הודעה", "שניתקו לך את הקו בלי הודעה."),
    ],
)
def test_sarcastic_praise_is_not_said_back(text: str, expected: str) -> None:
    """Said back in our voice, "ממש שירות מעולה" / "תודה רבה באמת" reads as if we mocked the customer."""
    assert restate(text, "he") == FRAME + expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("תבינו, אני בלי מים כבר יומיים", "שאת/ה בלי מים כבר יומיים."),
        ("ישבנו שעתיים ושתינו רק מים", "שישבתם שעתיים ושתיתם רק מים."),
    ],
)
def test_verb_forms_that_only_look_first_person(text: str, expected: str) -> None:
    """תבינו (a plea to us) is no "תביתם"; שתינו is "we drank" (שתיתם), not ש + a word."""
    assert restate(text, "he") == FRAME + expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ממש שירות מעולה, לחייב אותי פעמיים על אותו חודש", "ההחלטה לחייב אותך פעמיים על אותו חודש."),
        ("בושה, לשלוח מקרר בלי אריזה", "ההחלטה לשלוח מקרר בלי אריזה."),
    ],
)
def test_what_sarcasm_or_outrage_judged_is_the_decision_to_do_it(text: str, expected: str) -> None:
    """ "אנחנו מצטערים שלחייב אותך…" apologised for an infinitive after ש."""
    assert restate(text, "he") == FRAME + expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("איזה נהג מגעיל. סגר לי את הדלת בפנים", "שנהג סגר לך את הדלת בפנים."),
        ("חרא של חברה. אף אחד לא עונה בטלפון", "שאף אחד לא עונה בטלפון."),
        ("חארות של שירות. הטכנאי לא הגיע", "שהטכנאי לא הגיע."),
    ],
)
def test_an_insult_takes_what_it_headed_with_it(text: str, expected: str) -> None:
    """ "אנחנו מצטערים ששל עבודה" and "שאיזה מלצר מגעיל." said nothing, or an insult."""
    assert restate(text, "he") == FRAME + expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ארבע שעות עיכוב ברכבת. בלי שום הודעה", "ארבע שעות עיכוב ברכבת. בלי שום הודעה."),
        ("40 דקות על הקו ואז ניתוק", "40 דקות על הקו ואז ניתוק."),
        ("שעתיים וחצי בתור למשרד", "שעתיים וחצי בתור למשרד."),
        ("השירות. אף אחד לא ענה לי", "השירות. אף אחד לא ענה לך."),
    ],
)
def test_an_amount_or_a_bare_noun_opening_is_what_we_are_sorry_for(text: str, expected: str) -> None:
    """ "אנחנו מצטערים ששלוש שעות איחור" apologised for a fragment; "על שלוש שעות איחור" reads right."""
    assert restate(text, "he") == FRAME + expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("שעתיים חיכיתי לטכנאי", "ששעתיים חיכית לטכנאי."),
        ("3 עובדים עמדו ולא עזרו", "ש-3 עובדים עמדו ולא עזרו."),
        ("שבועיים החבילה תקועה במכס", "ששבועיים החבילה תקועה במכס."),
    ],
)
def test_an_amount_that_opens_a_clause_stays_a_clause(text: str, expected: str) -> None:
    assert restate(text, "he") == FRAME + expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("המוכר אמר שאחזור מחר עם הקבלה", "שהמוכר אמר שתחזור מחר עם הקבלה."),
        ("הפקידה דרשה שאשלם שוב את האגרה", "שהפקידה דרשה שתשלם שוב את האגרה."),
        ("הנהג אמר שאף אחד לא יעזור", "שהנהג אמר שאף אחד לא יעזור."),
        ("הטכנאי אמר שאפשר לתקן את זה", "שהטכנאי אמר שאפשר לתקן את זה."),
    ],
)
def test_i_will_after_that_is_said_as_you_will(text: str, expected: str) -> None:
    """ "…רוצה שאשלם לו" kept the customer's "I will" in our voice."""
    assert restate(text, "he") == FRAME + expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("הנהג איחר, אבל מה שבאמת הרגיז אותי זה שהוא צעק עליי", "שהנהג צעק עליך."),
        ("עמדתי בתור כמו דפוקה שעה שלמה", "שעמדת בתור שעה שלמה."),
    ],
)
def test_what_really_bothered_them_and_self_insults(text: str, expected: str) -> None:
    """ "…אבל מה שבאמת הרתיח אותך זה ש…" was said back whole; "כמו דפוקה" became "כמו גרועה"."""
    assert restate(text, "he") == FRAME + expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('המנהל קרא לי "אידיוט" מול כולם', "שהמנהל קרא לך בשם גנאי מול כולם."),
        ("הקופאית קראה לנו 'גנבים' ולא נתנה לנו לצאת", "שהקופאית קראה לכם בשם גנאי ולא נתנה לכם לצאת."),
        ("SHAME ON YOU. החבילה לא הגיעה", "שהחבילה לא הגיעה."),
    ],
)
def test_an_insult_in_quotes_or_in_english_is_not_left_half_said(text: str, expected: str) -> None:
    """ "קראה לך '' מול כל הלקוחות" and "אנחנו מצטערים ש-shame on you." read wrong."""
    assert restate(text, "he") == FRAME + expected


def test_a_subject_whose_insult_went_goes_with_it() -> None:
    """ "אנחנו מצטערים שדואר ישראל." apologised for a name."""
    assert restate("חברת החשמל אפסים. אין חשמל כבר יומיים", "he") == FRAME + "שאין חשמל כבר יומיים."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("איפה ההזמנה שלי? שילמתי לפני שבועיים", "אנחנו מצטערים שלא ידעת איפה ההזמנה שלך. שילמת לפני שבועיים."),
        ("מה עשיתם לספה?? היא חזרה עם כתם", "אנחנו מצטערים על מה שעשינו לספה. היא חזרה עם כתם."),
    ],
)
def test_an_apology_is_never_for_a_question(text: str, expected: str) -> None:
    """ "אנחנו מצטערים על השאלה איפה החבילה שלך" apologised for the customer's question, not for what it asked."""
    assert apologise(classify("", text, "he"), text, "he").startswith(expected)
