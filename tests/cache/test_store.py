"""The store: opening, pages in one transaction each, removals, holdings, reset, crashes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from casework.cache.errors import WrongKey
from casework.cache.store import CacheStore
from casework.domain.checksum import checksum_of
from tests.cache.conftest import sync_all
from tests.cache.factory import changes_of, pages, remove_of


def _expected_holdings(records) -> dict[str, tuple[int, str]]:
    by_kind: dict[str, list] = {}
    for r in records:
        by_kind.setdefault(r.kind, []).append((r.id, r.version))
    return {kind: (len(pairs), checksum_of(pairs)) for kind, pairs in by_kind.items()}


def _held(store: CacheStore) -> dict[str, tuple[int, str]]:
    return {k: v for k, v in store.holdings().items() if v[0]}


def test_a_new_cache_starts_at_cursor_0_with_nothing_held(store):
    assert store.cursor == 0 and store.scope_epoch == 0
    assert _held(store) == {}
    assert store.pending_changes() == 0


def test_a_wrong_key_opens_nothing_and_says_so(cache_path, key):
    CacheStore.open(cache_path, key).close()
    with pytest.raises(WrongKey) as info:
        CacheStore.open(cache_path, os.urandom(32))
    assert "密钥错误" in info.value.message and "wrong key" in info.value.message


def test_a_file_that_is_not_a_cache_is_refused_like_a_wrong_key(cache_path, key):
    cache_path.parent.mkdir(parents=True)
    cache_path.write_bytes(b"SQLite format 3\x00" + b"not really" * 500)
    with pytest.raises(WrongKey):
        CacheStore.open(cache_path, key)


def test_pages_hold_exactly_the_records_sent_and_the_cursor_and_epoch_survive_reopening(
        cache_path, key, scenario):
    with CacheStore.open(cache_path, key) as store:
        sync_all(store, scenario, epoch=3)
        last = len(scenario.district.records)
        assert store.cursor == last and store.scope_epoch == 3
        assert _held(store) == _expected_holdings(scenario.district.records)
        assert store.holdings() == store.recount_holdings()
    with CacheStore.open(cache_path, key) as store:
        assert store.cursor == last and store.scope_epoch == 3
        assert _held(store) == _expected_holdings(scenario.district.records)


def test_applying_the_same_page_again_changes_nothing(store, scenario):
    changes = changes_of(scenario.district.records)
    store.apply_page(changes[:150], 150, 1)
    before = store.holdings()
    result = store.apply_page(changes[:150], 150, 1)
    assert result.upserted == 150
    assert store.holdings() == before == store.recount_holdings()


def test_a_newer_version_replaces_the_older_and_the_checksum_follows(store, scenario):
    changes = changes_of(scenario.district.records)
    store.apply_page(changes, len(changes), 1)
    person = dict(changes[5], version=2, seq=len(changes) + 1,
                  data=dict(changes[5]["data"], phone="13800009999"))
    store.apply_page([person], len(changes) + 1, 1)
    records = list(scenario.district.records)
    records[5] = type(records[5])(records[5].kind, records[5].id, records[5].area, person["data"], 2)
    assert _held(store) == _expected_holdings(records)
    assert store.holdings() == store.recount_holdings()


def test_a_page_naming_a_record_twice_ends_in_its_last_state(store, scenario):
    records = scenario.district.records
    first = changes_of(records[:3])
    again = dict(first[1], version=2, seq=4)
    store.apply_page([*first, again], 4, 1)
    counts = _held(store)
    assert sum(c for c, _ in counts.values()) == 3
    removed_then_back = [remove_of(records[0], 5), dict(first[0], seq=6)]
    store.apply_page(removed_then_back, 6, 1)
    assert sum(c for c, _ in _held(store).values()) == 3
    store.apply_page([dict(first[0], seq=7), remove_of(records[0], 8)], 8, 1)
    assert sum(c for c, _ in _held(store).values()) == 2
    assert store.holdings() == store.recount_holdings()


def test_removals_delete_and_unknown_removals_are_ignored(store, scenario):
    records = scenario.district.records
    changes = changes_of(records)
    store.apply_page(changes, len(changes), 1)
    gone = [remove_of(r, len(changes) + i + 1) for i, r in enumerate(records[:10])]
    result = store.apply_page([*gone, *gone], len(changes) + 20, 1)
    assert result.removed == 10
    assert _held(store) == _expected_holdings(records[10:])
    assert store.apply_page(gone, len(changes) + 30, 1).removed == 0
    assert store.holdings() == store.recount_holdings()


def test_an_unknown_op_rolls_the_whole_page_back(store, scenario):
    changes = changes_of(scenario.district.records)
    store.apply_page(changes[:10], 10, 1)
    bad = [*changes[10:20], dict(changes[20], op="merge")]
    with pytest.raises(ValueError, match="unknown change op"):
        store.apply_page(bad, 21, 1)
    assert store.cursor == 10
    assert sum(c for c, _ in _held(store).values()) == 10


def test_a_failure_halfway_through_a_page_leaves_the_previous_page_state(store, scenario):
    changes = changes_of(scenario.district.records)
    store.apply_page(changes[:10], 10, 1)
    broken = [*changes[10:20], dict(changes[20], data=None)]  # fails while building rows
    with pytest.raises(ValueError):
        store.apply_page(broken, 21, 1)
    assert store.cursor == 10
    assert store.holdings() == store.recount_holdings()
    assert sum(c for c, _ in _held(store).values()) == 10


_CRASH_SCRIPT = textwrap.dedent("""
    import os, sys, orjson
    from casework.cache import page_writer
    from casework.cache.store import CacheStore

    def die(*args, **kwargs):
        os._exit(9)  # the process dies inside the page's transaction, nothing is closed

    store = CacheStore.open(sys.argv[1], bytes.fromhex(os.environ["CACHE_KEY"]))
    page = orjson.loads(open(sys.argv[2], "rb").read())
    page_writer._apply_holding_deltas = die  # after the records and search rows are written
    store.apply_page(page["changes"], page["cursor"], 1)
    print("not reached")
