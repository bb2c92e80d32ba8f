"""Spanish: what the customer told us, said back in our voice (usted, nosotros), the apology, cues and tone."""

from __future__ import annotations

import re
import time

import pytest

from portal.conversation import (
    Category,
    Tone,
    apologise,
    apologise_more,
    classify,
    has_justification,
    paraphrase,
    read_tone,
    restate,
)
from portal.conversation.spanish_verbs import Person, Tense, analyse, conjugate, is_nounlike
from tests.support import corpus

ANSWERS = corpus("es")
GOLDENS = [answer for answer in ANSWERS if "restatement" in answer and "known_gap" not in answer]

FIRST_PERSON = re.compile(
    r"\b(?:yo|me|mi|mis|mí|conmigo|mío|mía|míos|mías|estoy|soy|voy|tengo|llevo|quiero|puedo|he)\b"
    r"|\b(?!(?:qu|aqu|all|ah|as|s|ti|caf|beb|jos)[éí]\b)\w{2,}[éí]\b",
    re.IGNORECASE,
)


def said(text: str) -> str:
    return restate(text, "es")


@pytest.mark.parametrize("answer", GOLDENS, ids=[answer["id"] for answer in GOLDENS])
def test_the_approved_restatement_and_apology(answer):
    assert restate(answer["text"], "es") == answer["restatement"]
    assert apologise(answer["category"], answer["text"], "es") == answer["apology"]


def test_the_corpus_keeps_enough_approved_answers():
    assert len(ANSWERS) >= 150 and len(GOLDENS) >= 50


@pytest.mark.parametrize("answer", ANSWERS, ids=[answer["id"] for answer in ANSWERS])
def test_nothing_in_the_customers_voice_is_left_and_nothing_is_quoted(answer):
    restated, apology = said(answer["text"]), apologise(answer["category"], answer["text"], "es")
    assert FIRST_PERSON.findall(f"{restated} {apology}") == []
    # A word the customer quoted ("me dijeron "mañana"") may stay in each of our sentences; a mark of our own may not
    for ours in (restated, apology):
        assert all(ours.count(mark) <= answer["text"].count(mark) for mark in '«»"“”'), ours
        assert "!!" not in ours


# --- The customer's first person becomes usted ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, ours",
    [
        ("se rompió mi caldera", "se rompió su caldera"),
        ("tiraron mis cosas", "tiraron sus cosas"),
        ("nadie habló conmigo", "nadie habló con usted"),
        ("para mí es importante", "para usted es importante"),
        ("dicen que es culpa mía", "dicen que es culpa suya"),
        ("me cobraron de más", "le cobraron de más"),
        ("nos dejaron sin mesa", "les dejaron sin mesa"),
        ("rayaron nuestro coche", "rayaron su coche"),
        ("perdieron nuestras maletas", "perdieron sus maletas"),
        ("a mí me dijeron otra cosa", "a usted le dijeron otra cosa"),
        ("yo no pedí eso", "usted no pidió eso"),
    ],
)
def test_pronouns_of_the_customer_become_usted(text, ours):
    assert ours in said(text)


@pytest.mark.parametrize(
    "text, ours",
    [
        ("pagué 50 euros", "pagó 50 euros"),
        ("tuve que esperar", "tuvo que esperar"),
        ("estoy harta", "está harta"),
        ("llevo dos semanas así", "lleva dos semanas así"),
        ("esperamos tres horas", "esperaron tres horas"),
        ("he llamado cuatro veces", "ha llamado cuatro veces"),
        ("pedí la sopa", "pidió la sopa"),
        ("fui a la tienda", "fue a la tienda"),
        ("hemos pagado todo", "han pagado todo"),
        ("teníamos una reserva", "tenían una reserva"),
        ("recibí la caja abierta", "recibió la caja abierta"),
        ("llevamos esperando desde el 3 de febrero", "llevan esperando desde el 3 de febrero"),
        ("seguimos sin luz", "siguen sin luz"),
        ("cada vez que intento pagar", "cada vez que intenta pagar"),
        ("tuvimos que irnos a otro sitio", "tuvieron que irse a otro sitio"),
    ],
)
def test_first_person_verbs_take_the_third_person(text, ours):
    assert ours in said(text)


