"""The staff Outbox page in AppTest: sign-in wall, the list and its filter, the .eml folder, retrying a failure."""

from __future__ import annotations

import json
import re

from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from db.engine import write_session
from db.models import CaseEvent, OutboxMessage
from portal.back_office.staff import StaffActor
from portal.config import get_settings
from tests.portal.test_followup import fulfilled_case
from tests.support import button, click, manager, page_words, staff_page


def outbox_page(actor: StaffActor | None) -> AppTest:
    at = staff_page("screens/outbox.py", actor)
    assert not at.exception, at.exception
    return at


def words(at: AppTest) -> str:
    return "\n".join(
        [page_words(at), *(i.value for i in at.info), *(c.value for c in at.caption), *(c.value for c in at.code)]
    )


def table(at: AppTest):
    return at.dataframe[0].value


def fail(store, kind: str) -> OutboxMessage:
    with write_session(store.engine) as session:
        row = session.exec(select(OutboxMessage).where(OutboxMessage.kind == kind)).one()
        row.status, row.attempts, row.last_error = "failed", 10, "550 5.1.1 <alex@example.com>: No such user"
        return row


def test_without_signing_in_nothing_is_shown(store):
    fulfilled_case(store)
    at = outbox_page(None)
    assert at.title[0].value == "Staff sign-in"
    assert "alex@example.com" not in words(at) and not at.dataframe


def test_the_list_shows_every_message_and_the_eml_folder_in_the_demo(store, monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_OUTBOX_DIR", str(tmp_path / "mail"))
    get_settings.cache_clear()
    fulfilled_case(store)
    at = outbox_page(manager(store))

    assert at.title[0].value == "Outbox"
    assert str(tmp_path / "mail") in [c.value for c in at.code]
    shown = table(at)
    assert list(shown["Kind"]) == ["Remedy fulfilled", "Decision or offer", "Case received"]  # newest first
    assert set(shown["Status"]) == {"Pending"} and set(shown["To"]) == {"alex@example.com"}
    assert list(shown.columns)[:7] == ["Status", "Kind", "To", "Subject", "Case", "Attempts", "Last error"]
    assert {m.label: m.value for m in at.metric} == {"Pending": "3", "Sending": "0", "Sent": "0", "Failed": "0"}
    assert "Remedy fulfilled" in at.selectbox(key="outbox_preview").format_func(
        at.selectbox(key="outbox_preview").value
    )
    assert any("We will check in with you on" in t.value for t in at.text)  # the message itself, literally


def test_with_smtp_the_page_says_where_mail_goes(store, monkeypatch):
    monkeypatch.setenv("PORTAL_SMTP_HOST", "mail.example.com")
    get_settings.cache_clear()
    at = outbox_page(manager(store))
    assert "Delivering through SMTP mail.example.com:587 (starttls)" in words(at)
    assert not at.code
    assert "No messages here yet." in words(at)


def test_filter_by_status(store):
    fulfilled_case(store)
    fail(store, "decision")
    at = outbox_page(manager(store))
    at.selectbox(key="outbox_status").set_value("failed").run()
    assert list(table(at)["Kind"]) == ["Decision or offer"]
    at.selectbox(key="outbox_status").set_value("sent").run()
    assert not at.dataframe and "No sent messages." in words(at)


def test_an_agent_retries_a_failed_message_and_it_is_audited(store, agent):
    fulfilled_case(store)
    failed = fail(store, "fulfilled")
    sam = agent
    at = outbox_page(sam)
    assert "550 5.1.1 <alex@example.com>: No such user" in "\n".join(t.value for t in at.text)
    assert len([b for b in at.button if b.label == "Retry now"]) == 1

    click(at, "Retry now")

    assert any(f"Message {failed.id} is queued again" in s.value for s in at.success)
    assert not any(b.label == "Retry now" for b in at.button)
    with Session(store.engine) as session:
        row = session.get_one(OutboxMessage, failed.id)
        event = session.exec(select(CaseEvent).where(CaseEvent.kind == "email_retry")).one()
    assert (row.status, row.attempts) == ("pending", 0)
    assert event.actor == f"staff:{sam.id}" and json.loads(event.detail)["message_id"] == failed.id


def test_a_retry_of_a_message_someone_already_retried_is_explained(store):
    fulfilled_case(store)
    failed = fail(store, "fulfilled")
    at = outbox_page(manager(store))
    with write_session(store.engine) as session:  # a colleague retried it a moment ago
        session.get_one(OutboxMessage, failed.id).status = "pending"
    button(at, "Retry now").click().run()
    assert any("Only a failed message can be retried" in e.value for e in at.error)


def test_an_email_confirmation_is_listed_but_its_code_and_link_are_hidden_from_staff(store, agent):
    from portal.entry import intake

    intake.start_verification(store.engine, "noa@example.com", "draft-1", "ip:203.0.113.5", "en")
    with Session(store.engine) as session:
        sent = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "verify_email")).one()
    code = sent.subject.rsplit(" ", 1)[-1]
    assert code.isdigit() and code in sent.body_text  # the customer's email itself carries them

    at = outbox_page(manager(store))
    shown = table(at)
    assert list(shown["Kind"]) == ["Email confirmation"] and list(shown["To"]) == ["noa@example.com"]
    assert code not in words(at) and code not in " ".join(map(str, shown["Subject"]))
    assert "verify=" not in words(at) and "hidden from staff" in words(at)
    at = outbox_page(agent)
    assert list(table(at)["To"]) == ["noa@example.com"] and code not in words(at) + table(at).to_csv()


def test_no_one_on_the_page_sees_a_customers_private_link(store, agent):
    fulfilled_case(store)
    with Session(store.engine) as session:
        stored = {m.id: m.body_text for m in session.exec(select(OutboxMessage))}
    tokens = {t for body in stored.values() for t in re.findall(r"[?&]t=([A-Za-z0-9_-]{20,})", body)}
    assert len(tokens) == 3  # received, decision, fulfilled: each carries the customer's case link

    at = outbox_page(manager(store))
    shown = [words(at), table(at).to_csv()]
    for message_id in stored:  # every message opened in turn
        at.selectbox(key="outbox_preview").set_value(message_id).run()
        shown.append(words(at))
    assert sum("[the customer's private link, hidden from staff]" in page for page in shown[2:]) == 3
    at = outbox_page(agent)
    shown += [words(at), table(at).to_csv()]
    assert not any(token in page for token in tokens for page in shown)
    assert not any("?t=" in page for page in shown)


def test_an_agent_sees_who_when_and_what_kind_but_not_the_email(store, agent):
    fulfilled_case(store)
    at = outbox_page(agent)
    shown = table(at)
    assert list(shown["Kind"]) == ["Remedy fulfilled", "Decision or offer", "Case received"]
    assert set(shown["To"]) == {"alex@example.com"} and shown["Created"].notna().all()
    assert "Subject" not in shown.columns
    assert "outbox_preview" not in [box.key for box in at.selectbox]
    assert "Read a message" not in words(at) and "We will check in with you on" not in words(at)
