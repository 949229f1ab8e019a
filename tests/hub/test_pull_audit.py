"""Feed pages are audited without taking the write lock per page (issue 9): a long write on the
hub database (a summary check on SQLite) must not hold up syncs; the audit rows still arrive,
one per page, once the lock is free. Real hub on 127.0.0.1, SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import psycopg
import pytest
from sqlalchemy import select

from casework.hub.db import make_engine
from casework.hub.schema import AuditEvent
from casework.hub.server import RunningHub, start_hub
from tests.helpers import scratch_database
from tests.hub.api_helpers import BACKENDS, CHANGES, FAST, bearer, make_user
from tests.hub.district_fixture import STREET_A, build_district

LOCK_SECONDS = 3.0


@pytest.fixture(params=BACKENDS)
def hub(request, tmp_path) -> Iterator[tuple[RunningHub, str]]:
    with scratch_database(request.param, tmp_path) as url, start_hub(url, settings=FAST) as running:
        with running.app.state.engine.begin() as conn:
            build_district(conn)
        make_user(url, "audited.puller", "social_worker", [STREET_A], "internal")
        yield running, url


@contextmanager
def audit_table_locked(url: str) -> Iterator[None]:
    """Another client holds a write lock that covers the audit table, for a while."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")  # the whole database's write lock, as a long write holds it
    else:
        conn = psycopg.connect(url)
        conn.execute("LOCK TABLE audit_event IN EXCLUSIVE MODE")  # reads go on, writes wait
    try:
        yield
    finally:
        conn.rollback() if not url.startswith("sqlite") else conn.execute("ROLLBACK")
        conn.close()


def pull_events(url: str) -> list[tuple[str | None, str | None]]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(select(AuditEvent.device_id, AuditEvent.subject).where(
                AuditEvent.username == "audited.puller", AuditEvent.action == "sync_pull")).all()]
    finally:
        engine.dispose()


def test_pages_are_served_while_a_long_write_holds_the_lock_and_audited_after(hub):
    running, url = hub
    with httpx.Client(base_url=running.url, timeout=60) as client:
        headers = bearer(client, "audited.puller", device_id="audit-pc")
        with audit_table_locked(url):
            released = time.monotonic() + LOCK_SECONDS
            cursor, seconds = "0", []
            for _ in range(3):
                started = time.perf_counter()
                page = client.get(CHANGES, params={"after": cursor, "limit": 5}, headers=headers)
                seconds.append(time.perf_counter() - started)
                assert page.status_code == 200, page.text
                cursor = page.json()["cursor"]
            assert max(seconds) < 1.0, seconds  # not waiting for the lock (30 s, then 503, before)
            time.sleep(max(0.0, released - time.monotonic()))  # the long write goes on a while
        deadline = time.monotonic() + 10
        while len(pull_events(url)) < 3 and time.monotonic() < deadline:
            time.sleep(0.2)
    events = pull_events(url)
    assert len(events) == 3 and {device for device, _ in events} == {"audit-pc"}
    assert ("audit-pc", "after=0") in events


def test_audit_rows_still_pending_are_written_when_the_hub_stops(hub):
    running, url = hub
    with httpx.Client(base_url=running.url, timeout=60) as client:
        headers = bearer(client, "audited.puller", device_id="audit-pc")
        assert client.get(CHANGES, params={"limit": 5}, headers=headers).status_code == 200
    running.stop()
    assert pull_events(url) == [("audit-pc", "after=0")]