@pytest.mark.parametrize(
    "text, ours",
    [
        ("me quedé sin luz", "se quedó sin luz"),
        ("me enteré por un vecino", "se enteró por un vecino"),
        ("nos quedamos en la calle", "se quedaron en la calle"),
        ("me lo dejaron mal", "se lo dejaron mal"),
        ("tuve que quedarme en casa", "tuvo que quedarse en casa"),
        ("vinieron a cobrarme otra vez", "vinieron a cobrarle otra vez"),
        ("nadie intentó entregármelo", "nadie intentó entregárselo"),
        ("el técnico me dijo que me callara", "le dijo que se callara"),
    ],
)
def test_clitics_are_reflexive_only_where_the_verb_is_the_customers(text, ours):
    assert ours in said(text)


# --- The business becomes nosotros --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, ours",
    [
        ("ustedes dicen que es culpa mía", "nosotros decimos que es culpa suya"),
        ("ustedes me cobraron la instalación", "nosotros le cobramos la instalación"),
        ("me habéis cobrado el doble", "le hemos cobrado el doble"),
        ("vuestro técnico no vino", "nuestro técnico no vino"),
        ("os escribí tres veces", "nos escribió tres veces"),
        ("su técnico llegó tarde", "nuestro técnico llegó tarde"),
        ("su web no funciona", "nuestra web no funciona"),
        ("sus repartidores tiran los paquetes", "nuestros repartidores tiran los paquetes"),
        ("les escribí un correo", "nos escribió un correo"),
    ],
)
def test_the_business_addressed_becomes_we(text, ours):
    assert ours in said(text)


def test_someone_elses_su_stays_theirs():
    assert "el repartidor dejó su furgoneta en su plaza" in said("el repartidor dejó su furgoneta en mi plaza")


def test_a_converted_verb_after_someone_elses_gets_its_subject():
    assert "el tren salió tarde y usted perdió la conexión" in said("el tren salió tarde y perdí la conexión")
    assert "cancelaron su vuelo y se enteró" in said("cancelaron mi vuelo y me enteré")


# --- Shouting, insults, accents -----------------------------------------------------------------------------


def test_shouting_is_brought_to_normal_case_keeping_acronyms():
    ours = said("ME COBRARON EL IVA DOS VECES!!!")
    assert "le cobraron el IVA dos veces" in ours and "!" not in ours


@pytest.mark.parametrize(
    "text, ours, gone",
    [
        ("el imbécil del mensajero tiró la caja", "el mensajero tiró la caja", "imbécil"),
        ("la inútil de la recepcionista no me atendió", "la recepcionista no le atendió", "inútil"),
        ("me cobraron 80 euros, sois unos ladrones", "le cobraron 80 euros", "ladrones"),
        ("esperé como un idiota toda la mañana", "esperó toda la mañana", "idiota"),
        ("me trataron como a una idiota", "le trataron con desprecio", "idiota"),
        ("la mudanza fue un desastre", "la mudanza dejó mucho que desear", "desastre"),
        ("joder, el pedido llegó frío", "el pedido llegó frío", "joder"),
        ("el técnico era un inútil y no arregló nada", "el técnico no arregló nada", "inútil"),
        ("me cobraron 40 €, esto es una vergüenza", "le cobraron 40 €", "vergüenza"),
    ],
)
def test_insults_go_and_the_fact_stays(text, ours, gone):
    result = said(text)
    assert ours in result
    assert gone not in result


@pytest.mark.parametrize(
    "text, ours",
    [
        ("pague 60 euros por nada", "pagó 60 euros por nada"),
        ("recibi la caja rota", "recibió la caja rota"),
        ("el tecnico vino tarde y al final lo arreglo", "lo arregló"),
        ("el repartidor me cobro 5 euros", "le cobró 5 euros"),
    ],
)
def test_missing_accents_are_read_as_meant(text, ours):
    assert ours in said(text)


