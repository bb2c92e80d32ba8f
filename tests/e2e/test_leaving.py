"""Nothing is lost to a closed tab: text typed in a box makes the browser check with the customer first, and what
was sent is kept on the server (portal.recovery.drafts), so the same address opens the conversation where it was."""

from __future__ import annotations

import re

import pytest

from tests.e2e.ui import expect_value, give_contact, press, see, settle, type_into

pytestmark = pytest.mark.browser

STORY = "The plumber left water all over the kitchen floor."


def tries_to_close(page) -> list[str]:
    """Close the tab as a person would (the page's unload handlers run); a "leave this page?" question is
    answered "stay". Returns the kinds of question the browser asked."""
    asked: list[str] = []

    def stay(dialog) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    from playwright.sync_api import TimeoutError as StillOpen

    page.on("dialog", stay)
    page.close(run_before_unload=True)
    try:
        page.wait_for_event("close", timeout=1_000)
    except StillOpen:  # the customer chose to stay
        page.remove_listener("dialog", stay)
    return asked


def test_typed_text_is_not_lost_to_a_close_and_a_sent_story_comes_back_in_a_new_tab(server, new_page):
    customer = new_page()
    customer.goto("/")
    see(customer, "Tell us what happened", timeout=30_000)
    press(customer, "Tell us what happened")
    see(customer, "Your story")
    type_into(customer, "What happened?", STORY)
    settle(customer)

    assert tries_to_close(customer) == ["beforeunload"]
    assert not customer.is_closed()
    expect_value(customer, "What happened?", STORY)  # they chose to stay: everything is still there

    type_into(customer, "What bothered you most?", "Water all over my kitchen floor")
    press(customer, "Continue")
    give_contact(customer, "leaving@example.com")
    see(customer, "Confirm your email")
    customer.wait_for_url(re.compile(r"[?&]d="))  # the conversation's own address, kept on the server
    address = customer.url
    settle(customer)
    assert tries_to_close(customer) == []  # nothing typed in a box: nothing to lose
    assert customer.is_closed()

    again = new_page()  # the phone dropped the tab; the customer opens the same address
    again.goto(address)
    see(again, "We sent a 6-digit code to leaving@example.com.", timeout=30_000)


def test_with_nothing_to_lose_the_tab_closes_without_a_question(server, new_page):
    customer = new_page()
    customer.goto("/")
    see(customer, "Tell us what happened", timeout=30_000)
    press(customer, "Tell us what happened")  # a click: the browser may ask from now on, if the page wants it
    see(customer, "Your story")
    settle(customer)

    assert tries_to_close(customer) == []
    assert customer.is_closed()
