"""Bad input to the hub gets a clear 4xx JSON error — never a 500, never any data.

One hub per backend serves the whole module (every case here only reads), with a signed-in
street worker whose street has records, so a refusal that leaked data would show.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from casework.hub.server import RunningHub, start_hub
from casework.wire import v1
from tests.helpers import scratch_database
from tests.hub.api_helpers import (
    BACKENDS,
    CHANGES,
    FAST,
    HEALTH,
    PASSWORD,
    SUMMARY,
    TOKEN,
    assert_error,
    bearer,
    make_user,
)
from tests.hub.district_fixture import STREET_A, build_district


@pytest.fixture(scope="module", params=BACKENDS)
def hub(request, tmp_path_factory) -> Iterator[RunningHub]:
    with (scratch_database(request.param, tmp_path_factory.mktemp("errors")) as url,
          start_hub(url, settings=FAST) as running):
        with running.app.state.engine.begin() as conn:
            build_district(conn)
        make_user(url, "street.worker", "social_worker", [STREET_A], "internal")
        yield running


@pytest.fixture(scope="module")
def auth(hub) -> dict[str, str]:
    with httpx.Client(base_url=hub.url) as client:
        return bearer(client, "street.worker")


@pytest.fixture
def client(hub) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=hub.url, timeout=30) as c:
        yield c


def test_the_signed_in_worker_does_get_data_so_refusals_below_would_show_a_leak(client, auth):
    page = client.get(CHANGES, headers=auth).json()
    assert len(page["changes"]) > 10


@pytest.mark.parametrize("cursor", ["abc", "-1", "1.5", "1e3", "", "9" * 25, "１２", "0x10", " 1", "%00"])
def test_a_malformed_cursor_is_refused_with_bad_cursor(client, auth, cursor):
    assert_error(client.get(CHANGES, params={"after": cursor}, headers=auth), 400, "bad_cursor")


@pytest.mark.parametrize("limit", ["0", "-1", str(v1.MAX_PAGE_LIMIT + 1), "10" * 12, "ten", "", "1.5"])
def test_a_limit_outside_1_to_5000_is_refused_with_bad_limit(client, auth, limit):
    assert_error(client.get(CHANGES, params={"limit": limit}, headers=auth), 400, "bad_limit")


def test_the_largest_allowed_limit_is_accepted(client, auth):
    assert client.get(CHANGES, params={"limit": v1.MAX_PAGE_LIMIT}, headers=auth).status_code == 200


def test_an_unknown_query_parameter_is_refused_not_ignored(client, auth):
    body = assert_error(client.get(CHANGES, params={"limt": "5"}, headers=auth), 400, "unknown_parameter")
    assert "limt" in body["error"]["message"]
    assert_error(client.get(SUMMARY, params={"verbose": "1"}, headers=auth), 400, "unknown_parameter")


@pytest.mark.parametrize("path", [CHANGES, SUMMARY])
@pytest.mark.parametrize(("authorization", "code"), [
    (None, "missing_token"),
    ("Basic c3RyZWV0LndvcmtlcjpwYXNzd29yZA==", "missing_token"),
    ("Bearer", "missing_token"),
    ("Bearer not-a-token-the-hub-issued", "invalid_token"),
    ("Bearer " + "A" * 5000, "invalid_token"),
])
def test_a_missing_or_bad_token_is_refused_with_401_and_no_data(client, path, authorization, code):
    headers = {"Authorization": authorization} if authorization else {}
    response = client.get(path, headers=headers)
    assert_error(response, 401, code)
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"username": "street.worker", "password": PASSWORD, "device_id": "pc", "remember": True},
     422, "unknown_field"),
    ({"username": "street.worker", "password": PASSWORD}, 422, "invalid_request"),
    ({"username": "street.worker", "password": PASSWORD, "device_id": "a b/c"}, 422, "invalid_request"),
    ({"username": "x" * 65, "password": PASSWORD, "device_id": "pc"}, 422, "invalid_request"),
    ({"username": "", "password": PASSWORD, "device_id": "pc"}, 422, "invalid_request"),
    ({"username": ["street.worker"], "password": PASSWORD, "device_id": "pc"}, 422, "invalid_request"),
    ({"username": "street.worker", "password": "p" * 257, "device_id": "pc"}, 422, "invalid_request"),
    ([1, 2, 3], 422, "invalid_request"),
    ("street.worker", 422, "invalid_request"),
])
def test_a_login_request_that_does_not_match_the_schema_is_refused(client, body, status, code):
    assert_error(client.post(TOKEN, json=body), status, code)


def test_a_refused_login_request_never_echoes_the_password(client):
    response = client.post(TOKEN, json={"username": "street.worker", "password": PASSWORD, "x": 1})
    assert_error(response, 422, "unknown_field")
    assert PASSWORD not in response.text
    response = client.post(TOKEN, json={"username": "street.worker", "password": 12345678987654321,
                                        "device_id": "pc"})
    assert_error(response, 422, "invalid_request")
    assert "12345678987654321" not in response.text


@pytest.mark.parametrize("raw", [b"{not json", b"", b"\xff\xfe", b'{"username": "a",'])
def test_a_login_body_that_is_not_json_is_refused(client, raw):
    response = client.post(TOKEN, content=raw, headers={"Content-Type": "application/json"})
    expected = "bad_json" if response.status_code == 400 else "invalid_request"
    assert_error(response, response.status_code, expected)
    assert response.status_code in (400, 422)


def test_a_login_sent_as_a_form_instead_of_json_is_refused(client):
    response = client.post(TOKEN, data={"username": "street.worker", "password": PASSWORD, "device_id": "pc"})
    assert_error(response, 422, "invalid_request")


def test_a_body_declared_larger_than_the_limit_is_refused_with_413(client):
    response = client.post(TOKEN, content=b" " * (v1.MAX_BODY_BYTES + 1),
                           headers={"Content-Type": "application/json"})
    assert_error(response, 413, "body_too_large")


def test_a_streamed_body_without_a_length_is_counted_and_refused_with_413(client):
    def chunks():
        for _ in range(12):
            yield b" " * 100_000

    response = client.post(TOKEN, content=chunks(), headers={"Content-Type": "application/json"})
    assert "content-length" not in response.request.headers  # really sent chunked
    assert_error(response, 413, "body_too_large")


def test_a_streamed_body_within_the_limit_is_read_normally(client):
    def chunks():
        yield b'{"username": "street.worker", '
        yield b'"password": "' + PASSWORD.encode() + b'", "device_id": "pc"}'

    response = client.post(TOKEN, content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 200


def test_an_oversized_body_on_a_read_endpoint_is_refused_too(client, auth):
    response = client.request("GET", CHANGES, content=b"x" * (v1.MAX_BODY_BYTES + 10), headers=auth)
    assert_error(response, 413, "body_too_large")


def test_the_hub_still_answers_on_the_same_connection_after_refusing_a_large_body(client):
    client.post(TOKEN, content=b" " * (v1.MAX_BODY_BYTES + 1), headers={"Content-Type": "application/json"})
    assert client.get(HEALTH).status_code == 200


@pytest.mark.parametrize("path", ["/", "/api/v2/sync/changes", "/api/v1/sync", "/api/v1/records/1", "/admin"])
def test_an_unknown_route_is_a_json_404(client, auth, path):
    assert_error(client.get(path, headers=auth), 404, "not_found")


@pytest.mark.parametrize(("method", "path"), [("GET", TOKEN), ("DELETE", CHANGES), ("POST", HEALTH)])
def test_a_wrong_method_is_a_json_405(client, method, path):
    assert_error(client.request(method, path), 405, "method_not_allowed")


@pytest.mark.parametrize(("method", "path", "kwargs"), [
    ("GET", CHANGES, {"params": {"after": "\x00"}}),
    ("GET", CHANGES, {"params": {"after": "1", "limit": "1", "after2": "x" * 5000}}),
    ("GET", CHANGES, {"params": [("after", "1"), ("after", "2")]}),
    ("GET", CHANGES + "/../../openapi.json", {}),
    ("POST", TOKEN, {"json": {"username": "\x00", "password": "\x00", "device_id": "pc"}}),
    ("POST", TOKEN, {"json": {"username": "🙂" * 64, "password": "🙂", "device_id": "pc"}}),
    ("POST", TOKEN, {"content": b"null", "headers": {"Content-Type": "application/json"}}),
    ("POST", TOKEN, {"content": b"1" * 400, "headers": {"Content-Type": "application/json"}}),
    ("POST", TOKEN, {"content": b"{}", "headers": {"Content-Type": "text/plain"}}),
    ("PUT", SUMMARY, {"content": b"{}"}),
])
def test_odd_requests_never_get_a_server_error(client, method, path, kwargs):
    response = client.request(method, path, **kwargs)
    assert 400 <= response.status_code < 500, response.text
    assert set(response.json()) == {"error"}
