"""Spanish (usted): restating what the customer said from our point of view, apologising for it, and its cues.

We speak as nosotros and to the customer as usted, whose gender we do not know: our own words never carry an
adjective or participle about them ("molesto/molesta"), only the customer's do, as they wrote them. The
grammar of the restatement (pronouns, verbs, insults, shouting, missing accents) is in ``spanish_grammar``; the
conjugation table it uses, generated from verbecc, in ``spanish_verbs`` (that module says why verbecc).

Frames. "Lo que más le molestó fue que …" and "Lamentamos que …" ask for the subjunctive, which would mean
conjugating the customer's verbs again; the frames take the indicative instead, and the customer's own mood
where they gave one:

- a clause: "Entendemos que {clause}, y que eso es lo que más le molestó." / "Le pedimos disculpas porque
  {clause}." ("…, ya que …" when the clause has its own "porque");
- a noun phrase or a wh-phrase ("la forma en que …", "cómo …", "lo que tardaron"): "Entendemos que lo que más le
  molestó fue {phrase}." (fueron before a plural) / "Le pedimos disculpas por {phrase}.";
- the customer's own "que …" (any mood): "… fue que {clause}." / "… por el hecho de que {clause}.";
- an infinitive ("tener que esperar 40 minutos"): "… fue {infinitive}." / "… porque tuvo que esperar …";
- a question: "Entendemos que se pregunta por qué …" / "Le pedimos disculpas. Es lógico que se pregunte …";
- a request to us ("devuélvanme mi dinero"): "Entendemos que quiere que le devolvamos su dinero." / "Le pedimos
  disculpas. Entendemos que quiere que …";
- a wish ("quiero que me devuelvan el dinero", "que me devuelvan el dinero", "lo que pido es que …", "me gustaría
  que …"): what they want, not what bothered them: "Entendemos que quiere que le devuelvan el dinero." / "Le
  pedimos disculpas. Entendemos que quiere que …".
When the customer's first sentence has "molest…" itself, the frame says "lo que peor le sentó" instead, so the
frame's verb is never said twice. Further sentences follow, restated too.

The apology's second sentence fits the category and what they said: each category has a few, chosen by cues
in their words (a refund that never came is not "trust the price we gave you").

Category: phrase cues (regular expressions, accents optional, negation-aware through ``scoring.CueScanner``)
carry most of the weight; a lexicon of single words (``spanish_lexicon``: verbs in every form, nouns and adjectives
in any gender, number, diminutive or superlative, nouns made of verbs, families by stem) adds a little, so an answer
no phrase reads is still filed; what follows "lo peor fue …" counts more. An order that comes late is a delivery
problem, a person late is lateness (as in English). Tone: strong words, insults, threats (to complain, sue, leave,
review), dismissal, indignation, serious harm and danger make an answer angry; shouting in capitals (accented ones
too), emphasis by repetition and "!" add up as in English (``scoring.read_tone``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from portal.conversation import spanish_verbs as verbs
from portal.conversation.language import Language
from portal.conversation.scoring import (
    BOTHERED_MOST_WEIGHT,
    Cue,
    CueScanner,
    ToneWords,
    _top_level_alternatives,
    cue,
)
from portal.conversation.spanish_grammar import (
    THIEVES_AND_FOOLS,
    Kind,
    Shape,
    Token,
    as_request,
    calm_case,
    fold,
    is_common_word,
    is_demand,
    is_plural_phrase,
    is_wish,
    remove_insults,
    render,
    rewrite,
    shape_of,
    split_sentences,
    tokenize,
    with_article,
)
from portal.conversation.spanish_lexicon import lexicon_scores
from portal.conversation.vocabulary import Category, require_text
from portal.conversation.vocabulary import Kind as StatementKind

_ACCENTED = {"á": "[aá]", "é": "[eé]", "í": "[ií]", "ó": "[oó]", "ú": "[uúü]", "ü": "[uü]"}


def accents_optional(pattern: str) -> str:
    """The pattern with every accented vowel (and ü) optional, outside character classes, which say what they
    accept: customers often type "llego" for "llegó" and "sinverguenza". Not ñ: "dañ…" would read "dan"."""
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in _ACCENTED:
            out.append(_ACCENTED[char])
            continue
        out.append(char)
    return "".join(out)


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(accents_optional(pattern), re.IGNORECASE)


# ---------------------------------------------------------------------------------------------------------------
# Lead-ins: the words the frame already says
# ---------------------------------------------------------------------------------------------------------------

_GREETING = r"(?:hola|buenas(?:\s+tardes|\s+noches)?|buenos\s+días|saludos|estimad[oa]s?(?:\s+señor[ae]s)?)[\s,.!:;]+"
_FILLER = (
    r"(?:pues(?:\s+nada)?|bueno|mira|miren|che|parce|parcero|oye|oigan|oiga|güey|wey|a\s+ver|vamos\s+a\s+ver|la\s+verdad(?:\s+es\s+que)?|sinceramente"
    r"|básicamente|sobre\s+todo|principalmente|en\s+resumen|en\s+fin|resumiendo)\b[\s,:]*"
)
_BOTHER = (
    r"(?:molest\w+|fastidi\w+|indign\w+|cabre\w+|enfad\w+|dol\w+|duele|sent\w+\s+mal|sienta\s+mal|jod\w+"
    r"|irrit\w+|disgust\w+|decepcion\w+|preocup\w+)"
)
_MAIN_LEAD_IN = _re(
    rf"^\s*(?:{_GREETING})?(?:{_FILLER})?(?:(?:y|pero|pues|encima|además)\b[\s,]*)*(?:"
    rf"lo\s+que\s+(?:más\s+|realmente\s+|de\s+verdad\s+|sobre\s+todo\s+)?(?:me|nos)\s+(?:ha\s+)?{_BOTHER}"
    rf"(?:\s+de\s+todo|\s+más)?(?:\s+(?:fue|es|ha\s+sido|era))?"
    rf"|lo\s+peor(?:\s+de\s+todo)?(?:\s+(?:fue|es|ha\s+sido|era))?"
    rf"|lo\s+que\s+más\s+rabia\s+(?:me|nos)\s+(?:dio|da)(?:\s+(?:fue|es))?"
    rf"|(?:me|nos)\s+(?:ha\s+)?{_BOTHER}(?:\s+(?:mucho|muchísimo|bastante|sobre\s+todo|más))?(?=\s+que\b)"
    rf"|el\s+(?:principal\s+)?problema(?:\s+principal)?\s+(?:fue|es|ha\s+sido)\s+que"
    rf"|lo\s+que\s+pasa\s+es\s+que|lo\s+que\s+pasó\s+(?:fue|es)\s+que"
    rf"|(?:genial|estupendo|perfecto|fenomenal|maravilloso|fantástico|(?:muy|qué)\s+bonito)(?=\s+(?:lo\s+de|que)\b)"
    rf"|(?:es|me\s+parece|me\s+pareció|fue|ha\s+sido)\s+(?:una\s+vergüenza|indignante|inaceptable|intolerable|lamentable"
    rf"|increíble|vergonzoso|inadmisible|un\s+escándalo|una\s+falta\s+de\s+respeto|fatal|muy\s+fuerte)(?=\s+que\b)"
    rf")?[\s,:]*"
)
_MORE_LEAD_IN = _re(
    r"^\s*(?:(?:y|además|también|aparte|encima|por\s+cierto|ah|otra\s+cosa|y\s+además|y\s+también|y\s+encima"
    r"|aparte\s+de\s+eso|además\s+de\s+eso|por\s+otro\s+lado|sí|si)\b(?:\s+(?:de\s+eso|de\s+esto|es\s+que))?[\s,:.]*)+"
)
_NO_CAPITAL_AFTER = re.compile(r"[.!?…]\s*$")


_WISH_LEAD_IN = _re(
    r"^(\s*)lo\s+(?:único\s+|que\s+de\s+verdad\s+)?que\s+(quiero|queremos|pido|pedimos|exijo|exigimos"
    r"|necesito|necesitamos)\s+(?:ahora\s+|ya\s+)?es\s+que\b"
)
"""'lo que quiero es que …' says what they want: 'quiero que …' (a wish, see ``Shape.WISH``)."""


def _strip_lead_in(text: str, kind: StatementKind) -> str:
    text = _WISH_LEAD_IN.sub(r"\1\2 que", text, count=1)
    stripped = (_MAIN_LEAD_IN if kind == "main" else _MORE_LEAD_IN).sub("", text, count=1)
    return stripped if re.search(r"\w", stripped) else text


# ---------------------------------------------------------------------------------------------------------------
# The restatement
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Restatement:
    """The customer's text in our voice: the first sentence (no final punctuation, framed by the caller), its
    shape, and the further sentences, each capitalised and punctuated."""

    first: str
    shape: Shape
    plural: bool
    rest: tuple[str, ...]

    @property
    def says_bother(self) -> bool:
        return "molest" in self.first.lower()


_FEELING_ONLY = _re(
    r"^(?:estoy|estamos|me\s+siento|nos\s+sentimos|está|están|se\s+siente)\s+(?:muy\s+|tan\s+|"
    r"realmente\s+|bastante\s+)?\w+$"
)
_WH_ACCENTS = {
    "que": "qué",
    "como": "cómo",
    "cuando": "cuándo",
    "donde": "dónde",
    "cuanto": "cuánto",
    "cuanta": "cuánta",
    "cuantos": "cuántos",
    "cuantas": "cuántas",
    "quien": "quién",
    "cual": "cuál",
}
_QUESTION_OPENERS = frozenset(
    [
        "qué",
        "cómo",
        "cuándo",
        "dónde",
        "cuánto",
        "cuánta",
        "cuántos",
        "cuántas",
        "quién",
        "quiénes",
        "cuál",
        "cuáles",
        "por",
    ]
)


def _lowercase_first(tokens: list[Token]) -> None:
    for token in tokens:
        if token.kind is Kind.WORD:
            shouted = len(token.text) > 1 and token.text.isupper()
            if token.text[:1].isupper() and is_common_word(token.text) and not shouted:
                token.text = token.text[:1].lower() + token.text[1:]
            return
        if token.kind is not Kind.PUNCT:
            return


def _as_indirect_question(tokens: list[Token]) -> None:
    """ "¿Por que nadie me llama?" -> "por qué nadie le llama"; a yes/no question gets "si"."""
    words = [token for token in tokens if token.kind is Kind.WORD]
    if not words:
        return
    first = words[0]
    low = first.text.lower()
    if low == "por" and len(words) > 1 and fold(words[1].text) == "que":
        words[1].text = "qué"
        return
    if low in _WH_ACCENTS:
        first.text = _WH_ACCENTS[low]
        return
    if fold(low) not in {fold(word) for word in _QUESTION_OPENERS}:
        tokens.insert(0, Token(Kind.WORD, "si", ""))
        first.space = first.space or " "


_TAG_QUESTION = frozenset({"no", "verdad", "eh", "vale", "o", "qué"})
_SHORTHAND = {
    "q": "que",
    "k": "que",
    "xq": "porque",
    "pq": "porque",
    "porq": "porque",
    "tb": "también",
    "tmb": "también",
    "tbn": "también",
    "d": "de",
    "m": "me",
    "dnd": "donde",
    "xfa": "por favor",
    "toy": "estoy",
    "nd": "nada",
    "bn": "bien",
    "mñn": "mañana",
    "x": "por",
    "xk": "porque",
    "xa": "para",
    "kiero": "quiero",
    "kieren": "quieren",
    "cdo": "cuando",
    "msj": "mensaje",
    "msjs": "mensajes",
    "porfa": "por favor",
    "dsp": "después",
    "tmpc": "tampoco",
    "wsp": "WhatsApp",
    "wpp": "WhatsApp",
}
"""How customers type on a phone ("q", "xq", "d", "m"), in lower case only ("D" may be a name or a letter): said
back in full, and so read by the grammar ("no m llego" -> "no le llegó")."""
_SHORTHAND_BEFORE_WORDS = frozenset({"x", "xa"})
"""Shorthand for a preposition, read only before what it governs: "x" alone is a letter ("talla x", a placeholder)."""


def _sentence(tokens: list[Token], text: str) -> list[Token]:
    body: list[Token] = []
    space = ""
    for token in tokens:
        if token.kind is Kind.PUNCT and token.text in "¿¡":
            space = space or token.space  # "broma, ¿no?": the blank before "¿" stays with the word after it
            continue
        if space and not token.space:
            token.space = space
        space = ""
        body.append(token)
    while (
        len(body) > 2
        and body[-1].kind is Kind.WORD
        and fold(body[-1].text) in _TAG_QUESTION
        and body[-2].kind is Kind.PUNCT
        and body[-2].text == ","
    ):
        body = body[:-2]  # "estáis de broma, ¿no?": the tag asks nothing
    words = [token for token in body if token.kind is Kind.WORD]
    if (
        len(words) > 3
        and [fold(words[-2].text), fold(words[-1].text)] in (["o", "que"], ["o", "q"])
        and body[-1] is words[-1]
    ):
        body = body[: body.index(words[-2])]  # "no leen el pedido o q?": nor does this one
    for index, token in enumerate(body):
        if (
            token.kind is Kind.WORD
            and token.text in _SHORTHAND
            and (
                token.text not in _SHORTHAND_BEFORE_WORDS
                or index + 1 < len(body)
                and body[index + 1].kind is not Kind.PUNCT
            )
        ):
            token.text = _SHORTHAND[token.text]
    calm_case(body)
    return rewrite(remove_insults(body), text)


def _punctuated(tokens: list[Token], question: bool) -> str:
    text = render(tokens)
    text = text[:1].upper() + text[1:]
    if question:
        return f"¿{text}?"
    return text if _NO_CAPITAL_AFTER.search(text) else text + "."


def _asks_about_theirs(tokens: list[Token]) -> bool:
    """Is a later question about the customer's own things or facts ("¿dónde está mi reembolso?", "¿y los 40
    €?")? Then it is said back. A question about us ("¿qué se creen?", "¿hay alguien ahí?", "es su trabajo,
    ¿no?") is exasperation, which the tone reads: in our voice it would be sarcasm or a retort, so it goes."""
    return any(
        token.kind is Kind.FACT or (token.kind is Kind.WORD and token.text.lower() in ("su", "sus", "usted"))
        for token in tokens
    )


