"""The whole story in a real browser: a customer follows their invite, is understood after one correction,
proposes more than the auto-approve limit and gets a case; staff sign in, find it, approve and fulfil it;
the customer's own link then shows it delivered."""

from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from db.models import Case, CaseRemedy
from tests.e2e.ui import (
    expect_value,
    press,
    see,
    select_table_row,
    sign_in,
    title,
    type_into,
    visible_text,
)

pytestmark = pytest.mark.browser

STORY = "I booked a furnace repair for 9:00. Your mechanic arrived at 10:30 and did not call ahead."
BOTHERED = "Your mechanic was 90 minutes late to fix my furnace"
FIRST_PARAPHRASE = (
    "What bothered you most is that our mechanic was 90 minutes late to fix your furnace. Is that correct?"
)
CORRECTION = "Your mechanic was 90 minutes late and never called me"
PROPOSAL = "Refund the whole $400 visit, please"


def case_row(server, reference: str) -> Case:
    with Session(server.store.engine) as session:
        return session.exec(select(Case).where(Case.reference == reference)).one()


def proposal_of(server, case_id: int) -> CaseRemedy:
    with Session(server.store.engine) as session:
        return session.exec(
            select(CaseRemedy).where(CaseRemedy.case_id == case_id, CaseRemedy.source == "proposal")
        ).one()


def test_customer_proposes_staff_approve_and_fulfil(server, new_page, shot):
    logins = server.store.logins

    # --- the customer ------------------------------------------------------------------------------------
    customer = new_page()
    customer.goto(f"/?t={logins.invite_token}")
    see(customer, "Hello Alex Rivera,")
    see(customer, "I'm Dana Cohen, Customer Care Lead at Northwind Home Services.")
    shot(customer, "invite-welcome")

    press(customer, "Tell us what happened")
    see(customer, "Your story")
    see(customer, "We will keep you updated about this case at alex.rivera@example.com.")  # the invite's address
    type_into(customer, "What happened?", STORY)
    type_into(customer, "What bothered you most?", BOTHERED)
    shot(customer, "story")

    press(customer, "Continue")
    see(customer, FIRST_PARAPHRASE)
    see(customer, "Did we understand you?")
    shot(customer, "paraphrase")

    press(customer, "Not quite")
    correction = "What did we get wrong? Put it in your own words, change or add anything."
    see(customer, correction)
    expect_value(customer, correction, BOTHERED)  # starts from their own words
    type_into(customer, correction, CORRECTION)
    shot(customer, "correction")

    press(customer, "Check again")
    corrected = see(customer, re.compile("never called you")).inner_text()
    assert corrected.startswith("What bothered you most is") and "90 minutes late" in corrected
    shot(customer, "paraphrase-corrected")

    press(customer, "Yes, that's right")
    see(customer, "We're sorry")
    apology = see(customer, re.compile(r"sorry.*90 minutes", re.IGNORECASE)).inner_text()
    assert "90 minutes" in apology
    shot(customer, "apology")

    press(customer, "No, that's everything")
    see(customer, "A few details")
    type_into(customer, "Amount involved (optional)", "400")
    shot(customer, "details")
    press(customer, "Continue")
    see(customer, "Anything to show us?")
    shot(customer, "evidence")
    press(customer, "Continue")
    see(customer, "Let us put it right")
    customer.get_by_text("Something else: I'll propose what would work for me").click()
    see(customer, "Your proposal")
    type_into(customer, "Your proposal", PROPOSAL)
    type_into(customer, "Amount, if any (optional)", "400")
    shot(customer, "own-proposal")

    press(customer, "Confirm my choice")
    heading = see(customer, re.compile(r"^Your case \S+$"))
    reference = heading.inner_text().removeprefix("Your case ").strip()
    see(customer, "Thank you. We have everything we need, and your case is in good hands.")
    see(customer, "Your proposal is with us for a decision.")
    see(customer, f"{PROPOSAL} ($400.00)")
    assert "t=" in customer.url and logins.invite_token not in customer.url  # now the case's own link
    case_link = customer.url
    shot(customer, "case-submitted")

    case = case_row(server, reference)
    assert case.status == "awaiting_approval" and case.id is not None
    assert "never called you" in case.confirmed_paraphrase
    assert proposal_of(server, case.id).amount_cents == 40_000
    assert case.amount_cents == 40_000  # the details' amount: its field reruns nothing, its value came with "Continue"

    # --- staff ---------------------------------------------------------------------------------------------
    staff = new_page()
    staff.goto("/staff")
    see(staff, "Staff sign-in")
    assert staff.locator('[role="dialog"]').count() == 0, staff.locator('[role="dialog"]').inner_text()
    sign_in(staff, logins.staff_email, logins.staff_password)
    see(staff, f"Signed in as Dana Cohen ({logins.staff_email}), manager.")
    shot(staff, "staff-signed-in")

    staff.get_by_role("link", name="Open the case queue").click()
    see(staff, "Case queue")
    staff.wait_for_url(re.compile(r"/queue$"))
    type_into(staff, "Search", reference)
    press(staff, "Apply filters")
    see(staff, "Page 1 of 1 · 1 case")
    table = staff.locator('[data-testid="stDataFrame"]').first
    shot(staff, "queue-found")

    select_table_row(staff, table, 0)
    see(staff, f"Case {reference}")
    staff.wait_for_url(re.compile(rf"/case\?id={case.id}$"))
    see(staff, "Awaiting approval", timeout=5_000)
    see(staff, "The customer proposes")
    see(staff, f"{PROPOSAL} ($400.00)")
    see(staff, BOTHERED)  # what bothered them, in their words
    see(staff, "What bothered you most is that our mechanic was 90 minutes late and never called you.")
    see(staff, "It took 2 rounds to agree on this.")
    shot(staff, "case-opened")

    press(staff, "Approve the proposal")
    see(staff, "Approved. The customer's proposal is agreed.")
    assert case_row(server, reference).status == "accepted"
    shot(staff, "approved")

    press(staff, "Mark as fulfilled")
    see(staff, "Marked fulfilled. The check-in is scheduled.")
    assert case_row(server, reference).status == "fulfilled"
    shot(staff, "fulfilled")

    # --- the customer comes back to their link --------------------------------------------------------------
    customer.goto(case_link)
    see(customer, "Done: your remedy has been delivered.")
    assert title(customer) == f"Your case {reference}"
    words = visible_text(customer)
    assert "What we agreed" in words and f"{PROPOSAL} ($400.00)" in words
    assert "Your proposal is with us for a decision." not in words
    shot(customer, "customer-sees-fulfilled")
