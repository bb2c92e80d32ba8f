"""Spanish: the customer's words from their point of view to ours, sentence by sentence.

What changes, and nothing else (numbers, amounts, times, dates, references, e-mail addresses, names and the
customer's own quotes pass through as typed):

- The customer's first person becomes usted: yo -> usted, me -> le (or se when it is reflexive: "me quedé" ->
  "se quedó"; and "me lo" -> "se lo"), mi/mis -> su/sus, mí -> usted, conmigo -> con usted, mío -> suyo; their
  "we" becomes ustedes: nos -> les (se when reflexive), nuestro -> su. First-person verbs take the third person
  from the conjugation table (pagué -> pagó, tuve -> tuvo, estoy -> está, esperamos -> esperaron), clitics
  attached to an infinitive or gerund too ("llamarme" -> "llamarle", "quedarme" -> "quedarse").
- The business, addressed as ustedes, vosotros or "su técnico", becomes nosotros: ustedes -> nosotros with the
  verb that follows it (ustedes me cobraron -> nosotros le cobramos), every vosotros verb (habéis -> hemos),
  os -> nos, vuestro -> nuestro, and su/sus before what is clearly the business's (su técnico, su web) or when
  no one else is in the sentence -> nuestro/nuestra/nuestros/nuestras, agreeing with the noun.
- Where a converted verb could be read as someone else's ("el tren salió tarde y perdí la conexión"), "usted"
  is said: "y usted perdió la conexión".
- Shouting is brought to lower case (acronyms kept); insults, profanity and exclamations of judgement are not
  repeated in our voice ("el imbécil del mensajero" -> "el mensajero", "sois unos ladrones" goes), but the fact
  stays ("me trató como a un perro" -> "le trató con desprecio", "era una chapuza" -> "dejaba mucho que desear");
  self-insults go ("como un idiota").
- Missing accents: "pague" after nothing that calls for the subjunctive is "pagué"; "recibi" is "recibí";
  "me cobro" is "me cobró" unless the verb is one people use of themselves ("me quedo").
- The customer's generic tú ("luego te cancelan el pedido") is their own experience: usted. A request to the
  business ("devuélvanme mi dinero") becomes what they want us to do ("le devolvamos su dinero", ``as_request``).
  Vulgar idioms are said back in words we can use ("hasta los cojones" -> "hasta la coronilla").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from portal.conversation import spanish_verbs as verbs
from portal.conversation.spanish_verbs import Form, Person, Tense

# ---------------------------------------------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------------------------------------------

_FOLD = str.maketrans("áéíóúüÁÉÍÓÚÜ", "aeiouuAEIOUU")


@lru_cache(maxsize=16384)
def fold(word: str) -> str:
    """Lower case without accents (ñ kept): how a customer may type it."""
    return word.lower().translate(_FOLD)


def _words(text: str) -> frozenset[str]:
    return frozenset(fold(word) for word in text.split())


_DETERMINERS = _words("""
    el la los las lo un una unos unas este esta estos estas ese esa esos esas aquel aquella aquellos aquellas
    mi mis tu tus su sus nuestro nuestra nuestros nuestras vuestro vuestra vuestros vuestras al del otro otra
    otros otras cada ningún ninguna algún alguna algunos algunas tanto tanta tantos tantas mucho mucha muchos
    muchas poco poca pocos pocas todo toda todos todas varios varias dicho dicha cualquier menudo menuda
    mismo misma mismos mismas primer primera segundo segunda tercer tercera último última
""")
_PLURAL_OPENERS = _words("""
    los las unos unas estos estas esos esas aquellos aquellas mis tus sus nuestros nuestras vuestros vuestras
    otros otras algunos algunas tantos tantas muchos muchas pocos pocas todos todas varios varias
""")
_PREPOSITIONS = _words("""
    a ante bajo con contra de desde durante en entre hacia hasta mediante para por según sin sobre tras al del
""")
_CLITICS = _words("me te se le les lo la los las nos os")
_STRONG_VERB_CONTEXT = _words("""
    yo no me te le les lo la los las nos os se ya nunca jamás también tampoco siempre todavía aún solo sólo casi
    apenas luego encima además incluso
""")
_CONJUNCTIONS = _words("y e pero ni o u cuando porque aunque mientras pues que si como")
_COORDINATORS = _words("y e pero ni cuando aunque mientras porque")
_PRETERITE_CONTEXT = _words("^ yo y e pero ya también luego después entonces no nunca porque , ;")
"""What may come before "pague" typed for "pagué" (after "que", "ojalá", "para" it is the subjunctive)."""
_NOT_VERBS = frozenset(
    """
    como para sobre entre bajo medio solo sólo junto cerca nada todo claro mismo cuanto hasta vale tal menos paso
    pesar caso casa cara cuenta vez media seguro fuera cuando donde gracias bien mal sea así asi aquí aqui
    allí alli ahí ahi sí mí ti tarde libre mano
""".split()
)
"""Words that a verb form spells but that are almost always something else; accented and unaccented forms are
listed apart ("entre" is between, "entré" I entered)."""
_THIRD_PERSON_HUMANS = _words("""
    él ella técnico técnica repartidor repartidora camarero camarera dependiente dependienta conductor
    conductora mensajero mensajera encargado encargada recepcionista médico médica mecánico fontanero
    electricista guía vigilante guardia chico chica señor señora hombre mujer empleado empleada chófer operario
    comercial jefe jefa gerente peluquero peluquera pintor pintora transportista cajero cajera tío tía
    madre padre hijo hija marido esposa esposo abuelo abuela hermano hermana vecino vecina amigo amiga persona
    personas cliente clienta gente otro otra
""")
_BUSINESS_NOUNS = _words("""
    empresa tienda web página app aplicación servicio atención personal técnico técnicos técnica técnicas
    repartidor repartidores empleado empleados empleada empleadas compañía local restaurante establecimiento
    hotel equipo oficina centro sucursal departamento encargado encargada gerente jefe comercial comerciales
    mensajero mensajeros transportista plataforma sistema política factura facturas tarifa tarifas taller
    clínica gimnasio agencia recepción recepcionista camarero camareros camarera camareras operarios operario
    fontanero electricista mecánico mecánicos conductor conductores chat teléfono línea cocina cocinero
    cocineros cliente clientes almacén trabajadores trabajador trabajadora trabajadoras productos producto
    instalador instaladores instalación
""")
_MASCULINE_IN_A = _words("""
    día días problema problemas sistema sistemas programa programas mapa mapas clima tema temas idioma
    planeta pijama dilema drama esquema síntoma sofá sofás
""")
_FEMININE_OTHER = _words("""
    web app clase llave calle gente parte tarde noche leche fe red sede mano moto foto piel sal miel luz vez voz
    cruz nariz paz flor imagen sartén cárcel señal sucursal central tos fuente suerte muerte nieve nube carne
    torre
""")
_DAYS = _words("lunes martes miércoles jueves viernes sábado domingo día")
_TIME_NOUNS = _words("semana mes año rato momento verano invierno otoño primavera fin final mañana tarde noche vez")
"""'el lunes llego a casa', 'esta semana pago': a time, not a subject, before the customer's own verb."""
_STRESSED_ADVERBS = _words("hoy ayer manana ahora aqui alli ahi ya anoche")
"""Adverbs "mismo" stresses ("mañana mismo", "aquí mismo"), folded."""
_EVENT_FOLLOWERS = (
    (_PREPOSITIONS | _DETERMINERS | _words("tarde temprano ayer hoy anoche ya")) - _CLITICS - _words("como")
)
"""What follows a noun's verb ("el camion llego a las 13", "la lámpara llego toda rota") but not an adjective after
a noun ("el plato entero,", "el croissant duro como una piedra", "el centro medico le habló")."""
_PARTICIPLE = re.compile(r"^(?:\w{2,}(?:ad|id)[oa]s?|hech[oa]s?|rot[oa]s?)$")
"""A participle after the verb ("la lámpara llego hecha pedazos", "el arreglo quedo torcido")."""
_DEGREE = _words("tan muy más menos bien mal poco algo nada bastante demasiado super")
_PRONOMINAL = _words("""
    callar quedar quejar preocupar enterar equivocar sentar ir marchar calmar tranquilizar acordar olvidar
    sentir poner morir levantar acostar duchar despertar asustar enfadar cabrear molestar agobiar cansar
    arrepentir dar
""")
"""Verbs customers use of themselves with "me" ("me quedo", "me callara"): with "me" and a form that is first
or third person alike, the verb is theirs and the clitic is reflexive (se)."""

_ACRONYMS = frozenset(
    """
    UPS DHL DPD TNT USPS GPS SMS PDF FAQ IVA DNI NIF NIE CIF OK TV WIFI IKEA BMW FEDEX ETA USD EUR MXN ARS COP CLP
    PIN SIM LED CCTV HTML URL API SL SA CDMX ABS AVE RENFE SEUR MRW GLS CTT OTP XL XXL KG ITV OCU ADSL IBAN SAT
    UE EEUU CFE IMSS OXXO DGT PVP ATM TPV NHS AC AM PM
""".split()
)