@lru_cache(maxsize=256)  # the page restates and apologises for the same words: rewrite them once
def restate(text: str, kind: StatementKind = "main") -> Restatement | None:
    """The customer's Spanish in our voice, or None when nothing is left once insults and judgements go."""
    cleaned = require_text(text)
    sentences = [
        (_sentence(tokens, cleaned), question)
        for tokens, question in split_sentences(tokenize(_strip_lead_in(cleaned, kind)))
    ]
    sentences = [(tokens, question) for tokens, question in sentences if any(t.kind is Kind.WORD for t in tokens)]
    if not sentences:
        return None
    if len(sentences) > 1 and _FEELING_ONLY.match(render(sentences[0][0])):
        sentences = sentences[1:]  # "Estoy indignada. Cancelé …": the tone says it; we restate what happened
    first, question = sentences[0]
    if not question:
        first = _gerund_as_infinitive(first)
    shape = Shape.REQUEST if not question and as_request(first) else shape_of(first, question)
    _lowercase_first(first)
    if shape is Shape.THAT and is_demand(first):
        shape, first = Shape.WISH, [Token(Kind.WORD, "quiere", ""), *first]  # "que me devuelvan …": what they want
        first[1].space = first[1].space or " "
    elif not question and is_wish(first):
        shape = Shape.WISH
    if shape is Shape.PHRASE:
        first = with_article(first)  # "vuelo AV9312 retrasado" -> "fue el vuelo AV9312 retrasado"
    plural = is_plural_phrase(first)
    if shape is Shape.THAT:
        first = first[next(index for index, token in enumerate(first) if token.kind is Kind.WORD) + 1 :]
    elif shape is Shape.QUESTION:
        _as_indirect_question(first)
    rest = tuple(
        _punctuated(tokens, asked) for tokens, asked in sentences[1:] if not asked or _asks_about_theirs(tokens)
    )
    return Restatement(render(first), shape, plural, rest)


def _gerund_as_infinitive(tokens: list[Token]) -> list[Token]:
    """ "esperando un paquete desde el 2" -> "estar esperando …": an answer opening with a gerund says what they had
    to be doing, so it is framed as an infinitive ("fue estar esperando", "tuvo que estar esperando"), not as a
    thing ("fue esperando")."""
    words = [index for index, token in enumerate(tokens) if token.kind is Kind.WORD]
    if not words:
        return tokens
    opening = words[0]
    word = tokens[opening].text.lower()
    if not word.endswith(("ando", "iendo", "yendo")) or not any(
        form.tense is verbs.Tense.GERUND for form in verbs.analyse(word)
    ):
        return tokens
    tokens[opening].space, space = " ", tokens[opening].space
    if not tokens[opening].text.isupper():
        tokens[opening].text = word  # "Llamando": no longer the first word
    return [*tokens[:opening], Token(Kind.WORD, "estar", space), *tokens[opening:]]


_MAIN_FRAMES: dict[Shape, str] = {
    Shape.CLAUSE: "Entendemos que {text}, y que eso es lo que más le molestó.",
    Shape.PHRASE: "Entendemos que lo que más le molestó {fue} {text}.",
    Shape.INFINITIVE: "Entendemos que lo que más le molestó fue {text}.",
    Shape.THAT: "Entendemos que lo que más le molestó fue que {text}.",
    Shape.QUESTION: "Entendemos que se pregunta {text}.",
    Shape.REQUEST: "Entendemos que quiere que {text}.",
    Shape.WISH: "Entendemos que {text}.",
}
_MAIN_FRAMES_WITHOUT_BOTHER: dict[Shape, str] = {
    Shape.CLAUSE: "Entendemos que {text}.",
    Shape.PHRASE: "Entendemos que lo que peor le sentó {fue} {text}.",
    Shape.INFINITIVE: "Entendemos que lo que peor le sentó fue {text}.",
    Shape.THAT: "Entendemos que lo que peor le sentó fue que {text}.",
}
_MORE_FRAMES: dict[Shape, str] = {
    Shape.CLAUSE: "Entendemos, además, que {text}.",
    Shape.PHRASE: "Entendemos que también le {molestó} {text}.",
    Shape.INFINITIVE: "Entendemos que también le molestó {text}.",
    Shape.THAT: "Entendemos que también le molestó que {text}.",
    Shape.QUESTION: "Entendemos que también se pregunta {text}.",
    Shape.REQUEST: "Entendemos que también quiere que {text}.",
    Shape.WISH: "Entendemos que también {text}.",
}
_MORE_FRAMES_WITHOUT_BOTHER: dict[Shape, str] = {
    Shape.PHRASE: "Entendemos que también le sentó mal {text}.",
    Shape.INFINITIVE: "Entendemos que también le sentó mal {text}.",
    Shape.THAT: "Entendemos que también le sentó mal que {text}.",
}
_NOTHING_LEFT = "nuestro servicio no estuvo a la altura"


def _framed(restatement: Restatement | None, frames: dict[Shape, str], without_bother: dict[Shape, str]) -> str:
    if restatement is None:
        return frames[Shape.CLAUSE].format(text=_NOTHING_LEFT)
    frame = (without_bother if restatement.says_bother else frames).get(restatement.shape, frames[restatement.shape])
    lead = frame.format(
        text=restatement.first,
        fue="fueron" if restatement.plural else "fue",
        molestó="molestaron" if restatement.plural else "molestó",
    )
    return " ".join((lead, *restatement.rest))


def statement(text: str, kind: StatementKind = "main") -> str:
    """What bothered the customer most (``kind="main"``), or what else they told us (``"more"``), in our voice."""
    restatement = restate(text, kind)
    if kind == "main":
        return _framed(restatement, _MAIN_FRAMES, _MAIN_FRAMES_WITHOUT_BOTHER)
    return _framed(restatement, _MORE_FRAMES, _MORE_FRAMES_WITHOUT_BOTHER)


# ---------------------------------------------------------------------------------------------------------------
# Apology
# ---------------------------------------------------------------------------------------------------------------


def _had_to(infinitive_phrase: str) -> str:
    """ "tener que esperar 40 minutos" -> "tuvo que esperar 40 minutos"; "no poder hablar" -> "no pudo hablar";
    any other infinitive -> "tuvo que …"."""
    negated = infinitive_phrase.startswith("no ")
    body = infinitive_phrase[3:] if negated else infinitive_phrase
    first, _, rest = body.partition(" ")
    if first == "tener" and rest.startswith("que "):
        return ("no " if negated else "") + "tuvo " + rest
    if negated:
        past = verbs.conjugate(first, verbs.Tense.PRETERITE)
        if past:
            return " ".join(filter(None, ("no", past, rest)))
    return "tuvo que " + infinitive_phrase


def _sorry(restatement: Restatement | None, opening: str) -> str:
    """ "Le pedimos disculpas porque …" in the form that fits what they said, with their further sentences."""
    if restatement is None:
        return f"{opening} porque {_NOTHING_LEFT}."
    text = restatement.first
    if restatement.shape is Shape.CLAUSE:
        joint = ", ya que" if re.search(r"\bporque\b", text) else " porque"
        lead = f"{opening}{joint} {text}."
    elif restatement.shape is Shape.THAT:
        lead = f"{opening} por el hecho de que {text}."
    elif restatement.shape is Shape.INFINITIVE:
        lead = f"{opening} porque {_had_to(text)}."
    elif restatement.shape is Shape.QUESTION:
        lead = f"{opening}. Es lógico que se pregunte {text}."
    elif restatement.shape is Shape.REQUEST:
        lead = f"{opening}. Entendemos que quiere que {text}."
    elif restatement.shape is Shape.WISH:
        lead = f"{opening}. Entendemos que {text}."
    else:
        lead = f"{opening} por {text}."
    return " ".join((lead, *restatement.rest))


@dataclass(frozen=True, slots=True)
class _Owning:
    """One sentence that owns the problem, said when ``when`` (if any) matches what the customer wrote."""

    sentence: str
    when: re.Pattern[str] | None = None


def _owning(sentence: str, when: str | None = None) -> _Owning:
    return _Owning(sentence, _re(when) if when else None)


_OWNING: dict[Category, tuple[_Owning, ...]] = {
    Category.LATENESS: (
        _owning(
            "Usted organizó su día para recibirnos, y no cumplimos con lo acordado.",
            r"\b(?:no|nunca|nadie)\s+(?:se\s+)?(?:vino|vinieron|apareci\w*|present\w*)\b|plant(?:ad|aron|ón)",
        ),
        _owning(
            "Sabemos que ese retraso le costó mucho más que tiempo.",
            r"\b(?:perd[íi]|perdimos|pierdo|perder)\b|\bboda\b|\bcumpleaños\b|\bentrevista\b|\breunión\b"
            r"|día\s+libre|faltar\s+al\s+trabajo|al\s+trabajo",
        ),
        _owning("Su tiempo importa, y no debimos hacerle esperar."),
    ),
    Category.BILLING: (
        _owning(
            "Nunca debimos cobrarle dos veces por lo mismo.", r"\bdos\s+veces\b|\bdoble\b|duplicad|\brepetid[oa]s?\b"
        ),
        _owning(
            "Usted no debería tener que insistir para recuperar su dinero.",
            r"reembols|devoluci|\bdevu[eé]lv|\bdevolv|\bdevuelto|\babono\b|reintegr|\bfianza\b|me\s+deben",
        ),
        _owning(
            "Nunca debimos cobrarle nada que usted no hubiera aceptado.",
            r"\bde\s+baja\b|suscripci|\bno\s+(?:ped[íi]|contrat\w+|autoric\w+|solicit\w+)|comisi[óo]n|recargo"
            r"|\bsin\s+(?:avisar|preguntar|consentimiento)|letra\s+pequeña|\bcargaron\b",
        ),
        _owning("Usted debería haber podido confiar en el precio que le dimos."),
    ),
    Category.QUALITY: (
        _owning(
            "Usted merecía una comida bien hecha, y no se la servimos.",
            r"\b(?:comida|plato|platos|pizza|hamburguesa|carne|pescado|arroz|paella|sopa|ensalada|postre|menú"
            r"|cena|desayuno|bocadillo|pasta|croissant|café|vino|incomible|recalentad\w*|crud[oa]s?|quemad[oa])\b",
        ),
        _owning(
            "No debería tener que llamarnos otra vez por el mismo problema.",
            r"\b(?:sigue|siguen|otra\s+vez|de\s+nuevo|volvía|volvió|vuelve|por\s+segunda|por\s+tercera"
            r"|ya\s+es\s+la|tres\s+visitas|dos\s+visitas)\b",
        ),
        _owning("Confió en que haríamos bien el trabajo desde el principio, y no lo hicimos."),
    ),
    Category.DAMAGE: (
        _owning(
            "Nos confió su coche, y debimos devolvérselo tal como nos lo dejó.",
            r"\b(?:coche|carro|auto|moto|furgoneta|parachoques|retrovisor|llanta|capó)\b",
        ),
        _owning(
            "Nos abrió las puertas de su casa, y debimos cuidarla como si fuera nuestra.",
            r"\b(?:pared|paredes|suelo|tarima|puerta|marco|casa|piso|cocina|baño|techo|azulejo|escalera"
            r"|jardín|garaje|tubería|salón)\b",
        ),
        _owning(
            "Su pedido debería haber llegado en perfecto estado.", r"\b(?:paquete|caja|envío|pedido|llegó|embalaje)\b"
        ),
        _owning("Nos confió sus cosas, y debimos tratarlas con el cuidado que merecían."),
    ),
    Category.STAFF: (
        _owning(
            "Nadie de nuestro equipo debería hablarle así, nunca.",
            r"\b(?:grit\w*|insult\w*|se\s+ri[óo]|se\s+rieron|burl\w*|amenaz\w*|chill\w*|callara|callarme"
            r"|contest\w*\s+mal|habl\w*\s+mal|malas\s+formas|malos\s+modos|de\s+malas\s+maneras)",
        ),
        _owning("Merecía que le dijéramos la verdad, siempre.", r"\b(?:mint\w*|mentir\w*|mentira\w*|engañ\w*)"),
        _owning(
            "Usted y los suyos merecían respeto, y no lo recibieron de nuestra parte.",
            r"\b(?:mi|mis|nuestr[oa]s?)\s+(?:madre|padre|hij[oa]s?|abuel[oa]s?|mujer|marido|pareja|espos[oa]"
            r"|familia|novi[oa]|niñ[oa]s|mayores)\b",
        ),
        _owning(
            "Merecía que le atendiéramos con interés, no con indiferencia.",
            r"\bni\s+caso\b|ignor|\bpas[óo]\s+de\b|\bmóvil\b|\bni\s+me\s+mir|\bdespach|indiferen",
        ),
        _owning("Usted merecía un trato amable y respetuoso, y no estuvimos a la altura."),
    ),
    Category.MISSING_ITEM: (
        _owning(
            "Debería haber recibido exactamente lo que eligió.",
            r"equivocad|\ben\s+(?:vez|lugar)\s+de\b|\btalla\b|\bcolor\b|\bmodelo\b|\bno\s+era\s+(?:el|la|lo)\b"
            r"|\bdistint[oa]\b|\bdiferente\b|\bme\s+pusieron\b",
        ),
        _owning("Debería haber recibido todo lo que pidió, tal como lo pidió."),
    ),
    Category.DELIVERY: (
        _owning(
            "Su pedido debía llegar a sus manos, y no fue así.",
            r"\b(?:vecin\w*|portal|buzón|portería|conserje|escalera|otra\s+dirección|dirección\s+equivocada"
            r"|entregad[oa]|ausente|en\s+la\s+puerta|en\s+la\s+calle)\b",
        ),
        _owning(
            "Su pedido es responsabilidad nuestra hasta que llega a sus manos.",
            r"\b(?:perdid[oa]|extravi\w*|desapareci\w*|no\s+aparece|sin\s+aparecer)\b",
        ),
        _owning(
            "Contaba con recibir su pedido a tiempo, y le fallamos.",
            r"\b(?:tard\w+|retras\w+|después|previst\w+|llegó\s+a\s+las)\b",
        ),
        _owning("Contaba con nosotros para que su pedido le llegara, y le fallamos."),
    ),
    Category.COMMUNICATION: (
        _owning(
            "Debimos avisarle a tiempo, y no lo hicimos.",
            r"\bsin\s+(?:avisar|previo\s+aviso|decir\s+nada)|\b(?:no|nadie)\s+(?:me|nos)\s+avis|\bcancel"
            r"|\bcambiaron\b|se\s+había\s+cambiado",
        ),
        _owning(
            "Merecía una respuesta clara y sincera desde el primer momento.",
            r"\buna\s+cosa\b|\bcada\s+(?:uno|persona|vez)\b|\botra\s+distinta\b|\bdiferente\b|\bmint|\bengañ"
            r"|\bpromet",
        ),
        _owning(
            "Cuando nos escribe o nos llama, merece una respuesta rápida de alguien que le ayude.",
            r"\b(?:teléfono|llam\w*|línea|contestador|robot|espera|colg\w*|chat|correos?|emails?|escrib\w*"
            r"|contest\w*)\b",
        ),
        _owning("No debió tener que insistir para obtener respuestas; informarle era nuestra responsabilidad."),
    ),
    Category.OTHER: (_owning("Esta no es la experiencia que usted merecía, y asumimos la responsabilidad."),),
}


def owning_sentence(category: Category, text: str) -> str:
    """The sentence that owns the problem: the first of the category's whose cue is in their words."""
    for owning in _OWNING[category]:
        if owning.when is None or owning.when.search(text):
            return owning.sentence
    return _OWNING[category][-1].sentence


def apology(category: Category, text: str) -> str:
    """We apologise for what bothered them most, restated, and say one sentence that owns it."""
    cleaned = require_text(text)
    return f"{_sorry(restate(cleaned, 'main'), 'Le pedimos disculpas')} {owning_sentence(category, cleaned)}"


