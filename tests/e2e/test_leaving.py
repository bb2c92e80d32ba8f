"""The conversation lives in the tab's session until the case is written: the browser checks with the customer
before a reload or a close would lose it (or text typed in a box), and never otherwise."""

from __future__ import annotations

import pytest

from tests.e2e.ui import expect_value, press, see, settle, type_into

pytestmark = pytest.mark.browser

STORY = "The plumber left water all over the kitchen floor."


def tries_to_close(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Close the tab as a person would (the page's unload handlers run); a "leave this page?" question is
    answered "stay". Returns the kinds of question the browser asked."""
    asked: list[str] = []

    def stay(dialog) -> None:  # type: ignore[no-untyped-def]
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


def test_typed_text_and_a_sent_story_are_not_lost_to_a_close_without_a_question(server, new_page):
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

    type_into(customer, "Your email", "leaving@example.com")
    type_into(customer, "What bothered you most?", "Water all over my kitchen floor")
    press(customer, "Continue")
    see(customer, "Confirm your email")  # no box with text on this step: the conversation itself is held
    settle(customer)
    assert tries_to_close(customer) == ["beforeunload"]
    assert not customer.is_closed()


def test_with_nothing_to_lose_the_tab_closes_without_a_question(server, new_page):
    customer = new_page()
    customer.goto("/")
    see(customer, "Tell us what happened", timeout=30_000)
    press(customer, "Tell us what happened")  # a click: the browser may ask from now on, if the page wants it
    see(customer, "Your story")
    settle(customer)

    assert tries_to_close(customer) == []
    assert customer.is_closed()