_INSULTS = _words("""
    idiota idiotas imbécil imbéciles estúpido estúpida estúpidos estúpidas inútil inútiles incompetente
    incompetentes payaso payasa payasos payasas ladrón ladrona ladrones ladronas sinvergüenza sinvergüenzas
    cabrón cabrona cabrones cabronas pendejo pendeja pendejos pendejas gilipollas tonto tonta tontos tontas
    burro burra burros burras vago vaga vagos vagas chapucero chapucera chapuceros chapuceras estafador
    estafadora estafadores estafadoras mentiroso mentirosa mentirosos mentirosas maleducado maleducada
    maleducados maleducadas impresentable impresentables subnormal subnormales capullo capulla capullos
    mamón mamones patético patética patéticos patéticas irresponsable irresponsables desgraciado desgraciada
    desgraciados desgraciadas cretino cretina cretinos cretinas memo memos zoquete pringado pringada
    pringados cutre cutres sinvergonzón ineptos inepto inepta ineptas animal animales bestia bestias culero culeros
    pelotudo pelotudos pelotuda boludo boludos boluda huevón huevones naco nacos
""")
THIEVES_AND_FOOLS = tuple(
    """
    mangante mangantes timador timadora timadores timadoras tramposo tramposa tramposos tramposas malnacido
    malnacida malnacidos malnacidas sanguijuela sanguijuelas weón weones malparido malparida malparidos malparidas
    hijueputa hijueputas conchudo conchuda conchudos conchudas mamarracho mamarracha mamarrachos mamarrachas
    cantamañanas piltrafa piltrafas tarado tarada tarados taradas cenutrio cenutria cenutrios cenutrias zoquetes
    cabronazo cabronazos chanta chantas garca garcas ratero ratera rateros rateras
""".split()
)
"""Insults of Spain and Latin America that name nothing else (not "chorizo" or "rata", which are also food and
animals): ``spanish`` reads them as anger, and the restatement drops them."""
_INSULTS |= _words(" ".join(THIEVES_AND_FOOLS))
_PREDICATE_INSULTS = _words("chorizo chorizos rata ratas buitre buitres cerdo cerdos chorro chorros")
"""Insults only when said of people ("sois unos chorizos"); otherwise food and animals ("los chorizos estaban
crudos"), kept."""
_CURSES = _words("""
    joder jodido jodida coño hostia hostias carajo ostras leches puñetas pinche pinches mierda chingada chingado
    güey wey cojones verga
""")
_CURSING_ADJECTIVES = _words("puto puta putos putas maldito maldita malditos malditas jodido jodida dichoso dichosa")
_VERDICT_NOUNS = _words("desastre basura porquería mierda asco chapuza ruina birria")
"""Said of a thing ("la mudanza fue un desastre"): the fact is that it was bad; we say it "dejó mucho que desear"."""
_JUDGEMENTS = _words("""
    vergüenza robo estafa timo abuso escándalo indignante intolerable inaceptable inadmisible lamentable
    vergonzoso vergonzosa increíble penoso penosa broma cachondeo asqueroso asquerosa
    impresentable patético patética surrealista kafkiano alucinante flipante
""") | {"de risa", "tomadura de pelo"}
_JUDGEMENT_PHRASES = re.compile(r"\b(?:de\s+risa|tomadura\s+de\s+pelo|de\s+mal\s+gusto)\b")
_INSULT_FILLER = _words("""
    un una unos unas auténtico auténtica auténticos auténticas verdadero verdadera verdaderos verdaderas completo
    completa completos completas menudo menuda menudos menudas pedazo de panda banda hatajo atajo cuadrilla sois
    son eres es ustedes vosotros que qué más muy y todos todo total absoluto absoluta sinceramente cuidado unos
    tremendo tremenda no nada o soy somos estáis sois estas estás sos manga
""")
_COPULAS: dict[str, str] = {
    "es": "deja",
    "era": "dejaba",
    "fue": "dejó",
    "son": "dejan",
    "eran": "dejaban",
    "fueron": "dejaron",
    "sido": "dejado",
    "sera": "dejará",
    "seria": "dejaría",
    "parece": "deja",
    "parecia": "dejaba",
}
_WH_OPENERS = frozenset("cómo cuánto cuánta cuántos cuántas dónde cuándo quién quiénes cuál cuáles".split())
"""Accented: "cómo nos habló" is a wh-phrase, "como no venían" a clause."""
_QUESTION_WORDS = _words("qué cómo cuánto cuánta cuántos cuántas dónde cuándo quién quiénes cuál cuáles por")
_RELATIVES = _words("que quien quienes donde cual cuales cuyo cuya")


# ---------------------------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------------------------


class Kind(StrEnum):
    WORD = "word"
    FACT = "fact"  # numbers, amounts, times, dates, references, e-mail and web addresses: never touched
    QUOTE = "quote"  # what the customer quotes someone as saying: never touched
    PUNCT = "punct"


@dataclass(slots=True)
class Token:
    kind: Kind
    text: str
    space: str = ""
    customer: bool = False
    """A verb now in the third person that was the customer's own (pagué -> pagó)."""
    person: Person | None = None
    """For a finite verb: its person once rewritten."""
    _low: str = field(default="", init=False, repr=False, compare=False)
    _low_of: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def low(self) -> str:
        """The text folded (``fold``), folded again only when the text was replaced: a long story's restatement
        asks for some 1,500 tokens' folded text several times each."""
        if self._low_of is not self.text:
            self._low_of = self.text
            self._low = fold(self.text)
        return self._low


_TOKEN_RE = re.compile(
    r"(?P<space>\s*)(?:"
    r"(?P<quote>\"[^\"\n]{1,400}\"|“[^”\n]{1,400}”|«[^»\n]{1,400}»)"
    r"|(?P<fact>[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)]"
    r"|[$€£#]?\d(?:[\d.,:/]*\d)?(?:h\b|hs\b)?|[A-Za-z]{1,6}-?\d[\w/-]*)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<punct>\S))"
)


_KIND_OF_GROUP = {kind.value: kind for kind in Kind}
"""A token's kind by its group's name: a dictionary, as calling ``Kind`` for each of a long answer's tokens cost
some 90 µs."""


def tokenize(text: str) -> list[Token]:
    return [
        Token(_KIND_OF_GROUP[match.lastgroup or "punct"], match.group(match.lastgroup or "punct"), match.group("space"))
        for match in _TOKEN_RE.finditer(text)
        if match.lastgroup
    ]


def render(tokens: list[Token]) -> str:
    """The tokens as text: a blank wherever the customer had whitespace, none at the start."""
    out = "".join((" " if token.space else "") + token.text for token in tokens).strip()
    out = re.sub(r"\s+([,;:.!?)»])", r"\1", out)
    return re.sub(r"([(«¿¡])\s+", r"\1", out)


_SENTENCE_END = frozenset(".!?…")
_ABBREVIATIONS = _words("ref núm num nº no n sr sra srta dr dra d dña etc pág tel aprox avda av c p ej uds ud vd vds")


def split_sentences(tokens: list[Token]) -> list[tuple[list[Token], bool]]:
    """Sentences without their final punctuation, and whether each was a question."""
    sentences: list[tuple[list[Token], bool]] = []
    current: list[Token] = []
    question = False
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        newline = following is not None and "\n" in following.space
        if (
            token.kind is Kind.PUNCT
            and token.text == "."
            and current
            and current[-1].kind is Kind.WORD
            and fold(current[-1].text) in _ABBREVIATIONS
        ):
            current.append(token)  # "ref. TX-550", "Sr. Gómez"
            continue
        if token.kind is Kind.PUNCT and token.text in _SENTENCE_END:
            question = question or token.text == "?"
            if following is None or following.space or following.text in "¿¡" or newline:
                if following is None or not (following.kind is Kind.PUNCT and following.text in _SENTENCE_END):
                    sentences.append((current, question))
                    current, question = [], False
            continue
        current.append(token)
        if newline and current:
            sentences.append((current, question))
            current, question = [], False
    if current:
        sentences.append((current, question))
    return [(sentence, question) for sentence, question in sentences if any(t.kind is not Kind.PUNCT for t in sentence)]


# ---------------------------------------------------------------------------------------------------------------
# Shouting, insults and judgements
# ---------------------------------------------------------------------------------------------------------------


_ONSETS = frozenset("bl br cl cr dr fl fr gl gr pl pr tr ch ll rr".split())
_VOWELS = frozenset("aeiouáéíóúü")


def looks_like_acronym(word: str) -> bool:
    """Short capitals that no Spanish word spells: no vowel ("DGT", "PVP") or an opening no Spanish word has
    ("BBVA", "DNI", "RTVE"). "SEPE" or "IKEA" could be words, and are listed in ``_ACRONYMS`` when known."""
    low = word.lower()
    if len(low) > 5 or len(low) < 2:
        return False
    if not _VOWELS.intersection(low):
        return True
    return low[0] not in _VOWELS and low[1] not in _VOWELS and low[:2] not in _ONSETS


