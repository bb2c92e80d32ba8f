"""The API as the business's systems meet it: an HTTP client against the served portal (SQLite), every route, every
bad input, every refused key, retries with an Idempotency-Key, and what the audit keeps."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
from sqlmodel import Session, col, func, select

from db.engine import write_session
from db.models import ApiKey, ApiKeyUse, Case, Invite, OutboxMessage, utcnow
from portal.api.keys import revoke_key
from portal.entry.links import LinkState, resolve
from tests.api.conftest import client, new_key
from tests.support import manager, present

PROBLEM = "application/problem+json"
HOSTILE_NAME = "Robert'); DROP TABLE invite;-- <script>alert(1)</script>"


def problem(response: httpx.Response, status: int, kind: str | None) -> dict[str, Any]:
    """The body of a problem+json answer of ``status``, checked to be the RFC 9457 shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["type"] == (f"urn:amends:problem:{kind}" if kind else "about:blank")
    assert body["status"] == status and body["title"] and body["detail"]
    assert body["instance"] == response.request.url.path
    return body


def invites_made(served, key: str) -> int:
    with Session(served.store.engine) as session:
        key_id = session.exec(select(ApiKey.id).where(ApiKey.prefix == key[:12])).one()
        return session.exec(select(func.count()).select_from(Invite).where(Invite.api_key_id == key_id)).one()


def test_an_order_system_creates_an_invite_that_opens_and_is_emailed(served):
    key = new_key(served, "invites:write")
    with client(served, key) as api:
        made = api.post(
            "/invites",
            json={
                "customer_name": "Noa Levi",
                "email": "Noa@Example.com",
                "order_ref": "WO-991",
                "amount": 120.5,
                "language": "he",
                "send_email": True,
            },
        )
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["emailed"] is True and body["link"].startswith(served.url("/?t="))
    token = parse_qs(urlparse(body["link"]).query)["t"][0]
    opened = resolve(served.store.engine, token)
    assert opened.state is LinkState.VALID and opened.invite is not None
    assert (
        opened.invite.customer_name,
        opened.invite.email,
        opened.invite.order_ref,
        opened.invite.amount_cents,
        opened.invite.language,
    ) == ("Noa Levi", "Noa@example.com", "WO-991", 12050, "he")
    with Session(served.store.engine) as session:
        assert session.exec(select(OutboxMessage).where(OutboxMessage.to_address == "Noa@example.com")).first()


def test_a_retry_with_the_same_idempotency_key_returns_the_first_answer(served):
    key = new_key(served, "invites:write")
    request = {"customer_name": "Sam", "email": "sam@example.com"}
    with client(served, key) as api:
        first = api.post("/invites", json=request, headers={"Idempotency-Key": "order-5512"})
        again = api.post(
            "/invites",
            content=json.dumps(request, indent=4),  # spaced differently: the same request
            headers={"Idempotency-Key": "order-5512", "Content-Type": "application/json"},
        )
        other = api.post(
            "/invites", json={**request, "customer_name": "Someone else"}, headers={"Idempotency-Key": "order-5512"}
        )
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    body = problem(other, 422, "idempotency_key_reused")
    assert "different request" in str(body["detail"])
    assert invites_made(served, key) == 1


