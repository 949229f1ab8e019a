"""What a viewer should hold right now: per kind, a count and a checksum over (id, version).

A client that has pulled the feed to its end compares this with what it holds; equal means it
holds exactly its visible set, a difference names the kinds to repair. The checksum is
``casework.domain.checksum``, which the client computes the same way.

Cost: the hub keeps running totals per (street, department, kind) in ``summary_total``
(count and checksum sum of the live records), updated by the feed writer in the writing
transaction under the feed lock, and by the bulk loader. A viewer's scope is a union of
streets or its district times its departments, so its summary is the sum of a few dozen
(street) to a few thousand (district) rows: milliseconds, where hashing every record took
about a second per street and ~50 s per district. ``recount`` still computes it the slow way
from the records, for tests and ``casework hub summary-check``.

Consistency: the ``cursor`` (the highest seq among the viewer's visible changes, the cursor a
client has after pulling everything) and the totals must come from one snapshot, or a write
in between would make an honest client look wrong. Both come from ONE statement (a statement
always reads one snapshot, on SQLite and PostgreSQL alike, whatever transaction the caller is
in); totals and records change in the same transaction, so any snapshot sees them agree.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from hashlib import blake2b
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Select,
    String,
    and_,
    bindparam,
    cast,
    delete,
    func,
    insert,
    literal,
    null,
    select,
    union_all,
    update,
)

from casework.domain.checksum import format_checksum, record_hash
from casework.domain.records import Kind
from casework.hub.schema import Record, RecordExit, SummaryTotal
from casework.hub.scope import Viewer, department_condition, prefix_condition
from casework.wire.v1 import encode_cursor

record_table = Record.__table__
exit_table = RecordExit.__table__
total_table = SummaryTotal.__table__

_STREAM_BATCH = 20_000
_MOD = 1 << 64
_SIGN = 1 << 63

GroupKey = tuple[str, str, str]  # (street, department, kind)


def to_signed(total: int) -> int:
    """A checksum sum mod 2**64 as the signed 64-bit integer a BIGINT column holds."""
    total %= _MOD
    return total - _MOD if total >= _SIGN else total


class Totals:
    """Counts and checksum sums per (street, department, kind): either changes to add to
    ``summary_total`` (counts may be negative) or whole totals (from a recount).

    ``groups`` maps a key to ``[district, count, checksum]`` with the checksum kept mod 2**64
    (unsigned) in Python."""

    def __init__(self) -> None:
        self.groups: dict[GroupKey, list[Any]] = {}

    def _group(self, district: str, street: str, department: str, kind: str) -> list[Any]:
        key = (street, department, kind)
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = [district, 0, 0]
        return group

    def add(self, district: str, street: str, department: str, kind: str,
            record_id: str, version: int) -> None:
        group = self._group(district, street, department, kind)
        group[1] += 1
        group[2] = (group[2] + record_hash(record_id, version)) % _MOD

    def remove(self, district: str, street: str, department: str, kind: str,
               record_id: str, version: int) -> None:
        group = self._group(district, street, department, kind)
        group[1] -= 1
        group[2] = (group[2] - record_hash(record_id, version)) % _MOD

    def add_rows(self, rows: Iterable[tuple[str, str, str, str, str, int]]) -> None:
        """Add many (district, street, department, kind, id, version) rows: the hot loop of a
        recount or a bulk load (millions of rows), so the hash is inlined."""
        groups = self.groups
        for district, street, department, kind, record_id, version in rows:
            key = (street, department, kind)
            group = groups.get(key)
            if group is None:
                group = groups[key] = [district, 0, 0]
            group[1] += 1
            group[2] += int.from_bytes(
                blake2b(f"{record_id}:{version}".encode(), digest_size=8).digest(), "big")
        for group in groups.values():
            group[2] %= _MOD

    def merge(self, other: Totals) -> None:
        for (street, department, kind), (district, count, checksum) in other.groups.items():
            group = self._group(district, street, department, kind)
            group[1] += count
            group[2] = (group[2] + checksum) % _MOD

    def comparable(self) -> dict[GroupKey, tuple[int, int]]:
        """(count, checksum) per key, leaving out empty groups (a group whose records all
        went away stays in ``summary_total`` as zeros)."""
        return {key: (count, checksum) for key, (_, count, checksum) in self.groups.items()
                if count or checksum}

    def apply(self, conn: Connection) -> None:
        """Add these changes to ``summary_total``: read the affected rows, write them back.

        The caller holds the feed lock (``casework.hub.feed_writer.lock_feed``) in its
        transaction: every writer of totals takes it, so no one changes a row between our
        read and our write, on SQLite and PostgreSQL alike, without an upsert."""
        changes = {key: group for key, group in self.groups.items() if group[1] or group[2]}
        if not changes:
            return
        t = total_table.c
        streets = sorted({street for street, _, _ in changes})
        stored = {
            (row.street, row.department, row.kind): row
            for row in conn.execute(
                select(t.street, t.department, t.kind, t.count, t.checksum)
                .where(t.street.in_(bindparam("streets", expanding=True))),
                {"streets": streets},
            )
        }
        updates, inserts = [], []
        for key, (district, count, checksum) in changes.items():
            old = stored.get(key)
            if old is None:
                inserts.append({"street": key[0], "department": key[1], "kind": key[2],
                                "district": district, "count": count, "checksum": to_signed(checksum)})
            else:
                updates.append({"k_street": key[0], "k_department": key[1], "k_kind": key[2],
                                "count": old.count + count, "checksum": to_signed(old.checksum + checksum)})
        if inserts:
            conn.execute(insert(total_table), inserts)
        if updates:
            conn.execute(
                update(total_table).where(and_(
                    t.street == bindparam("k_street"), t.department == bindparam("k_department"),
                    t.kind == bindparam("k_kind"),
                )),
                updates,
            )


def read_totals(conn: Connection) -> Totals:
    """Everything ``summary_total`` holds."""
    totals = Totals()
    t = total_table.c
    for row in conn.execute(select(t.district, t.street, t.department, t.kind, t.count, t.checksum)):
        totals.groups[(row.street, row.department, row.kind)] = [row.district, row.count, row.checksum % _MOD]
    return totals


def recount_totals(conn: Connection) -> Totals:
    """The totals recomputed from every live record, streamed (a district is millions)."""
    rec = record_table.c
    stmt = select(rec.district, rec.street, rec.department, rec.kind, rec.id, rec.version).where(
        rec.deleted.is_(False))
    totals = Totals()
    for rows in stream_tuples(conn, stmt):
        part = Totals()
        part.add_rows(rows)
        totals.merge(part)
    return totals


def replace_totals(conn: Connection, totals: Totals) -> None:
    """Make ``summary_total`` hold exactly ``totals`` (a repair); the caller holds the feed
    lock and computed ``totals`` under it."""
    conn.execute(delete(total_table))
    rows = [{"street": street, "department": department, "kind": kind, "district": district,
             "count": count, "checksum": to_signed(checksum)}
            for (street, department, kind), (district, count, checksum) in totals.groups.items()]
    if rows:
        conn.execute(insert(total_table), rows)


def max_visible_seq(viewer: Viewer) -> Any:
    """A scalar subquery: the highest seq among the viewer's changes (records and exits)."""
    parts: list[Select] = []
    for prefix in viewer.prefixes:
        for table in (record_table, exit_table):
            parts.append(
                select(func.max(table.c.seq).label("seq"))
                .where(prefix_condition(table, prefix), department_condition(table, viewer))
            )
    merged = union_all(*parts).subquery("tops")
    return select(func.max(merged.c.seq)).scalar_subquery()


