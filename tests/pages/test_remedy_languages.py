"""Remedies and gifts in the customer's language: on the remedy step, in the agreement they tick and on their case
page; the English wherever a manager left a translation blank. Staff read the English, and what the customer reads."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from db.engine import write_session
from db.models import RemedyOption
from portal.i18n import translator
from portal.recovery.cases import RemedyChoice, submit_case
from portal.recovery.catalog import RemedyDraft, save_remedy
from tests.support import click, invite_token, manager, open_page, ready_draft, staff_page, texts, unescaped

CREDIT_EN = "A $50 credit on your next service"
DISCOUNT_EN = "20% off your next service"
CARD_EN = "A handwritten card and a box of local chocolates"
DEMO = {  # the demo catalog's words (portal/seed.py)
    "es": {
        CREDIT_EN: "Un crédito de 50 dólares para su próximo servicio",
        DISCOUNT_EN: "Un 20 % de descuento en su próximo servicio",
        CARD_EN: "Una tarjeta escrita a mano y una caja de chocolates de la zona",
        "card": "Unas palabras del equipo, con chocolates de una tienda cercana.",
    },
    "he": {
        CREDIT_EN: "זיכוי של 50 דולר לשירות הבא",
        DISCOUNT_EN: "הנחה של 20% על השירות הבא",
        CARD_EN: "כרטיס בכתב יד וקופסת שוקולדים מתוצרת מקומית",
        "card": "כמה מילים מהצוות, עם שוקולדים מחנות בשכונה שלנו.",
    },
}
# Offered whatever went wrong (the demo's entries that fit every category), so any story reaches them.
FOR_EVERY_CATEGORY = (CREDIT_EN, DISCOUNT_EN)


def option(store, title: str) -> RemedyOption:
    with Session(store.engine) as session:
        return session.exec(select(RemedyOption).where(RemedyOption.title == title)).one()


def untranslate(store, title: str, language: str) -> None:
    """A manager has not written ``language``'s title of this entry."""
    with write_session(store.engine) as session:
        row = session.exec(select(RemedyOption).where(RemedyOption.title == title)).one()
        setattr(row, f"title_{language}", "")
        session.add(row)


def remedy_step(store, language: str):
    """A customer invited in ``language``, walked to the remedy step by its own buttons."""
    _ = translator(language)
    at = open_page(token=invite_token(store, customer_name="Alex", email="alex@example.com", language=language))
    click(at, _("Tell us what happened"))
    at.text_area(key="story_story").input("El técnico llegó 90 minutos tarde y no avisó.")
    at.text_area(key="story_bothered").input("Llegó 90 minutos tarde")
    for label in ("Continue", "Yes, that's right", "No, that's everything", "Continue", "Continue"):
        click(at, _(label))
    return at


def offered(at) -> list[str]:
    return [unescaped(o) for o in at.radio(key="remedy_choice").options]


def gifts(at) -> list[str]:
    return [unescaped(o) for o in at.radio(key="gift_choice").options]


@pytest.mark.parametrize("language, blank", [("es", DISCOUNT_EN), ("he", CREDIT_EN)])
def test_the_remedy_step_names_remedies_and_gifts_in_the_customers_language_and_english_where_blank(
    store, language, blank
):
    untranslate(store, blank, language)
    at = remedy_step(store, language)
    words = DEMO[language]
    for title in FOR_EVERY_CATEGORY:
        shown = title if title == blank else words[title]
        assert any(o.startswith(shown) for o in offered(at)), offered(at)
        if title != blank:
            assert not any(o.startswith(title) for o in offered(at))
    gift_choice = at.radio(key="gift_choice")
    captions = dict(zip(gifts(at), map(unescaped, gift_choice.proto.captions)))
    assert next(caption for gift, caption in captions.items() if gift.startswith(words[CARD_EN])) == words["card"]


def test_an_english_customer_reads_the_english(store):
    at = remedy_step(store, "en")
    assert any(o.startswith(CREDIT_EN) for o in offered(at)), offered(at)
    assert any(g.startswith(CARD_EN) for g in gifts(at)), gifts(at)


def test_a_spanish_customer_agrees_to_and_then_reads_their_remedy_and_gift_in_spanish(store):
    _ = translator("es")
    words = DEMO["es"]
    at = remedy_step(store, "es")
    credit, card = option(store, CREDIT_EN), option(store, CARD_EN)
    at.radio(key="remedy_choice").set_value(f"opt:{credit.id}").run()
    agreement = at.checkbox(key=f"consent_opt:{credit.id}")
    assert f"«{words[CREDIT_EN]}" in unescaped(agreement.label)
    agreement.check()
    at.radio(key="gift_choice").set_value(f"gift:{card.id}")
    click(at, _("Confirm my choice"))
    shown = "\n".join(texts(at))
    assert words[CREDIT_EN] in shown and words[CARD_EN] in shown, shown
    assert CREDIT_EN not in shown and CARD_EN not in shown
    at.selectbox(key="language").set_value("he").run()  # the case page in another language the customer picks
    shown = "\n".join(texts(at))
    assert DEMO["he"][CREDIT_EN] in shown and DEMO["he"][CARD_EN] in shown, shown


def test_a_case_keeps_the_english_it_accepted_when_a_manager_rewords_the_entry_later(store):
    _ = translator("es")
    at = remedy_step(store, "es")
    credit = option(store, CREDIT_EN)
    at.radio(key="remedy_choice").set_value(f"opt:{credit.id}").run()
    at.checkbox(key=f"consent_opt:{credit.id}").check()
    click(at, _("Confirm my choice"))
    save_remedy(
        store.engine,
        manager(store),
        RemedyDraft(
            kind="credit",
            title="A $40 credit on your next service",
            value_cents=4000,
            max_value_cents=4000,
            title_es="Un crédito de 40 dólares",
        ),
        option_id=credit.id,
    )
    at.run()
    shown = "\n".join(texts(at))
    assert CREDIT_EN in shown and "40" not in shown, shown  # what was accepted, as staff read it too


@pytest.mark.parametrize(
    "language, shown", [("es", f"The customer reads it in Español: {DEMO['es'][CREDIT_EN]}"), ("en", None)]
)
def test_staff_read_the_english_and_what_the_customer_reads_in_theirs(store, language, shown):
    credit = option(store, CREDIT_EN)
    receipt = submit_case(
        store.engine,
        ready_draft(language=language),
        RemedyChoice(option_id=credit.id, consent_text="Acepto."),
        trusted_caller="tests",
    )
    at = staff_page("screens/case.py", manager(store), id=str(receipt.case_id))
    assert any(t.startswith(CREDIT_EN) for t in texts(at))
    assert [t for t in texts(at) if t.startswith("The customer reads it")] == ([shown] if shown else [])
