"""The managers' check-in wording page in AppTest: edit with a live preview, save, reset; and the check-in page
the customer then sees."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from portal.i18n import translator
from portal.recovery import checkin_wording
from portal.recovery.checkin_wording import (
    EMAIL_SUBJECT,
    QUESTION_RECOMMEND,
    THANKS_GOOD,
    effective_wording,
)
from tests.portal.test_checkin_wording import fulfilled
from tests.portal.test_followup import checkin_link
from tests.support import click, manager, open_page, staff_page, texts

FIELD = "wording_{language}_{part}"


def wording_page(actor, language: str = "en") -> AppTest:
    at = staff_page("screens/wording.py", actor)
    if language != "en":
        at.selectbox(key="wording_language").set_value(language).run()
    assert not at.exception, at.exception
    return at


def field(at: AppTest, part: str, language: str = "en"):
    return at.text_area(key=FIELD.format(language=language, part=part))


def rtl_boxes(at: AppTest) -> list[str]:
    """Keys of the preview boxes that read right to left."""
    found = []

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            key = getattr(getattr(child, "proto", None), "id", "") or ""
            if "rtlbox_" in key:
                found.append(key)
            walk(child)

    walk(at.main)
    return found


def test_a_manager_edits_sees_the_preview_saves_and_resets(store):
    at = wording_page(manager(store))
    assert field(at, EMAIL_SUBJECT).value == "Did we make it right? Your case {reference}"
    assert "Did we make it right? Your case AM-7KQ2XD" in texts(at)  # the preview, with made-up details

    field(at, EMAIL_SUBJECT).input("{name}, how did we do on {reference}?").run()
    assert "Alex Rivera, how did we do on AM-7KQ2XD?" in texts(at)  # live, before saving
    assert effective_wording(store.engine, "en").custom == frozenset()

    click(at, "Save")

    assert "Saved the English check-in wording." in [s.value for s in at.success]
    assert effective_wording(store.engine, "en").texts[EMAIL_SUBJECT] == "{name}, how did we do on {reference}?"
    assert field(at, EMAIL_SUBJECT).label.endswith("(your wording)")

    click(at, "Reset to the default wording")

    assert effective_wording(store.engine, "en").custom == frozenset()
    assert field(at, EMAIL_SUBJECT).value == "Did we make it right? Your case {reference}"


def test_an_unknown_placeholder_is_explained_and_keeps_what_was_typed(store):
    at = wording_page(manager(store))
    typed = "Thanks {customer_name}!"
    field(at, THANKS_GOOD).input(typed).run()
    assert any("{customer_name} is not a placeholder we can fill in" in e.value for e in at.error)

    click(at, "Save")

    assert any("Nothing was saved" in e.value for e in at.error)
    assert field(at, THANKS_GOOD).value == typed
    assert effective_wording(store.engine, "en").custom == frozenset()


def test_hebrew_wording_previews_right_to_left(store):
    at = wording_page(manager(store), "he")
    he = translator("he")
    assert field(at, QUESTION_RECOMMEND, "he").value == checkin_wording.defaults(he)[QUESTION_RECOMMEND]
    assert he("Two quick questions. Your honest answer helps us, whatever it is.") in texts(at)
    assert rtl_boxes(at), "the Hebrew preview should read right to left"
    assert not rtl_boxes(wording_page(manager(store)))


def test_agents_see_the_wording_but_cannot_change_it(store, agent):
    at = wording_page(agent)
    assert "Only managers can change the wording; here is what is in place." in [i.value for i in at.info]
    assert field(at, EMAIL_SUBJECT).disabled
    assert next(b for b in at.button if b.label == "Save").disabled


def test_the_customer_reads_the_managers_wording_on_the_check_in_page(store, open_case):
    checkin_wording.save_wording(
        store.engine,
        manager(store),
        "en",
        {
            QUESTION_RECOMMEND: "Would you send a friend to {business}? (0 = never, 10 = right away)",
            THANKS_GOOD: "Thank you, {name}! Case {reference} is closed.",
        },
    )
    case_id = fulfilled(store, open_case)
    at = open_page(token=checkin_link(store, case_id))
    assert "Would you send a friend to Northwind Home Services?" in at.radio(key="checkin_nps").label.replace("\\", "")
    at.radio(key="checkin_csat").set_value(5)
    at.radio(key="checkin_nps").set_value(10)
    click(at, "Send my answer")
    assert any(t.startswith("Thank you, Alex! Case AM-") and t.endswith(" is closed.") for t in texts(at)), texts(at)


def test_unsaved_edits_survive_a_look_at_another_language(store):
    at = wording_page(manager(store))
    field(at, EMAIL_SUBJECT).input("{name}, how did we do?").run()
    at.selectbox(key="wording_language").set_value("es").run()
    assert [i.value for i in at.info] == [
        "Not saved yet: your changes to the English wording (they are kept while you look at this one)."
    ]
    at.selectbox(key="wording_language").set_value("en").run()
    assert field(at, EMAIL_SUBJECT).value == "{name}, how did we do?"
    assert "Alex Rivera, how did we do?" in texts(at) and not at.info
    click(at, "Save")
    assert effective_wording(store.engine, "en").texts[EMAIL_SUBJECT] == "{name}, how did we do?"
    at.selectbox(key="wording_language").set_value("he").run()
    assert not at.info  # nothing left unsaved
