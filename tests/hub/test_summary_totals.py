"""The hub's running summary totals (``summary_total``) against a recount from the records,
on SQLite and PostgreSQL: after random inserts, updates, deletes and household moves, after
the migration that creates them for a hub that already held records, and through
``casework hub summary-check``."""

from __future__ import annotations

import random
import uuid

import pytest
from alembic import command
from sqlalchemy import text

from casework.cli import main
from casework.domain.classification import Level
from casework.hub.db import _alembic_config, upgrade
from casework.hub.feed_writer import RecordWrite, delete_record, move_household, write_records
from casework.hub.summary import read_summary, read_totals, recount, recount_totals, to_signed
from tests.hub.district_fixture import (
    A1,
    A2,
    B1,
    C1,
    DISTRICT,
    STREET_A,
    STREET_B,
    STREET_C,
    address,
    apply_history,
    open_hub,
    viewer,
)

AREAS = (A1, A2, B1, C1)
VIEWERS = (
    viewer("supervisor", DISTRICT, Level.CONFIDENTIAL),
    viewer("supervisor", STREET_A, Level.CONFIDENTIAL),
    viewer("social_worker", (STREET_A, STREET_C)),
    viewer("disability_officer", STREET_B),
    viewer("migrant_officer", DISTRICT),
    viewer("migrant_officer", (STREET_C, DISTRICT)),  # a street inside the district prefix
    viewer("admin", DISTRICT),  # holds nothing
)


@pytest.fixture
def hub(hub_db_url):
    engine, district = open_hub(hub_db_url)
    yield engine, district
    engine.dispose()


def assert_totals_match(engine) -> None:
    with engine.connect() as conn:
        assert read_totals(conn).comparable() == recount_totals(conn).comparable()
        for who in VIEWERS:
            assert read_summary(conn, who) == recount(conn, who), who.username


def live(engine) -> list[tuple[str, str, str, str]]:
    """(id, kind, area, household_id) of every live record, in feed order."""
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT id, kind, area, household_id FROM record WHERE NOT deleted ORDER BY seq"))]


def stored_write(engine, record_id: str) -> RecordWrite:
    import orjson

    with engine.connect() as conn:
        kind, area, data = conn.execute(
            text("SELECT kind, area, data FROM record WHERE id = :id"), {"id": record_id}).one()
    return RecordWrite(kind, record_id, area, orjson.loads(data))


def test_the_fixture_district_and_its_history_are_counted(hub):
    engine, d = hub
    assert_totals_match(engine)
    apply_history(engine, d)  # an update, a delete, moves between and within streets
    assert_totals_match(engine)
    with engine.connect() as conn:
        summary = read_summary(conn, VIEWERS[0])
    assert sum(k["count"] for k in summary["kinds"].values()) == len(d.records) - 1  # one deleted


def test_totals_follow_random_inserts_updates_deletes_and_moves(hub):
    engine, _ = hub
    rng = random.Random(20261121)
    for step in range(24):
        records = live(engine)
        action = step % 4
        with engine.begin() as conn:
            if action == 0:  # several new records and updates in one write, some in one group
                picked = rng.sample(records, 4)
                writes = []
                for record_id, _kind, _area, _household in picked:
                    old = stored_write(engine, record_id)
                    writes.append(RecordWrite(old.kind, old.id, old.area, {**old.data, "note": step}))
                    copy_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                    writes.append(RecordWrite(old.kind, copy_id, rng.choice(AREAS), old.data))
                write_records(conn, writes)
            elif action == 1:  # an update that changes the area of one record only
                record_id = rng.choice([r for r in records if r[1] == "enterprise"] or records)[0]
                old = stored_write(engine, record_id)
                write_records(conn, [RecordWrite(old.kind, old.id, rng.choice(AREAS), old.data)])
            elif action == 2:  # a delete
                delete_record(conn, rng.choice(records)[0])
            else:  # a household moves to another community, maybe another street
                households = [r for r in records if r[1] == "household"]
                area = rng.choice(AREAS)
                move_household(conn, rng.choice(households)[0], area, address(area, f"新巷{step}号"))
        assert_totals_match(engine)


def test_a_rolled_back_write_leaves_the_totals_as_they_were(hub):
    engine, d = hub
    with engine.connect() as conn:
        before = read_totals(conn).comparable()
    with engine.connect() as conn, conn.begin() as tx:
        delete_record(conn, d.households["zhang"].member_record_ids[-1])
        tx.rollback()
    with engine.connect() as conn:
        assert read_totals(conn).comparable() == before
    assert_totals_match(engine)


def test_checksums_are_stored_as_signed_64_bit_integers():
    assert to_signed(0) == 0
    assert to_signed(2**63 - 1) == 2**63 - 1
    assert to_signed(2**63) == -(2**63)
    assert to_signed(2**64 - 1) == -1
    assert to_signed(-1) == -1
    assert to_signed(2**64 + 5) == 5


def test_the_migration_fills_the_totals_of_a_hub_that_held_records(hub_db_url):
    engine, d = open_hub(hub_db_url)
    try:
        apply_history(engine, d)
        with engine.connect() as conn:
            expected = {who.username: recount(conn, who) for who in VIEWERS}
            assert sum(r[1] for r in recount_totals(conn).comparable().values()) > 0
        engine.dispose()  # PostgreSQL: no open connection while the schema changes
        cfg = _alembic_config(hub_db_url)
        command.downgrade(cfg, "0001")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM record")).scalar_one() > 0
        engine.dispose()
        upgrade(hub_db_url)
        assert_totals_match(engine)
        with engine.connect() as conn:
            assert {who.username: read_summary(conn, who) for who in VIEWERS} == expected
    finally:
        engine.dispose()


def _summary_check(url: str, *extra: str) -> int:
    """``casework hub summary-check`` in this process (a subprocess costs seconds of imports)."""
    return main(["hub", "summary-check", "--db", url, *extra])


def test_summary_check_finds_and_repairs_wrong_totals(hub_db_url, capsys):
    engine, d = open_hub(hub_db_url)
    try:
        apply_history(engine, d)
        assert _summary_check(hub_db_url) == 0
        assert "summary totals match" in capsys.readouterr().out
        with engine.begin() as conn:  # damage: one group off by a record, one group gone
            conn.execute(text("UPDATE summary_total SET count = count + 1, checksum = checksum - 7 "
                              "WHERE street = :s AND kind = 'person'"), {"s": STREET_A})
            conn.execute(text("DELETE FROM summary_total WHERE street = :s AND kind = 'household'"),
                         {"s": STREET_B})
        with engine.connect() as conn:
            assert read_summary(conn, VIEWERS[0]) != recount(conn, VIEWERS[0])
        engine.dispose()
        assert _summary_check(hub_db_url) == 1
        found = capsys.readouterr().out
        assert f"{STREET_A}\t" in found and f"{STREET_B}\t" in found and STREET_C not in found
        assert _summary_check(hub_db_url, "--repair") == 0
        assert "repaired 2 of" in capsys.readouterr().out
        assert_totals_match(engine)
    finally:
        engine.dispose()