def test_concurrent_posts_with_the_same_idempotency_key_make_one_invite(served):
    key = new_key(served, "invites:write")
    start = threading.Barrier(6)
    answers: list[httpx.Response] = []

    def post() -> None:
        with client(served, key) as api:
            start.wait()
            answers.append(
                api.post("/invites", json={"email": "lee@example.com"}, headers={"Idempotency-Key": "crm-retry-1"})
            )

    threads = [threading.Thread(target=post) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [a.status_code for a in answers] == [201] * 6
    assert len({a.text for a in answers}) == 1
    assert invites_made(served, key) == 1


def test_bad_input_gets_a_problem_that_says_what_to_change(served):
    key = new_key(served, "invites:write")
    with client(served, key) as api:
        malformed = api.post(
            "/invites", content=b'{"email": "a@example.com",', headers={"Content-Type": "application/json"}
        )
        no_body = api.post("/invites", headers={"Content-Type": "application/json"})
        bad_email = api.post("/invites", json={"email": "not an email", "amount": 10})
        nothing_to_send_to = api.post("/invites", json={"customer_name": "Ann", "send_email": True})
        wrong_types = api.post("/invites", json={"amount": "lots", "language": "fr", "colour": "red"})
        too_much = api.post("/invites", json={"amount": 1_000_000.01})
        form = api.post(
            "/invites", content=b"email=a@example.com", headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        text = api.post("/invites", content=b'{"email": "a@example.com"}', headers={"Content-Type": "text/plain"})
        megabyte = api.post(
            "/invites", content=b"{" + b" " * (1024 * 1024) + b"}", headers={"Content-Type": "application/json"}
        )
        chunked = api.post(
            "/invites",
            content=(b" " * 65536 for _ in range(16)),  # no Content-Length: chunked
            headers={"Content-Type": "application/json"},
        )
    problem(malformed, 400, "malformed_json")
    assert problem(no_body, 422, "invalid_request")["errors"] == [{"field": "body", "message": "Field required"}]
    assert problem(bad_email, 422, "invalid_invite")["errors"] == [
        {"field": "email", "message": "That email address doesn't look right."}
    ]
    assert problem(nothing_to_send_to, 422, "invalid_invite")["errors"] == [
        {"field": "email", "message": "Add the customer's email address to send them the link."}
    ]
    fields = {e["field"] for e in problem(wrong_types, 422, "invalid_request")["errors"]}
    assert fields == {"amount", "language", "colour"}
    assert {e["field"] for e in problem(too_much, 422, "invalid_request")["errors"]} == {"amount"}
    problem(form, 415, "unsupported_media_type")
    problem(text, 415, "unsupported_media_type")
    problem(megabyte, 413, "body_too_large")
    problem(chunked, 413, "body_too_large")
    assert invites_made(served, key) == 0


def test_sql_and_html_are_kept_as_the_text_they_are(served):
    key = new_key(served, "invites:write")
    with client(served, key) as api:
        made = api.post("/invites", json={"customer_name": HOSTILE_NAME, "order_ref": "1' OR '1'='1"})
    assert made.status_code == 201, made.text
    with Session(served.store.engine) as session:
        invite = session.get(Invite, made.json()["id"])
        assert invite is not None and (invite.customer_name, invite.order_ref) == (HOSTILE_NAME, "1' OR '1'='1")
        assert session.exec(select(func.count()).select_from(Invite)).one() >= 1  # the table is still there
    reader = new_key(served, "cases:read")
    with client(served, reader) as api:
        injected = api.get("/cases/AM' OR 1=1--")
        since = api.get("/cases", params={"updated_since": "2020-01-01' OR 1=1--"})
    assert {e["field"] for e in problem(injected, 422, "invalid_request")["errors"]} == {"path.reference"}
    assert {e["field"] for e in problem(since, 422, "invalid_request")["errors"]} == {"query.updated_since"}


def test_refused_keys_say_why(served):
    boss = manager(served.store)
    revoked, expired, reader = (
        new_key(served, "cases:read"),
        new_key(served, "cases:read"),
        new_key(served, "cases:read"),
    )
    with Session(served.store.engine) as session:
        revoked_id = session.exec(select(ApiKey.id).where(ApiKey.prefix == revoked[:12])).one()
    assert revoked_id is not None
    revoke_key(served.store.engine, boss, revoked_id)
    with write_session(served.store.engine) as session:
        row = session.exec(select(ApiKey).where(ApiKey.prefix == expired[:12])).one()
        row.expires_at = utcnow() - timedelta(minutes=1)
    answers = {}
    for name, key in [
        ("missing", None),
        ("unknown", "amk_zzzzzzzz_" + "A" * 32),
        ("garbage", "<script>"),
        ("revoked", revoked),
        ("expired", expired),
    ]:
        with client(served, key) as api:
            answers[name] = api.get("/cases")
    with client(served, reader) as api:
        answers["wrong scope"] = api.post("/invites", json={"email": "a@example.com"})
    assert "Authorization: Bearer" in str(problem(answers["missing"], 401, "missing_key")["detail"])
    problem(answers["unknown"], 401, "unknown_key")
    problem(answers["garbage"], 401, "unknown_key")
    assert "revoked" in str(problem(answers["revoked"], 401, "revoked_key")["detail"])
    assert "expired" in str(problem(answers["expired"], 401, "expired_key")["detail"])
    assert "invites:write" in str(problem(answers["wrong scope"], 403, "missing_scope")["detail"])
    assert answers["revoked"].headers["www-authenticate"].startswith("Bearer")


def _a_case(served) -> Case:
    with Session(served.store.engine) as session:
        return present(session.exec(select(Case).order_by(col(Case.id))).first(), "a case")


def test_a_case_by_reference_with_personal_text_only_when_the_scope_allows(served):
    case = _a_case(served)
    with client(served, new_key(served, "cases:read")) as api:
        plain = api.get(f"/cases/{case.reference.lower()}")
        unknown = api.get("/cases/AM-NOSUCH")
    with client(served, new_key(served, "cases:read", "cases:read_personal")) as api:
        personal = api.get(f"/cases/{case.reference}")
    assert plain.status_code == personal.status_code == 200
    shown = plain.json()
    assert (shown["reference"], shown["status"], shown["category"]) == (case.reference, case.status, case.category)
    assert shown["personal"] is None and case.story not in plain.text and case.bothered_most not in plain.text
    assert shown["remedy"] is None or shown["remedy"]["description"] is None
    assert shown["created_at"] and shown["updated_at"]
    assert personal.json()["personal"]["story"] == case.story
    assert "AM-XXXXXX" in str(problem(unknown, 404, "unknown_reference")["detail"])


def test_the_case_list_pages_by_keyset_from_a_moment(served):
    with Session(served.store.engine) as session:
        everything = session.exec(select(Case).order_by(col(Case.updated_at), col(Case.id))).all()
    assert len(everything) >= 3
    seen: list[str] = []
    with client(served, new_key(served, "cases:read")) as api:
        page = api.get("/cases", params={"limit": 2}).json()
        seen += [c["reference"] for c in page["items"]]
        while page["next"]:
            assert page["next"].startswith("/api/v1/cases?")
            page = httpx.get(served.url(page["next"]), headers=api.headers).json()
            seen += [c["reference"] for c in page["items"]]
        later = api.get("/cases", params={"updated_since": everything[-1].updated_at.isoformat()}).json()
        bad = api.get("/cases", params={"cursor": "not-a-cursor"})
        too_many = api.get("/cases", params={"limit": 500})
        misspelt = api.get("/cases", params={"updated_sinse": "2026-12-01T00:00:00Z"})
    assert seen == [c.reference for c in everything]
    assert [c["reference"] for c in later["items"]] == [everything[-1].reference] and later["next_cursor"] is None
    problem(bad, 400, "bad_cursor")
    problem(too_many, 422, "invalid_request")
    assert problem(misspelt, 422, "invalid_request")["errors"] == [
        {"field": "query.updated_sinse", "message": "Not a parameter of this route."}
    ]


def test_routes_and_methods_that_do_not_exist_are_problems_too(served):
    with client(served, new_key(served, "cases:read")) as api:
        missing = api.get("/orders")
        wrong_method = api.delete("/cases")
    assert "openapi.json" in str(problem(missing, 404, None)["detail"])
    problem(wrong_method, 405, None)
    assert "GET" in wrong_method.headers["allow"]


def test_every_use_is_audited_with_its_key_route_and_outcome(served):
    key = new_key(served, "cases:read")
    with client(served, key) as api:
        api.get("/cases/AM-NOSUCH")
        api.post("/invites", json={})
        api.get("/cases", params={"limit": 1})
    with Session(served.store.engine) as session:
        key_row = session.exec(select(ApiKey).where(ApiKey.prefix == key[:12])).one()
        uses = session.exec(
            select(ApiKeyUse).where(ApiKeyUse.api_key_id == key_row.id).order_by(col(ApiKeyUse.id))
        ).all()
    assert [(u.method, u.route, u.status, u.outcome) for u in uses] == [
        ("GET", "/cases/{reference}", 404, "unknown_reference"),
        ("POST", "/invites", 403, "missing_scope"),
        ("GET", "/cases", 200, "ok"),
    ]
    assert key_row.last_used_at is not None


def test_a_client_guessing_keys_is_told_to_wait_while_a_real_key_still_works(served):
    """Last in this module: from here on, this client's unknown keys are answered 429."""
    with Session(served.store.engine) as session:
        guessed = session.exec(
            select(func.count()).select_from(ApiKeyUse).where(col(ApiKeyUse.outcome) == "unknown_key")
        ).one()
    answers = []
    for n in range(10 - guessed + 1):
        with client(served, f"amk_guess{n:03d}_" + "B" * 32) as api:
            answers.append(api.get("/cases"))
    assert {a.status_code for a in answers[:-1]} == {401}
    assert int(problem(answers[-1], 429, "too_many_unknown_keys")["status"]) == 429
    assert answers[-1].headers["retry-after"] == "900"
    with client(served, new_key(served, "cases:read")) as api:
        assert api.get("/cases").status_code == 200
