"""Hebrew: restating what the customer said from our point of view, apologising for it, and its cues."""

from __future__ import annotations

import re

from portal.conversation.language import Language
from portal.conversation.scoring import Cue, CueScanner, ToneWords
from portal.conversation.vocabulary import Category, Kind, require_text

_FRAMES: dict[str, str] = {
    "main": "הבנתי שמה שהכי הפריע לך הוא: „{quote}“.",
    "more": "הבנתי שחשוב לך שנדע גם: „{quote}“.",
}


def statement(text: str, kind: Kind = "main") -> str:
    return _FRAMES[kind].format(quote=require_text(text))


_APOLOGIES: dict[Category, str] = {
    Category.LATENESS: "אנחנו מצטערים על ההמתנה שתיארת: „{quote}“. הזמן שלך חשוב, ולא היה עליך לחכות לנו.",
    Category.BILLING: "אנחנו מצטערים על הבעיה בחיוב שתיארת: „{quote}“. מגיע לך לסמוך על המחיר שמסרנו לך.",
    Category.QUALITY: "אנחנו מצטערים שהעבודה שלנו לא נעשתה כראוי: „{quote}“. "
                      "סמכת עלינו שנעשה את העבודה כמו שצריך כבר בפעם הראשונה, ולא עמדנו בזה.",
    Category.DAMAGE: "אנחנו מצטערים על הנזק שגרמנו: „{quote}“. "
                     "הפקדת בידינו את הרכוש שלך, והיה עלינו לשמור עליו בזהירות הראויה.",
    Category.STAFF: "אנחנו מצטערים על היחס שקיבלת: „{quote}“. מגיע לך יחס אדיב ומכבד, ולא עמדנו בזה.",
    Category.MISSING_ITEM: "אנחנו מצטערים על הטעות בהזמנה שלך: „{quote}“. "
                           "מגיע לך לקבל את כל מה שהזמנת, בדיוק כפי שהזמנת.",
    Category.DELIVERY: "אנחנו מצטערים על הבעיה במשלוח: „{quote}“. סמכת עלינו שההזמנה תגיע אליך, ואכזבנו אותך.",
    Category.COMMUNICATION: "אנחנו מצטערים שלא עדכנו אותך: „{quote}“. "
                            "לא היה עליך לרדוף אחרינו כדי לקבל תשובות; האחריות לעדכן אותך הייתה שלנו.",
    Category.OTHER: "אנחנו מצטערים על מה שקרה: „{quote}“. זו לא החוויה שמגיעה לך, ואנחנו לוקחים על כך אחריות.",
}


def apology(category: Category, text: str) -> str:
    return _APOLOGIES[category].format(quote=require_text(text))


def apology_more(text: str) -> str:
    return "אנחנו מצטערים גם על זה: „{quote}“.".format(quote=require_text(text))


JUSTIFICATION_WORDS: frozenset[str] = frozenset({
    "אבל", "אולם", "אך", "למרות", "לצערנו", "לרוע המזל", "בדרך כלל", "מדיניות", "עמוסים", "בעצם",
})

_CUES: tuple[Cue, ...] = ()
_NEGATION_RE = re.compile(r"(?:\bלא|\bאף\s+פעם\s+לא|\bבלי)\s+(?:\w+\s+)?$")

LANGUAGE = Language(
    code="he",
    restate=statement,
    confirm_question="האם הבנו נכון?",
    apology=apology,
    apology_more=apology_more,
    anything_else_question="האם יש עוד משהו שלא היה בסדר?",
    cues=CueScanner(_CUES, _NEGATION_RE),
    tone_words=ToneWords(re.compile(r"(?!)"), re.compile(r"(?!)")),
    justification_words=JUSTIFICATION_WORDS,
)