def apology_more(text: str) -> str:
    """We apologise for one more thing they told us under "anything else?"."""
    return _sorry(restate(require_text(text), "more"), "También le pedimos disculpas")


JUSTIFICATION_WORDS: frozenset[str] = frozenset(
    {
        "pero",
        "sin embargo",
        "aunque",
        "lamentablemente",
        "desafortunadamente",
        "por desgracia",
        "normalmente",
        "habitualmente",
        "en realidad",
        "política",
        "ocupados",
        "no obstante",
        "de todas formas",
        "de todos modos",
        "circunstancias",
        "ajeno a nosotros",
        "ajenas a nuestra voluntad",
    }
)
"""Excuses an apology of ours never contains."""


# ---------------------------------------------------------------------------------------------------------------
# Category and tone
# ---------------------------------------------------------------------------------------------------------------

_L, _B, _Q, _D = Category.LATENESS, Category.BILLING, Category.QUALITY, Category.DAMAGE
_S, _M, _V, _C = Category.STAFF, Category.MISSING_ITEM, Category.DELIVERY, Category.COMMUNICATION
_O = Category.OTHER


def _cue(pattern: str, *scores: tuple[Category, float], lowercase_only: bool = False) -> Cue:
    """A cue with accents optional. ``\\bA|\\bB`` is written ``\\b(?:A|B)``: the cue scanner dispatches on the
    first letter only after a leading word boundary, and tries anything else at every character (slow)."""
    alternatives = _top_level_alternatives(pattern)
    if len(alternatives) > 1 and all(alternative.startswith(r"\b") for alternative in alternatives):
        pattern = r"\b(?:" + "|".join(alternative[2:] for alternative in alternatives) + ")"
    return cue(accents_optional(pattern), *scores, lowercase_only=lowercase_only)


_NUMBER = r"(?:0|1|2|3|4|5|6|7|8|9)\d*"
"""A number, spelt so that a cue opening with it starts with a literal digit: the cue scanner then tries it only
where a digit is (``scoring._Trie``), not at every character as it would a bare digit class."""

