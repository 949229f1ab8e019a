"""Issue 12, Done-when 2: decisions made on one device reach the hub and the other devices.

A real hub on loopback serving 120 generated households; three real client homes: the reviewer
and a colleague (social workers of 北京街) and a migrant officer of the same street. Syncs are the
client's own sync sessions over HTTP (and ``casework sync`` once); the lists are read by the
``casework duplicates|permits|schooling --json`` commands, offline. Decisions are made offline,
straight into one device's encrypted cache (``create_record``, no hub), and travel with the next
sync. What is expected comes from the decisions the test made and the hub's rows, never from the
client under test."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid

import orjson
import pytest
from sqlalchemy import text

from casework import paths
from casework.cache.edits import create_record
from casework.demo.generator import REFERENCE_DATE
from casework.hub.duplicates_export import COLUMNS, export
from casework.hub.feed_writer import RecordWrite
from casework.hub.users import add_user
from casework.sync.credentials import TokenStore
from casework.sync.push import PushResult
from casework.sync.round_trip import sync
from tests.end2end.test_cli_sync import casework
from tests.hub.district_fixture import STREET_A
from tests.sync.hub_fixture import FAST_AUTH, PASSWORD, STREET_USER, make_generated_hub, sign_in_for_test
from tests.sync.keyring_double import InMemoryKeyring

COLLEAGUE = "street_colleague"  # another social worker of 北京街, on another computer
OFFICER = "migrant_officer_a"  # the street's migrant-services officer
TODAY = REFERENCE_DATE.isoformat()  # the generated district's "today"
TOKENS = TokenStore(backend=InMemoryKeyring())  # hub tokens of the three devices, never the OS store
COL = {key: i for i, (key, _, _) in enumerate(COLUMNS)}
LATER = (REFERENCE_DATE + dt.timedelta(days=15)).isoformat()  # some permits have lapsed by then


@pytest.fixture(scope="module")
def street(tmp_path_factory):
    """The hub and three synced client homes (reviewer, colleague, migrant officer)."""
    hub = make_generated_hub(tmp_path_factory.mktemp("reviews-hub"), households=120)
    add_user(hub.engine, COLLEAGUE, PASSWORD, "social_worker", [STREET_A], "internal", settings=FAST_AUTH)
    add_user(hub.engine, OFFICER, PASSWORD, "migrant_officer", [STREET_A], "internal", settings=FAST_AUTH)
    _plant_child(hub)
    homes = {user: tmp_path_factory.mktemp(user) for user in (STREET_USER, COLLEAGUE, OFFICER)}
    try:
        for user, home in homes.items():
            _sync(hub, home, user)
        yield hub, homes
    finally:
        hub.stop()
        hub.engine.dispose()


def _plant_child(hub) -> None:
    """A ten-year-old with no school enrolment in a migrant household of the street: a district
    this small may have none of its own."""
    with hub.engine.connect() as conn:
        people = [(area, orjson.loads(data)) for area, data in conn.execute(text(
            "SELECT area, data FROM record WHERE kind = 'person' ORDER BY id"))]
    area, data = next((area, data) for area, data in people if area.startswith(STREET_A) and data["migrant"])
    born = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - 10)
    hub.write([RecordWrite("person", str(uuid.uuid4()), area, {
        **data, "name": "陈十岁", "relation": "child", "birth_date": born.isoformat(), "id_number": None})])


def _sync(hub, home, user: str) -> PushResult:
    """Push then pull, as the app's sync button does; what the push did."""
    paths.set_home(home)
    try:
        with sign_in_for_test(hub.url, user, PASSWORD, token_store=TOKENS) as session:
            done = sync(session)
    finally:
        paths.set_home(None)
    assert done.pull.complete and done.push.complete
    return done.push


def _json(home, *args: str) -> dict:
    done = casework(home, *args, "--json", "--limit", "0")
    assert done.returncode == 0, done.stderr
    return orjson.loads(done.stdout)


def _offline(hub, home, user: str, kind: str, data: dict) -> str:
    """A record made on this computer with the hub never asked: the cache and its outbox only."""
    paths.set_home(home)
    try:
        with sign_in_for_test(hub.url, user, PASSWORD, contact_hub=False, token_store=TOKENS) as session:
            return create_record(session.store, kind, data, user=user)
    finally:
        paths.set_home(None)


