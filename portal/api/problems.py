"""Every failure of the API as ``application/problem+json`` (RFC 9457): ``type``, ``title``, ``status``, ``detail``,
``instance``, and ``errors`` (each field and what to change) when the request's content was refused.

Our own problems have a ``type`` of ``urn:amends:problem:<kind>``; HTTP's generic ones (no such route, method not
allowed) are ``about:blank`` with the status's phrase as their title, as the RFC asks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import JSONResponse

PROBLEM_JSON = "application/problem+json"
TYPE_PREFIX = "urn:amends:problem:"


class FieldError(BaseModel):
    field: str = Field(description="Where in the request: a body field, a header or a query parameter, dotted.")
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = Field(description="urn:amends:problem:<kind>, or about:blank for HTTP's generic errors")
    title: str
    status: int
    detail: str
    instance: str = Field(description="The path of the request that failed")
    errors: list[FieldError] | None = Field(default=None, description="Each field refused, with what to change")


class ApiProblem(Exception):
    """Raised by the routes and the gate; answered as a problem of ``kind``."""

    def __init__(
        self,
        status: int,
        kind: str,
        title: str,
        detail: str,
        *,
        errors: Sequence[FieldError] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.kind, self.title, self.detail = status, kind, title, detail
        self.errors, self.headers = list(errors), dict(headers or {})


def problem_response(
    status: int,
    *,
    kind: str | None,
    title: str | None = None,
    detail: str,
    instance: str,
    errors: Sequence[FieldError] = (),
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"{TYPE_PREFIX}{kind}" if kind else "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    if errors:
        body["errors"] = [e.model_dump() for e in errors]
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=dict(headers or {}))


def instance_of(request: Request) -> str:
    return request.url.path


def answer(request: Request, problem: ApiProblem) -> JSONResponse:
    """The problem's response; the request's state records its kind for the audit (portal.api.gate)."""
    request.state.problem = problem.kind
    return problem_response(
        problem.status,
        kind=problem.kind,
        title=problem.title,
        detail=problem.detail,
        instance=instance_of(request),
        errors=problem.errors,
        headers=problem.headers,
    )
