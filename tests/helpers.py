"""Fixtures shared across test packages: hub databases on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PG_ADMIN_URL = os.environ.get("CASEWORK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def postgres_available() -> str | None:
    """None when PostgreSQL answers, else the reason it does not."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            return None
    except Exception as exc:  # any failure to connect means: skip the PostgreSQL leg
        return f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc.__class__.__name__}: {exc}"


def create_pg_database() -> str:
    """A fresh, empty PostgreSQL database; returns its URL."""
    import psycopg

    name = f"casework_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def drop_pg_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def scratch_database(backend: str, folder: Path) -> Iterator[str]:
    """An empty hub database URL on ``backend`` ("sqlite" or "postgresql"), dropped afterwards;
    the PostgreSQL leg is skipped with the reason where the server does not answer."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'hub.db'}"
        return
    reason = postgres_available()
    if reason:
        pytest.skip(reason)
    url = create_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def hub_db_url(request, tmp_path) -> Iterator[str]:
    """An empty hub database URL, once on SQLite and once on PostgreSQL."""
    with scratch_database(request.param, tmp_path) as url:
        yield url