def _review(pair: dict, verdict: str, reason: str | None = None) -> dict:
    first, second = pair["first"], pair["second"]
    data = {"household_id": pair["household_id"], "first_id": first["id"], "first_version": first["version"],
            "second_id": second["id"], "second_version": second["version"], "verdict": verdict,
            "departments": sorted({first["department"], second["department"]}), "on": TODAY, "offline": True}
    return {**data, "reason": reason} if reason else data


def _key(pair: dict) -> frozenset[str]:
    return frozenset((pair["first"]["id"], pair["second"]["id"]))


def _open_keys(home) -> dict[frozenset[str], dict]:
    return {_key(p): p for p in _json(home, "duplicates")["pairs"]}


def _export(hub, department: str) -> set[frozenset[str]]:
    """The pairs in the hub's csv export for a paying department (what ``casework hub duplicates
    --department D --format csv`` runs; tests/hub/test_duplicates_export.py runs the command)."""
    out, err = io.StringIO(), io.StringIO()
    assert export(hub.db_url, fmt="csv", department=department, street=None, output=None,
                  stdout=out, stderr=err) == 0
    rows = list(csv.reader(io.StringIO(out.getvalue())))[1:]
    assert f"{len(rows)} confirmed duplicate pairs" in err.getvalue()
    return {frozenset((r[COL["a_grant_id"]], r[COL["b_grant_id"]])) for r in rows}


def test_a_duplicate_confirmed_offline_reaches_the_export_and_the_colleague(street):
    hub, homes = street
    listed = _json(homes[STREET_USER], "duplicates")
    pair = listed["pairs"][0]
    department = pair["first"]["department"]
    review_id = _offline(hub, homes[STREET_USER], STREET_USER, "duplicate_review",
                         _review(pair, "duplicate", "两个项目同期发放，请核对"))
    assert _key(pair) not in _open_keys(homes[STREET_USER])  # decided here already, before any sync
    assert _key(pair) not in _export(hub, department)  # but the hub has not heard of it

    synced = casework(homes[STREET_USER], "sync", "--hub", hub.url, "--user", STREET_USER)  # as a user would
    assert synced.returncode == 0 and "1 applied, 0 conflicts, 0 rejected; 0 pending" in synced.stdout
    assert _key(pair) in _export(hub, department)  # the paying department's export lists it
    other = pair["second"]["department"]
    assert _key(pair) in _export(hub, other)  # and the other payer's

    colleague_before = _json(homes[COLLEAGUE], "duplicates")
    assert _key(pair) in {_key(p) for p in colleague_before["pairs"]}
    _sync(hub, homes[COLLEAGUE], COLLEAGUE)
    colleague = _json(homes[COLLEAGUE], "duplicates")
    assert _key(pair) not in {_key(p) for p in colleague["pairs"]}
    assert colleague["counts"]["reviewed"] == colleague_before["counts"]["reviewed"] + 1
    with hub.engine.connect() as conn:
        stored = conn.execute(text("SELECT data FROM record WHERE id = :id"), {"id": review_id}).scalar_one()
    assert orjson.loads(stored)["created_by"] == STREET_USER  # the hub says who, not the client


def test_a_dismissed_pair_stays_dismissed_until_one_of_its_grants_changes(street):
    hub, homes = street
    pair = next(p for p in _json(homes[STREET_USER], "duplicates")["pairs"])
    _offline(hub, homes[STREET_USER], STREET_USER, "duplicate_review",
             _review(pair, "not_duplicate", "一笔为上月补发，不是重复"))
    _sync(hub, homes[STREET_USER], STREET_USER)
    _sync(hub, homes[COLLEAGUE], COLLEAGUE)
    assert _key(pair) not in _open_keys(homes[COLLEAGUE])
    _sync(hub, homes[COLLEAGUE], COLLEAGUE)  # a sync with nothing new changes nothing
    assert _key(pair) not in _open_keys(homes[COLLEAGUE])
    assert _key(pair) not in _export(hub, pair["first"]["department"])  # dismissed, not for the payer

    grant = pair["second"]["id"]  # the paying department corrects the grant at the hub
    with hub.engine.connect() as conn:
        area, raw = conn.execute(text("SELECT area, data FROM record WHERE id = :id"), {"id": grant}).one()
    hub.write([RecordWrite("benefit_grant", grant, area, {**orjson.loads(raw), "as_of": LATER})])
    _sync(hub, homes[COLLEAGUE], COLLEAGUE)
    back = _open_keys(homes[COLLEAGUE])
    assert _key(pair) in back and back[_key(pair)]["second"]["version"] == pair["second"]["version"] + 1


