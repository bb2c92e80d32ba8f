"""Apologies that name what went wrong, take ownership and offer no excuses.

An apology has two parts: what we are sorry for (the customer's own fact, restated
in English or quoted verbatim in Spanish and Hebrew) and one human sentence that
fits the category. No template contains a justification word ("but", "however",
"policy", "busy" …); ``has_justification`` checks for them.

The customer's own words are never edited, so if they wrote "but" it is echoed
back: the engine adds no justification of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from portal.classify import Category
from portal.paraphrase import Restatement, require_language, require_text, restate

JUSTIFICATION_WORDS: frozenset[str] = frozenset({
    # English
    "but", "however", "although", "though", "even though", "policy", "policies", "unfortunately", "actually",
    "just", "busy", "understaffed", "short-staffed", "usually", "normally", "typically", "generally",
    "regrettably", "nevertheless", "nonetheless", "anyway", "technically", "sadly", "admittedly",
    "to be fair", "beyond our control", "circumstances",
    # Spanish
    "pero", "sin embargo", "aunque", "lamentablemente", "desafortunadamente", "por desgracia", "normalmente",
    "habitualmente", "en realidad", "política", "ocupados", "no obstante",
    # Hebrew
    "אבל", "אולם", "אך", "למרות", "לצערנו", "לרוע המזל", "בדרך כלל", "מדיניות", "עמוסים", "בעצם",
})

_JUSTIFICATION_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(r"\s+".join(map(re.escape, word.split())) for word in sorted(JUSTIFICATION_WORDS, key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)

_OWNERSHIP: dict[Category, str] = {
    Category.LATENESS: "Your time matters, and you should not have been kept waiting.",
    Category.BILLING: "You should have been able to trust the price we gave you.",
    Category.QUALITY: "You trusted us to do the job properly the first time, and we did not.",
    Category.DAMAGE: "You trusted us with your property, and we should have treated it with the care it deserved.",
    Category.STAFF: "You deserved to be treated with courtesy and respect, and we fell short of that.",
    Category.MISSING_ITEM: "You should have received everything you ordered, exactly as you ordered it.",
    Category.DELIVERY: "You were counting on us to get your order to you, and we let you down.",
    Category.COMMUNICATION: "You should not have had to chase us for answers; keeping you informed was our job.",
    Category.OTHER: "This is not the experience you should have had with us, and we take responsibility for it.",
}

_SPANISH: dict[Category, str] = {
    Category.LATENESS: "Le pedimos disculpas por la espera que nos describe: «{quote}». "
                       "Su tiempo importa, y no debimos hacerle esperar.",
    Category.BILLING: "Le pedimos disculpas por el problema con su factura: «{quote}». "
                      "Usted debería haber podido confiar en el precio que le dimos.",
    Category.QUALITY: "Le pedimos disculpas por la calidad de nuestro trabajo: «{quote}». "
                      "Confió en que haríamos bien el trabajo desde el principio, y no lo hicimos.",
    Category.DAMAGE: "Le pedimos disculpas por el daño que causamos: «{quote}». "
                     "Nos confió sus pertenencias, y debimos tratarlas con el cuidado que merecían.",
    Category.STAFF: "Le pedimos disculpas por el trato que recibió: «{quote}». "
                    "Usted merecía un trato amable y respetuoso, y no estuvimos a la altura.",
    Category.MISSING_ITEM: "Le pedimos disculpas por el error en su pedido: «{quote}». "
                           "Debería haber recibido todo lo que pidió, tal como lo pidió.",
    Category.DELIVERY: "Le pedimos disculpas por el problema con su entrega: «{quote}». "
                       "Contaba con nosotros para que su pedido le llegara, y le fallamos.",
    Category.COMMUNICATION: "Le pedimos disculpas por nuestra falta de comunicación: «{quote}». "
                            "No debió tener que insistir para obtener respuestas; "
                            "informarle era nuestra responsabilidad.",
    Category.OTHER: "Le pedimos disculpas por lo ocurrido: «{quote}». "
                    "Esta no es la experiencia que usted merecía, y asumimos la responsabilidad.",
}

_HEBREW: dict[Category, str] = {
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

_ANYTHING_ELSE: dict[str, str] = {
    "en": "Is there anything else that didn't work out?",
    "es": "¿Hay algo más que no haya salido bien?",
    "he": "האם יש עוד משהו שלא היה בסדר?",
}


def _english(category: Category, restatement: Restatement) -> str:
    sorry = restatement.framed(
        "We are sorry that {text}", "We are sorry about {text}", "We are sorry that you had to ask: {text}",
    )
    return f"{sorry} {_OWNERSHIP[category]}"


@lru_cache(maxsize=512)  # the apology step draws it again on every keystroke's rerun; restating takes ~0.1 ms
def apology(category: Category, bothered_most: str, lang: str = "en") -> str:
    """A specific apology for what bothered the customer most, in their language.

    English restates the customer's words in the second person ("We are sorry that
    our mechanic was 90 minutes late …"); Spanish and Hebrew quote them verbatim.
    Raises ValueError for an unknown language or empty text.
    """
    require_language(lang)
    quote = require_text(bothered_most)
    category = Category(category)
    if lang == "es":
        return _SPANISH[category].format(quote=quote)
    if lang == "he":
        return _HEBREW[category].format(quote=quote)
    return _english(category, restate(quote, "main"))


def anything_else_question(lang: str = "en") -> str:
    """The follow-up question inviting further complaints."""
    return _ANYTHING_ELSE[require_language(lang)]


def has_justification(text: str) -> bool:
    """Does the text contain an excuse word? Whole words only: "button" and "butter" do not contain "but"."""
    return _JUSTIFICATION_RE.search(text) is not None
