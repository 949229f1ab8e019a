"""Declarations of the department data kinds: pulled from the hub, read-only on the client.

Frontline staff report wrong department data to its owner (a discrepancy report) instead of
changing it, so these kinds have no writers. The data shapes are the TypedDicts of
``casework.domain.records``; the values of department facts are described there too.
"""

from __future__ import annotations

from casework.domain.benefits import PROGRAMMES
from casework.domain.classification import Level
from casework.domain.departments import Department as D
from casework.domain.records import Kind
from casework.domain.registry import (
    SELF,
    Code,
    DepartmentRule,
    FieldSpec,
    FieldType,
    KindSpec,
    Links,
    Reveals,
    Sync,
    register,
)

T = FieldType
INTERNAL = Level.INTERNAL
CLASSIFIED = "classification"  # the record's own level, set by the owning department

HOUSEHOLD_FLAGS = (
    Code("minimum_living", "低保", "Minimum living guarantee"),
    Code("low_income", "低收入", "Low income"),
    Code("destitute_support", "特困", "Destitute support"),
    Code("disabled_member", "有残疾成员", "Disabled member"),
    Code("migrant", "来穗", "Migrant"),
    Code("elderly_alone", "独居老人", "Elderly living alone"),
    Code("school_age_child", "有学龄儿童", "School-age child"),
)

HOUSEHOLD = KindSpec(
    name=Kind.HOUSEHOLD, zh="户", en="Household", sync=Sync.PULLED,
    department=DepartmentRule(fixed=D.PUBLIC_SECURITY),
    links=Links(household=SELF, persons=("head_id",), rental_housing="rental_housing_id",
                points_to="rental_housing_id"),
    fields=(
        FieldSpec("address", T.ADDRESS, "地址", "Address", level=INTERNAL),
        FieldSpec("household_type", T.CODE, "户籍类别", "Household type", codes=(
            Code("local", "本地户籍", "Local"), Code("migrant", "来穗人员", "Migrant"))),
        FieldSpec("head_id", T.ID, "户主", "Head of household"),
        FieldSpec("rental_housing_id", T.ID, "出租屋", "Rental housing"),
        # Derived from other departments' data: each flag reveals what its source knows.
        FieldSpec("flags", T.CODES, "标记", "Flags", codes=HOUSEHOLD_FLAGS, code_reveals={
            "minimum_living": Reveals(D.CIVIL_AFFAIRS, INTERNAL),
            "low_income": Reveals(D.CIVIL_AFFAIRS, INTERNAL),
            "destitute_support": Reveals(D.CIVIL_AFFAIRS, INTERNAL),
            "disabled_member": Reveals(D.DISABILITY, INTERNAL),
            "migrant": Reveals(D.MIGRANT, INTERNAL),
        }),
    ),
)

PERSON = KindSpec(
    name=Kind.PERSON, zh="人员", en="Person", sync=Sync.PULLED,
    department=DepartmentRule(fixed=D.PUBLIC_SECURITY),
    links=Links(household="household_id"),
    fields=(
        FieldSpec("household_id", T.ID, "户", "Household"),
        FieldSpec("name", T.TEXT, "姓名", "Name", level=INTERNAL),
        FieldSpec("sex", T.CODE, "性别", "Sex", codes=(Code("M", "男", "Male"), Code("F", "女", "Female"))),
        FieldSpec("birth_date", T.DATE, "出生日期", "Date of birth", level=INTERNAL),
        FieldSpec("id_number", T.ID_NUMBER, "身份证号", "Identity number", level=INTERNAL),
        FieldSpec("phone", T.TEXT, "电话", "Phone", level=INTERNAL),
        FieldSpec("relation", T.CODE, "与户主关系", "Relation to head", codes=(
            Code("head", "户主", "Head"), Code("spouse", "配偶", "Spouse"), Code("child", "子女", "Child"),
            Code("parent", "父母", "Parent"), Code("grandchild", "孙子女", "Grandchild"),
            Code("grandparent", "祖父母", "Grandparent"), Code("sibling", "兄弟姐妹", "Sibling"),
            Code("child_in_law", "儿媳/女婿", "Child-in-law"), Code("other", "其他", "Other"))),
        FieldSpec("ethnicity", T.TEXT, "民族", "Ethnicity"),
        FieldSpec("migrant", T.BOOL, "来穗人员", "Migrant", reveals=Reveals(D.MIGRANT, INTERNAL)),
    ),
)

RENTAL_HOUSING = KindSpec(
    name=Kind.RENTAL_HOUSING, zh="出租屋", en="Rental housing", sync=Sync.PULLED,
    department=DepartmentRule(fixed=D.MIGRANT),
    links=Links(persons=("landlord.person_id",), points_to="landlord.person_id"),
    fields=(
        FieldSpec("address", T.ADDRESS, "地址", "Address", level=INTERNAL),
        FieldSpec("landlord", T.OBJECT, "房东", "Landlord", level=INTERNAL),
        FieldSpec("registered_on", T.DATE, "登记日期", "Registered on"),
        FieldSpec("rooms", T.INT, "房间数", "Rooms"),
    ),
)

ENTERPRISE = KindSpec(
    name=Kind.ENTERPRISE, zh="企业", en="Enterprise", sync=Sync.PULLED,
    department=DepartmentRule(fixed=D.MARKET),
    fields=(
        FieldSpec("name", T.TEXT, "名称", "Name"),
        FieldSpec("uscc", T.TEXT, "统一社会信用代码", "Unified social credit code"),
        FieldSpec("address", T.ADDRESS, "地址", "Address"),
        FieldSpec("status", T.CODE, "登记状态", "Status", codes=(
            Code("存续", "存续", "Active"), Code("注销", "注销", "Deregistered"),
            Code("吊销", "吊销", "Revoked"))),
        FieldSpec("industry", T.TEXT, "行业", "Industry"),
        FieldSpec("registered_on", T.DATE, "成立日期", "Registered on"),
    ),
)

