"""Check-ins on SQLite and PostgreSQL: due after the delay, a fresh single-use link, good answers close,
low ones (satisfaction or recommendation) reopen and tell the owner, expired and unknown links."""

from __future__ import annotations

import json
import re
import threading
import time
from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from db.engine import write_session
from db.models import AccessToken, Business, Case, CaseEvent, CheckIn, OutboxMessage, StaffMember, utcnow
from portal.config import get_settings
from portal.entry.tokens import Purpose, hash_token
from portal.recovery import decisions, followup, journey
from portal.recovery.cases import RemedyChoice, submit_case
from portal.recovery.followup import CheckinState, CheckinUnavailable, NewLink
from portal.recovery.journey import Draft, StoryForm
from tests.support import manager

OWNER_EMAIL = "dana.cohen@northwind.example"


def case_row(store, case_id: int) -> Case:
    with Session(store.engine) as session:
        return session.get_one(Case, case_id)


def fulfilled_case(store, *, language: str = "en", email: str = "alex@example.com", corrected: str = "") -> int:
    """A case fulfilled and due a check-in; ``corrected``: the customer's second wording of what bothered them."""
    draft = Draft(language=language)
    form = StoryForm(
        name="Alex",
        email=email,
        story="I booked a furnace repair for 9:00. The mechanic came at 10:30.",
        bothered_most="Your mechanic was 90 minutes late to fix my furnace",
    )
    assert journey.submit_story(draft, form) == []
    if corrected:
        assert journey.correct(draft, corrected) == []
    journey.confirm(draft)
    journey.nothing_more(draft)
    case_id = submit_case(
        store.engine,
        draft,
        RemedyChoice(proposal_text="Refund the visit", proposal_amount_cents=40000),
        trusted_caller="test",
    ).case_id
    boss = manager(store)
    decisions.approve_proposal(store.engine, boss, case_id, case_row(store, case_id).version)
    decisions.mark_fulfilled(store.engine, boss, case_id, case_row(store, case_id).version)
    return case_id


def checkin_of(store, case_id: int) -> CheckIn:
    with Session(store.engine) as session:
        found = session.exec(select(CheckIn).where(CheckIn.case_id == case_id).order_by(col(CheckIn.id).desc())).first()
    assert found is not None
    return found


def mails(store, kind: str | None = None) -> list[OutboxMessage]:
    with Session(store.engine) as session:
        query = select(OutboxMessage).order_by(col(OutboxMessage.id))
        return [m for m in session.exec(query) if kind is None or m.kind == kind]


def token_in(message: OutboxMessage) -> str:
    found = re.findall(r"\?t=([A-Za-z0-9_-]+)", message.body_text)
    assert found, message.body_text
    return found[-1]


def checkin_link(store, case_id: int) -> str:
    """Make the check-in due, let the worker's step queue it, and take the link from the email."""
    followup.enqueue_due_checkins(store.engine, now=checkin_of(store, case_id).due_at)
    return token_in([m for m in mails(store, "checkin") if m.case_id == case_id][-1])


def events(store, case_id: int, kind: str) -> list[CaseEvent]:
    with Session(store.engine) as session:
        return list(session.exec(select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.kind == kind)))


# --- scheduling and sending ---------------------------------------------------------------------------------


