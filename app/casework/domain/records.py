"""Record kinds and the shape of each kind's data, as the hub stores and the client caches it.

A record is a JSON object (``data``) with an id (UUID text), a version, the area code that
scopes it (community, 12 digits) and the department (line of business) that owns it. The
TypedDicts below are the contract between the generator, the hub, the cache and the UI;
dates are ISO ``YYYY-MM-DD`` strings, amounts are yuan as numbers.

Masked data: a field the user may not see is set to ``None`` and named in ``withheld``
(see ``casework.domain.masking``); a ``status`` field, where present, is what replaces it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, NotRequired, TypedDict

from casework.domain.classification import Level
from casework.domain.departments import Department


class Kind(StrEnum):
    HOUSEHOLD = "household"
    PERSON = "person"
    RENTAL_HOUSING = "rental_housing"
    ENTERPRISE = "enterprise"
    DEPARTMENT_FACT = "department_fact"
    DISABILITY_CERTIFICATE = "disability_certificate"
    BENEFIT_GRANT = "benefit_grant"
    CASE = "case"
    CASE_NOTE = "case_note"
    AUDIT_EVENT = "audit_event"
    SERVICE_PLAN = "service_plan"
    SERVICE_RECORD = "service_record"
    DUPLICATE_REVIEW = "duplicate_review"
    PERMIT_FOLLOW_UP = "permit_follow_up"
    SCHOOLING_FOLLOW_UP = "schooling_follow_up"


class Address(TypedDict):
    text: str  # full address as written, e.g. 广州市越秀区北京街惠福社区大南路12号301房
    district: str  # 6 digits
    street: str  # 9 digits
    community: str  # 12 digits
    street_name: str
    community_name: str


class HouseholdData(TypedDict):
    address: Address | None
    household_type: str  # "local" 本地户籍 | "migrant" 来穗人员
    head_id: str  # person id of the head of household
    rental_housing_id: NotRequired[str | None]  # where a migrant household rents
    flags: list[str]  # e.g. "minimum_living", "low_income", "disabled_member", "migrant"
    withheld: NotRequired[list[str]]


# Relation to the head of household (与户主关系).
RELATIONS: dict[str, str] = {
    "head": "户主",
    "spouse": "配偶",
    "child": "子女",
    "parent": "父母",
    "grandchild": "孙子女",
    "grandparent": "祖父母",
    "sibling": "兄弟姐妹",
    "child_in_law": "儿媳/女婿",
    "other": "其他",
}


class PersonData(TypedDict):
    household_id: str
    name: str | None
    sex: str  # "M" | "F"
    birth_date: str | None
    id_number: str | None
    phone: str | None
    relation: str  # a key of RELATIONS
    ethnicity: str  # e.g. 汉族
    migrant: bool
    withheld: NotRequired[list[str]]


class Landlord(TypedDict):
    name: str
    id_number: str
    phone: str
    person_id: str | None  # when the landlord is a person held in the hub


class RentalHousingData(TypedDict):
    address: Address | None
    landlord: Landlord | None
    registered_on: str
    rooms: int
    withheld: NotRequired[list[str]]


class EnterpriseData(TypedDict):
    name: str
    uscc: str  # unified social credit code
    address: Address
    status: str  # 存续 | 注销 | 吊销
    industry: str
    registered_on: str


class FactData(TypedDict):
    """A department's fact about a person. ``value`` is classified at ``classification``;
    ``status`` (at ``status_classification``) is what a user below that level sees instead."""

    person_id: str
    household_id: str
    department: str  # a Department value
    fact_type: str  # a key of FACT_TYPES
    as_of: str
    classification: str  # a Level code
    value: dict[str, Any] | None
    status: str | None
    status_classification: str
    withheld: NotRequired[list[str]]


class DisabilityCertificateData(TypedDict):
    person_id: str
    household_id: str
    number: str | None  # 20 digits: identity number + category + grade
    category: int | None  # 1-7, see casework.domain.disability
    grade: int | None  # 1-4
    issued_on: str
    valid_until: str
    as_of: str
    classification: str  # level of number, category and grade
    status: str  # e.g. 持证残疾人
    status_classification: str
    withheld: NotRequired[list[str]]


class BenefitGrantData(TypedDict):
    household_id: str
    beneficiary_person_id: str | None  # None: granted to the household
    programme: str  # programme code, see casework.domain.benefits
    programme_name: str
    department: str  # paying department
    category: str  # "cash" | "in_kind" | "service"
    period_start: str
    period_end: str
    amount: float | None  # yuan, for cash
    item: str | None  # for in-kind, e.g. 棉被
    quantity: int | None
    as_of: str
    classification: str  # level of amount, item and quantity
    withheld: NotRequired[list[str]]


# The ``value`` of each fact type (FactData.value), keys and meaning:
FACT_VALUE_FIELDS: dict[str, dict[str, str]] = {
    "household_registration": {"registration": "本市户籍 | 外省户籍", "address": "Address of registration"},
    "actual_residence": {"address": "Address where public security records the person living"},
    "social_insurance": {"pension": "在保 | 领取养老金 | 未参保", "since": "date"},
    "employment": {"status": "就业 | 失业登记 | 灵活就业", "enterprise_id": "record id or null",
                   "enterprise_name": "text", "since": "date"},
    "medical_insurance": {"scheme": "职工医保 | 城乡居民医保 | 未参保", "medical_assistance": "bool"},
    "assistance_status": {"programme": "a casework.domain.benefits programme code",
                          "since": "date", "monthly_income": "yuan per person (secret)"},
    "health_management": {"condition": "严重精神障碍 | 慢性病 | 计划生育", "managed_since": "date",
                          "last_medication": "date or null", "doctor": "text"},
    "residence_registration": {"rental_housing_id": "record id or null", "registered_on": "date",
                               "origin": "province and county of origin"},
    "residence_permit": {"number": "permit number (follows the identity number)",
                         "issued_on": "date", "expires_on": "date", "endorsed_on": "date or null"},
    "school_enrolment": {"school": "text", "grade": "text, e.g. 三年级", "enrolled_on": "date",
                         "admission": "户籍入学 | 积分入学"},
    "tax_status": {"amount_owed": "yuan (secret); the status 完税/欠税 replaces it"},
}

# fact_type → (department, default classification of value, default status classification,
#               label zh, label en)
FACT_TYPES: dict[str, tuple[Department, Level, Level, str, str]] = {
    "household_registration": (Department.PUBLIC_SECURITY, Level.INTERNAL, Level.INTERNAL,
                               "户籍登记", "Household registration"),
    "actual_residence": (Department.PUBLIC_SECURITY, Level.INTERNAL, Level.INTERNAL,
                         "实际居住地", "Actual residence"),
    "social_insurance": (Department.HRSS, Level.INTERNAL, Level.INTERNAL,
                         "社会保险", "Social insurance"),
    "employment": (Department.HRSS, Level.INTERNAL, Level.INTERNAL,
                   "就业登记", "Employment"),
    "medical_insurance": (Department.MEDICAL_INSURANCE, Level.INTERNAL, Level.INTERNAL,
                          "医疗保险", "Medical insurance"),
    "assistance_status": (Department.CIVIL_AFFAIRS, Level.SECRET, Level.INTERNAL,
                          "社会救助", "Social assistance"),
    "health_management": (Department.HEALTH, Level.SECRET, Level.INTERNAL,
                          "健康管理", "Health management"),
    "residence_registration": (Department.MIGRANT, Level.INTERNAL, Level.INTERNAL,
                               "居住登记", "Residence registration"),
    "residence_permit": (Department.MIGRANT, Level.INTERNAL, Level.INTERNAL,
                         "居住证", "Residence permit"),
    "school_enrolment": (Department.EDUCATION, Level.INTERNAL, Level.INTERNAL,
                         "入学登记", "School enrolment"),
    "tax_status": (Department.TAX, Level.SECRET, Level.INTERNAL, "纳税状态", "Tax status"),
}


def department_of(kind: str, data: dict[str, Any], parent_department: str | None = None) -> Department:
    """The line of business a record belongs to (declared in ``casework.domain.registry``)."""
    from casework.domain.registry import spec

    return spec(kind).department_of(data, parent_department)


def household_of(kind: str, id_: str, data: dict[str, Any]) -> str | None:
    """The household a record belongs to (it moves with it), or None for records that stand
    alone (rental housing, enterprises)."""
    from casework.domain.registry import spec

    return spec(kind).household_of(id_, data)
