"""Schema versions: the steps build what ``schema`` describes, an older cache is backed up and
migrated, a newer one is refused and left byte for byte as it was."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import inspect

from casework.cache import migrations
from casework.cache.connection import connect
from casework.cache.errors import CacheTooNew
from casework.cache.schema import metadata
from casework.cache.store import CacheStore
from tests.cache.conftest import sync_all


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_migration_steps_build_exactly_the_schema_described(store):
    with store.read() as conn:
        assert migrations.user_version(conn) == migrations.SCHEMA_VERSION
        inspector = inspect(conn)
        for table in metadata.sorted_tables:
            columns = [c["name"] for c in inspector.get_columns(table.name)]
            assert columns == [c.name for c in table.columns], table.name
            # from SQLite itself: the inspector skips expression indexes (the casework ones)
            indexes = {row[1] for row in conn.exec_driver_sql(f"PRAGMA index_list({table.name})")
                       if row[3] == "c"}
            assert indexes == {i.name for i in table.indexes}, table.name
        assert "address_fts" in inspector.get_table_names()


def test_a_cache_from_a_newer_app_is_refused_and_left_untouched(cache_path, key, scenario):
    with CacheStore.open(cache_path, key) as store:
        sync_all(store, scenario)
    raw = connect(cache_path, key)
    raw.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 5}")
    raw.close()
    before = _digest(cache_path)
    with pytest.raises(CacheTooNew) as info:
        CacheStore.open(cache_path, key)
    assert "更新版本" in info.value.message and "newer version" in info.value.message
    assert info.value.found == migrations.SCHEMA_VERSION + 5
    assert _digest(cache_path) == before
    assert not list(cache_path.parent.glob("*.bak"))


def test_an_older_cache_is_backed_up_then_migrated_keeping_its_records(cache_path, key, scenario,
                                                                       monkeypatch):
    with CacheStore.open(cache_path, key) as store:
        sync_all(store, scenario)
        held = store.holdings()
        cursor = store.cursor
    step = migrations.Migration(migrations.SCHEMA_VERSION + 1, "test: a new table",
                                ("CREATE TABLE visit_log (id TEXT PRIMARY KEY, note TEXT)",))
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, step))
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", step.version)
    with CacheStore.open(cache_path, key) as store:
        assert store.holdings() == held and store.cursor == cursor
        with store.read() as conn:
            assert migrations.user_version(conn) == step.version
            assert conn.exec_driver_sql("SELECT count(*) FROM visit_log").scalar() == 0
    backup = cache_path.with_name(f"cache.db.v{step.version - 1}.bak")
    assert backup.exists()
    raw = connect(backup, key)  # the backup is the old cache, still encrypted with the same key
    assert raw.execute("PRAGMA user_version").fetchone()[0] == step.version - 1
    assert raw.execute("SELECT count(*) FROM record").fetchone()[0] == len(scenario.district.records)
    raw.close()


def test_a_failing_migration_leaves_the_old_version(cache_path, key, monkeypatch):
    CacheStore.open(cache_path, key).close()
    bad = migrations.Migration(migrations.SCHEMA_VERSION + 1, "test: broken",
                               ("CREATE TABLE ok_so_far (x)", "THIS IS NOT SQL"))
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, bad))
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", bad.version)
    with pytest.raises(Exception, match="syntax error"):
        CacheStore.open(cache_path, key)
    raw = connect(cache_path, key)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == bad.version - 1
    assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'ok_so_far'").fetchone()[0] == 0
    raw.close()