_CUES: tuple[Cue, ...] = (
    # Phrases that would otherwise be read by a shorter cue of another category
    _cue(r"\bcita\s+(?:para\s+)?(?:a\s+)?las\s+\d+\s+y\s+(?:me|nos)\s+atend\w+\s+a\s+las\b", (_L, 3.5)),
    # what a laundry or workshop did to the customer's own thing ("encogió mi jersey"): damage (LABELS.md)
    _cue(
        r"\b(?:encog(?:ió|ieron)|destiñ(?:ó|eron)|quem(?:ó|aron)|romp(?:ió|ieron)|manch(?:ó|aron)|destroz(?:ó|aron)"
        r"|estrope(?:ó|aron)|ray(?:ó|aron))\s+(?:mi|mis|nuestr[oa]s?)\b",
        (_D, 4.5),
        (_V, -2),
    ),
    # marketing: calls and messages to sell, not answers owed (LABELS.md: other)
    _cue(
        r"\b(?:(?:me|nos)\s+)?(?:llam\w+|escrib\w+|mand\w+\s+mensajes)\s+(?:\w+\s+){0,3}?para\s+(?:ofrecer\w*|vender\w*|venderme|ofrecerme"
        r"|hacerme\s+ofertas|promocion\w*)\b|\bofertas\s+comerciales\b",
        (_O, 4),
        (_C, -2),
        (_B, -2),
    ),
    _cue(
        r"\bno\s+(?:me\s+|nos\s+)?(?:anda|andaba|andan|andaban|anduvo|andaría)\b", (_Q, 2.5)
    ),  # "no anda": does not work
    # the customer's own lateness ("me gritó porque llegué 5 minutos tarde") is no time they lost waiting for us
    _cue(r"\blleg(?:ué|amos)\s+(?:\w+\s+){0,3}?(?:tarde|con\s+retraso)\b"),
    # a delivery date moved again and again is the goods' journey (LABELS.md), not a changed appointment
    _cue(r"\bcambi\w+\s+(?:otra\s+vez\s+)?(?:la|las)\s+fechas?\s+de\s+(?:entrega|envío|llegada)\b", (_V, 4)),
    # the wrong one of a kind: "me llegó el de 128 gigas y pagué el de 256"
    _cue(
        r"\b(?:es|era|son|eran|vino|vinieron|lleg\w+|mandaron|trajeron|entregaron|montaron|pusieron|instalaron)\s+"
        r"(?:\w+\s+){0,6}?y\s+(?:yo\s+)?(?:pagu[ée]|pagamos|ped[íi]|pedimos|compr[ée]|compramos|encargu[ée]|encargamos"
        r"|reserv[ée]|reservamos|hab[íi](?:a|amos)\s+(?:pedido|pagado|comprado|encargado|reservado))\s+(?:el|la|los|las"
        r"|un|una|unos|unas)\b",
        (_M, 3.5),
    ),
    _cue(
        r"\b(?:ped[íi]|pedimos|encargu[ée]|encargamos|compr[ée]|compramos)\s+(?:\w+\s+){1,6}?y\s+(?:me|nos)\s+(?:montaron"
        r"|pusieron|instalaron|colocaron|pintaron|hicieron)\b",
        (_M, 3.5),
    ),
    # time a job took ("3 semanas para cambiar un embrague"): lateness (LABELS.md), not the part
    _cue(
        r"\b(?:\d+|dos|tres|cuatro|cinco|seis|siete|ocho|diez|quince|veinte)\s+(?:semanas|días|meses)\s+para\s+"
        r"(?:cambiar|arreglar|reparar|hacer|instalar|montar|terminar|acabar|pintar|entregar|cambiarme|arreglarme)\b",
        (_L, 3.5),
    ),
    _cue(
        r"\b(?:devolvi\w+|entreg\w+|trajeron|tra[íi]a\w*|mandaron|enviaron|vino|ven[íi]a\w*|llega|llegó|llegaron)\s+"
        r"(?:\w+\s+){0,6}?sin\s+"
        r"(?:el|la|los|las|su|sus|ningún|ninguna)\b|\bno\s+(?:traía|traían|trae|traen|tenía|tenían)\s+(?:el|la|los|las|ni)\b"
        r"|\bcambiad[oa]s?\s+por\s+(?:otr|un|una|algo)\w*|\b(?:me|nos)\s+colaron\b|\bde\s+otr[oa]\s+(?:modelo|talla"
        r"|color|marca|tamaño|número|sabor)\b",
        (_M, 3),
    ),
    _cue(
        r"\b(?:acuse\s+de\s+recibo|respuesta\s+automática|mensaje\s+automático|contestador\s+automático|ni\s+un\s+recibido)\b"
        r"|\b(?:salta|sale|contesta|responde)\s+(?:siempre\s+)?(?:el|la|una|un)\s+(?:contestador|máquina|maquinita|grabación"
        r"|robot|bot|buzón|locución)\b",
        (_C, 3),
    ),
    _cue(
        r"\btard\w+\s+(?:\w+\s+)?en\s+(?:contestar|responder|llamar|devolver\s+la\s+llamada|avisar|dar\s+respuesta)\b",
        (_C, 3.5),
    ),
    # An order or parcel that comes late is a delivery problem, as in English; a person late is lateness
    _cue(
        r"\b(?:paquete|pedido|envío|entrega|encargo|mercancía|muebles|compra|regalo|producto|artículo)s?\b(?:\s+\w+){0,8}?"
        r"\s+(?:tard(?:ó|aron|a|an)"
        r"|retras\w+|previst\w+|lleva\w*\s+(?:ya\s+)?(?:\w+\s+)?(?:días|semanas|meses|mes)\b|lleg\w+\s+a\s+las?\s+(?:\d|una\b)|lleg\w+\s+(?:\w+\s+){0,4}?(?:tarde|después|con\s+(?:\w+\s+){0,3}?retraso))",
        (_V, 4),
    ),
    _cue(r"\bfalta\s+de\s+(?:respeto|educación|profesionalidad|tacto)\b", (_S, 3)),
    _cue(r"\bfalta\s+de\s+(?:información|comunicación|respuesta|noticias|aviso|explicaciones)\b", (_C, 3)),
    _cue(r"\b(?:gastos|cargos|costes|costos|comisiones)\s+ocult\w+", (_B, 3)),
    _cue(
        r"\b(?:no\s+(?:poder|pude|pudimos|puedo|podemos|hay\s+forma\s+de|hay\s+manera\s+de)\s+)?hablar\s+con\s+(?:nadie|alguien|una\s+persona|un\s+humano|el\s+responsable)\b",
        (_C, 3),
    ),
    _cue(r"\b(?:por|de|la|esta|toda\s+la|a\s+la|una)\s+tarde\b"),
    _cue(r"\bhoja\s+de\s+reclamaciones\b"),
    _cue(r"\bmúsica\s+de\s+espera\b", (_C, 3)),
    _cue(r"\b(?:una|dos|tres|" + _NUMBER + r"|media)\s+horas?\s+(?:en\s+espera|al\s+teléfono|colgad[oa])\b", (_C, 3.5)),
    _cue(
        r"\b(?:tenía|tenían|debía|debían|iba|iban)\s+(?:que\s+|a\s+)?(?:venir|llegar|estar\s+aquí)\b"
        r"|\bentre\s+las\s+\d+\s+y\s+las\s+\d+|\bapareci\w+\s+a\s+las\b",
        (_L, 2.5),
    ),
    _cue(r"\b(?:me|nos)\s+(?:pas(?:aron|ó|asteis)|cargaron|clavaron)\s+(?:\w+\s+){0,3}?\d", (_B, 3)),
    _cue(r"\bdicho\s+\d+|\bal\s+final\s+(?:pagué|pagamos|me\s+cobraron|nos\s+cobraron|fueron|costó)\b", (_B, 3)),
    _cue(r"\bllamadas\b", (_C, 2)),
    # Other (labels: apps and websites that fail, premises and surroundings, marketing, privacy, loyalty schemes,
    # overbooking, a pet let out, "everything"): what no other category names, said by its own words so that a
    # payment word in "la app no me deja pagar" or a breakage word in "el ascensor lleva roto" does not file it
    _cue(
        r"\b(?:app|aplicación|web|página|cupón|código|puntos|tarjeta\s+de\s+fidelidad)\b(?:\s+\w+){0,6}?\s+(?:no\s+(?:me\s+|nos\s+)?"
        r"(?:deja\w*|funciona\w*|carga\w*|abre|permite\w*|reconoce\w*|acepta\w*|va\b)|se\s+queda\s+(?:cargando|colgad\w+|pensando|en\s+blanco)|se\s+(?:cae|caía|cuelga\w*|bloque\w+"
        r"|cierra\w*)|da\w*\s+error|fall(?:a|aba|ó)|caduc\w+|no\s+válid\w+)",
        (_O, 3),
        (_B, -1.5),
        (_Q, -3),
    ),
    _cue(
        r"\b(?:app|apps|aplicación|página\s+web|sitio\s+web|contraseña|iniciar\s+sesión|login|cupón|cupones"
        r"|código\s+(?:de\s+)?(?:descuento|promocional|promoción)|(?:tarjeta|programa|club)\s+de\s+(?:puntos|fidelidad|socios?)"
        r"|puntos\s+(?:acumulados|de\s+(?:la\s+tarjeta|fidelidad|cliente)))\b",
        (_O, 2),
        (_Q, -3),
    ),
    _cue(
        r"\b(?:ascensor\w*|escaleras?(?:\s+mecánicas?|\s+del\s+edificio)?|piscina|vestuarios?|aseos|baños|duchas|parking"
        r"|aparcamiento)\b"
        r"(?:\s+\w+){0,3}?\s+(?:lleva\w*|está\w*|estaba\w*|sigue\w*)\s+(?:\w+\s+)?(?:rot[oa]s?|estropead\w+|averiad\w+"
        r"|cerrad[oa]s?|fuera\s+de\s+servicio|sin\s+funcionar|sin\s+luz|sin\s+agua\s+caliente)",
        (_O, 3.5),
        (_D, -2.5),
        (_Q, -2),
    ),
    _cue(
        r"\b(?:ascensor\w*|escaleras?\s+mecánicas?|parking|aparcamiento|estacionamiento|vestuarios?|aseos|baños\s+públicos"
        r"|piscina|sombra|rampa|accesibilidad|zonas?\s+comunes|escaleras?\s+(?:del|de\s+la)\s+(?:edificio|finca"
        r"|comunidad|urbanización))\b",
        (_O, 2.5),
        (_Q, -1.5),
    ),
    # noise and smells from the surroundings are no fault of what they paid for (LABELS.md: other)
    _cue(
        r"\b(?:ruido\w*|música|olor\w*|peste|tufo)\s+(?:a\s+\w+\s+)?(?:de|del|de\s+la|de\s+los|de\s+las|que\s+viene\s+de"
        r"(?:l|\s+la)?)\s+(?:\w+\s+)?(?:discoteca|bar|bares|vecin\w+|calle|obras?|fiesta|al\s+lado|tráfico|terraza|boda"
        r"|pub|local|restaurante\s+de\s+(?:abajo|al\s+lado|enfrente)|de\s+abajo|de\s+arriba)",
        (_O, 3.5),
        (_Q, -2),
    ),
    _cue(
        r"\b(?:pasillos?|vestíbulo|hall|portal|garaje\s+comunitario|zonas?\s+comunes|escalera\s+de\s+incendios)\b",
        (_O, 1.5),
        (_Q, -1),
    ),
    # the customer's way in: an app or web that will not let them in, or a code that never comes
    _cue(
        r"\b(?:entrar|acceder|loguear\w*|conectarme|iniciar\s+sesión|registrarme)\s+(?:en|a)\s+(?:la\s+|mi\s+)?"
        r"(?:app|aplicación|web|página|cuenta|área\s+de\s+cliente)\b|\bcódigo\s+(?:\w+\s+){0,3}?(?:nunca|no)\s+(?:me\s+)?lleg\w+",
        (_O, 3.5),
        (_V, -3),
    ),
    # a pet let out ("mi perro se escapó"): LABELS.md other
    _cue(r"\b(?:perr\w+|gat\w+|mascota)\s+se\s+(?:escap|perd|sal|fue)\w*", (_O, 4), (_L, -1)),
    _cue(
        r"\bno\s+hay\s+(?:dónde|donde|sitio\s+para|lugar\s+para)\s+(?:aparcar|estacionar|sentarse|dejar\s+el\s+(?:coche|carro|auto))\b",
        (_O, 3),
    ),
    _cue(
        r"\b(?:publicidad|spam|correos?\s+(?:de\s+)?(?:publicidad|promocional\w*|comercial\w*)|llamadas\s+comerciales"
        r"|newsletter|boletines|ofertas\s+que\s+no\s+(?:pedí|pedimos))\b",
        (_O, 3),
        (_C, -2),
    ),
    _cue(
        r"\b(?:mis|nuestros|sus|los)\s+datos(?:\s+(?:personales|bancarios|de\s+la\s+tarjeta))?\s+(?:a\s+otr\w+|en\s+internet"
        r"|filtrad\w+)|\bprotección\s+de\s+datos\b|\bprivacidad\b|\bfiltr(?:aron|asteis|ó|aste|ado|ada|ación)\b",
        (_O, 3.5),
        (_C, -2),
        (_B, -2),
    ),
    _cue(r"\b(?:overbooking|sobreventa|sobrevend\w+)\b|\b(?:me|nos)\s+dej(?:aron|ó|asteis)\s+en\s+tierra\b", (_O, 3.5)),
    _cue(
        r"\b(?:vecinos|los\s+de\s+al\s+lado|habitación\s+de\s+al\s+lado|fiesta\s+hasta|música\s+(?:alta\s+)?hasta\s+las"
        r"|obras?\s+de\s+al\s+lado|olor\s+a\s+(?:cloaca|alcantarilla|desagüe|fritanga|basura)|peste\s+a\s+(?:cloaca|alcantarilla"
        r"|basura))\b",
        (_O, 2.5),
        (_Q, -1.5),
    ),
    _cue(
        r"\bdej(?:ó|aron|asteis)\s+(?:salir|escapar)\s+a\s+(?:mi|nuestr[oa]|el|la)\s+(?:perr|gat|mascota)\w*"
        r"|\bse\s+(?:escapó|escaparon|perdió)\s+(?:mi|nuestr[oa]|el|la)\s+(?:perr|gat|mascota)\w*",
        (_O, 4),
    ),
    _cue(r"\btodo\s+(?:estuvo|fue|salió|estaba|ha\s+ido)\s+mal\b|\babsolutamente\s+todo\b", (_O, 3)),
    _cue(r"\bcontrol(?:es)?\s+de\s+calidad\b", (_Q, 1)),  # the process named, often in sarcasm: little evidence
    _cue(
        r"\bquem(?:ad[oa]s?|ó|aron|ar)\s+(?:\w+\s+){0,2}?(?:tortilla|pizza|comida|arroz|paella|pan|tostadas?|carne|pollo"
        r"|pescado|filete|hamburguesas?|cena|café|guiso|lasaña|empanadas?|galletas?|bizcocho|tarta|torta)\b"
        r"|\b(?:tortilla|pizza|comida|arroz|paella|pan|tostadas?|carne|pollo|pescado|filete|hamburguesas?|guiso|lasaña"
        r"|empanadas?|galletas?|bizcocho|tarta|torta)\s+(?:\w+\s+){0,2}?quemad[oa]s?\b",
        (_Q, 3.5),
        (_D, -2),
    ),  # food
    _cue(r"\bdesactualizad\w+|\b(?:está|están|estaba|estaban)\s+mal\s+(?:hech\w+|resuelt\w+|explicad\w+)?", (_Q, 2.5)),
    _cue(
        r"\bse\s+(?:apag|reinici|resete|tild|trab|cuelg|bloque|recalient|desconect|descarg)\w*\s+(?:sol[oa]s?\b|cada\b"
        r"|tod[oa]\s+el\s+(?:rato|tiempo|día)|continuamente|constantemente|a\s+cada\s+rato)",
        (_Q, 3),
    ),  # a device failing
    _cue(
        r"\bse\s+(?:está|están|estaba|estaban)\s+(?:levantando|despegando|soltando|pelando|agrietando|oxidando"
        r"|desconchando|descosiendo|deshaciendo|hundiendo|rompiendo)\b",
        (_Q, 3),
    ),
    _cue(
        r"\bpeor\s+de\s+lo\s+que\s+(?:estaba|venía|llegó|era|estaban)\b|\bse\s+(?:cayó|despegó|soltó|rompió|estropeó"
        r"|deshizo)\s+a\s+(?:la|las|los)\s+(?:semana|dos|tres|pocos|cuatro|" + _NUMBER + r")\b",
        (_Q, 3),
    ),
    # Damage: goods that arrived broken (not a delivery problem, LABELS.md), things dropped, stained or smashed
    _cue(
        r"\blleg(?:ó|aron|a|an)\s+(?:tod[oa]s?\s+|ya\s+)?(?:estrellad|rot|quebrad|rajad|partid|abollad|destrozad|astillad"
        r"|hech[oa]s?\s+(?:pedazos|añicos|polvo|trizas))\w*",
        (_D, 3.5),
    ),
    _cue(
        r"\bse\s+(?:le|les)\s+(?:cay(?:ó|eron)|resbal(?:ó|aron))\b|\bno\s+qued(?:ó|aron)\s+ni\s+(?:un|una)\s+\w+\s+enter[oa]s?\b"
        r"|\b(?:puso|pusieron|dejó|dejaron|ha\s+puesto|han\s+puesto|ha\s+dejado|han\s+dejado)\s+perdid[oa]s?\s+de\s+\w+",
        (_D, 3.5),
    ),
    # Staff: how a person behaved in front of the customer, in words no rudeness word says
    _cue(
        r"\bojos\s+en\s+blanco\b|\bresopl\w+|\bcomentarios?\s+(?:sobre|de\s+mal\s+gusto|machistas|racistas|fuera\s+de\s+lugar"
        r"|groseros|despectivos|inapropiados|obscenos)\b|\bque\s+no\s+vienen?\s+a\s+cuento\b",
        (_S, 3),
    ),
    _cue(
        r"\ben\s+voz\s+alta\s+(?:para\s+que|delante)|\b(?:cero|sin|ninguna|ni\s+una\s+pizca\s+de)\s+discreción\b"
        r"|\bindiscre\w+",
        (_S, 3),
    ),
    _cue(
        r"\b(?:me|nos)\s+(?:culp(?:ó|aron|a|an|aba|aban)|ech(?:ó|aron|a|an)\s+la\s+culpa)\b|\bculpa\s+(?:mía|nuestra)\b",
        (_S, 3),
    ),
    _cue(
        r"\b(?:habl\w+|chate\w+|mir\w+|jug\w+)\s+(?:por|con|en|el|al)\s+(?:el\s+|su\s+)?(?:celular|móvil|teléfono|whatsapp)\s+"
        r"mientras\b|\bmientras\s+(?:yo\s+)?(?:le|les)\s+(?:explicaba|hablaba|decía|contaba)\b",
        (_S, 3.5),
    ),
    # Lateness: a person or a service that never came, a job far past its time
    _cue(
        r"\b(?:taxi|uber|cabify|remis|técnico|fontanero|plomero|electricista|cerrajero|instalador|grúa|veterinari[oa]"
        r"|médic[oa]|profesor[a]?|conductor|chofer|chófer|autobús|bus|ruta)\b(?:\s+\w+){0,4}?\s+(?:nunca|no)\s+"
        r"(?:lleg\w+|vin\w+|apareci\w+|se\s+present\w+|pas[óo])\b",
        (_L, 3.5),
    ),
    _cue(
        r"\b(?:era|eran|iba\s+a\s+ser|tenía\s+que\s+ser|era\s+cosa\s+de)\s+(?:para\s+|de\s+)?(?:un|una|dos|tres|cuatro|cinco"
        r"|"
        + _NUMBER
        + r")\s+(?:días?|semanas?|meses?|horas?)\b(?:\s+\w+){0,2}?\s+(?:y\s+)?(?:ya\s+)?(?:llevan|llevamos|van"
        r"|vamos\s+por)\b",
        (_L, 3.5),
    ),
    _cue(
        r"\b(?:estaba|estaría|estará|iba\s+a\s+estar|estaría)\s+list[oa]s?\s+(?:el|para|en|a)\b|\bcuando\s+le\s+da\s+la\s+gana\b",
        (_L, 2.5),
    ),
    # Delivery: goods sent to the wrong place
    _cue(
        r"\b(?:fue|fueron|mand\w+|envi\w+|llev\w+|lleg\w+)\s+a\s+(?:otr[ao]\s+(?:ciudad|provincia|país|pueblo|sucursal|oficina)"
        r"|la\s+sucursal|la\s+oficina\s+de\s+otr\w+)\b",
        (_V, 3.5),
    ),
    _cue(
        r"\b(?:no|nunca)\s+(?:me|nos|m)\s+(?:ha\s+|han\s+)?lleg(?:ó|o|aron|ado)\s+(?:el|la|los|las|mi|mis|nuestr\w+)\s+"
        r"(?!técnic|fontaner|plomer|electricist|cerrajer)",
        (_V, 3.5),
    ),
    # Missing item: someone else's order, one thing given for another, fewer than the pack holds
    _cue(
        r"\bpedido\s+de\s+otr[ao]\s+(?:persona|cliente|señor|señora|mesa|casa)\b|\bpedido\s+(?:que\s+)?no\s+era\s+(?:el\s+)?mío\b",
        (_M, 3.5),
    ),
    _cue(
        r"\b(?:me|nos)\s+(?:entregaron|trajeron|mandaron|enviaron|dieron|sirvieron|pusieron|llegó|llegaron|vino)\s+"
        r"(?:(?:un|una|unos|unas|el|la|los|las)\s+de\b|otr[ao]s?\b)",
        (_M, 3),
    ),
    _cue(
        r"\b(?:juego|pack|caja|set|lote|kit|bolsa|paquete)\s+de\s+(?:"
        + _NUMBER
        + r"|dos|tres|cuatro|cinco|seis|ocho|diez|doce)"
        r"\b(?:\s+\w+){0,4}?\s+(?:lleg\w+|vin\w+|ven[íi]a\w*|trajo|traía|había|habían)\s+(?:con\s+|solo\s+|sólo\s+)?"
        r"(?:" + _NUMBER + r"|una|dos|tres|cuatro|cinco|seis|siete|nueve|once)\b",
        (_M, 3.5),
    ),
    _cue(
        r"\bque\s+ven[íi]an?\s+(?:con|en)\s+(?:el|la|los|las)\s+(?:combo|pedido|menú|caja|pack|kit|set|lote|oferta"
        r"|promoción)\b",
        (_M, 3.5),
        (_V, -2.5),
    ),
    # Billing: amounts in thousands, money in Latin American words
    _cue(
        r"\bmil\s+(?:pesos|euros|dólares|soles|bolívares)\b|\b(?:la|mi|nuestra)\s+plata\b"
        r"|\bun\s+" + _NUMBER + r"(?:[.,]\d+)?\s?(?:%|por\s+ciento)",
        (_B, 2),
    ),
    # Quality: a service that does not perform as sold
    _cue(
        r"\b(?:va|iba|llega|llegaba)\s+a\s+(?:" + _NUMBER + r"|dos|tres|cinco|diez)\s+(?:megas|mb|mbps|gigas|kb)\b"
        r"|\bvelocidad\b",
        (_Q, 3),
    ),
    # Lateness
    _cue(
        r"\b(?:lleg\w*|vin\w*|apareci\w*|present\w*|salió|salieron)\s+(?:\w+\s+){0,4}(?:tarde|con\s+(?:\w+\s+){0,3}retraso|retrasad\w+)\b",
        (_L, 3),
    ),
    _cue(
        r"\b(?:me|nos)\s+tuvieron\s+(?:una|un|dos|tres|\d+)\s+(?:semanas?|días?|mes|meses|horas?)\b"
        r"(?!\s+(?:en\s+espera|al\s+teléfono|colgad))",
        (_L, 2.5),
    ),
    _cue(r"\bqued(?:ó|aron|amos|é)\s+en\s+(?:venir|pasar|llegar|estar\s+aquí|estar\s+a\s+las)\b", (_L, 3)),
    _cue(r"\b(?:semanas?|días|meses)\s+sin\s+(?:agua|luz|calefacción|internet|gas|línea|teléfono)\b", (_L, 2)),
    _cue(r"\btarde\b", (_L, 1.5)),
    _cue(r"\bretras\w*", (_L, 2.5)),
    _cue(
        r"\b(?:no|nunca)\s+(?:se\s+)?(?:vino|vinieron|viene|vienen|apareci\w*|present[óo]|presentaron"
        r"|pas[óo]|viniste|vinisteis|vienes|venís|venías|veníais)\b",
        (_L, 3),
    ),  # the business as tú, vos, vosotros
    _cue(r"\bnadie\s+(?:vino|apareció|se\s+presentó)\b", (_L, 3)),
    _cue(r"\bplant(?:ad[oa]s?|aron|ón)\b", (_L, 3)),
    _cue(r"\btard(?:ar|aron|ó|an|a|aba|aban|ando|ado|anza)\b", (_L, 2.5)),
    _cue(r"\b(?:esper\w+)\b", (_L, 1.5)),
    _cue(r"\b(?:horas?|minutos)\b", (_L, 0.5)),
    _cue(r"\bcita\b", (_L, 1)),
    _cue(r"\bpuntual\w*", (_L, 2)),
    _cue(r"\bprevist[oa]s?\s+para\b", (_L, 2)),
    _cue(r"\b(?:perdí|perdimos|pierdo|perder)\s+(?:el|la)\s+(?:vuelo|avión|tren|conexión|cita|autobús)\b", (_L, 2)),
    _cue(r"\bsin\s+luz\b", (_L, 1)),
    _cue(r"\bllegó\s+a\s+las\b", (_L, 2)),
    _cue(r"\bpedid[oa]s?\s+para\s+las\b", (_L, 2)),
    _cue(r"\b(?:demor\w+|impuntual\w*|se\s+tardaron|se\s+tardó|a\s+destiempo)\b", (_L, 2.5)),
    _cue(
        r"\bhora\s+(?:acordada|pactada|prevista|concertada|indicada)|\bfranja\s+horaria|\bhora\s+y\s+media\b", (_L, 2)
    ),
    _cue(r"\bno\s+llegaba\b", (_L, 1.5), (_V, 1)),
    _cue(
        r"\btodavía\s+no\s+(?:me\s+|nos\s+)?(?:\w+\s+)?(?:han|ha)\s+(?:instalad|venid|arreglad|hech|conectad|dado)\w*",
        (_L, 3),
    ),
    _cue(r"\bhace\s+(?:un|una|dos|tres|\d+)\s+(?:mes|meses|semanas?)\b", (_L, 1)),
    _cue(r"\b(?:meses|semanas|días)\s+después\b", (_L, 2.5)),
    _cue(
        r"\b(?:iba|iban)\s+a\s+(?:durar|tardar|estar)\b|\bya\s+(?:llevamos|llevo|van)\s+(?:\w+\s+)?(?:meses|semanas|días)\b",
        (_L, 2.5),
    ),
    _cue(r"\bno\s+(?:nos|me|les|le)\s+atend\w+\s+hasta\b", (_L, 3)),
    # Billing
    _cue(r"\bcobr(?:aron|ado|ada|ó|an|a|ar|áis|asteis|aste|ando|en|o|amos|ara|aran)\b", (_B, 2.5)),
    _cue(r"\b(?:cobro|cargo)s?\s+(?:doble|duplicad\w*|indebid\w*)", (_B, 3)),
    _cue(r"\bde\s+más\b", (_B, 1.5)),
    _cue(r"\bfactur\w*", (_B, 2.5)),
    _cue(r"\brecibo\b", (_B, 2)),
    _cue(r"\bpresupuest\w*", (_B, 2.5)),
    _cue(r"\bprecio\w*", (_B, 1.5)),
    _cue(r"\b(?:reembols\w*|devolución|abono|reintegr\w*|fianza)\b", (_B, 3)),
    _cue(
        r"\b(?:no\s+)?(?:me\s+|nos\s+)?(?:han\s+|habéis\s+|ha\s+)?(?:devuelto|devolvieron|devuelvan|devolver|devolváis)"
        r"\s+(?:\w+\s+){0,3}(?:dinero|importe|euros|€|\d)",
        (_B, 3),
    ),
    _cue(r"\bdinero\b", (_B, 2)),
    _cue(r"\b" + _NUMBER + r"(?:[.,]\d+)*\s?(?:€|euros?\b|pesos\b|dólares\b)|[€$]\s?\d", (_B, 1)),
    _cue(r"\b(?:comisi\w+|recargo\w*|suscripci\w+|tarjeta|cargaron|cargado|iva)\b", (_B, 2)),
    _cue(r"\bpag(?:ué|ar|ado|amos|o|ó|aron|ando|ue|ábamos|aba)\b", (_B, 1)),
    _cue(r"\b(?:carísim[oa]|caro)\b", (_B, 1.5)),
    _cue(r"\b(?:tim(?:o|aron|ado)|estaf\w*|robo)\b", (_B, 1.5)),
    _cue(r"\b(?:cuota|tarifa)s?\b", (_B, 1)),
    _cue(r"\b(?:importe|descuento|propina|impuestos?|penalizaci\w+|mensualidad|intereses)\b", (_B, 2)),
    _cue(r"\b(?:oferta|promoci\w+|ticket)\b", (_B, 1)),
    _cue(r"\bla\s+cuenta\b", (_B, 1.5)),
    _cue(r"\bcargos?\b(?!\s+de\b)", (_B, 1.5)),
    _cue(r"\bcargo\s+no\s+reconocido|\bgastos\s+de\s+envío\b", (_B, 2.5)),
    _cue(r"\bregres\w+\s+(?:el|mi|su|nuestro)\s+dinero\b", (_B, 3)),
    _cue(r"\bcobr(?:arme|arnos|ándome|ándonos|arle|arles|amos)\b", (_B, 2.5)),
    _cue(r"\bpara\s+cobrar\w*\s+más\b|\brodeo\b", (_B, 2)),
    # Quality
    _cue(
        r"\b(?:mal|fatal)\s+(?:hech[oa]s?|arreglad\w*|instalad\w*|pintad\w*|cortad\w*|cocinad\w*|graduad\w*)", (_Q, 3)
    ),
    _cue(r"\bcon\s+la\s+graduación\s+mal\b", (_Q, 3)),
    _cue(r"\b(?:no|ni)\s+(?:funciona\w*|sirv\w*|arregl\w*|enfrí\w*|calienta\w*|limpi\w*)", (_Q, 2.5)),
    _cue(r"\bsin\s+funcionar\b", (_Q, 3)),
    _cue(r"\bsigue\s+(?:sin(?!\s+llegar)|igual|perdiendo|goteando|fallando|rot[oa]|apagándose|estropead\w*)", (_Q, 3)),
    _cue(r"\b(?:volvía|volvió|vuelve|volvió)\s+a\s+(?:gotear|fallar|romperse|estropearse|perder|salir)", (_Q, 3)),
    _cue(
        r"\b(?:estaba|estaban|llegó|llegaron|vino|vinieron|sirvieron)\s+(?:\w+\s+)?(?:crud|frí|quemad|recalentad|salad"
        r"|pasad|podrid|agri|incomible)\w*",
        (_Q, 3),
    ),
    _cue(
        r"\b(?:crud[oa]s?|quemad[oa]s?|frí[oa]s?|recalentad\w*|incomible|agri[oa]|salad\w*|sos[oa]|rancio"
        r"|podrid\w*|del\s+día\s+anterior|chapuza\w*|chapucer\w*)\b",
        (_Q, 1.5),
    ),
    _cue(r"\b(?:calidad|defectuos\w*|desconch\w*|gote\w*|torcid[oa]|movid[oa]s|oscur[oa]s|borros\w*)\b", (_Q, 2.5)),
    # an app or a website that fails is not the quality of our work or products
    _cue(r"\b(?:app|aplicación|web|página|wifi|cupón|ascensor)\b", (_Q, -3)),
    _cue(r"\bse\s+(?:hundió|estropeó|apaga\w*|cierra)\b", (_Q, 2)),
    _cue(r"\bapagándose\b", (_Q, 2)),
    _cue(r"\b(?:olía|huele|olor|humedad)\b", (_Q, 1.5)),
    _cue(r"\b(?:suci\w+|suciedad|polvo)\b", (_Q, 1.5)),
    _cue(r"\bruido\b", (_Q, 1.5)),
    _cue(r"\bdur[óo]\s+(?:dos|tres|\d+|poco|un|una)\b", (_Q, 2)),
    _cue(r"\bdestroz\w*", (_D, 2)),
    _cue(r"\bmanchas\b", (_Q, 1)),
    _cue(r"\bsalieron\s+(?:mal|movidas|oscuras|borrosas)\b", (_Q, 2)),
    _cue(r"\bdeja\w*\s+mucho\s+que\s+desear\b", (_Q, 2)),
    _cue(
        r"\b(?:averiad\w+|averí\w+|estropead\w+|fall(?:a|o|aba|ó|an|aron)|insípid\w+|sin\s+sabor|grasient\w+)\b",
        (_Q, 2),
    ),
    _cue(
        r"\bdej(?:ó|a|aron|aba)\s+de\s+(?:funcionar|enfriar|calentar|cargar|encender|andar|ir)\b|\bpeor\s+que\s+antes\b|\ba\s+medias\b|\bsin\s+terminar\b"
        r"|\binacabad\w+",
        (_Q, 3),
    ),
    _cue(r"\bquedó\s+(?:mal|fatal|peor|horrible)\b|\bmal\s+estado\b|\bsabía\s+(?:mal|a)\b", (_Q, 2.5)),
    _cue(r"\b(?:pelo|mosca|bicho|cucaracha)s?\s+en\b", (_Q, 2.5)),
    _cue(r"\b(?:encog\w+|desteñ\w+|se\s+deshizo|descos\w+|se\s+despegó|se\s+soltó)\b", (_Q, 2.5)),
    _cue(r"\bsin\s+(?:las|sus|la)\s+herramientas\b|\btuvo\s+que\s+volver\b", (_Q, 2.5)),
    _cue(r"\b(?:alérgic\w+|alergia|intoleran\w+|celíac\w+|gluten|frutos\s+secos|nueces|marisco)\b", (_Q, 2.5)),
    _cue(r"\b(?:cables?\s+suelt\w+|sin\s+tapa|mal\s+conectad\w+)\b", (_Q, 2.5)),
    _cue(r"\b(?:como\s+una\s+suela|poco\s+hech[oa]|muy\s+hech[oa]|pasad[oa]\s+de\s+punto)\b", (_Q, 2.5)),
    _cue(r"\b(?:tinte|corte\s+de\s+pelo|peinado|manicura|uñas)\b", (_Q, 1.5)),
    _cue(r"\bse\s+(?:cae|caía|corta|cortaba)\b|\bcortes\s+de\b", (_Q, 2.5)),
    _cue(
        r"\b(?:descuadrad\w+|desnivelad\w+|atasc\w+|no\s+cierra\w*|no\s+abre\w*|igual\s+de\s+suci\w+|sin\s+limpiar"
        r"|mal\s+acabad\w+|vuelto\s+a\s+(?:romper|estropear|atascar|fallar|gotear))",
        (_Q, 2.5),
    ),
    _cue(r"\ba\s+mitad\s+del?\b|\bdej\w+\s+(?:todo\s+)?(?:tirado|a\s+medias|sin\s+acabar)\b", (_Q, 3)),
    _cue(r"\bme\s+dej(?:ó|aron)\s+(?:sangrando|peor|con\s+dolor)\b", (_Q, 2.5)),
    # Damage
    # what they did to the customer's things ("me rayó la mesa", "nos han roto el jarrón"): the stated breakage
    # decides over the delivery or job around it (LABELS.md, delivery vs damage)
    _cue(
        r"\b(?:me|nos)\s+(?:(?:ha|han|has|habéis|había|habían)\s+)?(?:(?:ray|abol?l|manch|raj|quem|inund|destroz|golpe"
        r"|arañ|agriet|aplast|dobl|moj|astill|desconch|perfor|agujere|empap|rasg|desgarr|pinch|quebr|chaf|machac|deform"
        r"|estrell|casc|dañ|estrope|revent|taladr|arranc)(?:ó|aron|aste|asteis|ado|ada|ados|adas)|romp(?:ió|ieron|iste"
        r"|isteis)|rot[oa]s?)\s+(?:el|la|los|las|mi|mis|un|una|unos|unas|todo|toda|todos|todas|nuestr[oa]s?)\b",
        (_D, 4.5),
        (_V, -2),
    ),
    _cue(r"\b(?:romp(?:ieron|ió|er|iste)|rot[oa]s?)\b", (_D, 2.5)),
    _cue(r"\b(?:abolladura|bollo|abollad\w+|rayón|rayaron|rayado|rayada)\b", (_D, 3)),
    _cue(
        r"\b(?:ray\w+|golpe\w*|arañaz\w*|desconchón|manch(?:aron|ó|ado)|quemadura|raj\w+"
        r"|reventa\w*|inund\w+|taladr(?:ó|aron|ando|ado|ada|ar)|aplastad\w*|añicos|arrancad\w*|chafad\w*|roza\w*)\b",
        (_D, 2.5),
    ),
    _cue(r"\bdañ\w*", (_D, 3)),
    _cue(r"\bse\s+carg(?:aron|ó)\b", (_D, 3)),
    _cue(r"\b(?:quemó|quemaron)\b", (_D, 2.5)),
    _cue(r"\bcorte\s+en\b", (_D, 2)),
    _cue(r"\bmarca\b", (_D, 1.5)),
    _cue(
        r"\b(?:gotas|restos|salpicaduras?)\s+de\s+(?:pintura|yeso|cemento|aceite)\b|\bformatead\w+|\bborr(?:aron|ó)\b",
        (_D, 3),
    ),
    _cue(r"\bcort(?:ó|aron)\s+(?:el|la|los|las|mi|mis)\s+\w+\s+que\b", (_D, 2.5)),
    _cue(
        r"\b(?:desperfect\w+|arañ\w+|abollad\w+|rozadura|roce|agujeros?|grietas?|deteriorad\w+|destrozad[oa]s?"
        r"|estropearon|mojad[oa]s?)\b",
        (_D, 2.5),
    ),
    # Staff
    _cue(
        r"\b(?:grit\w*|insult\w*|se\s+rió|se\s+rieron|burl\w*|amenaz\w*|chill\w*|despreci\w*|maleducad\w*"
        r"|groser\w*|borde|antipátic\w*|chulería|desagradable|sec[oa]|desprecio)\b",
        (_S, 3),
    ),
    _cue(r"\bmal(?:a|os|as)?\s+(?:modos|maneras|formas|trato|educación)\b", (_S, 3)),
    _cue(r"\bfaltó\s+al\s+respeto\b", (_S, 3)),
    _cue(r"\btrat\w+\s+(?:fatal|mal|con\s+desprecio|como)\b", (_S, 3)),
    _cue(
        r"\b(?:me|nos)\s+(?:habló|hablaron|contestó|contestara|contestaron|respondió)\s+(?:mal|fatal|de\s+malas"
        r"|como)\b",
        (_S, 3),
    ),
    _cue(r"\bni\s+(?:me|nos)\s+(?:miró|escuchó|saludó|hizo\s+caso)\b", (_S, 3)),
    _cue(r"\bcon\s+el\s+móvil\b", (_S, 2)),
    _cue(r"\b(?:despachó|ni\s+caso|pasó\s+de)\b", (_S, 2.5)),
    _cue(r"\b(?:mint\w+|mentir\w*|mentira\w*)\b", (_S, 2.5)),
    _cue(
        r"\b(?:cómo|como|la\s+forma\s+en\s+que|la\s+manera\s+en\s+que)\s+(?:el|la|su|nuestr[oa])?\s*(?:\w+\s+){0,4}?"
        r"(?:me|le|nos|les)\s+habl(?:ó|aron|aba|aban)\b",
        (_S, 3.5),
    ),
    # what a person said to them, quoted ("me dijo 'no me haga perder el tiempo'"): how they were treated
    _cue(
        r"\b(?:me|nos)\s+(?:dijo|dijeron|contestó|contestaron|soltó|soltaron|respondió|respondieron|gritó|gritaron)"
        r"\s*[,:]?\s*(?:que\s+)?['\"«“]",
        (_S, 3),
    ),
    _cue(
        r"\b(?:me|nos)\s+(?:asegur|jur|perjur)(?:ó|aron|aba|aban|ara|aran|ase|asen)\s+que\b", (_S, 2)
    ),  # assured falsely: a lie
    _cue(r"\bcomo\s+si\s+(?:yo\s+)?fuera\b", (_S, 2.5)),
    _cue(r"\b(?:que\s+me\s+callara|callarme)\b", (_S, 3)),
    _cue(r"\bcomo\s+si\s+fuera\s+a\s+robar\b", (_S, 3)),
    _cue(r"\b(?:trató|trataron|trato)\b", (_S, 1.5)),
    _cue(r"\b(?:actitud|modales|majader\w+|prepoten\w+|acus\w+)\b", (_S, 3)),
    _cue(r"\b(?:me|nos|le)\s+(?:hizo|hicieron)\s+daño\b", (_S, 3)),
    _cue(
        r"\b(?:manej\w+|conduc\w+)\s+(?:como\s+(?:un\s+)?loc[oa]|fatal|temerari\w+)|\bcomo\s+(?:un\s+)?loc[oa]\b",
        (_S, 2.5),
    ),
    _cue(r"\b(?:chofer|chófer|taxista|monitor\w*|profesor\w*|socorrista)\b", (_S, 0.5)),
    _cue(r"\bno\s+estaba\s+en\s+su\s+puesto\b|\bno\s+respetaron\s+el\s+(?:orden|turno)\b|\bse\s+colaron\b", (_S, 3)),
    _cue(r"\bdelante\s+de\s+(?:otros|todos\s+los|los)\s+clientes\b|\bque\s+me\s+fuera\s+a\s+otr\w+", (_S, 2.5)),
    _cue(
        r"\bdej\w+\s+(?:a\s+)?(?:mi|mis|los|las|al|a\s+la)\s+(?:hij[oa]s?|niñ[oa]s?|peque\w*|bebé)\s+sol[oa]s?\b",
        (_S, 3),
    ),
    _cue(
        r"\b(?:hablando|mirando)\s+(?:por|con|el|al)\s+(?:el\s+)?móvil\b|\bse\s+saltó\s+(?:un|el)\s+semáforo\b", (_S, 3)
    ),
    _cue(
        r"\b(?:de\s+morros|mala\s+cara|ni\s+(?:nos|me)\s+(?:saludó|dio\s+las\s+buenas)|fumaba\w*|fumando|fumar)\b",
        (_S, 2.5),
    ),
    _cue(r"\bno\s+(?:paró|se\s+paró|quiso\s+parar|quiso\s+subir\w*|quiso\s+ayudar\w*)\b", (_S, 2)),
    _cue(r"\b(?:humill\w+|racist\w+|discrimin\w+|levantó\s+la\s+voz|de\s+mala\s+gana|sin\s+ganas|desgana)\b", (_S, 3)),
    _cue(r"\b(?:nos|me|les)\s+(?:echaron|echó|ignor\w+)\b", (_S, 2.5)),
    _cue(r"\b(?:poco\s+profesional|no\s+(?:era|es)\s+(?:su|mi)\s+problema|no\s+tenía\s+ni\s+idea)\b", (_S, 2)),
    _cue(r"\b(?:meser[oa]s?|personal|atendi\w+)\b", (_S, 0.5)),
    _cue(
        r"\b(?:forma|manera|modo|tono)\s+(?:en\s+)?(?:que|de|como|con\s+(?:el|la)\s+que)\s+(?:\w+\s+){0,3}"
        r"(?:habl\w+|trat\w+|contest\w+|dirig\w+|atend\w+)",
        (_S, 3),
    ),
    _cue(r"\b(?:no\s+(?:me|nos)\s+quis\w+\s+ayudar|no\s+(?:me|nos)\s+ayud\w+)\b", (_S, 2)),
    _cue(
        r"\b(?:camarer\w*|dependient\w*|recepcionista|encargad\w*|empleados?|vigilante|guardia|conductor\w*"
        r"|guía|jefe|médico|mecánico|peluquer\w*|comercial)\b",
        (_S, 0.5),
    ),
    # Missing or wrong item
    _cue(r"\bfalt(?:a|aba|aban|an|ó|aron|ando)\b", (_M, 3)),
    _cue(r"\bincomplet\w*", (_M, 3)),
    _cue(r"\b(?:llegó|vino|venía|llegaron)\s+sin\b", (_M, 3)),
    _cue(r"\ben\s+(?:vez|lugar)\s+de\b", (_M, 2.5)),
    _cue(
        r"\b(?:equivocad\w*|otro\s+(?:color|modelo|producto)|otra\s+(?:talla|marca)|de\s+otro\s+color|tallas?"
        r"|no\s+era\s+(?:el|la|lo)\s+que)\b",
        (_M, 3),
    ),
    _cue(r"\bpedí\b", (_M, 1.5)),
    _cue(r"\b(?:me|nos)\s+(?:trajeron|pusieron|mandaron|enviaron|sirvieron|dieron|habéis\s+mandado)\b", (_M, 1)),
    _cue(r"\b(?:solo|sólo)\s+(?:había|venía|llegaron|trae|traía)\b", (_M, 3)),
    _cue(r"\bllegaron\s+(?:\d+|dos|tres|cuatro|cinco)\b", (_M, 2)),
    _cue(
        r"\bno\s+(?:estaba|venía|había|estaban|venían)\b(?!\s+(?:nadie|nada|sitio|mesa|forma|manera|hojas?|ni|previst\w*))",
        (_M, 1.5),
    ),
    _cue(
        r"\b(?:pedido|encargo)\s+mal\b|\b(?:mandáis|mandaron|enviaron|enviasteis|mandasteis)\s+(?:\w+\s+){0,2}mal\b",
        (_M, 2.5),
    ),
    _cue(r"\bmitad\b", (_M, 1.5)),
    _cue(r"\b(?:olvid\w+|incorrect\w+)", (_M, 2.5)),
    _cue(r"\bno\s+(?:incluía|incluyeron|incluye|venía\s+incluid\w+)\b", (_M, 3)),
    _cue(r"\b(?:piezas?|unidades)\b", (_M, 1)),
    _cue(r"\b(?:se\s+comió|parte\s+del\s+pedido|medio\s+vací\w+)\b", (_M, 3)),
    _cue(
        r"\bno\s+era\s+(?:el|la|los|las)\s+(?:mío|mía|míos|mías|nuestro|nuestra)\b|\bdel\s+pie\s+izquierdo\b", (_M, 3)
    ),
    _cue(r"\bno\s+venía\b", (_M, 2)),
    _cue(r"\bpedidos?\b", (_M, 0.5), (_V, 0.5)),
    # Delivery
    _cue(
        r"\b(?:paquete\w*|envío\w*|mensajer\w*|repartidor\w*|reparto|seguimiento|transport\w*|mrw|seur|gls|dhl"
        r"|ups|buzón|remitente|almacén)\b",
        (_V, 2),
    ),
    _cue(r"\bcorreos\b", (_V, 1), (_C, 1)),
    _cue(r"\bentreg\w+", (_V, 1.5)),
    _cue(
        r"\b(?:no|nunca|todavía\s+no|aún\s+no)\s+(?:ha\s+|han\s+)?lleg(?:ado|ó|aron|a)\b"
        r"(?!\s+(?:tarde|a\s+tiempo|puntual|con\s+retraso))",
        (_V, 3),
        (_L, 1),
    ),
    _cue(r"\bno\s+(?:he|hemos)\s+recibido\b", (_V, 2), (_M, 1)),
    _cue(r"\b(?:perdid[oa]|extraviad\w*|no\s+aparece|sin\s+aparecer)\b", (_V, 3)),
    _cue(
        r"\bperd(?:ió|ieron|isteis)\s+(?:mi|mis|la|el|las|los|nuestr\w+|vuestr\w+)\s+(?:maletas?|equipaje|paquetes?|pedidos?"
        r"|envíos?|cartas?)\b",
        (_V, 3.5),
    ),
    _cue(r"\bse\s+equivocaron\s+de\s+(?:casa|dirección|portal|piso|calle)\b", (_V, 3.5)),
    _cue(
        r"\b(?:llev\w+|mand\w+|envi\w+|despach\w+)\s+(?:\w+\s+){0,3}?a\s+otr[oa]\s+(?:depósito|almacén|sucursal|dirección"
        r"|ciudad|provincia|casa|oficina|país|región|localidad|punto)\b",
        (_V, 3.5),
    ),  # goods sent elsewhere
    _cue(
        r"\b(?:otra\s+dirección|dirección\s+equivocada|al\s+vecino|en\s+el\s+portal|en\s+la\s+escalera"
        r"|como\s+(?:entregado|ausente))\b",
        (_V, 3),
    ),
    _cue(r"\bausente\b", (_V, 2)),
    _cue(r"\b(?:paqueterí\w+|domicilio|dirección|punto\s+de\s+recogida|rastreo|tracking)\b", (_V, 2)),
    _cue(r"\b(?:sigue|seguía|sigo)\s+sin\s+llegar\b|\bsin\s+llegar\b|\bintento\s+de\s+entrega\b", (_V, 3)),
    _cue(
        r"\b(?:paquete|pedido|envío|encargo|mercancía|compra|encomienda)s?\b(?:\s+\w+){0,4}?\s+(?:sigue|siguen|seguía"
        r"|lleva|llevan)\s+(?:\w+\s+){0,3}?sin\s+aparecer\b",
        (_V, 3.5),
    ),  # goods; a person not turning up is lateness
    _cue(r"\bno\s+(?:me\s+)?lo\s+entregaron\b|\bdejaron\s+(?:el\s+paquete|la\s+caja|el\s+pedido)\s+en\b", (_V, 3)),
    # Communication
    # "nadie nos avisó de que la piscina estaba cerrada": not being told is the grievance, whatever was not told
    # (premises, a flight, a warranty); LABELS.md files a change or closure without notice under communication
    _cue(
        r"\b(?:nadie|no)\s+(?:me|nos)\s+(?:(?:ha|han|había|habían)\s+)?(?:avis\w*|dij\w+|dicho|inform\w*|comunic\w*"
        r"|explic\w*)\s+(?:de\s+)?que\b",
        (_C, 5),
        (_O, -2),
    ),
    _cue(
        r"\b(?:nadie|no)\s+(?:me|nos)\s+(?:avis\w+|llam\w+|contest\w+|respond\w+|inform\w+|dijo|dijeron"
        r"|explic\w+)\b",
        (_C, 3),
    ),
    _cue(r"\bsin\s+(?:avisar|previo\s+aviso|decir\s+nada|respuesta|noticias)\b", (_C, 3)),
    _cue(r"\bno\s+(?:contestan|responden|he\s+tenido\s+noticias)\b|\bnadie\s+(?:contesta|responde)\b", (_C, 3)),
    _cue(
        r"\b(?:teléfono|correos?\s+electrónicos?|emails?|mails?|chat|robot|contestador|en\s+espera|(?:me|nos|le|les)\s+colg\w+"
        r"|colgad[oa]s?|línea)\b",
        (_C, 1.5),
    ),
    _cue(r"\bcorreos\b", (_C, 1), lowercase_only=True),
    _cue(r"\b(?:llamé|llamamos|escribí|escribimos|os\s+escribí|les\s+escribí)\b", (_C, 1.5)),
    _cue(
        r"\b(?:una\s+cosa\s+(?:en|y)|otra\s+(?:cosa|distinta)|cosa\s+diferente|cada\s+(?:uno|persona)"
        r"|cada\s+vez\s+que\s+(?:llamo|llamamos|escribo|escribimos|pregunto|preguntamos|voy|vamos|hablo|hablamos))\b",
        (_C, 2.5),
    ),
    _cue(r"\bpromet\w+", (_C, 2)),
    _cue(r"\b(?:avis\w+|inform\w+|explic\w+|comunic\w+|noticias|respuesta)\b", (_C, 1.5)),
    _cue(r"\bcancel\w*", (_C, 1)),
    _cue(r"\b(?:correo|mensajes?|whatsapp|formulario|incidencia)\b", (_C, 1.5)),
    _cue(r"\b(?:me|nos)\s+(?:han\s+llamado|llaman|llamaban)\s+(?:\w+\s+){0,3}(?:veces|día|días|horas)\b", (_C, 3)),
    _cue(r"\b(?:atención|servicio)\s+al\s+cliente\b", (_C, 2)),
    _cue(
        r"\b(?:de\s+un\s+departamento\s+a\s+otro|de\s+uno\s+a\s+otro|me\s+pas(?:an|aron)\s+con)\b"
        r"|\bde\s+(?:un|una)\s+(?:área|sector|oficina|ventanilla|operador\w*|agente|persona|sucursal)\s+a\s+otr[oa]\b",
        (_C, 3),
    ),
    _cue(r"\bnadie\s+(?:sabe\s+nada|me\s+da\s+(?:una\s+)?(?:respuesta|solución))\b", (_C, 2)),
    _cue(r"\bno\s+(?:cogen|contestan|atienden)\s+el\s+teléfono\b|\ben\s+visto\b", (_C, 3)),
    _cue(r"\b(?:sin|ninguna|ni\s+una)\s+explicaci\w+|\bsin\s+dar\s+explicaciones\b", (_C, 3)),
    _cue(
        r"\b(?:nadie|no)\s+(?:me|nos)\s+(?:han|ha|habéis|había|habían)\s+(?:llamad|avisad|contestad|respondid|informad"
        r"|dicho|explicad|confirmad)\w*",
        (_C, 3),
    ),
    _cue(
        r"\bcambi(?:aron|an|en|ó|aban|asteis|áis)\s+(?:la|de)\s+(?:hora|fecha|cita)\b|\bcada\s+vez\s+que\s+llamo\b",
        (_C, 3),
    ),
    _cue(
        r"\bnadie\s+(?:me|nos)\s+ha\s+vuelto\s+a\s+(?:contactar|llamar|escribir)\b|\bque\s+alguien\s+me\s+explique\b"
        r"|\bno\s+sé\s+(?:cuándo|nada|qué|si)\b",
        (_C, 3),
    ),
    _cue(r"\bnadie\s+(?:se\s+)?(?:molest\w+\s+en|supo|sabe)\b", (_C, 2)),
    # Ways any customer says it, whatever the business: times, amounts, quantities, comparisons, idioms
    _cue(
        r"\ba\s+las\s+\d{1,2}(?:[:.h]\d{2}|h)?\b(?:[^.?!]{0,80}?)\b(?:a|hasta|pasadas|sobre|casi\s+a)\s+las\s+\d",
        (_L, 2.5),
    ),
    _cue(
        r"\bpasadas\s+las\s+\d|\bno\s+(?:\w+\s+){0,4}?hasta\s+(?:el\s+(?:lunes|martes|miércoles|jueves|viernes"
        r"|sábado|domingo|día|mes)|las\s+\d|mediodía|la\s+(?:tarde|noche|semana)|\d)",
        (_L, 2.5),
    ),
    _cue(
        r"\bsegu(?:imos|ía|íamos|ían|imos|ido|iremos)\s+sin\s+(?!\w+(?:ar|er|ir)\b)\w+|\ba\s+día\s+de\s+hoy\b"
        r"|\bni\s+(?:asom|apareci|se\s+present)\w*",
        (_L, 2),
    ),
    _cue(r"\bno\s+asom\w+|\bhora\s+y\s+pico\b|\bsin\s+dar\s+señales\s+de\s+vida\b", (_L, 2.5)),
    _cue(
        r"\b"
        + _NUMBER
        + r"(?:[.,]\d+)?\s*(?:pavos|pelas|lucas|libras|soles|bolos|pesos|dólares|dolares|quetzales|bolívares)\b",
        (_B, 2.5),
    ),
    _cue(
        r"\b(?:sub\w*|increment\w*|aument\w*|infl\w+|dispar\w+)\s+(?:\w+\s+){0,2}(?:precio|prima|cuota|tarifa|recibo"
        r"|factura|cuenta|mensualidad|alquiler)s?\b|\b(?:el|al|por\s+el)\s+doble\b",
        (_B, 3),
    ),
    _cue(
        r"\b(?:dijo|dijeron|ponía|ponia|decía|decia|anunciaban|quedamos\s+en|presupuesto\s+de)\s+(?:\w+\s+)?\d+[^.?!]{0,60}?"
        r"\b(?:eran|fueron|son|cobraron|pagué|pagamos|salió|sale|resultaron|me\s+pidieron)\s+\d+",
        (_B, 3),
    ),
    _cue(r"\b(?:mal\s+el\s+cambio|el\s+cambio\s+mal|cambio\s+equivocado)\b|\bme\s+(?:han\s+)?clav\w+\s+\d", (_B, 3)),
    _cue(
        r"\b(?:no|ni)\s+(?:centrifug\w+|arranc\w+|enciend\w+|encendía|carg(?:a|aba|an)|cierr\w+|cerraba|imprim\w+|sec(?:a|aba)"
        r"|lav(?:a|aba)|tira|tiraba|chuta|anda|andaba|va\s+bien)\b",
        (_Q, 2.5),
    ),
    _cue(
        r"\b(?:igual|peor)\s+que\s+antes\b|\bdesde\s+el\s+primer\s+día\b|\ba\s+los\s+(?:\w+\s+)?(?:días|semanas|meses)\b"
        r"|\b(?:de\s+sobre|precocinad\w+|congelad\w+\s+por\s+dentro)\b",
        (_Q, 2),
    ),
    _cue(
        r"\b(?:dur[oa]s?|sec[oa]s?|tiesos?)\s+como\s+(?:una?\s+)?(?:piedra|suela|zapato|roca|tabla|palo|mojama)\b"
        r"|\bse\s+(?:ven|nota|notan)\s+(?:\w+\s+){0,2}(?:las\s+)?(?:marcas|manchas|huecos|juntas|grietas|brochazos|pegotes)\b"
        r"|\bva\s+(?:a\s+pedales|fatal|lent\w+|a\s+trompicones)\b",
        (_Q, 2.5),
    ),
    _cue(
        r"\bhech[oa]s?\s+(?:pedazos|añicos|trizas|cisco|polvo|migas)\b|\b(?:partid[oa]|rot[oa]|rajad[oa])s?\s+(?:por|en)"
        r"\s+(?:la\s+mitad|el\s+medio|dos)\b",
        (_D, 3.5),
    ),
    _cue(
        r"\bcomo\s+si\s+(?:alguien|le|la|lo|les|los|las)?\s*(?:hubiera|hubiese|hubieran|hubiesen)\s+(?:sentado|pisado"
        r"|pasado|tirado|dado|atropellado|aplastado|pateado)\b",
        (_D, 3.5),
    ),
    _cue(
        r"\bcon\s+(?:el|la|los|las|un|una|unos|unas)\s+\w+\s+(?:\w+\s+)?(?:colgando|arrancad\w+|doblad\w+|partid\w+"
        r"|rot[oa]s?|rajad\w+|agrietad\w+|astillad\w+|reventad\w+|abollad\w+|desconchad\w+|torcid\w+|hundid\w+)\b"
        r"|\b(?:levant\w+|arranc\w+)\s+(?:el|la|los|las)\s+(?:parquet|suelo|tarima|pintura|baldosas?|azulejos?)\b",
        (_D, 4),
    ),
    _cue(r"\b(?:empapad\w+|lejía|lejia|a\s+rodales)\b", (_D, 2)),
    _cue(
        r"\bcomo\s+si\s+(?:yo\s+|me\s+|le\s+|nos\s+|les\s+|fuéramos\s+|fuésemos\s+)?(?:fuera|fuese|estuviera|estuviese"
        r"|fuéramos|fuésemos|estuviéramos|tuviera|tuviese)\b",
        (_S, 2.5),
    ),
    _cue(
        r"\b(?:me|nos|le|les)\s+(?:trat\w+|tild\w+)\s+de\s+(?!usted\b|tú\b|tu\b|forma\b|manera\b)\w+"
        r"|\b(?:me|nos|le|les)\s+llam(?:ó|aron|aba|aban)\s+(?:de\s+)?(?:tacañ|mentiros|ladr|tont|loc|exagerad|pesad"
        r"|histéric|borrach|idiota|imbécil|estúpid|inútil|vag|mal[oa]|gord|fe[oa]|pobre|cutre|rata|agarrad)\w*",
        (_S, 3.5),
    ),
    _cue(
        r"\bpas(?:ó|aba|aban|aron|a|an|ando)\s+(?:\w+\s+)?(?:olímpicamente\s+)?de\s+(?:mí|mi|nosotros|nosotras|él|ella"
        r"|ellos|todo|todos|la\s+gente)\b|\b(?:ech\w+|ech[óo])\s+la\s+bronca\b|\bse\s+(?:re[íi]a\w*|ri[óo]|rieron|riendo"
        r"|part[íi]a\w*\s+de\s+risa|mofab\w+|cachondeab\w+)\b",
        (_S, 3),
    ),
    _cue(
        r"\b(?:ni|sin)\s+(?:un|unos|una)?\s*(?:buenos\s+días|buenas\s+tardes|buenas\s+noches|saludo|hola|gracias)\b"
        r"|\b(?:resopl\w+|bufand\w+|bufó|de\s+mala\s+leche|con\s+mala\s+cara|a\s+regañadientes)\b"
        r"|\bmir(?:ó|aron|aba|aban)\s+(?:\w+\s+){0,3}(?:mal|raro|por\s+encima|de\s+arriba)",
        (_S, 2.5),
    ),
    _cue(r"\bsi\s+no\s+(?:me|nos|le|les|te)\s+gust\w+", (_S, 3)),
    _cue(
        r"\bc[oó]mo\s+(?:me|nos|le|les)\s+(?:mir|habl|trat|contest|respond|grit|atend)\w+"
        r"|\b(?:un|una|muy|qué|se\s+puso|se\s+ponía)\s+(?:\w+\s+)?pesad[oa]s?\b",
        (_S, 3),
    ),
    _cue(r"\bpart(?:ió|ieron)\s+(?:el|la|los|las|un|una|mi|mis|su|sus)\b", (_D, 2.5)),
    _cue(
        r"\b(?:"
        + _NUMBER
        + r"|media|una|dos|tres|cuatro|cinco)\s+(?:minutos|horas?)\s+(?:de\s+pie|esperando|en\s+la\s+puerta"
        r"|en\s+la\s+cola|haciendo\s+cola|plantad\w+|sentad\w+\s+sin)",
        (_L, 2.5),
    ),
    _cue(
        r"\b(?:paquete|pedido|envío|encargo|mercancía|muebles|compra|sofá|colchón|nevera)s?\s+(?:tenía|tenían|debía"
        r"|debían|iba|iban)\s+(?:que\s+|a\s+)?llegar\b",
        (_V, 4),
    ),
    _cue(
        r"\b(?:no|ni|nunca|nadie)\s+(?:me\s+|nos\s+|le\s+|les\s+)?(?:contesta|contestan|contestaba|contestaban|responde"
        r"|responden|respondía|coge|cogen|cogía|atiende|atienden|atendía)\b",
        (_C, 3),
    ),
    _cue(
        r"\b(?:ven[íi]an?|tra[íi]an?|trajeron|llegaron|mandaron|enviaron|sirvieron|dieron|entregaron)\s+(?:solo\s+|sólo\s+"
        r"|solamente\s+|únicamente\s+)?(?:\d+|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce)\b",
        (_M, 2.5),
    ),
    _cue(
        r"\b(?:(?:no\s+(?:había|hay|venía|vino|llegó|estaba)\s+)?ni\s+rastro\s+de\s+(?:el|la|los|las|los|mis|nuestr\w+)|ni\s+(?:un|una)\s+sol[oa])\b",
        (_M, 2),
    ),
    _cue(
        r"\ben\s+(?:tránsito|reparto|camino|preparación)\b|\b(?:dirección|casa|domicilio)\s+(?:antigua|vieja|anterior"
        r"|equivocada|incorrecta|de\s+otr[oa])\b",
        (_V, 3),
    ),
    _cue(
        r"\b(?:maletas?|equipajes?)\b(?:\s+\w+){0,6}?\s+(?:se\s+fue|se\s+fueron|acab\w+|fue\s+a\s+parar|lleg\w+|mand\w+"
        r"|envi\w+)\s+(?:a|en)\b|\b(?:dej\w+|tir\w+)\s+(?:\w+\s+){0,3}?(?:en|a|por\s+encima\s+de)\s+(?:la|el)\s+(?:acera"
        r"|valla|portal|portería|rellano|felpudo|contenedor|puerta\s+de\s+al\s+lado)\b",
        (_V, 2),
    ),
    _cue(r"\b(?:bajar|ir|salir)\s+(?:yo\s+)?a\s+(?:buscar|recoger)\w*", (_V, 2.5)),
    _cue(
        r"\bsilencio\b|\b(?:me|nos)\s+enter(?:é|amos|aron)\b|\b(?:la\s+noche|el\s+día|una\s+hora)\s+antes\b"
        r"|\ba\s+última\s+hora\b|\bsin\s+(?:ninguna\s+)?antelación\b",
        (_C, 2.5),
    ),
    _cue(
        r"\b(?:no|ni|nadie)\s+(?:me|nos)\s+(?:dice|dicen|decía|decían|da|dan|daba|daban)\s+(?:nada|en\s+qué|qué|cuándo|cómo"
        r"|si|razón|señales|fecha|solución|una\s+respuesta)\b",
        (_C, 3),
    ),
    _cue(
        r"\bcada\s+(?:operador\w*|agente|teleoperador\w*|persona|empleado\w*|uno|una|llamada)\s+(?:me|nos|te)?\s*"
        r"(?:dice|cuenta|da|contaba|decía)\b|\b(?:versión|versiones|respuesta|historia|explicación)\s+(?:distint|diferent)\w+",
        (_C, 3),
    ),
    _cue(
        r"\b(?:llamado|llamé|llamamos|escrito|escribí|escribimos|mandado|enviado|mandé|envié|reclamado|reclamé)\s+(?:\w+\s+){0,3}?"
        r"(?:\d+|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|mil|varias|muchas|mil)\s+(?:veces|correos|emails|mails"
        r"|mensajes|whatsapps)\b|\b(?:"
        + _NUMBER
        + r"|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)\s+(?:correos|emails|mails|mensajes"
        r"|llamadas|whatsapps)\b",
        (_C, 3),
    ),
    _cue(
        r"\b(?:no\s+hay|ni|sin)\s+(?:forma|manera|modo)\s+(?:humana\s+)?de\s+(?:contactar|hablar|comunicar\w*|localizar"
        r"|contactaros|contactarles)\b|\bmusiquita\b",
        (_C, 3),
    ),
    _cue(
        r"\b(?:gastos|tasas?|cargos?|comisi[oó]n|comisiones)\s+de\s+(?:gestión|tramitación|cancelación|mantenimiento"
        r"|administración|apertura|servicio|reserva|emisión|limpieza)\b",
        (_B, 3),
    ),
    _cue(r"\bllev\w+\s+por\s+delante\b", (_D, 3)),
    _cue(
        r"\btodo\s+el\s+(?:rato|tiempo|día)\s+(?:hablando|charlando|con\s+el\s+móvil|mirando\s+el\s+móvil|de\s+cháchara"
        r"|riéndose|fumando|comiendo)\b",
        (_S, 3),
    ),
    _cue(
        r"\b(?:que|si)\s+alguien\s+(?:me|nos)\s+(?:diga|dijera|explique|explicara|conteste|contestara|llame|llamara"
        r"|responda|respondiera|informe|informara|confirme|confirmara)\b",
        (_C, 3),
    ),
    _cue(r"\bperd(?:ió|ieron|isteis)\s+(?:\w+\s+)?(?:cajas?|bultos?|muebles|cosas|pertenencias|enseres)\b", (_V, 3.5)),
    # A website or an app that hangs, throws one out or will not let one pay is none of the categories
    _cue(
        r"\bse\s+(?:cuelga|colgó|colgaba|bloquea|bloqueó|queda\s+pillad\w+|cierra\s+sola)\b|\b(?:me|nos)\s+echa\b"
        r"|\bda\s+error\b",
        (_C, -2),
        (_B, -2),
    ),
)

