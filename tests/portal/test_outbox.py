"""The outbox on SQLite and PostgreSQL: each change queues its email in its own transaction (and a change
that rolls back queues nothing), enqueue is idempotent, claims, leases, backoff, and the staff retry."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from functools import partial

import pytest
from sqlmodel import Session, col, select

from db.engine import write_session
from db.models import Case, CaseEvent, CheckIn, OutboxMessage, StaffMember, utcnow
from portal.config import get_settings
from portal.delivery import outbox
from portal.delivery.outbox import LEASE, Email, MessageStatus, backoff
from portal.entry.invites import create_invite
from portal.errors import NotAllowed
from portal.recovery import decisions, timeline
from portal.recovery.cases import RemedyChoice, submit_case
from portal.recovery.journey import Draft
from portal.recovery.states import Event
from tests.support import OpenCase, manager, present, ready_draft, row_id

OUTBOX_STORY = "I booked a furnace repair for 9:00. The mechanic came at 10:30."


def make_draft(language: str = "en", email: str = "alex@example.com") -> Draft:
    return ready_draft(language=language, email=email, story=OUTBOX_STORY)


@pytest.fixture
def open_case(open_case: OpenCase) -> OpenCase:
    """This module's cases tell the outbox's story."""
    return partial(open_case, story=OUTBOX_STORY)


def version(store, case_id: int) -> int:
    with Session(store.engine) as session:
        return session.get_one(Case, case_id).version


def messages(store, case_id: int | None = None) -> list[OutboxMessage]:
    with Session(store.engine) as session:
        query = select(OutboxMessage).order_by(col(OutboxMessage.id))
        if case_id is not None:
            query = query.where(OutboxMessage.case_id == case_id)
        return list(session.exec(query))


def enqueue(engine, key: str, to: str = "alex@example.com") -> OutboxMessage:
    with write_session(engine) as session:
        return outbox.enqueue(
            session,
            Email(kind="case_received", to=to, subject="Hi", text="Hello", html="<p>Hello</p>"),
            dedup_key=key,
            sender=get_settings().sender,
        )


# --- every change queues its email, in its own transaction --------------------------------------------------


def test_submitting_a_case_queues_one_case_received_email_with_the_same_private_link(store):
    draft = make_draft()
    choice = RemedyChoice(proposal_text="Refund the whole $400 visit", proposal_amount_cents=40000)
    receipt = submit_case(store.engine, draft, choice, trusted_caller="test")
    again = submit_case(store.engine, draft, choice, trusted_caller="test")  # a double click finds the same case

    [message] = messages(store)
    assert again.case_id == receipt.case_id and not again.created
    assert (message.kind, message.case_id, message.to_address, message.dedup_key) == (
        "case_received",
        receipt.case_id,
        "alex@example.com",
        f"case_received:{receipt.case_id}",
    )
    assert receipt.reference in message.subject and receipt.reference in message.body_text
    assert f"?t={receipt.token}" in message.body_text  # the link the customer was shown, not another one
    assert "Dana Cohen will look at your proposal within one business day" in message.body_text


def test_each_staff_decision_queues_a_decision_email(store, open_case):
    boss = manager(store)
    approved = open_case()
    decisions.approve_proposal(store.engine, boss, approved, version(store, approved))
    countered = open_case()
    decisions.counter_offer(
        store.engine, boss, countered, version(store, countered), "A free <b>return</b> visit", 8900
    )
    declined = open_case()
    decisions.decline_with_alternative(
        store.engine, boss, declined, version(store, declined), "Too much for one visit", "A $50 credit", 5000
    )

    approve_mail = messages(store, approved)[-1]
    counter_mail = messages(store, countered)[-1]
    decline_mail = messages(store, declined)[-1]
    assert [m.kind for m in (approve_mail, counter_mail, decline_mail)] == ["decision"] * 3
    assert (
        approve_mail.subject.startswith("Good news about your case")
        and "Refund the whole $400 visit" in approve_mail.body_text
    )
    assert counter_mail.subject.startswith("An offer about your case")
    assert "A free <b>return</b> visit ($89.00)" in counter_mail.body_text
    assert "A free &lt;b&gt;return&lt;/b&gt; visit ($89.00)" in counter_mail.body_html
    assert "Why: Too much for one visit" in decline_mail.body_text and "A $50 credit ($50.00)" in decline_mail.body_text
    link = re.search(r"\?t=([A-Za-z0-9_-]+)", counter_mail.body_text)
    assert link is not None  # a fresh private link to answer the offer


def test_a_reopened_case_offer_and_agreement_are_emailed(store, open_case):
    boss = manager(store)
    case_id = fulfilled_case(store, open_case)
    with write_session(store.engine) as session:  # the check-in said we did not make it right
        timeline.move(session, session.get_one(Case, case_id), Event.CHECKIN_LOW, timeline.SYSTEM)
    decisions.staff_offer(store.engine, boss, case_id, version(store, case_id), "Our senior technician redoes it", 0)
    assert messages(store, case_id)[-1].body_text.count("Our senior technician redoes it") == 1
    assert messages(store, case_id)[-1].subject.startswith("An offer about your case")


def fulfilled_case(store, open_case) -> int:
    boss = manager(store)
    case_id = open_case()
    decisions.approve_proposal(store.engine, boss, case_id, version(store, case_id))
    decisions.mark_fulfilled(store.engine, boss, case_id, version(store, case_id))
    return case_id


def test_fulfilment_schedules_the_check_in_and_tells_the_customer_when(store, open_case):
    case_id = fulfilled_case(store, open_case)
    with Session(store.engine) as session:
        case = session.get_one(Case, case_id)
        [checkin] = session.exec(select(CheckIn).where(CheckIn.case_id == case_id)).all()
        logged = session.exec(
            select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.kind == "mark_fulfilled")
        ).one()
    assert checkin.due_at == present(case.fulfilled_at, "a fulfilment time") + timedelta(days=3)
    assert checkin.sent_at is None
    assert json.loads(logged.detail) == {"checkin_due": checkin.due_at.date().isoformat()}
    fulfilled = messages(store, case_id)[-1]
    assert fulfilled.kind == "fulfilled" and f"We will check in with you on {checkin.due_at:%B} " in fulfilled.body_text


def test_a_business_change_that_rolls_back_queues_no_email(store, monkeypatch, open_case):
    boss = manager(store)
    case_id = open_case()
    decisions.approve_proposal(store.engine, boss, case_id, version(store, case_id))
    before = messages(store)

    def broken_move(*_args, **_kwargs):
        raise RuntimeError("the database went away mid-transaction")

    monkeypatch.setattr(timeline, "move", broken_move)  # fails after the email and the check-in were added
    with pytest.raises(RuntimeError):
        decisions.mark_fulfilled(store.engine, boss, case_id, version(store, case_id))

    assert messages(store) == before
    with Session(store.engine) as session:
        assert session.get_one(Case, case_id).status == "accepted"
        assert session.exec(select(CheckIn)).first() is None


def test_a_submission_that_rolls_back_queues_no_email(store, monkeypatch, open_case):
    import portal.recovery.cases as cases

    def broken_opening(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cases, "_log_opening", broken_opening)
    with pytest.raises(RuntimeError):
        open_case()
    assert messages(store) == []


def test_an_invite_can_be_emailed(store):
    boss = manager(store)
    link = create_invite(
        store.engine,
        boss,
        customer_name="Noa",
        email="noa@example.com",
        order_ref="WO-7",
        language="he",
        send_email=True,
    )
    [message] = messages(store)
    assert (message.kind, message.to_address, message.language, message.dedup_key) == (
        "invite",
        "noa@example.com",
        "he",
        f"invite:{link.invite_id}",
    )
    assert link.url in message.body_text and "WO-7" in message.body_text and "שלום Noa" in message.body_text
    create_invite(store.engine, boss, email="sam@example.com")  # not asked to send: nothing queued
    assert len(messages(store)) == 1
    with pytest.raises(ValueError, match="email address to send"):
        create_invite(store.engine, boss, customer_name="No Address", send_email=True)


# --- enqueue, claim, lease, backoff -------------------------------------------------------------------------


def test_enqueue_is_idempotent_on_its_key_and_a_rolled_back_enqueue_leaves_nothing(store):
    first = enqueue(store.engine, "welcome:1")
    second = enqueue(store.engine, "welcome:1")
    assert first.id == second.id and len(messages(store)) == 1
    with pytest.raises(RuntimeError), write_session(store.engine) as session:
        outbox.enqueue(
            session,
            Email("case_received", "b@example.com", "Hi", "x", "<p>x</p>"),
            dedup_key="welcome:2",
            sender=get_settings().sender,
        )
        raise RuntimeError("the change failed")
    assert [m.dedup_key for m in messages(store)] == ["welcome:1"]
    with pytest.raises(ValueError), write_session(store.engine) as session:
        outbox.enqueue(
            session,
            Email("case_received", "a@example.com\r\nBcc: x@evil.example", "Hi", "x", "x"),
            dedup_key="welcome:3",
            sender=get_settings().sender,
        )


def test_a_claim_takes_due_messages_once_and_an_expired_claim_is_taken_again(store):
    early, late = enqueue(store.engine, "a"), enqueue(store.engine, "b")
    with write_session(store.engine) as session:
        session.get_one(OutboxMessage, late.id).next_attempt_at = utcnow() + timedelta(days=1)  # backing off
    now = utcnow()
    [claimed] = outbox.claim(store.engine, "worker-1", now=now)
    assert (claimed.id, claimed.status, claimed.claimed_by, claimed.attempts) == (early.id, "sending", "worker-1", 1)
    assert outbox.claim(store.engine, "worker-2", now=now + LEASE - timedelta(seconds=1)) == []  # still leased

    [again] = outbox.claim(store.engine, "worker-2", now=now + LEASE)  # worker-1 died: the lease ran out
    assert (again.id, again.claimed_by, again.attempts) == (early.id, "worker-2", 2)
    assert "claim by worker-1 expired" in again.last_error
    assert not outbox.mark_sent(store.engine, claimed, "worker-1")  # the dead worker's late mark changes nothing
    assert outbox.mark_sent(store.engine, again, "worker-2")
    assert messages(store)[0].status == "sent"


def test_backoff_doubles_up_to_a_cap_and_a_message_fails_after_the_last_attempt(store):
    assert [backoff(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert backoff(30) == timedelta(hours=6)
    enqueue(store.engine, "x")
    now = utcnow()
    for attempt in (1, 2, 3):
        [row] = outbox.claim(store.engine, "w", now=now)
        status = outbox.mark_unsent(store.engine, row, "w", "451 later", max_attempts=3, now=now)
        stored = messages(store)[0]
        if attempt < 3:
            assert (status, stored.attempts, stored.next_attempt_at) == ("pending", attempt, now + backoff(attempt))
            now = stored.next_attempt_at
    assert (status, stored.status, stored.attempts, stored.last_error) == ("failed", "failed", 3, "451 later")
    assert outbox.claim(store.engine, "w", now=now + timedelta(days=1)) == []


def test_staff_retry_a_failed_message_and_it_is_audited(store, open_case):
    boss = manager(store)
    case_id = open_case()
    [message] = messages(store, case_id)
    message_id = row_id(message)
    with pytest.raises(ValueError, match="Only a failed message"):
        outbox.retry_now(store.engine, boss, message_id)
    with write_session(store.engine) as session:
        row = session.get_one(OutboxMessage, message_id)
        row.status, row.attempts, row.last_error = "failed", 10, "550 No such user"

    outbox.retry_now(store.engine, boss, message_id)

    after = messages(store, case_id)[0]
    assert (after.status, after.attempts) == ("pending", 0) and after.next_attempt_at <= utcnow()
    with Session(store.engine) as session:
        event = session.exec(select(CaseEvent).where(CaseEvent.kind == "email_retry")).one()
    assert (event.case_id, event.actor) == (case_id, f"staff:{boss.id}")
    assert json.loads(event.detail)["previous_error"] == "550 No such user"
    with write_session(store.engine) as session:
        session.get_one(StaffMember, boss.id).is_active = False
        session.get_one(OutboxMessage, message_id).status = "failed"
    with pytest.raises(NotAllowed):
        outbox.retry_now(store.engine, boss, message_id)


def test_the_staff_listing_shows_newest_first_with_the_case_reference(store, open_case):
    case_id = open_case()
    enqueue(store.engine, "no-case")
    listed = outbox.list_messages(store.engine, manager(store))
    assert [(e.case_id, e.kind) for e in listed] == [(None, "case_received"), (case_id, "case_received")]
    with Session(store.engine) as session:
        reference = session.get_one(Case, case_id).reference
    assert listed[1].case_reference == reference and listed[0].case_reference is None
    assert outbox.list_messages(store.engine, manager(store), "sent") == []
    assert outbox.status_counts(store.engine) == {"pending": 2}
    assert {e.id for e in outbox.list_messages(store.engine, manager(store), MessageStatus.PENDING)} == {
        m.id for m in messages(store)
    }


CASE_LINK = re.compile(r"\?t=([A-Za-z0-9_-]{20,})")


def test_no_staff_member_is_shown_a_customers_private_link(store, agent, open_case):
    open_case()
    [stored] = messages(store)
    link = present(CASE_LINK.search(stored.body_text), "a case link")  # the customer's email carries their case link
    token = link.group(1)
    [seen] = outbox.list_messages(store.engine, manager(store))
    seen_text = present(seen.body_text, "the message's text (a manager reads it)")
    assert token not in seen_text and outbox.PRIVATE_LINK in seen_text
    assert stored.body_text.splitlines()[0] in seen_text  # the rest of the message is there to read
    [by_agent] = outbox.list_messages(store.engine, agent)
    assert (by_agent.to_address, by_agent.kind, by_agent.created_at) == (
        seen.to_address,
        "case_received",
        seen.created_at,
    )
    assert by_agent.subject is None and by_agent.body_text is None  # an agent reads no customer's email


TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz012345"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (f"Your link: https://help.example.com/?t={TOKEN}.", "Your link: {hidden}."),
        (f"(https://help.example.com/?lang=es&t={TOKEN}&x=1).", "({hidden})."),
        (f"<a href='https://help.example.com/?verify={TOKEN}'>", "<a href='{hidden}'>"),
        (f"HTTP://HELP.EXAMPLE.COM/?d={TOKEN}\nThank you", "{hidden}\nThank you"),
    ],
)
def test_every_capability_link_is_hidden_and_the_words_around_it_stay(text, shown):
    assert outbox.hide_private_links(text) == shown.format(hidden=outbox.PRIVATE_LINK)


def test_staff_links_and_short_query_values_are_not_private():
    text = "Open the case: http://localhost:8501/case?id=12 (or https://example.com/?lang=es)."
    assert outbox.hide_private_links(text) == text