def is_shouted(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word not in _ACRONYMS and not looks_like_acronym(word)


def calm_case(tokens: list[Token]) -> None:
    """Words in capitals (not acronyms) in lower case; the frame or the sentence start capitalises again. A
    one-letter word between shouted ones ("EN LA PUERTA Y NADIE") goes down with them."""
    shouting = False
    for token in tokens:
        if token.kind is not Kind.WORD:
            continue
        if is_shouted(token.text):
            token.text = token.text.lower()
            shouting = True
        elif shouting and len(token.text) == 1 and token.text in "YAOEU":
            token.text = token.text.lower()
        elif not (shouting and token.text.isupper() and (token.text in _ACRONYMS or looks_like_acronym(token.text))):
            shouting = False  # an acronym inside shouting ("EL DNI Y EL NIE") keeps its capitals and the shouting


def _segments(tokens: list[Token]) -> list[list[Token]]:
    """The sentence cut at commas, semicolons, colons, brackets and dashes, each cut kept with what follows."""
    segments: list[list[Token]] = [[]]
    for token in tokens:
        if token.kind is Kind.PUNCT and token.text in ",;:()—–-" and segments[-1]:
            segments.append([])
        segments[-1].append(token)
    return segments


def _segment_words(segment: list[Token]) -> list[str]:
    return [token.low for token in segment if token.kind is Kind.WORD]


def _segment_lower(segment: list[Token]) -> list[str]:
    return [token.text.lower() for token in segment if token.kind is Kind.WORD]


def _is_insult_only(words: list[str]) -> bool:
    insults = _INSULTS | _PREDICATE_INSULTS | _CURSES | _VERDICT_NOUNS
    return any(word in insults for word in words) and all(word in insults or word in _INSULT_FILLER for word in words)


def _is_judgement(words: list[str], lower: list[str]) -> bool:
    """ "esto es una vergüenza", "qué falta de respeto", "una tomadura de pelo", "nunca más": nothing to restate."""
    if not words:
        return False
    rest = [
        word
        for word in words
        if word
        not in (
            "y",
            "pero",
            "esto",
            "eso",
            "es",
            "era",
            "fue",
            "me",
            "parece",
            "parecio",
            "ha",
            "sido",
            "un",
            "una",
            "de",
            "muy",
            "todo",
            "simplemente",
            "sencillamente",
            "absolutamente",
            "totalmente",
            "sois",
            "son",
            "eres",
            "sos",
            "no",
            "se",
            "puede",
            "ser",
            "tan",
        )
        and word not in _VERDICT_SUBJECTS
    ]
    if rest and all(word in _JUDGEMENTS or word in _INSULTS or word in _CURSES for word in rest):
        return True
    if (any(word in _JUDGEMENTS for word in words) or _JUDGEMENT_PHRASES.search(" ".join(words))) and not any(
        _is_verb_word(word) for word in lower if fold(word) not in _COPULAS
    ):
        return True  # "un trabajo de risa"
    after_degree = [
        word for index, word in enumerate(lower[1:], 1) if fold(lower[index - 1]) not in ("mas", "tan", "muy")
    ]  # "qué cara más dura": an adjective
    if (
        words[0] in ("que", "vaya", "menuda", "menudo")
        and len(words) <= _EXCLAMATION_WORDS
        and not any(_is_verb_word(word) for word in after_degree)
    ):
        return True
    if words[:3] in (["que", "clase", "de"], ["que", "tipo", "de"]) and any(word in _INSULTS for word in words):
        return True  # "qué clase de animal hace eso"
    if _SARCASM.search(" ".join(words)) or _SHAME.search(" ".join(words)) or _WHAT_YOU_ARE.search(" ".join(words)):
        return True
    if _ABOUT_YOURS.search(" ".join(words)) and not any(_is_verb_word(word) for word in lower):
        return True  # "puntualidad británica la de ustedes": a verdict on ours, sarcastic or not
    return words in (["nunca", "mas"], ["jamas"], ["nunca", "jamas"], ["nunca", "mas", "vuelvo"])


_SARCASM = re.compile(
    r"^(?:y\s+)?(?:(?:gran|buen|excelente|magnifico|estupendo)\s+(?:trabajo|servicio)|(?:muchas\s+)?(?:felicitaciones"
    r"|felicidades|enhorabuena)|bravo|chapo|sigan\s+asi|seguid\s+asi)\b|^(?:de\s+verdad|en\s+serio)$"
    r"|^(?:y\s+)?(?:muchas\s+)?gracias\s+por\s+(?:nada|la\s+sorpresa|el\s+detalle|tanto)$"
    r"|^(?:que\s+|muy\s+|super\s+|tan\s+)?profesionales$"
    r"|^(?:y\s+)?(?:a\s+quien\s+se\s+le\s+ocurre|manda\s+(?:huevos|narices|cojones)|(?:ja)+\s+que\s+risa)$"
)
"""Praise in a complaint is sarcasm ("gran trabajo chicos, de verdad, felicitaciones"): said back in our voice it
would be praise of ourselves."""
_SHAME = re.compile(
    r"^(?:(?:y\s+)?(?:que\s+)?verguenza\s+(?:les\s+|os\s+|te\s+)?deberian?\s+dar(?:les|os|te)?"
    r"|(?:les\s+|os\s+|te\s+)?deberian?\s+dar(?:les|os|te)?\s+verguenza)$"
)
""""Vergüenza debería darles": a verdict on us, said back it would shame ourselves."""
_WHAT_YOU_ARE = re.compile(r"^(?:y\s+|pero\s+)?(?:eso|esto)\s+es\s+lo\s+que\s+(?:sois|son|eres|sos)(?:\s+ustedes)?$")
""""chapuceros, eso es lo que sois": the insult's echo, which said back would call ourselves that."""
_ABOUT_YOURS = re.compile(r"^(?:\w+\s+){1,3}(?:el|la|los|las)\s+(?:de\s+(?:ustedes|vosotros|usted|vos)|vuestr[oa]s?)$")
_EXCLAMATION_WORDS = 6
"""An exclamation of judgement is short ("qué asco de servicio", "menuda chapuza de trabajo"); a longer "que …"
without a finite verb the reader knows ("que el casero se quedo con la fianza …") is a clause, kept."""
_VERDICT_SUBJECTS = _words("empresa compañía servicio atención negocio tienda gente profesionales")
"""What a verdict is said of: "sois una vergüenza de empresa" is a verdict, nothing to restate."""

_THREAT_OPENER = re.compile(
    r"^(?:(?:y|e|pero|asi\s+que|ya|o\s+sea)\s+)?(?:(?:me|nos|os|les|los|las|te|lo|la)\s+)?(?:voy|vamos)\s+a\b"
    r"|^(?:(?:y|e|pero|asi\s+que|ya)\s+)?(?:pienso|pensamos|nunca\s+mas|jamas|no\s+(?:vuelvo|volvere|volveremos|repetire))\b"
    r"|^(?:(?:y|e|pero|asi\s+que|ya)\s+)?(?:os|les|los|las|te|lo|la)\s+(?:denuncio|demando|denunciamos|demandamos)\b"
    # "si el sábado no está aquí, pongo una reclamación"; "mañana mismo presento queja ante …"
    r"|^(?:(?:y|e|pero|asi\s+que|ya)\s+)?si\s+|^(?:\w+\s+){0,3}?(?:pongo|pondre|presento|presentare|denuncio|denunciare"
    r"|demando|demandare|acudo|acudire|ire|llevo|llevare)\b"
)
_THREAT_WORDS = re.compile(
    r"\b(?:ocu|facua|profeco|denunci\w*|demand\w*|abogad\w*|juzgad\w*|juicio|tribunal\w*|rese[nñ]\w*|redes|parir"
    r"|escrach\w*|contracargo|queja|reclamacion\w*|nunca|jamas|vuelvo|volvere|volveremos|piso|baja|competencia"
    r"|tripadvisor|google|opinion|valoracion|estrellas?|consumo|sernac|indecopi|omic)\b"
)
"""A threat ("me voy a la OCU", "os voy a poner a parir en todas las reseñas", "nunca más piso ese restaurante"):
what the customer will do, which the tone reads; it is not what bothered them, and not ours to say back."""


def _is_threat(words: list[str]) -> bool:
    joined = " ".join(words)
    return bool(_THREAT_OPENER.search(joined)) and bool(_THREAT_WORDS.search(joined))


def _threat_to_drop(segment: list[Token]) -> bool:
    """A threat, dropped from what we say back even when it names someone ("ante la Agencia de Protección de
    Datos", "en Google"): said back, it reads as what bothered them, and the apology would apologise for it."""
    return _is_threat([token.low for token in segment if token.kind is Kind.WORD])


def _without_trailing_threat(segment: list[Token]) -> list[Token]:
    """ "esto es ilegal y os voy a denunciar a protección de datos" -> "esto es ilegal"."""
    for index, token in enumerate(segment):
        if index and token.kind is Kind.WORD and token.low in ("y", "e") and _threat_to_drop(segment[index:]):
            return segment[:index]
    return segment


def _facts_kept(segment: list[Token]) -> list[Token]:
    """What a dropped verdict said of facts: "una puta vergüenza por 140 la noche" keeps "por 140 la noche"."""
    first = next((index for index, token in enumerate(segment) if token.kind is Kind.FACT), None)
    if first is None:
        return []
    start = first
    while start > 0 and segment[start - 1].kind is Kind.WORD and segment[start - 1].low in _PREPOSITIONS | {"la", "el"}:
        start -= 1
    kept = segment[start:]
    opening = [segment[0]] if segment[0].kind is Kind.PUNCT and segment[0].text == "," and start > 0 else []
    return [*opening, *kept]


_DANGLING = _words("y e o u pero que ni porque")
"""A conjunction left before a comma or at the end once the words after it went: "… 20 euros y, …"."""


def _is_verb_word(word: str) -> bool:
    folded = fold(word)
    if word in _NOT_VERBS or folded in _DETERMINERS or folded in _PREPOSITIONS or verbs.is_nounlike(word):
        return False
    return bool(_finite_readings(word))


def _tidy(tokens: list[Token]) -> list[Token]:
    """Drop punctuation left dangling where words went: ", ," and a comma opening or closing the sentence."""
    out: list[Token] = []
    for token in tokens:
        if (
            token.kind is Kind.PUNCT
            and token.text in ",;:"
            and (not out or (out[-1].kind is Kind.PUNCT and out[-1].text in ",;:("))
        ):
            continue
        out.append(token)
    out = [
        token
        for index, token in enumerate(out)
        if not (
            token.kind is Kind.PUNCT
            and token.text == ","
            and index > 0
            and out[index - 1].kind is Kind.WORD
            and out[index - 1].low in ("que", "por")
        )
    ]  # "dijo que, la verdad, …": no "que," in our voice
    out = [
        token
        for index, token in enumerate(out)
        if not (
            token.kind is Kind.WORD
            and token.low in _DANGLING
            and (index + 1 == len(out) or (out[index + 1].kind is Kind.PUNCT and out[index + 1].text in ",;:"))
        )
    ]
    while out and out[-1].kind is Kind.PUNCT and out[-1].text in ",;:(—–-":
        out.pop()
    while out and out[0].kind is Kind.PUNCT and out[0].text in ",;:)—–-":
        out.pop(0)
    if len(out) > 1 and out[0].kind is Kind.WORD and out[0].low in ("y", "e", "pero") and out[1].kind is Kind.PUNCT:
        out.pop(0)
    return out


def _capitalised_like(new: str, old: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def remove_insults(tokens: list[Token]) -> list[Token]:
    """The sentence without insults, profanity and exclamations of judgement; the facts they came with stay."""
    kept: list[Token] = []
    dropped = False
    for segment in _segments(tokens):
        words = _segment_words(segment)
        if _is_insult_only(words) or _is_judgement(words, _segment_lower(segment)) or _is_threat(words):
            kept.extend(_facts_kept(segment))
            dropped = True
            continue
        opens_with_comma = segment[0].kind is Kind.PUNCT and segment[0].text == ","
        if dropped and opens_with_comma and words and words[0] not in _CONJUNCTIONS:
            segment = segment[1:]  # "el camarero, un maleducado, nos tiró" -> "el camarero nos tiró"
        dropped = False
        cleaned = _remove_insults_in(segment)
        if _threat_to_drop(cleaned):
            dropped = True  # "son unos chantas y los voy a escrachar": the insult and the threat go
            continue
        cleaned = _without_trailing_threat(cleaned)
        if len(_segment_words(cleaned)) <= 1 < len(words):
            dropped = True  # "parezco un payaso": nothing is left to say
            continue
        kept.extend(cleaned)
    return _tidy(kept)


_POLITE_IDIOMS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("hasta", "los", "cojones"), ("hasta", "la", "coronilla")),
    (("hasta", "los", "huevos"), ("hasta", "la", "coronilla")),
    (("hasta", "las", "narices"), ("hasta", "la", "coronilla")),
    (("hasta", "el", "coño"), ("hasta", "la", "coronilla")),
    (("hasta", "el", "culo"), ("hasta", "la", "coronilla")),
    (("hasta", "el", "gorro"), ("hasta", "la", "coronilla")),
    (("hasta", "el", "moño"), ("hasta", "la", "coronilla")),
    (("como", "el", "culo"), ("fatal",)),
    (("de", "puta", "pena"), ("fatal",)),
    (("de", "los", "cojones"), ()),
    (("da", "asco"), ("es", "desagradable")),
    (("daba", "asco"), ("era", "desagradable")),
    (("dio", "asco"), ("fue", "desagradable")),
    (("dan", "asco"), ("son", "desagradables")),
    (("daban", "asco"), ("eran", "desagradables")),
)
"""Vulgar idioms said back in a register we can use, meaning kept."""


_IDIOM_STARTS = frozenset(vulgar[0] for vulgar, _ in _POLITE_IDIOMS)


_LAUGHING = frozenset("partir morir tronchar descojonar mear desternillar despollar".split())
"""Verbs of "se partía de risa": literally laughing, which "de risa" as a verdict ("un servicio de risa") is not."""


def _laughing(tokens: list[Token]) -> list[Token]:
    """ "se partía de risa" -> "se reía": the fact (they laughed) in words that are not a verdict of ours."""
    low = [token.low for token in tokens]
    if "risa" not in low:
        return tokens
    for index in range(1, len(tokens) - 2):
        if low[index + 1 : index + 3] != ["de", "risa"]:
            continue
        forms = [form for form in verbs.analyse_typed(tokens[index].text.lower()) if form.infinitive in _LAUGHING]
        laughed = verbs.conjugate("reír", forms[0].tense, forms[0].person) if forms else None
        if laughed:
            tokens[index] = Token(Kind.WORD, laughed, tokens[index].space, tokens[index].customer, tokens[index].person)
            return _laughing(tokens[: index + 1] + tokens[index + 3 :])
    return tokens


