"""``casework hub audit``: who saw or changed a household, when and why — audit events pushed
by clients (households opened, offline ones too), logins and pulls, and every applied change."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import insert

from casework.cli import main
from casework.hub.auth import audit
from casework.hub.schema import AuditEvent
from casework.hub.write_service import apply_ops
from tests.helpers import scratch_database
from tests.hub.api_helpers import BACKENDS
from tests.hub.district_fixture import open_hub
from tests.hub.write_helpers import account, audit_data, case_data, create_op, update_op

WORKER = account(username="li_hui", device_id="pc-1")
OTHER = account(username="wang_fang", device_id="laptop-2")


@pytest.fixture(scope="module", params=BACKENDS)
def hub(request, tmp_path_factory):
    with scratch_database(request.param, tmp_path_factory.mktemp("audit")) as url:
        yield from _district_with_history(url)


def _district_with_history(hub_db_url):
    engine, district = open_hub(hub_db_url)
    li = district.households["li"]
    # opened long ago (times fixed in the past, so the changes made now come after them)
    opened_offline = create_op("audit_event", {**audit_data(li.household_id),
                                               "at": "2020-01-02T09:31:00+08:00", "offline": True},
                               action="append")
    opened_online = create_op("audit_event", {**audit_data(li.household_id, purpose="电话回访"),
                                              "at": "2020-06-01T10:00:00+08:00", "offline": False},
                              action="append")
    case = create_op("case", case_data(li))
    apply_ops(engine, WORKER, "pc-1", [opened_offline, case])
    apply_ops(engine, WORKER, "pc-1", [opened_offline])  # the same event pushed again: kept once
    apply_ops(engine, OTHER, "laptop-2", [opened_online, update_op(case.id, {"status": ("open", "closed")})])
    with engine.begin() as conn:
        audit(conn, "li_hui", "login", device_id="pc-1")
        conn.execute(insert(AuditEvent).values(username="zhao", action="household_opened",
                                               subject=district.households["chen"].household_id))
    yield hub_db_url, li, case.id
    engine.dispose()


def run(capsys, *args):
    assert main(["hub", "audit", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_a_households_trail_has_each_opening_once_and_every_change(hub, capsys):
    url, li, case_id = hub
    entries = run(capsys, "--db", url, "--household", li.household_id, "--json")
    assert [(e["username"], e["action"], e["source"]) for e in entries] == [
        ("li_hui", "household_opened", "audit_event"),  # offline, pushed later: filed at its own time
        ("wang_fang", "household_opened", "audit_event"),
        ("li_hui", "create", "revision"),
        ("wang_fang", "update", "revision"),
    ]
    assert entries[0]["at"] == "2020-01-02T01:31:00+00:00" and entries[0]["purpose"] == "入户走访"
    assert entries[0]["device_id"] == "pc-1"
    assert entries[3]["subject"] == case_id and entries[3]["fields"] == ["status"]


def test_a_users_trail_has_logins_openings_and_changes(hub, capsys):
    url, _, _ = hub
    actions = [e["action"] for e in run(capsys, "--db", url, "--user", "li_hui", "--json")]
    assert sorted(actions) == ["create", "household_opened", "login"]


def test_since_limits_the_trail_in_time(hub, capsys):
    url, li, _ = hub
    entries = run(capsys, "--db", url, "--household", li.household_id, "--since", "2020-03-01", "--json")
    assert [(e["username"], e["action"]) for e in entries] == [
        ("wang_fang", "household_opened"), ("li_hui", "create"), ("wang_fang", "update")]


def test_text_output_names_who_when_and_why(hub, capsys):
    url, li, _ = hub
    assert main(["hub", "audit", "--db", url, "--household", li.household_id]) == 0
    out = capsys.readouterr().out
    assert "li_hui" in out and "入户走访" in out and "household_opened" in out


def test_a_filter_is_required(hub, capsys):
    url, _, _ = hub
    assert main(["hub", "audit", "--db", url]) == 2
    assert "--household" in capsys.readouterr().err
