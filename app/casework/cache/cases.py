"""Casework queries: a household's cases, one case, a case's notes, a worker's open cases —
each the hub's state with the local edits laid over it (``outbox.lay_over``).

Pulled cases and notes are found through the expression indexes of the record table
(``schema.ix_case_household``, ``ix_case_assigned``, ``ix_note_case``); records that exist
only here, or whose local edits move them into a list (a case newly assigned to me), come
from the outbox, which is small. Every row says whether it holds unsent work (``pending``),
its open conflicts (both values, both authors) and, for refused edits, the hub's reasons.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Connection

from casework.cache import outbox
from casework.cache.outbox import OutboxEntry
from casework.domain.kinds_casework import CONFLICTS_FIELD
from casework.domain.merge import Conflict
from casework.domain.records import Kind

if TYPE_CHECKING:
    from casework.cache.store import CacheStore

_STATUS_ORDER = {"open": 0, "on_hold": 1, "closed": 2}
_PRIORITY_ORDER = {"urgent": 0, "high": 1, "normal": 2}
OPEN_STATUSES = frozenset({"open", "on_hold"})

# The same expressions as the indexes (SQLite matches an expression index by its text).
_CASES_OF_HOUSEHOLD = ("SELECT id, version, data FROM record WHERE kind = 'case' "
                       "AND json_extract(data, '$.household_id') = ?")
_CASES_OF_USER = ("SELECT id, version, data FROM record WHERE kind = 'case' "
                  "AND json_extract(data, '$.assigned_to') = ?")
_NOTES_OF_CASE = ("SELECT id, version, data FROM record WHERE kind = 'case_note' "
                  "AND json_extract(data, '$.case_id') = ?")
_BY_IDS = ("SELECT r.id, r.version, r.data FROM json_each(?) AS j JOIN record AS r ON r.id = j.value "
           "WHERE r.kind = ?")


@dataclass(frozen=True)
class CaseRow:
    """A case as the user sees it."""

    id: str
    household_id: str
    category: str
    status: str
    priority: str
    assigned_to: str
    summary: str
    next_contact: str | None
    tags: tuple[str, ...]
    person_ids: tuple[str, ...]
    created_by: str | None
    created_at: str | None
    version: int | None  # of the pulled record; None for a case created here and not yet pulled
    pending: bool  # holds edits not yet at the hub
    conflicts: tuple[Conflict, ...]  # open conflicts, both values each
    rejected: tuple[str, ...] = ()  # the hub's reasons for refused edits of this case
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class NoteRow:
    """A case note; ``pending`` until the hub has it."""

    id: str
    case_id: str
    household_id: str
    written_at: str
    channel: str
    text: str
    offline: bool
    created_by: str | None
    created_at: str | None
    pending: bool
    rejected: str | None = None  # why the hub refused it

    @property
    def author(self) -> str | None:
        return self.created_by


# --- building rows -----------------------------------------------------------------------------

def _reasons(laid: outbox.Laid) -> tuple[str, ...]:
    return tuple(str(e.get("message") or e.get("code") or "") for e in laid.rejected)


def _case_row(record_id: str, version: int | None, laid: outbox.Laid) -> CaseRow | None:
    data = laid.data
    if data is None:
        return None
    return CaseRow(
        id=record_id, household_id=str(data.get("household_id") or ""),
        category=str(data.get("category") or "other"), status=str(data.get("status") or "open"),
        priority=str(data.get("priority") or "normal"), assigned_to=str(data.get("assigned_to") or ""),
        summary=str(data.get("summary") or ""), next_contact=data.get("next_contact") or None,
        tags=tuple(data.get("tags") or ()), person_ids=tuple(data.get("person_ids") or ()),
        created_by=data.get("created_by"), created_at=data.get("created_at"),
        version=None if laid.local_only else version, pending=laid.pending,
        conflicts=tuple(Conflict.from_dict(c) for c in data.get(CONFLICTS_FIELD) or ()),
        rejected=_reasons(laid), data=data)


def _note_row(record_id: str, laid: outbox.Laid) -> NoteRow | None:
    data = laid.data
    if data is None:
        return None
    reasons = _reasons(laid)
    return NoteRow(
        id=record_id, case_id=str(data.get("case_id") or ""),
        household_id=str(data.get("household_id") or ""),
        written_at=str(data.get("written_at") or ""), channel=str(data.get("channel") or ""),
        text=str(data.get("text") or ""), offline=bool(data.get("offline")),
        created_by=data.get("created_by"), created_at=data.get("created_at"),
        pending=laid.pending, rejected=reasons[0] if reasons else None)


def _laid(conn: Connection, kind: str, pulled: dict[str, tuple[int, dict[str, Any]]],
          extra_ids: Iterable[str] = ()) -> dict[str, tuple[int | None, outbox.Laid]]:
    """Every record of ``pulled`` (id → (version, data)) and of ``extra_ids`` with its local
    entries laid over: id → (pulled version, laid)."""
    ids = list(dict.fromkeys([*pulled, *extra_ids]))
    missing = [i for i in ids if i not in pulled]
    if missing:
        for record_id, version, data in conn.exec_driver_sql(_BY_IDS, (orjson.dumps(missing).decode(), kind)):
            pulled[record_id] = (int(version), orjson.loads(data))
    by_record: dict[str, list[OutboxEntry]] = {}
    for entry in outbox.entries(conn, record_ids=ids):
        if entry.kind == kind:
            by_record.setdefault(entry.record_id, []).append(entry)
    cursor = outbox.cursor_of(conn)
    found = {}
    for record_id in ids:
        version, data = pulled.get(record_id, (None, None))
        found[record_id] = (version, outbox.lay_over(data, by_record.get(record_id, []), cursor, version))
    return found


def _pulled(conn: Connection, sql: str, value: str) -> dict[str, tuple[int, dict[str, Any]]]:
    return {record_id: (int(version), orjson.loads(data))
            for record_id, version, data in conn.exec_driver_sql(sql, (value,))}


def _local_ids(conn: Connection, kind: str, field_name: str, value: str) -> list[str]:
    """Records of ``kind`` that the outbox creates with ``data[field_name] == value``."""
    return [e.record_id for e in outbox.entries(conn, kinds=[kind])
            if e.data is not None and e.data.get(field_name) == value]


def _case_order(row: CaseRow) -> tuple[Any, ...]:
    return (_STATUS_ORDER.get(row.status, 3), _PRIORITY_ORDER.get(row.priority, 3),
            row.next_contact is None, row.next_contact or "", _desc(row.created_at or ""))


def _desc(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


# --- queries -------------------------------------------------------------------------------------

def case(store: CacheStore, case_id: str) -> CaseRow | None:
    """One case as the user sees it, or None."""
    with store.read() as conn:
        laid = _laid(conn, Kind.CASE, {}, [case_id])
    version, found = laid[case_id]
    return _case_row(case_id, version, found)


def cases_of_household(store: CacheStore, household_id: str) -> list[CaseRow]:
    """A household's cases: open first, then on hold, then closed; within each the most
    urgent first, then by next contact."""
    with store.read() as conn:
        pulled = _pulled(conn, _CASES_OF_HOUSEHOLD, household_id)
        laid = _laid(conn, Kind.CASE, pulled, _local_ids(conn, Kind.CASE, "household_id", household_id))
    rows = [r for record_id, (version, found) in laid.items()
            if (r := _case_row(record_id, version, found)) is not None and r.household_id == household_id]
    return sorted(rows, key=_case_order)


def open_cases_of(store: CacheStore, username: str) -> list[CaseRow]:
    """The cases assigned to a worker that are not closed (local reassignments included),
    most urgent first."""
    with store.read() as conn:
        pulled = _pulled(conn, _CASES_OF_USER, username)
        local = {e.record_id for e in outbox.entries(conn, kinds=[Kind.CASE])}
        laid = _laid(conn, Kind.CASE, pulled, sorted(local))
    rows = [r for record_id, (version, found) in laid.items()
            if (r := _case_row(record_id, version, found)) is not None
            and r.assigned_to == username and r.is_open]
    return sorted(rows, key=_case_order)


def notes_of_case(store: CacheStore, case_id: str) -> list[NoteRow]:
    """A case's notes, newest first, those not yet at the hub included (``pending``)."""
    with store.read() as conn:
        pulled = _pulled(conn, _NOTES_OF_CASE, case_id)
        laid = _laid(conn, Kind.CASE_NOTE, pulled, _local_ids(conn, Kind.CASE_NOTE, "case_id", case_id))
    rows = [r for record_id, (_version, found) in laid.items()
            if (r := _note_row(record_id, found)) is not None and r.case_id == case_id]
    return sorted(rows, key=lambda n: (n.written_at, n.created_at or ""), reverse=True)
