"""The OpenAPI document against the served API: every route is documented and every documented route answers, and
schemathesis sends each operation generated requests (valid ones, and ones the document forbids) with a key holding
every scope, checking each answer against the document: its status is documented, its content type and headers too,
its body validates against the documented schema, no request makes the server fail, and a request the document
forbids is refused."""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis import GenerationMode, checks

from portal.api.app import api
from tests.api.conftest import API, new_key


@pytest.fixture(scope="module")
def full_key(served) -> str:
    return new_key(served, "invites:write", "cases:read", "cases:read_personal")


@pytest.fixture(scope="module")
def document(served) -> dict:
    answer = httpx.get(served.url(f"{API}/openapi.json"), timeout=30)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    return answer.json()


@pytest.fixture(scope="module")
def api_schema(served, document):
    return schemathesis.openapi.from_url(served.url(f"{API}/openapi.json"))  # its servers entry: {API}


def test_the_document_is_valid_openapi_and_lists_exactly_the_routes(document):
    validate(document)
    documented = {(path, method.upper()) for path, operations in document["paths"].items() for method in operations}
    routed = {
        (route.path, method)
        for route in api.routes
        if isinstance(route, APIRoute) and route.include_in_schema  # its own docs routes are plain Starlette routes
        for method in (route.methods or set()) - {"HEAD"}
    }
    assert documented == routed == {("/invites", "POST"), ("/cases/{reference}", "GET"), ("/cases", "GET")}
    assert document["servers"] == [{"url": API}]
    for operations in document["paths"].values():
        for operation in operations.values():
            errors = {code: r["content"] for code, r in operation["responses"].items() if int(code) >= 400}
            assert {"401", "422", "429"} <= set(errors)
            assert all(list(content) == ["application/problem+json"] for content in errors.values())


# schemathesis's own pytest plugin does not run under pytest 9 (it reads a private attribute pytest dropped): each
# operation's generated requests run here through Hypothesis directly.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
]
EXAMPLES = 30


@pytest.mark.parametrize("mode", list(GenerationMode))
def test_every_answer_matches_the_document(api_schema, full_key, mode):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 3
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=True,
        )  # the same requests on every run: a failure reproduces
        def answers_as_documented(case) -> None:
            case.call_and_validate(headers={"Authorization": f"Bearer {full_key}"}, checks=CHECKS)

        answers_as_documented()
