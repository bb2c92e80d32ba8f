"""Hebrew reads right to left in a real browser, and mixed Hebrew, English and numbers stay readable."""

from __future__ import annotations

import re

import pytest

from portal.i18n import page_translator
from tests.e2e.ui import (
    confirm_email,
    document_reads,
    press,
    read_on_screen,
    see,
    type_into,
    visible_text,
    walk_to_remedies,
)

pytestmark = pytest.mark.browser

_ = page_translator("he")  # as the page speaks: values in its sentences kept whole (portal.bidi)
STORY = "הטכנאי הגיע באיחור של 90 דקות, הזמנה #A-1234 על סך $250. The technician never called."
BOTHERED = "הטכנאי שלכם איחר ב-90 דקות לתיקון התנור"


def direction(page, selector: str) -> str:
    return page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).direction")


def test_the_hebrew_story_and_paraphrase_read_right_to_left(server, new_page, shot):
    page = new_page()
    page.goto("/?lang=he")
    see(page, _("Tell us what happened"))
    document_reads(page, "he", "rtl")
    press(page, _("Tell us what happened"))
    see(page, _("Your story"))
    type_into(page, _("What happened?"), STORY)
    type_into(page, _("What bothered you most?"), BOTHERED)
    assert direction(page, '[data-testid="stMainBlockContainer"]') == "rtl"
    # Each field follows its own text: the story starts in Hebrew and reads right to left.
    assert page.evaluate("getComputedStyle(document.querySelector('textarea')).unicodeBidi") == "plaintext"
    shot(page, "hebrew-story")
    press(page, _("Continue"))
    see(page, _("How can we reach you?"))
    type_into(page, _("Your email"), "noa@example.com")
    assert direction(page, '[data-testid="stMainBlockContainer"]') == "rtl"
    shot(page, "hebrew-contact")
    press(page, _("Send me a code"))
    see(page, _("We sent a 6-digit code to {email}.").format(email="noa@example.com"))  # in the step's header
    shot(page, "hebrew-confirm-email")
    confirm_email(page, server.store.engine, "noa@example.com", _)
    see(page, _("Did we understand you?"))
    assert "שהטכנאי שלנו איחר ב-90 דקות לתיקון התנור" in visible_text(page)
    document_reads(page, "he", "rtl")
    assert direction(page, '[data-testid="stMainBlockContainer"]') == "rtl"
    shot(page, "hebrew-paraphrase")


def test_switching_back_to_english_reads_left_to_right(server, new_page):
    page = new_page()
    page.goto("/?lang=he")
    see(page, _("Tell us what happened"))
    page.goto("/?lang=en")
    see(page, "Tell us what happened")
    document_reads(page, "en", "ltr")
    assert direction(page, '[data-testid="stMainBlockContainer"]') == "ltr"


_LATIN_RUN = re.compile(r"[A-Za-z0-9$%.,+-](?:[A-Za-z0-9$%.,+ -]*[A-Za-z0-9$%.])?")
"""A run of Latin letters, digits and what goes with them: one unit a reader reads left to right. Brackets are left
out: a right-to-left line mirrors them."""


def reads_whole(locator, logical: str) -> list[str]:
    """The Latin and number runs of ``logical`` (the text as written) that the screen does not show in order."""
    seen = read_on_screen(locator)
    return [
        run
        for run in _LATIN_RUN.findall(logical.replace("\u2068", "").replace("\u2069", ""))
        if "".join(run.split()) not in seen
    ]


def test_numbers_amounts_and_english_titles_read_in_order_in_hebrew(server, new_page, shot):
    page = new_page()
    page.goto("/?lang=he")
    walk_to_remedies(page, server.store.engine, _, story="הטכנאי איחר בשעתיים")
    options = page.locator('[data-testid="stRadio"]').first
    labels = [line for line in options.inner_text().splitlines()[1:] if line.strip()]  # the question, then options
    shot(page, "hebrew-remedies")
    assert any("$" in label for label in labels), labels
    for label in labels:
        assert reads_whole(options, label) == [], label  # "off your next service 20%" before

    page.get_by_text(_("Something else: I'll propose what would work for me")).click()
    type_into(page, _("Your proposal"), "החזר של 50 דולר")
    press(page, _("Confirm my choice"))
    contact = see(page, "555")
    shot(page, "hebrew-case-page")
    assert "+15550100" in read_on_screen(contact.locator("xpath=ancestor::p[1]"))  # "0100 555 1+" before
