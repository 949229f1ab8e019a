"""Casework for the demo district, written through the hub's one write service (``apply_ops``),
as the app's pushes are: cases of the screenshot user's street with notes, and one conflict that
two people raised and one of them resolved — revisions, authors and all, as real ones leave them.

Deterministic (op ids from uuid5 of the household and a name), so seeding twice changes
nothing: ``apply_ops`` answers an op it has seen with its first result.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Engine, func, select

from casework.hub.auth import Account
from casework.hub.schema import HubUser, Record
from casework.hub.write_service import apply_ops
from casework.wire import v1

WORKER = "shegong"  # the street social worker the screenshots sign in as
SUPERVISOR = "zhuguan"  # the district supervisor: the "other person" of the conflict
DEVICE = "demo-seed"
_NAMESPACE = uuid.UUID("6f1c3a52-9d0e-4c47-8b1a-2e5f0c9d7a31")


class SeedFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class SeededCase:
    id: str
    household_id: str


def _id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def accounts(engine: Engine) -> dict[str, Account]:
    with engine.connect() as conn:
        users = HubUser.__table__
        rows = conn.execute(select(users).where(users.c.username.in_((WORKER, SUPERVISOR)))).all()
    return {row.username: Account.from_row(row, DEVICE) for row in rows}


def has_cases(engine: Engine) -> bool:
    with engine.connect() as conn:
        found = conn.execute(select(func.count()).select_from(Record).where(Record.kind == "case")).scalar()
    return bool(found)


def _apply(engine: Engine, account: Account, ops: Sequence[v1.PushOp]) -> list[v1.OpResult]:
    results = apply_ops(engine, account, DEVICE, ops)
    refused = [r for r in results if r.status == "rejected"]
    if refused:
        raise SeedFailed(f"the hub refused a demo op: {refused[0].error}")
    return results


def _create(kind: str, record_id: str, data: dict[str, Any], action: str = "create") -> v1.PushOp:
    return v1.PushOp(op_id=_id(record_id, "create"), kind=kind, id=record_id, action=action, data=data)


def _update(record_id: str, name: str, changes: dict[str, tuple[Any, Any]], base_version: int,
            resolves: list[str] | None = None) -> v1.PushOp:
    return v1.PushOp.model_validate({
        "op_id": _id(record_id, name), "kind": "case", "id": record_id, "action": "update",
        "base_version": base_version, "resolves": resolves,
        "changes": {field: {"from": base, "to": to} for field, (base, to) in changes.items()}})


def _note(case_id: str, household_id: str, n: int, when: str, channel: str, text: str) -> v1.PushOp:
    return _create("case_note", _id(case_id, "note", str(n)), {
        "case_id": case_id, "household_id": household_id, "written_at": when, "channel": channel,
        "text": text, "offline": channel == "visit"}, action="append")


def seed_casework(engine: Engine, households: Sequence[tuple[str, str]]) -> list[SeededCase]:
    """Cases for ``households`` ((household id, a member's person id), the first being the
    screenshots' household with a disabled member); the first case gets notes and the
    resolved conflict."""
    found = accounts(engine)
    if WORKER not in found or SUPERVISOR not in found:
        raise SeedFailed(f"the demo hub lacks the users {WORKER} and {SUPERVISOR}")
    worker, supervisor = found[WORKER], found[SUPERVISOR]
    plans = [("disability", "high", "精神残疾二级，独居，需每月送药并关注复诊；家属在外地。", "2026-12-10",
              ["送药", "独居"]),
             ("assistance", "normal", "低保年度复核：核实家庭收入变化。", "2026-12-18", ["低保复核"]),
             ("elderly", "urgent", "八十岁独居老人，夜间跌倒风险高，申请紧急呼叫设备。", "2026-12-05",
              ["独居老人"])]
    seeded = []
    for index, ((household_id, person_id), plan) in enumerate(zip(households, plans, strict=False)):
        category, priority, summary, next_contact, tags = plan
        case_id = _id(household_id, "case", category)
        _apply(engine, worker, [_create("case", case_id, {
            "household_id": household_id, "person_ids": [person_id], "category": category, "status": "open",
            "priority": priority, "assigned_to": WORKER, "summary": summary, "next_contact": next_contact,
            "tags": tags})])
        seeded.append(SeededCase(case_id, household_id))
        if index == 0:
            _first_case_history(engine, worker, supervisor, case_id, household_id)
    return seeded


def _first_case_history(engine: Engine, worker: Account, supervisor: Account, case_id: str,
                        household_id: str) -> None:
    """Three notes, then the conflict: the supervisor moved the next contact earlier while the
    worker, from the same starting value, set a later one; the worker chose the supervisor's."""
    _apply(engine, worker, [
        _note(case_id, household_id, 1, "2026-11-12T02:10:00+00:00", "visit",
              "入户走访：本人情绪平稳，药品剩余约两周；冰箱内食物不足，已联系社区食堂送餐。"),
        _note(case_id, household_id, 2, "2026-11-19T07:40:00+00:00", "phone",
              "电话联系其姐姐（在佛山）：同意每月回来一次，费用问题希望申请临时救助。"),
        _note(case_id, household_id, 3, "2026-11-26T03:00:00+00:00", "office",
              "本人来访：复诊预约已确认 12 月 8 日；申请陪诊志愿者。")])
    base = _version(engine, case_id)
    _apply(engine, supervisor, [_update(case_id, "supervisor-next-contact",
                                        {"next_contact": ("2026-12-10", "2026-12-06")}, base)])
    raised = _apply(engine, worker, [_update(case_id, "worker-next-contact",
                                             {"next_contact": ("2026-12-10", "2026-12-12")}, base)])
    if raised[0].status != "conflict":
        raise SeedFailed(f"the demo conflict was not raised: {raised[0]}")
    chosen = {"next_contact": ("2026-12-06", "2026-12-06")}
    _apply(engine, worker, [_update(case_id, "worker-resolves", chosen, _version(engine, case_id),
                                    resolves=["next_contact"])])


def _version(engine: Engine, record_id: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(Record.version).where(Record.id == record_id)).scalar_one())


def record_data(engine: Engine, record_id: str) -> dict[str, Any]:
    with engine.connect() as conn:
        return orjson.loads(conn.execute(select(Record.data).where(Record.id == record_id)).scalar_one())


def pick_households(engine: Engine, street: str, count: int = 3) -> list[tuple[str, str]]:
    """(household id, person id) of the street's first household with a (preferably mental)
    disability — the one the screenshots open — then of the street's first other households."""
    with engine.connect() as conn:
        def rows(kind: str) -> Any:
            return conn.execute(select(Record.id, Record.data).where(
                Record.kind == kind, Record.street == street, Record.deleted.is_(False)).order_by(Record.seq))

        certificate = None
        for _record_id, data in rows("disability_certificate"):
            value = orjson.loads(data)
            if certificate is None or value.get("category") == 6:
                certificate = value
                if value.get("category") == 6:
                    break
        picked = [(certificate["household_id"], certificate["person_id"])] if certificate else []
        for hid, data in rows("household"):
            if len(picked) >= count:
                break
            value = orjson.loads(data)
            if hid not in {h for h, _ in picked} and value.get("head_id"):
                picked.append((hid, value["head_id"]))
    return picked


def seed_demo(db_url: str, street: str) -> list[SeededCase]:
    """The demo's casework, once (a database that has cases is left as it is)."""
    from casework.hub.db import make_engine

    engine = make_engine(db_url)
    try:
        if has_cases(engine):
            return []
        return seed_casework(engine, pick_households(engine, street))
    finally:
        engine.dispose()


def supervisor_edit(db_url: str, case_id: str, field: str, to: Any) -> v1.OpResult:
    """The supervisor changes one field of a case at the hub, now (the screenshot walk's "other
    person", while the app holds an older copy)."""
    from casework.hub.db import make_engine

    engine = make_engine(db_url)
    try:
        current = record_data(engine, case_id)
        op = v1.PushOp.model_validate({
            "op_id": str(uuid.uuid4()), "kind": "case", "id": case_id, "action": "update",
            "base_version": _version(engine, case_id),
            "changes": {field: {"from": current.get(field), "to": to}}})
        return _apply(engine, accounts(engine)[SUPERVISOR], [op])[0]
    finally:
        engine.dispose()