def _polite(tokens: list[Token]) -> list[Token]:
    tokens = _laughing(tokens)
    low = [token.low for token in tokens]
    if not _IDIOM_STARTS.intersection(low):
        return tokens
    for vulgar, polite in _POLITE_IDIOMS:
        if vulgar[0] not in low:
            continue  # most idioms: one look for its first word, not a comparison at every position
        size = len(vulgar)
        for start in range(len(tokens) - size, -1, -1):
            if tuple(low[start : start + size]) == vulgar:
                replacement = [
                    Token(Kind.WORD, word, tokens[start].space if n == 0 else " ") for n, word in enumerate(polite)
                ]
                if not polite and start + size < len(tokens):
                    tokens[start + size].space = tokens[start + size].space or tokens[start].space
                tokens = tokens[:start] + replacement + tokens[start + size :]
                low = low[:start] + list(polite) + low[start + size :]
    return tokens


def _remove_insults_in(segment: list[Token]) -> list[Token]:
    tokens = [
        token
        for token in _polite(segment)
        if not (token.kind is Kind.WORD and token.low in _CURSES and token.low != "mierda")
    ]
    out: list[Token] = []
    low = [t.low if t.kind is Kind.WORD else t.text for t in tokens]
    index = 0
    while index < len(tokens):
        token = tokens[index]
        word = low[index]
        following = low[index + 1] if index + 1 < len(tokens) else ""
        after = low[index + 2] if index + 2 < len(tokens) else ""
        if token.kind is not Kind.WORD:
            out.append(token)
        elif (
            word in ("el", "la", "los", "las")
            and (following in _INSULTS or following in _VERDICT_NOUNS)
            and after in ("de", "del")
        ):
            # "el imbécil del mensajero" -> "el mensajero"
            skip = index + 3
            if after == "del":
                out.append(Token(Kind.WORD, _capitalised_like("el", token.text), token.space))
            elif skip < len(tokens):
                tokens[skip].space = token.space
                tokens[skip].text = _capitalised_like(tokens[skip].text, token.text)
                low[skip] = tokens[skip].low
            index = skip
            continue
        elif (
            word in ("un", "una", "unos", "unas")
            and (following in _VERDICT_NOUNS or following in _INSULTS)
            and after == "de"
            and index + 3 < len(tokens)
            and tokens[index + 3].kind is Kind.WORD
        ):
            # "una mierda de servicio" -> "un servicio"
            noun = tokens[index + 3]
            plural = word.endswith("s")
            article = ("unas" if plural else "una") if _is_feminine(noun.text) else ("unos" if plural else "un")
            out.append(Token(Kind.WORD, _capitalised_like(article, token.text), token.space))
            index += 3
            continue
        elif word in ("el", "la", "los", "las") and following == "muy" and after in _INSULTS:
            index += 3  # "los muy cabrones me cobraron" -> "le cobraron"
            if index < len(tokens):
                tokens[index].space = token.space
            continue
        elif word in _INSULTS and out and out[-1].kind is Kind.WORD and out[-1].low.startswith(("sient", "sint")):
            out.append(Token(Kind.WORD, "mal", token.space))  # "me siento estúpida por …" -> "se siente mal por …"
        elif word == "como" and _insult_after_como(low, index):
            index = _replace_como(tokens, low, index, out)
            continue
        elif (word, following) == ("maldita", "sea"):
            index += 2
            continue
        elif word in _CURSING_ADJECTIVES and following and following not in _PREPOSITIONS:
            pass  # "la puta lavadora" -> "la lavadora"
        elif word == "de" and following in ("mierda", "pacotilla"):
            index += 2
            continue
        elif word in _COPULAS or (word == "ha" and following == "sido"):
            index = _copula(tokens, low, index, out)
            continue
        elif word in ("chapuza", "chapuzas"):
            _chapuza(out, token)
        elif word == "por" and (following in _INSULTS or (following in ("un", "una") and after in _INSULTS)):
            # "me tomaron por tonto" -> "le tomaron el pelo"; any other "por idiota" goes
            taken = bool(out) and out[-1].kind is Kind.WORD and out[-1].low.startswith("tom")
            if taken:
                out.extend((Token(Kind.WORD, "el", token.space), Token(Kind.WORD, "pelo", " ")))
            index += 2 if following in _INSULTS else 3
            continue
        elif (
            (word in _INSULTS or word in _VERDICT_NOUNS)
            and out
            and out[-1].kind is Kind.WORD
            and out[-1].low in ("el", "la", "los", "las", "un", "una", "unos", "unas")
        ):
            # "se hace el tonto" -> "se hace el despistado"; "es un idiota" is handled with the copula
            det = out[-1]
            if len(out) > 1 and out[-2].kind is Kind.WORD and out[-2].low.startswith(("hac", "hiz", "hic")):
                feminine, plural = det.low in ("la", "las", "una", "unas"), det.low.endswith("s")
                out.append(
                    Token(Kind.WORD, "despistad" + ("a" if feminine else "o") + ("s" if plural else ""), token.space)
                )
            else:
                out.pop()
        elif word in _INSULTS or word in _VERDICT_NOUNS:
            while out and out[-1].kind is Kind.WORD and out[-1].low in ("muy", "tan", "mas", "bastante", "super"):
                out.pop()
            if out and out[-1].kind is Kind.WORD and out[-1].low in ("y", "e") and index + 1 >= len(tokens):
                out.pop()
        else:
            out.append(token)
        index += 1
    return out


def _insult_after_como(low: list[str], index: int) -> bool:
    rest = [
        word
        for word in low[index + 1 : index + 6]
        if word not in ("a", "un", "una", "si", "yo", "fuera", "fuese", "fueramos", "fueran", "unos", "unas")
    ]
    return bool(rest) and rest[0] in _INSULTS


def _replace_como(tokens: list[Token], low: list[str], index: int, out: list[Token]) -> int:
    """ "como a un perro/idiota" (how we treated them) -> "con desprecio"; "como un idiota" (what they call
    themselves) goes, with "me sentí" if nothing else is left of the clause."""
    end = index + 1
    while end < len(tokens) and low[end] not in _INSULTS:
        end += 1
    treated = low[index + 1] in ("a", "si")
    if treated:
        out.append(Token(Kind.WORD, "con", tokens[index].space))
        out.append(Token(Kind.WORD, "desprecio", " "))
    elif len([t for t in out if t.kind is Kind.WORD]) <= 2 and any(
        t.kind is Kind.WORD and t.low.startswith(("senti", "sient", "qued", "sentimos")) for t in out
    ):
        out.clear()
    return end + 1


_RUDE = _words("maleducado maleducada maleducados maleducadas grosero grosera groseros groseras")
"""Insults that say how someone treated the customer: said politely ("descortés"), what they did is kept."""
_THIRD_PERSON_COPULAS = _words("es era fue son eran fueron ha")
_INTENSIFIERS = (("de", "manual"), ("de", "campeonato"), ("de", "libro"), ("de", "remate"), ("de", "cuidado"))
"""What stresses an insult ("un maleducado de manual"): it goes with it."""


def _past_intensifier(low: list[str], index: int) -> int:
    """The index after an insult's intensifier ("de manual") at ``index``, or ``index`` if there is none."""
    return index + 2 if tuple(low[index : index + 2]) in _INTENSIFIERS else index


def _copula(tokens: list[Token], low: list[str], index: int, out: list[Token]) -> int:
    """ "era una basura" -> "dejaba mucho que desear"; "el técnico era un inútil y no sabía" -> "el técnico no
    sabía"; "sois unos ladrones" goes."""
    start = index + (2 if low[index] == "ha" else 1)
    end = start
    while end < len(tokens) and low[end] in _INSULT_FILLER - {"y", "que", "es", "son", "sois", "eres"}:
        end += 1
    target = low[end] if end < len(tokens) else ""
    if target in _JUDGEMENTS:
        # "es una vergüenza que no contesten" -> "que no contesten"; "es una broma de mal gusto" goes
        rest = end + 1
        while rest < len(tokens) and low[rest] not in ("que", "y", "e", "pero", "porque"):
            rest += 1
        return rest
    if target not in _INSULTS and target not in _PREDICATE_INSULTS and target not in _VERDICT_NOUNS:
        out.append(tokens[index])
        return index + 1
    after_intensifier = _past_intensifier(low, end + 1)
    if target in _RUDE and out and low[index] in _THIRD_PERSON_COPULAS:
        # "el guía fue un maleducado con los mayores" -> "el guía fue descortés con los mayores": what they did stays
        out.append(tokens[index])
        if low[index] == "ha":
            out.append(Token(Kind.WORD, "sido", " "))
        out.append(Token(Kind.WORD, "descorteses" if target.endswith("s") else "descortés", " "))
        return after_intensifier
    end = after_intensifier - 1
    if target in _VERDICT_NOUNS and out:
        phrase = _COPULAS["sido" if low[index] == "ha" else low[index]]
        space = tokens[index].space
        if low[index] == "ha":
            out.append(Token(Kind.WORD, "ha", space))
            space = " "
        out.extend(
            Token(Kind.WORD, word, space if n == 0 else " ")
            for n, word in enumerate(f"{phrase} mucho que desear".split())
        )
        end += 1
        while end < len(tokens) and low[end] in ("total", "absoluto", "absoluta", "completo", "completa"):
            end += 1
        return end
    after = end + 1
    if (
        after < len(tokens)
        and low[after] in ("y", "e")
        and after + 1 < len(tokens)
        and any(_is_verb_word(token.text.lower()) for token in tokens[after + 1 :] if token.kind is Kind.WORD)
    ):
        tokens[after + 1].space = tokens[index].space
        return after + 1
    out.clear()
    return end + 1


def _chapuza(out: list[Token], token: Token) -> None:
    """ "vuestra chapuza" -> "nuestro trabajo mal hecho" (the determiner agrees with the new noun)."""
    plural = token.low.endswith("s")
    if out and out[-1].kind is Kind.WORD:
        out[-1].text = _MASCULINE_OF.get(out[-1].low, out[-1].text)
    noun = "trabajos mal hechos" if plural else "trabajo mal hecho"
    out.extend(Token(Kind.WORD, word, token.space if n == 0 else " ") for n, word in enumerate(noun.split()))


_MASCULINE_OF = {
    "una": "un",
    "la": "el",
    "esta": "este",
    "esa": "ese",
    "vuestra": "vuestro",
    "nuestra": "nuestro",
    "menuda": "menudo",
    "las": "los",
    "unas": "unos",
    "vuestras": "vuestros",
    "estas": "estos",
}


