"""What the push soak writes and how it checks the hub: a mix of local edits, and a count of
each op's effects in the hub's own tables.

Every op leaves exactly one trace at the hub when it was applied exactly once: one
``applied_op`` row (its first answer) and one effect — a ``record_revision`` row for an op on a
record (a case update, a new note), an ``audit_event`` row (whose detail names the op) for an
audit event. No trace is a lost op; two effects are a duplicate.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import orjson
from sqlalchemy import text

from casework.cache import edits, outbox
from casework.hub import db

NOTE_CHANNELS = ("visit", "phone", "office")


@dataclass(frozen=True)
class Tried:
    op_id: str
    kind: str
    action: str
    record_id: str


@dataclass
class HubCheck:
    tried: int = 0
    applied: int = 0  # ops with exactly one applied answer and exactly one effect
    lost: int = 0  # no answer or no effect at the hub
    duplicated: int = 0  # more than one effect
    not_applied: dict[str, int] = field(default_factory=dict)  # answered conflict/rejected, by status
    examples: list[str] = field(default_factory=list)


def new_cases(store, household_ids: list[str], user: str, count: int) -> list[str]:
    """``count`` open cases assigned to ``user``, spread over the households."""
    return [edits.create_record(store, "case", {
        "household_id": household_ids[i % len(household_ids)], "category": "assistance", "status": "open",
        "priority": "normal", "assigned_to": user, "summary": f"压力测试个案 {i}", "person_ids": [],
        "tags": []}, user=user) for i in range(count)]


def write_ops(store, rng: random.Random, count: int, case_ids: list[str], household_ids: list[str],
              user: str, label: str) -> list[Tried]:
    """``count`` local edits, as the app makes them: half notes, a quarter case updates, a
    quarter audit events of opened households. Returns what entered the outbox."""
    before = {e.op_id for e in _pending(store)}
    for i in range(count):
        roll = rng.random()
        case_id = rng.choice(case_ids)
        if roll < 0.5:
            edits.create_record(store, "case_note", {
                "case_id": case_id, "channel": rng.choice(NOTE_CHANNELS),
                "text": f"{label} 走访记录 {i}: " + "情况稳定。" * rng.randint(1, 20), "offline": True},
                user=user)
        elif roll < 0.75:
            changes = {"summary": f"{label} 概况 {i}", "priority": rng.choice(("normal", "high", "urgent"))}
            edits.update_record(store, "case", case_id, changes, user=user)
        else:
            household = rng.choice(household_ids)
            edits.record_audit(store, "household_opened", household_id=household, record_id=household,
                               record_kind="household", offline=True)
    return [Tried(e.op_id, e.kind, e.action, e.record_id) for e in _pending(store) if e.op_id not in before]


def _pending(store) -> list[outbox.OutboxEntry]:
    with store.read() as conn:
        return [e for e in outbox.entries(conn) if e.state == outbox.PENDING]


def household_ids(store, count: int) -> list[str]:
    with store.read() as conn:
        return [r for (r,) in conn.exec_driver_sql(
            "SELECT id FROM record WHERE kind = 'household' ORDER BY id LIMIT ?", (count,))]


def check_hub(db_url: str, tried: Iterable[Tried]) -> HubCheck:
    """Count every tried op's answers and effects in the hub's tables."""
    ops = list(tried)
    wanted = {t.op_id for t in ops}
    engine = db.make_engine(db_url)
    try:
        with engine.connect() as conn:
            answers: Counter[str] = Counter()
            statuses: dict[str, str] = {}
            for op_id, status in conn.execute(text("SELECT op_id, status FROM applied_op")):
                if op_id in wanted:
                    answers[op_id] += 1
                    statuses[op_id] = status
            revisions = conn.execute(text("SELECT op_id FROM record_revision"))
            effects: Counter[str] = Counter(op_id for (op_id,) in revisions if op_id in wanted)
            for (detail,) in conn.execute(text("SELECT detail FROM audit_event WHERE detail IS NOT NULL")):
                try:
                    op_id = orjson.loads(detail).get("op_id")
                except (orjson.JSONDecodeError, AttributeError):
                    continue
                if op_id in wanted:
                    effects[op_id] += 1
    finally:
        engine.dispose()
    check = HubCheck(tried=len(ops))
    for op in ops:
        status = statuses.get(op.op_id)
        if status is not None and status != "applied":
            check.not_applied[status] = check.not_applied.get(status, 0) + 1
        if answers[op.op_id] == 0 or effects[op.op_id] == 0:
            check.lost += 1
            if len(check.examples) < 5:
                check.examples.append(f"lost {op.kind} {op.action} {op.op_id}")
        elif effects[op.op_id] > 1 or answers[op.op_id] > 1:
            check.duplicated += 1
            if len(check.examples) < 5:
                check.examples.append(f"{effects[op.op_id]}x {op.kind} {op.action} {op.op_id}")
        elif status == "applied":
            check.applied += 1
    return check
