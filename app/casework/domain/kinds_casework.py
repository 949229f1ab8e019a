"""Declarations of the casework kinds: what the frontline records, pushed through the hub's one
write service (``apply_ops``) and pulled back like any other record.

A case (个案) is editable and merged field by field; a case note is append-only; an audit
event is hub-only. Fields marked ``hub_set`` are filled by the hub from the signed-in user and
the clock of the request (who wrote it cannot be forged by a client).

Every editable kind carries ``conflicts``, kept by the hub: a field two people changed from the
same value to different values keeps both until someone chooses (``casework.domain.merge``).
"""

from __future__ import annotations

from casework.domain.classification import Level
from casework.domain.departments import Department as D
from casework.domain.records import Kind
from casework.domain.registry import (
    Code,
    DepartmentRule,
    FieldSpec,
    FieldType,
    KindSpec,
    Links,
    Sync,
    register,
)
from casework.domain.roles import Role

T = FieldType
INTERNAL = Level.INTERNAL

FRONTLINE = frozenset({Role.SOCIAL_WORKER, Role.DISABILITY_OFFICER, Role.MIGRANT_OFFICER, Role.SUPERVISOR})
EVERYONE = frozenset(Role)

CONFLICTS_FIELD = "conflicts"

CASE_CATEGORIES = (
    Code("disability", "残疾人服务", "Disability"),
    Code("assistance", "社会救助", "Assistance"),
    Code("migrant", "来穗人员服务", "Migrant services"),
    Code("elderly", "养老服务", "Elderly care"),
    Code("child", "儿童关爱", "Child welfare"),
    Code("other", "其他", "Other"),
)

# The line of business a case belongs to follows its category: a migrant officer (whose role
# has no civil-affairs or disability line) may open and see migrant cases, not assistance ones.
CASE_DEPARTMENTS = {
    "disability": D.DISABILITY,
    "assistance": D.CIVIL_AFFAIRS,
    "migrant": D.MIGRANT,
    "elderly": D.CIVIL_AFFAIRS,
    "child": D.CIVIL_AFFAIRS,
    "other": D.CIVIL_AFFAIRS,
}

CASE_STATUSES = (
    Code("open", "进行中", "Open"),
    Code("on_hold", "暂停", "On hold"),
    Code("closed", "已结案", "Closed"),
)

CASE_PRIORITIES = (
    Code("normal", "一般", "Normal"),
    Code("high", "较急", "High"),
    Code("urgent", "紧急", "Urgent"),
)


def _authorship(created_zh: str = "创建人", created_en: str = "Created by") -> tuple[FieldSpec, ...]:
    """Who made a record and when, as the hub saw the request."""
    return (
        FieldSpec("created_by", T.USER, created_zh, created_en, hub_set=True),
        FieldSpec("created_at", T.DATETIME, "创建时间", "Created at", hub_set=True),
    )


CASE = KindSpec(
    name=Kind.CASE, zh="个案", en="Case", sync=Sync.EDITABLE,
    department=DepartmentRule(by_code=("category", CASE_DEPARTMENTS)),
    links=Links(household="household_id", persons=("person_ids",)),
    area_from="household_id",
    writers=FRONTLINE,
    fields=(
        FieldSpec("household_id", T.ID, "户", "Household", required=True, editable=False),
        FieldSpec("person_ids", T.IDS, "涉及人员", "People", max_length=50),
        FieldSpec("category", T.CODE, "类别", "Category", required=True, codes=CASE_CATEGORIES,
                  editable=False),
        FieldSpec("status", T.CODE, "状态", "Status", required=True, codes=CASE_STATUSES),
        FieldSpec("priority", T.CODE, "优先级", "Priority", required=True, codes=CASE_PRIORITIES),
        FieldSpec("assigned_to", T.USER, "责任人", "Assigned to", required=True),
        FieldSpec("summary", T.TEXT, "概况", "Summary", level=INTERNAL, max_length=4000),
        FieldSpec("next_contact", T.DATE, "下次联系", "Next contact"),
        FieldSpec("tags", T.TEXTS, "标签", "Tags", max_length=20),
        *_authorship(),
        # Holds values of the fields above (both sides of each conflict): as sensitive as the
        # most sensitive of them.
        FieldSpec(CONFLICTS_FIELD, T.OBJECT, "冲突", "Conflicts", level=INTERNAL, hub_set=True),
    ),
)

NOTE_CHANNELS = (
    Code("visit", "入户走访", "Home visit"),
    Code("phone", "电话联系", "Phone call"),
    Code("office", "来访", "Office visit"),
)

CASE_NOTE = KindSpec(
    name=Kind.CASE_NOTE, zh="个案记录", en="Case note", sync=Sync.APPEND_ONLY,
    department=DepartmentRule(from_parent=True),
    links=Links(household="household_id", points_to="case_id"),
    area_from="case_id",
    writers=FRONTLINE,
    fields=(
        FieldSpec("case_id", T.ID, "个案", "Case", required=True),
        FieldSpec("household_id", T.ID, "户", "Household", required=True),
        FieldSpec("written_at", T.DATETIME, "记录时间", "Written at", required=True),
        FieldSpec("channel", T.CODE, "方式", "Channel", required=True, codes=NOTE_CHANNELS),
        FieldSpec("text", T.TEXT, "内容", "Text", required=True, level=INTERNAL, max_length=10000),
        FieldSpec("offline", T.BOOL, "离线记录", "Written offline"),
        *_authorship("记录人", "Author"),
    ),
)

AUDIT_ACTIONS = (
    Code("household_opened", "查看户信息", "Household opened"),
    Code("record_changed", "修改记录", "Record changed"),
    Code("export_made", "导出数据", "Export made"),
)

AUDIT_EVENT = KindSpec(
    name=Kind.AUDIT_EVENT, zh="审计事件", en="Audit event", sync=Sync.HUB_ONLY,
    department=DepartmentRule(fixed=D.PUBLIC_SECURITY),
    links=Links(household="household_id"),
    writers=EVERYONE,
    fields=(
        FieldSpec("action", T.CODE, "操作", "Action", required=True, codes=AUDIT_ACTIONS),
        FieldSpec("at", T.DATETIME, "时间", "At", required=True),
        FieldSpec("household_id", T.ID, "户", "Household"),
        FieldSpec("record_id", T.ID, "记录", "Record"),
        FieldSpec("record_kind", T.TEXT, "记录类型", "Record kind", max_length=32),
        FieldSpec("purpose", T.TEXT, "目的", "Purpose", max_length=500),
        FieldSpec("offline", T.BOOL, "离线", "Offline"),
        FieldSpec("user", T.USER, "用户", "User", hub_set=True),
        FieldSpec("device_id", T.TEXT, "设备", "Device", hub_set=True),
    ),
)

register(CASE, CASE_NOTE, AUDIT_EVENT)
