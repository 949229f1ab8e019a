"""Writing records so that the change feed stays exact: every committed change gets a feed
sequence number, in commit order.

Why commit order: a client pulls "changes after my cursor". If two transactions took seq 10
and 11 and 11 committed first, a client could read 11, move its cursor past 10, and never
see 10. Here every writer first locks the one ``feed_counter`` row (``UPDATE … SET value =
value``) and holds that row lock until it commits, then allocates its numbers with ``UPDATE …
SET value = value + n RETURNING value``. Writers are thereby serialized on the counter, so a
transaction that commits later always gets larger numbers, and once a reader sees seq N every
smaller seq is already committed. On SQLite the first ``UPDATE`` takes the database write lock,
which gives the same guarantee.

Callers own the transaction: call these functions inside it and commit; call them before
reading anything you mean to write back (the lock is taken first thing, and on SQLite a read
before the first write is not part of the transaction).

A record whose street changes leaves a ``record_exit`` row for the old area with a seq lower
than its new one, so users scoped to the old street get a ``remove`` before anyone sees it
elsewhere. A deleted record stays as a tombstone (``deleted``) at a new seq.

Summary totals: every write also updates ``summary_total`` (count and checksum per street,
department and kind of the live records, ``casework.hub.summary``) in the same transaction,
under the same lock: an update takes the old (id, version) out of its old group and puts the
new one into its new group (a move changes the street; a tombstone joins no group).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection, Row, bindparam, insert, select, update

from casework.domain.records import Kind
from casework.hub.envelope import envelope
from casework.hub.schema import FeedCounter, Record, RecordExit, utcnow
from casework.hub.summary import Totals

record_table = Record.__table__
exit_table = RecordExit.__table__
counter_table = FeedCounter.__table__

FEED_COUNTER = "feed"
_LOOKUP_CHUNK = 500  # ids per IN (...) when loading stored records
_KINDS = frozenset(k.value for k in Kind)


class RecordNotFound(LookupError):
    """The record to delete or move is not in the hub (or is already deleted)."""


@dataclass(frozen=True)
class RecordWrite:
    """The whole new state of one record. ``deleted`` turns it into a tombstone."""

    kind: str
    id: str
    area: str  # 12-digit community code
    data: dict[str, Any] = field(repr=False)
    deleted: bool = False
    # the line of business of the parent record, for a kind that takes its own from it (a case
    # note from its case); a stored record passes its own department back
    parent_department: str | None = None


def lock_feed(conn: Connection) -> int:
    """Take the feed counter's row lock for the rest of the caller's transaction (no number is
    used); returns the counter's current value. Safe to call more than once."""
    return conn.execute(
        update(counter_table)
        .where(counter_table.c.name == FEED_COUNTER)
        .values(value=counter_table.c.value)
        .returning(counter_table.c.value)
    ).scalar_one()


def _allocate(conn: Connection, count: int) -> int:
    """Reserve ``count`` consecutive sequence numbers; returns the first."""
    top = conn.execute(
        update(counter_table)
        .where(counter_table.c.name == FEED_COUNTER)
        .values(value=counter_table.c.value + count)
        .returning(counter_table.c.value)
    ).scalar_one()
    return top - count + 1


def _load_stored(conn: Connection, ids: Sequence[str]) -> dict[str, Row]:
    cols = record_table.c
    stmt = select(
        cols.id, cols.kind, cols.version, cols.seq, cols.district, cols.street, cols.area,
        cols.department, cols.deleted, cols.data,
    ).where(cols.id.in_(bindparam("ids", expanding=True)))
    stored: dict[str, Row] = {}
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        for row in conn.execute(stmt, {"ids": list(ids[start:start + _LOOKUP_CHUNK])}):
            stored[row.id] = row
    return stored


def _check(write: RecordWrite) -> None:
    if write.kind not in _KINDS:
        raise ValueError(f"unknown record kind {write.kind!r}")
    try:
        canonical = str(uuid.UUID(write.id))
    except (ValueError, TypeError):
        canonical = None
    if canonical != write.id:
        raise ValueError(f"record id must be a lower-case UUID, got {write.id!r}")