def totals_query(viewer: Viewer) -> Select:
    """One row (NULL kind) carrying the cursor, then (kind, count, checksum) of every
    ``summary_total`` group in the viewer's scope — one statement, hence one snapshot."""
    t = total_table.c
    head = select(
        cast(null(), String).label("kind"), cast(null(), BigInteger).label("count"),
        cast(null(), BigInteger).label("checksum"), cast(max_visible_seq(viewer), BigInteger).label("top"),
    )
    parts: list[Select] = [head]
    for prefix in viewer.prefixes:
        parts.append(
            select(t.kind, t.count, t.checksum, cast(null(), BigInteger).label("top"))
            .where(prefix_condition(total_table, prefix), department_condition(total_table, viewer))
        )
    return union_all(*parts)


def recount_query(viewer: Viewer) -> Select:
    """One row (NULL kind) carrying the cursor, then (kind, id, version) of every record the
    viewer may hold — all in one statement, hence one snapshot."""
    rec = record_table.c
    head = select(
        cast(null(), String).label("kind"), cast(null(), String).label("id"),
        literal(0).label("version"), cast(max_visible_seq(viewer), BigInteger).label("top"),
    )
    parts: list[Select] = [head]
    for prefix in viewer.prefixes:
        parts.append(
            select(rec.kind, rec.id, rec.version, cast(null(), BigInteger).label("top")).where(
                prefix_condition(record_table, prefix),
                department_condition(record_table, viewer),
                rec.deleted.is_(False),
            )
        )
    return union_all(*parts)