# ---------------------------------------------------------------------------------------------------------------
# Pronouns and verbs
# ---------------------------------------------------------------------------------------------------------------

_CUSTOMER_WORDS: dict[str, str] = {
    "yo": "usted",
    "mi": "su",
    "mis": "sus",
    "mí": "usted",
    "conmigo": "con usted",
    "mío": "suyo",
    "mía": "suya",
    "míos": "suyos",
    "mías": "suyas",
    "nosotros": "ustedes",
    "nosotras": "ustedes",
    "nuestro": "su",
    "nuestra": "su",
    "nuestros": "sus",
    "nuestras": "sus",
}
_VERB_ADVERBS = _words("no nunca ya jamás todavía aún tampoco")
"""Adverbs that stand between a subject and its verb ("el envío nunca llegó"), never before an adjective."""
_ARTICLE_OURS = {"el": "nuestro", "la": "nuestra", "los": "nuestros", "las": "nuestras"}
_PARTS = _words("mitad mayoría mayoria parte resto mayor menor mejor peor primero primera último última")
"""Nouns of a share: "la mitad de ustedes" is some of them, not "nuestra mitad"."""
_NO_NOUN_AFTER_MI = frozenset(
    {
        "",
        "y",
        "e",
        "o",
        "ni",
        "que",
        "no",
        "me",
        "nos",
        "le",
        "porque",
        "pero",
        "también",
        "tambien",
        "cuando",
        "sin",
        "tampoco",
    }
)
"""Words after which "mi" (for "mí") owns nothing: "a mi hermano y a mi porque …" is the customer."""
_GENERIC_YOU: dict[str, str] = {"tu": "su", "tus": "sus", "ti": "usted", "contigo": "con usted"}
"""The customer's generic "tú" ("luego te cancelan el pedido") is their own experience: usted, as they are."""
_GENERIC_YOU_CONTEXT = _words("tú tu te no si cuando ya ^ y que luego después nunca encima")
_BUSINESS_WORDS: dict[str, str] = {
    "vosotros": "nosotros",
    "vosotras": "nosotras",
    "os": "nos",
    "vuestro": "nuestro",
    "vuestra": "nuestra",
    "vuestros": "nuestros",
    "vuestras": "nuestras",
}
_ENCLITICS = ("melos", "melas", "melo", "mela", "noslo", "nosla", "me", "nos", "les", "os")
_VERB_PARTS = (Tense.INFINITIVE, Tense.GERUND)


def _strip_accent(word: str) -> str:
    return "".join(
        char for char in unicodedata.normalize("NFD", word) if unicodedata.category(char) != "Mn" or char == "\u0303"
    )  # keep the tilde of ñ


@dataclass(slots=True)
class _Sentence:
    tokens: list[Token]
    out: list[str] = field(default_factory=list)
    inserted: dict[int, str] = field(default_factory=dict)
    """Words said before a token: "usted" where a converted verb needs its subject."""


@lru_cache(maxsize=8192)
def _finite_readings(word: str) -> tuple[Form, ...]:
    """The word's readings as a finite verb; a vosotros form typed without its accent ("cobrais", "devolvais",
    "teneis") as the accented one."""
    if word in _NOT_VERBS:
        return ()
    readings = tuple(form for form in verbs.analyse(word) if form.finite)
    if not readings and word.endswith(("ais", "eis")) and len(word) > 4:
        accented = word[:-3] + {"a": "á", "e": "é"}[word[-3]] + "is"
        readings = tuple(form for form in verbs.analyse(accented) if form.finite and form.person is Person.PLURAL_2)
    return readings or unaccented_past(word)


_UNACCENTED_PAST = (
    ("iamos", "íamos"),
    ("ian", "ían"),
    ("ias", "ías"),
    ("ia", "ía"),
    ("aramos", "áramos"),
    ("ieramos", "iéramos"),
    ("asemos", "ásemos"),
    ("iesemos", "iésemos"),
)
_PAST_OF_ACCENT = frozenset({Tense.IMPERFECT, Tense.CONDITIONAL, Tense.SUBJUNCTIVE_PAST, Tense.SUBJUNCTIVE_PAST_SE})
_ADJECTIVES_IN_IA = frozenset("seria serias sabia sabias media medias lucia".split())
"""Words that an unaccented past spells but that are mostly adjectives or nouns ("una persona seria")."""


def names_a_reference(tokens: list[Token], index: int) -> bool:
    """Is the word at ``index`` right before a reference code ("vuelo IB3166", "cambio RX-2231")? Then it is the
    noun the code names, not a verb ("vuela")."""
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return (
        following is not None
        and following.kind is Kind.FACT
        and any(char.isalpha() for char in following.text)
        and any(char.isdigit() for char in following.text)
    )


def with_article(tokens: list[Token]) -> list[Token]:
    """A phrase opening with a bare noun before its reference code ("vuelo AV9312 retrasado") with its article
    ("el vuelo AV9312 …"), as a thing said after "fue" needs one."""
    if len(tokens) < 2 or tokens[0].kind is not Kind.WORD or not names_a_reference(tokens, 0):
        return tokens
    noun = tokens[0].text.lower()
    article = ("las" if _is_feminine(noun) else "los") if noun.endswith("s") else ("la" if _is_feminine(noun) else "el")
    tokens[0].space, space = " ", tokens[0].space
    if not tokens[0].text.isupper():
        tokens[0].text = noun
    return [Token(Kind.WORD, article, space), *tokens]


def unaccented_past(word: str) -> tuple[Form, ...]:
    """An imperfect, conditional or past subjunctive typed without its accent: "tenia", "venian", "olia",
    "teniamos", "enteraramos" (the accent is on the ending, so the word reads as no verb without it)."""
    if word in _ADJECTIVES_IN_IA or len(word) < 4:
        return ()
    for typed, accented in _UNACCENTED_PAST:
        if word.endswith(typed):
            restored = word[: -len(typed)] + accented
            return tuple(form for form in verbs.analyse(restored) if form.finite and form.tense in _PAST_OF_ACCENT)
    return ()