def test_a_permit_follow_up_on_one_device_takes_the_person_off_the_other(street):
    hub, homes = street
    permits = _json(homes[OFFICER], "permits", "--today", LATER)["permits"]
    assert permits, "the generated street has lapsing permits"
    chosen = permits[0]
    _offline(hub, homes[OFFICER], OFFICER, "permit_follow_up", {
        "person_id": chosen["person_id"], "household_id": chosen["household_id"],
        "permit_fingerprint": chosen["fingerprint"], "outcome": "appointment_made", "on": LATER,
        "note": "已约周五到来穗服务中心续签", "offline": True})
    reviewer_before = _json(homes[STREET_USER], "permits", "--today", LATER)
    assert chosen["person_id"] in {p["person_id"] for p in reviewer_before["permits"]}
    pushed = _sync(hub, homes[OFFICER], OFFICER)
    assert (pushed.applied, pushed.rejected) == (1, 0)
    _sync(hub, homes[STREET_USER], STREET_USER)
    after = _json(homes[STREET_USER], "permits", "--today", LATER)
    assert {p["person_id"] for p in after["permits"]} == (
        {p["person_id"] for p in reviewer_before["permits"]} - {chosen["person_id"]})
    assert after["counts"]["handled"] == reviewer_before["counts"]["handled"] + 1


def test_a_schooling_follow_up_on_one_device_takes_the_child_off_the_other(street):
    hub, homes = street
    children = _json(homes[STREET_USER], "schooling", "--today", TODAY)["children"]
    assert children, "the generated street has unenrolled school-age migrant children"
    child = children[0]
    _offline(hub, homes[STREET_USER], STREET_USER, "schooling_follow_up", {
        "person_id": child["person_id"], "household_id": child["household_id"],
        "outcome": "referred_to_education", "on": TODAY, "offline": True})
    officer_before = _json(homes[OFFICER], "schooling", "--today", TODAY)
    assert child["person_id"] in {c["person_id"] for c in officer_before["children"]}
    _sync(hub, homes[STREET_USER], STREET_USER)
    _sync(hub, homes[OFFICER], OFFICER)
    after = _json(homes[OFFICER], "schooling", "--today", TODAY)
    assert {c["person_id"] for c in after["children"]} == (
        {c["person_id"] for c in officer_before["children"]} - {child["person_id"]})
    assert after["counts"]["handled"] == officer_before["counts"]["handled"] + 1


def test_casework_duplicates_review_records_the_decision_offline_for_the_next_sync(street):
    hub, homes = street
    pairs = _json(homes[STREET_USER], "duplicates")["pairs"]
    pair = pairs[0]
    ids = f"{pair['second']['id']},{pair['first']['id']}"  # either order
    no_reason = casework(homes[STREET_USER], "duplicates", "--review", ids, "--verdict", "not_duplicate")
    assert no_reason.returncode == 1 and "needs a reason" in no_reason.stderr
    other = next(p for p in pairs if p["household_id"] != pair["household_id"])
    mixed = f"{pair['first']['id']},{other['first']['id']}"
    apart = casework(homes[STREET_USER], "duplicates", "--review", mixed, "--verdict", "duplicate")
    assert apart.returncode == 1 and "different households" in apart.stderr
    assert _key(pair) in _open_keys(homes[STREET_USER])  # nothing was recorded by the refusals

    done = casework(homes[STREET_USER], "duplicates", "--review", ids, "--verdict", "duplicate",
                    "--reason", "请两部门核对")
    assert done.returncode == 0 and "next sync" in done.stdout, done.stderr
    assert _key(pair) not in _open_keys(homes[STREET_USER])
    pushed = _sync(hub, homes[STREET_USER], STREET_USER)
    assert (pushed.applied, pushed.rejected) == (1, 0)
    assert _key(pair) in _export(hub, pair["first"]["department"])
    _sync(hub, homes[COLLEAGUE], COLLEAGUE)
    assert _key(pair) not in _open_keys(homes[COLLEAGUE])