""")


def test_a_process_killed_inside_a_page_resumes_at_the_previous_cursor(cache_path, key, tmp_path, scenario):
    import orjson

    changes = changes_of(scenario.district.records)
    split = [(page, cursor) for page, cursor in pages(changes, 120)]
    with CacheStore.open(cache_path, key) as store:
        store.apply_page(*split[0], 1)
    page_file = tmp_path / "page.json"
    page_file.write_bytes(orjson.dumps({"changes": split[1][0], "cursor": split[1][1]}))
    crashed = subprocess.run([sys.executable, "-c", _CRASH_SCRIPT, str(cache_path), str(page_file)],
                             env={**os.environ, "CACHE_KEY": key.hex()}, capture_output=True, text=True,
                             timeout=60)
    assert crashed.returncode == 9, crashed.stderr
    assert "not reached" not in crashed.stdout
    with CacheStore.open(cache_path, key) as store:
        assert store.cursor == split[0][1]
        assert store.holdings() == store.recount_holdings()
        assert sum(c for c, _ in _held(store).values()) == len(split[0][0])
        for page, cursor in split[1:]:  # resume where it stopped
            store.apply_page(page, cursor, 1)
        assert _held(store) == _expected_holdings(scenario.district.records)


def test_reset_drops_every_record_and_the_cursor_but_keeps_unsent_work(store, scenario):
    sync_all(store, scenario)
    store.ensure_indexes()
    with store._write() as conn:
        conn.exec_driver_sql("INSERT INTO outbox (op_id, kind, record_id, action, base_version, payload, "
                             "created_at) VALUES ('op-1', 'case', 'p', 'update', 1, '{}', '2026-01-01')")
    store.reset()
    assert store.cursor == 0 and _held(store) == {}
    assert store.pending_changes() == 1
    with store.read() as conn:
        for table in ("record", "searchable", "name_bigram", "name_initials"):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0
    sync_all(store, scenario)  # and syncs again from the start
    assert _held(store) == _expected_holdings(scenario.district.records)


def test_drop_kind_drops_one_kind_only(synced, scenario):
    synced.drop_kind("person")
    held = _held(synced)
    assert "person" not in held
    others = [r for r in scenario.district.records if r.kind != "person"]
    assert held == _expected_holdings(others)
    with synced.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM searchable WHERE name IS NOT NULL").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM name_bigram").scalar() == 0


def test_meta_values_are_kept(store):
    assert store.meta("last_summary") is None
    store.set_meta("last_summary", "ok")
    assert store.meta("last_summary") == "ok"


def test_searches_run_while_pages_are_written_from_another_thread(synced, scenario):
    """The sync writes on a worker thread while the UI's worker searches: WAL lets readers
    read their snapshot while the one writer commits."""
    import threading

    from casework.cache.household_view import household_view
    from casework.cache.search import search_people

    changes = changes_of(scenario.district.records)
    errors: list[BaseException] = []

    def write() -> None:
        try:
            for round_ in range(1, 6):
                bumped = [dict(c, version=1 + round_, seq=c["seq"] + round_ * 100_000) for c in changes]
                for page, cursor in pages(bumped, 150):
                    synced.apply_page(page, cursor, 1)
        except BaseException as exc:  # reported below
            errors.append(exc)

    writer = threading.Thread(target=write)
    writer.start()
    reads = 0
    while writer.is_alive() or reads < 20:
        assert search_people(synced, "张三")[0].person_id == scenario.zhang.id
        assert household_view(synced, scenario.local.id).members[0].name == "张三"
        reads += 1
    writer.join()
    assert errors == []
    assert synced.holdings() == synced.recount_holdings()
