"""Two people saving the same case at the same moment, on PostgreSQL (several hub processes
share one database there): each field's change applies exactly once and the other side gets a
conflict that keeps its value; nothing is lost, versions and seqs stay consistent."""

from __future__ import annotations

import threading

import orjson
import pytest
from sqlalchemy import func, select

from casework.hub.schema import Record, RecordRevision
from casework.hub.write_service import apply_ops
from tests.helpers import scratch_database
from tests.hub.district_fixture import open_hub
from tests.hub.write_helpers import account, case_data, create_op, update_op

ROUNDS = 6
WANTED = {"li_hui": "closed", "wang_fang": "on_hold"}


@pytest.mark.postgres
def test_two_threads_saving_one_field_at_once_one_applies_the_other_conflicts(tmp_path):
    with scratch_database("postgresql", tmp_path) as url:
        engine, district = open_hub(url)
        try:
            people = [account(username="li_hui", device_id="pc-1"),
                      account(username="wang_fang", device_id="pc-2")]
            for round_ in range(ROUNDS):
                create = create_op("case", case_data(district.households["li"]))
                apply_ops(engine, people[0], "pc-1", [create])
                barrier = threading.Barrier(2)
                answers: dict[str, object] = {}

                def save(who, create=create, barrier=barrier, answers=answers):
                    # each also changes a field of its own, which must apply whatever happens
                    own = ("priority", ("normal", "high")) if who.username == "li_hui" else \
                        ("next_contact", ("2026-12-20", "2027-01-05"))
                    changes = {"status": ("open", WANTED[who.username]), own[0]: own[1]}
                    op = update_op(create.id, changes, 1)
                    barrier.wait()
                    (answers[who.username],) = apply_ops(engine, who, who.device_id, [op])

                threads = [threading.Thread(target=save, args=(p,)) for p in people]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join(timeout=60)
                statuses = sorted(a.status for a in answers.values())
                assert statuses == ["applied", "conflict"], (round_, answers)
                winner = next(n for n, a in answers.items() if a.status == "applied")
                loser = next(n for n, a in answers.items() if a.status == "conflict")
                with engine.connect() as conn:
                    version, data = conn.execute(select(Record.version, Record.data)
                                                 .where(Record.id == create.id)).one()
                    revisions = conn.execute(select(func.count()).select_from(RecordRevision)
                                             .where(RecordRevision.record_id == create.id)).scalar_one()
                data = orjson.loads(data)
                assert data["status"] == WANTED[winner]  # applied once
                (conflict,) = data["conflicts"]  # the other value kept, with both authors
                assert (conflict["mine"], conflict["mine_by"], conflict["by"]) == (
                    WANTED[loser], loser, winner)
                assert data["priority"] == "high" and data["next_contact"] == "2027-01-05"  # nothing lost
                assert version == 3 and revisions == 3
                assert {a.version for a in answers.values()} == {2, 3}
        finally:
            engine.dispose()
