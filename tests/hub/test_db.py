"""Opening a hub database: the schema is created or migrated to the newest revision, a
database from a newer hub is refused untouched, and hub processes starting together on an
empty database do not trip over each other's migration."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import inspect, text

from casework.hub import db


def test_upgrade_creates_every_table(hub_db_url):
    db.upgrade(hub_db_url)
    engine = db.make_engine(hub_db_url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert {"record", "record_exit", "feed_counter", "summary_total", "alembic_version"} <= tables


def test_upgrade_twice_changes_nothing(hub_db_url):
    db.upgrade(hub_db_url)
    db.upgrade(hub_db_url)


def test_a_database_from_a_newer_hub_is_refused_untouched(hub_db_url):
    db.upgrade(hub_db_url)
    engine = db.make_engine(hub_db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
        with pytest.raises(db.SchemaTooNew, match="9999_from_the_future"):
            db.upgrade(hub_db_url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == (
                "9999_from_the_future")
    finally:
        engine.dispose()


def test_hubs_starting_together_on_an_empty_database_all_succeed(hub_db_url):
    """On PostgreSQL, without a lock two processes both see an empty database, both run CREATE
    TABLE and one fails; the migration takes an advisory lock so the others wait and find it
    done. SQLite serializes them on its database lock."""
    script = "import sys; from casework.hub.db import upgrade; upgrade(sys.argv[1])"
    command = [sys.executable, "-c", script, hub_db_url]
    processes = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    failures = []
    for process in processes:
        _, err = process.communicate(timeout=120)
        if process.returncode:
            failures.append(err[-2000:])
    assert not failures, failures[0]