@pytest.mark.parametrize(
    "text, ours",
    [
        ("me tienen hasta los cojones", "le tienen hasta la coronilla"),
        ("hacen el trabajo como el culo", "hacen el trabajo fatal"),
        ("la lavadora de los cojones sigue rota", "la lavadora sigue rota"),
        ("me siento estúpida por haber confiado en ustedes", "se siente mal por haber confiado en nosotros"),
        ("me tomaron por tonta", "le tomaron el pelo"),
        ("los muy cabrones me cobraron el doble", "le cobraron el doble"),
        ("me dieron una mierda de servicio", "le dieron un servicio"),
        ("los vestuarios están sucios, da asco entrar", "los vestuarios están sucios, es desagradable entrar"),
    ],
)
def test_vulgar_words_are_said_back_in_words_we_can_use(text, ours):
    assert ours in said(text)


def test_a_request_to_us_becomes_what_they_want_us_to_do():
    assert said("devuélvanme mi dinero") == "Entendemos que quiere que le devolvamos su dinero."
    assert said("por favor arreglad la caldera") == "Entendemos que quiere que arreglemos la caldera."
    assert apologise(Category.BILLING, "devuélvanme mi dinero", "es") == (
        "Le pedimos disculpas. Entendemos que quiere que le devolvamos su dinero. "
        "Usted no debería tener que insistir para recuperar su dinero."
    )


def test_the_customers_generic_tu_is_their_own_experience():
    assert "si llama le dicen que espere" in said("si llamas te dicen que esperes")
    assert "luego le cancelan el pedido" in said("la web dice que hay stock y luego te cancelan el pedido")
    assert "faltaban las dos fundas" in said("faltaban las dos fundas")


def test_a_first_sentence_that_only_says_how_they_feel_leaves_the_frame_to_what_happened():
    assert said("Estoy indignada. Cancelé la reserva y me cobraron el 100%") == (
        "Entendemos que canceló la reserva y le cobraron el 100%, y que eso es lo que más le molestó."
    )


def test_the_date_is_not_the_customer():
    assert "le prometieron que le llamarían el lunes y ya es viernes" in said(
        "me prometieron que me llamarían el lunes y estamos a viernes"
    )


def test_a_tag_question_asks_nothing():
    assert said("¿estáis de broma, no?") == "Entendemos que se pregunta si estamos de broma."


def test_a_subjunctive_is_left_as_it_is():
    assert "quiere que le paguen lo que pague" in said("quiero que me paguen lo que pague")


# --- Frames -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("el técnico llegó tarde", "Entendemos que el técnico llegó tarde, y que eso es lo que más le molestó."),
        ("la actitud del encargado", "Entendemos que lo que más le molestó fue la actitud del encargado."),
        ("los retrasos constantes", "Entendemos que lo que más le molestó fueron los retrasos constantes."),
        ("cómo me habló el camarero", "Entendemos que lo que más le molestó fue cómo le habló el camarero."),
        ("que nadie me avisara", "Entendemos que lo que más le molestó fue que nadie le avisara."),
        (
            "Lo que más me molestó fue que nadie me llamó",
            "Entendemos que lo que más le molestó fue que nadie le llamó.",
        ),
        ("tener que llamar cinco veces", "Entendemos que lo que más le molestó fue tener que llamar cinco veces."),
        ("¿por que nadie contesta?", "Entendemos que se pregunta por qué nadie contesta."),
        ("¿es normal tardar tanto?", "Entendemos que se pregunta si es normal tardar tanto."),
        (
            "me molesta que nadie se molestara en llamarme",
            "Entendemos que lo que peor le sentó fue que nadie se molestara en llamarle.",
        ),
    ],
)
def test_each_kind_of_answer_gets_a_frame_that_fits(text, expected):
    assert said(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "el técnico que vino ayer no arregló nada",
            "Entendemos que el técnico que vino ayer no arregló nada, y que eso es lo que más le molestó.",
        ),
        (
            "la actitud del encargado que nos atendió",
            "Entendemos que lo que más le molestó fue la actitud del encargado que les atendió.",
        ),
    ],
)
def test_a_relative_clause_does_not_make_a_noun_phrase_a_clause(text, expected):
    assert said(text) == expected


