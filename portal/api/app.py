"""The API for the business's own systems, ``/api/v1``: a FastAPI application mounted among the portal's routes
(portal/asgi.py), behind the gate (portal.api.gate: key, rate limit, body limits, audit).

FastAPI because it is Starlette, as Streamlit's st.App is, so it mounts as a route; it validates with pydantic, which
Amends already uses; and it writes the OpenAPI document (``/api/v1/openapi.json``) from the routes themselves. That
document is adjusted once (``openapi``): every error is documented as the ``application/problem+json`` it is.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Header, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer
from pydantic import BeforeValidator
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse
from starlette.routing import Mount
from starlette.types import ASGIApp

from db.engine import get_engine
from portal.api import cases, invites
from portal.api.gate import BODY_LIMIT, Gate, refused
from portal.api.keys import Grant, KeyRefused, Scope
from portal.api.problems import (
    PROBLEM_JSON,
    ApiProblem,
    FieldError,
    Problem,
    answer,
    problem_response,
)
from portal.api.schemas import CaseOut, CasePage, InviteCreated, InviteIn
from portal.config import get_settings
from portal.entry.invites import InviteProblems, checked_invite
from portal.recovery.money import to_cents

PREFIX = "/api/v1"
DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")
IDEMPOTENCY_KEY_PATTERN = r"^[\x21-\x7e]{1,255}$"  # printable ASCII, no spaces (a UUID is typical)

_ERRORS = {
    400: "Malformed JSON, or a cursor this API did not give out",
    401: "No API key, or one that is unknown, expired or revoked",
    403: "The key lacks the scope this route needs",
    404: "No case has that reference",
    413: f"The body is over {BODY_LIMIT // 1024} KB",
    415: "The body is not JSON",
    422: "A field is missing or wrong: errors lists each with what to change",
    429: "Too many requests for this key: wait Retry-After seconds",
}
_GATE = (401, 429)


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    documented: dict[int | str, dict[str, Any]] = {
        code: {"model": Problem, "description": _ERRORS[code]} for code in sorted({*_GATE, *codes})
    }
    documented[429]["headers"] = {
        "Retry-After": {"description": "Seconds until the key's next window", "schema": {"type": "integer"}}
    }
    return documented


def _engine() -> Engine:
    return get_engine(get_settings().db_url)


def _granted(request: Request, scope: Scope) -> Grant:
    grant: Grant = request.state.grant
    if not grant.allows(scope):
        raise ApiProblem(
            403,
            "missing_scope",
            "Missing scope",
            f"This API key may not do this: it needs the scope {scope}. A manager can make a key with "
            f"it on the API keys page.",
        )
    return grant


def _field_errors(problems: InviteProblems) -> list[FieldError]:
    return [FieldError(field=field, message=message) for field, message in problems.fields.items()]


def _date_time_only(value: object) -> object:
    """An ISO 8601 date and time, as the document says: pydantic alone would also read a number as a Unix time."""
    if value is None or (isinstance(value, str) and DATE_TIME.match(value)):
        return value
    raise ValueError("Use an ISO 8601 date and time, for example 2026-12-01T00:00:00Z.")


def known_query(request: Request) -> None:
    """Query parameters the route does not take are refused, not ignored: ``updated_sinse`` would otherwise list
    every case from the start."""
    route = request.scope.get("route")
    taken = {param.alias for param in route.dependant.query_params} if isinstance(route, APIRoute) else set()
    unknown = sorted(set(request.query_params) - taken)
    if unknown:
        errors = [FieldError(field=f"query.{name}", message="Not a parameter of this route.") for name in unknown]
        raise ApiProblem(
            422,
            "invalid_request",
            "The request was not understood",
            f"Unknown query parameter: {', '.join(unknown)}.",
            errors=errors,
        )


bearer = HTTPBearer(
    bearerFormat="amk_<prefix>_<secret>", description="An API key made on the API keys page", auto_error=False
)
api = FastAPI(
    title="Amends API",
    version="1",
    docs_url=None,
    redoc_url=None,
    openapi_url="/openapi.json",
    description="Create personal invites and read cases from your own systems. Every error is "
    "application/problem+json (RFC 9457).",
    dependencies=[Depends(bearer), Depends(known_query)],
)


@api.post(
    "/invites",
    status_code=201,
    response_model=InviteCreated,
    tags=["invites"],
    responses=_errors(400, 403, 413, 415, 422),
    summary="Create a personal invite (scope invites:write)",
)
def post_invite(
    body: InviteIn,
    request: Request,
    response: Response,
    idempotency_key: Annotated[
        str | None,
        Header(
            pattern=IDEMPOTENCY_KEY_PATTERN,
            description=(
                "Any unique string (a UUID): a retry with the same key and body returns the first answer and "
                "makes no second invite; with another body it is refused (422). Answers are kept 24 hours."
            ),
        ),
    ] = None,
) -> dict[str, object]:
    grant = _granted(request, Scope.INVITES_WRITE)
    try:
        details = checked_invite(
            customer_name=body.customer_name,
            email=body.email,
            order_ref=body.order_ref,
            amount_cents=to_cents(body.amount),
            language=body.language,
            send_email=body.send_email,
        )
    except InviteProblems as problems:
        raise ApiProblem(
            422, "invalid_invite", "The invite was not made", str(problems), errors=_field_errors(problems)
        ) from None
    try:
        created = invites.create_invite(_engine(), grant, details, idempotency_key)
    except invites.IdempotencyKeyReused as error:
        raise ApiProblem(
            422,
            "idempotency_key_reused",
            "Idempotency-Key reused",
            str(error),
            errors=[FieldError(field="header.idempotency-key", message=str(error))],
        ) from None
    except KeyRefused as error:  # revoked or expired between the gate and the write
        raise refused(error) from None
    if created.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return created.body


@api.get(
    "/cases/{reference}",
    response_model=CaseOut,
    tags=["cases"],
    responses=_errors(403, 404, 422),
    summary="One case: status, remedy and its state, dates (scope cases:read)",
)
def get_case(
    request: Request, reference: Annotated[str, Path(pattern=r"^[A-Za-z0-9-]{1,20}$", description="AM-XXXXXX")]
) -> dict[str, object]:
    grant = _granted(request, Scope.CASES_READ)
    found = cases.case_by_reference(_engine(), reference, personal=grant.allows(Scope.CASES_READ_PERSONAL))
    if found is None:
        raise ApiProblem(
            404,
            "unknown_reference",
            "Unknown case reference",
            "No case has this reference. References look like AM-XXXXXX.",
        )
    return found


@api.get(
    "/cases",
    response_model=CasePage,
    tags=["cases"],
    responses=_errors(400, 403, 422),
    summary="Cases changed since a moment, oldest change first, keyset-paged (scope cases:read)",
)
def list_cases(
    request: Request,
    updated_since: Annotated[
        datetime | None,
        BeforeValidator(_date_time_only),
        Query(
            description=(
                "ISO 8601; without a zone, UTC. Re-read from a minute before your last updated_at: a change "
                "committed a moment late is not missed."
            )
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=cases.PAGE_MAX)] = 50,
    cursor: Annotated[str | None, Query(max_length=200, description="next_cursor of the page before")] = None,
) -> dict[str, object]:
    grant = _granted(request, Scope.CASES_READ)
    since = updated_since.replace(tzinfo=UTC) if updated_since and updated_since.tzinfo is None else updated_since
    try:
        page = cases.cases_since(
            _engine(), since, limit=limit, cursor=cursor, personal=grant.allows(Scope.CASES_READ_PERSONAL)
        )
    except cases.BadCursor as error:
        raise ApiProblem(
            400,
            "bad_cursor",
            "Unknown cursor",
            str(error),
            errors=[FieldError(field="query.cursor", message=str(error))],
        ) from None
    query = {
        k: v
        for k, v in (
            ("updated_since", since.isoformat() if since else None),
            ("limit", str(limit)),
            ("cursor", page.next_cursor),
        )
        if v is not None
    }
    return {
        "items": page.items,
        "next_cursor": page.next_cursor,
        "next": f"{PREFIX}/cases?{urlencode(query)}" if page.next_cursor else None,
    }


@api.exception_handler(ApiProblem)
async def _api_problem(request: Request, problem: ApiProblem) -> JSONResponse:
    return answer(request, problem)


@api.exception_handler(RequestValidationError)
async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
    details = error.errors()
    if any(e.get("type") == "json_invalid" for e in details):
        return answer(
            request,
            ApiProblem(
                400,
                "malformed_json",
                "Malformed JSON",
                "The body is not valid JSON: check its quotes, commas and brackets.",
            ),
        )
    fields = [
        FieldError(
            field=".".join(
                str(p) for p in (e["loc"][1:] if e["loc"][:1] == ("body",) and len(e["loc"]) > 1 else e["loc"])
            ),
            message=str(e["msg"]),
        )
        for e in details
    ]
    return answer(
        request,
        ApiProblem(
            422,
            "invalid_request",
            "The request was not understood",
            "; ".join(f"{f.field}: {f.message}" for f in fields),
            errors=fields,
        ),
    )


@api.exception_handler(StarletteHTTPException)
async def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
    if error.status_code == 413:
        return answer(request, ApiProblem(413, "body_too_large", "Request too large", str(error.detail)))
    request.state.problem = f"http_{error.status_code}"
    detail = {
        404: f"There is no route {request.url.path}: see {PREFIX}/openapi.json.",
        405: f"{request.method} is not allowed here.",
    }.get(error.status_code, str(error.detail))
    return problem_response(
        error.status_code, kind=None, detail=detail, instance=request.url.path, headers=error.headers
    )


@api.exception_handler(Exception)
async def _failed(request: Request, error: Exception) -> JSONResponse:
    request.state.problem = "server_error"
    return problem_response(
        500,
        kind="server_error",
        title="Something went wrong",
        detail="The request failed on our side and changed nothing. Try again in a moment.",
        instance=request.url.path,
    )


def openapi() -> dict[str, Any]:
    """FastAPI's document, with every error response as the application/problem+json it is (FastAPI writes the
    responses of a route as its own media type), and no trace of FastAPI's own validation error shape, which no
    response of ours has."""
    if api.openapi_schema:
        return api.openapi_schema
    document = get_openapi(title=api.title, version=api.version, description=api.description, routes=api.routes)
    for operations in document["paths"].values():
        for operation in operations.values():
            for code, response in operation.get("responses", {}).items():
                if int(code) >= 400:
                    response["content"] = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
            operation["responses"]["422"]["description"] = _ERRORS[422]
    schemas = document["components"]["schemas"]
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    document["servers"] = [{"url": PREFIX}]
    api.openapi_schema = document
    return document


api.openapi = openapi  # type: ignore[method-assign]  # patched for the length of a run, then restored


def mount() -> Mount:
    """``/api/v1``, as a route of the served application."""
    app: ASGIApp = Gate(api, api.routes)
    return Mount(PREFIX, app=app)
