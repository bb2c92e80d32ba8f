"""The first person to open a staff address after the server starts gets that page, with our menu.

Streamlit starts a process in its old pages-folder mode when a folder named ``pages/`` sits beside the entry
script: it would run that folder's file on its own and list every file of it in the sidebar (app, case, catalog,
...). The screens live in ``screens/``, so that mode never starts and every address goes through ``app.py``."""

from __future__ import annotations

import pytest

from tests.e2e.server import serve
from tests.e2e.ui import see, settle, sign_in

pytestmark = pytest.mark.browser

FILE_NAMES = ["app", "case", "catalog", "checkin", "customer", "queue", "wording"]


def sidebar_lines(page) -> list[str]:
    sidebar = page.locator('[data-testid="stSidebar"]')
    if sidebar.count() == 0 or not sidebar.first.is_visible():
        return []
    return [line.strip() for line in sidebar.first.inner_text().splitlines() if line.strip()]


def test_first_visit_to_a_staff_address_shows_sign_in_then_our_menu(e2e_store, tmp_path, new_page, shot):
    with serve(e2e_store, tmp_path) as fresh:  # its own server: only a process's first visit shows this
        page = new_page()
        page.goto(fresh.url("/queue"))
        see(page, "Staff sign-in")
        settle(page, 300)
        shot(page, "first-visit-queue")
        dialogs = page.locator('[role="dialog"]')
        assert dialogs.count() == 0, f"an error dialog covers the page: {dialogs.first.inner_text()!r}"
        assert not set(FILE_NAMES) & set(sidebar_lines(page)), "Streamlit's list of page files is showing"

        sign_in(page, e2e_store.logins.staff_email, e2e_store.logins.staff_password)
        see(page, "Awaiting approval")
        settle(page, 300)
        shot(page, "signed-in")
        lines = sidebar_lines(page)
        assert "Case queue" in lines and "Outbox" in lines, lines
        assert not set(FILE_NAMES) & set(lines), f"Streamlit's list of page files is showing: {lines}"
        assert page.title() == "Case queue"  # each staff tab says which page it holds


def test_the_customers_tab_says_amends(new_page, server):
    page = new_page()
    page.goto(server.url("/"))
    see(page, "Tell us what happened")
    assert page.title() == "Amends"