_FOCUS_RE = _re(
    r"\b(?:lo\s+peor(?:\s+de\s+todo)?|lo\s+que\s+(?:más|de\s+verdad|realmente|sí)\s+(?:me|nos)\s+(?:ha\s+)?\w+"
    r"|sobre\s+todo"
    r"|pero\s+lo\s+que)\b"
)


@dataclass(frozen=True, slots=True)
class _SpanishCues(CueScanner):
    """Spanish cues, with one habit of Spanish answers: "…, pero lo peor fue que nadie me avisó" puts what
    bothered them most after "lo peor" (or "lo que más me molestó", "sobre todo"); that part counts twice more.

    The cues are compiled on first use, not on import (about 80 ms of CPU for some 900 alternatives): the customer
    page imports the conversation for every language, and only Spanish answers need them."""

    def __post_init__(self) -> None:
        """Nothing yet: ``scores`` compiles the cues the first time it runs."""

    def scores(self, text: str) -> dict[Category, float]:
        totals = CueScanner.scores(self, text)
        for category, points in lexicon_scores(text, self.is_negated).items():
            totals[category] = totals.get(category, 0.0) + points
        return totals

    def totals(self, story: str, bothered_most: str = "") -> dict[Category, float]:
        focus = _FOCUS_RE.search(bothered_most or "")
        if focus is None or focus.start() == 0:
            return CueScanner.totals(self, story, bothered_most)
        emphasised = f"{bothered_most} {bothered_most[focus.end() :]} {bothered_most[focus.end() :]}"
        return CueScanner.totals(self, story, emphasised)


