"""``casework caseload`` as a disability officer runs it: a real hub serving a generated district,
``casework sync`` into a real encrypted cache, the hub switched off, the caseload printed
offline. The expected figures are worked out from the hub's own rows with the schedule rules."""

from __future__ import annotations

from collections import defaultdict

import orjson
import pytest
from sqlalchemy import text

from casework.demo.generator import REFERENCE_DATE
from casework.domain.caseload import entry_for
from casework.domain.service_data import plan_from, record_from
from casework.hub.users import add_user
from tests.end2end.test_cli_sync import casework
from tests.sync.hub_fixture import FAST_AUTH, PASSWORD, hub_visible, make_generated_hub

OFFICER = "canlian"  # the generator makes most plans this officer's
TODAY = REFERENCE_DATE.isoformat()


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    fixture = make_generated_hub(tmp_path_factory.mktemp("caseload-hub"), households=400)
    home = tmp_path_factory.mktemp("caseload-client")
    try:
        add_user(fixture.engine, OFFICER, PASSWORD, "disability_officer", ["440104"], "secret",
                 settings=FAST_AUTH)
        synced = casework(home, "sync", "--hub", fixture.url, "--user", OFFICER)
        assert synced.returncode == 0, synced.stderr
        visible = hub_visible(fixture, OFFICER)
        with fixture.engine.connect() as conn:
            rows = [(kind, rid, orjson.loads(data)) for kind, rid, data in conn.execute(text(
                "SELECT kind, id, data FROM record WHERE kind IN ('service_plan', 'service_record')"))
                if rid in visible]
    finally:
        fixture.stop()
        fixture.engine.dispose()
    return home, rows


def _expected(rows) -> dict[str, tuple]:
    records = defaultdict(list)
    for kind, _, data in rows:
        if kind == "service_record":
            records[data["plan_id"]].append(record_from(data))
    plans = defaultdict(list)
    for kind, rid, data in rows:
        if kind == "service_plan" and data["responsible"] == OFFICER:
            plans[data["person_id"]].append((plan_from(data), records[rid]))
    found = {}
    for person_id, person_plans in plans.items():
        entry = entry_for(person_plans, REFERENCE_DATE)
        found[person_id] = (entry.next_due and entry.next_due.isoformat(), entry.overdue,
                            entry.last_contact and entry.last_contact.isoformat())
    return found


def test_caseload_json_lists_the_signed_in_officers_people_with_the_figures_the_rules_give(offline):
    home, rows = offline
    done = casework(home, "caseload", "--json", "--limit", "0", "--today", TODAY)
    assert done.returncode == 0, done.stderr
    listed = orjson.loads(done.stdout)
    expected = _expected(rows)
    assert expected
    assert listed["officer"] == OFFICER and listed["counts"]["people"] == len(expected)
    shown = {p["person_id"]: (p["next_due"], p["overdue"], p["last_contact"]) for p in listed["people"]}
    assert shown == expected
    assert listed["counts"]["overdue_services"] == sum(v[1] for v in expected.values())
    overdue = [p["overdue"] for p in listed["people"]]
    assert overdue == sorted(overdue, reverse=True)


def test_caseload_text_says_the_counts_in_both_languages_and_a_line_per_person(offline):
    home, _ = offline
    done = casework(home, "caseload", "--status", "overdue", "--limit", "5", "--today", TODAY)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "逾期" in lines[1] and "overdue" in lines[1]
    assert 0 < len(lines[2:]) <= 5 and all("逾期" in line for line in lines[2:])
