"""A NUL byte or another control character in any text field, a customer's or a staff member's, on both stores: it is
removed (PostgreSQL refused the whole write, SQLite stored it), newlines and tabs are kept, and a search or a sign-in
with one works as without it rather than failing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlmodel import Session, select

from db.models import (
    Business,
    Case,
    CaseEvent,
    CaseNote,
    CaseRemedy,
    CheckinWording,
    Customer,
    Invite,
    Lesson,
    StaffMember,
    WebhookEndpoint,
)
from portal.back_office import privacy, queue, staff
from portal.delivery import webhooks
from portal.entry import invites
from portal.recovery import catalog, decisions, followup
from portal.recovery.checkin_wording import PAGE_INTRO, save_wording
from portal.text import clean
from tests.portal.test_followup import checkin_link, checkin_of, fulfilled_case
from tests.support import manager

DIRTY = "Line\x00 one\x07\x1b\x7f\x9b\r\nline\ttwo\x0c\u202e"
CLEAN = "Line one\nline\ttwo"


def test_clean_removes_control_characters_but_keeps_newlines_and_tabs():
    assert clean(DIRTY) == CLEAN
    assert clean("a\rb\x85c\ud800d") == "a\nbcd"  # a lone surrogate cannot even be encoded for either store
    assert clean("שלום 😡 zero\u200bwidth") == "שלום 😡 zero\u200bwidth"


def row(store, model, *where):
    with Session(store.engine) as session:
        return session.exec(select(model).where(*where)).one()


def version(store, case_id: int) -> int:
    return row(store, Case, Case.id == case_id).version


def test_staff_decision_texts_lose_their_control_characters(store, open_case):
    boss = manager(store)
    case_id = open_case(text=DIRTY, amount_cents=40000)
    assert row(store, CaseRemedy, CaseRemedy.case_id == case_id).description == CLEAN
    decisions.counter_offer(store.engine, boss, case_id, version(store, case_id), DIRTY, 1000)
    decisions.add_note(store.engine, boss, case_id, DIRTY)
    decisions.record_lesson(store.engine, boss, case_id, decisions.ROOT_CAUSES[0], DIRTY)
    with Session(store.engine) as session:
        assert {r.description for r in session.exec(select(CaseRemedy).where(CaseRemedy.case_id == case_id))} == {CLEAN}
    assert row(store, CaseNote, CaseNote.case_id == case_id).body == CLEAN
    assert row(store, Lesson, Lesson.case_id == case_id).what_we_change == CLEAN


def test_an_invite_and_a_check_in_comment_lose_their_control_characters(store):
    invites.create_invite(
        store.engine, manager(store), customer_name=DIRTY, email="pat\x00@example.com", order_ref="WO-\x00771"
    )
    invite = row(store, Invite, Invite.order_ref == "WO-771")
    assert (invite.customer_name, invite.email) == (CLEAN, "pat@example.com")
    case_id = fulfilled_case(store)
    followup.answer_checkin(store.engine, checkin_link(store, case_id), 5, 10, DIRTY)
    assert checkin_of(store, case_id).comment == CLEAN


def test_catalog_wording_and_webhook_texts_lose_their_control_characters(store):
    boss = manager(store)
    option = catalog.save_remedy(
        store.engine,
        boss,
        catalog.RemedyDraft(
            kind="refund",
            title=DIRTY,
            description=DIRTY,
            value_cents=1000,
            max_value_cents=1000,
            title_es=DIRTY,
            title_he=DIRTY,
        ),
    )
    assert (option.title, option.description, option.title_es, option.title_he) == (CLEAN, CLEAN, CLEAN, CLEAN)
    business = row(store, Business)
    changed = replace(
        catalog.BusinessSettings.of(business),
        name=f"Northwind{DIRTY}",
        owner_name=DIRTY,
        owner_role=DIRTY,
        owner_phone="+1\x00 555",
    )
    catalog.update_business(store.engine, boss, changed, business.version)
    business = row(store, Business)
    assert (business.name, business.owner_name, business.owner_role, business.owner_phone) == (
        f"Northwind{CLEAN}",
        CLEAN,
        CLEAN,
        "+1 555",
    )
    save_wording(store.engine, boss, "en", {PAGE_INTRO: f"Two quick\x00 questions.{DIRTY}"})
    assert row(store, CheckinWording, CheckinWording.part == PAGE_INTRO).text == f"Two quick questions.{CLEAN}"
    webhooks.add_endpoint(
        store.engine,
        boss,
        "http://127.0.0.1:8000/hook",
        ["case.created"],
        "Our\x00 CRM",
        resolve=lambda host, port: ["127.0.0.1"],
    )
    assert row(store, WebhookEndpoint).description == "Our CRM"


def test_searches_and_sign_ins_with_control_characters_still_work(store, open_case):
    boss = manager(store)
    case_id = open_case(email="alex@example.com")
    reference = row(store, Case, Case.id == case_id).reference
    assert queue.load_queue(store.engine, queue.QueueFilter(search=f"{reference}\x00")).total == 1
    assert queue.load_queue(store.engine, queue.QueueFilter(search="alex@\x00example.com")).total == 1
    assert [r.email for r in privacy.find_customers(store.engine, boss, "alex\x00@example.com")] == ["alex@example.com"]
    with pytest.raises(staff.SignInRefused):
        staff.sign_in(store.engine, "nobody\x00@example.com", "wrong password", "test")
    customer_id = row(store, Customer, Customer.email == "alex@example.com").id
    privacy.erase_customer(store.engine, boss, customer_id, "asked\x00 by email")
    with Session(store.engine) as session:
        assert any(e.detail and "asked by email" in e.detail for e in session.exec(select(CaseEvent)))


def test_a_staff_account_name_loses_its_control_characters(store):
    member = staff.add_staff(
        store.engine,
        email="kim\x00@northwind.example",
        name=f"Kim{DIRTY}",
        role="agent",
        password="a long enough password",
        title="Care\x00 agent",
    )
    assert (member.email, member.name, member.title) == ("kim@northwind.example", f"Kim{CLEAN}", "Care agent")
    assert row(store, StaffMember, StaffMember.id == member.id).name == f"Kim{CLEAN}"
