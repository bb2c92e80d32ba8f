"""What a customer types is shown exactly as typed, never as Markdown or HTML, to the customer and to staff."""

from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from db.models import Case
from tests.e2e.ui import (
    confirm_email,
    give_contact,
    press,
    see,
    sign_in,
    type_into,
    visible_text,
)

pytestmark = pytest.mark.browser

PAYLOAD = "**bold** <b>html</b> <script>window.__x=1</script> [link](http://evil.example)"
STORY = f"The technician ignored me and left. {PAYLOAD}"


def assert_shown_literally(page, where: str) -> None:
    words = visible_text(page)
    assert PAYLOAD in words, f"{where}: the raw text is not on the page:\n{words}"
    assert page.locator("b", has_text="html").count() == 0, f"{where}: <b> became an element"
    assert page.locator("strong", has_text="bold").count() == 0, f"{where}: **bold** became Markdown"
    assert page.locator('a[href*="evil.example"]').count() == 0, f"{where}: the Markdown link became a link"
    assert page.locator("script", has_text="window.__x").count() == 0, f"{where}: <script> became an element"
    assert page.evaluate("typeof window.__x") == "undefined", f"{where}: the script ran"


def test_customer_text_is_shown_literally_to_customer_and_staff(server, new_page, shot):
    customer = new_page()
    customer.goto("/")
    press(customer, "Tell us what happened")
    type_into(customer, "What happened?", STORY)
    type_into(customer, "What bothered you most?", PAYLOAD)
    press(customer, "Continue")
    give_contact(customer, "literal@example.com")
    confirm_email(customer, server.store.engine, "literal@example.com")
    see(customer, "Did we understand you?")
    see(customer, re.compile(r"What bothered you most is .*evil\.example"))
    assert_shown_literally(customer, "customer paraphrase page")
    shot(customer, "paraphrase")

    press(customer, "Yes, that's right")
    press(customer, "No, that's everything")
    see(customer, "A few details")
    press(customer, "Continue")
    see(customer, "Anything to show us?")
    type_into(customer, "Order or reference (optional)", PAYLOAD[:64])
    press(customer, "Continue")
    customer.get_by_text(re.compile(r"credit on your next service")).first.click()
    customer.get_by_text(re.compile(r"^I agree to receive")).click()  # a credit is not money back: agree to it
    press(customer, "Confirm my choice")
    reference = see(customer, re.compile(r"^Your case \S+$")).inner_text().removeprefix("Your case ").strip()
    assert_shown_literally(customer, "customer case page")
    shot(customer, "case")

    with Session(server.store.engine) as session:
        case = session.exec(select(Case).where(Case.reference == reference)).one()
    assert PAYLOAD in case.confirmed_paraphrase

    # A staff member follows a direct link to the case and signs in there.
    staff = new_page()
    staff.goto(f"/case?id={case.id}")
    see(staff, "Staff sign-in")
    sign_in(staff, server.store.logins.staff_email, server.store.logins.staff_password)
    see(staff, f"Case {reference}")
    staff.get_by_text("Their whole story").click()
    see(staff, STORY)
    assert_shown_literally(staff, "staff case page")
    assert visible_text(staff).count(PAYLOAD) >= 3  # in their words, in what we agreed, in their story
    shot(staff, "staff-case")
