"""The demo district's service plans: most disabled people have them, with histories that show
what the caseload is for (on time, overdue, medication missed two months running, changes)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from casework.demo.generator import REFERENCE_DATE, generate_district
from casework.domain.schedules import State, occurrences, summarize
from casework.domain.service_data import plan_from, record_from


@pytest.fixture(scope="module")
def street():
    return list(generate_district(1500, seed=7, streets=["440104001"]))


def test_most_disabled_people_have_a_plan(street):
    disabled = {r.data["person_id"] for r in street if r.kind == "disability_certificate"}
    planned = {r.data["person_id"] for r in street if r.kind == "service_plan"}
    assert planned <= disabled
    assert len(planned) >= 0.75 * len(disabled)


def test_histories_are_mostly_on_time_with_some_overdue_and_some_medication_missed_running(street):
    records = defaultdict(list)
    for r in street:
        if r.kind == "service_record":
            records[r.data["plan_id"]].append(record_from(r.data))
    plans = [(r.id, plan_from(r.data)) for r in street if r.kind == "service_plan"]
    summaries = [summarize(plan, records[plan_id], REFERENCE_DATE) for plan_id, plan in plans]
    overdue = sum(s.overdue for s in summaries)
    assert 0 < overdue < 0.3 * sum(len(records[plan_id]) for plan_id, _ in plans)
    assert any(s.missed_medication_alert for s in summaries)
    assert any(len(plan.schedules) > 1 for _, plan in plans)  # plans that changed mid-way


def test_the_same_seed_makes_the_same_plans():
    def plans() -> list:
        records = generate_district(300, seed=3, streets=["440104002"])
        return [r for r in records if r.kind.startswith("service")]

    first, again = plans(), plans()
    assert first == again and first


def test_state_words_cover_the_history(street):
    states = set()
    records = defaultdict(list)
    for r in street:
        if r.kind == "service_record":
            records[r.data["plan_id"]].append(record_from(r.data))
    for r in street:
        if r.kind == "service_plan":
            states |= {o.state for o in occurrences(plan_from(r.data), records[r.id], REFERENCE_DATE)}
    assert {State.DONE, State.OVERDUE, State.SKIPPED} <= states
