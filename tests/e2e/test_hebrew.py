"""Hebrew reads right to left in a real browser, and mixed Hebrew, English and numbers stay readable."""

from __future__ import annotations

import pytest

from portal.i18n import translator
from tests.e2e.ui import confirm_email, document_reads, press, see, type_into, visible_text

pytestmark = pytest.mark.browser

_ = translator("he")
STORY = "הטכנאי הגיע באיחור של 90 דקות, הזמנה #A-1234 על סך $250. The technician never called."
BOTHERED = "הטכנאי שלכם איחר ב-90 דקות לתיקון התנור"


def direction(page, selector: str) -> str:  # type: ignore[no-untyped-def]
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
