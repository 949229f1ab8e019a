"""The change feed: one page of a viewer's visible changes after a cursor, as JSON bytes.

The page is a ``casework.wire.v1.ChangesPage``. It is written straight to bytes because the
feed is the hub's hot path: a record the viewer may see whole is spliced in as the JSON text
stored in the database, never parsed (``orjson.Fragment``); only a record above the viewer's
clearance is parsed and masked.

Which rows: upserts come from ``record`` (a deleted record is a tombstone, served as a
``remove``), and removes from ``record_exit`` (a record left that street). Each scope prefix
reads its own index range — ``(street, seq)`` for a street, ``(district, seq)`` for the
district — with ``ORDER BY seq LIMIT n``; the ranges are merged by seq (``UNION ALL … ORDER BY
seq LIMIT n``). A page therefore reads at most ``n`` rows per range, never a whole street.

Exactness: the cursor returned is the seq of the last change in the page (or ``after`` when
the page is empty), so the next page starts right after it and nothing is skipped. Because
seqs follow commit order (``casework.hub.feed_writer``), no change can later appear below a
cursor a client already holds. The query is one statement, so the page is one snapshot.
"""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import (
    Connection,
    Select,
    Text,
    bindparam,
    cast,
    literal,
    null,
    select,
    true,
    union_all,
)

from casework.domain.classification import Level
from casework.domain.field_access import filter_derived, may_hide
from casework.domain.masking import mask
from casework.hub.schema import Record, RecordExit
from casework.hub.scope import Viewer, department_condition, prefix_condition
from casework.hub.summary import read_summary
from casework.wire.v1 import MAX_PAGE_LIMIT, encode_cursor

__all__ = ["read_changes_page", "read_summary"]

record_table = Record.__table__
exit_table = RecordExit.__table__


def _ordered_range(stmt: Select, seq_column) -> Select:
    """One index range, in seq order, at most ``n`` rows; wrapped so it can stand inside a
    UNION ALL on SQLite (which refuses ORDER BY/LIMIT on a bare compound member)."""
    inner = stmt.where(seq_column > bindparam("after")).order_by(seq_column).limit(bindparam("n"))
    sub = inner.subquery()
    return select(*sub.c)


def changes_query(viewer: Viewer) -> Select:
    """The viewer's changes after ``:after``, at most ``:n``, in seq order (one statement)."""
    rec, ext = record_table.c, exit_table.c
    ranges: list[Select] = []
    for prefix in viewer.prefixes:
        ranges.append(_ordered_range(
            select(
                rec.seq, rec.kind, rec.id, rec.area, rec.version, rec.deleted.label("removed"),
                rec.classification, rec.data,
            ).where(prefix_condition(record_table, prefix), department_condition(record_table, viewer)),
            rec.seq,
        ))
        ranges.append(_ordered_range(
            select(
                ext.seq, ext.kind, ext.record_id.label("id"), ext.area, ext.version,
                true().label("removed"), literal(0).label("classification"),
                cast(null(), Text).label("data"),
            ).where(prefix_condition(exit_table, prefix), department_condition(exit_table, viewer)),
            ext.seq,
        ))
    merged = union_all(*ranges).subquery("visible")
    return select(*merged.c).order_by(merged.c.seq).limit(bindparam("n"))


def _changes(rows: list[Any], clearance: Level, departments: frozenset[str]) -> list[dict[str, Any]]:
    """The wire changes of a page's rows. The hot loop of the hub: rows are unpacked as
    tuples and stored JSON is wrapped, not parsed, unless it must be masked or may carry a
    derived value the viewer may not see (``casework.domain.field_access``)."""
    level = int(clearance)
    fragment = orjson.Fragment
    changes = []
    for seq, kind, record_id, area, version, removed, classification, data in rows:
        if removed:
            op, payload = "remove", None
        elif classification <= level and not may_hide(kind, clearance, departments):
            op, payload = "upsert", fragment(data)
        else:
            op, payload = "upsert", filter_derived(kind, mask(kind, orjson.loads(data), clearance),
                                                   clearance, departments)
        changes.append({
            "seq": seq, "kind": kind, "id": record_id, "op": op, "area": area, "version": version,
            "data": payload,
        })
    return changes


def page_bytes(changes: list[dict[str, Any]], cursor: int, has_more: bool, scope_epoch: int) -> bytes:
    return orjson.dumps({
        "changes": changes, "cursor": encode_cursor(cursor), "has_more": has_more,
        "scope_epoch": scope_epoch,
    })


def read_changes_page(conn: Connection, viewer: Viewer, after: int, limit: int) -> bytes:
    """The viewer's visible changes with seq > ``after``, at most ``limit``, as the JSON bytes
    of a wire ``ChangesPage``. ValueError for a negative cursor or a limit outside
    1..MAX_PAGE_LIMIT."""
    if after < 0:
        raise ValueError(f"游标无效 cursor must not be negative, got {after}")
    if not 1 <= limit <= MAX_PAGE_LIMIT:
        raise ValueError(f"每页条数应为 1 到 {MAX_PAGE_LIMIT} limit must be 1..{MAX_PAGE_LIMIT}, got {limit}")
    if viewer.holds_nothing():
        return page_bytes([], after, False, viewer.scope_epoch)
    rows = conn.execute(changes_query(viewer), {"after": after, "n": limit + 1}).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes = _changes(rows, viewer.clearance, viewer.departments)
    cursor = rows[-1].seq if rows else after
    return page_bytes(changes, cursor, has_more, viewer.scope_epoch)
