"""Whether a user may make one op, decided before anything is written.

The write service (``casework.hub.write_service``) asks these questions of every op, in this
order, and turns the first "no" into a per-op rejection with a code and a message in Chinese
and English:

1. the kind exists (``unknown_kind``), may be written by a client at all (``read_only_kind``:
   department data is pulled, never pushed) and takes this action (``wrong_action``: editable
   kinds ``create``/``update``, append-only and hub-only kinds ``append``);
2. the user's role is one of the kind's writers (``not_a_writer``);
3. what is sent matches the declaration (``invalid``, ``casework.domain.validation``);
4. no field written is above the user's clearance (``above_clearance``);
5. the record lies in the user's areas (``out_of_scope``) and line of business
   (``wrong_line_of_business``) — checked by the service, which knows the stored records.

Nothing here reads or writes the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from casework.domain.classification import Level
from casework.domain.masking import field_levels
from casework.domain.registry import KindSpec, Sync, UnknownKind, spec
from casework.domain.roles import Role
from casework.domain.validation import Problem, shown, validate_changes, validate_data
from casework.wire import v1

ACTIONS: dict[Sync, frozenset[str]] = {
    Sync.EDITABLE: frozenset({"create", "update"}),
    Sync.APPEND_ONLY: frozenset({"append"}),
    Sync.HUB_ONLY: frozenset({"append"}),
    Sync.PULLED: frozenset(),
}


class Rejected(Exception):
    """An op the hub refuses: nothing of it is written."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(f"{zh} {en}")
        self.code = code
        self.message = f"{zh} {en}"

    def detail(self) -> v1.ErrorDetail:
        return v1.ErrorDetail(code=self.code, message=self.message)


def kind_for(op: v1.PushOp, role: Role) -> KindSpec:
    """The op's kind, if this role may make this action on it at all."""
    try:
        declared = spec(op.kind)
    except UnknownKind:
        raise Rejected("unknown_kind", f"未知的记录类型 {shown(op.kind, 32)!r}。",
                       f"Unknown record kind {shown(op.kind, 32)!r}.") from None
    if declared.sync is Sync.PULLED:
        raise Rejected("read_only_kind", f"{declared.zh}由部门数据同步，客户端不能修改；如有错误请报告。",
                       f"{declared.en} records are department data: read-only here; report errors instead.")
    if op.action not in ACTIONS[declared.sync]:
        allowed = "/".join(sorted(ACTIONS[declared.sync]))
        raise Rejected("wrong_action", f"{declared.zh}只能{allowed}，不能 {op.action}。",
                       f"A {declared.en.lower()} takes {allowed}, not {op.action}.")
    if role not in declared.writers:
        raise Rejected("not_a_writer", f"{role.label_zh}不能写入{declared.zh}。",
                       f"A {role.label_en.lower()} may not write {declared.en.lower()} records.")
    return declared


def invalid(problems: list[Problem]) -> Rejected:
    shown = problems[:5]
    zh = "；".join(p.zh for p in shown)
    en = "; ".join(p.en for p in shown)
    more = f" (+{len(problems) - len(shown)})" if len(problems) > len(shown) else ""
    return Rejected("invalid", f"内容不符合要求：{zh}{more}", f"Invalid: {en}{more}")


def check_shape(declared: KindSpec, op: v1.PushOp) -> None:
    """A create/append carries ``data`` only; an update ``changes`` (and ``resolves``) only;
    both checked against the declaration."""
    if op.action == "update":
        if op.data is not None:
            raise invalid([Problem("wrong_shape", None, "更新只能带 changes，不能带 data。",
                                   "An update carries 'changes', not 'data'.")])
        changes = op.changes or {}
        problems = validate_changes(declared.name, {k: c.to for k, c in changes.items()}, op.resolves or (),
                                    bases={k: c.base for k, c in changes.items()})
    else:
        if op.changes is not None or op.resolves is not None or op.base_version is not None:
            raise invalid([Problem("wrong_shape", None, f"{op.action} 只能带 data。",
                                   f"A {op.action} carries 'data' only.")])
        problems = validate_data(declared.name, op.data)
    if problems:
        raise invalid(problems)


def check_clearance(kind: str, names: Iterable[str], clearance: Level, *datas: Mapping[str, Any]) -> None:
    """No field written may be above the user's clearance: a user cannot write what they could
    not read. A field's level is its declared one, or the one its record names (either state)."""
    levels: dict[str, Level] = {}
    for data in datas:
        for name, level in field_levels(kind, dict(data)).items():
            levels[name] = max(level, levels.get(name, Level.PUBLIC))
    above = sorted(n for n in names if levels.get(n, Level.PUBLIC) > clearance)
    if above:
        listed = ", ".join(above)
        raise Rejected("above_clearance", f"字段 {listed} 的密级高于您的权限。",
                       f"Field(s) {listed} are classified above your clearance.")


def out_of_scope(what_zh: str, what_en: str) -> Rejected:
    return Rejected("out_of_scope", f"{what_zh}不在您负责的区域内。", f"The {what_en} is outside your areas.")


def wrong_line_of_business(department: str) -> Rejected:
    return Rejected("wrong_line_of_business", f"您的岗位不负责该业务（{department}）。",
                    f"Your role does not cover this line of business ({department}).")


def not_found(what_zh: str, what_en: str, record_id: str) -> Rejected:
    return Rejected("not_found", f"{what_zh} {record_id} 不存在。", f"No {what_en} {record_id} at the hub.")


def already_exists(record_id: str) -> Rejected:
    return Rejected("already_exists", f"记录 {record_id} 已存在。",
                    f"A record {record_id} already exists; send an update instead.")


def op_reused(op_id: str) -> Rejected:
    return Rejected("op_reused", f"操作编号 {op_id} 已被另一项操作使用。",
                    f"Operation id {op_id} was already used for another operation; make a new one.")


def parent_kind(declared: KindSpec) -> str | None:
    """The kind of the record a client-made record hangs on (``area_from``): a case on its
    household, a case note on its case (``case_id`` names a ``case``), a service record on its
    plan (declared: ``area_from_kind``)."""
    name = declared.area_from
    if name is None:
        return None
    if declared.area_from_kind is not None:
        return declared.area_from_kind
    if name == declared.links.household:
        return "household"
    return name.removesuffix("_id")


def check(op: v1.PushOp, role: Role, clearance: Level) -> KindSpec:
    """What can be decided about an op from the op and the user alone (kind, action, role,
    validation, clearance of what a new record holds): done before the write service takes the
    feed lock, so other writers wait less."""
    declared = kind_for(op, role)
    check_shape(declared, op)
    if op.action != "update":
        data = op.data or {}
        written = [n for n, v in data.items() if v not in (None, "", [])]
        check_clearance(declared.name, written, clearance, data)
    return declared


def check_all(ops: Iterable[v1.PushOp], role: Role, clearance: Level) -> dict[int, KindSpec | Rejected]:
    """``check`` of every op, by ``id(op)``: its kind, or why it is refused."""
    found: dict[int, KindSpec | Rejected] = {}
    for op in ops:
        try:
            found[id(op)] = check(op, role, clearance)
        except Rejected as refusal:
            found[id(op)] = refusal
    return found
