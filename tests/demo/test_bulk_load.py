"""Loading a generated district into a hub database, on SQLite and PostgreSQL: feed numbers
1..N in generation order, the feed counter, rows filed as the hub's envelope files them, and
the ``casework generate`` command."""

from __future__ import annotations

import subprocess
import sys

import orjson
from sqlalchemy import inspect, text

from casework.demo.bulk_load import load_district
from casework.demo.generator import build_demo_hub, generate_district
from casework.domain.classification import Level
from casework.hub.db import make_engine
from casework.hub.envelope import envelope
from casework.hub.feed import read_changes_page
from casework.hub.schema import Record
from casework.hub.scope import Viewer


def _rows(url: str) -> list:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(
                "SELECT seq, id, kind, version, district, street, area, department, classification, "
                "household_id, deleted, data FROM record ORDER BY seq")).all()
    finally:
        engine.dispose()


def _counter(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT value FROM feed_counter WHERE name = 'feed'")).scalar_one()
    finally:
        engine.dispose()


def test_a_load_numbers_records_1_to_n_in_generation_order_and_sets_the_feed_counter(hub_db_url):
    records = list(generate_district(200, seed=9, streets=["440104001", "440104003"]))
    done: list[int] = []
    stats = load_district(hub_db_url, records, progress=done.append)
    rows = _rows(hub_db_url)
    assert [r.seq for r in rows] == list(range(1, len(records) + 1))
    assert [r.id for r in rows] == [rec.id for rec in records]
    assert (stats.records, stats.first_seq, stats.last_seq) == (len(records), 1, len(records))
    assert _counter(hub_db_url) == len(records)
    assert all(r.version == 1 and not r.deleted for r in rows)
    assert sum(stats.by_kind.values()) == len(records) and stats.by_kind["household"] == 200
    assert done and done[-1] == len(records)


def test_stored_rows_are_filed_as_the_hub_envelope_files_them(hub_db_url):
    records = list(generate_district(60, seed=4, streets=["440104002"]))
    load_district(hub_db_url, records)
    for rec, row in zip(records, _rows(hub_db_url), strict=True):
        env = envelope(rec.kind, rec.id, rec.area, rec.data)
        stored = {k: getattr(row, k) for k in env}
        assert orjson.loads(stored.pop("data")) == rec.data
        env.pop("data")
        assert stored == env


def test_a_second_load_continues_the_feed_and_keeps_every_index(hub_db_url):
    first = load_district(hub_db_url, generate_district(40, seed=1, streets=["440104001"]))
    second = load_district(hub_db_url, generate_district(40, seed=2, streets=["440104002"]))
    assert second.first_seq == first.last_seq + 1
    assert _counter(hub_db_url) == second.last_seq == first.records + second.records
    assert [r.seq for r in _rows(hub_db_url)] == list(range(1, second.last_seq + 1))
    engine = make_engine(hub_db_url)
    try:
        names = {ix["name"] for ix in inspect(engine).get_indexes("record")}
    finally:
        engine.dispose()
    assert {ix.name for ix in Record.__table__.indexes} <= names


def test_streets_generated_in_parallel_processes_load_the_same_rows_as_one_process(hub_db_url, tmp_path):
    plan = generate_district(90, seed=8, streets=["440104004", "440104001", "440104007"])
    one = f"sqlite:///{tmp_path / 'one.db'}"
    load_district(one, plan, workers=1)
    stats = load_district(hub_db_url, plan, workers=2)
    assert stats.records == len(_rows(one))
    columns = ("seq", "id", "kind", "area", "department", "classification", "household_id", "data")
    assert [tuple(getattr(r, c) for c in columns) for r in _rows(hub_db_url)] == [
        tuple(getattr(r, c) for c in columns) for r in _rows(one)]


def test_the_feed_serves_every_loaded_record_to_a_district_supervisor(hub_db_url):
    stats = build_demo_hub(hub_db_url, households=80, seed=5)
    viewer = Viewer.for_role("boss", "supervisor", ["440104"], Level.CONFIDENTIAL)
    engine = make_engine(hub_db_url)
    served: list[dict] = []
    try:
        with engine.connect() as conn:
            after = 0
            while True:
                page = orjson.loads(read_changes_page(conn, viewer, after, 500))
                served += page["changes"]
                after = int(page["cursor"])
                if not page["has_more"]:
                    break
    finally:
        engine.dispose()
    assert len(served) == stats.records
    assert {c["area"][:9] for c in served} == {"440104001", "440104002"}  # the demo's two streets
    assert all(c["op"] == "upsert" for c in served)


def _casework(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casework.cli", *args], capture_output=True,
                          text=True, timeout=120)


def test_the_generate_command_builds_a_district_into_the_database(hub_db_url):
    done = _casework("generate", "--db", hub_db_url, "--households", "50", "--seed", "3",
                     "--streets", "440104005")
    assert done.returncode == 0, done.stderr
    assert "50 户 households" in done.stdout
    rows = _rows(hub_db_url)
    assert {r.street for r in rows} == {"440104005"}
    assert _counter(hub_db_url) == len(rows)


def test_the_generate_command_refuses_a_street_outside_the_district(tmp_path):
    done = _casework("generate", "--db", str(tmp_path / "hub.db"), "--households", "5",
                     "--streets", "440112001")
    assert done.returncode == 2
    assert "440112001" in done.stderr and "streets not in district" in done.stderr


def test_the_generate_command_reports_a_database_it_cannot_open_without_a_traceback(tmp_path):
    done = _casework("generate", "--db", f"sqlite:///{tmp_path / 'missing' / 'hub.db'}",
                     "--households", "5", "--quiet")
    assert done.returncode == 1
    assert "cannot write to the hub database" in done.stderr and "Traceback" not in done.stderr


def test_loads_keep_the_summary_totals_equal_to_a_recount(hub_db_url, monkeypatch):
    """Into an empty hub and then into one that holds records, in several SQLite batches
    and with streets from worker processes: the running totals read by ``/sync/summary``
    equal a recount from the records, for street and district viewers."""
    from casework.demo import bulk_load
    from casework.hub.summary import read_summary, read_totals, recount, recount_totals

    monkeypatch.setattr(bulk_load, "SQLITE_BATCH", 700)  # several batch transactions
    load_district(hub_db_url, generate_district(60, seed=1, streets=["440104001", "440104003"]))
    load_district(hub_db_url, generate_district(60, seed=2, streets=["440104001", "440104002"]),
                  workers=2)
    viewers = [Viewer.for_role("boss", "supervisor", ["440104"], Level.CONFIDENTIAL),
               Viewer.for_role("street", "social_worker", ["440104001"], Level.INTERNAL),
               Viewer.for_role("two", "disability_officer", ["440104002", "440104003"], Level.SECRET)]
    engine = make_engine(hub_db_url)
    try:
        with engine.connect() as conn:
            kept = read_totals(conn).comparable()
            assert kept == recount_totals(conn).comparable()
            assert sum(count for count, _ in kept.values()) == len(_rows(hub_db_url))
            for viewer in viewers:
                assert read_summary(conn, viewer) == recount(conn, viewer), viewer.username
    finally:
        engine.dispose()
