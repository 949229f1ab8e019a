"""Schemathesis against a real hub on 127.0.0.1 (SQLite and PostgreSQL), signed in with a valid
token: no generated request — the schema's boundary values (coverage phase) and random valid
and invalid ones (fuzzing phase) — may get a 5xx, a status /openapi.json does not document, or
a body that does not match the documented schema.

To fuzz a new endpoint, add it to ``FUZZED``; ``test_every_documented_operation_is_fuzzed``
fails until it is listed. Bounded: ``MAX_EXAMPLES`` random requests per operation on top of the
deterministic boundary cases (about half a minute per backend on 2 cores).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from casework.hub.server import RunningHub, start_hub
from tests.helpers import scratch_database
from tests.hub.api_helpers import BACKENDS, FAST, bearer, make_user
from tests.hub.district_fixture import STREET_A, build_district

FUZZED = {
    ("POST", "/api/v1/auth/token"),
    ("GET", "/api/v1/sync/changes"),
    ("GET", "/api/v1/sync/summary"),
    ("GET", "/api/v1/health"),
    ("POST", "/api/v1/sync/push"),
}
MAX_EXAMPLES = 30
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module", params=BACKENDS)
def hub(request, tmp_path_factory) -> Iterator[RunningHub]:
    with (scratch_database(request.param, tmp_path_factory.mktemp("fuzz")) as url,
          start_hub(url, settings=FAST) as running):
        with running.app.state.engine.begin() as conn:
            build_district(conn)
        make_user(url, "fuzz.worker", "social_worker", [STREET_A], "internal")
        yield running


@pytest.fixture(scope="module")
def openapi(hub) -> dict[str, Any]:
    with httpx.Client(base_url=hub.url) as client:
        return client.get("/openapi.json").json()


@pytest.fixture(scope="module")
def api_schema(openapi) -> Any:
    return schemathesis.openapi.from_dict(openapi)


@pytest.fixture(scope="module")
def auth(hub) -> dict[str, str]:
    with httpx.Client(base_url=hub.url) as client:
        return bearer(client, "fuzz.worker")


def test_every_documented_operation_is_fuzzed(openapi):
    documented = {(method.upper(), path) for path, operations in openapi["paths"].items()
                  for method in operations}
    assert documented == FUZZED


schema = schemathesis.pytest.from_fixture("api_schema").include(
    name=[f"{method} {path}" for method, path in sorted(FUZZED)])


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_generated_requests_get_only_documented_answers(case, hub, auth):
    # Always the valid token: the generated ones would only ever test the 401 path.
    case.call_and_validate(base_url=hub.url, headers=dict(auth), checks=CHECKS, timeout=30)
