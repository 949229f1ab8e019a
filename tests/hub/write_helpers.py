"""Helpers for tests of the hub's write service and push endpoint: accounts, ops, row counts."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Engine, func, select

from casework.domain.classification import Level
from casework.domain.kinds_casework import AUDIT_ACTIONS
from casework.domain.roles import Role
from casework.hub.auth import Account
from casework.hub.schema import AppliedOp, AuditEvent, Record, RecordRevision, SummaryTotal
from casework.wire import v1
from tests.hub.district_fixture import STREET_A, HouseholdRefs

WRITE_TABLES = (Record, RecordRevision, AppliedOp, AuditEvent, SummaryTotal)


def account(role: str = "social_worker", scope: tuple[str, ...] = (STREET_A,),
            clearance: Level = Level.INTERNAL, username: str | None = None,
            device_id: str = "pc-1") -> Account:
    r = Role(role)
    return Account(id=1, username=username or f"{role}_{'_'.join(scope)}", display_name="测试", role=r,
                   district=scope[0][:6], scope=scope, clearance=clearance, scope_epoch=1,
                   device_id=device_id, departments=frozenset(d.value for d in r.departments))


def new_id() -> str:
    return str(uuid.uuid4())


def case_data(household: HouseholdRefs, category: str = "disability", **extra: Any) -> dict[str, Any]:
    data = {"household_id": household.household_id, "person_ids": household.person_ids[:1],
            "category": category, "status": "open", "priority": "normal", "assigned_to": "li_hui",
            "summary": "初次走访", "next_contact": "2026-12-20", "tags": ["轮椅"]}
    return {**data, **extra}


def create_op(kind: str, data: dict[str, Any], record_id: str | None = None,
              action: str = "create") -> v1.PushOp:
    return v1.PushOp(op_id=new_id(), kind=kind, id=record_id or new_id(), action=action, data=data)


def update_op(record_id: str, changes: dict[str, tuple[Any, Any]], base_version: int | None = None,
              resolves: list[str] | None = None, kind: str = "case") -> v1.PushOp:
    return v1.PushOp.model_validate({
        "op_id": new_id(), "kind": kind, "id": record_id, "action": "update", "base_version": base_version,
        "changes": {name: {"from": base, "to": to} for name, (base, to) in changes.items()},
        "resolves": resolves})


def note_data(case_id: str, household: HouseholdRefs, text: str = "入户走访，了解康复需求。"
              ) -> dict[str, Any]:
    return {"case_id": case_id, "household_id": household.household_id,
            "written_at": "2026-12-02T09:30:00+08:00", "channel": "visit", "text": text, "offline": False}


def audit_data(household_id: str | None, action: str = "household_opened", purpose: str = "入户走访") -> dict:
    return {"action": action, "at": "2026-12-02T09:31:00+08:00", "household_id": household_id,
            "purpose": purpose, "offline": True}


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows of every table a write may touch (summary totals by their sum, which moves)."""
    with engine.connect() as conn:
        counts = {t.__tablename__: conn.execute(select(func.count()).select_from(t)).scalar_one()
                  for t in WRITE_TABLES if t is not AuditEvent}
        # audit events a push can write; sign-ins and pulls are audited too, on threads of their own
        # that may commit a moment later, and are no writes of the ops under test
        counts["audit_event"] = conn.execute(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action.in_([c.code for c in AUDIT_ACTIONS]))).scalar_one()
        counts["summary_total.count"] = conn.execute(select(func.sum(SummaryTotal.count))).scalar_one()
        counts["feed_seq"] = conn.execute(select(func.max(Record.seq))).scalar_one()
    return counts