def write_records(conn: Connection, records: Sequence[RecordWrite]) -> list[int]:
    """Insert or update records in the caller's transaction; returns each record's seq, in
    the order given. An update bumps the version; a write identical to what is stored (same
    data, area and deleted flag) changes nothing and returns the stored seq."""
    if not records:
        return []
    ids = [w.id for w in records]
    if len(set(ids)) != len(ids):
        raise ValueError("a record id appears twice in one write; write it once with its final state")
    for write in records:
        _check(write)

    lock_feed(conn)
    stored = _load_stored(conn, ids)

    changed: list[tuple[int, dict[str, Any], Row | None]] = []  # (index, columns, stored row)
    exits: list[Row] = []
    seqs: list[int] = [0] * len(records)
    for index, write in enumerate(records):
        columns = envelope(write.kind, write.id, write.area, write.data, write.parent_department)
        columns["deleted"] = write.deleted
        old = stored.get(write.id)
        if old is None:
            if write.deleted:
                raise RecordNotFound(f"记录不存在 cannot delete unknown record {write.id}")
        else:
            if old.kind != write.kind:
                raise ValueError(f"record {write.id} is a {old.kind}, cannot rewrite it as {write.kind}")
            if (old.data == columns["data"] and old.area == write.area
                    and bool(old.deleted) == write.deleted):
                seqs[index] = old.seq
                continue
            if not old.deleted and old.street != columns["street"]:
                exits.append(old)
        changed.append((index, columns, old))

    if not changed:
        return seqs
    next_seq = _allocate(conn, len(exits) + len(changed))
    if exits:
        exit_rows = []
        for old in exits:
            exit_rows.append({
                "seq": next_seq, "record_id": old.id, "kind": old.kind, "version": old.version,
                "district": old.district, "street": old.street, "area": old.area,
                "department": old.department,
            })
            next_seq += 1
        conn.execute(insert(exit_table), exit_rows)

    now = utcnow()
    new_rows: list[dict[str, Any]] = []
    updated_rows: list[dict[str, Any]] = []
    totals = Totals()
    for index, columns, old in changed:
        columns["seq"] = seqs[index] = next_seq
        columns["updated_at"] = now
        next_seq += 1
        if old is not None and not old.deleted:
            totals.remove(old.district, old.street, old.department, old.kind, old.id, old.version)
        version = columns["version"] = 1 if old is None else old.version + 1
        if not columns["deleted"]:
            totals.add(columns["district"], columns["street"], columns["department"], columns["kind"],
                       columns["id"], version)
        if old is None:
            new_rows.append(columns)
        else:
            columns["record_id"] = columns.pop("id")
            updated_rows.append(columns)
    if new_rows:
        conn.execute(insert(record_table), new_rows)
    if updated_rows:
        # executemany: the SET clause is every key of the rows but the bound ``record_id``
        conn.execute(update(record_table).where(record_table.c.id == bindparam("record_id")), updated_rows)
    totals.apply(conn)
    return seqs


def _stored_writes(rows: Sequence[Row]) -> list[RecordWrite]:
    return [RecordWrite(r.kind, r.id, r.area, orjson.loads(r.data), parent_department=r.department)
            for r in rows]


def delete_record(conn: Connection, record_id: str) -> int:
    """Delete one record (it becomes a tombstone, served as a ``remove``); returns its seq.
    Raises RecordNotFound if the hub does not hold it or it is already deleted."""
    lock_feed(conn)
    old = _load_stored(conn, [record_id]).get(record_id)
    if old is None or old.deleted:
        raise RecordNotFound(f"记录不存在或已删除 record {record_id} not found or already deleted")
    (write,) = _stored_writes([old])
    return write_records(conn, [RecordWrite(write.kind, write.id, write.area, write.data, deleted=True,
                                            parent_department=write.parent_department)])[0]


def move_household(
    conn: Connection, household_id: str, new_area: str, new_address: dict[str, Any]
) -> list[int]:
    """Move a household, with every record filed under it (people, facts, certificates,
    grants), to a new community; the household's address becomes ``new_address``.

    Departments' own address facts are left as they are: when they disagree with the move,
    that disagreement is data to report, not to hide. Returns the seqs of the written
    records (household first)."""
    if new_address.get("community") != new_area:
        raise ValueError(
            f"新地址的社区代码 {new_address.get('community')!r} 与 {new_area!r} 不符 "
            "the new address must lie in the new area"
        )
    lock_feed(conn)
    cols = record_table.c
    rows = conn.execute(
        select(cols.id, cols.kind, cols.area, cols.department, cols.data)
        .where(cols.household_id == household_id, cols.deleted.is_(False))
        .order_by(cols.seq)
    ).all()
    household = [r for r in rows if r.id == household_id and r.kind == Kind.HOUSEHOLD]
    if not household:
        raise RecordNotFound(f"户不存在 household {household_id} not found")
    members = [r for r in rows if r.id != household_id]
    writes = []
    for write in _stored_writes(household + members):
        data = write.data
        if write.kind == Kind.HOUSEHOLD:
            data = {**data, "address": new_address}
        writes.append(RecordWrite(write.kind, write.id, new_area, data,
                                  parent_department=write.parent_department))
    return write_records(conn, writes)