class Rewriter:
    """One pass over a sentence's tokens, left to right, writing the new words into ``out``."""

    def __init__(self, tokens: list[Token], past: bool, narrative: bool = False) -> None:
        self.tokens = tokens
        self.low = [token.text.lower() if token.kind is Kind.WORD else "" for token in tokens]
        self.out = [token.text for token in tokens]
        self.insert: dict[int, str] = {}
        self.past = past
        """Does the story speak of the past? Then "esperamos" is "esperaron", not "esperan"."""
        self.narrative = narrative
        """Does it tell past events in so many words (so "cuando llegue" is "cuando llegué")?"""
        self.explicit_subject = False
        self.business_subject = False
        self.antecedent = False
        """Has someone other than the customer and us been named (so "su" may be theirs)?"""
        self.others: list[Person] = []
        """Persons of the finite verbs so far that are not the customer's."""
        self.third_preterite = False
        """The last finite verb was someone else's, in the preterite: "quedó de venir … y llego a las 4" goes on
        with that subject ("llegó")."""
        self.vos_subject = False
        """The customer addressed the business as "vos" (Argentina, Uruguay): its verb ("vos me vendiste") is ours."""

    # -- helpers -------------------------------------------------------------------------------------------------

    def word(self, index: int) -> str:
        return self.low[index] if 0 <= index < len(self.tokens) and self.tokens[index].kind is Kind.WORD else ""

    def next_word_index(self, index: int, skip: frozenset[str] = frozenset()) -> int:
        index += 1
        while index < len(self.tokens) and self.tokens[index].kind is Kind.WORD and fold(self.low[index]) in skip:
            index += 1
        return index

    def previous_word(self, index: int, skip: frozenset[str] = frozenset()) -> str:
        index -= 1
        while index >= 0 and self.tokens[index].kind is Kind.WORD and fold(self.low[index]) in skip:
            index -= 1
        if index < 0:
            return "^"
        return fold(self.low[index]) if self.tokens[index].kind is Kind.WORD else self.tokens[index].text

    def put(self, index: int, new: str) -> None:
        old = self.tokens[index].text
        capitalised = old[:1].isupper() and len(old) > 1 and not old.isupper()
        self.out[index] = _capitalised_like(new, old) if capitalised else new
        if old[:1].isupper() and len(old) == 1:
            self.out[index] = _capitalised_like(new, old)

    # -- verbs ---------------------------------------------------------------------------------------------------

    def customer_verb(self, index: int) -> Form | None:
        """The reading of the word at ``index`` as the customer's own verb (first person), if it is one."""
        word = self.low[index]
        if word in _NOT_VERBS:
            return None
        previous = self.previous_word(index)
        readings = verbs.analyse(word)
        first = [
            form
            for form in readings
            if form.person in (Person.SINGULAR_1, Person.PLURAL_1, Person.SINGULAR_2)
            and form.finite
            and form.tense is not Tense.IMPERATIVE
        ]
        if (
            first
            and first[0].person is Person.SINGULAR_2
            and (
                previous not in _GENERIC_YOU_CONTEXT
                or verbs.is_nounlike(word)
                or any(form.person is not Person.SINGULAR_2 for form in readings if form.tense is not Tense.IMPERATIVE)
            )
        ):
            return None  # "las dos fundas" is no "tú fundas"; "sale" is no imperative
        if not first and not readings:
            first = self.unaccented(index, word, previous)
        if names_a_reference(self.tokens, index):
            return None
        if not first or self.unaccented_past(index):
            return None
        if any(form.person is Person.SINGULAR_3 for form in readings) and first[0].person is Person.SINGULAR_1:
            return None  # "esperaba", "pague": the same form for both
        if (
            (previous in _DETERMINERS - _CLITICS and not self.after_adverb_mismo(index))
            or previous in _PREPOSITIONS
            or (word.endswith("o") and self.after_noun_phrase(index))
        ):
            return None
        if (
            verbs.is_nounlike(word)
            and previous not in _STRONG_VERB_CONTEXT
            and previous != "^"
            and not self.infinitive_follows(index)
        ):
            return None
        return first[0]

    def infinitive_follows(self, index: int) -> bool:
        """ "que intento pagar": a form that could be a noun is a verb before an infinitive."""
        following = self.word(index + 1)
        return (
            bool(following)
            and following.endswith(("ar", "er", "ir"))
            and any(form.tense is Tense.INFINITIVE for form in verbs.analyse(following))
        )

    def unaccented(self, index: int, word: str, previous: str) -> list[Form]:
        """ "recibi" is "recibí"; "pague" is "pagué" unless something calls for the subjunctive."""
        if word.endswith("i"):
            return [
                form
                for form in verbs.analyse(word[:-1] + "í")
                if form.tense is Tense.PRETERITE and form.person is Person.SINGULAR_1
            ]
        return [form for form in unaccented_past(word) if form.person is Person.PLURAL_1]  # "teniamos"

    def pague(self, index: int) -> Form | None:
        """ "pague" (first and third person subjunctive alike) typed for "pagué"."""
        word = self.low[index]
        if not word.endswith("e") or word in _NOT_VERBS:
            return None
        previous = self.previous_word(index, _CLITICS)
        if previous in ("cuando", "si", "aunque"):
            if not self.narrative:
                return None
        elif previous not in _PRETERITE_CONTEXT:
            return None
        if not any(form.tense is Tense.SUBJUNCTIVE for form in verbs.analyse(word)):
            return None
        for form in verbs.analyse(word[:-1] + "é"):
            if form.tense is Tense.PRETERITE and form.person is Person.SINGULAR_1:
                return form
        return None

    def ongoing(self, index: int, form: Form) -> bool:
        """ "llevamos esperando desde el 3", "seguimos sin luz": still going on, so present, not preterite."""
        following = self.word(index + 1)
        nearby = range(index + 1, min(index + 6, len(self.tokens)))
        return (
            form.infinitive in ("llevar", "seguir")
            or following.endswith(("ando", "iendo", "yendo"))
            or any(self.word(near) in ("desde", "todavía", "aún") for near in nearby)
        )

    def third_person(self, form: Form, ongoing: bool = False) -> str | None:
        person = Person.PLURAL_3 if form.person is Person.PLURAL_1 else Person.SINGULAR_3
        tense = form.tense
        if form.person is Person.PLURAL_1 and tense is Tense.PRESENT and self.past and not ongoing:
            preterite = verbs.conjugate(form.infinitive, Tense.PRETERITE, Person.PLURAL_1)
            if preterite == verbs.conjugate(form.infinitive, Tense.PRESENT, Person.PLURAL_1):
                tense = Tense.PRETERITE
        if form.infinitive == "haber" and tense is Tense.PRESENT and person is Person.SINGULAR_3:
            return "ha"  # the auxiliary, not "hay"
        return verbs.conjugate(form.infinitive, tense, person)

    def convert_customer_verb(self, index: int, form: Form) -> None:
        new = self.third_person(form, self.ongoing(index, form))
        if new is None:
            return
        self.put(index, new)
        person = Person.PLURAL_3 if form.person is Person.PLURAL_1 else Person.SINGULAR_3
        self.tokens[index].customer = True
        self.tokens[index].person = person
        self.third_preterite = False
        if not self.explicit_subject and person in self.others:
            start = index
            while start > 0 and self.word(start - 1) in _CLITICS | {"no"}:
                start -= 1
            if fold(self.previous_word(start)) in _COORDINATORS:
                self.insert[start] = "usted" if person is Person.SINGULAR_3 else "ustedes"
        self.explicit_subject = False

    def business_verb(self, index: int) -> bool:
        """A vosotros verb (always the business), or the verb right after "ustedes": to nosotros."""
        word = self.low[index]
        readings = _finite_readings(word)
        wanted = (
            (Person.PLURAL_2,)
            + ((Person.PLURAL_3,) if self.business_subject else ())
            + ((Person.SINGULAR_2,) if self.vos_subject else ())
        )
        for form in readings:
            if form.person in wanted and form.tense is not Tense.IMPERATIVE:  # a request is said whole (as_request)
                new = verbs.conjugate(form.infinitive, form.tense, Person.PLURAL_1)
                if new:
                    self.put(index, new)
                    self.tokens[index].person = Person.PLURAL_1
                    self.business_subject = False  # "ustedes" is the subject of its own verb only; a "vos" or "tú"
                    return True  # the customer spoke to stays ours for the sentence: "me cobraste y no me devolviste"
        return False

    # -- pronouns ------------------------------------------------------------------------------------------------

    def verb_after_clitics(self, index: int) -> int:
        return self.next_word_index(index, _CLITICS)

    def proclitic(self, index: int, word: str) -> None:
        """ "me"/"nos" before a verb: reflexive (se) when the verb is the customer's own, le/les otherwise."""
        nxt = self.next_word_index(index, frozenset())
        nxt_word = self.word(nxt)
        if nxt_word in ("lo", "la", "los", "las"):
            self.put(index, "se")
            return
        verb_index = self.verb_after_clitics(index)
        verb_word = self.word(verb_index)
        reflexive = False
        if verb_word:
            form = self.customer_verb(verb_index) or self.pague(verb_index)
            if form is not None and (form.person is Person.SINGULAR_1) == (word == "me"):
                reflexive = True
            elif word == "me" and form is None:
                reflexive = any(
                    f.infinitive in _PRONOMINAL
                    and f.person is Person.SINGULAR_3
                    and f.tense
                    in (
                        Tense.IMPERFECT,
                        Tense.CONDITIONAL,
                        Tense.SUBJUNCTIVE,
                        Tense.SUBJUNCTIVE_PAST,
                        Tense.SUBJUNCTIVE_PAST_SE,
                    )
                    for f in verbs.analyse(verb_word)
                ) and self.previous_word(index) in ("que", "^", "yo")
            elif word == "me" and verb_word.endswith("o") and not verbs.analyse(verb_word):
                reflexive = False
        if word in ("me", "nos") and verb_word and self.said_to_us(verb_index):
            self.vos_subject = True  # "me dijiste que venías": who did it to the customer is whom they speak to
        if word == "te":
            verb_readings = _finite_readings(verb_word) if verb_word else ()
            reflexive = any(form.person is Person.SINGULAR_2 for form in verb_readings)
            customers = self.customer_verb(verb_index) if verb_word else None
            if not reflexive and customers is not None and customers.person is Person.SINGULAR_1:
                self.put(index, "nos")  # "te escribí cuatro veces": the business the customer wrote to, as "tú"
                self.vos_subject = True  # "te pagué y nunca viniste": its "tú" verbs are ours too
                return
        self.put(index, "se" if reflexive else ("les" if word == "nos" else "le"))

    def unaccented_past(self, index: int) -> bool:
        """Is "cobro" in "me cobro", "lo arreglo", "el técnico llego" typed for "cobró", "arregló", "llegó"?"""
        word = self.low[index]
        if not word.endswith("o") or word in _NOT_VERBS:
            return False
        previous = self.previous_word(index)
        past = [
            form
            for form in verbs.analyse(word[:-1] + "ó")
            if form.tense is Tense.PRETERITE and form.person is Person.SINGULAR_3
        ]
        if not past or previous in _DETERMINERS - _CLITICS or previous in _PREPOSITIONS or previous == "yo":
            return False
        if verbs.is_nounlike(word) and previous in ("la", "las", "los"):
            return False  # "la mano" (but "lo arreglo" is "lo arregló")
        present = [form for form in verbs.analyse(word) if form.person is Person.SINGULAR_1]
        if previous == "me" and present and present[0].infinitive in _PRONOMINAL:
            return False
        following = self.word(index + 1)
        subject_end = index
        while subject_end > 0 and fold(self.word(subject_end - 1)) in _VERB_ADVERBS:
            subject_end -= 1
        if subject_end < index and self.after_noun_phrase(subject_end):
            return True  # "el envío nunca llego": no adjective stands after "nunca", so it is the noun's "llegó"
        if (
            previous in ("y", "e")
            and self.third_preterite
            and not any(form.infinitive in ("llevar", "seguir") for form in verbs.analyse(word))
        ):
            return True  # but "perdió su maleta y llevo cinco días así": the customer's, still going on
        return (
            previous in _CLITICS - {"te", "os"}
            or self.antecedent_just_before(index)
            or (
                self.after_noun_phrase(index)
                and (
                    following in _EVENT_FOLLOWERS
                    or _PARTICIPLE.search(following) is not None
                    or (index + 1 < len(self.tokens) and self.tokens[index + 1].kind is Kind.FACT)
                )
            )
        )

    def said_to_us(self, index: int) -> bool:
        """Is the word at ``index`` only ever a "tú" or "vos" verb ("dijiste", "cobraste", "tenés"), never the
        customer's nor a third person's? Not an imperative: "dime" asks, and a request is said whole."""
        readings = _finite_readings(self.low[index])
        return bool(readings) and all(
            form.person is Person.SINGULAR_2 and form.tense is not Tense.IMPERATIVE for form in readings
        )

    def aimed_at_customer(self, index: int) -> bool:
        """Is the verb at ``index`` followed (after "que") by an infinitive whose object is the customer
        ("tenés que devolverme", "podés llamarme")?"""
        following = self.next_word_index(index, frozenset({"que"}))
        word = self.word(following)
        return any(
            word.endswith(clitic)
            and any(form.tense is Tense.INFINITIVE for form in verbs.analyse(_strip_accent(word[: -len(clitic)])))
            for clitic in ("me", "nos")
        )

    def tu_did_it(self, index: int) -> bool:
        """ "tú me prometiste": a "tú" who did something in the past is the business the customer speaks to; the
        generic "tú" of what happens to anyone ("tú llegas y te dicen …") is in the present, and the customer's."""
        verb = self.verb_after_clitics(index)
        return bool(self.word(verb)) and any(
            form.person is Person.SINGULAR_2 and (form.tense is Tense.PRETERITE or form.infinitive == "haber")
            for form in _finite_readings(self.low[verb])
        )

    def after_adverb_mismo(self, index: int) -> bool:
        """ "mañana mismo pongo", "hoy mismo fui": "mismo" stresses the adverb; it opens no noun phrase."""
        return (
            index > 1
            and self.previous_word(index) in ("mismo", "misma")
            and self.tokens[index - 2].kind is Kind.WORD
            and fold(self.low[index - 2]) in _STRESSED_ADVERBS
        )

    def after_noun_phrase(self, index: int) -> bool:
        """Right after "el camión", "la pizza", "del super": a verb here has that noun for its subject ("la pizza
        llego" is "llegó", never the customer's "llego"), and a word that is no verb is an adjective ("el parking
        publico")."""
        if index < 2 or any(self.tokens[near].kind is not Kind.WORD for near in (index - 1, index - 2)):
            return False
        noun, determiner = fold(self.low[index - 1]), fold(self.low[index - 2])
        before = fold(self.low[index - 3]) if index > 2 and self.tokens[index - 3].kind is Kind.WORD else ""
        return (
            determiner in _DETERMINERS | {"del", "al"}
            and before not in _PREPOSITIONS
            and noun not in _CLITICS | _DETERMINERS | _PREPOSITIONS | _DAYS | _TIME_NOUNS | _DEGREE
            and not _is_verb_word(noun)
        )

    def accent_restored(self, index: int) -> None:
        """ "me cobro", "lo arreglo" typed for "me cobró", "lo arregló": said right, it is not the customer's."""
        if self.unaccented_past(index):
            word = self.tokens[index].text
            self.low[index] = self.low[index][:-1] + "ó"
            self.out[index] = word[:-1] + ("Ó" if word.isupper() else "ó")

    def antecedent_just_before(self, index: int) -> bool:
        previous = self.previous_word(index, _words("no nunca ya"))
        return (
            previous in _THIRD_PERSON_HUMANS
            or previous in ("nadie", "alguien", "ella")
            or (
                index > 0
                and self.tokens[index - 1].kind is Kind.WORD
                and self.tokens[index - 1].text[:1].isupper()
                and index - 1 > 0
            )
        )

    def enclitic(self, index: int) -> bool:
        """ "llamarme" -> "llamarle", "quedarme" -> "quedarse", "entregármelo" -> "entregárselo"."""
        word = self.low[index]
        if not word.endswith(_ENCLITICS):
            return False  # most words: one test, not one per clitic
        for clitic in _ENCLITICS:
            if not word.endswith(clitic) or len(word) < len(clitic) + 2:
                continue
            base = _strip_accent(word[: -len(clitic)])
            if not any(form.tense in _VERB_PARTS for form in verbs.analyse(base)):
                continue
            if clitic in ("les", "os"):
                if clitic == "les" and self.antecedent:
                    return False
                new = "nos"
            else:
                reflexive = not any(
                    not token.customer and token.person is not None
                    for token in self.tokens[:index]
                    if token.kind is Kind.WORD
                ) or self.last_finite_is_customer(index)
                single = clitic.startswith("me")
                if clitic in ("me", "nos"):
                    new = "se" if reflexive else ("le" if clitic == "me" else "les")
                else:  # "-melo", "-noslo": le/les before lo is se
                    new = "se" + clitic[2:] if single else "se" + clitic[3:]
            original = self.tokens[index].text
            self.out[index] = original[: len(original) - len(clitic)] + new
            return True
        return False

    def last_finite_is_customer(self, index: int) -> bool:
        for token in reversed(self.tokens[:index]):
            if token.person is not None:
                return token.customer
        return True

    def possessive_su(self, index: int, word: str) -> None:
        """The business's "su/sus" -> "nuestro/nuestra/nuestros/nuestras", agreeing with the noun after it."""
        noun_index = self.next_word_index(index)
        noun = self.word(noun_index)
        if not noun:
            return
        if self.antecedent and fold(noun) not in _BUSINESS_NOUNS:
            return
        feminine = _is_feminine(noun)
        new = "nuestra" if feminine else "nuestro"
        self.put(index, new + ("s" if word == "sus" else ""))

    def of_ours(self, index: int) -> bool:
        """ "la web de ustedes" -> "nuestra web", "el de ustedes" -> "el nuestro" (not "de nosotros"): said at the
        article, and "de ustedes" goes. False (nothing done) where no article and noun come before "de"."""
        if self.word(index - 1) != "de" or self.tokens[index - 1].space == "":
            return False
        article = self.word(index - 2)
        if article in _ARTICLE_OURS:
            self.put(index - 2, f"{article} {_ARTICLE_OURS[article]}")
        elif self.word(index - 3) in _ARTICLE_OURS and fold(article) not in _PREPOSITIONS | _CONJUNCTIONS | _PARTS:
            self.put(index - 3, _ARTICLE_OURS[self.word(index - 3)])
        else:
            return False
        self.out[index - 1] = self.out[index] = ""
        return True

    # -- the pass ------------------------------------------------------------------------------------------------

    def run(self) -> list[Token]:
        for index, token in enumerate(self.tokens):
            if token.kind is not Kind.WORD:
                continue
            word = self.low[index]
            folded = fold(word)
            if word in ("yo",):
                self.put(index, "usted")
                self.explicit_subject = True
            elif word == "mí" or (
                word == "mi"
                and self.previous_word(index) in _PREPOSITIONS
                and self.word(index + 1) in _NO_NOUN_AFTER_MI
            ):
                self.put(index, "usted")
            elif word in _CUSTOMER_WORDS and not (
                word.startswith("nuestr") and self.previous_word(index) in ("el", "la", "los", "las", "lo")
            ):
                self.put(index, _CUSTOMER_WORDS[word])
                self.explicit_subject = word in ("nosotros", "nosotras")
            elif word.startswith("nuestr"):
                self.put(index, "suy" + word[len("nuestr") :])
            elif (
                word == "estamos"
                and self.word(index + 1) == "a"
                and index + 2 < len(self.tokens)
                and (fold(self.word(index + 2)) in _DAYS or self.tokens[index + 2].kind is Kind.FACT)
            ):
                self.put(index, "ya es")  # "y estamos a viernes": the date, not the customer
                self.out[index + 1] = ""
            elif word in ("me", "nos", "te"):
                self.proclitic(index, word)
            elif word in ("tu", "tus") and fold(self.word(self.next_word_index(index))) in _BUSINESS_NOUNS:
                self.possessive_su(index, "sus" if word == "tus" else "su")  # "tu camarero": the business's
            elif word in _GENERIC_YOU:
                self.put(index, _GENERIC_YOU[word])
            elif word == "vos" or (word == "tú" and self.tu_did_it(index)):
                self.put(index, "nosotros")
                self.vos_subject = self.previous_word(index) not in _PREPOSITIONS
            elif word in ("ustedes", "usted") and self.of_ours(index):
                pass
            elif word in ("ustedes", "usted"):
                self.put(index, "nosotros")
                self.business_subject = self.previous_word(index) not in _PREPOSITIONS
            elif word in _BUSINESS_WORDS:
                self.put(index, _BUSINESS_WORDS[word])
            elif word in ("su", "sus"):
                self.possessive_su(index, word)
            elif word == "les" and self.les_is_business(index):
                self.put(index, "nos")
            elif self.said_to_us(index) and self.aimed_at_customer(index):
                self.vos_subject = True  # "tenés que devolverme la plata": the "tú" who owes the customer is us
                self.business_verb(index)
                continue
            elif self.business_verb(index):
                continue
            elif (form := self.customer_verb(index) or self.pague(index)) is not None:
                self.convert_customer_verb(index, form)
                continue
            elif self.enclitic(index):
                continue
            else:
                self.accent_restored(index)
                self.note(index, folded)
        return self.rendered()

    def les_is_business(self, index: int) -> bool:
        """ "les escribí" (to the business) but not "a los técnicos les dije" (someone else)."""
        if self.antecedent:
            return False
        verb_index = self.verb_after_clitics(index)
        verb = self.word(verb_index)
        first_person = (Person.SINGULAR_1, Person.PLURAL_1)
        return bool(verb) and any(form.person in first_person for form in _finite_readings(verb))

    def note(self, index: int, folded: str) -> None:
        """Remember third persons: a named person (for "su") and someone else's verb (for "usted")."""
        token = self.tokens[index]
        if folded in _THIRD_PERSON_HUMANS or (
            token.text[:1].isupper() and index > 0 and self.tokens[index - 1].kind is Kind.WORD
        ):
            self.antecedent = True
        readings = _finite_readings(self.low[index])
        if not readings:
            return  # most words: no verb, so no need to look at the word before
        previous = self.previous_word(index)
        if (previous in _DETERMINERS and not self.after_adverb_mismo(index)) or previous in _PREPOSITIONS:
            return
        if readings and not (verbs.is_nounlike(self.low[index]) and previous not in _STRONG_VERB_CONTEXT):
            token.person = readings[0].person
            if readings[0].person in (Person.SINGULAR_3, Person.PLURAL_3):
                self.others.append(readings[0].person)
            if self.previous_word(index, _CLITICS) != "que":  # "dijo que venía … y apareció": "dijo" goes on
                self.third_preterite = readings[0].person is Person.SINGULAR_3 and readings[0].tense is Tense.PRETERITE
            self.business_subject = False

    def rendered(self) -> list[Token]:
        out: list[Token] = []
        for index, token in enumerate(self.tokens):
            if not self.out[index]:
                continue  # a word said with the one before it ("estamos a" -> "ya es")
            if index in self.insert:
                out.append(Token(Kind.WORD, self.insert[index], token.space))
                token = Token(token.kind, self.out[index], " ", token.customer, token.person)
            else:
                token = Token(token.kind, self.out[index], token.space, token.customer, token.person)
            if " " in token.text and token.kind is Kind.WORD:  # "conmigo" -> "con usted"
                first, _, second = token.text.partition(" ")
                out.append(Token(Kind.WORD, first, token.space))
                out.append(Token(Kind.WORD, second, " "))
            else:
                out.append(token)
        return out


