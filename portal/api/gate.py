"""What every API request passes before a route sees it, and the audit of every one after (pure ASGI, around the
FastAPI application):

1. the key (``Authorization: Bearer amk_...``): missing, unknown, expired, revoked or its manager's account
   deactivated is a 401 problem saying which;
2. the key's rate limit (portal.api.limits): over it, a 429 problem with ``Retry-After``;
3. the body: over ``BODY_LIMIT`` a 413 problem, refused from its Content-Length before a byte of it is read, or, sent
   without one (chunked), as soon as what arrived passes the limit; a body that is not JSON is a 415 problem.

Then the route answers, and one ``ApiKeyUse`` row records the key, the route's template, the status and the outcome
(the problem's kind, or "ok"). The OpenAPI document needs no key and is not audited. The database calls run in a
worker thread: the event loop is Streamlit's too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta
from email.message import Message as MimeMessage

from fastapi import HTTPException
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from db.engine import get_engine, read_session, write_session
from db.models import utcnow
from portal.api import limits
from portal.api.keys import (
    Grant,
    KeyRefused,
    Refusal,
    authenticate,
    record_use,
    unknown_keys_from,
)
from portal.api.problems import ApiProblem, problem_response
from portal.clients import client_address
from portal.config import get_settings

BODY_LIMIT = 64 * 1024  # an invite is well under 2 KB
PUBLIC_PATHS = ("/openapi.json",)
BODY_METHODS = ("POST", "PUT", "PATCH")
GUESS_LIMIT, GUESS_WINDOW = 10, timedelta(minutes=15)  # as for customer links (portal.entry.links)

ASK_A_MANAGER = "Ask a manager for a new one on the API keys page."
REFUSALS = {
    Refusal.MISSING: (
        "Missing API key",
        "Send your API key as 'Authorization: Bearer <key>'. A manager makes keys on the API keys page.",
    ),
    Refusal.UNKNOWN: ("Unknown API key", "This API key is not one of ours: check that it was copied whole."),
    Refusal.EXPIRED: ("Expired API key", f"This API key has expired. {ASK_A_MANAGER}"),
    Refusal.REVOKED: ("Revoked API key", f"This API key was revoked. {ASK_A_MANAGER}"),
    Refusal.INACTIVE_OWNER: (
        "API key's manager inactive",
        "The manager who made this API key no longer has an active account, so the key "
        + f"no longer works. {ASK_A_MANAGER}",
    ),
}


def refused(error: KeyRefused) -> ApiProblem:
    title, detail = REFUSALS[error.reason]
    return ApiProblem(401, str(error.reason), title, detail, headers={"WWW-Authenticate": 'Bearer realm="amends"'})


def _relative_path(scope: Scope) -> str:
    path, root = scope["path"], scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path


def _bearer(headers: Headers) -> str | None:
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    return credentials.strip() or None if scheme.lower() == "bearer" else None


def _is_json(content_type: str) -> bool:
    message = MimeMessage()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (subtype == "json" or subtype.endswith("+json"))


def _source(scope: Scope, headers: Headers) -> str:
    client = scope.get("client")
    return client_address(
        client[0] if client else None, headers.getlist("x-forwarded-for"), get_settings().trusted_proxy_networks
    )


def _admit(presented: str | None, source: str) -> tuple[Grant, timedelta | None]:
    """The grant, and how long to wait when its window is full (None when it may go on). A client that presented
    ``GUESS_LIMIT`` unknown keys within ``GUESS_WINDOW`` is told to wait instead of being answered (keys carry 192
    random bits: guessing cannot succeed, the wait tells a scanner so); a real key from it still works."""
    engine = get_engine(get_settings().db_url)
    try:
        grant = authenticate(engine, presented)
    except KeyRefused as error:
        if error.reason is Refusal.UNKNOWN:
            with read_session(engine) as session:
                if unknown_keys_from(session, source, utcnow() - GUESS_WINDOW) >= GUESS_LIMIT:
                    raise ApiProblem(
                        429,
                        "too_many_unknown_keys",
                        "Too many unknown keys",
                        "This client sent too many keys that are not ours. Check the key, and try again "
                        f"in {GUESS_WINDOW.seconds // 60} minutes.",
                        headers={"Retry-After": str(GUESS_WINDOW.seconds)},
                    ) from None
        raise
    with write_session(engine) as session:
        wait = limits.take_turn(session, grant.key_id, get_settings().api_requests_per_minute, utcnow())
    return grant, wait


def _audit(grant: Grant | None, method: str, route: str, status: int, outcome: str, source: str) -> None:
    with write_session(get_engine(get_settings().db_url)) as session:
        record_use(
            session, grant, method=method, route=route, status=status, outcome=outcome, source=source, now=utcnow()
        )


def _template(scope: Scope, routes: Sequence[BaseRoute]) -> str:
    """The template of the route the request is for ("/cases/{reference}"), whether or not it got that far."""
    for route in routes:
        match, _ = route.matches(scope)
        if match is not Match.NONE:
            return str(getattr(route, "path", "(route)"))
    return "(no route)"


class Gate:
    def __init__(self, app: ASGIApp, routes: Sequence[BaseRoute]) -> None:
        self.app, self.routes = app, routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or _relative_path(scope) in PUBLIC_PATHS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        source = _source(scope, headers)
        state = scope.setdefault("state", {})
        status = 500
        grant: Grant | None = None

        async def noted(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            try:
                grant, wait = await run_in_threadpool(_admit, _bearer(headers), source)
            except KeyRefused as error:
                raise refused(error) from None
            state["grant"] = grant
            if wait is not None:
                seconds = max(1, math.ceil(wait.total_seconds()))
                raise ApiProblem(
                    429,
                    "rate_limited",
                    "Too many requests",
                    f"This key may make {get_settings().api_requests_per_minute} requests a minute. "
                    f"Try again in {seconds} s.",
                    headers={"Retry-After": str(seconds)},
                )
            self._check_body(scope, headers)
        except ApiProblem as problem:
            state["problem"] = problem.kind
            response = problem_response(
                problem.status,
                kind=problem.kind,
                title=problem.title,
                detail=problem.detail,
                instance=scope["path"],
                headers=problem.headers,
            )
            await response(scope, receive, noted)
        else:
            await self.app(scope, _limited(receive), noted)
        finally:
            route = _template(scope, self.routes)
            outcome = state.get("problem") or ("ok" if status < 400 else f"http_{status}")
            await run_in_threadpool(_audit, grant, scope["method"], route, status, str(outcome), source)

    @staticmethod
    def _check_body(scope: Scope, headers: Headers) -> None:
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > BODY_LIMIT):
            raise ApiProblem(
                413, "body_too_large", "Request too large", f"A request body may be at most {BODY_LIMIT // 1024} KB."
            )
        has_body = (length is not None and length != "0") or "chunked" in headers.get("transfer-encoding", "")
        if scope["method"] in BODY_METHODS and has_body and not _is_json(headers.get("content-type", "")):
            raise ApiProblem(
                415,
                "unsupported_media_type",
                "Unsupported content type",
                "Send the request body as JSON, with 'Content-Type: application/json'.",
            )


def _limited(receive: Receive) -> Receive:
    """``receive`` that stops a body without a Content-Length once more than ``BODY_LIMIT`` bytes arrived (FastAPI
    passes the HTTPException on; the app's handler answers it as a problem)."""
    seen = 0

    async def limited() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > BODY_LIMIT:
                raise HTTPException(413, f"A request body may be at most {BODY_LIMIT // 1024} KB.")
        return message

    return limited
