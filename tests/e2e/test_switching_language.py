"""Switching language at any step keeps every choice and every typed text, in a real browser (where the choice of
a radio travels as its label, unlike in AppTest)."""

from __future__ import annotations

import pytest

from portal.i18n import LANGUAGES, translator
from tests.e2e.ui import press, see, see_heading, settle, type_into, visible_text, walk_to_remedies

pytestmark = pytest.mark.browser


def switch_language(page, language: str) -> None:
    """The language picker at the top of the page, as a customer uses it."""
    page.locator(".st-key-language").get_by_role("combobox").click()
    page.get_by_role("option", name=LANGUAGES[language]).click()
    settle(page)


def test_a_proposal_survives_switching_language_on_the_remedy_step(server, new_page):
    he, es, en = (translator(language) for language in ("he", "es", "en"))
    page = new_page()
    page.goto("/?lang=he")
    walk_to_remedies(page, server.store.engine, he, story="הטכנאי איחר בשעתיים")
    page.get_by_text(he("Something else: I'll propose what would work for me")).click()
    type_into(page, he("Your proposal"), "החזר של 120 שקל")
    type_into(page, he("Amount, if any (optional)"), "120")

    for language, _ in (("es", es), ("he", he), ("en", en)):  # Hebrew to Spanish to Hebrew dropped it; English crashed
        switch_language(page, language)
        see_heading(page, _("Let us put it right"))
        assert "This app has encountered an error" not in visible_text(page)
        assert page.get_by_label(_("Your proposal")).input_value() == "החזר של 120 שקל"
        assert page.get_by_label(_("Amount, if any (optional)")).input_value() == "120.00"

    press(page, en("Confirm my choice"))
    see(page, en("Your proposal, waiting for our answer"))
