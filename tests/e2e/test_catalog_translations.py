"""Managers write a remedy's Hebrew right to left beside its English and Spanish, in a real browser."""

from __future__ import annotations

import pytest

from tests.e2e.ui import field, see, settle, sign_in

pytestmark = pytest.mark.browser


def test_the_catalogs_hebrew_fields_read_right_to_left_and_the_others_left_to_right(server, new_page, shot):
    from playwright.sync_api import expect

    page = new_page()
    page.goto("/staff")
    see(page, "Staff sign-in")
    sign_in(page, server.store.logins.staff_email, server.store.logins.staff_password)
    see(page, "Signed in as Dana Cohen")
    page.get_by_role("link", name="Catalog and policy").click()
    see(page, "Remedy catalog")
    settle(page)
    # The page's styles arrive a moment after its fields: the assertions wait for them.
    for label in ("Title in Hebrew", "Description in Hebrew"):
        expect(field(page, label)).to_have_css("direction", "rtl", timeout=10_000)
    for label in ("Title, as the customer reads it", "Title in Spanish", "Description in Spanish"):
        expect(field(page, label)).to_have_css("direction", "ltr")
    field(page, "Title in Hebrew").fill("כרטיס תודה מהצוות")
    shot(page, "catalog-new-entry-in-three-languages")
