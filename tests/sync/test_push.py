"""Push against a real hub on loopback: two clients of one street editing one case offline,
field-level merge, conflicts seen on both sides and resolved, rejections kept with their
reason, audit events exactly once, and pulls that never overwrite local work."""

from __future__ import annotations

import subprocess
import sys

import orjson
import pytest
from sqlalchemy import text

from casework.cache import cases, edits
from casework.hub.users import add_user
from casework.sync.hub_client import HubUnreachable
from casework.sync.pull import pull
from casework.sync.push import push
from casework.sync.round_trip import sync
from tests.sync.hub_fixture import FAST_AUTH, PASSWORD, STREET_USER, sign_in_for_test

SECOND_USER = "street_worker_2"  # another social worker of the same street


@pytest.fixture
def clients(hub, os_keyring):
    """Two signed-in clients of the same street (two users, two caches), both synced."""
    from tests.hub.district_fixture import STREET_A

    add_user(hub.engine, SECOND_USER, PASSWORD, "social_worker", [STREET_A], "internal", settings=FAST_AUTH)
    a = sign_in_for_test(hub.url, STREET_USER, PASSWORD)
    b = sign_in_for_test(hub.url, SECOND_USER, PASSWORD)
    try:
        sync(a)
        sync(b)
        yield a, b
    finally:
        a.close()
        b.close()


def household_id(hub) -> str:
    return hub.district.households["zhang"].household_id


def hub_record(hub, record_id: str) -> tuple[int, dict]:
    with hub.engine.connect() as conn:
        version, data = conn.execute(text("SELECT version, data FROM record WHERE id = :i"),
                                     {"i": record_id}).one()
    return int(version), orjson.loads(data)


def new_case(session, household: str, **values) -> str:
    data = {"household_id": household, "category": "assistance", "status": "open", "priority": "normal",
            "assigned_to": session.username, "summary": "低保复核", "person_ids": [], "tags": []}
    data.update(values)
    return edits.create_record(session.store, "case", data, user=session.username)


def settled(session) -> bool:
    """Nothing of the outbox is waiting: no pending op, no answered op the pull has not caught up with."""
    with session.store.read() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM outbox").scalar() == 0


def test_a_case_created_here_reaches_the_hub_and_the_other_client(hub, clients):
    a, b = clients
    case_id = new_case(a, household_id(hub))
    assert cases.case(a.store, case_id).pending
    result = sync(a)
    assert (result.push.sent, result.push.applied, result.push.remaining) == (1, 1, 0)
    version, data = hub_record(hub, case_id)
    assert version == 1 and data["created_by"] == STREET_USER and data["summary"] == "低保复核"
    assert settled(a)  # the pull brought it back: the outbox let it go
    mine = cases.case(a.store, case_id)
    assert (mine.pending, mine.version, mine.created_by) == (False, 1, STREET_USER)
    sync(b)
    assert cases.case(b.store, case_id) == mine  # the same case on the other screen
    assert [c.id for c in cases.cases_of_household(b.store, household_id(hub))] == [case_id]


def test_offline_edits_of_different_fields_both_land_everywhere(hub, clients):
    a, b = clients
    case_id = new_case(a, household_id(hub))
    sync(a)
    sync(b)
    url = hub.url
    hub.stop()  # both offline
    edits.update_record(a.store, "case", case_id, {"status": "on_hold"}, user=a.username)
    edits.update_record(b.store, "case", case_id, {"priority": "urgent", "summary": "需要尽快家访"},
                        user=b.username)
    with pytest.raises(HubUnreachable):
        sync(a)
    assert edits.pending_count(a.store) == 1  # an unreachable hub loses nothing
    hub.start(port=int(url.rsplit(":", 1)[1]))
    sync(a)
    sync(b)
    sync(a)
    version, data = hub_record(hub, case_id)
    assert version == 3  # created, then one merge per client
    assert (data["status"], data["priority"], data["summary"]) == ("on_hold", "urgent", "需要尽快家访")
    assert not data.get("conflicts")
    for session in (a, b):
        shown = cases.case(session.store, case_id)
        assert (shown.status, shown.priority, shown.summary) == ("on_hold", "urgent", "需要尽快家访")
        assert shown.version == 3
        assert not shown.pending and shown.conflicts == ()
        assert settled(session)


