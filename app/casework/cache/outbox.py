"""The outbox: local edits not yet settled with the hub, in the order they were made.

Each entry is one wire op (``casework.wire.v1.PushOp``) with its client-made ``op_id``, written
in the same local transaction as the edit itself (``casework.cache.edits``). Pulled rows are
never touched: the queries lay these entries over them (``lay_over``).

An entry's life:

- ``pending``: not yet answered by the hub. Sent (and re-sent after any interruption, with the
  same ``op_id`` — the hub answers a replay with its first result) oldest first.
- ``applied`` / ``conflict``: answered. The op no longer goes up, but it stays laid over the
  record until a pull has brought the hub's change (the feed cursor passed the op's ``seq``):
  between the push and the pull the user keeps seeing what they saved, and a conflict keeps
  both values on screen. ``prune`` drops it then.
- ``rejected``: the hub refused it with a reason. It stays, visible, until the user discards it;
  never dropped silently.

A plain table (``schema.outbox``) on purpose: a damaged cache's unsent work can be read and
exported from it row by row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Connection

from casework.domain.kinds_casework import CONFLICTS_FIELD
from casework.domain.merge import overlay
from casework.domain.registry import Sync, spec

if TYPE_CHECKING:
    from casework.cache.store import CacheStore

PENDING = "pending"
APPLIED = "applied"
CONFLICT = "conflict"
REJECTED = "rejected"
ANSWERED = (APPLIED, CONFLICT)

_COLUMNS = ("seq, op_id, kind, record_id, action, base_version, payload, created_at, author, state, "
            "result, hub_version, hub_seq")


@dataclass(frozen=True)
class OutboxEntry:
    """One local edit and, once answered, the hub's answer."""

    seq: int  # the order it was made in
    op_id: str
    kind: str
    record_id: str
    action: str  # create | update | append
    base_version: int | None
    op: Mapping[str, Any]  # the wire op as sent
    created_at: str
    author: str | None
    state: str
    result: Mapping[str, Any] | None = None  # the hub's OpResult
    hub_version: int | None = None
    hub_seq: int | None = None

    @property
    def data(self) -> Mapping[str, Any] | None:
        return self.op.get("data")

    @property
    def changes(self) -> Mapping[str, Mapping[str, Any]]:
        return self.op.get("changes") or {}

    @property
    def resolves(self) -> tuple[str, ...]:
        return tuple(self.op.get("resolves") or ())

    @property
    def error(self) -> Mapping[str, Any] | None:
        """Why the hub refused it (``code``, ``message``), for a rejected entry."""
        return (self.result or {}).get("error")

    @property
    def conflicts(self) -> list[dict[str, Any]]:
        """The conflicts the hub answered with, each with who wanted ``mine`` and when."""
        found = []
        for raw in (self.result or {}).get("conflicts") or ():
            found.append({**raw, "mine_by": raw.get("mine_by") or self.author,
                          "mine_at": raw.get("mine_at") or self.created_at})
        return found

    def superseded(self, cursor: int, pulled_version: int | None) -> bool:
        """An answered entry the pull has caught up with: the pulled record now says it all."""
        if self.state not in ANSWERED:
            return False
        if self.hub_seq is not None:
            return cursor >= self.hub_seq
        return (pulled_version is not None and self.hub_version is not None
                and pulled_version >= self.hub_version)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _entry(row: Sequence[Any]) -> OutboxEntry:
    seq, op_id, kind, record_id, action, base_version, payload, created_at, author, state, result, \
        hub_version, hub_seq = row
    return OutboxEntry(seq, op_id, kind, record_id, action, base_version, orjson.loads(payload),
                       created_at, author, state, orjson.loads(result) if result else None,
                       hub_version, hub_seq)


# --- writing (inside the caller's transaction) -------------------------------------------------

def add(conn: Connection, op: Mapping[str, Any], *, author: str | None, created_at: str) -> int:
    """Append one op to the outbox, in the caller's transaction (the edit's own); its seq."""
    cursor = conn.exec_driver_sql(
        "INSERT INTO outbox (op_id, kind, record_id, action, base_version, payload, created_at, author, "
        "state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (op["op_id"], op["kind"], op["id"], op["action"], op.get("base_version"),
         orjson.dumps(dict(op)).decode(), created_at, author, PENDING))
    return int(cursor.lastrowid)


