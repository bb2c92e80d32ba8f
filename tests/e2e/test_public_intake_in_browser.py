"""The public link in a real browser: the code email is delivered while the customer waits, and clicking
its link in a new tab moves the waiting tab on by itself."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from db.models import OutboxMessage
from portal.delivery.emails import KIND_VERIFY
from tests.e2e.ui import give_contact, press, see, type_into
from tests.support import emailed_link_token

pytestmark = pytest.mark.browser

EMAIL = "sam.public@example.com"


def test_the_emailed_link_in_a_new_tab_moves_the_waiting_tab_on(server, new_page, shot):
    customer = new_page()
    customer.goto("/")
    see(customer, "Tell us what happened", timeout=30_000)  # the server's first page can be slow to start
    press(customer, "Tell us what happened")
    type_into(customer, "What happened?", "The plumber left water all over the kitchen floor.")
    type_into(customer, "What bothered you most?", "Your plumber left my kitchen floor flooded")
    assert customer.locator('input[aria-label="Website"]').is_hidden()  # the honeypot: people never see it
    press(customer, "Continue")
    see(customer, "How can we reach you?")
    shot(customer, "contact-step")
    give_contact(customer, EMAIL)
    see(customer, "Confirm your email")
    see(customer, f"We sent a 6-digit code to {EMAIL}.")
    shot(customer, "code-step")
    with Session(server.store.engine) as session:
        message = session.exec(
            select(OutboxMessage).where(OutboxMessage.kind == KIND_VERIFY, OutboxMessage.to_address == EMAIL)
        ).one()
    assert message.status == "sent"  # delivered before the page even showed the step

    inbox_tab = customer.context.new_page()  # the customer clicks the link in their email
    inbox_tab.goto(f"/?verify={emailed_link_token(server.store.engine, EMAIL)}")
    see(inbox_tab, "Your email is confirmed")
    shot(inbox_tab, "link-confirmed")

    # Back in the first tab, without touching anything: it notices within a few seconds and carries on.
    see(customer, "Did we understand you?", timeout=15_000)
    see(customer, "What bothered you most is that our plumber left your kitchen floor flooded")
    shot(customer, "paraphrase")