DEPARTMENT_FACT = KindSpec(
    name=Kind.DEPARTMENT_FACT, zh="部门信息", en="Department fact", sync=Sync.PULLED,
    department=DepartmentRule(from_field="department"),
    # A fact leads to another record through its value, by fact type (``FACT_LINK_FIELDS``).
    links=Links(household="household_id", persons=("person_id",), subject="person_id"),
    subtype="fact_type",
    fields=(
        FieldSpec("person_id", T.ID, "人员", "Person"),
        FieldSpec("household_id", T.ID, "户", "Household"),
        FieldSpec("department", T.CODE, "部门", "Department",
                  codes=tuple(Code(d.value, d.label_zh, d.label_en) for d in D)),
        FieldSpec("fact_type", T.TEXT, "信息类别", "Fact type"),
        FieldSpec("as_of", T.DATE, "数据日期", "As of"),
        FieldSpec("classification", T.TEXT, "密级", "Classification"),
        FieldSpec("value", T.OBJECT, "内容", "Value", level_field=CLASSIFIED),
        FieldSpec("status", T.TEXT, "状态", "Status", level_field="status_classification"),
        FieldSpec("status_classification", T.TEXT, "状态密级", "Status classification"),
    ),
)

DISABILITY_CERTIFICATE = KindSpec(
    name=Kind.DISABILITY_CERTIFICATE, zh="残疾人证", en="Disability certificate", sync=Sync.PULLED,
    department=DepartmentRule(fixed=D.DISABILITY),
    links=Links(household="household_id", persons=("person_id",), subject="person_id"),
    subtype="=disability_certificate",
    fields=(
        FieldSpec("person_id", T.ID, "人员", "Person"),
        FieldSpec("household_id", T.ID, "户", "Household"),
        FieldSpec("number", T.TEXT, "证号", "Number", level_field=CLASSIFIED),
        FieldSpec("category", T.INT, "残疾类别", "Category", level_field=CLASSIFIED),
        FieldSpec("grade", T.INT, "残疾等级", "Grade", level_field=CLASSIFIED),
        FieldSpec("issued_on", T.DATE, "发证日期", "Issued on"),
        FieldSpec("valid_until", T.DATE, "有效期至", "Valid until"),
        FieldSpec("as_of", T.DATE, "数据日期", "As of"),
        FieldSpec("classification", T.TEXT, "密级", "Classification"),
        FieldSpec("status", T.TEXT, "状态", "Status", level_field="status_classification"),
        FieldSpec("status_classification", T.TEXT, "状态密级", "Status classification"),
    ),
)

# A programme names what it pays for (issue 9): an assistance programme says what civil affairs
# knows, medical assistance is civil-affairs help, the nursing subsidy says a grade 1-2
# disability (the certificate keeps the grade secret). Keyed by code and by name (programme_name
# holds either). Checked against casework.domain.implications.KNOWN.
_PROGRAMME_REVEALS = {
    "minimum_living": Reveals(D.CIVIL_AFFAIRS, INTERNAL),
    "low_income": Reveals(D.CIVIL_AFFAIRS, INTERNAL),
    "destitute_support": Reveals(D.CIVIL_AFFAIRS, INTERNAL),
    "medical_assistance": Reveals(D.CIVIL_AFFAIRS, INTERNAL),
    "disability_nursing": Reveals(D.DISABILITY, Level.SECRET),
}
PROGRAMME_REVEALS = {**_PROGRAMME_REVEALS, **{PROGRAMMES[code].name: reveals
                                              for code, reveals in _PROGRAMME_REVEALS.items()}}

BENEFIT_GRANT = KindSpec(
    name=Kind.BENEFIT_GRANT, zh="补贴发放", en="Benefit grant", sync=Sync.PULLED,
    department=DepartmentRule(from_field="department"),
    links=Links(household="household_id", persons=("beneficiary_person_id",),
                subject="beneficiary_person_id"),
    subtype="programme",
    fields=(
        FieldSpec("household_id", T.ID, "户", "Household"),
        FieldSpec("beneficiary_person_id", T.ID, "受益人", "Beneficiary"),
        FieldSpec("programme", T.TEXT, "项目", "Programme", code_reveals=PROGRAMME_REVEALS),
        FieldSpec("programme_name", T.TEXT, "项目名称", "Programme name", code_reveals=PROGRAMME_REVEALS),
        FieldSpec("department", T.CODE, "发放部门", "Paying department",
                  codes=tuple(Code(d.value, d.label_zh, d.label_en) for d in D)),
        FieldSpec("category", T.CODE, "类别", "Category", codes=(
            Code("cash", "现金", "Cash"), Code("in_kind", "实物", "In kind"),
            Code("service", "服务", "Service"))),
        FieldSpec("period_start", T.DATE, "起始日期", "Period start"),
        FieldSpec("period_end", T.DATE, "截止日期", "Period end"),
        FieldSpec("amount", T.NUMBER, "金额", "Amount", level_field=CLASSIFIED),
        FieldSpec("item", T.TEXT, "物品", "Item", level_field=CLASSIFIED),
        FieldSpec("quantity", T.INT, "数量", "Quantity", level_field=CLASSIFIED),
        FieldSpec("as_of", T.DATE, "数据日期", "As of"),
        FieldSpec("classification", T.TEXT, "密级", "Classification"),
    ),
)

register(HOUSEHOLD, PERSON, RENTAL_HOUSING, ENTERPRISE, DEPARTMENT_FACT, DISABILITY_CERTIFICATE,
         BENEFIT_GRANT)