def _is_feminine(noun: str) -> bool:
    word = noun.lower()
    singular = word[:-1] if word.endswith("s") and not word.endswith("ís") else word
    if word in _MASCULINE_IN_A or singular in _MASCULINE_IN_A:
        return False
    if singular in _FEMININE_OTHER or word in _FEMININE_OTHER:
        return True
    return singular.endswith(("a", "ción", "sión", "dad", "tad", "tud", "umbre", "ie")) or word.endswith("ciones")


_PAST_RE = re.compile(r"\w+(?:é|ó|aron|ieron|aba|abamos|ábamos|ía|íamos|ado|ido)\b")
_PRESENT_RE = re.compile(r"\b(?:todavía|todavia|aún|aun|seguimos|sigo|ahora|siempre|cada|hoy|desde\s+hace)\b")


def speaks_of_the_past(text: str) -> bool:
    """Does the customer tell what happened? Complaints mostly do: "esperamos" is "esperaron" unless the text
    says it is still going on ("todavía esperamos")."""
    return not _PRESENT_RE.search(text.lower())


def tells_a_past_event(text: str) -> bool:
    """Is there a preterite, imperfect or perfect in the text (so "cuando llegue" was typed for "llegué")?"""
    return bool(_PAST_RE.search(text.lower()))


def rewrite(tokens: list[Token], text: str) -> list[Token]:
    """The sentence from our point of view (see the module's docstring); ``text`` is the whole answer, which says
    whether the customer tells what happened or what is still going on."""
    return Rewriter(tokens, *_tenses(text)).run()


@lru_cache(maxsize=1)
def _tenses(text: str) -> tuple[bool, bool]:
    """``speaks_of_the_past`` and ``tells_a_past_event`` of the whole answer, read once for all its sentences (two
    searches of the whole answer for each sentence cost some 200 µs over a long answer)."""
    return speaks_of_the_past(text), tells_a_past_event(text)


# ---------------------------------------------------------------------------------------------------------------
# What a sentence is
# ---------------------------------------------------------------------------------------------------------------


class Shape(StrEnum):
    CLAUSE = "clause"  # "el técnico llegó tarde"
    PHRASE = "phrase"  # "la forma en que nos habló", "cómo nos habló"
    THAT = "that"  # "que nadie me llamara" (the customer's own "que" clause, in their mood)
    INFINITIVE = "infinitive"  # "tener que esperar 40 minutos"
    QUESTION = "question"  # "¿por qué nadie me llama?"
    REQUEST = "request"  # "devuélvanme mi dinero" -> "le devolvamos su dinero"
    WISH = (
        "wish"  # "quiero que me devuelvan el dinero", "que me devuelvan el dinero": what they want, not what happened
    )


