"""Sequence numbers follow commit order, so a client pulling while others write never skips a
change that commits late (PostgreSQL, where writers really run concurrently)."""

from __future__ import annotations

import random
import threading
import time
import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from casework.domain.classification import Level
from casework.hub.feed import read_summary
from casework.hub.feed_writer import RecordWrite, write_records
from casework.hub.schema import Record
from tests.helpers import create_pg_database, drop_pg_database, postgres_available
from tests.hub.district_fixture import (
    A1,
    B1,
    DISTRICT,
    STREET_A,
    address,
    holdings,
    open_hub,
    pull,
    summary_of,
    viewer,
)

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_hub():
    reason = postgres_available()
    if reason:
        pytest.skip(reason)
    url = create_pg_database()
    engine, district = open_hub(url)
    try:
        yield engine, district
    finally:
        engine.dispose()
        drop_pg_database(url)


def enterprise(area: str, name: str) -> RecordWrite:
    return RecordWrite("enterprise", str(uuid.uuid4()), area, {
        "name": name, "uscc": "91440104MA5CXXXX1A", "address": address(area, "商业街1号"),
        "status": "存续", "industry": "批发和零售业", "registered_on": "2026-11-01",
    })


def test_a_transaction_that_starts_first_but_commits_last_gets_the_larger_seq(pg_hub):
    engine, _ = pg_hub
    first, second = enterprise(A1, "先开始的企业"), enterprise(A1, "后开始的企业")
    with engine.connect() as early:
        early.begin()
        early.execute(select(func.count()).select_from(Record.__table__)).scalar_one()  # started
        with engine.begin() as late:
            (late_seq,) = write_records(late, [second])
        (early_seq,) = write_records(early, [first])
        early.commit()
    assert early_seq > late_seq
    changes, _ = pull(engine, viewer("supervisor", DISTRICT), 5000)
    assert [c["id"] for c in changes[-2:]] == [second.id, first.id]


def test_a_writer_holding_its_seqs_makes_later_writers_wait_until_it_commits(pg_hub):
    engine, _ = pg_hub
    reader = viewer("supervisor", DISTRICT)
    _, cursor = pull(engine, reader, 5000)
    slow, fast = enterprise(A1, "慢企业"), enterprise(B1, "快企业")
    done: dict[str, Any] = {}

    def fast_writer() -> None:
        with engine.begin() as conn:
            (done["seq"],) = write_records(conn, [fast])
        done["at"] = time.monotonic()

    with engine.connect() as conn:
        conn.begin()
        (slow_seq,) = write_records(conn, [slow])
        thread = threading.Thread(target=fast_writer)
        thread.start()
        thread.join(timeout=0.5)
        assert thread.is_alive(), "the later writer must wait for the counter lock"
        seen_meanwhile, _ = pull(engine, reader, 5000, cursor)
        assert seen_meanwhile == [], "nothing is visible before the first writer commits"
        conn.commit()
        committed_at = time.monotonic()
    thread.join(timeout=10)
    assert done["seq"] > slow_seq and done["at"] >= committed_at
    changes, _ = pull(engine, reader, 5000, cursor)
    assert [c["id"] for c in changes] == [slow.id, fast.id]


def test_readers_pulling_during_concurrent_writers_never_miss_a_change(pg_hub):
    engine, d = pg_hub
    shared = d.records[d.rental_housing_id]
    writers, transactions_each = 6, 5
    start_order: list[int] = []
    commit_log: list[tuple[int, list[int]]] = []  # (transaction number, seqs) in commit order
    log_lock = threading.Lock()
    writers_done = threading.Event()
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        rng = random.Random(number)
        try:
            for step in range(transactions_each):
                tx = number * 100 + step
                with engine.connect() as conn:
                    conn.begin()
                    conn.execute(select(func.count()).select_from(Record.__table__)).scalar_one()
                    with log_lock:
                        start_order.append(tx)
                    time.sleep(rng.uniform(0, 0.03))  # started; others may overtake it
                    batch = [enterprise(rng.choice([A1, B1]), f"企业{tx}-{i}") for i in range(2)]
                    update = RecordWrite(shared.kind, shared.id, shared.area, {**shared.data, "rooms": tx})
                    seqs = write_records(conn, [*batch, update])
                    time.sleep(rng.uniform(0, 0.01))  # holding its numbers
                    with log_lock:  # record the true commit order
                        conn.commit()
                        commit_log.append((tx, seqs))
        except BaseException as exc:
            errors.append(exc)

    readers = {"district": (viewer("supervisor", DISTRICT, Level.SECRET), 3),
               "street": (viewer("social_worker", STREET_A), 1)}
    pulled: dict[str, list[dict[str, Any]]] = {name: [] for name in readers}
    pulls_during_writes = dict.fromkeys(readers, 0)

    def reader(name: str) -> None:
        who, limit = readers[name]
        cursor = 0
        try:
            while True:
                finished = writers_done.is_set()
                changes, cursor = pull(engine, who, limit, cursor)
                pulled[name].extend(changes)
                if finished:
                    return
                if changes:
                    pulls_during_writes[name] += 1
                time.sleep(0.002)
        except BaseException as exc:
            errors.append(exc)

    reader_threads = [threading.Thread(target=reader, args=(name,)) for name in readers]
    writer_threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in reader_threads + writer_threads:
        thread.start()
    for thread in writer_threads:
        thread.join(timeout=120)
    writers_done.set()
    for thread in reader_threads:
        thread.join(timeout=120)
    assert not errors, errors

    committed = [tx for tx, _ in commit_log]
    assert len(committed) == writers * transactions_each
    assert committed != start_order, "some transaction must have started earlier and committed later"
    seqs_in_commit_order = [seq for _, seqs in commit_log for seq in sorted(seqs)]
    assert seqs_in_commit_order == sorted(seqs_in_commit_order), "a later commit got a smaller seq"

    for name, (who, _) in readers.items():
        seqs = [c["seq"] for c in pulled[name]]
        assert seqs == sorted(set(seqs)), f"{name}: out of order or repeated"
        assert pulls_during_writes[name] > 1, f"{name} must have pulled while writers ran"
        full, _ = pull(engine, who, 5000)
        assert holdings(pulled[name]) == holdings(full), f"{name} missed a change"
    shared_now = holdings(pulled["district"])[shared.id]
    assert shared_now["version"] == 1 + writers * transactions_each, "no update was lost"
    assert shared_now["data"]["rooms"] == commit_log[-1][0]


def test_a_summary_read_while_writers_commit_is_of_exactly_the_records_at_its_cursor(pg_hub):
    engine, _ = pg_hub
    who = viewer("social_worker", STREET_A)
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            step = 0
            while not stop.is_set():
                with engine.begin() as conn:
                    write_records(conn, [enterprise(A1, f"企业{step}")])
                step += 1
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    compared = 0
    try:
        held: dict[str, Any] = {}
        cursor = 0
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline or compared < 3:
            changes, cursor = pull(engine, who, 5000, cursor)
            held = holdings(changes, held)
            with engine.connect() as conn:
                summary = read_summary(conn, who)
            if summary["cursor"] == str(cursor):  # nothing committed between the pull and the summary
                assert summary["kinds"] == summary_of(held)
                compared += 1
            assert time.monotonic() < deadline + 30, "never caught the summary at the pull's cursor"
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not errors, errors