def test_the_frame_verb_is_never_said_twice():
    assert said("estoy muy molesta porque el técnico no vino") == (
        "Entendemos que está muy molesta porque el técnico no vino."
    )


def test_nothing_left_but_insults_still_gets_a_restatement():
    assert said("sois unos inútiles") == (
        "Entendemos que nuestro servicio no estuvo a la altura, y que eso es lo que más le molestó."
    )


def test_paraphrase_asks_whether_we_understood():
    assert paraphrase("me cobraron dos veces", "es").endswith("¿Es correcto?")


def test_anything_else_is_restated_and_apologised_for_on_its_own():
    assert restate("y además el técnico no se limpió los zapatos", "es", "more") == (
        "Entendemos, además, que el técnico no se limpió los zapatos."
    )
    assert restate("también la suciedad que dejaron", "es", "more") == (
        "Entendemos que también le molestó la suciedad que dejaron."
    )
    assert apologise_more("además me cobraron el desplazamiento", "es") == (
        "También le pedimos disculpas porque le cobraron el desplazamiento."
    )


# --- Apology ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "category, text, ending",
    [
        (Category.BILLING, "me cobraron dos veces la cena", "Nunca debimos cobrarle dos veces por lo mismo."),
        (
            Category.BILLING,
            "sigo esperando el reembolso",
            "Usted no debería tener que insistir para recuperar su dinero.",
        ),
        (
            Category.BILLING,
            "la factura era más alta que el presupuesto",
            "Usted debería haber podido confiar en el precio que le dimos.",
        ),
        (
            Category.LATENESS,
            "el fontanero no vino",
            "Usted organizó su día para recibirnos, y no cumplimos con lo acordado.",
        ),
        (Category.LATENESS, "llegaron 40 minutos tarde", "Su tiempo importa, y no debimos hacerle esperar."),
        (Category.DAMAGE, "me rayaron el coche", "Nos confió su coche, y debimos devolvérselo tal como nos lo dejó."),
        (Category.QUALITY, "la pizza llegó cruda", "Usted merecía una comida bien hecha, y no se la servimos."),
        (Category.STAFF, "el camarero me gritó", "Nadie de nuestro equipo debería hablarle así, nunca."),
        (Category.COMMUNICATION, "cancelaron la cita sin avisar", "Debimos avisarle a tiempo, y no lo hicimos."),
    ],
)
def test_the_second_sentence_fits_the_category_and_what_they_said(category, text, ending):
    assert apologise(category, text, "es").endswith(ending)


@pytest.mark.parametrize(
    "text, opening",
    [
        ("el técnico llegó tarde", "Le pedimos disculpas porque el técnico llegó tarde."),
        ("la actitud del encargado", "Le pedimos disculpas por la actitud del encargado."),
        ("que nadie me avisara", "Le pedimos disculpas por el hecho de que nadie le avisara."),
        ("tener que esperar 40 minutos", "Le pedimos disculpas porque tuvo que esperar 40 minutos."),
        ("no poder hablar con nadie", "Le pedimos disculpas porque no pudo hablar con nadie."),
        ("¿por qué nadie contesta?", "Le pedimos disculpas. Es lógico que se pregunte por qué nadie contesta."),
    ],
)
def test_the_apology_restates_in_the_form_that_fits(text, opening):
    assert apologise(Category.OTHER, text, "es").startswith(opening)


@pytest.mark.parametrize("category", list(Category))
def test_our_own_words_hold_no_excuse(category):
    assert not has_justification(apologise(category, "el técnico llegó tarde", "es"))
    assert not has_justification(apologise_more("el técnico llegó tarde", "es"))


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_is_refused(text):
    with pytest.raises(ValueError):
        restate(text, "es")
    with pytest.raises(ValueError):
        apologise(Category.OTHER, text, "es")


