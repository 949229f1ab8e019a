"""A throw-away PostgreSQL database for a benchmark run: created fresh, dropped after."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import make_url

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/postgres"


def _plain(url: str) -> str:
    """The URL as psycopg takes it (no SQLAlchemy driver suffix)."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def temporary_database(admin_url: str = DEFAULT_PG, prefix: str = "casework_bench") -> Iterator[str]:
    """Yields the URL of a new, empty database on the server of ``admin_url``; drops it after
    (also when the benchmark fails or is interrupted)."""
    import psycopg

    admin = _plain(admin_url)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
