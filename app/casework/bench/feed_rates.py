"""Measured pulls of a viewer's whole visible set: through the change feed (in process and over
real HTTP) and through a bare ``SELECT`` of the same rows — the limit the feed is judged by.

The bare query reads the same columns with the same filter (scope prefix, the role's
departments) in the same ``seq`` order, and fetches every row into Python; it skips what the
feed adds on top: the merge with ``record_exit``, masking, and writing the JSON page.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import orjson
from sqlalchemy import Engine, bindparam, or_, select

from casework.hub.feed import read_changes_page
from casework.hub.schema import Record
from casework.hub.scope import Viewer, department_condition, prefix_condition

record_table = Record.__table__
STREAM_BATCH = 5000


@dataclass
class PullRate:
    records: int
    seconds: float
    pages: int = 0
    bytes: int = 0
    last_seq: int = 0

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "records_per_second": round(self.rate, 1)}


def page_tail(page: bytes) -> tuple[int, bool, int]:
    """(cursor, has_more, number of changes) of a ChangesPage's JSON bytes without parsing it
    all: the page ends with ``"cursor":"N","has_more":…``, and every change has one ``"op"``."""
    at = page.rfind(b'"cursor":"')
    start = at + len(b'"cursor":"')
    cursor = int(page[start:page.index(b'"', start)])
    has_more = page.find(b'"has_more":true', at) != -1
    return cursor, has_more, page.count(b'"op":"')


def pull_feed(engine: Engine, viewer: Viewer, page_size: int) -> PullRate:
    """Every page of the viewer's changes from ``read_changes_page``; only its calls are timed."""
    result = PullRate(0, 0.0)
    after = 0
    first = True
    with engine.connect() as conn:
        while True:
            started = time.perf_counter()
            page = read_changes_page(conn, viewer, after, page_size)
            conn.rollback()  # end the read's transaction, as the hub does after each request
            result.seconds += time.perf_counter() - started
            if first:  # the cheap tail parse must agree with a real parse
                parsed = orjson.loads(page)
                assert page_tail(page) == (int(parsed["cursor"]), parsed["has_more"], len(parsed["changes"]))
                first = False
            after, has_more, count = page_tail(page)
            result.records += count
            result.pages += 1
            result.bytes += len(page)
            if not has_more:
                break
    result.last_seq = after
    return result


def _bare_query(viewer: Viewer):
    rec = record_table.c
    return select(
        rec.seq, rec.kind, rec.id, rec.area, rec.version, rec.deleted, rec.classification, rec.data,
    ).where(
        or_(*(prefix_condition(record_table, p) for p in viewer.prefixes)),
        department_condition(record_table, viewer),
    ).order_by(rec.seq)


def bare_paged(engine: Engine, viewer: Viewer, page_size: int) -> PullRate:
    """The same rows by keyset pages of the same size (``seq > :after ORDER BY seq LIMIT n``)."""
    stmt = _bare_query(viewer).where(record_table.c.seq > bindparam("after")).limit(bindparam("n"))
    result = PullRate(0, 0.0)
    after = 0
    with engine.connect() as conn:
        started = time.perf_counter()
        while True:
            rows = conn.execute(stmt, {"after": after, "n": page_size}).all()
            conn.rollback()
            result.pages += 1
            if not rows:
                break
            result.records += len(rows)
            after = rows[-1][0]
            if len(rows) < page_size:
                break
        result.seconds = time.perf_counter() - started
    result.last_seq = after
    return result


def bare_stream(engine: Engine, viewer: Viewer) -> PullRate:
    """The same rows in one statement through a server-side cursor: the fastest way to get them."""
    result = PullRate(0, 0.0)
    with engine.connect() as conn:
        started = time.perf_counter()
        rows = conn.execution_options(stream_results=True, max_row_buffer=STREAM_BATCH).execute(
            _bare_query(viewer))
        for part in rows.partitions(STREAM_BATCH):
            result.records += len(part)
            result.pages += 1
            result.last_seq = part[-1][0]
        conn.rollback()
        result.seconds = time.perf_counter() - started
    return result


def pull_http(db_url: str, engine: Engine, username: str, role: str, scope: list[str], clearance: str,
              page_size: int) -> PullRate:
    """The whole visible set over real HTTP from a hub on a loopback port, as a client pulls it
    (compression accepted). The hub runs as its own process, as in production, so it does not
    share this process's interpreter lock with the client. Counts are taken from the page
    bytes, without parsing the records."""
    import httpx

    from casework.bench.sync_support import hub_process
    from casework.hub.users import add_user

    password = "bench-password-1234"
    add_user(engine, username, password, role, scope, clearance)
    result = PullRate(0, 0.0)
    with (tempfile.TemporaryDirectory() as logs,
          hub_process(db_url, Path(logs) / "hub.log") as hub_url,
          httpx.Client(base_url=hub_url, timeout=120) as client):
        token = client.post("/api/v1/auth/token", json={
            "username": username, "password": password, "device_id": "bench"}).raise_for_status()
        client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        after = 0
        started = time.perf_counter()
        while True:
            response = client.get("/api/v1/sync/changes", params={"after": after, "limit": page_size})
            response.raise_for_status()
            page = response.content
            after, has_more, count = page_tail(page)
            result.records += count
            result.pages += 1
            result.bytes += int(response.headers.get("content-length", len(page)))
            if not has_more:
                break
        result.seconds = time.perf_counter() - started
    result.last_seq = after
    return result
