"""``casework sync`` pushes what was saved offline before it pulls, and says what happened to it:
pushed, in conflict, rejected — real processes against a real hub on loopback."""

from __future__ import annotations

import orjson
from sqlalchemy import text

from casework import paths
from casework.cache import cases, edits
from tests.end2end.test_cli_sync import casework
from tests.sync.hub_fixture import PASSWORD, STREET_USER, make_hub, sign_in_for_test


def _offline(home, url):
    paths.set_home(home)
    return sign_in_for_test(url, STREET_USER, PASSWORD, contact_hub=False)


def test_casework_sync_pushes_offline_work_first_and_reports_it(tmp_path):
    hub = make_hub(tmp_path / "hub")
    try:
        home = tmp_path / "client"
        assert casework(home, "sync", "--hub", hub.url, "--user", STREET_USER).returncode == 0
        mine = hub.district.households["zhang"].household_id
        elsewhere = hub.district.households["liu"].household_id  # another street
        try:
            with _offline(home, hub.url) as session:
                base = {"category": "assistance", "status": "open", "priority": "high",
                        "assigned_to": STREET_USER, "summary": "离线新建", "person_ids": [], "tags": []}
                case_id = edits.create_record(session.store, "case", {**base, "household_id": mine},
                                              user=STREET_USER)
                edits.create_record(session.store, "case_note", {"case_id": case_id, "channel": "visit",
                                                                 "text": "离线写的记录", "offline": True},
                                    user=STREET_USER)
                refused_id = edits.create_record(session.store, "case", {**base, "household_id": elsewhere},
                                                 user=STREET_USER)
                edits.record_audit(session.store, "household_opened", household_id=mine, record_id=mine,
                                   record_kind="household", offline=True)
        finally:
            paths.set_home(None)
        synced = casework(home, "sync", "--hub", hub.url, "--user", STREET_USER)
        assert synced.returncode == 0, synced.stderr
        assert "pushed 4 ops: 3 applied, 0 conflicts, 1 rejected; 0 pending" in synced.stdout
        with hub.engine.connect() as conn:
            query = text("SELECT id, data FROM record WHERE kind IN ('case', 'case_note')")
            rows = dict(conn.execute(query).all())
        assert orjson.loads(rows[case_id])["summary"] == "离线新建" and refused_id not in rows
        assert len(rows) == 2
        try:
            with _offline(home, hub.url) as session:  # what came back down, and what was refused
                (shown,) = cases.cases_of_household(session.store, mine)
                assert (shown.id, shown.pending, shown.version) == (case_id, False, 1)
                assert [n.text for n in cases.notes_of_case(session.store, case_id)] == ["离线写的记录"]
                (refused,) = edits.rejected(session.store)
                assert refused.record_id == refused_id
        finally:
            paths.set_home(None)
        again = casework(home, "sync", "--hub", hub.url, "--user", STREET_USER)
        assert "pushed 0 ops" in again.stdout  # the rejected op is kept, not sent again
    finally:
        hub.stop()
        hub.engine.dispose()
