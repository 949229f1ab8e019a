"""Writing one page of changes, inside the caller's transaction, in a handful of statements.

First one query finds what the cache already holds of the page's records (their rowids,
versions, indexed values and search rows). Then: removals, one ``executemany`` upsert of the
records, the search rows, the search tokens that changed, and the per-kind holdings.

Index churn is what a page costs on disk: every index entry touched dirties a page that is
encrypted and written at commit. SQLite rewrites the entries of every indexed column named in
an UPDATE's SET list, changed or not, so the upsert never names the indexed columns
(``household_id``, ``link_id``); rows whose indexed values really changed get a second,
targeted UPDATE. Search rows are compared with what is held and only real changes are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection

from casework.cache import search_index
from casework.cache.ingest import UPSERT_RECORD, columns_of, record_row
from casework.cache.search_index import SEARCHABLE_COLUMNS
from casework.domain.checksum import format_checksum, record_hash
from casework.domain.records import Kind

_MOD = 1 << 64

# Columns of ``searchable`` with a B-tree index (``kind`` is in one's WHERE clause) and the rest.
_INDEXED = ("household_id", "name", "id_rev", "phone_rev")
_PLAIN = tuple(c for c in SEARCHABLE_COLUMNS if c not in (*_INDEXED, "rid", "kind", "record_id"))
_POS = {c: i for i, c in enumerate(SEARCHABLE_COLUMNS)}


@dataclass(frozen=True)
class AppliedPage:
    upserted: int
    removed: int  # removals of records the cache held


@dataclass(frozen=True, slots=True)
class Held:
    """What the cache holds of a record the page names."""

    rid: int
    kind: str
    version: int
    household_id: str | None
    link_id: str | None
    searchable: tuple | None  # its ``searchable`` row, in SEARCHABLE_COLUMNS order


# By ``record.id`` (UNIQUE, never deferred) and ``searchable.rid``: index lookups only, so a
# page costs the same in a cache of any size (tests/cache/test_deferred_indexes checks the plan).
HELD_SQL = (
    "SELECT r.id, r.rid, r.kind, r.version, r.household_id, r.link_id, "
    + ", ".join(f"s.{c}" for c in SEARCHABLE_COLUMNS)
    + " FROM json_each(?) AS j JOIN record AS r ON r.id = j.value LEFT JOIN searchable AS s ON s.rid = r.rid"
)


def held_records(conn: Connection, ids: list[str]) -> dict[str, Held]:
    if not ids:
        return {}
    rows = conn.exec_driver_sql(HELD_SQL, (orjson.dumps(ids).decode(),))
    return {row[0]: Held(*row[1:6], searchable=tuple(row[6:]) if row[6] is not None else None)
            for row in rows}


class _Plan:
    """The statements' parameters, gathered in one pass over the page."""

    def __init__(self) -> None:
        self.records: list[tuple] = []
        self.relinked: list[tuple] = []  # (household_id, link_id, rid)
        self.removed: list[tuple[int]] = []
        self.new_rows: list[tuple] = []  # searchable rows to insert
        self.changed_rows: list[tuple[tuple, tuple]] = []  # (held row, new row)
        self.dropped_rows: list[tuple] = []  # held searchable rows whose record is gone
        self.deltas: dict[str, list[int]] = {}

    def count(self, kind: str, record_id: str, version: int, sign: int) -> None:
        delta = self.deltas.setdefault(kind, [0, 0])
        delta[0] += sign
        delta[1] += sign * record_hash(record_id, version)

    def search_row(self, held: Held | None, row: tuple | None) -> None:
        old = held.searchable if held else None
        if old is not None and (row is None or row[1] != old[1]):  # gone, or a different kind
            self.dropped_rows.append(old)
            old = None
        if row is None:
            return
        if old is None:
            self.new_rows.append(row)
        elif old != row:
            self.changed_rows.append((old, row))


