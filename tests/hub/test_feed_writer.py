"""Writing records: versions, sequence numbers, tombstones and exits from a street."""

from __future__ import annotations

import uuid

import orjson
import pytest
from sqlalchemy import select

from casework.hub.feed_writer import (
    RecordNotFound,
    RecordWrite,
    delete_record,
    move_household,
    write_records,
)
from casework.hub.schema import FeedCounter, Record, RecordExit
from tests.hub.district_fixture import A1, A2, B1, STREET_A, address, open_hub

R, X = Record.__table__, RecordExit.__table__


@pytest.fixture
def hub(hub_db_url):
    engine, district = open_hub(hub_db_url)
    yield engine, district
    engine.dispose()


def stored(conn, record_id):
    return conn.execute(select(R).where(R.c.id == record_id)).one()


def counter(conn) -> int:
    return conn.execute(select(FeedCounter.value).where(FeedCounter.name == "feed")).scalar_one()


def test_records_written_together_get_consecutive_seqs_in_the_order_given(hub):
    engine, d = hub
    with engine.connect() as conn:
        seqs = [row.seq for row in conn.execute(select(R.c.seq).order_by(R.c.seq))]
        assert seqs == list(range(1, len(d.records) + 1))
        assert counter(conn) == len(d.records)
        household = stored(conn, d.households["zhang"].household_id)
        assert household.version == 1 and not household.deleted
        assert (household.district, household.street, household.area) == ("440104", STREET_A, A1)


def test_an_update_bumps_the_version_and_takes_the_next_seq(hub):
    engine, d = hub
    person = d.records[d.households["zhang"].person_ids[0]]
    with engine.begin() as conn:
        before = counter(conn)
        (seq,) = write_records(conn, [RecordWrite(person.kind, person.id, person.area,
                                                  {**person.data, "phone": "13700000000"})])
    with engine.connect() as conn:
        row = stored(conn, person.id)
        assert (row.version, row.seq, seq) == (2, before + 1, before + 1)
        assert orjson.loads(row.data)["phone"] == "13700000000"
        assert counter(conn) == before + 1


def test_writing_what_is_already_stored_changes_nothing(hub):
    engine, d = hub
    person = d.records[d.households["zhang"].person_ids[0]]
    with engine.begin() as conn:
        before = counter(conn)
        old = stored(conn, person.id)
        (seq,) = write_records(conn, [person])
    with engine.connect() as conn:
        assert seq == old.seq
        assert stored(conn, person.id).version == 1
        assert counter(conn) == before


def test_deleting_leaves_a_tombstone_with_a_new_version_at_a_new_seq(hub):
    engine, d = hub
    fact_id = d.households["zhang"].member_record_ids[-1]
    with engine.begin() as conn:
        before = counter(conn)
        seq = delete_record(conn, fact_id)
    with engine.connect() as conn:
        row = stored(conn, fact_id)
        assert row.deleted and row.version == 2 and row.seq == seq == before + 1
        assert conn.execute(select(X)).all() == [], "a delete in place leaves no exit"
    with engine.begin() as conn, pytest.raises(RecordNotFound):
        delete_record(conn, fact_id)
    with engine.begin() as conn, pytest.raises(RecordNotFound):
        delete_record(conn, str(uuid.uuid4()))


def test_a_deleted_record_written_again_comes_back_with_the_next_version(hub):
    engine, d = hub
    rental = d.records[d.rental_housing_id]
    with engine.begin() as conn:
        delete_record(conn, rental.id)
    with engine.begin() as conn:
        write_records(conn, [rental])
    with engine.connect() as conn:
        row = stored(conn, rental.id)
        assert not row.deleted and row.version == 3


