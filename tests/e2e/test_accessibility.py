"""No serious or critical accessibility problem (axe-core) on any customer step, in each language, or on any staff
page."""

from __future__ import annotations

import pytest

from portal.i18n import page_translator
from tests.e2e.conftest import unavailable
from tests.e2e.ui import (
    AXE,
    accessibility_problems,
    axe_problems,
    confirm_email,
    give_contact,
    press,
    see,
    see_heading,
    send_sign_in,
    type_into,
)

pytestmark = pytest.mark.browser

STORY = {
    "en": "The technician was two hours late and never called",
    "es": "El técnico llegó dos horas tarde y nadie me avisó",
    "he": "הטכנאי איחר בשעתיים ולא התקשר",
}


@pytest.fixture(autouse=True)
def _axe() -> None:
    if not AXE.exists():
        unavailable(f"{AXE} is missing (scripts/test installs axe-core from npm)")


@pytest.mark.parametrize("language", ["en", "es", "he"])
def test_every_customer_step_is_accessible(server, new_page, language):
    _ = page_translator(language)
    page = new_page()
    page.goto(f"/?lang={language}")
    see(page, _("Tell us what happened"), timeout=30_000)
    found = {"welcome": accessibility_problems(page)}
    press(page, _("Tell us what happened"))
    see_heading(page, _("Your story"))
    found["story"] = accessibility_problems(page)
    type_into(page, _("What happened?"), STORY[language])
    type_into(page, _("What bothered you most?"), STORY[language])
    press(page, _("Continue"))
    see_heading(page, _("How can we reach you?"))
    found["how to reach you"] = accessibility_problems(page)
    give_contact(page, f"axe-{language}@example.com", _)
    found["confirm your email"] = accessibility_problems(page)
    confirm_email(page, server.store.engine, f"axe-{language}@example.com", _)
    see_heading(page, _("Did we understand you?"))
    found["paraphrase"] = accessibility_problems(page)
    press(page, _("Yes, that's right"))
    see_heading(page, _("We're sorry"))
    found["apology"] = accessibility_problems(page)
    press(page, _("No, that's everything"))
    see_heading(page, _("A few details"))
    found["details"] = accessibility_problems(page)
    press(page, _("Continue"))
    see_heading(page, _("Anything to show us?"))
    found["order and photos"] = accessibility_problems(page)
    press(page, _("Continue"))
    see_heading(page, _("Let us put it right"))
    found["remedy"] = accessibility_problems(page)
    page.get_by_text(_("Something else: I'll propose what would work for me")).click()
    type_into(page, _("Your proposal"), "500")
    press(page, _("Confirm my choice"))
    see(page, _("Your proposal, waiting for our answer"))
    found["case page"] = accessibility_problems(page)
    assert {step: problems for step, problems in found.items() if problems} == {}


STAFF_PAGES = [
    "Case queue",
    "Invite a customer",
    "Outbox",
    "Catalog and policy",
    "Insights",
    "Customer data",
    "Response targets",
    "Check-in wording",
    "Webhooks",
    "API keys",
]


def test_every_staff_page_is_accessible(server, new_page):
    logins = server.store.logins
    page = new_page()
    page.goto("/staff")
    see(page, "Staff sign-in", timeout=30_000)
    found = {"sign-in": accessibility_problems(page)}
    page.get_by_role("link", name="Sign in", exact=True).click()
    page.get_by_label("Email").wait_for()
    found["sign-in form"] = axe_problems(page)
    send_sign_in(page, logins.staff_email, logins.staff_password)
    see(page, "Signed in as")
    found["staff"] = accessibility_problems(page)
    for title in STAFF_PAGES:
        page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title).click()
        see_heading(page, title if title != "Catalog and policy" else "Catalog")
        found[title] = accessibility_problems(page)
    assert {name: problems for name, problems in found.items() if problems} == {}
