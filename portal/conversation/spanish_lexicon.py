"""Spanish words that say what a complaint is about, in every form customers type them.

The phrase cues in ``spanish`` read how customers put things; this lexicon reads single words, so that an answer no
phrase reads ("la pantalla vino agrietada", "chirrían los frenos") is still filed. Each word adds
``LEXICON_POINTS``: enough, counted three times for what bothered them most, to file an answer on its own; too
little to outweigh a phrase cue.

A word is looked up the way Spanish builds it, so one entry serves its whole family:

- accents optional ("devolucion", "rompio", "telefono"): keys and words are compared without accents, and a verb
  typed without its final accent ("rompio", "tardo") is read as the accented form;
- nouns and adjectives in any gender and number ("groseras" -> "grosero"), diminutives ("maquinita" ->
  "máquina", "poquito" -> "poco") and superlatives ("lentísimo" -> "lento", "sucísima" -> "sucio");
- verbs in every person and tense through the conjugation table (``spanish_verbs``), participles used as
  adjectives in any gender and number ("agrietadas" -> "agrietar");
- word families (``STEMS``): any word that starts with the stem ("chirría", "chirrido", "chirriando"), for verbs
  the table does not hold and families whose nouns, verbs and adjectives share a stem. A stem is long enough to
  name one family only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from portal.conversation import spanish_verbs as verbs
from portal.conversation.spanish_grammar import fold
from portal.conversation.vocabulary import Category

LEXICON_POINTS = 0.7

_L, _B, _Q, _D = Category.LATENESS, Category.BILLING, Category.QUALITY, Category.DAMAGE
_S, _M, _V, _C = Category.STAFF, Category.MISSING_ITEM, Category.DELIVERY, Category.COMMUNICATION


def _entries(**words: str) -> dict[str, Category]:
    """``lateness="tardar retrasar"`` -> {"tardar": LATENESS, "retrasar": LATENESS}, keys without accents."""
    return {fold(word): Category(category) for category, text in words.items() for word in text.split()}


VERBS: dict[str, Category] = _entries(
    lateness="tardar retrasar demorar aplazar posponer esperar plantar atrasar eternizar retardar",
    billing="cobrar facturar reembolsar abonar cargar estafar timar pagar descontar sablear cotizar encarecer",
    quality="estropear averiar fallar gotear atascar reparar durar funcionar servir encender enfriar calentar arreglar"
    " limpiar centrifugar oxidar pudrir agriar apestar rechinar vibrar parpadear desafinar descoser hundir"
    " despegar desprender encoger desteñir",
    damage="romper rayar abollar dañar manchar rajar quemar inundar destrozar golpear arañar agrietar aplastar doblar"
    " mojar astillar desconchar perforar agujerear reventar empapar rasgar desgarrar pinchar quebrar chafar"
    " machacar deformar resquebrajar estrellar cascar",
    staff="gritar insultar burlar ignorar despreciar humillar amenazar acusar chillar disculpar empujar vacilar agarrar"
    " ningunear menospreciar regañar increpar ofender maltratar resoplar discriminar culpar",
    missing_item="faltar olvidar equivocar confundir omitir",
    delivery="entregar repartir extraviar enviar mandar transportar",
    communication="avisar contestar responder informar explicar comunicar notificar contactar llamar escribir enterar"
    " confirmar",
)
"""Verbs by infinitive: every form counts ("tardaron", "tardará", "tardándose" …)."""

NEGATION_IS_THE_COMPLAINT = frozenset(
    fold(word)
    for word in (
        "funcionar servir encender enfriar calentar arreglar limpiar centrifugar avisar contestar responder informar"
        " explicar comunicar notificar entregar contactar llamar confirmar"
    ).split()
)
"""Verbs whose negation is the complaint itself ("no funciona", "no me avisaron"): negation does not cancel them."""

THEIR_ACTIONS = frozenset(fold(word) for word in "entregar repartir enviar mandar transportar".split())
"""Verbs that say what a delivery problem is only when the business does them: "mandé el parte" and "les envié
tres correos" are the customer's own (first person), not a parcel."""

WORDS: dict[str, Category] = _entries(
    lateness="retraso demora espera puntualidad impuntual impuntualidad plantón atraso tardanza eternidad",
    billing="factura cobro cargo precio presupuesto tarifa cuota recibo importe euro dinero reembolso coste costo"
    " gasto caro devolución descuento comisión recargo suplemento fianza multa penalización ticket extracto"
    " permanencia deuda impuesto propina tasa sobrecoste sobreprecio costoso abusivo timo estafa doble"
    " mensualidad matrícula",
    quality="calidad avería fallo defecto defectuoso sucio crudo soso rancio chapuza estropeado averiado mediocre"
    " deficiente lento lentitud ruidoso ruido chirrido goteo gotera fuga humedad moho olor peste tufo mugre"
    " mugriento grasiento pegajoso congelado podrido caducado chapucero inservible cutre birria"
    " porquería insípido torcido desigual descuadrado desnivelado flojo bicho cucaracha mosca"
    " graduación sabor",
    damage="daño rayón golpe mancha grieta abolladura desperfecto roto arañazo rasguño rotura bollo boquete agujero"
    " quemadura desconchón fisura raja cerco añicos trizas astilla roce rozadura arrancado destrozo"
    " estropicio inundación abollón tajo",
    staff="trato actitud educación grosero maleducado borde antipático desagradable prepotente respeto camarero"
    " empleado dependiente recepcionista encargado conductor profesionalidad profesional disculpa perdón"
    " chulería chulo bordería prepotencia desprecio desplante soberbia arrogante arrogancia altanero"
    " despectivo condescendiente impertinente descarado descaro bronca modales grosería",
    missing_item="incompleto equivocado error talla faltante incorrecto vacío",
    delivery="paquete envío entrega repartidor mensajero reparto seguimiento buzón transportista paquetería"
    " mensajería courier tránsito bulto destinatario remitente albarán portes transporte aduana encomienda",
    communication="llamada correo email mensaje respuesta aviso información teléfono chat explicación comunicación"
    " contestador centralita operador teleoperador bot silencio acuse sms whatsapp mail noticia"
    " novedad notificación versión",
)
"""Nouns and adjectives in the masculine singular (or as a noun is said); every form counts."""

