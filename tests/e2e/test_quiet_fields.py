"""Fields that nothing on their step depends on (portal/ui/widgets.NO_RERUN) send nothing to the server as the
customer fills them in; what they hold travels with the step's button and arrives whole."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, WebSocket
from sqlmodel import Session, select

from db.models import Case
from tests.e2e.ui import press, see, settle, type_into
from tests.support import invite_token

pytestmark = pytest.mark.browser

BOTHERED = "Nobody came to service my boiler"


def sent_to_server(page: Page) -> list[object]:
    """Every message the page sends the server over its websocket from now on (Streamlit asks for a rerun so)."""
    sent: list[object] = []

    def watch(socket: WebSocket) -> None:
        socket.on("framesent", lambda payload: sent.append(payload))

    page.on("websocket", watch)
    return sent


def test_the_details_fields_send_nothing_until_continue_brings_them(server, new_page):
    customer = new_page()
    sent = sent_to_server(customer)
    customer.goto(f"/?t={invite_token(server.store, customer_name='Kim Quiet', email='kim.quiet@example.com')}")
    press(customer, "Tell us what happened")
    type_into(customer, "What happened?", "The boiler service was booked for Monday and nobody came.")
    type_into(customer, "What bothered you most?", BOTHERED)
    press(customer, "Continue")
    press(customer, "Yes, that's right")
    press(customer, "No, that's everything")
    see(customer, "A few details")
    settle(customer)
    asked_before = len(sent)
    assert asked_before, "the page never spoke to the server: nothing here would be measured"

    type_into(customer, "Amount involved (optional)", "180")
    settle(customer)
    assert len(sent) == asked_before  # no rerun for the field

    press(customer, "Continue")
    see(customer, "Anything to show us?")
    settle(customer)
    asked_before = len(sent)
    type_into(customer, "Order or reference (optional)", "B-77")
    settle(customer)
    assert len(sent) == asked_before  # nor for the order number

    press(customer, "Continue")
    see(customer, "Let us put it right")
    with Session(server.store.engine) as session:
        assert session.exec(select(Case).where(Case.bothered_most == BOTHERED)).all() == []
    customer.get_by_text("Something else: I'll propose what would work for me").click()
    type_into(customer, "Your proposal", "Come on Saturday, please")
    press(customer, "Confirm my choice")
    see(customer, "Your proposal is with us for a decision.")
    with Session(server.store.engine) as session:
        case = session.exec(select(Case).where(Case.bothered_most == BOTHERED)).one()
    assert (case.order_ref, case.amount_cents) == ("B-77", 18_000)
