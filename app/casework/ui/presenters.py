"""Turn the records of a household, a rental home or an enterprise into what the screens show
(``casework.ui.presentation``): labels in the current language, masked numbers, sections by
department in a fixed order, withheld items as their status, and the links between them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from PySide6.QtCore import QCoreApplication

from casework.domain.classification import Level
from casework.domain.departments import Department
from casework.domain.masking import field_levels
from casework.domain.records import RELATIONS
from casework.ui import labels
from casework.ui.fact_text import certificate_text, fact_value_text, grant_text, withheld_text
from casework.ui.formatting import format_age, mask_id_number, mask_phone
from casework.ui.navigation import Place, PlaceKind
from casework.ui.presentation import Fact, HouseholdScreen, LinkedScreen, PersonRow, Section
from casework.ui.view_records import EnterpriseRecords, HouseholdRecords, Rec, RentalRecords

# Sections in the order a caseworker reads a family: who they are, then support, then the rest.
DEPARTMENT_ORDER = (
    Department.PUBLIC_SECURITY, Department.CIVIL_AFFAIRS, Department.HRSS, Department.MEDICAL_INSURANCE,
    Department.HEALTH, Department.DISABILITY, Department.EDUCATION, Department.MIGRANT, Department.TAX,
    Department.MARKET,
)
_RELATION_ORDER = {code: i for i, code in enumerate(RELATIONS)}
EMPTY = "—"  # a field the department left empty


translate = QCoreApplication.translate  # lupdate reads translate("context", "literal")


def _level(code: str | None) -> tuple[str, str]:
    level = Level.parse(code) if code else Level.INTERNAL
    return level.code, labels.level(level)


def person_row(rec: Rec, household_id: str | None = None, note: str = "") -> PersonRow:
    pid, data = rec
    return PersonRow(person_id=pid, household_id=household_id or data.get("household_id", ""),
                     name=data.get("name") or translate("presenters", "（已隐去）"),
                     relation=labels.relation(data.get("relation")),
                     sex=labels.sex(data.get("sex")), age=format_age(data.get("birth_date")),
                     id_number=mask_id_number(data.get("id_number")), note=note)


def _sorted_members(members: tuple[Rec, ...]) -> list[Rec]:
    return sorted(members, key=lambda r: (_RELATION_ORDER.get(r[1].get("relation", ""), 99),
                                          r[1].get("birth_date") or ""))


# -- the household ------------------------------------------------------------------------------

def household_screen(records: HouseholdRecords) -> HouseholdScreen:
    hid, data = records.household
    address = data.get("address")
    notes = []
    if address is None:
        notes.append(translate("presenters", "地址高于您的密级，已隐去。"))
    area = [address.get("street_name", ""), address.get("community_name", "")] if address else []
    area.append(labels.household_type(data.get("household_type")))
    disabled = {c[1].get("person_id") for c in records.certificates}
    members = _sorted_members(records.members)
    rows = tuple(person_row(m, hid, _member_note(m, disabled)) for m in members)
    reachable = set(records.enterprises) | ({records.rental_housing[0]} if records.rental_housing else set())
    sections = {m[0]: _member_sections(m, records, m[0] == data.get("head_id"), reachable) for m in members}
    links: list[tuple[str, Place]] = []
    if records.rental_housing is not None:
        rid, rental = records.rental_housing
        where = (rental.get("address") or {}).get("text") or translate("presenters", "出租屋")
        text = translate("presenters", "出租屋：%1 →").replace("%1", where)
        links.append((text, Place(PlaceKind.RENTAL_HOUSING, rid)))
    elif data.get("rental_housing_id"):  # a link to nothing is a dead end: say why instead
        notes.append(translate("presenters", "此户租住出租屋，但出租屋记录不在您的查看范围内"
                                             "（由来穗人员服务管理部门掌握）。"))
    return HouseholdScreen(
        household_id=hid, address=(address or {}).get("text") or translate("presenters", "（地址已隐去）"),
        area_line=" · ".join(p for p in area if p),
        flags=tuple(labels.flag(f) for f in data.get("flags", ())),
        members=rows, sections=sections, links=tuple(links), notes=tuple(notes))


def _member_note(member: Rec, disabled: set[Any]) -> str:
    notes = []
    if member[0] in disabled:
        notes.append(translate("presenters", "残疾"))
    if member[1].get("migrant"):
        notes.append(translate("presenters", "来穗"))
    return " · ".join(notes)


def _member_sections(member: Rec, records: HouseholdRecords, is_head: bool,
                     reachable: set[str]) -> tuple[Section, ...]:
    pid, person = member
    by_department: dict[str, list[Fact]] = defaultdict(list)
    by_department[Department.PUBLIC_SECURITY].extend(_identity_facts(person))
    for _fid, fact in records.facts:
        if fact.get("person_id") == pid:
            by_department[fact.get("department", "")].append(_department_fact(fact, reachable))
    for _cid, cert in records.certificates:
        if cert.get("person_id") == pid:
            by_department[Department.DISABILITY].append(_certificate_fact(cert))
    for _gid, grant in records.grants:
        beneficiary = grant.get("beneficiary_person_id")
        if beneficiary == pid or (beneficiary is None and is_head):
            shown = _grant_fact(grant, household=beneficiary is None)
            by_department[grant.get("department", "")].append(shown)
    ordered = [d.value for d in DEPARTMENT_ORDER] + sorted(set(by_department) - {d.value for d in Department})
    return tuple(Section(code, labels.department(code), tuple(by_department[code]))
                 for code in ordered if by_department.get(code))


def _identity_facts(person: dict[str, Any]) -> list[Fact]:
    """The person record itself, as public security holds it (the fields are internal)."""
    levels = field_levels("person", person)
    department = labels.department(Department.PUBLIC_SECURITY)
    facts = []
    for name, shown in (("id_number", mask_id_number(person.get("id_number"))),
                        ("birth_date", person.get("birth_date") or ""),
                        ("phone", mask_phone(person.get("phone")))):
        code, label = _level(levels.get(name, Level.PUBLIC).code)
        withheld = name in person.get("withheld", ())
        facts.append(Fact(labels.field(name), withheld_text(None) if withheld else shown or EMPTY,
                          department, "", code, label, withheld))
    ethnicity = person.get("ethnicity")
    if ethnicity:
        facts.append(Fact(translate("presenters", "民族"), labels.value(ethnicity), department, "",
                          *_level("public")))
    return facts


def _department_fact(fact: dict[str, Any], reachable: set[str]) -> Fact:
    withheld = "value" in fact.get("withheld", ())
    code, label = _level(fact.get("classification"))  # the item's own level, withheld or not
    text = withheld_text(fact.get("status")) if withheld else fact_value_text(fact)
    link, link_text = _fact_link(fact.get("value") or {})
    if link is not None and link.id not in reachable:  # not in this cache: no link, but why
        text += translate("presenters", "（%1记录不在您的查看范围内）").replace(
            "%1", translate("presenters", "单位") if link.kind is PlaceKind.ENTERPRISE
            else translate("presenters", "出租屋"))
        link, link_text = None, ""
    return Fact(labels.fact_type(fact.get("fact_type", "")), text,
                labels.department(fact.get("department", "")), fact.get("as_of", ""), code, label,
                withheld, link, link_text)


def _fact_link(value: dict[str, Any]) -> tuple[Place | None, str]:
    if value.get("enterprise_id"):
        return Place(PlaceKind.ENTERPRISE, value["enterprise_id"]), translate("presenters", "单位 →")
    if value.get("rental_housing_id"):
        place = Place(PlaceKind.RENTAL_HOUSING, value["rental_housing_id"])
        return place, translate("presenters", "出租屋 →")
    return None, ""


def _certificate_fact(cert: dict[str, Any]) -> Fact:
    text, withheld = certificate_text(cert)
    code, label = _level(cert.get("classification"))
    return Fact(translate("presenters", "残疾人证"), text, labels.department(Department.DISABILITY),
                cert.get("as_of", ""), code, label, withheld)


def _grant_fact(grant: dict[str, Any], household: bool) -> Fact:
    text, withheld = grant_text(grant)
    code, label = _level(grant.get("classification"))
    name = labels.programme(grant.get("programme"), grant.get("programme_name"))
    if household:
        name = translate("presenters", "%1（全户）").replace("%1", name)
    return Fact(name, text, labels.department(grant.get("department", "")), grant.get("as_of", ""),
                code, label, withheld)


# -- rental homes and enterprises -----------------------------------------------------------------

def rental_screen(records: RentalRecords) -> LinkedScreen:
    rid, data = records.rental_housing
    address = (data.get("address") or {}).get("text") or translate("presenters", "（地址已隐去）")
    landlord = data.get("landlord")
    details = []
    if landlord:
        who = f"{landlord.get('name', '')}  {mask_phone(landlord.get('phone'))}".strip()
        details.append((translate("presenters", "房东"), who))
    elif "landlord" in data.get("withheld", ()):
        details.append((translate("presenters", "房东"), translate("presenters", "已隐去")))
    details.append((translate("presenters", "登记日期"), data.get("registered_on", "")))
    details.append((translate("presenters", "房间数"), str(data.get("rooms", ""))))
    links = []
    if landlord and landlord.get("person_id") and records.landlord_household_id:
        links.append((translate("presenters", "房东的家庭 →"),
                      Place(PlaceKind.HOUSEHOLD, records.landlord_household_id, landlord["person_id"])))
    tenants = tuple(person_row(t) for t in _sorted_members(records.tenants))
    title = translate("presenters", "出租屋：%1").replace("%1", address)
    people_title = translate("presenters", "租住人员（%1 人）").replace("%1", str(len(tenants)))
    return LinkedScreen(Place(PlaceKind.RENTAL_HOUSING, rid), title, tuple(details), people_title, tenants,
                        tuple(links))


def enterprise_screen(records: EnterpriseRecords) -> LinkedScreen:
    eid, data = records.enterprise
    details = (
        (translate("presenters", "统一社会信用代码"), data.get("uscc", "")),
        (translate("presenters", "登记状态"), labels.code("enterprise", "status", data.get("status", ""))),
        (translate("presenters", "行业"), data.get("industry", "")),
        (translate("presenters", "成立日期"), data.get("registered_on", "")),
        (translate("presenters", "地址"), (data.get("address") or {}).get("text", "")),
    )
    workers = tuple(person_row(w) for w in records.workers)
    people_title = translate("presenters", "在本单位就业（您范围内 %1 人）").replace("%1", str(len(workers)))
    return LinkedScreen(Place(PlaceKind.ENTERPRISE, eid), data.get("name", ""), details, people_title,
                        workers)
