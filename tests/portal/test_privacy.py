"""A customer's personal data on SQLite and PostgreSQL: export (JSON), erasure on request, retention by the worker."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import String, Text, inspect, text, update
from sqlmodel import Session, col, select

from db.engine import write_session
from db.models import (
    AccessToken,
    Business,
    Case,
    CaseEvent,
    CaseRemedy,
    CheckIn,
    Customer,
    OutboxMessage,
    WebhookDelivery,
    WebhookEndpoint,
    utcnow,
)
from portal.back_office import privacy
from portal.config import get_settings
from portal.delivery import worker
from portal.delivery.outbox import PRIVATE_LINK, Email, MessageStatus, enqueue
from portal.entry import invites, links
from portal.entry.links import LinkState
from portal.entry.tokens import Purpose
from portal.errors import NotAllowed
from portal.recovery import decisions, followup
from tests.portal.test_followup import case_row, checkin_link
from tests.support import agent, manager, open_case

# Strings that exist nowhere but in this customer's data: after erasure no column of any table may hold them.
NAME = "Zebulon Quaxworth"
EMAIL = "zebulon.quax@example.com"
STORY = "The plumber Quaxstory flooded my Quaxkitchen and left without a word."
BOTHERED = "Nobody told me the Quaxkitchen would be flooded"
PROPOSAL = "Pay for the Quaxfloor to be dried"
NOTE = "Zebulon rang twice, very upset about the Quaxkitchen"
COMMENT = "Still damp in the Quaxkitchen"
ORDER = "QX-778899"
PLANTED = (NAME, EMAIL, "zebulon.quax", STORY, "Quaxstory", "Quaxkitchen", "Quaxfloor", ORDER)


def opened(store, **draft) -> int:
    """A case opened by our customer with their own proposal (awaiting approval)."""
    return open_case(
        store.engine, **{"text": PROPOSAL, "name": NAME, "email": EMAIL, "story": STORY, "bothered": BOTHERED, **draft}
    )


def settled_case(store) -> int:
    """A case lived to the end: proposal, approval, note, fulfilment, a check-in answered with a comment."""
    case_id = opened(store)
    boss = manager(store)
    with write_session(store.engine) as session:
        session.execute(update(Case).where(col(Case.id) == case_id).values(order_ref=ORDER))
    decisions.add_note(store.engine, boss, case_id, NOTE)
    decisions.approve_proposal(store.engine, boss, case_id, case_row(store, case_id).version)
    decisions.mark_fulfilled(store.engine, boss, case_id, case_row(store, case_id).version)
    followup.answer_checkin(store.engine, checkin_link(store, case_id), 5, 9, COMMENT)
    return case_id


def customer_of(store, case_id: int) -> int:
    return case_row(store, case_id).customer_id


def every_text(store) -> list[tuple[str, str, str]]:
    """(table, column, value) for every text column of every table in the store."""
    found = []
    schema = inspect(store.engine)
    with store.engine.connect() as conn:
        for table in schema.get_table_names():
            columns = [c["name"] for c in schema.get_columns(table) if isinstance(c["type"], String | Text)]
            for column in columns:
                for (value,) in conn.execute(text(f'SELECT "{column}" FROM "{table}"')):
                    if value:
                        found.append((table, column, value))
    return found


def leftovers(store) -> list[tuple[str, str, str]]:
    return [(t, c, v[:80]) for t, c, v in every_text(store) if any(p.lower() in v.lower() for p in PLANTED)]


def events(store, case_id: int, kind: str) -> list[CaseEvent]:
    with Session(store.engine) as session:
        return list(session.exec(select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.kind == kind)))


# --- finding and exporting ------------------------------------------------------------------------------------


def test_a_manager_finds_a_customer_by_email_ignoring_case_or_by_reference(store):
    case_id = settled_case(store)
    other = opened(store, email=EMAIL.upper())  # the same person, a second case
    boss = manager(store)
    by_email = privacy.find_customers(store.engine, boss, "  Zebulon.QUAX@example.com ")
    by_reference = privacy.find_customers(store.engine, boss, case_row(store, other).reference.lower())
    assert by_email == by_reference
    [person] = by_email
    assert person.name == NAME and {c.id for c in person.cases} == {case_id, other}
    assert privacy.find_customers(store.engine, boss, "nobody@example.com") == []
    assert privacy.find_customers(store.engine, boss, "AM-NOPE00") == []


def test_the_export_holds_the_story_the_conversation_the_emails_and_the_check_in(store):
    case_id = settled_case(store)
    export = privacy.export_customer(store.engine, manager(store), customer_of(store, case_id))
    document = json.loads(privacy.export_json(export))  # JSON all the way down
    assert document["customer"]["name"] == NAME and document["customer"]["email"] == EMAIL
    [case] = document["cases"]
    assert case["story"] == STORY and case["bothered_most"] == BOTHERED and case["order_ref"] == ORDER
    assert case["conversation"][0]["customer_text"] == BOTHERED
    assert PROPOSAL in [r["description"] for r in case["remedies"]]
    assert case["check_ins"][0]["comment"] == COMMENT and case["check_ins"][0]["made_it_right"] == 5
    assert {"open_proposed", "approve", "checkin_good"} <= {e["kind"] for e in case["events"]}
    assert all(e["actor"] in ("customer", "system", "staff") for e in case["events"])
    kinds = {m["kind"] for m in document["emails"]}
    assert {"case_received", "decision", "fulfilled", "checkin"} <= kinds
    assert all(m["to_address"] == EMAIL and m["body_text"] for m in document["emails"])
    # The manager who downloads it sees no private link: whoever holds one acts as the customer.
    assert "?t=" not in privacy.export_json(export)
    assert all(PRIVATE_LINK in m["body_text"] for m in document["emails"])
    assert [set(n) for n in case["staff_notes"]] == [{"at", "text"}]  # what was written about them, not by whom
    assert case["staff_notes"][0]["text"] == NOTE
    assert [e.actor for e in events(store, case_id, privacy.EVENT_EXPORTED)] == [f"staff:{manager(store).id}"]


def test_agents_can_neither_find_export_nor_erase(store):
    case_id = opened(store)
    sam = agent(store)
    with pytest.raises(NotAllowed):
        privacy.find_customers(store.engine, sam, EMAIL)
    with pytest.raises(NotAllowed):
        privacy.export_customer(store.engine, sam, customer_of(store, case_id))
    with pytest.raises(NotAllowed):
        privacy.erase_customer(store.engine, sam, customer_of(store, case_id), "asked by email")
    assert case_row(store, case_id).story == STORY
    assert events(store, case_id, privacy.EVENT_EXPORTED) == []


# --- erasure on request ---------------------------------------------------------------------------------------


def test_erasure_leaves_no_copy_of_the_name_email_or_words_anywhere_and_keeps_the_anonymised_case(store):
    case_id = settled_case(store)
    second = opened(store)
    invites.create_invite(
        store.engine, manager(store), customer_name=NAME, email=EMAIL, order_ref=ORDER, send_email=True
    )
    unrelated = open_case(store.engine, name="Alex", email="alex@example.com")
    before = case_row(store, case_id)
    assert leftovers(store)  # the scan finds what was planted

    erasure = privacy.erase_customer(store.engine, manager(store), customer_of(store, second), "asked by email")

    assert leftovers(store) == []
    assert sorted(erasure.references) == sorted([before.reference, case_row(store, second).reference])
    after = case_row(store, case_id)
    assert (after.category, after.status, after.amount_cents, after.created_at, after.closed_at) == (
        before.category,
        before.status,
        before.amount_cents,
        before.created_at,
        before.closed_at,
    )
    assert after.story == privacy.ERASED and after.erased_at is not None
    with Session(store.engine) as session:
        customer = session.get_one(Customer, after.customer_id)
        assert (customer.name, customer.email) == ("", "") and customer.erased_at is not None
        remedy = session.exec(select(CaseRemedy).where(CaseRemedy.case_id == case_id)).one()
        assert (remedy.amount_cents, remedy.status, remedy.description) == (40000, "approved", privacy.ERASED)
        checkin = session.exec(select(CheckIn).where(CheckIn.case_id == case_id)).one()
        assert (checkin.made_it_right, checkin.recommend, checkin.comment) == (5, 9, privacy.ERASED)
    assert case_row(store, unrelated).story != privacy.ERASED  # someone else's case is untouched
    logged = events(store, case_id, privacy.EVENT_ERASED)
    assert [(e.actor, json.loads(e.detail)) for e in logged] == [
        (f"staff:{manager(store).id}", {"reason": "asked by email"})
    ]


def test_after_erasure_the_customers_links_are_unknown_and_no_pending_email_goes_out(store):
    case_id = opened(store)
    with Session(store.engine) as session:
        pending = session.exec(select(OutboxMessage).where(OutboxMessage.case_id == case_id)).one()
    assert pending.id is not None
    with write_session(store.engine) as session:
        token = links.issue(session, Purpose.CASE, timedelta(days=30), case_id=case_id)
    assert links.resolve(store.engine, token).state is LinkState.VALID

    privacy.erase_customer(store.engine, manager(store), customer_of(store, case_id), "asked on the phone")

    assert links.resolve(store.engine, token).state is LinkState.UNKNOWN
    with Session(store.engine) as session:
        message = session.get_one(OutboxMessage, pending.id)
        assert message.status == MessageStatus.FAILED and message.last_error == privacy.CANCELLED_NOTE
        assert session.exec(select(AccessToken).where(AccessToken.case_id == case_id)).first() is None
    with pytest.raises(ValueError, match="erased"):
        from portal.delivery.outbox import retry_now

        retry_now(store.engine, manager(store), pending.id)


def test_a_case_not_settled_yet_is_withdrawn_and_nothing_more_happens_to_it(store):
    """With nobody left to email or to put it right with, an open case must not sit in the queue for ever, its
    clock running towards overdue, waiting for a decision whose emails would go nowhere."""
    from portal.back_office.queue import DEFAULT_FILTER, load_queue
    from tests.portal.test_webhooks import add, deliveries

    add(store, "http://127.0.0.1:9/all")
    case_id = opened(store)  # awaiting approval, its first-response clock running
    closed = settled_case(store)
    assert case_row(store, case_id).sla_due_at is not None
    boss = manager(store)

    privacy.erase_customer(store.engine, boss, customer_of(store, case_id), "asked by email")

    case = case_row(store, case_id)
    assert (case.status, case.sla_due_at) == ("withdrawn", None)
    assert case_row(store, closed).status == "closed"  # settled already: its status stays for the statistics
    with Session(store.engine) as session:
        kinds = list(
            session.exec(
                select(CaseEvent.kind).where(CaseEvent.case_id == case_id).order_by(col(CaseEvent.id).desc()).limit(2)
            )
        )
    assert kinds == ["withdraw", privacy.EVENT_ERASED]
    assert [e.to_status for e in events(store, case_id, "withdraw")] == ["withdrawn"]
    withdrawn = [r for r in deliveries(store) if r.case_id == case_id][-1]
    assert withdrawn.event == "case.withdrawn" and json.loads(withdrawn.payload)["case"]["remedy"] is None
    with Session(store.engine) as session:  # the proposal waiting for staff is withdrawn with the case
        assert session.exec(select(CaseRemedy.status).where(CaseRemedy.case_id == case_id)).all() == ["withdrawn"]
    assert leftovers(store) == []
    with pytest.raises(decisions.IllegalTransition):
        decisions.approve_proposal(store.engine, boss, case_id, case.version)
    queue = load_queue(store.engine, DEFAULT_FILTER)
    assert case.reference not in [row.reference for row in queue.rows]
    assert queue.status_counts["withdrawn"] == 1
    [person] = privacy.find_customers(store.engine, boss, case.reference)
    assert person.unsettled == []


STATEMENTS_AT_MOST = {"postgresql": 11, "sqlite": 23}  # was 35 and 37 for three cases, and grew with them


def test_an_erasure_runs_a_fixed_handful_of_statements_however_many_cases_it_withdraws(store):
    """Set-based: the endpoints read once, each table written once (on PostgreSQL all in one statement), the audit
    entries and withdrawals inserted together; a webhook subscribed to withdrawals still gets one each."""
    from tests.support import counted_queries

    with write_session(store.engine) as session:
        session.add(
            WebhookEndpoint(
                url="https://hooks.example/amends", secret="s" * 32, events="case.withdrawn", description="CRM"
            )
        )
    boss = manager(store)
    counts = []
    for n, unsettled in enumerate((1, 4)):
        email = f"person{n}@example.com"
        first = opened(store, email=email)
        for _ in range(unsettled - 1):
            opened(store, email=email)
        customer = customer_of(store, first)
        with counted_queries(store.engine) as statements:
            erasure = privacy.erase_customer(store.engine, boss, customer, "the customer asked by email")
        assert len(erasure.references) == unsettled
        counts.append(len(statements))
        with Session(store.engine) as session:
            delivered = session.exec(select(WebhookDelivery).where(WebhookDelivery.event == "case.withdrawn")).all()
        assert len(delivered) == (1, 5)[n]
    assert counts[0] == counts[1] <= STATEMENTS_AT_MOST[store.engine.dialect.name] + 2, counts  # + the 2 webhook ones


def test_the_manager_is_told_which_cases_an_erasure_would_withdraw(store):
    waiting = opened(store)
    settled_case(store)
    [person] = privacy.find_customers(store.engine, manager(store), EMAIL)
    assert person.unsettled == [case_row(store, waiting).reference]


def test_erasing_twice_is_harmless_and_catches_what_was_added_since(store):
    case_id = settled_case(store)
    boss = manager(store)
    privacy.erase_customer(store.engine, boss, customer_of(store, case_id), "asked by email")
    decisions.add_note(store.engine, boss, case_id, "Called Zebulon Quaxworth back")
    privacy.erase_customer(store.engine, boss, customer_of(store, case_id), "asked again")
    assert leftovers(store) == []
    assert [json.loads(e.detail)["reason"] for e in events(store, case_id, privacy.EVENT_ERASED)] == [
        "asked by email",
        "asked again",
    ]
    [person] = privacy.find_customers(store.engine, boss, case_row(store, case_id).reference)
    assert person.erased and person.name == "" and person.cases[0].erased_at is not None


def test_a_reason_is_required_and_nothing_is_erased_without_one(store):
    case_id = opened(store)
    with pytest.raises(ValueError, match="why"):
        privacy.erase_customer(store.engine, manager(store), customer_of(store, case_id), "   ")
    assert case_row(store, case_id).story == STORY


def test_timeline_details_keep_numbers_and_categories_and_lose_personal_text():
    detail = {
        "description": PROPOSAL,
        "amount_cents": 4000,
        "category": "damage",
        "remedy_id": 3,
        "changes": {"comment": COMMENT},
        "to": EMAIL,
        "emailed": True,
    }
    assert privacy.scrub_detail(detail) == {
        "description": privacy.ERASED,
        "amount_cents": 4000,
        "category": "damage",
        "remedy_id": 3,
        "changes": {"comment": privacy.ERASED},
        "to": privacy.ERASED,
        "emailed": True,
    }


# --- retention --------------------------------------------------------------------------------------------------


def set_retention(store, months: int | None) -> None:
    with write_session(store.engine) as session:
        session.execute(update(Business).values(retention_months=months))


def age(store, case_id: int, days: int) -> None:
    """Move a case and its whole timeline ``days`` into the past."""
    with write_session(store.engine) as session:
        case = session.get_one(Case, case_id)
        case.updated_at, case.created_at = (
            case.updated_at - timedelta(days=days),
            case.created_at - timedelta(days=days),
        )
        session.add(case)
        for event in session.exec(select(CaseEvent).where(CaseEvent.case_id == case_id)):
            event.at = event.at - timedelta(days=days)
            session.add(event)


def test_retention_erases_only_settled_cases_inactive_for_longer_than_the_setting(store):
    old_closed = settled_case(store)
    recent_closed = settled_case(store)
    old_open = opened(store)  # awaiting approval: somebody's job still
    for case_id in (old_closed, old_open):
        age(store, case_id, 400)
    age(store, recent_closed, 200)
    set_retention(store, 12)

    assert privacy.erase_expired(store.engine) == 1

    assert case_row(store, old_closed).erased_at is not None and case_row(store, old_closed).story == privacy.ERASED
    assert case_row(store, recent_closed).story == STORY and case_row(store, old_open).story == STORY
    with Session(store.engine) as session:
        assert session.get_one(Customer, customer_of(store, old_closed)).email == ""
        assert (
            session.get_one(Customer, customer_of(store, recent_closed)).email == EMAIL
        )  # the same person's newer case
    [logged] = events(store, old_closed, privacy.EVENT_ERASED)
    assert logged.actor == "system" and "retention" in json.loads(logged.detail)["reason"]
    assert privacy.erase_expired(store.engine) == 0  # nothing twice


def test_retention_withdraws_a_fulfilled_case_whose_check_in_never_came(store):
    case_id = opened(store)
    boss = manager(store)
    decisions.approve_proposal(store.engine, boss, case_id, case_row(store, case_id).version)
    decisions.mark_fulfilled(store.engine, boss, case_id, case_row(store, case_id).version)
    age(store, case_id, 400)
    set_retention(store, 12)
    assert privacy.erase_expired(store.engine) == 1
    assert case_row(store, case_id).status == "withdrawn"  # no address left to send the check-in to
    [withdrawn] = events(store, case_id, "withdraw")
    assert (withdrawn.actor, withdrawn.from_status) == ("system", "fulfilled")


def test_recent_activity_on_an_old_case_keeps_it(store):
    case_id = settled_case(store)
    age(store, case_id, 400)
    decisions.add_note(store.engine, manager(store), case_id, "Looked at it again today")
    set_retention(store, 12)
    assert privacy.erase_expired(store.engine) == 0
    assert case_row(store, case_id).story == STORY


def test_with_retention_off_nothing_is_erased_and_one_small_read_is_made(store):
    from tests.support import counted_queries

    case_id = settled_case(store)
    age(store, case_id, 4000)
    with counted_queries(store.engine) as statements:
        assert privacy.erase_expired(store.engine) == 0
    assert len(statements) == 1 and "retention_months" in statements[0]
    assert case_row(store, case_id).story == STORY


def test_the_worker_pass_applies_retention_and_reports_it(store, tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_OUTBOX_DIR", str(tmp_path / "outbox"))
    get_settings.cache_clear()
    case_id = settled_case(store)
    age(store, case_id, 400)
    set_retention(store, 6)
    report = worker.run_once(store.engine, get_settings())
    assert report.erased == 1 and "personal data erased (retention): 1 cases" in report.summary()
    assert case_row(store, case_id).story == privacy.ERASED


def test_months_before_counts_calendar_months():
    assert privacy.months_before(datetime(2026, 3, 31, 12, tzinfo=UTC), 1) == datetime(2026, 2, 28, 12, tzinfo=UTC)
    assert privacy.months_before(datetime(2026, 1, 15, tzinfo=UTC), 13) == datetime(2024, 12, 15, tzinfo=UTC)


def test_erasure_scrubs_the_timeline_entries_of_its_customers_invites_and_of_no_one_elses(store):
    ours = invites.create_invite(store.engine, manager(store), customer_name=NAME, email=EMAIL, send_email=True)
    theirs = invites.create_invite(
        store.engine, manager(store), customer_name="Alex", email="alex@example.com", send_email=True
    )
    case_id = opened(store)

    privacy.erase_customer(store.engine, manager(store), customer_of(store, case_id), "asked by email")

    with Session(store.engine) as session:
        created = {
            e.about: json.loads(e.detail)
            for e in session.exec(select(CaseEvent).where(CaseEvent.kind == "invite_created"))
        }
    assert created[f"invite:{ours.invite_id}"]["email"] == privacy.ERASED
    assert created[f"invite:{theirs.invite_id}"]["email"] == "alex@example.com"
    assert leftovers(store) == []


def test_old_invites_never_used_are_erased_by_retention(store):
    link = invites.create_invite(store.engine, manager(store), customer_name=NAME, email=EMAIL, order_ref=ORDER)
    with write_session(store.engine) as session:
        session.execute(
            text("UPDATE invite SET created_at = :at WHERE id = :id"),
            {"at": utcnow() - timedelta(days=400), "id": link.invite_id},
        )
    set_retention(store, 12)
    privacy.erase_expired(store.engine)
    assert leftovers(store) == []


def test_a_pending_invite_email_is_cancelled_with_the_invite(store):
    link = invites.create_invite(store.engine, manager(store), customer_name=NAME, email=EMAIL, send_email=True)
    case_id = opened(store)
    with write_session(store.engine) as session:
        enqueue(
            session,
            Email(kind="note", to=EMAIL, subject=f"Hello {NAME}", text=STORY, html=""),
            dedup_key="stray:1",
            sender="care@northwind.example",
        )
    privacy.erase_customer(store.engine, manager(store), customer_of(store, case_id), "asked by email")
    with Session(store.engine) as session:
        statuses = {m.dedup_key: m.status for m in session.exec(select(OutboxMessage))}
    assert statuses[f"invite:{link.invite_id}"] == MessageStatus.FAILED and statuses["stray:1"] == MessageStatus.FAILED
    assert leftovers(store) == []


def test_managers_set_retention_in_the_policy_and_the_change_is_audited(store):
    from dataclasses import replace

    from portal.business import get_business
    from portal.recovery.catalog import BusinessSettings, update_business

    business = get_business(store.engine)
    assert business.retention_months is None  # off unless a manager turns it on
    settings = replace(BusinessSettings.of(business), retention_months=18)
    update_business(store.engine, manager(store), settings, business.version)
    assert get_business(store.engine).retention_months == 18
    with Session(store.engine) as session:
        logged = session.exec(select(CaseEvent).where(CaseEvent.kind == "policy_changed")).one()
    assert json.loads(logged.detail)["changes"] == {"retention_months": {"from": None, "to": 18}}
    with pytest.raises(ValueError, match="between 1 and 120 months"):
        update_business(
            store.engine, manager(store), replace(settings, retention_months=0), get_business(store.engine).version
        )


def test_erasure_deletes_the_evidence_files_and_the_email_confirmations(store, tmp_path, monkeypatch):
    from db.models import EmailVerification, Evidence, IntakeAttempt
    from portal.entry import intake
    from portal.recovery import evidence
    from portal.recovery.cases import RemedyChoice, submit_case
    from tests.portal.test_evidence import photo
    from tests.support import ready_draft

    monkeypatch.setenv("PORTAL_EVIDENCE_DIR", str(tmp_path / "evidence"))
    monkeypatch.setenv("PORTAL_OUTBOX_DIR", str(tmp_path / "outbox"))
    get_settings.cache_clear()
    draft = ready_draft(name=NAME, email=EMAIL, story=STORY, bothered=BOTHERED)
    intake.start_verification(store.engine, EMAIL, draft.submission_key, "203.0.113.9", "en")
    intake.record_honeypot(store.engine, "203.0.113.9", EMAIL)
    evidence.store(store.engine, draft.submission_key, "quaxkitchen.jpg", photo())
    case_id = submit_case(
        store.engine, draft, RemedyChoice(proposal_text=PROPOSAL, proposal_amount_cents=900), trusted_caller="tests"
    ).case_id
    files = [p for p in (tmp_path / "evidence").rglob("*") if p.is_file()]
    assert len(files) == 2  # the photo and its thumbnail

    privacy.erase_customer(store.engine, manager(store), customer_of(store, case_id), "asked by email")

    assert not [p for p in (tmp_path / "evidence").rglob("*") if p.is_file()]
    with Session(store.engine) as session:
        assert session.exec(select(Evidence)).all() == []
        assert session.exec(select(EmailVerification)).all() == []
        assert {a.email for a in session.exec(select(IntakeAttempt))} == {""}
    assert leftovers(store) == []
