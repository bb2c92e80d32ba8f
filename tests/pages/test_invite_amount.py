"""An invite's amount (what the customer paid, from the Invite page or the API): the customer's details step starts
with it, and what they leave there is what a refund gives back."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from portal.entry.links import resolve
from tests.support import (
    click,
    drafted,
    invite_token,
    manager,
    open_page,
    present,
    staff_page,
    tell_story,
)


def test_staff_give_the_amount_paid_on_the_invite_page(store):
    at = staff_page("screens/invite.py", manager(store))
    at.text_input(key="invite_email").input("noa@example.com")
    at.number_input(key="invite_amount").set_value(120.5)
    click(at, "Create link")
    token = parse_qs(urlparse(at.code[0].value).query)["t"][0]
    assert present(resolve(store.engine, token).invite, "the invite").amount_cents == 12050


def test_the_customers_details_start_with_the_invites_amount(store):
    at = tell_story(open_page(token=invite_token(store, email="alex@example.com", amount_cents=4000)))
    click(at, "Yes, that's right")
    click(at, "No, that's everything")
    assert at.number_input(key="details_amount").value == 40.0
    at.number_input(key="details_amount").set_value(35.0)  # theirs to correct
    click(at, "Continue")
    assert drafted(at).amount_cents == 3500
