"""Spanish, on answers nobody wrote for the corpus: word families, ways any customer says it, wishes, acronyms.

Every sentence here is written for these tests; none is a corpus answer.
"""

from __future__ import annotations

import pytest

from portal.conversation import Category, Tone, apologise, classify, read_tone, restate
from portal.conversation.spanish_lexicon import entry, word_forms


def said(text: str) -> str:
    return restate(text, "es")


# --- One entry reads the whole family of a word --------------------------------------------------------------


@pytest.mark.parametrize("word, base", [
    ("groseras", "grosero"),  # gender and number
    ("maquinitas", "maquina"),  # diminutive
    ("poquito", "poco"),
    ("sucisima", "sucio"),  # superlative
    ("lentisimo", "lento"),
    ("luces", "luz"),
])
def test_a_noun_or_adjective_is_read_from_its_base_form(word, base):
    assert base in word_forms(word)


@pytest.mark.parametrize("word, category", [
    ("agrietadas", Category.DAMAGE),  # a participle as an adjective, feminine plural
    ("rompio", Category.DAMAGE),  # a verb typed without its accent
    ("chirriaban", Category.QUALITY),  # a family by its stem: a verb the conjugation table lacks
    ("telefono", Category.COMMUNICATION),  # a noun typed without its accent
    ("reembolsaron", Category.BILLING),
    ("mandaron", Category.DELIVERY),  # the business sent it
])
def test_a_word_of_the_lexicon_counts_in_any_form(word, category):
    assert entry(word)[0] is category


@pytest.mark.parametrize("word", ["mandé", "mande", "enviamos"])
def test_what_the_customer_sent_is_not_a_delivery(word):
    assert entry(word)[0] is None


# --- Categories from the way customers put it ----------------------------------------------------------------


@pytest.mark.parametrize("text, category", [
    ("me soplaron 60 pavos por una revisión", Category.BILLING),
    ("el seguro me subió la cuota sin explicación", Category.BILLING),
    ("la nevera no enfría y la puerta chirría", Category.QUALITY),
    ("el cuadro llegó hecho trizas", Category.DAMAGE),
    ("la lámpara vino con la base agrietada", Category.DAMAGE),
    ("quedaron en venir a las 10 y vinieron a las 13:30", Category.LATENESS),
    ("de las 8 cervezas que pedimos trajeron 5", Category.MISSING_ITEM),
    ("mi sofá tenía que llegar el martes", Category.DELIVERY),
    ("cada teleoperadora me contaba algo distinto", Category.COMMUNICATION),
    ("no hay manera humana de hablar con una persona", Category.COMMUNICATION),
    ("el vigilante nos trató de ladrones", Category.STAFF),
    ("la app se cuelga cada vez que intento pagar", Category.OTHER),
])
def test_answers_in_words_no_cue_was_written_for_are_filed(text, category):
    assert classify("", text, "es") is category


# --- Anger: threats, dismissal, harm, the insults of Spain and Latin America ----------------------------------


@pytest.mark.parametrize("text", [
    "como no me lo arreglen pido la hoja de reclamaciones",
    "esto acaba en el juzgado",
    "nos trataron como a delincuentes",
    "me dijo que si no me gustaba que me largara",
    "mi padre se cayó al suelo en la entrada",
    "panda de mangantes, me cobraron 40 euros",
    "sois unos chorizos",
    "el fontanero se fue como si nada",
])
def test_an_angry_answer_reads_angry(text):
    assert read_tone(text, "es") is Tone.ANGRY


@pytest.mark.parametrize("text", [
    "solicité la hoja de reclamaciones hace un mes y no sé nada",  # asked already: a fact, not a threat
    "los chorizos estaban crudos",  # food
])
def test_a_word_that_only_sometimes_means_anger_does_not_make_an_answer_angry(text):
    assert read_tone(text, "es") is not Tone.ANGRY


# --- What they want is framed as a wish, not as what bothered them --------------------------------------------


@pytest.mark.parametrize("text, ours", [
    ("que me devuelvan los 30 euros", "Entendemos que quiere que le devuelvan los 30 euros."),
    ("quiero que me cambien la batería", "Entendemos que quiere que le cambien la batería."),
    ("lo que quiero es que me devolváis la señal", "Entendemos que quiere que le devolvamos la señal."),
    ("que alguien me llame de una vez", "Entendemos que quiere que alguien le llame de una vez."),
])
def test_a_wish_is_restated_as_what_they_want(text, ours):
    assert said(text) == ours


def test_the_apology_for_a_wish_says_what_they_want():
    assert apologise("billing", "quiero que me devuelvan la fianza", "es").startswith(
        "Le pedimos disculpas. Entendemos que quiere que le devuelvan la fianza.")


def test_what_happened_after_a_bare_que_is_still_what_bothered_them():
    assert said("que me dejaran esperando en la puerta") == (
        "Entendemos que lo que más le molestó fue que le dejaran esperando en la puerta.")


# --- Grammar customers use every day ----------------------------------------------------------------------------


def test_the_present_perfect_of_someone_else_is_a_clause():
    assert said("el pintor ha manchado el sofá") == (
        "Entendemos que el pintor ha manchado el sofá, y que eso es lo que más le molestó.")


def test_a_vosotros_verb_without_its_accent_becomes_ours():
    assert said("me cobrais el doble") == "Entendemos que le cobramos el doble, y que eso es lo que más le molestó."


def test_laughing_is_said_as_laughing_not_as_a_verdict():
    ours = said("el taxista se moría de risa")
    assert "se reía" in ours and "risa" not in ours


@pytest.mark.parametrize("text, ours", [
    ("EL BBVA ME HA COBRADO DOS VECES", "el BBVA le ha cobrado dos veces"),  # no Spanish word opens with BB
    ("ME PIDIERON EL DNI Y EL NIE", "le pidieron el DNI y el NIE"),
    ("LA ITV ME LA SUSPENDIERON", "la ITV se la suspendieron"),
])
def test_shouting_is_lowered_and_acronyms_keep_their_capitals(text, ours):
    assert ours in said(text)


def test_insults_go_and_the_facts_stay():
    ours = said("sois unos mangantes, me cobrasteis 50 euros")
    assert "mangantes" not in ours and "50 euros" in ours


def test_food_that_is_also_an_insult_stays_food():
    assert said("los chorizos estaban crudos").startswith("Entendemos que los chorizos estaban crudos")


def test_a_word_the_customer_quoted_is_kept_once_and_nothing_is_wrapped_in_quotes():
    ours = said('el técnico me dijo "mañana" tres veces')
    assert ours.count('"mañana"') == 1 and ours.count('"') == 2 and "«" not in ours
