"""The revision log: one row per applied op on a record — who, from which device, when, which
op, the version it made and each field's before and after.

Why a log beside the record: the record holds only its present state, but "who changed this
household's case, and what was there before" must be answerable for every change (audit), and
a conflict must name who saved the value it collides with (``last_writers``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import orjson
from sqlalchemy import Connection, insert, select

from casework.hub.schema import RecordRevision

revision_table = RecordRevision.__table__

_WRITER_LOOKBACK = 200  # revisions of one record read to find who last set each field


def field_diff(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Each field whose value differs, as ``[before, after]`` (``before`` None for a new record)."""
    old = before or {}
    return {name: [old.get(name), after.get(name)]
            for name in sorted(set(old) | set(after)) if old.get(name) != after.get(name)}


def add_revisions(conn: Connection, revisions: Sequence[Mapping[str, Any]]) -> None:
    """Insert revision rows (``changes`` as a ``{field: [before, after]}`` mapping)."""
    if revisions:
        conn.execute(insert(revision_table),
                     [{**r, "changes": orjson.dumps(r["changes"]).decode()} for r in revisions])


def _iso(at: dt.datetime) -> str:
    if at.tzinfo is None:  # SQLite gives back naive datetimes; they were written in UTC
        at = at.replace(tzinfo=dt.UTC)
    return at.isoformat(timespec="milliseconds")


def last_writers(conn: Connection, record_id: str, fields: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Who last set each of ``fields`` of a record, and when (ISO 8601), from its revisions."""
    wanted = set(fields)
    found: dict[str, tuple[str, str]] = {}
    cols = revision_table.c
    rows = conn.execute(
        select(cols.username, cols.at, cols.changes)
        .where(cols.record_id == record_id)
        .order_by(cols.version.desc(), cols.id.desc())
        .limit(_WRITER_LOOKBACK)
    )
    for row in rows:
        changed = orjson.loads(row.changes)
        for name in wanted - set(found):
            if name in changed:
                found[name] = (row.username, _iso(row.at))
        if len(found) == len(wanted):
            break
    return found
