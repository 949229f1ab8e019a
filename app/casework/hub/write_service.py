"""The hub's one write service: every change a user makes — pushed by the desktop client now,
made by department import or administration later — goes through ``apply_ops``.

One batch, one transaction, holding the feed lock (``feed_writer.lock_feed``) from its first
statement: seqs stay in commit order, and two batches touching the same record (from two hub
processes) are decided one after the other, so each field's change applies once and the other
conflicts. Each op is planned against the records as they are (including what earlier ops of the
batch did) and then written in its own SAVEPOINT: an op that is refused or fails rolls back alone
and the rest of the batch still applies.

Idempotent by the client's ``op_id``: an op answered before (applied or in conflict) is kept in
``applied_op`` with its first result; the same op again — replayed in the same batch, by a retry,
or by another device of the same user — gets that result back and changes nothing. An op_id used
by another user, or for another record, is refused (``op_reused``). Refusals are not stored: a
refused op wrote nothing, and asking again is asked again.

Every applied op leaves a revision (``casework.hub.revisions``): user, device, time, op_id, the
version it made and each field's before and after. Audit events (``audit_event`` kind, hub-only)
go to the ``audit_event`` table, never to ``record``, with user and device from the token.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from casework.domain.merge import Change, merge_update
from casework.domain.registry import KindSpec, Sync
from casework.domain.validation import Problem
from casework.hub import write_rules as rules
from casework.hub.auth import Account
from casework.hub.feed_writer import RecordWrite, lock_feed, write_records
from casework.hub.revisions import add_revisions, field_diff, last_writers
from casework.hub.schema import AppliedOp, AuditEvent, Record, utcnow
from casework.hub.scope import Viewer
from casework.hub.write_rules import Rejected
from casework.wire import v1

log = logging.getLogger(__name__)

applied_table = AppliedOp.__table__
audit_table = AuditEvent.__table__
record_table = Record.__table__
_CHUNK = 500


@dataclass
class Stored:
    """A record as the batch sees it: as stored, then as earlier ops of the batch left it."""

    id: str
    kind: str
    area: str
    department: str
    version: int
    seq: int
    deleted: bool
    household_id: str | None
    data: dict[str, Any] = field(repr=False)


@dataclass
class Planned:
    """What one accepted op will write, and what it answers."""

    op: v1.PushOp
    result: v1.OpResult
    write: RecordWrite | None = None  # the record's new state (None: nothing to write)
    stored: Stored | None = None  # the record's new state as the batch will see it
    revision: dict[str, Any] | None = None
    audit: dict[str, Any] | None = None


class _Batch:
    """One batch of ops by one user from one device, in one transaction."""

    def __init__(self, conn: Connection, account: Account, device_id: str | None) -> None:
        self.conn = conn
        self.account = account
        self.device_id = device_id
        self.viewer = Viewer(
            username=account.username, role=account.role.value, district=account.district,
            scope=account.scope, clearance=account.clearance, departments=account.departments,
        )
        self.now = utcnow()
        self.now_iso = self.now.isoformat(timespec="milliseconds")
        self.records: dict[str, Stored] = {}
        self.seen: dict[str, tuple[dict[str, Any], v1.OpResult]] = {}
        self.answered: list[dict[str, Any]] = []  # applied_op rows to insert
        self.checked: dict[int, KindSpec | Rejected] = {}  # by id(op): what ``check`` said before the lock

    # --- loading ---------------------------------------------------------------------------

    def load(self, ops: Sequence[v1.PushOp]) -> None:
        op_ids = list(dict.fromkeys(op.op_id for op in ops))
        a = applied_table.c
        stmt = select(a.op_id, a.username, a.kind, a.record_id, a.action, a.result).where(
            a.op_id.in_(bindparam("ids", expanding=True)))
        for start in range(0, len(op_ids), _CHUNK):
            for row in self.conn.execute(stmt, {"ids": op_ids[start:start + _CHUNK]}):
                key = {"username": row.username, "kind": row.kind, "record_id": row.record_id,
                       "action": row.action}
                self.seen[row.op_id] = (key, v1.OpResult.model_validate_json(row.result))
        wanted: set[str] = set()
        for op in ops:
            wanted.add(op.id)
            if isinstance(op.data, dict):
                wanted.update(v for v in op.data.values() if isinstance(v, str) and len(v) == 36)
                for values in op.data.values():
                    if isinstance(values, list):
                        wanted.update(v for v in values[:200] if isinstance(v, str) and len(v) == 36)
        self._load_records(sorted(wanted))

    def _load_records(self, ids: list[str]) -> None:
        r = record_table.c
        stmt = select(r.id, r.kind, r.area, r.department, r.version, r.seq, r.deleted, r.household_id,
                      r.data).where(r.id.in_(bindparam("ids", expanding=True)))
        for start in range(0, len(ids), _CHUNK):
            for row in self.conn.execute(stmt, {"ids": ids[start:start + _CHUNK]}):
                self.records[row.id] = Stored(row.id, row.kind, row.area, row.department, row.version,
                                              row.seq, bool(row.deleted), row.household_id,
                                              orjson.loads(row.data))

    # --- ops, in rounds ---------------------------------------------------------------------

    def run(self, ops: Sequence[v1.PushOp]) -> list[v1.OpResult]:
        """Answer every op, in order. Ops are planned one after the other against the records
        as earlier ops left them, and written in rounds: a run of ops touching distinct records
        is written together (one ``write_records`` call, one insert of revisions) in one
        savepoint; should the database refuse a round, it rolls back and its ops are written
        again one by one, each in its own savepoint, so only the op at fault is refused."""
        results: list[v1.OpResult | None] = [None] * len(ops)
        index = 0
        while index < len(ops):
            round_: list[tuple[int, Planned]] = []
            touched: dict[str, Stored | None] = {}  # record id -> as before the round
            while index < len(ops):
                op = ops[index]
                if op.id in touched:
                    break  # a record is written once per round: its next op opens the next round
                known = self._known(op)
                if known is not None:
                    results[index] = known
                else:
                    try:
                        planned = self.plan(op)
                    except Rejected as refusal:
                        results[index] = self._rejected(op, refusal)
                    else:
                        if planned.stored is not None:
                            touched[op.id] = self.records.get(op.id)
                            self.records[op.id] = planned.stored
                        self.seen[op.op_id] = (self._key(op), planned.result)
                        round_.append((index, planned))
                index += 1
            if not round_:
                continue
            if self.write([planned for _, planned in round_]):
                for at, planned in round_:
                    results[at] = planned.result
                    self._answered(planned)
                continue
            for record_id, before in touched.items():  # the database is back where the round began
                if before is None:
                    self.records.pop(record_id, None)
                else:
                    self.records[record_id] = before
            for _, planned in round_:
                self.seen.pop(planned.op.op_id, None)
            for at, planned in round_:
                results[at] = self.answer_alone(planned.op)
        return [r for r in results if r is not None]

    def _known(self, op: v1.PushOp) -> v1.OpResult | None:
        """The first result of an op seen before (refused if its op_id was someone else's)."""
        prior = self.seen.get(op.op_id)
        if prior is None:
            return None
        key, result = prior
        if key != self._key(op):
            return self._rejected(op, rules.op_reused(op.op_id))
        return result

    def answer_alone(self, op: v1.PushOp) -> v1.OpResult:
        """One op planned and written in its own savepoint."""
        known = self._known(op)
        if known is not None:
            return known
        try:
            planned = self.plan(op)
        except Rejected as refusal:
            return self._rejected(op, refusal)
        if not self.write([planned]):
            return self._rejected(op, Rejected("invalid", "数据库拒绝了此操作。",
                                               "The hub's database refused this operation."))
        if planned.stored is not None:
            self.records[planned.stored.id] = planned.stored
        self.seen[op.op_id] = (self._key(op), planned.result)
        self._answered(planned)
        return planned.result

    def _answered(self, planned: Planned) -> None:
        op = planned.op
        self.answered.append({**self._key(op), "op_id": op.op_id, "device_id": self.device_id,
                              "status": planned.result.status,
                              "result": planned.result.model_dump_json(exclude_none=True),
                              "applied_at": self.now})

    def _key(self, op: v1.PushOp) -> dict[str, Any]:
        return {"username": self.account.username, "kind": op.kind, "record_id": op.id, "action": op.action}

    @staticmethod
    def _rejected(op: v1.PushOp, refusal: Rejected) -> v1.OpResult:
        return v1.OpResult(op_id=op.op_id, status="rejected", error=refusal.detail())

    def plan(self, op: v1.PushOp) -> Planned:
        checked = self.checked.get(id(op))
        if isinstance(checked, Rejected):
            raise checked
        if checked is None:
            checked = rules.check(op, self.account.role, self.account.clearance)
        declared = checked
        if declared.sync is Sync.HUB_ONLY:
            return self._plan_audit(op)
        if op.action == "update":
            return self._plan_update(declared, op)
        return self._plan_create(declared, op)

    def _plan_create(self, declared: KindSpec, op: v1.PushOp) -> Planned:
        data = dict(op.data or {})
        if op.id in self.records:
            raise rules.already_exists(op.id)
        parent = self._parent(declared, data)
        department = declared.department_of(data, parent.department).value
        if department not in self.viewer.departments:
            raise rules.wrong_line_of_business(department)
        self._check_links(declared, data, parent)
        for name, value in (("created_by", self.account.username), ("created_at", self.now_iso)):
            spec_field = declared.field(name)
            if spec_field is not None and spec_field.hub_set:
                data[name] = value
        household = declared.household_of(op.id, data)
        stored = Stored(op.id, declared.name, parent.area, department, 1, 0, False, household, data)
        return Planned(
            op, v1.OpResult(op_id=op.op_id, status="applied", version=1),
            write=RecordWrite(declared.name, op.id, parent.area, data, parent_department=parent.department),
            stored=stored,
            revision=self._revision(op, stored, field_diff(None, data)),
        )

    def _parent(self, declared: KindSpec, data: dict[str, Any]) -> Stored:
        """The record a new one hangs on (its area and, for a note, its line of business): it
        must be at the hub and the user must hold it."""
        parent_id = data.get(declared.area_from or "")
        kind = rules.parent_kind(declared)
        parent = self.records.get(parent_id) if isinstance(parent_id, str) else None
        what_zh, what_en = ("户", "household") if kind == "household" else ("上级记录", kind or "record")
        if parent is None or parent.deleted or parent.kind != kind:
            raise rules.not_found(what_zh, what_en, str(parent_id))
        if not any(parent.area.startswith(p) for p in self.viewer.prefixes):
            raise rules.out_of_scope(what_zh, what_en)
        if parent.department not in self.viewer.departments:
            raise rules.wrong_line_of_business(parent.department)
        return parent

    def _check_links(self, declared: KindSpec, data: dict[str, Any], parent: Stored) -> None:
        """A new record names the household of its parent, and people of that household only:
        otherwise a case could be filed where its people are not (and carry them elsewhere)."""
        household = parent.id if parent.kind == "household" else parent.household_id
        problems = []
        name = declared.links.household
        if name and data.get(name) != household:
            problems.append(Problem("household_mismatch", name, "与上级记录的户不一致。",
                                    "does not name the household of the record it belongs to."))
        for persons in declared.links.persons:
            named = data.get(persons)  # a list of ids (a case's people) or one id (a plan's person)
            for person_id in [named] if isinstance(named, str) else named or ():
                person = self.records.get(person_id)
                if person is None or person.deleted or person.kind != "person" or \
                        person.household_id != household:
                    problems.append(Problem("not_of_household", persons, "列出的人员不属于该户。",
                                            "lists someone who is not of this household."))
                    break
        if problems:
            raise rules.invalid(problems)

    def _plan_update(self, declared: KindSpec, op: v1.PushOp) -> Planned:
        current = self.records.get(op.id)
        if current is None or current.deleted or current.kind != declared.name:
            raise rules.not_found(declared.zh, declared.en.lower(), op.id)
        if not any(current.area.startswith(p) for p in self.viewer.prefixes):
            raise rules.out_of_scope(declared.zh, declared.en.lower())
        if current.department not in self.viewer.departments:
            raise rules.wrong_line_of_business(current.department)
        raw = op.changes or {}
        resolves = list(op.resolves or ())
        changes = {name: Change(c.base, c.to) for name, c in raw.items()}
        rules.check_clearance(declared.name, [*changes, *resolves], self.viewer.clearance, current.data,
                              {**current.data, **{n: c.to for n, c in changes.items()}})
        merged = merge_update(current.data, changes, author=self.account.username, at=self.now_iso,
                              resolves=resolves)
        if merged.conflicts:  # name who saved the value each conflict collides with
            writers = last_writers(self.conn, op.id, [c.field for c in merged.conflicts])
            merged = merge_update(current.data, changes, author=self.account.username, at=self.now_iso,
                                  last_writers=writers, resolves=resolves)
        department = declared.department_of(merged.data, current.department).value
        if department not in self.viewer.departments:
            raise rules.wrong_line_of_business(department)
        conflicts = [v1.FieldConflict(field=c.field, base=c.base, theirs=c.theirs, mine=c.mine, by=c.by,
                                      at=c.at) for c in merged.conflicts]
        status = "conflict" if conflicts else "applied"
        diff = field_diff(current.data, merged.data)
        if not diff:  # already as wanted (the same change made on both sides)
            result = v1.OpResult(op_id=op.op_id, status=status, version=current.version, seq=current.seq)
            return Planned(op, result, revision=self._revision(op, current, {}))
        stored = Stored(current.id, current.kind, current.area, department, current.version + 1, 0,
                        False, current.household_id, merged.data)
        return Planned(
            op, v1.OpResult(op_id=op.op_id, status=status, version=stored.version,
                            conflicts=conflicts or None),
            write=RecordWrite(declared.name, op.id, current.area, merged.data,
                              parent_department=current.department),
            stored=stored,
            revision=self._revision(op, stored, diff),
        )

    def _plan_audit(self, op: v1.PushOp) -> Planned:
        """An audit event records the user's own action: accepted even where the household has
        since left their scope, always under the token's user and device."""
        data = op.data or {}
        at = dt.datetime.fromisoformat(data["at"]).astimezone(dt.UTC)
        detail = {"event_id": op.id, "op_id": op.op_id, "record_id": data.get("record_id"),
                  "record_kind": data.get("record_kind"), "household_id": data.get("household_id"),
                  "offline": data.get("offline"), "received_at": self.now_iso}
        audit = {"at": at, "username": self.account.username, "device_id": self.device_id,
                 "action": data["action"], "subject": data.get("household_id") or data.get("record_id"),
                 "purpose": data.get("purpose"), "detail": orjson.dumps(detail).decode()}
        return Planned(op, v1.OpResult(op_id=op.op_id, status="applied"), audit=audit)

    def _revision(self, op: v1.PushOp, stored: Stored, diff: dict[str, list[Any]]) -> dict[str, Any]:
        return {"record_id": stored.id, "kind": stored.kind, "household_id": stored.household_id,
                "version": stored.version, "seq": stored.seq or None, "op_id": op.op_id, "action": op.action,
                "username": self.account.username, "device_id": self.device_id, "at": self.now,
                "changes": diff}

    # --- writing ---------------------------------------------------------------------------

    def write(self, round_: list[Planned]) -> bool:
        """Write planned ops (each touching a different record) in one savepoint; False, with
        the savepoint rolled back, if the database refuses any of it."""
        writes = [p for p in round_ if p.write is not None]
        try:
            with self.conn.begin_nested():
                seqs = write_records(self.conn, [p.write for p in writes if p.write is not None])
                for planned, seq in zip(writes, seqs, strict=True):
                    assert planned.stored is not None and planned.revision is not None
                    planned.result.seq = planned.stored.seq = planned.revision["seq"] = seq
                add_revisions(self.conn, [p.revision for p in round_ if p.revision is not None])
                audits = [p.audit for p in round_ if p.audit is not None]
                if audits:
                    self.conn.execute(insert(audit_table), audits)
        except IntegrityError as exc:
            log.warning("ops %s refused by the database: %s", [p.op.op_id for p in round_], exc.orig)
            return False
        return True

    def finish(self) -> None:
        if self.answered:
            self.conn.execute(insert(applied_table), self.answered)


def apply_ops(
    target: Engine | Connection, account: Account, device_id: str | None, ops: Sequence[v1.PushOp]
) -> list[v1.OpResult]:
    """Apply a batch of ops as ``account`` from ``device_id``; one result per op, in order.

    Given an Engine, the batch is one transaction of its own; given a Connection, it runs in the
    caller's transaction (which the caller commits)."""
    if isinstance(target, Engine):
        with target.begin() as conn:
            return _apply(conn, account, device_id, ops)
    return _apply(target, account, device_id, ops)


def _apply(conn: Connection, account: Account, device_id: str | None,
           ops: Sequence[v1.PushOp]) -> list[v1.OpResult]:
    checked = rules.check_all(ops, account.role, account.clearance)
    lock_feed(conn)  # before any read: seqs in commit order, one batch at a time decides each record
    batch = _Batch(conn, account, device_id)
    batch.checked = checked
    batch.load(ops)
    results = batch.run(ops)
    batch.finish()
    return results
