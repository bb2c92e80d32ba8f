"""Spanish (usted): restating what the customer said from our point of view, apologising for it, and its cues."""

from __future__ import annotations

import re

from portal.conversation.language import Language
from portal.conversation.scoring import Cue, CueScanner, ToneWords
from portal.conversation.vocabulary import Category, Kind, require_text

_FRAMES: dict[str, str] = {
    "main": "Entendí que lo que más le molestó fue: «{quote}».",
    "more": "Entendí que además quiere que sepamos: «{quote}».",
}


def statement(text: str, kind: Kind = "main") -> str:
    return _FRAMES[kind].format(quote=require_text(text))


_APOLOGIES: dict[Category, str] = {
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


def apology(category: Category, text: str) -> str:
    return _APOLOGIES[category].format(quote=require_text(text))


def apology_more(text: str) -> str:
    return "También le pedimos disculpas por esto: «{quote}».".format(quote=require_text(text))


JUSTIFICATION_WORDS: frozenset[str] = frozenset({
    "pero", "sin embargo", "aunque", "lamentablemente", "desafortunadamente", "por desgracia", "normalmente",
    "habitualmente", "en realidad", "política", "ocupados", "no obstante",
})

_CUES: tuple[Cue, ...] = ()
_NEGATION_RE = re.compile(r"\b(?:no|nunca|jamás|sin)\s+(?:\w+\s+)?$")

LANGUAGE = Language(
    code="es",
    restate=statement,
    confirm_question="¿Es correcto?",
    apology=apology,
    apology_more=apology_more,
    anything_else_question="¿Hay algo más que no haya salido bien?",
    cues=CueScanner(_CUES, _NEGATION_RE),
    tone_words=ToneWords(re.compile(r"(?!)"), re.compile(r"(?!)")),
    justification_words=JUSTIFICATION_WORDS,
)
