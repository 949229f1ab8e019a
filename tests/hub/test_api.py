"""The hub's sync API over real HTTP: the feed as each signed-in user may see it, the summary,
compression, health and the OpenAPI document.

One hub per backend serves the module: the fixture district (three streets of 越秀区) with its
later history (an update, a delete, households moving between streets), and one user per
role and scope under test.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest
import zstandard
from sqlalchemy import select

from casework.domain.classification import Level
from casework.hub.db import make_engine
from casework.hub.schema import AuditEvent
from casework.hub.server import RunningHub, start_hub
from casework.hub.users import change_user
from casework.wire import v1
from tests.helpers import scratch_database
from tests.hub.api_helpers import (
    BACKENDS,
    CHANGES,
    FAST,
    HEALTH,
    SUMMARY,
    bearer,
    make_user,
)
from tests.hub.district_fixture import (
    DISTRICT,
    SECRET_CONDITION,
    SECRET_GRANT_AMOUNT,
    SECRET_MONTHLY_INCOME,
    SECRET_TAX_AMOUNT,
    STREET_A,
    STREET_B,
    STREET_C,
    FixtureDistrict,
    apply_history,
    build_district,
    holdings,
    pull,
    summary_of,
    viewer,
)

USERS = {
    "sw.a": ("social_worker", [STREET_A], "internal"),
    "sw.b": ("social_worker", [STREET_B], "internal"),
    "sw.c": ("social_worker", [STREET_C], "internal"),
    "sw.district": ("social_worker", [DISTRICT], "internal"),
    "sw.a.secret": ("social_worker", [STREET_A], "secret"),
    "disability.district": ("disability_officer", [DISTRICT], "internal"),
    "hub.admin": ("admin", [DISTRICT], "confidential"),
    "moving.scope": ("social_worker", [STREET_A], "internal"),
    "audited.puller": ("social_worker", [STREET_A], "internal"),
}


class Hub:
    def __init__(self, running: RunningHub, url: str, district: FixtureDistrict) -> None:
        self.running, self.url, self.district = running, url, district


@pytest.fixture(scope="module", params=BACKENDS)
def hub(request, tmp_path_factory) -> Iterator[Hub]:
    with (scratch_database(request.param, tmp_path_factory.mktemp("api")) as url,
          start_hub(url, settings=FAST) as running):
        engine = running.app.state.engine
        with engine.begin() as conn:
            district = build_district(conn)
        apply_history(engine, district)
        for username, (role, scope, clearance) in USERS.items():
            make_user(url, username, role, scope, clearance)
        yield Hub(running, url, district)


@pytest.fixture
def client(hub) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=hub.running.url, timeout=30) as c:
        yield c


def pull_over_http(client: httpx.Client, headers: dict[str, str], limit: int,
                   ) -> tuple[list[dict[str, Any]], list[bytes], str]:
    """Every page from the start as a client would pull it; the changes, each page's raw
    bytes as they came over the wire (decompressed), and the final cursor."""
    changes: list[dict[str, Any]] = []
    raw_pages: list[bytes] = []
    cursor = "0"
    while True:
        response = client.get(CHANGES, params={"after": cursor, "limit": limit}, headers=headers)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        v1.ChangesPage.model_validate_json(response.content)
        page = orjson.loads(response.content)
        assert len(page["changes"]) <= limit
        raw_pages.append(response.content)
        changes.extend(page["changes"])
        cursor = page["cursor"]
        if not page["has_more"]:
            return changes, raw_pages, cursor


def test_a_street_worker_pulls_over_http_exactly_what_the_feed_gives_their_scope(hub, client):
    changes, _, _ = pull_over_http(client, bearer(client, "sw.a"), limit=7)
    engine = make_engine(hub.url)
    expected, _ = pull(engine, viewer("social_worker", STREET_A, Level.INTERNAL, "sw.a"), limit=5000)
    engine.dispose()
    assert changes == expected
    assert changes and all(c["area"].startswith(STREET_A) for c in changes)


def test_pulling_with_limits_1_7_and_5000_over_http_gives_the_same_records(client):
    headers = bearer(client, "sw.district")
    results = [pull_over_http(client, headers, limit) for limit in (1, 7, 5000)]
    held = [holdings(changes) for changes, _, _ in results]
    assert held[0] == held[1] == held[2]
    assert len({cursor for _, _, cursor in results}) == 1
    assert len(results[0][1]) > 20  # the limit-1 pull really came in many pages


def _secret_fragments(district: FixtureDistrict) -> list[bytes]:
    values = [str(SECRET_TAX_AMOUNT), str(SECRET_MONTHLY_INCOME), str(SECRET_GRANT_AMOUNT),
              SECRET_CONDITION, district.secret_certificate_number]
    fragments = [v.encode() for v in values]
    fragments += [json.dumps(v).strip('"').encode() for v in values]  # \\u-escaped forms too
    return fragments


def test_no_value_above_internal_appears_in_any_byte_an_internal_user_receives(hub, client):
    login = client.post(f"{v1.API_PREFIX}/auth/token",
                        json={"username": "sw.district", "password": "correct horse battery staple",
                              "device_id": "leak-check"})
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    _, pages, _ = pull_over_http(client, headers, limit=3)
    everything = b"".join([login.content, *pages, client.get(SUMMARY, headers=headers).content])
    for fragment in _secret_fragments(hub.district):
        assert fragment not in everything, fragment
    assert "欠税".encode() in everything  # the status that replaces the tax amount is there


def test_a_user_with_secret_clearance_does_receive_those_values(hub, client):
    _, pages, _ = pull_over_http(client, bearer(client, "sw.a.secret"), limit=5000)
    assert str(SECRET_TAX_AMOUNT).encode() in b"".join(pages)  # so the check above can fail


def test_the_summary_matches_what_a_client_holds_after_a_full_pull(client):
    headers = bearer(client, "sw.district")
    changes, _, cursor = pull_over_http(client, headers, limit=11)
    summary = client.get(SUMMARY, headers=headers).json()
    v1.Summary.model_validate(summary)
    assert summary["cursor"] == cursor
    assert summary["kinds"] == summary_of(holdings(changes))


def test_a_disability_officer_receives_no_tax_migrant_or_enterprise_records(client):
    changes, _, _ = pull_over_http(client, bearer(client, "disability.district"), limit=5000)
    upserts = [c for c in changes if c["op"] == "upsert"]
    assert any(c["kind"] == "disability_certificate" for c in upserts)
    assert not any(c["kind"] in ("enterprise", "rental_housing") for c in upserts)
    departments = {c["data"].get("department") for c in upserts if c["kind"] == "department_fact"}
    assert "tax" not in departments and "migrant" not in departments


def test_an_administrator_holds_no_personal_records(client):
    changes, _, _ = pull_over_http(client, bearer(client, "hub.admin"), limit=5000)
    assert changes == []
    summary = client.get(SUMMARY, headers=bearer(client, "hub.admin")).json()
    assert all(k["count"] == 0 for k in summary["kinds"].values())


def test_a_household_that_moved_away_is_removed_from_the_old_streets_worker_and_held_by_the_new(hub, client):
    liu = hub.district.households["liu"]  # moved from street C to A, back to C, then to B
    held_c = holdings(pull_over_http(client, bearer(client, "sw.c"), limit=5)[0])
    held_b = holdings(pull_over_http(client, bearer(client, "sw.b"), limit=5)[0])
    assert liu.household_id not in held_c
    assert liu.household_id in held_b and held_b[liu.household_id]["area"].startswith(STREET_B)


def test_feed_pages_are_gzip_compressed_when_the_client_accepts_gzip(client):
    headers = bearer(client, "sw.district")
    params = {"limit": 5000}
    with client.stream("GET", CHANGES, params=params, headers={**headers, "Accept-Encoding": "gzip"}) as r:
        raw = b"".join(r.iter_raw())
        assert r.headers["content-encoding"] == "gzip"
        assert "accept-encoding" in r.headers["vary"].lower()
    plain = client.get(CHANGES, params=params, headers={**headers, "Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert raw[:2] == b"\x1f\x8b"
    assert gzip.decompress(raw) == plain.content
    assert len(raw) * 3 < len(plain.content)


def test_feed_pages_are_zstd_compressed_when_the_client_prefers_it(client):
    headers = bearer(client, "sw.district")
    params = {"limit": 5000}
    with client.stream("GET", CHANGES, params=params,
                       headers={**headers, "Accept-Encoding": "zstd, gzip"}) as r:
        raw = b"".join(r.iter_raw())
        assert r.headers["content-encoding"] == "zstd"
        assert "accept-encoding" in r.headers["vary"].lower()
    plain = client.get(CHANGES, params=params, headers={**headers, "Accept-Encoding": "identity"})
    assert zstandard.ZstdDecompressor().decompress(raw) == plain.content
    assert len(raw) * 3 < len(plain.content)
    refused = client.get(CHANGES, params=params, headers={**headers, "Accept-Encoding": "zstd;q=0, gzip"})
    assert refused.headers["content-encoding"] == "gzip"


def test_responses_are_sent_uncompressed_to_a_client_that_does_not_accept_compression(client):
    headers = {**bearer(client, "sw.district"), "Accept-Encoding": "identity"}
    with client.stream("GET", CHANGES, params={"limit": 5000}, headers=headers) as r:
        raw = b"".join(r.iter_raw())
        assert "content-encoding" not in r.headers
    assert raw.startswith(b'{"changes":[')


def test_changing_a_users_scope_bumps_the_scope_epoch_their_next_page_reports(hub, client):
    headers = bearer(client, "moving.scope")
    before = client.get(CHANGES, headers=headers).json()
    engine = make_engine(hub.url)
    change_user(engine, "moving.scope", scope=[STREET_B])
    engine.dispose()
    after = client.get(CHANGES, headers=headers).json()  # the same token
    assert after["scope_epoch"] == before["scope_epoch"] + 1
    assert {c["area"][:9] for c in after["changes"]} == {STREET_B}
    assert client.get(SUMMARY, headers=headers).json()["scope_epoch"] == after["scope_epoch"]


def test_each_page_pulled_is_audited_with_user_device_and_cursor(hub, client):
    headers = bearer(client, "audited.puller", device_id="audit-pc")
    _, pages, _ = pull_over_http(client, headers, limit=10)
    hub.running.app.state.pull_audit.flush()  # written in batches, off the request path
    engine = make_engine(hub.url)
    with engine.connect() as conn:
        events = conn.execute(select(AuditEvent.device_id, AuditEvent.subject).where(
            AuditEvent.username == "audited.puller", AuditEvent.action == "sync_pull")).all()
    engine.dispose()
    assert len(events) == len(pages)
    assert {e.device_id for e in events} == {"audit-pc"}
    assert ("audit-pc", "after=0") in [tuple(e) for e in events]


def test_health_reports_ok_the_version_and_the_database_backend(hub, client):
    response = client.get(HEALTH)
    assert response.status_code == 200
    health = v1.Health.model_validate(response.json())
    assert health.status == "ok" and health.version
    assert health.database == ("sqlite" if hub.url.startswith("sqlite") else "postgresql")


def test_openapi_documents_every_endpoint_with_its_request_and_response_models(client):
    doc = client.get("/openapi.json").json()
    paths = doc["paths"]
    schemas = doc["components"]["schemas"]

    def response_ref(path: str, method: str, status: str) -> str:
        return paths[path][method]["responses"][status]["content"]["application/json"]["schema"]["$ref"]

    assert response_ref(f"{v1.API_PREFIX}/auth/token", "post", "200").endswith("/TokenResponse")
    body = paths[f"{v1.API_PREFIX}/auth/token"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"]["$ref"].endswith("/TokenRequest")
    assert response_ref(CHANGES, "get", "200").endswith("/ChangesPage")
    assert response_ref(SUMMARY, "get", "200").endswith("/Summary")
    assert response_ref(HEALTH, "get", "200").endswith("/Health")
    assert response_ref(CHANGES, "get", "401").endswith("/ErrorResponse")
    assert response_ref(f"{v1.API_PREFIX}/auth/token", "post", "423").endswith("/ErrorResponse")
    assert {"Change", "ChangesPage", "UserInfo", "KindSummary", "ErrorDetail"} <= set(schemas)
    assert schemas["TokenRequest"]["additionalProperties"] is False
    limit = next(p for p in paths[CHANGES]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == v1.MAX_PAGE_LIMIT and limit["schema"]["minimum"] == 1
    assert paths[CHANGES]["get"]["security"] and "HTTPBearer" in doc["components"]["securitySchemes"]
