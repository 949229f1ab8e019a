"""The disability caseload from the cache: the stored rows agree with the schedule rules, follow
pages and local records, and only what may have changed is recomputed."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from casework.cache import caseload as cl
from casework.cache.edits import create_record
from casework.cache.store import CacheStore
from casework.demo.generator import REFERENCE_DATE, generate_district
from casework.domain.caseload import entry_for
from casework.domain.schedules import State, occurrences
from casework.domain.service_data import plan_from, record_from
from tests.cache.factory import Record, changes_of, pages, remove_of

AS_OF = REFERENCE_DATE


@pytest.fixture(scope="module")
def street() -> list[Record]:
    generated = generate_district(1500, seed=7, streets=["440104001"])  # has medication missed running
    return [Record(r.kind, r.id, r.area, r.data) for r in generated]


@pytest.fixture(scope="module")
def synced_file(street, tmp_path_factory) -> tuple[Path, bytes]:
    """The street synced once into a cache file; each test works on its own copy."""
    path = tmp_path_factory.mktemp("caseload") / "cache.db"
    key = os.urandom(32)
    with CacheStore.open(path, key) as store:
        for page, cursor in pages(changes_of(street), 1000):
            store.apply_page(page, cursor, 1)
        store.ensure_indexes()
    return path, key


@pytest.fixture
def loaded(synced_file, tmp_path) -> Iterator[CacheStore]:
    source, key = synced_file
    shutil.copy(source, tmp_path / "cache.db")
    with CacheStore.open(tmp_path / "cache.db", key) as store:
        yield store


def _expected(street: list[Record], officer: str, as_of: dt.date) -> dict[str, tuple]:
    """The caseload computed straight from the records by the domain rules."""
    records = defaultdict(list)
    for r in street:
        if r.kind == "service_record":
            records[r.data["plan_id"]].append(record_from(r.data))
    people = defaultdict(list)
    for r in street:
        if r.kind == "service_plan" and r.data["responsible"] == officer:
            people[r.data["person_id"]].append((plan_from(r.data), records[r.id]))
    found = {}
    for person_id, plans in people.items():
        entry = entry_for(plans, as_of)
        found[person_id] = (entry.next_due and entry.next_due.isoformat(), entry.overdue,
                            entry.last_contact and entry.last_contact.isoformat(), entry.missed_medication)
    return found


def _shown(page) -> dict[str, tuple]:
    return {r.person_id: (r.next_due, r.overdue, r.last_contact, r.missed_medication) for r in page.rows}


def test_an_officers_caseload_is_what_the_schedule_rules_say(loaded, street):
    page = cl.caseload(loaded, "canlian", AS_OF, limit=10_000)
    expected = _expected(street, "canlian", AS_OF)
    assert expected and _shown(page) == expected
    assert page.counts.people == len(expected)
    assert page.counts.overdue_services == sum(v[1] for v in expected.values())
    assert page.counts.missed_medication == sum(v[3] for v in expected.values())
    overdue = [r.overdue for r in page.rows]
    assert overdue == sorted(overdue, reverse=True)  # most overdue first
    assert all(r.name for r in page.rows)  # the person's name, from the search rows


def test_a_later_day_recomputes_only_the_rows_whose_date_has_come(loaded, street):
    cl.caseload(loaded, "canlian", AS_OF)
    later = AS_OF + dt.timedelta(days=45)
    with loaded._write() as conn:
        stale = conn.exec_driver_sql("SELECT count(DISTINCT person_id) FROM caseload WHERE stale_after <= ?",
                                     (later.isoformat(),)).scalar_one()
        total = conn.exec_driver_sql("SELECT count(DISTINCT person_id) FROM caseload").scalar_one()
        assert 0 < cl.refresh(conn, later) == stale < total
    assert _shown(cl.caseload(loaded, "canlian", later, limit=10_000)) == _expected(street, "canlian", later)


def test_a_service_recorded_here_counts_at_once_offline(loaded, street):
    page = cl.caseload(loaded, "canlian", AS_OF, cl.CaseloadFilter(status="overdue"), limit=1)
    (row,) = page.rows
    plan = next(r for r in street if r.kind == "service_plan" and r.data["person_id"] == row.person_id
                and r.data["responsible"] == "canlian")
    before = page.counts.overdue_services
    records = [record_from(r.data) for r in street
               if r.kind == "service_record" and r.data["plan_id"] == plan.id]
    overdue = [o for o in occurrences(plan_from(plan.data), records, AS_OF) if o.state is State.OVERDUE]
    if not overdue:
        pytest.skip("this person's overdue occurrence is under another plan")
    create_record(loaded, "service_record", {
        "plan_id": plan.id, "person_id": row.person_id, "household_id": row.household_id,
        "on": AS_OF.isoformat(), "for_due": overdue[0].due.isoformat(), "outcome": "delivered",
        "offline": True}, user="canlian")
    after = cl.caseload(loaded, "canlian", AS_OF, limit=1)
    assert after.counts.overdue_services == before - 1


def test_a_page_that_brings_or_removes_a_record_marks_its_people(loaded, street):
    cl.caseload(loaded, "canlian", AS_OF)
    plan = next(r for r in street if r.kind == "service_plan" and r.data["responsible"] == "canlian")
    extra = Record("service_record", "0c1d2e3f-0000-4000-8000-00000000abcd", plan.area, {
        "plan_id": plan.id, "person_id": plan.data["person_id"], "household_id": plan.data["household_id"],
        "on": AS_OF.isoformat(), "outcome": "delivered"})
    loaded.apply_page(changes_of([extra], first_seq=10**6), 10**6, 1)
    with loaded._write() as conn:
        assert conn.exec_driver_sql("SELECT person_id FROM caseload_dirty").scalars().all() == [
            plan.data["person_id"]]
        assert cl.refresh(conn, AS_OF) == 1
    loaded.apply_page([remove_of(extra, 10**6 + 1)], 10**6 + 1, 1)
    with loaded._write() as conn:  # a removal names no person: everyone of the household is redone
        marked = set(conn.exec_driver_sql("SELECT person_id FROM caseload_dirty").scalars())
        assert plan.data["person_id"] in marked
        assert marked == set(conn.exec_driver_sql("SELECT person_id FROM caseload WHERE household_id = ?",
                                                  (plan.data["household_id"],)).scalars())
    assert _shown(cl.caseload(loaded, "canlian", AS_OF, limit=10_000)) == _expected(street, "canlian", AS_OF)


def test_filters_narrow_the_list_and_its_counts(loaded):
    everyone = cl.caseload(loaded, None, AS_OF, limit=10_000)
    mental = cl.caseload(loaded, None, AS_OF, cl.CaseloadFilter(category=6), limit=10_000)
    medication = cl.caseload(loaded, None, AS_OF, cl.CaseloadFilter(service="medication"), limit=10_000)
    assert 0 < mental.counts.people < everyone.counts.people
    assert all(r.category == 6 for r in mental.rows)
    assert all("medication" in r.services for r in medication.rows)
    alert = cl.caseload(loaded, None, AS_OF, cl.CaseloadFilter(status="missed_medication"), limit=10_000)
    assert alert.counts.people == everyone.counts.missed_medication > 0


def test_a_rebuild_reads_the_plans_and_records_by_their_own_index(loaded):
    with loaded.read() as conn:
        plan = " ".join(row[-1] for row in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT kind, id, data FROM record "
            "WHERE kind IN ('service_plan', 'service_record')"))
    assert "ix_caseload_source" in plan
