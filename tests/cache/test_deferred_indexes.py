"""Indexes an initial sync does without (``schema.DEFERRABLE_INDEXES``): gone while it runs, the
page writer still finds records by index, and every index exists once it is over — also after an
interruption, a restart, or a kill in the middle of the build."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from casework.cache.connection import connect
from casework.cache.household_view import household_view
from casework.cache.page_writer import HELD_SQL
from casework.cache.schema import DEFERRABLE_INDEXES, metadata
from casework.cache.store import CacheStore
from tests.cache.conftest import sync_all
from tests.cache.factory import changes_of, pages

EVERY_INDEX = {i.name for table in metadata.sorted_tables for i in table.indexes}
DEFERRED = {i.name for i in DEFERRABLE_INDEXES}


def _indexes(path, key) -> set[str]:
    conn = connect(path, key)
    try:
        return {name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'")}
    finally:
        conn.close()


def test_the_record_indexes_are_deferred_with_the_search_indexes():
    assert {"ix_record_household", "ix_record_link"} <= DEFERRED <= EVERY_INDEX


def test_an_initial_sync_drops_the_deferrable_indexes_and_the_end_builds_every_one(store, cache_path, key,
                                                                                   scenario):
    sync_all(store, scenario)
    assert not store.index_ready
    assert _indexes(cache_path, key) == EVERY_INDEX - DEFERRED
    wal = cache_path.with_name(cache_path.name + "-wal")
    assert wal.stat().st_size > 0
    assert store.ensure_indexes()
    assert wal.stat().st_size == 0  # the initial sync's long WAL is copied back and emptied
    assert _indexes(cache_path, key) == EVERY_INDEX
    view = household_view(store, scenario.zhang.data["household_id"])
    assert view is not None and scenario.zhang.id in {m.id for m in view.members}


def test_while_deferred_the_page_writer_finds_held_records_by_the_id_index(store, cache_path, key, scenario):
    changes = changes_of(scenario.district.records)
    store.apply_page(changes[:50], 50, 1)
    assert not store.index_ready
    store.apply_page(changes[:60], 60, 1)  # 50 held already, 10 new
    assert store.holdings() == store.recount_holdings()
    conn = connect(cache_path, key)
    try:
        plan = " | ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {HELD_SQL}", ('["x"]',)))
    finally:
        conn.close()
    assert "INDEX sqlite_autoindex_record_1 (id=?)" in plan, plan
    assert "SEARCH s USING INTEGER PRIMARY KEY (rowid=?)" in plan, plan
    assert "SCAN r" not in plan and "SCAN s" not in plan, plan


def test_an_initial_sync_interrupted_then_resumed_after_a_restart_ends_with_every_index(cache_path, key,
                                                                                       scenario):
    all_pages = list(pages(changes_of(scenario.district.records), 83))
    half = len(all_pages) // 2
    with CacheStore.open(cache_path, key) as store:
        for page, cursor in all_pages[:half]:
            store.apply_page(page, cursor, 1)
    with CacheStore.open(cache_path, key) as store:
        assert not store.index_ready  # the deferral was committed with the pages
        assert store.cursor == all_pages[half - 1][1]
        for page, cursor in all_pages[half:]:
            store.apply_page(page, cursor, 1)
        store.ensure_indexes()
        assert store.holdings() == store.recount_holdings()
    assert _indexes(cache_path, key) == EVERY_INDEX
    with CacheStore.open(cache_path, key) as store:
        assert store.index_ready


_KILL_DURING_BUILD = textwrap.dedent("""
    import os, sys
    from casework.cache.store import CacheStore

    store = CacheStore.open(sys.argv[1], bytes.fromhex(os.environ["CACHE_KEY"]))
    def die(step):
        if step == "name bigrams":  # the record and searchable indexes are built by now
            os._exit(9)
    store.ensure_indexes(die)
    print("not reached")
""")


def test_a_process_killed_while_building_leaves_the_indexes_deferred_and_the_next_build_makes_all(
        cache_path, key, scenario):
    with CacheStore.open(cache_path, key) as store:
        sync_all(store, scenario)
    killed = subprocess.run([sys.executable, "-c", _KILL_DURING_BUILD, str(cache_path)],
                            env={**os.environ, "CACHE_KEY": key.hex()}, capture_output=True, text=True,
                            timeout=60)
    assert killed.returncode == 9, killed.stderr
    assert _indexes(cache_path, key) == EVERY_INDEX - DEFERRED
    with CacheStore.open(cache_path, key) as store:
        assert not store.index_ready
        assert store.ensure_indexes()
        assert store.holdings() == store.recount_holdings()
    assert _indexes(cache_path, key) == EVERY_INDEX