def stream_tuples(conn: Connection, stmt: Select) -> Iterator[list[tuple[Any, ...]]]:
    """Batches of plain tuples straight from the driver: a server-side cursor on PostgreSQL
    (rows arrive in batches, not all at once), an ordinary one on SQLite (which steps lazily).
    Skipping SQLAlchemy's Row objects makes a recount about 2.5 times faster; the statement
    only carries codes checked by ``Viewer``, so it is rendered with its values inline."""
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    dbapi = conn.connection.dbapi_connection
    if conn.dialect.name == "postgresql":
        cursor = dbapi.cursor(name=f"summary_{uuid.uuid4().hex}")
    else:
        cursor = dbapi.cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(_STREAM_BATCH):
            yield rows
    finally:
        cursor.close()


def empty_summary(viewer: Viewer, cursor: int = 0) -> dict[str, Any]:
    return {
        "cursor": encode_cursor(cursor),
        "scope_epoch": viewer.scope_epoch,
        "kinds": {kind.value: {"count": 0, "checksum": format_checksum(0)} for kind in Kind},
    }


def _summary(viewer: Viewer, cursor: int, counts: dict[str, int], sums: dict[str, int]) -> dict[str, Any]:
    summary = empty_summary(viewer, cursor)
    for kind, count in counts.items():
        summary["kinds"][kind] = {"count": count, "checksum": format_checksum(sums[kind])}
    return summary


def read_summary(conn: Connection, viewer: Viewer) -> dict[str, Any]:
    """The wire ``Summary`` (as a dict) of the records the viewer may hold, with every kind
    listed (count 0 where none), from the running totals."""
    if viewer.holds_nothing():
        return empty_summary(viewer)
    counts = dict.fromkeys((k.value for k in Kind), 0)
    sums = dict.fromkeys(counts, 0)
    cursor = 0
    for kind, count, checksum, top in conn.execute(totals_query(viewer)):
        if kind is None:
            cursor = top or 0
        elif kind in counts:
            counts[kind] += count
            sums[kind] += checksum  # signed or not, the same mod 2**64
    return _summary(viewer, cursor, counts, sums)


def recount(conn: Connection, viewer: Viewer) -> dict[str, Any]:
    """``read_summary`` computed from the records themselves (linear in what the viewer
    holds): what the running totals must always equal."""
    if viewer.holds_nothing():
        return empty_summary(viewer)
    counts = dict.fromkeys((k.value for k in Kind), 0)
    sums = dict.fromkeys(counts, 0)
    cursor = 0
    for rows in stream_tuples(conn, recount_query(viewer)):
        for kind, record_id, version, top in rows:
            if kind is None:
                cursor = top or 0
                continue
            counts[kind] += 1
            sums[kind] += record_hash(record_id, version)
    return _summary(viewer, cursor, counts, sums)
