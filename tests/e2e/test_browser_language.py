"""A customer whose browser asks for Spanish or Hebrew gets the conversation in it, without choosing."""

from __future__ import annotations

import pytest

from portal.i18n import translator
from tests.e2e.conftest import VIEWPORT
from tests.e2e.ui import document_reads, see

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("locale", "language", "direction"), [("es-ES", "es", "ltr"), ("he-IL", "he", "rtl")])
def test_the_browsers_language_chooses_the_customers_language(chromium, server, locale, language, direction):
    context = chromium.new_context(viewport=VIEWPORT, base_url=server.base_url, locale=locale)
    try:
        page = context.new_page()
        page.goto("/")
        see(page, translator(language)("Tell us what happened"))
        document_reads(page, language, direction)
    finally:
        context.close()
