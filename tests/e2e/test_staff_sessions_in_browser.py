"""A staff sign-in that lasts, in a real browser against the served portal (issue 26): signed in once, a reload,
a second tab and the emailed "Open the case" link all stay signed in; signing out everywhere signs out every tab."""

from __future__ import annotations

from urllib.parse import urlsplit

from portal.delivery.emails import staff_case_url
from tests.e2e.ui import see, see_heading, settle, sign_in
from tests.portal.test_queue import add_cases


def signed_in_cookie(context) -> dict:
    (cookie,) = [c for c in context.cookies() if c["name"] == "amends_staff"]
    return cookie


def test_signed_in_once_a_reload_a_new_tab_and_the_emailed_case_link_stay_signed_in(server, new_page, shot):
    logins = server.store.logins
    (case,) = add_cases(server.store.engine, {"reference": "AM-BROWSR", "email": "robin@example.com"})
    page = new_page()
    page.goto("/staff")
    see(page, "Please sign in to see this page.", timeout=30_000)
    shot(page, "asked-to-sign-in")
    sign_in(page, logins.staff_email, logins.staff_password)
    see(page, f"Signed in as Dana Cohen ({logins.staff_email}), manager.")
    assert page.url.endswith("/staff")
    cookie = signed_in_cookie(page.context)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    assert page.evaluate("document.cookie").find("amends_staff") == -1  # page scripts cannot read it
    shot(page, "signed-in")

    page.reload()
    see(page, "Signed in as Dana Cohen")

    second = page.context.new_page()
    second.goto("/queue")
    see_heading(second, "Case queue")

    emailed = page.context.new_page()
    emailed.goto(case_link(case))
    see_heading(emailed, "Case AM-BROWSR")
    shot(emailed, "emailed-case-link")


def case_link(case) -> str:
    """The owner's email's "Open the case" link (portal.delivery.emails), on the served portal's host."""
    parts = urlsplit(staff_case_url(case))
    return f"{parts.path}?{parts.query}"


def test_the_emailed_case_link_signs_in_and_lands_on_that_case(server, new_page):
    logins = server.store.logins
    (case,) = add_cases(server.store.engine, {"reference": "AM-EMAILD", "email": "kim@example.com"})
    page = new_page()  # a browser that is not signed in
    page.goto(case_link(case))
    see(page, "Please sign in to see this page.", timeout=30_000)
    sign_in(page, logins.staff_email, logins.staff_password)
    see_heading(page, "Case AM-EMAILD")
    assert page.url.endswith(f"/case?id={case.id}")


def test_signing_out_everywhere_signs_out_both_tabs(server, new_page):
    logins = server.store.logins
    page = new_page()
    page.goto("/staff")
    see(page, "Please sign in to see this page.", timeout=30_000)
    sign_in(page, logins.staff_email, logins.staff_password)
    see(page, "Signed in as Dana Cohen")
    other = page.context.new_page()
    other.goto("/queue")
    see_heading(other, "Case queue")

    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Sign out everywhere").click()
    see(page, "You signed out everywhere. Please sign in again.")
    assert page.url.split("?")[0].endswith("/account/sign-in")
    assert not [c for c in page.context.cookies() if c["name"] == "amends_staff"]

    # The other tab, still showing the queue, is signed out at its next click, without a reload.
    other.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Outbox").click()
    see(other, "You signed out everywhere. Please sign in again.")
    see(other, "Please sign in to see this page.")
    settle(other)
    assert "Outbox" not in [h.inner_text() for h in other.locator("h1").all()]
    other.reload()
    see(other, "Please sign in to see this page.")


def test_signing_out_in_one_tab_signs_out_the_other(server, new_page):
    """Both tabs share the browser's session: "Sign out" in one ends it for the other at its next step."""
    logins = server.store.logins
    page = new_page()
    page.goto("/queue")
    see(page, "Please sign in to see this page.", timeout=30_000)
    sign_in(page, logins.staff_email, logins.staff_password)
    see_heading(page, "Case queue")
    other = page.context.new_page()
    other.goto("/staff")
    see(other, "Signed in as Dana Cohen")

    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Sign out", exact=True).click()
    see(page, "You signed out.")
    # The other tab, still open, says so at its next step; reloaded, the browser has no session cookie left.
    other.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Case queue").click()
    see(other, "You signed out.")
    other.reload()
    see(other, "Please sign in to see this page.")