def test_a_long_answer_is_restated_quickly_with_its_facts():
    text = (
        "el técnico llegó a las 11:40 y no a las 9:30, me cobró 89,90 € por la visita y encima me rayó el suelo, " * 60
    )[:5000]
    start = time.perf_counter()
    ours = said(text)
    assert time.perf_counter() - start < 0.5
    assert "89,90 €" in ours and "11:40" in ours and "le cobró" in ours


# --- Category and tone --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, category",
    [
        ("el camarero fue muy grosero", Category.STAFF),
        ("las camareras fueron groseras", Category.STAFF),
        ("me cobraron de más", Category.BILLING),
        ("el cobro no era correcto", Category.BILLING),
        ("van a cobrar otra vez la visita", Category.BILLING),
        ("el tecnico llego tarde", Category.LATENESS),
        ("el paquete nunca llegó", Category.DELIVERY),
        ("faltaban dos piezas", Category.MISSING_ITEM),
        ("nadie me avisó del cambio", Category.COMMUNICATION),
        ("me rompieron el jarrón", Category.DAMAGE),
        ("la comida estaba fría", Category.QUALITY),
        ("el parking no tenía sitio", Category.OTHER),
    ],
)
def test_spanish_cues_read_inflection_and_missing_accents(text, category):
    assert classify("", text, "es") is category


def test_what_comes_after_lo_peor_decides():
    text = "el técnico llegó un poco tarde, pero lo peor fue que me rayó el suelo"
    assert classify("", text, "es") is Category.DAMAGE


def test_an_order_that_comes_late_is_a_delivery_problem_and_a_person_late_is_lateness():
    assert classify("", "el paquete llegó con cinco días de retraso", "es") is Category.DELIVERY
    assert classify("", "el fontanero llegó con dos horas de retraso", "es") is Category.LATENESS
    assert apologise(Category.DELIVERY, "el paquete llegó con cinco días de retraso", "es").endswith(
        "Contaba con recibir su pedido a tiempo, y le fallamos."
    )


def test_a_negated_cue_counts_for_nothing():
    assert classify("", "no llegaron tarde, pero la caja venía abierta y rota", "es") is Category.DAMAGE


@pytest.mark.parametrize(
    "text, tone",
    [
        ("el técnico llegó un poco tarde", Tone.CALM),
        ("estoy bastante decepcionada, otra vez tarde", Tone.FRUSTRATED),
        ("sois unos sinvergüenzas", Tone.ANGRY),
        ("ESTO ES INACEPTABLE", Tone.ANGRY),
        ("LLEGARON TARDE OTRA VEZ", Tone.ANGRY),
        ("me colgaron tres veces, TRES", Tone.ANGRY),
        ("nunca más vuelvo", Tone.ANGRY),
        ("no estoy furiosa, solo cansada", Tone.FRUSTRATED),
    ],
)
def test_spanish_tone(text, tone):
    assert read_tone(text, "es") is tone


# --- The conjugation table ----------------------------------------------------------------------------------


def test_the_table_reads_and_conjugates_irregular_verbs():
    assert {(form.infinitive, form.tense, form.person) for form in analyse("pidió")} == {
        ("pedir", Tense.PRETERITE, Person.SINGULAR_3)
    }
    assert conjugate("tener", Tense.PRETERITE) == "tuvo"
    assert conjugate("decir", Tense.PRESENT, Person.PLURAL_1) == "decimos"
    assert conjugate("pagar", Tense.PRETERITE, Person.SINGULAR_1) == "pagué"
    assert analyse("mesa") == ()
    assert is_nounlike("pago") and not is_nounlike("llevo")


@pytest.mark.parametrize("text", ["el cobro doble", "la factura doble", "un trato pésimo"])
def test_a_noun_phrase_with_an_adjective_that_looks_like_a_verb_is_framed_as_a_phrase(text):
    assert restate(text, "es") == f"Entendemos que lo que más le molestó fue {text}."
