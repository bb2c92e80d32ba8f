"""The first person to open a staff address after the server starts gets that page, with no error dialog.

Streamlit runs a process's first session in its old pages-folder mode, which names pages after their
files; the staff page files are named after their addresses (pages/staff.py for /staff) so both agree.
"""

from __future__ import annotations

import pytest

from tests.e2e.server import serve
from tests.e2e.ui import see, settle

pytestmark = pytest.mark.browser


def test_first_visit_after_a_start_opens_the_staff_sign_in_without_an_error(e2e_store, tmp_path, new_page, shot):
    with serve(e2e_store, tmp_path) as fresh:  # its own server: only a process's first session shows this
        page = new_page()
        page.goto(fresh.url("/staff"))
        see(page, "Staff sign-in")
        settle(page, 300)
        shot(page, "first-visit-staff")
        dialogs = page.locator('[role="dialog"]')
        assert dialogs.count() == 0, f"an error dialog covers the page: {dialogs.first.inner_text()!r}"
