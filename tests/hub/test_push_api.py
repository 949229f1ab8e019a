"""POST /api/v1/sync/push over real HTTP on 127.0.0.1, on SQLite and PostgreSQL.

The main test is issue 8's "Done when" point 3: every role tries to write outside its areas,
lines of business, kinds and clearance, and with malformed, oversized and replayed batches.
Each attempt must be refused with a reason (a per-op ``rejected`` with an error code, or a
whole-batch 4xx with a JSON error), nothing may be written (rows of every table a write
touches are counted before and after), and no answer may be a 5xx.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from casework.hub.server import RunningHub, start_hub
from casework.wire import v1
from tests.helpers import scratch_database
from tests.hub.api_helpers import BACKENDS, CHANGES, FAST, assert_error, bearer, make_user
from tests.hub.district_fixture import DISTRICT, STREET_A, STREET_C, FixtureDistrict, build_district
from tests.hub.write_helpers import audit_data, case_data, new_id, note_data, row_counts

PUSH = f"{v1.API_PREFIX}/sync/push"
ROLES = ("social_worker", "disability_officer", "migrant_officer", "supervisor", "admin")
# A case each role could open in its own line of business, and one outside it (None: the role
# covers every line of business that a case can be filed under).
OWN_CATEGORY = {"social_worker": "assistance", "disability_officer": "disability",
                "migrant_officer": "migrant", "supervisor": "elderly", "admin": "other"}
FOREIGN_CATEGORY = {"disability_officer": "migrant", "migrant_officer": "disability"}


@dataclass
class Hub:
    running: RunningHub
    district: FixtureDistrict
    db_url: str
    cases: dict[str, str] = field(default_factory=dict)  # name -> case id written for the tests


@pytest.fixture(scope="module", params=BACKENDS)
def hub(request, tmp_path_factory) -> Iterator[Hub]:
    with (scratch_database(request.param, tmp_path_factory.mktemp("push")) as url,
          start_hub(url, settings=FAST) as running):
        engine = running.app.state.engine
        with engine.begin() as conn:
            district = build_district(conn)
        for role in ROLES:
            make_user(url, f"{role}.a", role, [STREET_A], "internal")
            make_user(url, f"{role}.public", role, [STREET_A], "public")
        make_user(url, "boss", "supervisor", [DISTRICT], "internal")
        yield Hub(running, district, url)


@pytest.fixture
def client(hub) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=hub.running.url, timeout=30) as c:
        yield c


def push(client: httpx.Client, headers: dict[str, str], ops: list[dict[str, Any]]) -> httpx.Response:
    return client.post(PUSH, json={"ops": ops}, headers=headers)


def op(kind: str, action: str, record_id: str | None = None, **body: Any) -> dict[str, Any]:
    return {"op_id": new_id(), "kind": kind, "id": record_id or new_id(), "action": action, **body}


def update(record_id: str, changes: dict[str, tuple[Any, Any]], **body: Any) -> dict[str, Any]:
    return op("case", "update", record_id,
              changes={k: {"from": a, "to": b} for k, (a, b) in changes.items()}, **body)


def results(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    return v1.PushResponse.model_validate_json(response.content).model_dump()["results"]


def boss_case(hub: Hub, client: httpx.Client, household: str, category: str) -> str:
    """A case written by the district supervisor, for others to try to touch."""
    key = f"{household}:{category}"
    if key not in hub.cases:
        create = op("case", "create", data=case_data(hub.district.households[household], category))
        (result,) = results(push(client, bearer(client, "boss"), [create]))
        assert result["status"] == "applied", result
        hub.cases[key] = create["id"]
    return hub.cases[key]


def test_create_update_note_and_audit_event_in_one_batch_answer_in_order(hub, client):
    li = hub.district.households["li"]
    headers = bearer(client, "social_worker.a")
    create = op("case", "create", data=case_data(li, "disability"))
    note = op("case_note", "append", data=note_data(create["id"], li))
    change = update(create["id"], {"status": ("open", "on_hold")}, base_version=1)
    opened = op("audit_event", "append", data=audit_data(li.household_id))
    answered = results(push(client, headers, [create, note, change, opened]))
    assert [r["op_id"] for r in answered] == [o["op_id"] for o in (create, note, change, opened)]
    assert [r["status"] for r in answered] == ["applied"] * 4
    assert answered[2]["version"] == 2
    page = client.get(CHANGES, params={"after": answered[0]["seq"] - 1}, headers=headers).json()
    assert {(c["id"], c["version"]) for c in page["changes"]} == {(create["id"], 2), (note["id"], 1)}


def test_a_conflict_goes_down_the_feed_to_both_sides(hub, client):
    zhang = hub.district.households["zhang"]
    a, b = bearer(client, "social_worker.a"), bearer(client, "supervisor.a")
    create = op("case", "create", data=case_data(zhang, "elderly"))
    results(push(client, a, [create]))
    (first,) = results(push(client, a, [update(create["id"], {"priority": ("normal", "high")})]))
    (second,) = results(push(client, b, [update(create["id"], {"priority": ("normal", "urgent")})]))
    assert (first["status"], second["status"]) == ("applied", "conflict")
    assert second["conflicts"][0]["by"] == "social_worker.a"
    for headers in (a, b):
        page = client.get(CHANGES, params={"after": second["seq"] - 1}, headers=headers).json()
        (case,) = [c for c in page["changes"] if c["id"] == create["id"]]
        assert case["data"]["conflicts"][0]["mine"] == "urgent" and case["data"]["priority"] == "high"


def test_the_push_endpoint_is_documented_with_its_answers(client):
    spec = client.get("/openapi.json").json()
    documented = spec["paths"][PUSH]["post"]
    assert {"200", "400", "401", "413", "422"} <= set(documented["responses"])
    assert "op_reused" in documented["description"]


def _attempts(hub: Hub, client: httpx.Client, role: str) -> list[tuple[str, dict[str, Any], str | None]]:
    """(what, op, the expected code or None for "any refusal") a user of ``role`` tries."""
    d = hub.district
    li, chen, wang, liu = (d.households[k] for k in ("li", "chen", "wang", "liu"))
    own = OWN_CATEGORY[role]
    far_case = boss_case(hub, client, "liu", "assistance")  # 光塔街: outside street A
    near_disability = boss_case(hub, client, "li", "disability")
    near_migrant = boss_case(hub, client, "wang", "migrant")
    writer = role != "admin"
    tries: list[tuple[str, dict[str, Any], str | None]] = [
        ("case in another street", op("case", "create", data=case_data(chen, own)),
         "out_of_scope" if writer else "not_a_writer"),
        ("update of a case in another street",
         update(far_case, {"status": ("open", "closed")}), "out_of_scope" if writer else "not_a_writer"),
        ("note on a case in another street", op("case_note", "append", data=note_data(far_case, liu)),
         "out_of_scope" if writer else "not_a_writer"),
        ("household edited", op("household", "update", li.household_id,
                                changes={"flags": {"from": [], "to": ["low_income"]}}), "read_only_kind"),
        ("person created", op("person", "create", data={"household_id": li.household_id}), "read_only_kind"),
        ("unknown kind", op("spaceship", "create", data={}), "unknown_kind"),
        ("case appended", op("case", "append", data=case_data(li, own)),
         "wrong_action"),
        ("note updated", op("case_note", "update", changes={"text": {"from": "a", "to": "b"}}),
         "wrong_action"),
        ("audit event created", op("audit_event", "create", data=audit_data(li.household_id)),
         "wrong_action"),
        ("author forged", op("case", "create", data={**case_data(li, own), "created_by": "someone"}),
         "invalid" if writer else "not_a_writer"),
        ("conflicts forged", update(near_disability, {"conflicts": ([], [])}),
         "invalid" if writer else "not_a_writer"),
        ("category changed", update(near_disability, {"category": ("disability", "migrant")}),
         "invalid" if writer else "not_a_writer"),
        ("bad status code", op("case", "create", data={**case_data(li, own), "status": "gone"}),
         "invalid" if writer else "not_a_writer"),
        ("record id of a household", op("case", "create", li.household_id, data=case_data(li, own)),
         "already_exists" if writer else "not_a_writer"),
        ("case of a household that does not exist",
         op("case", "create", data={**case_data(li, own), "household_id": new_id(), "person_ids": []}),
         "not_found" if writer else "not_a_writer"),
        ("update of a case that does not exist", update(new_id(), {"status": ("open", "closed")}),
         "not_found" if writer else "not_a_writer"),
        ("someone of another household on the case",
         op("case", "create", data={**case_data(li, own), "person_ids": chen.person_ids[:1]}),
         "invalid" if writer else "not_a_writer"),
        ("bad audit event",
         op("audit_event", "append", data={**audit_data(None), "record_kind": "spaceship"}),
         "invalid"),
    ]
    foreign = FOREIGN_CATEGORY.get(role)
    if foreign:
        tries.append(("case outside the line of business",
                      op("case", "create", data=case_data(wang, foreign)),
                      "wrong_line_of_business"))
        target = near_migrant if foreign == "migrant" else near_disability
        household = wang if foreign == "migrant" else li
        tries.append(("update outside the line of business", update(target, {"status": ("open", "closed")}),
                      "wrong_line_of_business"))
        tries.append(("note outside the line of business",
                      op("case_note", "append", data=note_data(target, household)), "wrong_line_of_business"))
    return tries


def _public_attempts(hub: Hub, client: httpx.Client, role: str) -> list[tuple[str, dict[str, Any], str]]:
    key = "wang" if role == "migrant_officer" else "li"
    household = hub.district.households[key]
    case_id = boss_case(hub, client, key, OWN_CATEGORY[role])  # in the role's own line of business
    expected = "above_clearance" if role != "admin" else "not_a_writer"
    return [
        ("internal field on create", op("case", "create", data=case_data(household, OWN_CATEGORY[role])),
         expected),
        ("internal field on update", update(case_id, {"summary": ("初次走访", "改写")}), expected),
        ("internal note text", op("case_note", "append", data=note_data(case_id, household)), expected),
    ]


def _malformed(ops_ok: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any], int, str]]:
    """(what, request kwargs, status, code) of batches refused whole."""
    big = "x" * (v1.MAX_BODY_BYTES + 10)
    one = ops_ok[0]

    def chunks():
        for _ in range(30):
            yield b"[" * 50_000

    return [
        ("not JSON", {"content": b"{ops: [", "headers": {"content-type": "application/json"}}, 400,
         "bad_json"),
        ("no ops", {"json": {"ops": []}}, 422, "invalid_request"),
        ("ops not a list", {"json": {"ops": {"a": 1}}}, 422, "invalid_request"),
        ("too many ops", {"json": {"ops": [one] * (v1.MAX_PUSH_OPS + 1)}}, 422, "invalid_request"),
        ("unknown top-level field", {"json": {"ops": [one], "force": True}}, 422, "unknown_field"),
        ("unknown op field", {"json": {"ops": [{**one, "sudo": True}]}}, 422, "unknown_field"),
        ("op_id not a UUID", {"json": {"ops": [{**one, "op_id": "1; DROP TABLE record"}]}}, 422,
         "invalid_request"),
        ("record id upper-case", {"json": {"ops": [{**one, "id": one["id"].upper()}]}}, 422,
         "invalid_request"),
        ("action delete", {"json": {"ops": [{**one, "action": "delete"}]}}, 422, "invalid_request"),
        ("negative base_version", {"json": {"ops": [{**one, "base_version": -1}]}}, 422, "invalid_request"),
        ("data a string", {"json": {"ops": [{**one, "data": "x"}]}}, 422, "invalid_request"),
        ("change without from", {"json": {"ops": [{**one, "action": "update", "data": None,
                                                   "changes": {"status": {"to": "x"}}}]}}, 422,
         "invalid_request"),
        ("oversized (declared)", {"json": {"ops": [{**one, "data": {"summary": big}}]}}, 413,
         "body_too_large"),
        ("nested too deep", {"content": b'{"ops": ' + b"[" * 300_000 + b"]" * 300_000 + b"}",
                             "headers": {"content-type": "application/json"}}, 400, "bad_request"),
        ("oversized (chunked)", {"content": chunks(), "headers": {"content-type": "application/json"}}, 413,
         "body_too_large"),
    ]


def test_every_role_is_refused_outside_its_areas_lines_kinds_and_clearance_and_nothing_is_written(
        hub, client, capsys):
    engine = hub.running.app.state.engine
    li = hub.district.households["li"]
    for role in ROLES:  # written before counting: the cases others will try to touch
        _attempts(hub, client, role)
        _public_attempts(hub, client, role)
    sessions = {name: bearer(client, name) for role in ROLES for name in (f"{role}.a", f"{role}.public")}
    # an op another user applied, to replay as someone else
    someone_elses = op("case", "create", data=case_data(li, "disability"))
    assert results(push(client, bearer(client, "boss"), [someone_elses]))[0]["status"] == "applied"

    before = row_counts(engine)
    attempts = rejections = server_errors = 0
    by_code: dict[str, int] = {}
    wrong: list[str] = []

    def expect_rejected(who: str, batch: list[tuple[str, dict[str, Any], str | None]]) -> None:
        nonlocal attempts, rejections, server_errors
        response = push(client, sessions[who], [o for _, o, _ in batch])
        server_errors += response.status_code >= 500
        for (what, _, code), result in zip(batch, results(response), strict=True):
            attempts += 1
            got = (result.get("error") or {}).get("code")
            if result["status"] == "rejected" and got and result["error"]["message"]:
                rejections += 1
                by_code[got] = by_code.get(got, 0) + 1
            if result["status"] != "rejected" or (code is not None and got != code):
                wrong.append(f"{who}: {what}: {result['status']} {got} (expected {code})")

    for role in ROLES:
        tries = _attempts(hub, client, role)
        expect_rejected(f"{role}.a", tries)
        expect_rejected(f"{role}.a", tries)  # the same batch replayed: refused again, still nothing
        expect_rejected(f"{role}.public", _public_attempts(hub, client, role))
        expect_rejected(f"{role}.a", [("replayed op of another user", someone_elses, "op_reused")])
        for what, kwargs, status, code in _malformed([o for _, o, _ in tries]):
            attempts += 1
            headers = {**sessions[f"{role}.a"], **kwargs.pop("headers", {})}
            response = client.post(PUSH, headers=headers, **kwargs)
            server_errors += response.status_code >= 500
            if response.status_code == status and response.json()["error"]["code"] == code:
                rejections += 1
                by_code[code] = by_code.get(code, 0) + 1
            else:
                wrong.append(f"{role}: {what}: {response.status_code} {response.text[:200]}")
    for headers in ({}, {"Authorization": "Bearer not-a-token"}):
        attempts += 1
        response = push(client, headers, [op("case", "create", data=case_data(li, "disability"))])
        assert_error(response, 401, "missing_token" if not headers else "invalid_token")
        rejections += 1

    after = row_counts(engine)
    with capsys.disabled():
        print(f"\n[push abuse {engine.dialect.name}] attempts={attempts} rejected={rejections} "
              f"5xx={server_errors} rows written={sum(after[k] - before[k] for k in before)} "
              f"by code={by_code}")
    assert not wrong, "\n".join(wrong)
    assert server_errors == 0
    assert rejections == attempts
    assert after == before


def test_a_replayed_batch_returns_its_first_results_and_writes_nothing(hub, client):
    engine = hub.running.app.state.engine
    li = hub.district.households["li"]
    headers = bearer(client, "disability_officer.a")
    batch = [op("case", "create", data=case_data(li, "disability"))]
    batch.append(op("case_note", "append", data=note_data(batch[0]["id"], li)))
    other_headers = bearer(client, "disability_officer.a", device_id="laptop-7")  # a login is audited
    first = results(push(client, headers, batch))
    before = row_counts(engine)
    again = results(push(client, headers, batch + batch))
    other_device = results(push(client, other_headers, batch))
    assert again == first + first and other_device == first
    assert row_counts(engine) == before


def test_an_oversized_body_is_refused_before_it_is_read_whole(hub):
    """A declared length over the limit gets 413 without the hub waiting for the body."""
    import socket

    host, port = hub.running.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(f"POST {PUSH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     f"Content-Length: {50 * v1.MAX_BODY_BYTES}\r\n\r\n".encode())
        sock.sendall(b"{" * 1000)
        received = b""
        while chunk := sock.recv(65536):  # the hub answers and closes ("Connection: close")
            received += chunk
        answer = received.decode("utf-8", "replace")
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert json.loads(answer.split("\r\n\r\n", 1)[1])["error"]["code"] == "body_too_large"


def test_a_case_of_another_street_written_by_a_district_supervisor_is_in_the_feed_of_that_street(hub, client):
    case_id = boss_case(hub, client, "liu", "assistance")
    make_user(hub.db_url, "sw.c.push", "social_worker", [STREET_C], "internal")
    page = client.get(CHANGES, params={"after": 0, "limit": 5000}, headers=bearer(client, "sw.c.push")).json()
    assert case_id in {c["id"] for c in page["changes"]}