def test_the_check_in_is_due_after_the_business_delay_and_is_queued_once_with_a_fresh_link(store):
    with write_session(store.engine) as session:
        session.exec(select(Business)).one().followup_delay_days = 5
    case_id = fulfilled_case(store)
    checkin = checkin_of(store, case_id)
    fulfilled_at = case_row(store, case_id).fulfilled_at
    assert fulfilled_at is not None and checkin.due_at == fulfilled_at + timedelta(days=5)

    assert followup.enqueue_due_checkins(store.engine, now=checkin.due_at - timedelta(seconds=1)) == 0
    assert mails(store, "checkin") == []
    assert followup.enqueue_due_checkins(store.engine, now=checkin.due_at) == 1
    assert followup.enqueue_due_checkins(store.engine, now=checkin.due_at + timedelta(days=1)) == 0  # only once

    [email] = mails(store, "checkin")
    assert (email.to_address, email.case_id, email.dedup_key) == ("alex@example.com", case_id, f"checkin:{checkin.id}")
    assert email.subject.startswith("Did we make it right?")
    token = token_in(email)
    assert len(token) >= 22  # at least 128 random bits, base64url
    with Session(store.engine) as session:
        stored = session.exec(select(AccessToken).where(AccessToken.token_hash == hash_token(token))).one()
        assert not session.exec(select(AccessToken).where(AccessToken.token_hash == token)).first()  # only the hash
    assert (stored.purpose, stored.case_id, stored.used_at) == (Purpose.CHECKIN, case_id, None)
    assert stored.expires_at == checkin.due_at + timedelta(days=30)
    assert checkin_of(store, case_id).sent_at == checkin.due_at
    assert [e.actor for e in events(store, case_id, "checkin_sent")] == ["system"]


def test_the_check_in_link_lifetime_is_configurable(store, monkeypatch):
    monkeypatch.setenv("PORTAL_CHECKIN_LINK_DAYS", "7")
    get_settings.cache_clear()
    case_id = fulfilled_case(store)
    token = checkin_link(store, case_id)
    with Session(store.engine) as session:
        stored = session.exec(select(AccessToken).where(AccessToken.token_hash == hash_token(token))).one()
    assert stored.expires_at == checkin_of(store, case_id).due_at + timedelta(days=7)


# --- answers ------------------------------------------------------------------------------------------------


def test_a_good_answer_closes_the_case(store):
    case_id = fulfilled_case(store)
    token = checkin_link(store, case_id)
    view = followup.open_checkin(store.engine, token)
    assert (view.state, view.reference, view.customer_name) == (
        CheckinState.OPEN,
        case_row(store, case_id).reference,
        "Alex",
    )
    before = case_row(store, case_id).version

    result = followup.answer_checkin(store.engine, token, 5, 9, "  Thank you, all good  ")

    case = case_row(store, case_id)
    assert (result.outcome, result.status, case.status) == ("good", "closed", "closed")
    assert case.closed_at is not None and case.version == before + 1
    answered = checkin_of(store, case_id)
    assert (answered.made_it_right, answered.recommend, answered.comment, answered.outcome) == (
        5,
        9,
        "Thank you, all good",
        "good",
    )
    [logged] = events(store, case_id, "checkin_good")
    assert (logged.actor, logged.from_status, logged.to_status) == ("customer", "fulfilled", "closed")
    assert json.loads(logged.detail)["made_it_right"] == 5
    assert mails(store, "reopened") == []
    assert followup.open_checkin(store.engine, token).state is CheckinState.ANSWERED


@pytest.mark.parametrize(("made_it_right", "recommend"), [(2, 10), (1, 9), (5, 6), (4, 0)])
def test_a_low_answer_reopens_the_case_and_tells_the_owner(store, made_it_right, recommend):
    case_id = fulfilled_case(store)
    token = checkin_link(store, case_id)

    result = followup.answer_checkin(store.engine, token, made_it_right, recommend, "The <b>noise</b> is back")

    assert (result.outcome, result.status, result.contact.name) == ("low", "reopened", "Dana Cohen")
    case = case_row(store, case_id)
    assert case.status == "reopened" and case.closed_at is None
    [logged] = events(store, case_id, "checkin_low")
    assert (logged.from_status, logged.to_status) == ("fulfilled", "reopened")
    [notice] = mails(store, "reopened")
    assert (notice.to_address, notice.case_id, notice.language) == (OWNER_EMAIL, case_id, "en")
    assert f"{made_it_right}/5" in notice.subject and f"{recommend}/10" in notice.subject
    assert "The <b>noise</b> is back" in notice.body_text and "The &lt;b&gt;noise&lt;/b&gt; is back" in notice.body_html
    assert f"/case?id={case_id}" in notice.body_text


