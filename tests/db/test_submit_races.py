"""Two tabs submitting at the same instant: one case per draft, and one case per invite."""

from __future__ import annotations

import threading
from functools import partial

from sqlmodel import Session, col, func, select

from db.models import Case, Customer, Invite
from portal.back_office.staff import StaffActor
from portal.entry.invites import create_invite
from portal.recovery.cases import RemedyChoice, submit_case
from portal.recovery.remedies import Role
from tests.support import ready_draft


def at_once(*calls):
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = calls[index]()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_tabs_with_one_invite_open_one_case(store):
    manager = StaffActor(1, "Dana", store.logins.staff_email, Role.MANAGER)
    choice = RemedyChoice(proposal_text="Refund the $20 call-out", proposal_amount_cents=2000)
    for round_no in range(10):
        link = create_invite(store.engine, manager, email=f"tab{round_no}@example.com")
        token = link.url.split("t=")[1]
        first, second = ready_draft(email=f"tab{round_no}@example.com"), ready_draft(email=f"tab{round_no}@example.com")
        results = at_once(
            partial(submit_case, store.engine, first, choice, invite_token=token),
            partial(submit_case, store.engine, second, choice, invite_token=token),
        )
        assert not [r for r in results if isinstance(r, Exception)], results
        assert results[0].reference == results[1].reference
        assert sorted(r.created for r in results) == [False, True]
    with Session(store.engine) as session:
        assert session.exec(select(func.count()).select_from(Case)).one() == 10
        linked = session.exec(select(Invite.case_id).where(col(Invite.case_id).is_not(None))).all()
    assert len(set(linked)) == 10


def test_a_double_click_returns_the_same_case(store):
    draft = ready_draft(email="double@example.com")
    choice = RemedyChoice(proposal_text="Refund the $20 call-out", proposal_amount_cents=2000)
    results = at_once(*[lambda: submit_case(store.engine, draft, choice, trusted_caller="test")] * 4)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert len({r.reference for r in results}) == 1
    assert sum(r.created for r in results) == 1


def test_one_customer_submitting_at_once_from_three_tabs_is_agreed_no_more_than_the_policy_allows(store):
    # The demo policy agrees automatically at most 2 remedies and $100 in 90 days per customer; each $40 proposal
    # is within the $50 auto-approve limit on its own.
    choice = RemedyChoice(proposal_text="Refund $40 of the call-out", proposal_amount_cents=4000)
    for round_no in range(5):
        email = f"three-tabs{round_no}@example.com"
        drafts = [ready_draft(email=email) for _ in range(3)]
        results = at_once(
            *[lambda draft=draft: submit_case(store.engine, draft, choice, trusted_caller="test") for draft in drafts]
        )
        assert not [r for r in results if isinstance(r, Exception)], results
        with Session(store.engine) as session:
            statuses = sorted(
                session.exec(
                    select(Case.status)
                    .join(Customer, col(Customer.id) == Case.customer_id)
                    .where(Customer.email == email)
                ).all()
            )
        assert statuses == ["accepted", "accepted", "awaiting_approval"], statuses
