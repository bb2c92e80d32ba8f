"""The customer journey in every language, switching language mid-way, and the invite's language."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select

from db.models import Case, CaseRemedy, RemedyOption
from portal.conversation import anything_else_question
from portal.i18n import translator
from tests.support import (
    ROOT,
    button,
    case_title,
    confirm_email,
    give_contact,
    invite_token,
    open_page,
    page_words,
    paragraphs,
    step_title,
    texts,
)

HEBREW_BOTHERED = "הטכנאי שלכם איחר ב-90 דקות לתיקון התנור, הזמנה #A-1234 על סך $250"
STORIES = {
    "en": ("Your mechanic was 90 minutes late to fix my furnace", "What bothered you most is that our mechanic"),
    "es": (
        "Su técnico llegó 90 minutos tarde para arreglar mi caldera",
        "Entendemos que nuestro técnico llegó 90 minutos",
    ),
    "he": (HEBREW_BOTHERED, "הבנו שמה שהכי הפריע לך הוא שהטכנאי שלנו איחר ב-90 דקות"),
}


def open_in(language: str, token: str | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "screens/customer.py"), default_timeout=30)
    at.query_params["lang"] = language
    if token:
        at.query_params["t"] = token
    return at.run()


def press(at, label: str):
    button(at, label).click()
    at.run()
    assert not at.exception, at.exception
    return at


def to_the_remedies(at, language: str):
    """From the public link's welcome to "Let us put it right", checking each step speaks ``language``."""
    _ = translator(language)
    bothered, paraphrase_start = STORIES[language]
    press(at, _("Tell us what happened"))
    assert step_title(at) == _("Your story")
    at.text_area(key="story_story").input(bothered)
    at.text_area(key="story_bothered").input(bothered)
    press(at, _("Continue"))
    assert step_title(at) == _("How can we reach you?")
    confirm_email(give_contact(at, email="cliente@example.com"))
    assert any(t.startswith(paraphrase_start) or paraphrase_start in t for t in texts(at)), texts(at)
    press(at, _("Yes, that's right"))
    assert at.text_area(key="more_text").label.replace("\\", "") == anything_else_question(language)
    press(at, _("No, that's everything"))
    assert step_title(at) == _("A few details")
    press(at, _("Continue"))
    assert step_title(at) == _("Anything to show us?")
    return press(at, _("Continue"))


@pytest.mark.parametrize("language", ["en", "es", "he"])
def test_the_whole_journey_in_each_language(store, language):
    _ = translator(language)
    at = open_in(language)
    if language != "en":
        assert _("Tell us what happened") != "Tell us what happened"
    to_the_remedies(at, language)
    with Session(store.engine) as session:
        option = session.exec(select(RemedyOption.id).where(RemedyOption.kind == "credit")).first()
    at.radio(key="remedy_choice").set_value(f"opt:{option}").run()
    at.checkbox(key=f"consent_opt:{option}").check()  # a credit is not money back: the customer agrees to it
    press(at, _("Confirm my choice"))
    with Session(store.engine) as session:
        case = session.exec(select(Case)).one()
    assert case.language == language
    assert case_title(at) == _("Your case {reference}").format(reference=case.reference)
    assert _("Agreed: we are arranging your remedy.") in page_words(at)
    if language == "es":
        assert "50,00" in " ".join(texts(at))  # money formatted for the locale


FULL_REFUND = {"en": "a full refund of $4,999", "es": "un reembolso completo de 4.999 €", "he": 'החזר מלא של 4,999 ש"ח'}


@pytest.mark.parametrize("language", ["en", "es", "he"])
def test_words_naming_more_than_the_amount_wait_for_staff_and_the_customer_is_told_so(store, language):
    # On the public link a customer proposed "a full refund of $4,999" with 1 in the amount field: agreed at once.
    _ = translator(language)
    at = to_the_remedies(open_in(language), language)
    at.radio(key="remedy_choice").set_value("own").run()
    at.text_area(key="proposal_text").input(FULL_REFUND[language])
    at.number_input(key="proposal_amount").set_value(1.0)
    press(at, _("Confirm my choice"))
    with Session(store.engine) as session:
        case = session.exec(select(Case)).one()
    assert case.status == "awaiting_approval"
    waiting = _("Your proposal is with us for a decision.")
    assert waiting in page_words(at)
    assert language == "en" or waiting != "Your proposal is with us for a decision."  # translated


