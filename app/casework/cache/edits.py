"""Local edits: what the screens call to create, change and note records, online or offline.

Each call writes one outbox entry (``casework.cache.outbox``) in one local transaction and
nothing else: the pulled rows stay exactly what the hub sent (its summary checksums keep
verifying them), and every query lays the outbox over them. An update records, for each field
it changes, the value the user saw — the pulled record with the earlier local edits laid over —
so the hub can merge it field by field and tell a conflict from a stale copy.

The values are checked against the kind's declaration (``edit_checks``) before anything is
written: a refusal here says why at once, instead of a rejection at the next sync.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Connection

from casework.cache import outbox
from casework.cache.edit_checks import EditRefused, check_changes, check_new
from casework.cache.outbox import (
    OutboxEntry,
    discard,
    lay_over,
    now_iso,
    pending_count,
    pending_for,
    rejected,
)
from casework.domain.records import Kind
from casework.domain.registry import Sync, spec

if TYPE_CHECKING:
    from casework.cache.store import CacheStore

__all__ = [
    "EditRefused",
    "OutboxEntry",
    "create_record",
    "current",
    "discard",
    "pending_count",
    "pending_for",
    "record_audit",
    "rejected",
    "update_record",
]


OWNER_META = "username"  # the signed-in user this cache belongs to (set at sign-in)


def new_id() -> str:
    return str(uuid.uuid4())


def current(conn: Connection, kind: str, record_id: str) -> tuple[dict[str, Any] | None, int | None]:
    """(the record as the user sees it, the version it is based on), in the caller's transaction:
    the pulled record with the outbox laid over; (None, None) for a record unknown here."""
    row = conn.exec_driver_sql("SELECT version, data FROM record WHERE id = ? AND kind = ?",
                               (record_id, kind)).first()
    pulled, version = (orjson.loads(row[1]), int(row[0])) if row else (None, None)
    found = [e for e in outbox.entries(conn, record_ids=[record_id]) if e.kind == kind]
    laid = lay_over(pulled, found, outbox.cursor_of(conn), version)
    answered = [e.hub_version for e in found if e.state in outbox.ANSWERED and e.hub_version is not None]
    base_version = max([v for v in (version, *answered) if v is not None], default=None)
    return laid.data, base_version


def create_record(store: CacheStore, kind: str, data: Mapping[str, Any], *, user: str) -> str:
    """Create a record here (``create`` for editable kinds, ``append`` for append-only ones); its
    new id. A case note's household is taken from its case when not given, and its time is now
    when not given. ``EditRefused`` when the kind or the values are not allowed."""
    declared = spec(kind)
    if declared.sync not in (Sync.EDITABLE, Sync.APPEND_ONLY):
        raise EditRefused(f"“{declared.zh}”不能在本机新建。 {declared.en} records cannot be created here "
                          f"({declared.sync.value}).")
    values = {k: v for k, v in data.items() if v is not None}
    if kind == Kind.CASE_NOTE:
        values.setdefault("written_at", now_iso())
    record_id = new_id()
    created_at = now_iso()
    with store._write() as conn:
        if kind == Kind.CASE_NOTE and "household_id" not in values and isinstance(values.get("case_id"), str):
            case, _ = current(conn, Kind.CASE, values["case_id"])
            if case is not None and case.get("household_id"):
                values["household_id"] = case["household_id"]
        check_new(declared, values)
        action = "create" if declared.sync is Sync.EDITABLE else "append"
        op = {"op_id": new_id(), "kind": str(declared.name), "id": record_id, "action": action,
              "data": values}
        outbox.add(conn, op, author=user, created_at=created_at)
    return record_id


def update_record(store: CacheStore, kind: str, record_id: str, changes: Mapping[str, Any], *,
                  resolves: Iterable[str] = (), user: str | None = None) -> str:
    """Change fields of an editable record; the op_id. Each changed field carries the value the
    user saw as its base. ``resolves`` names fields whose conflict the user settled: their
    value (in ``changes``, or the one shown when not there — "keep theirs") is the choice.
    Fields whose value does not change are left out. ``user`` (who wants ``mine`` in a conflict)
    defaults to the cache's owner. ``EditRefused`` when nothing would change, the record is
    unknown here, or a value is not allowed."""
    declared = spec(kind)
    if declared.sync is not Sync.EDITABLE:
        raise EditRefused(f"“{declared.zh}”记录不能修改。 {declared.en} records cannot be changed "
                          f"({declared.sync.value}).")
    settled = list(dict.fromkeys(resolves))
    check_changes(declared, changes, settled)
    user = user or store.meta(OWNER_META)
    op_id = new_id()
    with store._write() as conn:
        seen, base_version = current(conn, kind, record_id)
        if seen is None:
            raise EditRefused(f"本机没有这条记录。 No such record here: {kind} {record_id}.")
        fields = {name: {"from": seen.get(name), "to": value} for name, value in changes.items()
                  if name in settled or seen.get(name) != value}
        if not fields and not settled:
            raise EditRefused("没有需要保存的修改。 Nothing to save: every value is as shown.")
        op: dict[str, Any] = {"op_id": op_id, "kind": str(declared.name), "id": record_id, "action": "update",
                              "base_version": base_version, "changes": fields}
        if settled:
            op["resolves"] = settled
        outbox.add(conn, op, author=user, created_at=now_iso())
    return op_id


def record_audit(store: CacheStore, action: str, *, household_id: str | None = None,
                 record_id: str | None = None, record_kind: str | None = None,
                 purpose: str | None = None, offline: bool) -> None:
    """Write the audit event of one thing the user did (a household opened, …): every time,
    offline too; it goes up with the next push and is never laid over anything here."""
    declared = spec(Kind.AUDIT_EVENT)
    data = {"action": action, "at": now_iso(), "household_id": household_id, "record_id": record_id,
            "record_kind": record_kind, "purpose": purpose, "offline": bool(offline)}
    values = {k: v for k, v in data.items() if v is not None}
    check_new(declared, values)
    op = {"op_id": new_id(), "kind": Kind.AUDIT_EVENT.value, "id": new_id(), "action": "append",
          "data": values}
    with store._write() as conn:
        outbox.add(conn, op, author=None, created_at=values["at"])
