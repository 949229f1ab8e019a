"""Encryption at rest: the cache file, its WAL and journal never hold a synced person's name,
identity number or phone number in the clear (issue 3, "done when" 1)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from casework.cache.store import CacheStore
from tests.cache.conftest import sync_all


def _secrets(scenario) -> list[bytes]:
    found: list[bytes] = []
    for person in scenario.district.people:
        for field in ("name", "id_number", "phone"):
            value = person.data.get(field)
            if value:
                found.append(value.encode())
    return found


def _files(cache_path: Path) -> list[Path]:
    return sorted(p for p in cache_path.parent.iterdir() if p.name.startswith(cache_path.name))


def _leaks(cache_path: Path, secrets: list[bytes]) -> list[tuple[str, bytes]]:
    leaks = []
    for path in _files(cache_path):
        raw = path.read_bytes()
        for secret in secrets:
            # Also UTF-16, in case anything ever stored text that way.
            if secret in raw or secret.decode().encode("utf-16-le") in raw:
                leaks.append((path.name, secret))
    return leaks


def test_the_secrets_checked_are_distinctive_and_many(scenario):
    secrets = _secrets(scenario)
    assert len(secrets) > 200
    assert "张三".encode() in secrets and b"44010419850301739X" in secrets and b"13926051234" in secrets


def test_no_name_id_or_phone_in_any_file_while_open_after_ingest(cache_path, key, scenario):
    store = CacheStore.open(cache_path, key)
    try:
        sync_all(store, scenario)
        wal = cache_path.with_name(cache_path.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0  # the pages are (at least partly) in the WAL
        assert _leaks(cache_path, _secrets(scenario)) == []
        store.ensure_indexes()  # the search index holds names and number tails too
        assert _leaks(cache_path, _secrets(scenario)) == []
        store.checkpoint()  # now everything is in the main file
        assert wal.stat().st_size == 0
        assert _leaks(cache_path, _secrets(scenario)) == []
    finally:
        store.close()
    assert _leaks(cache_path, _secrets(scenario)) == []


def test_no_secret_after_incremental_updates_and_close(cache_path, key, scenario):
    with CacheStore.open(cache_path, key) as store:
        sync_all(store, scenario)
        store.ensure_indexes()
        sync_all(store, scenario)  # everything again, through the maintained index
    assert _leaks(cache_path, _secrets(scenario)) == []
    assert cache_path.stat().st_size > 100_000


def test_the_check_itself_finds_plaintext_in_an_unencrypted_copy(tmp_path, scenario):
    """The same data in plain SQLite is found: the byte search above can fail."""
    plain = tmp_path / "plain.db"
    conn = sqlite3.connect(plain)
    conn.execute("CREATE TABLE t (v TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [(s.decode(),) for s in _secrets(scenario)])
    conn.commit()
    conn.close()
    assert len(_leaks(plain, _secrets(scenario))) == len(_secrets(scenario))


def test_the_header_is_not_sqlites_plain_header(cache_path, key, scenario):
    with CacheStore.open(cache_path, key) as store:
        sync_all(store, scenario)
    assert not cache_path.read_bytes().startswith(b"SQLite format 3")
