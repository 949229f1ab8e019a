"""Scope: a viewer gets the records of their areas and lines of business, nothing else."""

from __future__ import annotations

import pytest

from casework.domain.classification import Level
from casework.domain.records import department_of
from casework.domain.roles import Role
from casework.hub.feed import read_summary
from casework.hub.feed_writer import move_household
from casework.hub.scope import Viewer
from tests.hub.district_fixture import (
    A1,
    B1,
    DISTRICT,
    STREET_A,
    STREET_B,
    STREET_C,
    STREETS,
    FixtureDistrict,
    address,
    apply_history,
    holdings,
    open_hub,
    pull,
    summary_of,
    viewer,
)


@pytest.fixture
def hub(hub_db_url):
    engine, district = open_hub(hub_db_url)
    yield engine, district
    engine.dispose()


def department(d: FixtureDistrict, record_id: str) -> str:
    record = d.records[record_id]
    return department_of(record.kind, record.data).value


def ids_of(changes, op=None) -> set[str]:
    return {c["id"] for c in changes if op is None or c["op"] == op}


# Viewer (no database)

def test_a_scope_must_be_street_or_district_codes_within_the_viewers_district():
    with pytest.raises(ValueError, match="9-digit"):
        viewer("social_worker", "4401040010")
    with pytest.raises(ValueError, match="district"):
        Viewer("u", "social_worker", DISTRICT, ("440112001",), Level.INTERNAL)
    with pytest.raises(ValueError, match="at least one"):
        Viewer.for_role("u", "social_worker", (), Level.INTERNAL)
    with pytest.raises(ValueError):
        Viewer.for_role("u", "wizard", (STREET_A,), Level.INTERNAL)


def test_streets_covered_by_the_district_are_one_index_range_not_two():
    who = viewer("supervisor", (STREET_B, DISTRICT, STREET_A, STREET_B))
    assert who.prefixes == (DISTRICT,)
    assert viewer("social_worker", (STREET_C, STREET_A, STREET_C)).prefixes == (STREET_A, STREET_C)


def test_a_viewer_holds_a_record_by_area_and_line_of_business():
    worker = viewer("disability_officer", STREET_A)
    assert worker.may_hold(A1, "disability")
    assert not worker.may_hold(A1, "tax")
    assert not worker.may_hold(B1, "disability")
    assert viewer("admin", DISTRICT).holds_nothing()


# The feed, on SQLite and PostgreSQL

def test_a_street_viewer_gets_exactly_what_a_district_viewer_of_that_role_gets_for_the_street(hub):
    engine, d = hub
    apply_history(engine, d)
    for role in ["social_worker", "disability_officer", "migrant_officer", "supervisor"]:
        for clearance in (Level.INTERNAL, Level.SECRET):
            district_changes, _ = pull(engine, viewer(role, DISTRICT, clearance), 5000)
            for street in STREETS:
                street_changes, _ = pull(engine, viewer(role, street, clearance), 5000)
                expected = [c for c in district_changes if c["area"].startswith(street)]
                assert street_changes == expected, f"{role} {clearance.code} of {street}"
                assert street_changes, f"{role} of {street} sees nothing: the fixture is too thin"


def test_several_streets_are_merged_in_seq_order(hub):
    engine, d = hub
    apply_history(engine, d)
    both, _ = pull(engine, viewer("social_worker", (STREET_C, STREET_A)), 3)
    only_a, _ = pull(engine, viewer("social_worker", STREET_A), 3)
    only_c, _ = pull(engine, viewer("social_worker", STREET_C), 3)
    assert both == sorted(only_a + only_c, key=lambda c: c["seq"])


LINES_OF_BUSINESS = [  # (role, some departments it must get, departments it must never get)
    ("disability_officer", {"disability", "public_security", "civil_affairs", "health"},
     {"tax", "migrant", "market"}),
    ("migrant_officer", {"migrant", "market", "public_security", "hrss"},
     {"tax", "disability", "civil_affairs"}),
    ("social_worker", {"tax", "disability", "migrant", "market", "civil_affairs"}, set()),
]