def test_the_reopened_notice_quotes_what_the_customer_confirmed_and_their_first_wording_after_it(store):
    case_id = fulfilled_case(store, corrected="Nobody told me the mechanic would be 90 minutes late")
    followup.answer_checkin(store.engine, checkin_link(store, case_id), 2, 3, "Still cold")
    [notice] = mails(store, "reopened")
    confirmed = notice.body_text.index("Nobody told me the mechanic would be 90 minutes late")
    first = notice.body_text.index("Your mechanic was 90 minutes late to fix my furnace")
    assert confirmed < first  # the confirmed wording first, their first wording as a secondary line
    assert "Nobody told me the mechanic would be 90 minutes late" in notice.body_html


def test_the_reopened_notice_goes_to_the_case_owner_when_there_is_one(store):
    boss = manager(store)
    case_id = fulfilled_case(store)
    with write_session(store.engine) as session:
        sam = StaffMember(
            email="sam@northwind.example", name="Sam Agent", title="Service Lead", role="agent", password_hash="x"
        )
        session.add(sam)
        session.flush()
        assert sam.id is not None
        sam_id = sam.id
    decisions.assign_owner(store.engine, boss, case_id, case_row(store, case_id).version, sam_id)
    result = followup.answer_checkin(store.engine, checkin_link(store, case_id), 1, 1)
    assert result.contact.name == "Sam Agent"
    assert mails(store, "reopened")[0].to_address == "sam@northwind.example"


@pytest.mark.parametrize(("made_it_right", "recommend", "outcome"), [(3, 7, "good"), (2, 10, "good"), (3, 5, "low")])
def test_the_thresholds_are_configurable(store, monkeypatch, made_it_right, recommend, outcome):
    monkeypatch.setenv("PORTAL_CHECKIN_LOW_CSAT", "1")
    monkeypatch.setenv("PORTAL_CHECKIN_LOW_NPS", "5")
    get_settings.cache_clear()
    case_id = fulfilled_case(store)
    assert (
        followup.answer_checkin(store.engine, checkin_link(store, case_id), made_it_right, recommend).outcome == outcome
    )


def test_a_used_link_is_refused_politely(store):
    case_id = fulfilled_case(store)
    token = checkin_link(store, case_id)
    followup.answer_checkin(store.engine, token, 5, 10)
    with pytest.raises(CheckinUnavailable) as refused:
        followup.answer_checkin(store.engine, token, 1, 0, "changed my mind")
    assert refused.value.state is CheckinState.ANSWERED
    assert case_row(store, case_id).status == "closed" and checkin_of(store, case_id).made_it_right == 5