def write_page(conn: Connection, latest: dict[str, dict[str, Any]], held: dict[str, Held],
               *, maintain_index: bool) -> AppliedPage:
    plan = _Plan()
    next_rid = (conn.exec_driver_sql("SELECT max(rid) FROM record").scalar() or 0) + 1
    for record_id, change in latest.items():
        old = held.get(record_id)
        if old is not None:
            plan.count(old.kind, record_id, old.version, -1)
        if change["op"] == "remove":
            if old is not None:
                plan.removed.append((old.rid,))
                plan.search_row(old, None)
            continue
        rid = old.rid if old is not None else next_rid
        next_rid += old is None
        kind, data = change["kind"], change["data"]
        plan.records.append(record_row(rid, change))
        plan.count(kind, record_id, int(change["version"]), +1)
        if old is not None:
            household_id, _person, _fact, link_id = columns_of(kind, record_id, data)
            if (household_id, link_id) != (old.household_id, old.link_id):
                plan.relinked.append((household_id, link_id, rid))
        row = None
        if kind == Kind.PERSON:
            row = search_index.person_row(rid, record_id, data)
        elif kind == Kind.HOUSEHOLD:
            row = search_index.household_row(rid, record_id, data)
        plan.search_row(old, row)
    _execute(conn, plan, maintain_index)
    return AppliedPage(upserted=len(plan.records), removed=len(plan.removed))


def _execute(conn: Connection, plan: _Plan, maintain_index: bool) -> None:
    run = conn.exec_driver_sql
    retokened = [(old, new) for old, new in plan.changed_rows
                 if search_index.indexed_part(old) != search_index.indexed_part(new)]
    if maintain_index:
        search_index.remove_tokens(conn, [search_index.indexed_part(r) for r in plan.dropped_rows]
                                   + [search_index.indexed_part(old) for old, _ in retokened])
    if plan.dropped_rows:
        run("DELETE FROM searchable WHERE rid = ?", [(r[0],) for r in plan.dropped_rows])
    if plan.removed:
        run("DELETE FROM record WHERE rid = ?", plan.removed)
    if plan.records:
        run(UPSERT_RECORD, plan.records)
    if plan.relinked:
        run("UPDATE record SET household_id = ?, link_id = ? WHERE rid = ?", plan.relinked)
    if plan.new_rows:
        run(search_index.INSERT_SEARCHABLE, plan.new_rows)
    if plan.changed_rows:
        _update_search_rows(conn, plan.changed_rows)
    if maintain_index:
        search_index.add_tokens(conn, plan.new_rows + [new for _, new in retokened])
    _apply_holding_deltas(conn, plan.deltas)


def _update_search_rows(conn: Connection, changed: list[tuple[tuple, tuple]]) -> None:
    """Plain columns in one statement; each indexed column only where it changed."""
    assignments = ", ".join(f"{c} = ?" for c in _PLAIN)
    conn.exec_driver_sql(f"UPDATE searchable SET {assignments} WHERE rid = ?",
                         [(*(new[_POS[c]] for c in _PLAIN), new[0]) for _, new in changed])
    for column in _INDEXED:
        i = _POS[column]
        params = [(new[i], new[0]) for old, new in changed if old[i] != new[i]]
        if params:
            conn.exec_driver_sql(f"UPDATE searchable SET {column} = ? WHERE rid = ?", params)


def _apply_holding_deltas(conn: Connection, deltas: dict[str, list[int]]) -> None:
    if not deltas:
        return
    current = {kind: (count, int(checksum, 16)) for kind, count, checksum in
               conn.exec_driver_sql("SELECT kind, count, checksum FROM holding")}
    updates = []
    for kind, (count_delta, sum_delta) in deltas.items():
        count, total = current.get(kind, (0, 0))
        updates.append((kind, count + count_delta, format_checksum((total + sum_delta) % _MOD)))
    conn.exec_driver_sql(
        "INSERT INTO holding (kind, count, checksum) VALUES (?, ?, ?) "
        "ON CONFLICT (kind) DO UPDATE SET count = excluded.count, checksum = excluded.checksum",
        updates)