def test_the_same_field_changed_on_both_sides_is_a_conflict_both_see_until_resolved(hub, clients):
    a, b = clients
    case_id = new_case(a, household_id(hub))
    sync(a)
    sync(b)
    edits.update_record(a.store, "case", case_id, {"status": "on_hold"}, user=a.username)
    edits.update_record(b.store, "case", case_id, {"status": "closed", "priority": "high"})  # by the owner
    assert sync(a).push.applied == 1
    pushed = push(b)
    assert (pushed.applied, pushed.conflicts) == (0, 1)
    (answered,) = cases.case(b.store, case_id).conflicts  # shown from the hub's answer, before any pull
    assert (answered.theirs, answered.mine) == ("on_hold", "closed")
    assert (answered.by, answered.mine_by) == (STREET_USER, SECOND_USER)
    sync(b)
    version, data = hub_record(hub, case_id)
    assert data["status"] == "on_hold" and data["priority"] == "high"  # the other field still applied
    (kept,) = data["conflicts"]
    assert (kept["theirs"], kept["mine"]) == ("on_hold", "closed")
    assert (kept["by"], kept["mine_by"]) == (STREET_USER, SECOND_USER)
    sync(a)  # the conflict comes down the feed to the other side too
    for session in (a, b):
        shown = cases.case(session.store, case_id)
        assert shown.status == "on_hold" and shown.version == version
        (conflict,) = shown.conflicts
        assert (conflict.field, conflict.base) == ("status", "open")
        assert (conflict.theirs, conflict.mine) == ("on_hold", "closed")
        assert (conflict.by, conflict.mine_by) == (STREET_USER, SECOND_USER)
    # A chooses B's value; the choice is an ordinary edit, pushed like any other.
    edits.update_record(a.store, "case", case_id, {"status": "closed"}, resolves=["status"],
                        user=a.username)
    assert cases.case(a.store, case_id).conflicts == ()
    sync(a)
    sync(b)
    version, data = hub_record(hub, case_id)
    assert data["status"] == "closed" and not data.get("conflicts")
    for session in (a, b):
        shown = cases.case(session.store, case_id)
        assert (shown.status, shown.priority, shown.conflicts) == ("closed", "high", ())
        assert shown.version == version
        assert settled(session)


def test_a_pull_never_overwrites_a_pending_edit(hub, clients):
    a, b = clients
    case_id = new_case(a, household_id(hub))
    sync(a)
    sync(b)
    edits.update_record(a.store, "case", case_id, {"summary": "A 还没上传的概况"}, user=a.username)
    edits.update_record(b.store, "case", case_id, {"status": "on_hold"}, user=b.username)
    sync(b)
    pull(a)  # a pull alone, no push
    hub_version, hub_data = hub_record(hub, case_id)
    with a.store.read() as conn:
        held_version, held = conn.exec_driver_sql("SELECT version, data FROM record WHERE id = ?",
                                                  (case_id,)).one()
    assert (held_version, orjson.loads(held)) == (hub_version, hub_data)  # exactly what the hub has
    shown = cases.case(a.store, case_id)
    assert (shown.status, shown.summary, shown.pending) == ("on_hold", "A 还没上传的概况", True)
    assert edits.pending_count(a.store) == 1
    sync(a)
    assert hub_record(hub, case_id)[1]["summary"] == "A 还没上传的概况"


def test_a_rejected_op_is_kept_with_the_hubs_reason_and_nothing_is_written(hub, clients):
    a, _ = clients
    elsewhere = hub.district.households["liu"].household_id  # another street: out of scope
    case_id = new_case(a, elsewhere)
    result = sync(a)
    assert (result.push.rejected, result.push.remaining) == (1, 0)
    (refused,) = edits.rejected(a.store)
    assert refused.record_id == case_id and refused.error["code"] and refused.error["message"]
    shown = cases.case(a.store, case_id)
    assert shown is not None and shown.rejected == (refused.error["message"],)
    with hub.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM record WHERE id = :i"), {"i": case_id}).scalar() == 0
    sync(a)  # kept until the user lets it go, never resent
    assert edits.rejected(a.store) == [refused]
    assert edits.discard(a.store, refused.op_id) and cases.case(a.store, case_id) is None


def test_each_opening_of_a_household_is_one_audit_event_at_the_hub(hub, clients):
    a, _ = clients
    households = [h.household_id for key, h in hub.district.households.items() if h.street == "440104001"]
    url = hub.url
    hub.stop()
    for household in households:  # offline
        edits.record_audit(a.store, "household_opened", household_id=household, record_id=household,
                           record_kind="household", offline=True)
    edits.record_audit(a.store, "household_opened", household_id=households[0], record_id=households[0],
                       record_kind="household", offline=True)  # opened twice: two events
    hub.start(port=int(url.rsplit(":", 1)[1]))
    sync(a)
    edits.record_audit(a.store, "household_opened", household_id=households[0], record_id=households[0],
                       record_kind="household", offline=False)
    sync(a)
    sync(a)  # nothing left to send: nothing sent again
    with hub.engine.connect() as conn:
        rows = conn.execute(text("SELECT subject, detail FROM audit_event WHERE action = 'household_opened' "
                                 "AND username = :u"), {"u": STREET_USER}).all()
    opened = [subject for subject, _ in rows]
    assert sorted(opened) == sorted([*households, households[0], households[0]])
    offline = [orjson.loads(detail)["offline"] for _, detail in rows]
    assert offline.count(False) == 1 and offline.count(True) == len(households) + 1
    assert edits.pending_count(a.store, audit=True) == 0
    command = [sys.executable, "-m", "casework.cli", "hub", "audit", "--db", hub.db_url,
               "--household", households[0], "--json"]
    shown = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    trail = [orjson.loads(line) for line in shown.stdout.splitlines()]
    assert [(e["action"], e["username"]) for e in trail if e["source"] == "audit_event"] == \
        [("household_opened", STREET_USER)] * 3
