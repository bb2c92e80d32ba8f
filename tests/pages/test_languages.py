"""The customer journey in every language, switching language mid-way, and the invite's language."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from db.models import Case, RemedyOption
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
    "es": ("Su técnico llegó 90 minutos tarde para arreglar mi caldera", "Entendemos que nuestro técnico llegó 90 minutos"),
    "he": (HEBREW_BOTHERED, "„" + HEBREW_BOTHERED + "“"),
}


def open_in(language: str, token: str | None = None):  # type: ignore[no-untyped-def]
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages/customer.py"), default_timeout=30)
    at.query_params["lang"] = language
    if token:
        at.query_params["t"] = token
    return at.run()


def press(at, label: str):  # type: ignore[no-untyped-def]
    button(at, label).click()
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("language", ["en", "es", "he"])
def test_the_whole_journey_in_each_language(store, language):
    _ = translator(language)
    bothered, paraphrase_start = STORIES[language]
    at = open_in(language)
    if language != "en":
        assert _("Tell us what happened") != "Tell us what happened"
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
    press(at, _("Continue"))
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


def test_an_unanswered_paraphrase_is_said_again_in_the_new_language(store):
    at = open_in("en")
    press(at, "Tell us what happened")
    at.text_area(key="story_story").input("Late again.")
    at.text_area(key="story_bothered").input("You were late")
    confirm_email(give_contact(press(at, "Continue"), email="a@example.com"))
    at.selectbox(key="language").set_value("es")
    at.run()
    assert "Entendemos que You were late, y que eso es lo que más le molestó. ¿Es correcto?" in texts(at)


def test_an_invite_in_spanish_opens_in_spanish(store):
    at = open_page(token=invite_token(store, customer_name="Lucía", language="es"))
    assert translator("es")("Hello {name},").format(name="Lucía") in paragraphs(at)
