"""Conversations kept on the server until the case is written (portal.recovery.drafts), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta

import pytest
from sqlmodel import Session, col, select

from db.models import ConversationDraft, LinkProbe, utcnow
from portal.back_office import privacy
from portal.config import get_settings
from portal.delivery import worker
from portal.entry import links
from portal.entry.tokens import new_token
from portal.recovery import drafts, evidence
from portal.recovery.journey import Step
from tests.portal.test_evidence import photo
from tests.portal.test_privacy import EMAIL, customer_of, opened
from tests.support import manager, present, ready_draft

SOURCE = "ip:203.0.113.9"


def rows(store) -> list[ConversationDraft]:
    with Session(store.engine) as session:
        return list(session.exec(select(ConversationDraft)))


def test_everything_sent_so_far_comes_back_as_it_was():
    draft = ready_draft(language="he", more=("The invoice was wrong too",))
    draft.form.incident_date = date(2026, 11, 2)
    again = drafts.from_json(drafts.to_json(draft))
    assert again == draft and again.step is Step.REMEDY and again.form.incident_date == date(2026, 11, 2)


def test_a_draft_that_no_longer_fits_is_not_resumed():
    assert drafts.from_json('{"step": "somewhere new", "rounds": 3}') is None


def test_the_public_links_draft_is_found_by_the_token_of_its_first_save(store):
    draft = ready_draft()
    token = new_token()
    drafts.save(store.engine, draft, token=token)
    drafts.save(store.engine, draft, token=new_token())
    [row] = rows(store)
    assert row.token_hash is not None and token not in row.token_hash  # only its digest is kept
    assert drafts.find(store.engine, token=token) == draft
    assert drafts.find(store.engine, token=token + "x") is None
    assert drafts.find(store.engine, token="<script>") is None  # not even looked up


def test_an_invites_draft_is_found_by_the_invite_and_the_newest_save_wins(store):
    draft = ready_draft()
    drafts.save(store.engine, draft, invite_id=1)
    draft.form.order_ref = "NW-1"
    drafts.save(store.engine, draft, invite_id=1)
    assert present(drafts.find(store.engine, invite_id=1), "the kept draft").form.order_ref == "NW-1"
    assert drafts.find(store.engine, invite_id=2) is None
    assert len(rows(store)) == 1


def test_a_save_that_races_another_tabs_first_save_updates_it(store, monkeypatch):
    draft = ready_draft()
    drafts.save(store.engine, draft, invite_id=1)
    real_update = drafts._update
    calls = []

    def missed_it_once(session, key, values):
        calls.append(1)
        return False if len(calls) == 1 else real_update(session, key, values)

    monkeypatch.setattr(drafts, "_update", missed_it_once)
    draft.form.order_ref = "NW-2"
    drafts.save(store.engine, draft, invite_id=1)
    assert present(drafts.find(store.engine, invite_id=1), "the kept draft").form.order_ref == "NW-2"


def test_a_draft_is_kept_for_a_week_after_its_last_step_then_the_worker_deletes_it(store):
    draft = ready_draft()
    token = new_token()
    drafts.save(store.engine, draft, token=token, now=utcnow() - timedelta(days=6))
    assert drafts.find(store.engine, token=token) == draft
    assert drafts.find(store.engine, token=token, now=utcnow() + timedelta(days=2)) is None
    assert drafts.delete_expired(store.engine) == 0
    report = worker.run_once(store.engine, get_settings(), clock=lambda: utcnow() + timedelta(days=2))
    assert report.drafts_removed == 1 and "unfinished conversations deleted: 1" in report.summary()
    assert rows(store) == []


def test_the_photos_of_a_kept_draft_stay_until_the_draft_goes(store, evidence_folder):
    draft = ready_draft()
    evidence.store(store.engine, draft.submission_key, "furnace.jpg", photo())
    drafts.save(store.engine, draft)
    three_days = utcnow() + timedelta(days=3)
    assert evidence.delete_orphans(store.engine, now=three_days) == 0  # unsent files go after a day, not these
    assert evidence.delete_orphans(store.engine, now=utcnow() + timedelta(days=8)) == 1


def test_the_customers_export_holds_their_unfinished_conversation_and_erasure_deletes_it(store):
    case_id = opened(store)
    later = ready_draft(email=EMAIL, name="Zebulon")
    drafts.save(store.engine, later)
    other = ready_draft(email="someone.else@example.com")
    drafts.save(store.engine, other)
    boss = manager(store)

    export = privacy.export_customer(store.engine, boss, customer_of(store, case_id))
    [unfinished] = export["unfinished_conversations"]
    assert unfinished["conversation"]["form"]["email"] == EMAIL
    json.dumps(export)  # the whole export stays JSON

    privacy.erase_customer(store.engine, boss, customer_of(store, case_id), "asked by email")
    assert [row.submission_key for row in rows(store)] == [other.submission_key]


def test_submitting_the_case_deletes_the_draft_in_the_same_transaction(store):
    from portal.recovery.cases import RemedyChoice, submit_case

    draft = ready_draft()
    drafts.save(store.engine, draft, invite_id=None)
    submit_case(
        store.engine,
        draft,
        RemedyChoice(proposal_text="Refund the visit", proposal_amount_cents=4000),
        trusted_caller="tests.portal.test_drafts",
    )
    assert rows(store) == []


def slow_writes(monkeypatch) -> None:
    """Writes handed over land a quarter of a second late, as on a loaded server."""
    write = drafts._write

    def slowly(*args, **kwargs):
        time.sleep(0.25)
        write(*args, **kwargs)

    monkeypatch.setattr(drafts, "_write", slowly)


def test_a_save_handed_over_keeps_the_draft_as_it_stood_and_is_found_at_once(store, monkeypatch):
    slow_writes(monkeypatch)
    draft = ready_draft()
    saving = drafts.save_later(store.engine, draft, invite_id=1)
    draft.form.order_ref = "typed after the click"
    assert not saving.done()
    found = drafts.find(store.engine, invite_id=1)  # waits for the write: a reload sees the step it left
    assert found is not None and found.form.order_ref != "typed after the click"
    assert saving.done() and saving.exception() is None


def test_a_case_submitted_while_its_last_save_is_on_its_way_leaves_no_draft_behind(store, monkeypatch):
    from portal.recovery.cases import RemedyChoice, submit_case

    slow_writes(monkeypatch)
    draft = ready_draft()
    drafts.save_later(store.engine, draft, invite_id=None)
    submit_case(
        store.engine,
        draft,
        RemedyChoice(proposal_text="Refund the visit", proposal_amount_cents=4000),
        trusted_caller="tests.portal.test_drafts",
    )
    drafts.flush()
    assert rows(store) == []


# --- a ?d= is a capability: guesses are logged and throttled like links' -------------------------------------


def probe_outcomes(store) -> list[str]:
    with Session(store.engine) as session:
        return list(session.exec(select(LinkProbe.outcome).order_by(col(LinkProbe.id))))


def test_random_draft_tokens_are_logged_and_then_refused_while_a_real_one_still_opens(store):
    draft, token = ready_draft(), new_token()
    drafts.save(store.engine, draft, token=token)
    for _ in range(links.PROBE_LIMIT):
        assert drafts.open_by_token(store.engine, new_token(), SOURCE) is None
    with pytest.raises(drafts.TooManyGuesses):
        drafts.open_by_token(store.engine, new_token(), SOURCE)
    with pytest.raises(drafts.TooManyGuesses):
        drafts.open_by_token(store.engine, "not-even-a-token", SOURCE)
    assert drafts.open_by_token(store.engine, token, SOURCE) == draft  # the customer's own
    assert drafts.open_by_token(store.engine, new_token(), "ip:198.51.100.1") is None  # another client: a guess
    assert probe_outcomes(store) == ["draft_unknown"] * links.PROBE_LIMIT + ["throttled"] * 2 + ["draft_unknown"]


def test_link_and_draft_guesses_share_one_count(store):
    for _ in range(links.PROBE_LIMIT):
        links.open_link(store.engine, new_token(), SOURCE)
    with pytest.raises(drafts.TooManyGuesses):
        drafts.open_by_token(store.engine, new_token(), SOURCE)


def test_an_expired_draft_is_logged_but_is_no_guess(store):
    token = new_token()
    drafts.save(store.engine, ready_draft(), token=token, now=utcnow() - drafts.KEEP - timedelta(minutes=1))
    for _ in range(links.PROBE_LIMIT + 1):
        assert drafts.open_by_token(store.engine, token, SOURCE) is None
    assert set(probe_outcomes(store)) == {"draft_expired"}