def test_a_role_gets_its_lines_of_business_and_nothing_of_any_other(hub):
    engine, d = hub
    apply_history(engine, d)
    for role, sees, never in LINES_OF_BUSINESS:
        for scope in (DISTRICT, STREET_A):
            changes, _ = pull(engine, viewer(role, scope), 5000)
            departments = {department(d, c["id"]) for c in changes}
            assert departments <= set(Role(role).departments), role
            assert not departments & never, role
            if scope == DISTRICT:
                assert sees <= departments, role


def test_an_administrator_holds_no_records(hub):
    engine, _ = hub
    admin = viewer("admin", DISTRICT, Level.CONFIDENTIAL)
    changes, cursor = pull(engine, admin, 5000)
    assert (changes, cursor) == ([], 0)
    with engine.connect() as conn:
        assert all(k["count"] == 0 for k in read_summary(conn, admin)["kinds"].values())


def test_a_household_moving_streets_is_a_remove_for_the_old_street_and_an_upsert_for_the_new(hub):
    engine, d = hub
    zhang = d.households["zhang"]
    viewers = {
        "a": viewer("social_worker", STREET_A), "b": viewer("social_worker", STREET_B),
        "district": viewer("supervisor", DISTRICT), "disability_a": viewer("disability_officer", STREET_A),
    }
    before = {name: pull(engine, who, 5000) for name, who in viewers.items()}
    household_records = set(zhang.member_record_ids)
    assert household_records <= ids_of(before["a"][0]) and not household_records & ids_of(before["b"][0])

    with engine.begin() as conn:
        move_household(conn, zhang.household_id, B1, address(B1, "新居路1号"))
    after = {name: pull(engine, who, 5000, before[name][1])[0] for name, who in viewers.items()}

    assert [c["op"] for c in after["a"]] == ["remove"] * len(household_records)
    assert ids_of(after["a"]) == household_records
    assert all(c["area"] == A1 and c["data"] is None for c in after["a"])
    assert d.rental_housing_id not in ids_of(after["a"]), "the rental housing did not move"

    assert ids_of(after["b"], "upsert") == household_records and ids_of(after["b"], "remove") == set()
    assert all(c["area"] == B1 and c["version"] == 2 for c in after["b"])
    moved_household = next(c for c in after["b"] if c["id"] == zhang.household_id)
    assert moved_household["data"]["address"]["community"] == B1

    removes = {c["id"]: c["seq"] for c in after["district"] if c["op"] == "remove"}
    upserts = {c["id"]: c["seq"] for c in after["district"] if c["op"] == "upsert"}
    assert set(removes) == set(upserts) == household_records
    assert all(removes[i] < upserts[i] for i in household_records)
    held = holdings(after["district"], holdings(before["district"][0]))
    assert household_records <= set(held) and all(held[i]["area"] == B1 for i in household_records)

    disability_a = viewers["disability_a"]
    visible_to_disability = {i for i in household_records if disability_a.may_hold(A1, department(d, i))}
    assert ids_of(after["disability_a"]) == visible_to_disability
    assert any(department(d, i) == "tax" for i in household_records - visible_to_disability)

    with engine.connect() as conn:
        for name, who in viewers.items():
            everything, cursor = pull(engine, who, 5000)
            summary = read_summary(conn, who)
            assert summary["kinds"] == summary_of(holdings(everything)), name
            assert summary["cursor"] == str(cursor), name


def test_a_household_moving_back_is_upserted_again_for_its_first_street(hub):
    engine, d = hub
    zhang = d.households["zhang"]
    street_a = viewer("social_worker", STREET_A)
    first, cursor = pull(engine, street_a, 5000)
    with engine.begin() as conn:
        move_household(conn, zhang.household_id, B1, address(B1, "新居路1号"))
    with engine.begin() as conn:
        move_household(conn, zhang.household_id, A1, address(A1, "旧居路1号"))
    later, _ = pull(engine, street_a, 5000, cursor)
    held = holdings(later, holdings(first))
    assert set(zhang.member_record_ids) <= set(held)
    assert all(held[i]["version"] == 3 for i in zhang.member_record_ids)
    street_b, _ = pull(engine, viewer("social_worker", STREET_B), 5000)
    assert not set(zhang.member_record_ids) & set(holdings(street_b))
