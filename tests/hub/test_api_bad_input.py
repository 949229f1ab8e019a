"""Input that once got a 500 or a non-JSON answer (issue 9, point 3), and what /openapi.json says.

Some requests are sent as raw bytes on a socket: an HTTP client would refuse to send them, an
attacker's would not.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import httpx
import pytest

from casework.hub.server import RunningHub, start_hub
from casework.wire import v1
from tests.helpers import scratch_database
from tests.hub.api_helpers import BACKENDS, CHANGES, FAST, PASSWORD, TOKEN, assert_error, bearer, make_user


@pytest.fixture(scope="module", params=BACKENDS)
def hub(request, tmp_path_factory) -> Iterator[RunningHub]:
    with (scratch_database(request.param, tmp_path_factory.mktemp("bad-input")) as url,
          start_hub(url, settings=FAST) as running):
        make_user(url, "street.worker")
        yield running


@pytest.fixture
def client(hub) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=hub.url, timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
def auth(hub) -> dict[str, str]:
    with httpx.Client(base_url=hub.url) as client:
        return bearer(client, "street.worker")


@pytest.mark.parametrize("cursor", [str(2**63), str(2**63 + 1), str(2**64), "9" * 19, "9" * 20])
def test_a_cursor_beyond_the_sequence_range_is_a_bad_cursor_not_a_server_error(client, auth, cursor):
    assert_error(client.get(CHANGES, params={"after": cursor}, headers=auth), 400, "bad_cursor")


def test_the_largest_cursor_is_accepted(client, auth):
    response = client.get(CHANGES, params={"after": str(2**63 - 1)}, headers=auth)
    assert response.status_code == 200 and response.json()["changes"] == []


def raw_exchange(hub: RunningHub, request: bytes) -> tuple[bytes, bytes]:
    """Send ``request`` as is; the status line and headers, and the body, of the answer."""
    with socket.create_connection((hub.host, hub.port), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
            head, _, body = answer.partition(b"\r\n\r\n")
            length = [line for line in head.lower().split(b"\r\n") if line.startswith(b"content-length:")]
            if length and len(body) >= int(length[0].split(b":")[1]):
                break
    head, _, body = answer.partition(b"\r\n\r\n")
    return head, body


def assert_raw_json_error(head: bytes, body: bytes, status: int) -> dict:
    assert head.startswith(f"HTTP/1.1 {status} ".encode()), head
    assert b"content-type: application/json" in head.lower(), head
    answer = json.loads(body)
    v1.ErrorResponse.model_validate(answer)
    return answer


@pytest.mark.parametrize("request_bytes", [
    b"GET /api/v1/sync/changes?after=\xe4\xb8\xad HTTP/1.1\r\nHost: hub\r\n\r\n",  # raw UTF-8 in the query
    b"GET /api/v1/sync/changes HTTP/1.1\r\nHost: hub\r\nX-\xe4: 1\r\n\r\n",  # raw UTF-8 in a header name
    b"GARBAGE\r\n\r\n",
    b"GET /api/v1/health HTTP/1.1\r\nHost: hub\r\nContent-Length: x\r\n\r\n",
])
def test_a_request_the_http_layer_cannot_parse_gets_a_json_error(hub, request_bytes):
    head, body = raw_exchange(hub, request_bytes)
    answer = assert_raw_json_error(head, body, 400)
    assert answer["error"]["code"] == "bad_request"


@pytest.mark.parametrize("size", [100_000, 1_000_000])
def test_an_oversized_authorization_header_gets_a_json_error(hub, size):
    request = (b"GET /api/v1/sync/changes HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer "
               + b"A" * size + b"\r\n\r\n")
    head, body = raw_exchange(hub, request)
    status = int(head.split(b" ")[1])
    assert status in (400, 401, 431), head
    assert_raw_json_error(head, body, status)


def test_unknown_fields_are_named_but_the_error_stays_small(client):
    body = {"username": "street.worker", "password": PASSWORD, "device_id": "pc"}
    body.update({f"field_{n:06d}_{'x' * 40}": 1 for n in range(15_000)})  # ~0.9 MB of unknown keys
    response = client.post(TOKEN, json=body)
    answer = assert_error(response, 422, "unknown_field")
    assert "field_000000" in answer["error"]["message"]
    assert len(response.content) < 2_000, len(response.content)


@pytest.fixture(scope="module")
def openapi(hub) -> dict:
    with httpx.Client(base_url=hub.url) as client:
        return client.get("/openapi.json").json()


def test_openapi_documents_the_error_body_on_every_error_answer(openapi):
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if status.startswith(("4", "5")):
                    schema = answer["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorResponse"}, (path, method, status)
    assert "HTTPValidationError" not in openapi["components"]["schemas"]


def test_openapi_documents_bad_json_and_503_and_the_cursor_bounds(openapi):
    paths = openapi["paths"]
    login = paths[TOKEN]["post"]["responses"]
    assert {"400", "422", "429", "503"} <= set(login)
    assert "bad_json" in login["400"]["description"]
    for path in paths.values():
        for operation in path.values():
            assert "503" in operation["responses"]
    after = next(p for p in paths[CHANGES]["get"]["parameters"] if p["name"] == "after")
    assert after["schema"]["minimum"] == 0 and after["schema"]["maximum"] == v1.MAX_CURSOR == 2**63 - 1
