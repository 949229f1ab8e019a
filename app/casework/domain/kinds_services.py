"""Declarations of the disability-service kinds (issue 11): a person's service plans (editable,
merged field by field) and the service records made against them (append-only).

A plan's schedule history and pauses are lists in its data (``schedules``: each
``{frequency, effective_from, every_days?, dates?}``; ``pauses``: each ``{start, end}``); the
occurrences are computed from them by ``casework.domain.schedules``, never stored.
``casework.domain.service_data`` turns the stored data into the domain's values.
"""

from __future__ import annotations

from casework.domain.classification import Level
from casework.domain.departments import Department as D
from casework.domain.kinds_casework import CONFLICTS_FIELD
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
from casework.domain.schedules import Frequency, Outcome, ServiceType

T = FieldType
INTERNAL = Level.INTERNAL

# Disability-federation officers keep the plans; a district supervisor may correct them. A
# street social worker sees them (their role holds the disability line) but does not write them.
SERVICE_WRITERS = frozenset({Role.DISABILITY_OFFICER, Role.SUPERVISOR})

SERVICE_TYPES = tuple(Code(t.value, t.label_zh, t.label_en) for t in ServiceType)
FREQUENCIES = tuple(Code(f.value, f.label_zh, f.label_en) for f in Frequency)
OUTCOMES = tuple(Code(o.value, o.label_zh, o.label_en) for o in Outcome)

SERVICE_PLAN = KindSpec(
    name=Kind.SERVICE_PLAN, zh="服务计划", en="Service plan", sync=Sync.EDITABLE,
    department=DepartmentRule(fixed=D.DISABILITY),
    links=Links(household="household_id", persons=("person_id",), subject="person_id"),
    area_from="household_id",
    subtype="service_type",
    writers=SERVICE_WRITERS,
    fields=(
        FieldSpec("person_id", T.ID, "服务对象", "Person", required=True, editable=False),
        FieldSpec("household_id", T.ID, "户", "Household", required=True, editable=False),
        FieldSpec("service_type", T.CODE, "服务类型", "Service", required=True, codes=SERVICE_TYPES,
                  editable=False),
        FieldSpec("schedules", T.OBJECT, "服务频次", "Schedule", required=True),
        FieldSpec("end", T.DATE, "结束日期", "Ends on"),
        FieldSpec("pauses", T.OBJECT, "暂停", "Pauses"),
        FieldSpec("responsible", T.USER, "责任人", "Responsible officer", required=True),
        FieldSpec("provider", T.TEXT, "服务提供方", "Provider", max_length=200),
        FieldSpec("notes", T.TEXT, "备注", "Notes", level=INTERNAL, max_length=4000),
        FieldSpec("created_by", T.USER, "创建人", "Created by", hub_set=True),
        FieldSpec("created_at", T.DATETIME, "创建时间", "Created at", hub_set=True),
        FieldSpec(CONFLICTS_FIELD, T.OBJECT, "冲突", "Conflicts", level=INTERNAL, hub_set=True),
    ),
)

SERVICE_RECORD = KindSpec(
    name=Kind.SERVICE_RECORD, zh="服务记录", en="Service record", sync=Sync.APPEND_ONLY,
    department=DepartmentRule(fixed=D.DISABILITY),
    links=Links(household="household_id", persons=("person_id",), subject="person_id",
                points_to="plan_id"),
    area_from="plan_id",
    area_from_kind=Kind.SERVICE_PLAN,
    writers=SERVICE_WRITERS,
    fields=(
        FieldSpec("plan_id", T.ID, "服务计划", "Plan", required=True),
        FieldSpec("person_id", T.ID, "服务对象", "Person", required=True),
        FieldSpec("household_id", T.ID, "户", "Household", required=True),
        FieldSpec("on", T.DATE, "服务日期", "Date", required=True),
        FieldSpec("for_due", T.DATE, "对应到期日", "For the occurrence due"),
        FieldSpec("outcome", T.CODE, "结果", "Outcome", required=True, codes=OUTCOMES),
        FieldSpec("dispensed", T.TEXT, "发放或测量", "Dispensed or measured", level=INTERNAL,
                  max_length=500),
        FieldSpec("notes", T.TEXT, "备注", "Notes", level=INTERNAL, max_length=4000),
        FieldSpec("offline", T.BOOL, "离线记录", "Recorded offline"),
        FieldSpec("created_by", T.USER, "记录人", "Recorded by", hub_set=True),
        FieldSpec("created_at", T.DATETIME, "记录时间", "Recorded at", hub_set=True),
    ),
)

register(SERVICE_PLAN, SERVICE_RECORD)
