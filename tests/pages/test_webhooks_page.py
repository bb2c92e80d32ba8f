"""The manager's Webhooks page in AppTest: adding an endpoint (the secret shown once, a refused address kept
for correcting), the delivery log after the worker ran, retrying a failure; agents see nothing."""

from __future__ import annotations

import json

from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from db.engine import write_session
from db.models import CaseEvent, WebhookDelivery, WebhookEndpoint
from portal.back_office.staff import StaffActor
from portal.delivery import webhooks
from tests.portal.test_webhooks import Receiver
from tests.support import click, manager, page_words, staff_page


def webhooks_page(actor: StaffActor | None) -> AppTest:
    at = staff_page("screens/webhooks.py", actor)
    assert not at.exception, at.exception
    return at


def words(at: AppTest) -> str:
    return "\n".join(
        [
            page_words(at),
            *(i.value for i in at.info),
            *(w.value for w in at.warning),
            *(c.value for c in at.caption),
            *(c.value for c in at.code),
        ]
    )


def fill(at: AppTest, url: str, events: list[str], description: str = "") -> AppTest:
    at.text_input(key="webhook_url").input(url)
    at.multiselect(key="webhook_events").set_value(events)
    at.text_input(key="webhook_description").input(description)
    return click(at, "Add endpoint")


def endpoint(store) -> WebhookEndpoint:
    with Session(store.engine) as session:
        return session.exec(select(WebhookEndpoint)).one()


def test_adding_an_endpoint_shows_its_secret_once(store):
    at = fill(
        webhooks_page(manager(store)), "http://127.0.0.1:8000/hook", ["case.created", "case.fulfilled"], "Our CRM"
    )

    saved = endpoint(store)
    assert (saved.url, saved.events, saved.description) == (
        "http://127.0.0.1:8000/hook",
        "case.created,case.fulfilled",
        "Our CRM",
    )
    assert saved.secret in [c.value for c in at.code] and "shown only this once" in words(at)
    assert at.text_input(key="webhook_url").value == ""  # the form is ready for the next one
    assert "http://127.0.0.1:8000/hook  (Active)" in [t.value for t in at.text]

    at.run()  # any next click: the secret is gone for good
    assert saved.secret not in words(at) and "shown only this once" not in words(at)


def test_a_refused_address_says_why_and_keeps_what_was_typed(store):
    at = fill(webhooks_page(manager(store)), "https://10.0.0.5/hook", ["case.created"], "Internal box")
    assert any("not added" in e.value and "private or local network" in e.value for e in at.error)
    assert at.text_input(key="webhook_url").value == "https://10.0.0.5/hook"
    assert at.multiselect(key="webhook_events").value == ["case.created"]
    with Session(store.engine) as session:
        assert session.exec(select(WebhookEndpoint)).all() == []


def test_the_log_shows_a_delivery_and_a_failure_can_be_retried(store, open_case):
    boss = manager(store)
    with Receiver(answers=[500]) as receiver:
        created = webhooks.add_endpoint(store.engine, boss, receiver.url, ["case.created"])
        open_case()
        webhooks.send_test(store.engine, boss, created.endpoint_id)
        webhooks.deliver(store.engine)  # the case event meets a 500, the ping gets through
    with write_session(store.engine) as session:  # as after the last attempt
        session.exec(select(WebhookDelivery).where(WebhookDelivery.event == "case.created")).one().status = "failed"

    at = webhooks_page(boss)
    log = at.dataframe[-1].value
    assert list(log["Event"]) == ["ping", "case.created"] and list(log["Status"]) == ["Delivered", "Failed"]
    assert list(log["Last code"]) == [200, 500] and "HTTP 500" in log["Last error"].iloc[1]
    assert json.loads(at.code[-1].value)["event"] == "ping"  # the payload, as sent

    click(at, "Retry now")
    assert any("queued again" in s.value for s in at.success)
    assert list(at.dataframe[-1].value["Status"]) == ["Delivered", "Pending"]
    with Session(store.engine) as session:
        assert session.exec(select(CaseEvent).where(CaseEvent.kind == "webhook_retry")).one()


def test_pause_rotate_and_delete_from_the_page(store):
    boss = manager(store)
    first = webhooks.add_endpoint(store.engine, boss, "http://127.0.0.1:8000/hook", ["case.created"])
    at = webhooks_page(boss)
    click(at, "Pause")
    assert not endpoint(store).is_active and "Resume" in [b.label for b in at.button]
    click(at, "Rotate secret")
    assert endpoint(store).secret != first.secret and endpoint(store).secret in [c.value for c in at.code]
    click(at, "Delete")
    assert endpoint(store)  # the first click only asks
    click(at, "Yes, delete it and its log")
    with Session(store.engine) as session:
        assert session.exec(select(WebhookEndpoint)).all() == []
    assert "No endpoints yet" in words(at)


def test_agents_and_strangers_see_nothing(store, agent):
    webhooks.add_endpoint(store.engine, manager(store), "http://127.0.0.1:8000/hook", ["case.created"])
    as_agent = words(webhooks_page(agent))
    assert "Only managers" in as_agent and "127.0.0.1" not in as_agent
    stranger = webhooks_page(None)
    assert stranger.title[0].value == "Staff sign-in" and "127.0.0.1" not in words(stranger)