STEMS: dict[str, Category] = _entries(
    lateness="impuntual",
    billing="factur reembols sobrecost sobrepreci",
    quality="chirri atranc desafin descosi deshilach oxidad enmohec",
    damage="astill desconch abolla agriet resquebraj despostill desportill",
    staff="chuler prepoten ningune menospreci despectiv condescend impertinen maleduca",
    missing_item="incomplet",
    communication="telefon notific",
)
"""Word families by stem: "chirri" reads "chirría", "chirrían", "chirrido" and "chirriando" alike."""

_STEM_LENGTHS = sorted({len(stem) for stem in STEMS}, reverse=True)
_DIMINUTIVES = (
    ("quito", "co"),
    ("quita", "ca"),
    ("guito", "go"),
    ("guita", "ga"),
    ("cito", "o"),
    ("cita", "a"),
    ("ito", "o"),
    ("ita", "a"),
    ("illo", "o"),
    ("illa", "a"),
)
_SUPERLATIVES = (
    ("quisimo", "co"),
    ("guisimo", "go"),
    ("bilisimo", "ble"),
    ("isimo", "o"),
    ("isimo", "io"),
    ("isimo", "e"),
)


def word_forms(word: str) -> tuple[str, ...]:
    """The forms a folded noun or adjective may come from, itself first: "groseras" -> "grosera", "grosero";
    "maquinitas" -> "maquina"; "sucisima" -> "sucio"."""
    forms = [word]
    if word.endswith("ces") and len(word) > 4:
        forms.append(word[:-3] + "z")
    if word.endswith("es") and len(word) > 4:
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    forms += [form[:-1] + "o" for form in list(forms) if form.endswith("a")]
    for form in list(forms):
        for ending, base in (*_DIMINUTIVES, *_SUPERLATIVES):
            if form.endswith(ending) and len(form) - len(ending) >= 2:
                forms.append(form[: len(form) - len(ending)] + base)
    return tuple(dict.fromkeys(forms))


_DEVERBAL = (
    ("amientos", "ar"),
    ("amiento", "ar"),
    ("imientos", "er"),
    ("imientos", "ir"),
    ("imiento", "er"),
    ("imiento", "ir"),
    ("aciones", "ar"),
    ("ación", "ar"),
    ("acion", "ar"),
    ("aduras", "ar"),
    ("adura", "ar"),
    ("iduras", "ir"),
    ("idura", "ir"),
)
"""Nouns Spanish makes of verbs: "hundimiento" (hundir), "cancelación" (cancelar), "rozadura" (rozar)."""


def _deverbal(word: str) -> str | None:
    """The lexicon verb a noun is made of ("hundimiento" -> "hundir"), or None."""
    for ending, infinitive_ending in _DEVERBAL:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            infinitive = fold(word[: len(word) - len(ending)] + infinitive_ending)
            if infinitive in VERBS:
                return infinitive
    return None


def _verb_readings(word: str) -> tuple[verbs.Form, ...]:
    """The word's readings as a verb, accents optional ("rompio"), and a participle in any gender and number
    ("agrietadas") as the participle."""
    readings = verbs.analyse_typed(word)
    if readings:
        return readings
    for form in word_forms(word)[1:]:
        if form.endswith(("ado", "ido")):
            readings = tuple(reading for reading in verbs.analyse(form) if reading.tense is verbs.Tense.PARTICIPLE)
            if readings:
                return readings
    return ()


_FIRST_PERSONS = (verbs.Person.SINGULAR_1, verbs.Person.PLURAL_1)


@lru_cache(maxsize=8192)
def entry(word: str) -> tuple[Category | None, bool]:
    """The lower-case word's category in the lexicon (None if it has none), and whether a negation before it
    cancels it."""
    folded = fold(word)
    category = next((WORDS[form] for form in word_forms(folded) if form in WORDS), None)
    if category is not None or len(folded) <= 3:
        return category, True
    readings = [reading for reading in _verb_readings(word) if reading.infinitive in VERBS]
    if readings:
        infinitive = readings[0].infinitive
        theirs = not any(
            reading.person in _FIRST_PERSONS and reading.tense < verbs.Tense.INFINITIVE for reading in readings
        )
        if infinitive in THEIR_ACTIONS and not theirs:
            return None, True
        return VERBS[infinitive], infinitive not in NEGATION_IS_THE_COMPLAINT
    deverbal = _deverbal(word)
    if deverbal is not None:
        return VERBS[deverbal], True
    for length in _STEM_LENGTHS:
        if len(folded) >= length and folded[:length] in STEMS:
            return STEMS[folded[:length]], True
    return None, True


_WORD_RE = re.compile(r"[^\W\d_]+")


def lexicon_scores(text: str, negated: Callable[[str, int], bool]) -> dict[Category, float]:
    """Points from the lexicon for every word of the text that has a category; ``negated(lowered, start)`` says
    whether a negation cancels the word at ``start``."""
    totals: dict[Category, float] = {}
    lowered = text.lower()
    for match in _WORD_RE.finditer(lowered):
        category, negation_counts = entry(match.group())
        if category is None or (negation_counts and negated(lowered, match.start())):
            continue
        totals[category] = totals.get(category, 0.0) + LEXICON_POINTS
    return totals