_FIRST_PERSON_CONTEXT = frozenset({"^", "yo", "no", "y", "e", "que", "pero", "cuando", "ya", "tambien", "nunca"})
"""Words after which an unaccented "-e" may be the customer's own past verb ("y pague", "ya pague")."""
_DEPENDENT_MOODS = frozenset(
    {verbs.Tense.SUBJUNCTIVE, verbs.Tense.SUBJUNCTIVE_PAST, verbs.Tense.SUBJUNCTIVE_PAST_SE, verbs.Tense.IMPERATIVE}
)
_MOOD_CONTEXT = frozenset({"^", "que", "ojala", "quizas", "quiza", "tal", "no", "ni"})
"""Words after which a subjunctive or an imperative can be a sentence's verb."""


def is_finite_verb(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    if token.kind is not Kind.WORD:
        return False
    word = token.text.lower()
    if names_a_reference(tokens, index):
        return False
    if word in ("esta", "estan") and index > 0 and fold(tokens[index - 1].text) in _CLITICS:
        return True  # "se esta cayendo": "está", typed without its accent (no "this" comes after a pronoun)
    readings = _finite_readings(word)
    restored = not readings and word.endswith("e")  # "pague" typed for "pagué"
    if restored:
        readings = _finite_readings(word[:-1] + "é")
    if not readings or word in _DETERMINERS or word in _PREPOSITIONS or word in _CLITICS:
        return False
    previous = fold(tokens[index - 1].text) if index > 0 and tokens[index - 1].kind is Kind.WORD else "^"
    if restored and previous not in _FIRST_PERSON_CONTEXT and previous not in _CLITICS:
        return False  # "la factura doble" typed without accents is not "doblé"; "yo pague", "le pague" stay verbs
    if (
        all(form.tense in _DEPENDENT_MOODS for form in readings)
        and previous not in _MOOD_CONTEXT
        and previous not in _CLITICS
    ):
        return False  # "el cobro doble": a subjunctive or imperative needs a "que" (or a clitic, an opening) first
    if previous in _DETERMINERS - _CLITICS or previous in _PREPOSITIONS:
        return False
    if previous in _CLITICS and verbs.is_nounlike(word):
        return False  # "la factura"
    return not (verbs.is_nounlike(word) and previous not in _STRONG_VERB_CONTEXT and previous != "^")


def shape_of(tokens: list[Token], question: bool) -> Shape:
    words = [token for token in tokens if token.kind is Kind.WORD]
    if question:
        return Shape.QUESTION
    if not words:
        return Shape.PHRASE
    first = words[0].text.lower()
    if first == "que":
        return Shape.THAT
    if first in _WH_OPENERS or (
        first == "lo" and len(words) > 1 and fold(words[1].text) in ("que", "mal", "poco", "mucho", "tarde", "de")
    ):
        return Shape.PHRASE
    if _opens_with_infinitive(words):
        return Shape.INFINITIVE
    subordinate = relative_verb_seen = False
    for index, token in enumerate(tokens):
        if token.kind is not Kind.WORD:
            continue
        if fold(token.text) in _RELATIVES and index > 0:
            subordinate, relative_verb_seen = True, False
        elif fold(token.text) in _CONJUNCTIONS:
            relative_verb_seen = False
        elif is_finite_verb(tokens, index):
            if not subordinate or relative_verb_seen:
                return Shape.CLAUSE  # "las vistas que pagamos resultaron ser …": the second verb is the sentence's
            relative_verb_seen = True
    return Shape.PHRASE


def _opens_with_infinitive(words: list[Token]) -> bool:
    first = fold(words[0].text)
    if first == "no" and len(words) > 1:
        first = fold(words[1].text)
    base = first
    for clitic in ("melo", "mela", "me", "nos", "se", "le", "les", "lo", "la"):
        if first.endswith(clitic) and first.endswith(("r" + clitic)):
            base = first[: -len(clitic)]
            break
    return base.endswith(("ar", "er", "ir")) and any(form.tense is Tense.INFINITIVE for form in verbs.analyse(base))


_ENCLITIC_SPLIT = ("melos", "melas", "melo", "mela", "noslo", "nosla", "me", "nos", "lo", "la", "los", "las")
_PROCLITIC_FOR = {
    "me": "le",
    "nos": "les",
    "melo": "se lo",
    "mela": "se la",
    "melos": "se los",
    "melas": "se las",
    "noslo": "se lo",
    "nosla": "se la",
    "lo": "lo",
    "la": "la",
    "los": "los",
    "las": "las",
}


_TO_THE_CUSTOMER = frozenset({"me", "nos", "melo", "mela", "melos", "melas", "noslo", "nosla"})
"""Enclitics that make an imperative a request to us: a tú imperative is the same word as a third person ("falta
una pieza"), so it is read as a request only with one of them ("devuélveme", "llámame") or, for vos, its accent."""


def as_request(tokens: list[Token]) -> bool:
    """ "devuélvanme mi dinero" (already "su dinero") -> "le devolvamos su dinero", for "quiere que …": a request
    to the business (ustedes, vosotros, tú or vos imperative) becomes what they want us to do. False if it is none."""
    words = [index for index, token in enumerate(tokens) if token.kind is Kind.WORD]
    if not words:
        return False
    start = words[0]
    if fold(tokens[start].text) == "por" and len(words) > 1 and fold(tokens[words[1]].text) == "favor":
        start = words[2] if len(words) > 2 else start
    word = _strip_accent(tokens[start].text.lower())
    for clitic in ("", *_ENCLITIC_SPLIT):
        base = word[: len(word) - len(clitic)] if clitic else word
        if clitic and not word.endswith(clitic):
            continue
        to_customer = clitic in _TO_THE_CUSTOMER
        typed = tokens[start].text.lower()
        accented = not clitic and typed[-1:] in ("á", "é", "í") and not verbs.analyse(typed)  # "está" is no vos
        vos = (
            [Form(base + "r", Tense.IMPERATIVE, Person.SINGULAR_2)]
            if (to_customer or accented) and verbs.is_verb(base + "r")
            else []
        )  # vos: "devolveme", "llamame", "arreglá"
        for form in [*verbs.analyse(base), *vos]:
            if (
                (form.tense is Tense.IMPERATIVE and form.person in (Person.PLURAL_3, Person.PLURAL_2))
                or (form.tense is Tense.SUBJUNCTIVE and form.person is Person.PLURAL_3)
                or (form.tense is Tense.IMPERATIVE and form.person is Person.SINGULAR_2 and (to_customer or accented))
            ):
                ours = verbs.conjugate(form.infinitive, Tense.SUBJUNCTIVE, Person.PLURAL_1)
                if ours is None:
                    continue
                said = f"{_PROCLITIC_FOR[clitic]} {ours}" if clitic else ours
                del tokens[:start]
                tokens[0] = Token(Kind.WORD, said, "")
                return True
    return False


_WISH_VERBS = _words("quiere quieren exige exigen pide piden necesita necesitan quisiera quisieran gustaría")
_WISH_OPENERS = _words("solo sólo simplemente únicamente ahora ya yo usted")
_DEMANDED = frozenset(
    """
    devolver reembolsar abonar pagar arreglar reparar solucionar resolver llamar contestar responder venir mandar
    enviar reponer compensar indemnizar quitar anular retirar dar hacer cambiar sustituir recoger traer explicar
""".split()
)
"""What customers demand of a business with a bare "que" and the subjunctive ("que me devuelvan el dinero")."""
_URGENT = re.compile(r"\b(?:ya|de\s+una\s+vez|cuanto\s+antes|inmediatamente|lo\s+antes\s+posible|ahora\s+mismo)\b")


def is_wish(tokens: list[Token]) -> bool:
    """Does the sentence (in our voice already) say what the customer wants rather than what happened: "quiere que
    le devuelvan el dinero", "le gustaría que …", "exige que …"?"""
    words = [fold(token.text) for token in tokens if token.kind is Kind.WORD]
    index = 0
    while index < len(words) and words[index] in _WISH_OPENERS:
        index += 1
    if words[index : index + 2] in (["le", "gustaria"], ["les", "gustaria"]):
        index += 1
    return words[index : index + 2] in ([verb, "que"] for verb in _WISH_VERBS)


def is_demand(tokens: list[Token]) -> bool:
    """After the customer's bare "que": is it a demand ("que me devuelvan el dinero", "que alguien me coja el
    teléfono de una vez") rather than what happened ("que me colgaran el teléfono", "que tenga que crearme una
    cuenta")? A demand is a present subjunctive addressed to the business (they, you all, someone) of something one
    asks a business to do, or of anything at all when said with "ya" or "de una vez"."""
    words = [token for token in tokens if token.kind is Kind.WORD][1:]
    someone = False
    for token in words:
        word = token.text.lower()
        if fold(word) in _CLITICS or fold(word) == "no":
            continue
        if fold(word) == "alguien":
            someone = True
            continue
        # our rewriting has already made "que me arregléis" ours: "que le arreglemos"
        persons = (Person.PLURAL_3, Person.PLURAL_2, Person.PLURAL_1, *((Person.SINGULAR_3,) if someone else ()))
        asked = [form for form in verbs.analyse(word) if form.tense is Tense.SUBJUNCTIVE and form.person in persons]
        urgent = _URGENT.search(render(tokens).lower()) is not None
        return any(form.infinitive in _DEMANDED or urgent for form in asked)
    return False


def is_plural_phrase(tokens: list[Token]) -> bool:
    """Does the noun phrase open in the plural ("los retrasos", "retrasos constantes")?"""
    words = [token for token in tokens if token.kind is Kind.WORD]
    if not words:
        return False
    first = words[0].text.lower()
    return fold(first) in _PLURAL_OPENERS or (
        first.endswith("s")
        and fold(first) not in _DETERMINERS
        and not verbs.analyse(first)
        and len(first) > 3
        and fold(first) not in _QUESTION_WORDS
        and fold(first) not in _COMMON
    )


def is_common_word(word: str) -> bool:
    """A capitalised word that only opens the sentence (lower-cased after a frame), not a name."""
    low = fold(word)
    return bool(
        low in _DETERMINERS
        or low in _PREPOSITIONS
        or low in _CLITICS
        or low in _CONJUNCTIONS
        or low in _STRONG_VERB_CONTEXT
        or low in _NOT_VERBS
        or low in _QUESTION_WORDS
        or low in _INSULT_FILLER
        or low in _COMMON
        or verbs.analyse(word.lower())
        or word.isupper()
    )


_COMMON = _words("""
    usted ustedes nosotros él ella ellos ellas nadie alguien nada algo todo hoy ayer mañana anoche después antes
    luego entonces ahora aquí allí ahí así tampoco también esto eso aquello hola tres dos cuatro cinco seis siete
    ocho nueve diez cien mil media medio hace llevamos desde hasta tras
""")