def test_two_answers_at_the_same_moment_one_wins(store, monkeypatch):
    case_id = fulfilled_case(store)
    token = checkin_link(store, case_id)
    barrier = threading.Barrier(2)
    real_state = followup._state

    def slow_state(*args, **kwargs):
        # Both answers have read "open" inside their transactions before either writes (PostgreSQL;
        # SQLite's BEGIN IMMEDIATE already makes the second wait for the first).
        state = real_state(*args, **kwargs)
        time.sleep(0.3)
        return state

    monkeypatch.setattr(followup, "_state", slow_state)
    outcomes: list[str] = []

    def answer(score: int) -> None:
        barrier.wait()
        try:
            outcomes.append(followup.answer_checkin(store.engine, token, score, score * 2).outcome)
        except CheckinUnavailable as refused:
            outcomes.append(str(refused.state))

    threads = [threading.Thread(target=answer, args=(score,)) for score in (1, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) in (["answered", "good"], ["answered", "low"])
    assert len(events(store, case_id, "checkin_good") + events(store, case_id, "checkin_low")) == 1


@pytest.mark.parametrize(
    ("made_it_right", "recommend", "comment"),
    [
        (0, 5, ""),
        (6, 5, ""),
        (3, -1, ""),
        (3, 11, ""),
        (None, 5, ""),
        (3, None, ""),
        (True, 5, ""),
        ("5", 5, ""),
        (3, 5, "x" * 2001),
    ],
)
def test_an_invalid_answer_changes_nothing(store, made_it_right, recommend, comment):
    case_id = fulfilled_case(store)
    token = checkin_link(store, case_id)
    with pytest.raises(ValueError):
        followup.answer_checkin(store.engine, token, made_it_right, recommend, comment)
    assert followup.open_checkin(store.engine, token).state is CheckinState.OPEN
    assert case_row(store, case_id).status == "fulfilled"


def test_a_second_fulfilment_gets_its_own_check_in_and_the_old_link_stays_answered(store):
    boss = manager(store)
    case_id = fulfilled_case(store)
    first = checkin_link(store, case_id)
    followup.answer_checkin(store.engine, first, 1, 2)
    decisions.staff_agree(store.engine, boss, case_id, case_row(store, case_id).version, "Redo it properly", None)
    decisions.mark_fulfilled(store.engine, boss, case_id, case_row(store, case_id).version)

    second = checkin_link(store, case_id)
    assert second != first
    assert followup.open_checkin(store.engine, first).state is CheckinState.ANSWERED
    assert followup.answer_checkin(store.engine, second, 5, 10).status == "closed"


# --- expired and unknown links ------------------------------------------------------------------------------


def expire(store, token: str) -> None:
    with write_session(store.engine) as session:
        row = session.exec(select(AccessToken).where(AccessToken.token_hash == hash_token(token))).one()
        row.expires_at = utcnow() - timedelta(seconds=1)


def test_an_expired_link_shows_nothing_about_the_case_and_can_ask_for_a_new_one_once_an_hour(store):
    case_id = fulfilled_case(store)
    old = checkin_link(store, case_id)
    expire(store, old)

    view = followup.open_checkin(store.engine, old)
    assert (view.state, view.reference, view.customer_name) == (CheckinState.EXPIRED, "", "")
    assert (view.business_name, view.contact.email) == ("Northwind Home Services", OWNER_EMAIL)
    with pytest.raises(CheckinUnavailable) as refused:
        followup.answer_checkin(store.engine, old, 5, 10)
    assert refused.value.state is CheckinState.EXPIRED

    now = utcnow()
    assert followup.request_new_checkin_link(store.engine, old, now=now) is NewLink.SENT
    assert (
        followup.request_new_checkin_link(store.engine, old, now=now + timedelta(minutes=59)) is NewLink.RECENTLY_SENT
    )
    sent = [m for m in mails(store, "checkin")]
    assert len(sent) == 2 and sent[-1].to_address == "alex@example.com"  # the address on file, nobody else
    fresh = token_in(sent[-1])
    assert fresh != old and followup.open_checkin(store.engine, fresh).state is CheckinState.OPEN
    assert [e.actor for e in events(store, case_id, "checkin_link_resent")] == ["customer"]

    assert followup.request_new_checkin_link(store.engine, old, now=now + timedelta(minutes=61)) is NewLink.SENT
    assert len(mails(store, "checkin")) == 3

    followup.answer_checkin(store.engine, fresh, 4, 9)
    assert followup.open_checkin(store.engine, old).state is CheckinState.ANSWERED  # every link of the case is spent
    assert followup.request_new_checkin_link(store.engine, old, now=now + timedelta(hours=3)) is NewLink.ANSWERED
    assert len(mails(store, "checkin")) == 3


@pytest.mark.parametrize("token", ["", "short", "A" * 32, "not a token at all!"])
def test_an_unknown_link(store, token):
    fulfilled_case(store)
    assert followup.open_checkin(store.engine, token).state is CheckinState.UNKNOWN
    assert followup.request_new_checkin_link(store.engine, token) is NewLink.UNAVAILABLE
    with pytest.raises(CheckinUnavailable):
        followup.answer_checkin(store.engine, token, 5, 10)


def test_a_case_link_is_not_a_check_in_link(store):
    case_id = fulfilled_case(store)
    case_token = token_in([m for m in mails(store) if m.kind == "case_received" and m.case_id == case_id][0])
    assert followup.open_checkin(store.engine, case_token).state is CheckinState.UNKNOWN
    with pytest.raises(CheckinUnavailable):
        followup.answer_checkin(store.engine, case_token, 1, 0)
    assert case_row(store, case_id).status == "fulfilled"