def test_moving_a_household_to_another_street_moves_its_records_and_leaves_exits_below_them(hub):
    engine, d = hub
    zhang = d.households["zhang"]
    new_address = address(B1, "新居路1号")
    with engine.begin() as conn:
        before = counter(conn)
        seqs = move_household(conn, zhang.household_id, B1, new_address)
    with engine.connect() as conn:
        moved = {row.id: row for row in conn.execute(select(R).where(R.c.household_id == zhang.household_id))}
        exits = conn.execute(select(X).order_by(X.c.seq)).all()
        rental = stored(conn, d.rental_housing_id)
        assert counter(conn) == before + 2 * len(zhang.member_record_ids)
    assert set(moved) == set(zhang.member_record_ids)
    assert all(r.area == B1 and r.street == B1[:9] and r.version == 2 for r in moved.values())
    assert orjson.loads(moved[zhang.household_id].data)["address"] == new_address
    assert sorted(seqs) == sorted(r.seq for r in moved.values())
    assert {e.record_id for e in exits} == set(zhang.member_record_ids)
    assert all(e.area == A1 and e.street == STREET_A and e.version == 1 for e in exits)
    assert max(e.seq for e in exits) < min(seqs), "users of the old street hear of the exit first"
    assert rental.area == A1, "rental housing stands alone and stays where it is"


def test_a_move_within_the_street_leaves_no_exit(hub):
    engine, d = hub
    zhang = d.households["zhang"]
    with engine.begin() as conn:
        move_household(conn, zhang.household_id, A2, address(A2, "新居路2号"))
    with engine.connect() as conn:
        assert conn.execute(select(X)).all() == []
        assert stored(conn, zhang.household_id).area == A2


def test_the_counter_equals_the_highest_seq_and_no_seq_is_used_twice(hub):
    engine, d = hub
    with engine.begin() as conn:
        move_household(conn, d.households["li"].household_id, B1, address(B1, "x"))
        delete_record(conn, d.enterprise_id)
    with engine.connect() as conn:
        top_record = conn.execute(select(R.c.seq).order_by(R.c.seq.desc()).limit(1)).scalar_one()
        top_exit = conn.execute(select(X.c.seq).order_by(X.c.seq.desc()).limit(1)).scalar_one()
        assert counter(conn) == max(top_record, top_exit)
        all_seqs = [*conn.execute(select(R.c.seq)).scalars(), *conn.execute(select(X.c.seq)).scalars()]
        assert len(set(all_seqs)) == len(all_seqs), "no seq is used twice"


@pytest.mark.parametrize(
    ("write", "message"),
    [
        (RecordWrite("spaceship", str(uuid.uuid4()), A1, {}), "unknown record kind"),
        (RecordWrite("enterprise", "not-a-uuid", A1, {}), "UUID"),
        (RecordWrite("enterprise", str(uuid.uuid4()), "4401", {}), "12-digit"),
    ],
)
def test_malformed_writes_are_refused_before_anything_is_written(hub, write, message):
    engine, _ = hub
    with engine.begin() as conn:
        before = counter(conn)
        with pytest.raises(ValueError, match=message):
            write_records(conn, [write])
        assert counter(conn) == before


def test_a_record_cannot_change_kind_or_appear_twice_in_one_write(hub):
    engine, d = hub
    rental = d.records[d.rental_housing_id]
    with engine.begin() as conn:
        with pytest.raises(ValueError, match="cannot rewrite"):
            enterprise = d.records[d.enterprise_id]
            write_records(conn, [RecordWrite("enterprise", rental.id, rental.area, enterprise.data)])
        with pytest.raises(ValueError, match="twice"):
            write_records(conn, [rental, rental])
        with pytest.raises(RecordNotFound):
            write_records(conn, [RecordWrite("enterprise", str(uuid.uuid4()), A1, {}, deleted=True)])


def test_a_household_cannot_move_to_an_address_outside_its_new_area(hub):
    engine, d = hub
    with engine.begin() as conn:
        with pytest.raises(ValueError, match="new address"):
            move_household(conn, d.households["zhang"].household_id, B1, address(A2, "x"))
        with pytest.raises(RecordNotFound):
            move_household(conn, str(uuid.uuid4()), B1, address(B1, "x"))
