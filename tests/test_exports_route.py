"""The cases CSV streamed by a route of our own (portal/web/exports.py), as a browser meets it on the served
application: signed in by the staff session cookie, managers only, every download in the audit log."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from db.models import CaseEvent, utcnow
from portal.back_office.insights import CASES_HEADER
from portal.back_office.staff_addresses import SESSION_COOKIE, cases_export_url
from portal.back_office.staff_sessions import start_session
from tests.support import agent, manager, open_case


def browser(app, store, actor=None) -> TestClient:
    client = TestClient(app, base_url="http://testserver", follow_redirects=False)
    if actor is not None:
        client.cookies.set(SESSION_COOKIE, start_session(store.engine, actor))
    return client


def exports_logged(store) -> list[dict]:
    with Session(store.engine) as session:
        events = session.exec(
            select(CaseEvent).where(CaseEvent.kind == "cases_exported").order_by(col(CaseEvent.id))
        ).all()
    return [json.loads(e.detail) for e in events]


def test_a_manager_downloads_the_period_as_a_file_and_it_is_logged(app, store):
    references = {open_case(store.engine, email=f"c{n}@example.com") for n in range(3)}
    today = utcnow().date()
    start = today - timedelta(days=6)

    response = browser(app, store, manager(store)).get(cases_export_url(start, today))

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == f'attachment; filename="cases-{start}-{today}.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets need to read UTF-8
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == list(CASES_HEADER) and len(rows) == len(references) == 3
    assert exports_logged(store) == [{"start": start.isoformat(), "end": today.isoformat(), "rows": 3}]


def test_an_export_of_many_chunks_behind_a_slow_browser_arrives_whole(app, store, monkeypatch):
    from portal.web import exports

    monkeypatch.setattr(exports, "CHUNK_BYTES", 200)  # a few rows a chunk, and the queue fills up behind them
    monkeypatch.setattr(exports, "QUEUED_CHUNKS", 1)
    for n in range(12):
        open_case(store.engine, email=f"many{n}@example.com")
    today = utcnow().date()

    response = browser(app, store, manager(store)).get(cases_export_url(today, today))

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(r["customer_email"] for r in rows) == sorted(f"many{n}@example.com" for n in range(12))


def test_agents_are_refused_and_nothing_is_logged(app, store):
    open_case(store.engine)
    today = utcnow().date()
    response = browser(app, store, agent(store)).get(cases_export_url(today, today))
    assert response.status_code == 403
    assert "managers only" in response.text
    assert exports_logged(store) == []


def test_without_a_session_the_browser_is_sent_to_sign_in_and_back(app, store):
    today = utcnow().date()
    address = cases_export_url(today, today)
    response = browser(app, store).get(address)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/account/sign-in?next=")
    followed = browser(app, store).get(response.headers["location"])
    assert address.replace("&", "&amp;") in followed.text  # the form sends the browser back to the download


@pytest.mark.parametrize("query", ["", "?start=2026-02-01", "?start=2026-02-01&end=2026-01-01", "?start=x&end=y"])
def test_a_period_that_is_not_one_is_refused_plainly(app, store, query):
    response = browser(app, store, manager(store)).get("/staff/exports/cases.csv" + query)
    assert response.status_code == 400
    assert "start=YYYY-MM-DD" in response.text
