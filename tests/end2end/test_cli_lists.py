"""``casework duplicates``, ``permits`` and ``schooling`` as a user runs them: a real hub serving a
generated district, ``casework sync`` into a real encrypted cache, then the hub switched off and
the lists printed offline. The expected lists are worked out from the hub's own rows of what the
user may see, not from the client."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from itertools import combinations

import orjson
import pytest
from sqlalchemy import text

from casework.bench.sync_support import hub_visible_records
from casework.demo.generator import REFERENCE_DATE
from casework.domain.duplicates import Grant, compare
from casework.hub.feed_writer import RecordWrite
from tests.end2end.test_cli_sync import casework
from tests.hub.district_fixture import STREET_A
from tests.sync.hub_fixture import STREET_USER, make_generated_hub

TODAY = REFERENCE_DATE.isoformat()  # the generated district's "today"
# Two weeks on, some of the permits the generator made due within 30 days have lapsed.
LATER = REFERENCE_DATE + dt.timedelta(days=15)


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    """A client home synced from a hub of 120 generated households, the records as the hub
    serves them to the user, and the hub stopped."""
    fixture = make_generated_hub(tmp_path_factory.mktemp("lists-hub"), households=120)
    home = tmp_path_factory.mktemp("lists-client")
    try:
        _plant_children(fixture)
        synced = casework(home, "sync", "--hub", fixture.url, "--user", STREET_USER)
        assert synced.returncode == 0, synced.stderr
        # as the hub serves them to this user: masked, derived values they may not see withheld
        rows = hub_visible_records(fixture.db_url, STREET_USER)
    finally:
        fixture.stop()
        fixture.engine.dispose()
    return home, rows


def _plant_children(fixture) -> None:
    """Two more children in a migrant household of the user's street, neither enrolled: one turns
    6 today (school age), one turns 16 today (no longer) — a district this small may have none."""
    with fixture.engine.connect() as conn:
        people = [(area, orjson.loads(data)) for area, data in conn.execute(text(
            "SELECT area, data FROM record WHERE kind = 'person' ORDER BY id"))]
    area, data = next((area, data) for area, data in people if area.startswith(STREET_A) and data["migrant"])
    born = [REFERENCE_DATE.replace(year=REFERENCE_DATE.year - years) for years in (6, 16)]
    fixture.write([RecordWrite("person", str(uuid.UUID(int=i + 1)), area,
                               {**data, "name": name, "relation": "child", "birth_date": day.isoformat(),
                                "id_number": None})
                   for i, (name, day) in enumerate(zip(("黄六岁", "黄十六"), born, strict=True))])


def _of(rows, kind: str, fact_type: str | None = None):
    return {rid: r for rid, r in rows.items()
            if r[0] == kind and (fact_type is None or r[3].get("fact_type") == fact_type)}


def test_duplicates_json_lists_every_cross_programme_pair_the_hub_data_holds(offline):
    home, rows = offline
    by_household = defaultdict(list)
    for rid, (_, version, _, data) in _of(rows, "benefit_grant").items():
        by_household[data["household_id"]].append(Grant.from_data(rid, version, data))
    expected = {frozenset((a.id, b.id)) for grants in by_household.values()
                for a, b in combinations(grants, 2) if compare(a, b)}
    assert expected  # the generated district has them (cash side by side, winter quilts)
    done = casework(home, "duplicates", "--json", "--limit", "0")
    assert done.returncode == 0, done.stderr
    listed = orjson.loads(done.stdout)
    assert {frozenset((p["first"]["id"], p["second"]["id"])) for p in listed["pairs"]} == expected
    assert listed["counts"]["pairs"] == len(expected) == listed["shown"]
    assert listed["counts"]["grants"] == sum(len(g) for g in by_household.values())
    first_screen = orjson.loads(casework(home, "duplicates", "--json").stdout)
    assert first_screen["shown"] == min(50, len(expected)) and first_screen["counts"] == listed["counts"]


def test_duplicates_of_the_household_with_most_quilts_with_its_ledger(offline):
    home, rows = offline
    quilts = defaultdict(int)
    for _, _, _, data in _of(rows, "benefit_grant").values():
        if data["item"] == "棉被":
            quilts[data["household_id"]] += data["quantity"] or 1
    household = max(quilts, key=lambda h: quilts[h])
    winter = ("--from", "2025-12-01", "--to", "2026-02-28")
    done = casework(home, "duplicates", "--household", household, *winter, "--json")
    assert done.returncode == 0, done.stderr
    shown = orjson.loads(done.stdout)
    assert shown["ledger"]["items"] == {"棉被": quilts[household]}
    assert all(p["household_id"] == household for p in shown["pairs"])
    as_text = casework(home, "duplicates", "--household", household, *winter)
    assert as_text.returncode == 0 and "发放台账" in as_text.stdout and "Benefit ledger" in as_text.stdout
    assert f"棉被 × {quilts[household]}" in as_text.stdout
    missing = casework(home, "duplicates", "--household", "no-such-household")
    assert missing.returncode == 1 and "No such household" in missing.stderr


def test_permits_json_lists_the_permits_expiring_in_30_days_or_expired(offline):
    home, rows = offline
    today = LATER
    latest: dict[str, dt.date] = {}
    for _, _, _, data in _of(rows, "department_fact", "residence_permit").values():
        expires = dt.date.fromisoformat(data["value"]["expires_on"])
        latest[data["person_id"]] = max(expires, latest.get(data["person_id"], expires))
    expected = {pid: ("expired" if d < today else "expiring") for pid, d in latest.items()
                if (d - today).days <= 30}
    assert "expiring" in expected.values() and "expired" in expected.values()  # the generator plants both
    done = casework(home, "permits", "--today", today.isoformat(), "--json", "--limit", "0")
    assert done.returncode == 0, done.stderr
    listed = orjson.loads(done.stdout)
    assert {p["person_id"]: p["status"] for p in listed["permits"]} == expected
    assert [p["expires_on"] for p in listed["permits"]] == sorted(p["expires_on"] for p in listed["permits"])
    assert all(p["name"] for p in listed["permits"])  # the line shows who it is
    counts = listed["counts"]
    assert counts["expiring"] + counts["expired"] == len(expected) and counts["handled"] == 0
    community = next(iter(counts["by_community"]))
    narrowed = orjson.loads(casework(home, "permits", "--today", today.isoformat(), "--community", community,
                                     "--json", "--limit", "0").stdout)
    assert {p["community"] for p in narrowed["permits"]} == {community}
    assert len(narrowed["permits"]) == sum(counts["by_community"][community].values())
    as_text = casework(home, "permits", "--today", today.isoformat())
    assert "即将到期" in as_text.stdout and "expiring within 30 days" in as_text.stdout


def test_schooling_json_lists_school_age_migrant_children_with_no_enrolment(offline):
    home, rows = offline
    today = REFERENCE_DATE
    migrant = {rid for rid, r in _of(rows, "household").items() if r[3]["household_type"] == "migrant"}
    enrolled = {r[3]["person_id"] for r in _of(rows, "department_fact", "school_enrolment").values()}
    expected = set()
    for pid, (_, _, _, data) in _of(rows, "person").items():
        born = dt.date.fromisoformat(data["birth_date"])
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if data["household_id"] in migrant and 6 <= age <= 15 and pid not in enrolled:
            expected.add(pid)
    assert expected
    done = casework(home, "schooling", "--today", TODAY, "--json", "--limit", "0")
    assert done.returncode == 0, done.stderr
    listed = orjson.loads(done.stdout)
    assert {c["person_id"] for c in listed["children"]} == expected
    assert all(6 <= c["age"] <= 15 and c["name"] for c in listed["children"])
    ages = {c["name"]: c["age"] for c in listed["children"]}
    assert ages["黄六岁"] == 6 and "黄十六" not in ages
    assert listed["counts"]["children"] == len(expected)
    as_text = casework(home, "schooling", "--today", TODAY)
    assert "未入学" in as_text.stdout and "not enrolled" in as_text.stdout


def test_a_street_outside_the_codes_is_refused_with_a_message(offline):
    home, _ = offline
    refused = casework(home, "permits", "--street", "4401")
    assert refused.returncode == 1 and "Not a street code" in refused.stderr