def test_switching_language_keeps_what_was_typed(store):
    at = open_in("en")
    press(at, "Tell us what happened")
    at.text_area(key="story_story").input("The technician broke my window.")
    at.run()
    at.selectbox(key="language").set_value("he")
    at.run()
    _ = translator("he")
    assert step_title(at) == _("Your story")
    assert at.text_area(key="story_story").value == "The technician broke my window."
    assert any(h.proto.body and 'setAttribute("dir", "rtl")' in h.proto.body for h in at.get("html"))
    at.text_area(key="story_bothered").input("The window")
    press(at, _("Continue"))
    at.text_input(key="contact_email").input("noa@example.com")  # a field that reruns nothing (NO_RERUN)
    at.selectbox(key="language").set_value("es")
    at.run()
    assert step_title(at) == translator("es")("How can we reach you?")
    assert at.text_input(key="contact_email").value == "noa@example.com"


def test_the_paraphrase_speaks_the_language_the_customer_wrote_in_whatever_the_page_says(store):
    at = open_in("en")
    press(at, "Tell us what happened")
    at.text_area(key="story_story").input("Me cobraron dos veces.")
    at.text_area(key="story_bothered").input("me cobraron dos veces la misma factura")
    confirm_email(give_contact(press(at, "Continue"), email="a@example.com"))
    spanish = "Entendemos que le cobraron dos veces la misma factura, y que eso es lo que más le molestó. ¿Es correcto?"
    assert spanish in texts(at)  # Spanish words on the English page the browser chose
    at.selectbox(key="language").set_value("he")
    at.run()
    assert spanish in texts(at)  # said again on switching, and still in the words' own language: never mangled


def test_an_invite_in_spanish_opens_in_spanish(store):
    at = open_page(token=invite_token(store, customer_name="Lucía", language="es"))
    assert translator("es")("Hello {name},").format(name="Lucía") in paragraphs(at)


# What bothered them, in their language, and the remedy only that category is offered (the demo catalog's).
CATEGORY_WALKS = [
    (
        "he",
        "חייבו אותי פעמיים על אותה חשבונית של 89 שקל, ואף אחד לא מחזיר לי את הכסף",
        "billing",
        "difference between your quote and your bill",
    ),
    ("he", "השליח שבר לי את האגרטל בכניסה ולא אמר מילה", "damage", "repair or replace what we damaged"),
    (
        "es",
        "me cobraron dos veces la misma factura de 89 euros y nadie me devuelve el dinero",
        "billing",
        "difference between your quote and your bill",
    ),
    (
        "es",
        "el mensajero me rompió el jarrón en la entrada y ni pidió perdón",
        "damage",
        "repair or replace what we damaged",
    ),
]


@pytest.mark.parametrize(("language", "bothered", "category", "remedy"), CATEGORY_WALKS)
def test_a_walk_in_the_customers_language_reaches_the_remedies_of_its_category(
    store, language, bothered, category, remedy
):
    _ = translator(language)
    at = open_in(language)
    press(at, _("Tell us what happened"))
    at.text_area(key="story_story").input(bothered)
    at.text_area(key="story_bothered").input(bothered)
    confirm_email(give_contact(press(at, _("Continue")), email="cliente@example.com"))
    for step in (_("Yes, that's right"), _("No, that's everything"), _("Continue"), _("Continue")):
        press(at, step)
    with Session(store.engine) as session:
        specific = session.exec(select(RemedyOption).where(col(RemedyOption.title).contains(remedy))).one()
    assert specific.categories == category  # offered for this category only
    at.radio(key="remedy_choice").set_value(f"opt:{specific.id}").run()
    for consent in (c for c in at.checkbox if c.key == f"consent_opt:{specific.id}"):
        consent.check()
    press(at, _("Confirm my choice"))
    with Session(store.engine) as session:
        case = session.exec(select(Case)).one()
        chosen = session.exec(
            select(CaseRemedy).where(CaseRemedy.case_id == case.id, CaseRemedy.source != "gift")
        ).one()
    assert (case.category, chosen.option_id) == (category, specific.id)
