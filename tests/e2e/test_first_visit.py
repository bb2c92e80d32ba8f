"""The first person to open a staff address after the server starts gets that page, with no error dialog."""

from __future__ import annotations

import pytest

from tests.e2e.server import serve
from tests.e2e.ui import see, settle

pytestmark = pytest.mark.browser


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=(
    "App bug: Streamlit sees the pages/ folder beside app.py and runs the process's first session in the old "
    "pages-folder mode, where /staff is unknown (that mode names pages after their files: /staff_login); it "
    "shows a 'Page not found' dialog over the sign-in form that blocks it until closed. Later sessions are fine. "
    "Rename pages/ (e.g. views/) and remove this xfail."))
def test_first_visit_after_a_start_opens_the_staff_sign_in_without_an_error(e2e_store, tmp_path, new_page, shot):
    with serve(e2e_store, tmp_path) as fresh:  # its own server: only a process's first session shows this
        page = new_page()
        page.goto(fresh.url("/staff"))
        see(page, "Staff sign-in")
        settle(page, 300)
        shot(page, "first-visit-staff")
        dialogs = page.locator('[role="dialog"]')
        assert dialogs.count() == 0, f"an error dialog covers the page: {dialogs.first.inner_text()!r}"