_NEGATION_RE = re.compile(accents_optional(r"\b(?:no|nunca|jamás|ni|sin)\s+(?:\w+\s+)?$"))
_NEGATION_WORDS = ("no", "nunca", "jam", "ni", "sin")
"""One of these is in every match of ``_NEGATION_RE`` (``CueScanner.negation_words``)."""

_INSULT_WORDS = (
    r"idiotas?|imbécil(?:es)?|estúpid[oa]s?|inútil(?:es)?|incompetentes?|payas[oa]s?|ladr[oó]n(?:es)?"
    r"|ladronas?|sinvergüenzas?|cabr[oó]n(?:es)?|pendej[oa]s?|gilipollas|tont[oa]s?|chapucer[oa]s?"
    r"|estafador(?:es)?|mentiros[oa]s?|maleducad[oa]s?|impresentables?|subnormal(?:es)?|capull[oa]s?"
    r"|patétic[oa]s?|mierda|joder|coño|carajo|put[oa]s?|hostias?|panda\s+de|cutres?|ineptos?"
)
_INSULT_WORDS += (
    "|"
    + "|".join(THIEVES_AND_FOOLS)
    + (  # and what is an insult only said of people
        r"|(?:sois|son|sos|eres|es|panda\s+de|manga\s+de|banda\s+de|hatajo\s+de|unos|menudos?|vaya)\s+(?:un|una|unos|unas)?\s*"
        r"(?:chorizos?|cerdos?|ratas?|buitres?|chorros?|animal(?:es)?|bestias?|vag[oa]s?|burr[oa]s?|in[uú]tiles|ineptos?)"
        r"|(?:manga|banda|hatajo|pandilla)\s+de\s+(?:in[uú]tiles|vag[oa]s|chant\w+|ladr\w+|incompetentes|irresponsables)"
        r"|(?:el|la|los|las)\s+(?:muy\s+)?(?:bestias?|animal(?:es)?|vag[oa]s?|burr[oa]s?)\s+del?"
        r"|irresponsables?|qué\s+clase\s+de\s+animal"
        r"|hij[oa]s?\s+de\s+puta|hdp|mam[oó]n(?:es)?"
        r"|huev[oó]n(?:es)?|pinches?|cojones|verga|jodid[oa]s?|ching\w+"
        # regional profanity and name-calling (Río de la Plata, Chile): "ni en pedo", "la concha de su madre"
        r"|atorrantes?|ni\s+en\s+pedo|(?:la\s+)?concha\s+de\s+(?:su|tu|la)\s+madre|(?:no\s+)?(?:me|nos)\s+jod(?:an|a|as|és|en)\b"
        r"|weones?|guevones?|conchetumare|ctm"
    )
)
_INDIGNATION = (
    # threats: to complain, to sue, to leave, to tell everyone
    r"(?:pido|pediré|exijo|solicito|quiero|pienso\s+pedir|voy\s+a\s+pedir)\s+(?:\w+\s+)?hojas?"
    r"\s+de\s+reclamaci\w+|juzgado\w*|juicio|tribunales|demand(?:ar|aré|aremos|arlos|aros|arles)\w*|una\s+demanda"
    r"|reclamación\s+formal|no\s+(?:volvemos|volveremos|repetiremos|repetiré|compraré|compraremos|pisaré|piso\s+más)"
    r"|nunca\s+(?:volveré|volveremos|más)|me\s+(?:voy\s+a\s+dar|doy)\s+de\s+baja|me\s+(?:cambio|voy)\s+(?:a|de|con)\s+"
    r"(?:la\s+competencia|compañía|otr[oa])|(?:pondré|voy\s+a\s+poner|dejaré|voy\s+a\s+dejar|escribiré|voy\s+a\s+escribir"
    r"|pienso\s+poner)\s+(?:una\s+)?(?:reseña|opinión|valoración|queja|reclamación)|tripadvisor|trustpilot"
    r"|reseñas?|poner(?:os|les|los|te)?\s+a\s+parir|a\s+parir\s+en|escrach\w+|contracargo"
    r"|(?:en|por)\s+(?:todas\s+)?las\s+redes"
    # biting sarcasm about the firm: praise in a complaint
    r"|gran\s+trabajo|buen\s+trabajo|felicitaciones|felicidades|bravo|chapó|sigan\s+así|seguid\s+así"
    r"|(?:excelente|magnífico|estupendo|maravilloso)\s+servicio|qué\s+(?:eficiencia|profesionalidad|profesionales)"
    # being treated like criminals, dismissed, mocked, left as if nothing happened
    r"|como\s+(?:a\s+)?(?:un|unos|una|unas)?\s*(?:delincuentes?|criminal\w*|perros?|animales|basura|ganado|mierda|apestad\w+)"
    r"|como\s+si\s+nada|tan\s+(?:tranquil[oa]s?|campantes?|panchos?|anchos?)|delante\s+de\s+(?:todo|toda|todos|todas)\b"
    r"|chuler\w+|prepoten\w+|despectiv\w+|inhuman\w+|vacil(?:ando|ar|aron|ó)|tore(?:ando|ar|aron|ó)"
    r"|(?:qué|vaya|menudo|menuda|tienen\s+un|con\s+un)\s+(?:morro|jeta|cara)|manda\s+huevos|hay\s+que\s+joderse"
    r"|la\s+madre\s+que\s+(?:os|les|los|lo|la)\s+pari\w+|me\s+(?:estáis|están)\s+(?:sangrando|timando|estafando|robando)"
    r"|atraco|a\s+mano\s+armada|se\s+hac(?:e|en|ía|ían)\s+(?:el|la|los|las)\s+(?:loc|tont|suec|longui|despistad)\w*"
    r"|busc(?:ara|ase|ar|arme|arnos)\s+la\s+vida|(?:me|nos)\s+mand(?:ó|aron|aba|an)\s+a\s+(?:paseo|la\s+mierda|freír)"
    r"|que\s+(?:me|nos)\s+(?:aguant|fastidi|jod|conform)(?:ara|ase|e|ase|aramos|emos)\b"
    r"|(?:me|nos)\s+(?:tienen|tenéis|traen|traéis)\s+(?:marea\w+|loc[oa]s?|frit[oa]s?|negr[oa]s?|quemad[oa]s?|hasta)"
    r"|si\s+no\s+(?:me|nos|le|les)\s+gust\w+\s+(?:que\s+)?(?:me|nos|se|le|les)?\s*(?:fuera|fuese|bajara|bajase"
    r"|marchara|vaya|baje|marche|fuéramos|bajáramos|largara|largue)\b"
    # harm to a person: pushed, fallen, made ill, burnt, flooded
    r"|empuj\w+|(?:me|nos|le|la|lo|les)\s+(?:peg(?:ó|aron)|agarr(?:ó|aron)|zarande\w+)|se\s+cay(?:ó|eron)\s+al\s+suelo"
    r"|(?:me|nos)\s+ca(?:í|ímos)\b|se\s+(?:mareó|desmayó|puso\s+mal\w*|intoxic\w+)|intoxicaci\w+|ampollas?"
    r"|llen\w+\s+(?:\w+\s+){0,3}de\s+agua|de\s+noche\s+con\s+(?:mi|mis|un|una|dos)"
)
_STRONG_WORDS_RE = re.compile(
    accents_optional(
        r"\b(?:furios\w*|indignad\w*|indignant\w*|indignación|cabread\w*|cabreo|rabia|vergüenza|vergonzos\w*"
        r"|inaceptable|intolerable|inadmisible|nunca\s+más|jamás\s+volver\w*|no\s+vuelvo|denunci\w*|abogad\w*"
        r"|consumo|estaf\w*|tim(?:o|aron|ado)|robo|asco|asquers\w*|asqueros\w*|pésim\w*|tomadura\s+de\s+pelo"
        r"|cachondeo|escándalo|insultante|hasta\s+las\s+narices|hart[oa]s?|de\s+risa|cara\s+más\s+dura|qué\s+cara"
        r"|desastre|basura|porquería|atropello|abuso|indecente|lamentable|increíble|tirada\s+en|tirado\s+en"
        # serious harm, public humiliation, mockery, being accused, being ignored by everyone: anger, not annoyance
        r"|(?:me|nos|le|les)\s+quem(?:ó|aron)|herid[oa]s?|sangr\w+|hospital|urgencias|revent\w+|inund\w+"
        r"|corte\s+en\s+(?:la|el)\s+(?:oreja|mano|pata|cabeza|brazo|pierna|dedo|cara)"
        r"|delante\s+de\s+(?:todos|todo\s+el\s+mundo|los\s+clientes|otros\s+clientes|mis\s+hijos|la\s+gente)|se\s+rió"
        r"|se\s+rieron|en\s+peligro|(?:pudo|podía|podría)\s+haber\s+(?:pasado|muerto|tenido\s+un\s+accidente)|semáforo"
        r"|sol[oa]\s+en\s+la\s+piscina"
        r"|se\s+burl\w+|(?:me|nos)\s+grit\w+|rob\w+|nadie\s+se\s+hace\s+responsable|nadie\s+da\s+la\s+cara"
        r"|nadie\s+hizo\s+nada|hablar\s+con\s+una\s+pared|tomando\s+el\s+pelo|me\s+toman\s+el\s+pelo"
        r"|enojad\w*|enojo|encabronad\w*|emputad\w*|hasta\s+el\s+(?:gorro|moño|coño|culo)|exij\w+|exigimos"
        r"|no\s+se\s+va\s+a\s+quedar\s+así|no\s+se\s+queda\s+así|profeco|facua|ocu|redes\s+sociales|última\s+vez"
        # a complaint to a regulator or consumer authority is a threat (LABELS.md): angry
        r"|sernac|indecopi|banco\s+de\s+españa|defensa\s+del\s+consumidor|defensor\s+del\s+(?:pueblo|cliente|usuario)"
        r"|superintendencia|protección\s+de\s+datos|aepd|omic|oficina\s+(?:municipal\s+)?del?\s+consum\w+"
        # praise of the firm in a complaint is biting sarcasm
        r"|enhorabuena\s+por|muy\s+profesionales|genial\s+lo\s+de|gracias\s+por\s+la\s+sorpresa"
        r"|no\s+pienso\s+volver|caradura\w*|cara\s+dura|burla|inaudito|humill\w+|poca\s+madre|chingad\w*|cagad\w*"
        r"|me\s+cago|pelotud\w*|boludo\w*|culer\w*|acus\w+|peligr\w+|casi\s+(?:chocamos|nos\s+mata\w*|me\s+mata\w*"
        r"|atropell\w+|nos\s+caemos|me\s+caigo)|como\s+(?:un\s+)?loc[oa]|(?:me|nos)\s+(?:hizo|hicieron)\s+daño|lesi\w+"
        r"|no\s+(?:me|nos)\s+(?:quis\w+|quieren|querían)\s+(?:devolver|regresar|reembolsar|atender|ayudar|dar|cambiar"
        r"|hacer\s+caso)|(?:lo|la|los|las)\s+escondi\w+|ocultar\w*|ocult(?:ó|aron)|engañ\w+|mintieron|mintió"
        r"|(?:sigue|siguen|seguían|siguieron|siguen)\s+cobr\w+|no\s+pienso\s+\w+|de\s+una\s+(?:puta\s+)?vez"
        r"|siendo\s+alérgic\w+|no\s+quis(?:o|ieron)\s+(?:ayudar|subir|atender|devolver|cambiar|dar|hacer|escuchar|venir"
        r"|arreglar|aceptar|bajar|entrar|esperar)\w*|para\s+cobrar\w*\s+más|y\s+encima\s+(?:me|nos|le|les)\s+(?:la\s+|lo\s+)?cobr\w+"
        r"|se\s+ahog\w+|perdí\s+todas?|que\s+no\s+tocara|expresamente|abierta\s+cuando\s+se\s+fue|la\s+misma\s+ropa"
        r"|ni\s+loc[oa]|echo\s+humo|echando\s+humo|por\s+las\s+paredes|alucino|flipo|flipando|de\s+traca|clama\s+al\s+cielo"
        r"|(\w{3,})\s+veces\W+\1"  # "tres veces, TRES": a count said again
        r"|qué\s+se\s+(?:creen|cree|creéis|piensan|piensa|pensáis)|(?:os|les|te)\s+parece\s+normal|en\s+serio(?=\s*\?)|de\s+verdad(?=\s*\?)|tan\s+difícil\s+es|qué\s+clase\s+de"
        r"|es\s+que\s+nadie|menud[oa]s?\s+(?:servicio|atención|empresa|profesionales|tela|panda|negocio)"
        r"|vaya\s+(?:servicio|atención|empresa|tela|negocio)"
        r"|arruin\w+|jamás|basta\s+ya|ya\s+basta|el\s+colmo|de\s+chiste|mosquead\w*|mosqueo|no\s+hay\s+derecho|falta\s+de\s+respeto"
        r"|devu[eé]lvanme|quiero\s+mi\s+dinero|alucinante|surrealista|kafkiano|escandalos\w*|bochornos\w*|deplorable"
        r"|nefast\w*|penos[oa]|horroros\w*|(?:el|la|los|las)\s+peor(?:es)?"
        r"|cómo\s+(?:puede\s+ser|es\s+posible)|gracias\s+por\s+nada|una\s+estrella|reseña\s+negativa|no\s+volveré"
        r"|voy\s+a\s+(?:poner|hacer|presentar)\s+una\s+(?:reclamación|queja|denuncia|reseña)|cambiarme\s+de\s+compañía"
        r"|dicen?\s+que\s+[^.]{0,60}\bpero\s+yo\b|\w+\s+veces\s+al\s+día|que\s+no\s+hac[ií]a\s+falta"
        r"|sin\s+ninguna\s+explicación|ninguna\s+explicación|ni\s+una\s+(?:sola\s+)?explicación"
        r"|nadie\s+(?:\w+\s+){0,4}dio\s+(?:una\s+)?explicación|con\s+un\s+bebé|andador|silla\s+de\s+ruedas|embarazada"
        r"|se\s+comió|que\s+ya\s+estaba\w*|no\s+(?:pueden|podían|puede|podía)\s+hacer\s+nada"
        r"|encima\s+(?:me|nos|le|les)\s+(?:la\s+|lo\s+)?cobr\w+|quiero\s+hablar\s+con\s+(?:el|un|la|una)\s+(?:responsable|encargad[oa]|gerente|jef[ea]|superior)|"
        + _INDIGNATION
        + "|"
        + _INSULT_WORDS
        + r")\b"
    )
)
_SHOUTING_RE = re.compile(r"\b[A-ZÁÉÍÓÚÑÜ]{3,}\b|\b(?:NO|YA|NI|ME|MI|YO)\b")
_FRUSTRATED_WORDS_RE = re.compile(
    accents_optional(
        r"\b(?:molest\w*|decepci\w*|frustra\w*|cansad\w*|fatal|horrible|terrible|penos\w*|malísim\w*|otra\s+vez"
        r"|(?:me|nos)\s+tienen\s+(?:podrid|hart|cansad|repodrid)\w*|no\s+manches|(?:la\s+)?(?:segunda|tercera|cuarta|quinta"
        r"|enésima)\s+vez\s+que"
        r"|de\s+nuevo|por\s+(?:segunda|tercera|cuarta|enésima)\s+vez|ya\s+van|ni\s+siquiera|encima|para\s+nada"
        r"|no\s+es\s+normal|no\s+es\s+serio|poco\s+profesional|perder\s+el\s+tiempo|pérdida\s+de\s+tiempo|ridícul\w*"
        r"|qué\s+pena|una\s+pena|disgust\w*|no\s+puede\s+ser|preocupad\w*|nervios\w*|agobi\w*|sigo\s+sin|seguimos\s+sin"
        r"|todavía\s+no|aún\s+no|nadie|sin\s+avisar|para\s+nada|ni\s+caso|desprecio|borde|falta\s+de\s+respeto"
        r"|tres\s+veces|cinco\s+veces|menos\s+mal|imposible|desesperad\w*|ni\s+una\s+disculpa|ni\s+perdón"
        r"|una\s+y\s+otra\s+vez|no\s+hay\s+derecho|de\s+pena|genial|enhorabuena|muchísim\w+|nunca|todavía|tampoco"
        r"|ningun[oa]?|peor|mal|encima|ni\s+(?:un|una|me|nos|siquiera)|sin\s+(?:ninguna|ningún|respuesta|solución)"
        r"|tirad[oa]s?|para\s+nada|en\s+balde|por\s+nada)\b"
    )
)

LANGUAGE = Language(
    code="es",
    restate=statement,
    confirm_question="¿Es correcto?",
    apology=apology,
    apology_more=apology_more,
    anything_else_question="¿Hay algo más que no haya salido bien?",
    cues=_SpanishCues(_CUES, _NEGATION_RE, negation_words=_NEGATION_WORDS),
    tone_words=ToneWords(
        _STRONG_WORDS_RE,
        _FRUSTRATED_WORDS_RE,
        shouting=_SHOUTING_RE,
        repetition=True,
        acronyms=frozenset(
            {
                "IVA",
                "DNI",
                "NIF",
                "NIE",
                "CIF",
                "SEUR",
                "MRW",
                "GLS",
                "DHL",
                "UPS",
                "TNT",
                "OCU",
                "AVE",
                "RENFE",
                "SMS",
                "PDF",
                "WIFI",
                "GPS",
                "ITV",
                "IBAN",
                "ADSL",
                "SAT",
                "USD",
                "EUR",
                "MXN",
                "CDMX",
                "OXXO",
                "DGT",
                "PVP",
                "TPV",
            }
        ),
    ),
    justification_words=JUSTIFICATION_WORDS,
    model_weight=6.0,
    model_margin=BOTHERED_MOST_WEIGHT,
)
