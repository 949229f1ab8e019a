"""Declarations of the worklist decisions (issue 12): a reviewer's decision on a possible duplicate
grant (``duplicate_review``) and the follow-ups of a lapsing residence permit
(``permit_follow_up``) and of an unenrolled school-age migrant child (``schooling_follow_up``).

All three are append-only: what someone decided or did is added, never changed, never in
conflict; the latest one counts. The field names are the ones the cache's lists read
(``casework.cache.subsidies``, ``casework.cache.migrant_lists``) and the codes are the domain's
enums (``casework.domain.duplicates.Verdict``, ``casework.domain.migrants``), so a list, the hub's
export and a form cannot disagree on a value. A ``not_duplicate`` needs a reason; that rule spans
two fields, so it is checked in ``casework.domain.validation`` (``_CROSS_CHECKS``).

Lines of business (which roles may read a record follows from it):
- ``duplicate_review`` → civil affairs (民政局). The decision is about grants from several
  departments, but a record has one line; civil affairs coordinates social assistance (低保,
  特困, 临时救助 — most of the grants compared) and the street social workers who review belong to
  it. Social workers and supervisors hold every line, disability officers hold civil affairs and
  see the decisions; migrant officers, who see no civil-affairs grants, do not.
- ``permit_follow_up`` → migrant services (来穗局): permits are its data and its work.
- ``schooling_follow_up`` → migrant services, not education: the worklist is of migrant
  households (a management point of migrant services), the outcomes say where a migrant family
  went (已离穗), and education's own line is the enrolment itself. A disability officer, who holds
  education but no migrant registration, therefore does not see who left the city.

Writers: the domain names no special reviewer role, so reviews are written by the street social
workers who face the family and the district supervisors; follow-ups also by migrant officers.
"""

from __future__ import annotations

from casework.domain.classification import Level
from casework.domain.departments import Department as D
from casework.domain.duplicates import Verdict
from casework.domain.migrants import PermitFollowUpOutcome, SchoolingFollowUpOutcome
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

REVIEW_WRITERS = frozenset({Role.SOCIAL_WORKER, Role.SUPERVISOR})
FOLLOW_UP_WRITERS = frozenset({Role.MIGRANT_OFFICER, Role.SOCIAL_WORKER, Role.SUPERVISOR})

VERDICTS = tuple(Code(v.value, v.label_zh, v.label_en) for v in Verdict)
PERMIT_OUTCOMES = tuple(Code(o.value, o.label_zh, o.label_en) for o in PermitFollowUpOutcome)
SCHOOLING_OUTCOMES = tuple(Code(o.value, o.label_zh, o.label_en) for o in SchoolingFollowUpOutcome)
DEPARTMENTS = tuple(Code(d.value, d.label_zh, d.label_en) for d in D)

REASON_LIMIT = 2000
NOTE_LIMIT = 4000


def _recorded() -> tuple[FieldSpec, ...]:
    """Whether it was recorded offline, and who recorded it when, as the hub saw the request."""
    return (
        FieldSpec("offline", T.BOOL, "离线记录", "Recorded offline"),
        FieldSpec("created_by", T.USER, "记录人", "Recorded by", hub_set=True),
        FieldSpec("created_at", T.DATETIME, "记录时间", "Recorded at", hub_set=True),
    )


DUPLICATE_REVIEW = KindSpec(
    name=Kind.DUPLICATE_REVIEW, zh="重复发放核查", en="Duplicate review", sync=Sync.APPEND_ONLY,
    department=DepartmentRule(fixed=D.CIVIL_AFFAIRS),
    links=Links(household="household_id"),
    area_from="household_id",
    writers=REVIEW_WRITERS,
    fields=(
        FieldSpec("household_id", T.ID, "户", "Household", required=True),
        # The pair at the versions the reviewer saw (casework.domain.duplicates.PairKey): a change
        # to either grant brings the pair back.
        FieldSpec("first_id", T.ID, "发放记录A", "Grant A", required=True),
        FieldSpec("first_version", T.INT, "发放记录A版本", "Grant A version", required=True),
        FieldSpec("second_id", T.ID, "发放记录B", "Grant B", required=True),
        FieldSpec("second_version", T.INT, "发放记录B版本", "Grant B version", required=True),
        FieldSpec("verdict", T.CODE, "核查结论", "Verdict", required=True, codes=VERDICTS),
        FieldSpec("reason", T.TEXT, "原因", "Reason", level=INTERNAL, max_length=REASON_LIMIT),
        FieldSpec("departments", T.CODES, "发放部门", "Paying departments", required=True,
                  codes=DEPARTMENTS, max_length=len(DEPARTMENTS)),
        FieldSpec("on", T.DATE, "核查日期", "Reviewed on", required=True),
        *_recorded(),
    ),
)

PERMIT_FOLLOW_UP = KindSpec(
    name=Kind.PERMIT_FOLLOW_UP, zh="居住证跟进", en="Permit follow-up", sync=Sync.APPEND_ONLY,
    department=DepartmentRule(fixed=D.MIGRANT),
    links=Links(household="household_id", persons=("person_id",), subject="person_id"),
    area_from="household_id",
    writers=FOLLOW_UP_WRITERS,
    fields=(
        FieldSpec("person_id", T.ID, "持证人", "Permit holder", required=True),
        FieldSpec("household_id", T.ID, "户", "Household", required=True),
        # casework.domain.migrants.permit_fingerprint of the permit data seen: a changed permit
        # brings the person back on the list.
        FieldSpec("permit_fingerprint", T.TEXT, "居住证数据摘要", "Permit fingerprint", required=True,
                  max_length=64),
        FieldSpec("outcome", T.CODE, "跟进结果", "Outcome", required=True, codes=PERMIT_OUTCOMES),
        FieldSpec("on", T.DATE, "跟进日期", "Followed up on", required=True),
        FieldSpec("note", T.TEXT, "备注", "Note", level=INTERNAL, max_length=NOTE_LIMIT),
        *_recorded(),
    ),
)

SCHOOLING_FOLLOW_UP = KindSpec(
    name=Kind.SCHOOLING_FOLLOW_UP, zh="入学跟进", en="Schooling follow-up", sync=Sync.APPEND_ONLY,
    department=DepartmentRule(fixed=D.MIGRANT),
    links=Links(household="household_id", persons=("person_id",), subject="person_id"),
    area_from="household_id",
    writers=FOLLOW_UP_WRITERS,
    fields=(
        FieldSpec("person_id", T.ID, "儿童", "Child", required=True),
        FieldSpec("household_id", T.ID, "户", "Household", required=True),
        FieldSpec("outcome", T.CODE, "跟进结果", "Outcome", required=True, codes=SCHOOLING_OUTCOMES),
        FieldSpec("on", T.DATE, "跟进日期", "Followed up on", required=True),
        FieldSpec("note", T.TEXT, "备注", "Note", level=INTERNAL, max_length=NOTE_LIMIT),
        *_recorded(),
    ),
)

register(DUPLICATE_REVIEW, PERMIT_FOLLOW_UP, SCHOOLING_FOLLOW_UP)