def settle(conn: Connection, answers: Iterable[tuple[OutboxEntry, Mapping[str, Any]]]) -> None:
    """Record the hub's answers to sent entries, in the caller's transaction. An applied op of a
    hub-only kind (never served back down), or one that changed nothing, leaves at once."""
    at = now_iso()
    gone: list[tuple[str]] = []
    kept: list[tuple[Any, ...]] = []
    for entry, result in answers:
        status = result["status"]
        version, seq = result.get("version"), result.get("seq")
        hub_only = spec(entry.kind).sync is Sync.HUB_ONLY
        if status == APPLIED and (hub_only or (seq is None and version is None)):
            gone.append((entry.op_id,))
            continue
        kept.append((status, orjson.dumps(dict(result)).decode(), version, seq, at, entry.op_id))
    if gone:
        conn.exec_driver_sql("DELETE FROM outbox WHERE op_id = ? AND state = 'pending'", gone)
    if kept:
        conn.exec_driver_sql(
            "UPDATE outbox SET state = ?, result = ?, hub_version = ?, hub_seq = ?, answered_at = ? "
            "WHERE op_id = ? AND state = 'pending'", kept)


def refuse_locally(conn: Connection, op_id: str, code: str, message: str) -> None:
    """Mark an op the client itself cannot send (it fails the wire schema) as rejected, so it
    does not hold up the ones behind it; it stays visible like a hub rejection."""
    result = {"op_id": op_id, "status": REJECTED, "error": {"code": code, "message": message}}
    conn.exec_driver_sql("UPDATE outbox SET state = ?, result = ?, answered_at = ? WHERE op_id = ?",
                         (REJECTED, orjson.dumps(result).decode(), now_iso(), op_id))


def prune(store: CacheStore) -> int:
    """Drop answered entries the pull has caught up with; how many."""
    with store._write() as conn:
        cursor = _cursor(conn)
        rows = conn.exec_driver_sql(
            f"SELECT {_COLUMNS} FROM outbox WHERE state IN ('applied', 'conflict')").all()
        entries = [_entry(r) for r in rows]
        versions = pulled_versions(conn, {e.record_id for e in entries})
        done = [(e.op_id,) for e in entries if e.superseded(cursor, versions.get(e.record_id))]
        if done:
            conn.exec_driver_sql("DELETE FROM outbox WHERE op_id = ?", done)
    return len(done)


def discard(store: CacheStore, op_id: str) -> bool:
    """Drop a rejected entry (the user has seen why and let it go); False if there is none."""
    with store._write() as conn:
        cursor = conn.exec_driver_sql("DELETE FROM outbox WHERE op_id = ? AND state = 'rejected'", (op_id,))
        return cursor.rowcount > 0


# --- reading -----------------------------------------------------------------------------------

def _cursor(conn: Connection) -> int:
    value = conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'cursor'").scalar()
    return int(value or 0)


def pulled_versions(conn: Connection, record_ids: Iterable[str]) -> dict[str, int]:
    ids = list(record_ids)
    if not ids:
        return {}
    rows = conn.exec_driver_sql(
        "SELECT r.id, r.version FROM json_each(?) AS j JOIN record AS r ON r.id = j.value",
        (orjson.dumps(ids).decode(),))
    return {record_id: int(version) for record_id, version in rows}


def entries(conn: Connection, *, record_ids: Iterable[str] | None = None,
            kinds: Iterable[str] | None = None) -> list[OutboxEntry]:
    """Entries in the order they were made, of some records or kinds (all when neither)."""
    sql = f"SELECT {_COLUMNS} FROM outbox"
    params: tuple[Any, ...] = ()
    if record_ids is not None:
        sql += " WHERE record_id IN (SELECT value FROM json_each(?))"
        params = (orjson.dumps(list(record_ids)).decode(),)
    elif kinds is not None:
        sql += " WHERE kind IN (SELECT value FROM json_each(?))"
        params = (orjson.dumps(list(kinds)).decode(),)
    return [_entry(r) for r in conn.exec_driver_sql(sql + " ORDER BY seq", params)]


def cursor_of(conn: Connection) -> int:
    """The pull's feed position (what answered entries are measured against)."""
    return _cursor(conn)


def batch(store: CacheStore, limit: int) -> list[OutboxEntry]:
    """The oldest ``limit`` pending entries."""
    with store._engine.connect() as conn:
        rows = conn.exec_driver_sql(f"SELECT {_COLUMNS} FROM outbox WHERE state = 'pending' "
                                    "ORDER BY seq LIMIT ?", (int(limit),)).all()
    return [_entry(r) for r in rows]


def pending_count(store: CacheStore, *, audit: bool = False) -> int:
    """Edits waiting to go to the hub. Audit events are left out unless ``audit`` (they are
    records of looking, not work the user would miss)."""
    sql = "SELECT count(*) FROM outbox WHERE state = 'pending'"
    if not audit:
        sql += " AND kind != 'audit_event'"
    with store._engine.connect() as conn:
        return int(conn.exec_driver_sql(sql).scalar_one())


def pending_for(store: CacheStore, record_id: str) -> list[OutboxEntry]:
    """A record's entries not yet settled: pending, rejected, and answered ones the pull has
    not caught up with — oldest first."""
    with store._engine.connect() as conn:
        found = entries(conn, record_ids=[record_id])
        cursor = _cursor(conn)
        version = pulled_versions(conn, [record_id]).get(record_id)
    return [e for e in found if not e.superseded(cursor, version)]


def rejected(store: CacheStore) -> list[OutboxEntry]:
    """Every op the hub refused, oldest first, with its reason (``error``)."""
    with store._engine.connect() as conn:
        rows = conn.exec_driver_sql(f"SELECT {_COLUMNS} FROM outbox WHERE state = 'rejected' ORDER BY seq")
        return [_entry(r) for r in rows]


# --- laying over -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Laid:
    """A record as the user sees it, and what of it is local."""

    data: dict[str, Any] | None
    pending: bool  # some edit has not reached the hub yet
    rejected: tuple[Mapping[str, Any], ...]  # the hub's reasons for refused edits
    local_only: bool  # nothing pulled: it exists here only (created here)


def _payload(entry: OutboxEntry) -> dict[str, Any]:
    """What ``merge.overlay`` lays over for an entry. A create shows its author as the hub will
    set it; an answered conflict shows the hub's value of each conflicting field (theirs)."""
    op = dict(entry.op)
    if entry.data is not None:
        op["data"] = {"created_by": entry.author, "created_at": entry.created_at, **entry.data}
    if entry.state == CONFLICT:
        theirs = {c["field"]: c.get("theirs") for c in entry.conflicts}
        op["changes"] = {
            name: ({"from": change.get("from"), "to": theirs[name]} if name in theirs else change)
            for name, change in entry.changes.items()}
    return op


def lay_over(pulled: Mapping[str, Any] | None, found: Sequence[OutboxEntry], cursor: int,
             pulled_version: int | None) -> Laid:
    """The hub's state of one record with its local entries laid over it, oldest first."""
    live = [e for e in found if e.state == PENDING
            or (e.state in ANSWERED and not e.superseded(cursor, pulled_version))]
    refused = [e for e in found if e.state == REJECTED]
    data = overlay(pulled, [_payload(e) for e in live])
    if data is None and refused:  # a refused create: still shown, with why
        data = overlay(None, [_payload(e) for e in refused if e.data is not None][:1])
    if data is not None:
        conflicts = {c["field"]: c for c in data.get(CONFLICTS_FIELD) or ()}
        for entry in live:
            if entry.state == CONFLICT:
                for raw in entry.conflicts:
                    conflicts.setdefault(raw["field"], raw)
                for name in entry.resolves:
                    conflicts.pop(name, None)
            elif entry.state == PENDING:
                for name in entry.resolves:
                    conflicts.pop(name, None)
        if conflicts or CONFLICTS_FIELD in data:
            data[CONFLICTS_FIELD] = list(conflicts.values())
    return Laid(data, any(e.state == PENDING for e in live),
                tuple(e.error or {} for e in refused), pulled is None)
