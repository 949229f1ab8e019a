"""A small hand-built district for hub tests, written through ``casework.hub.feed_writer``.

Three streets of 越秀区 (北京街, 人民街, 光塔街), a few households each, with what every line of
business knows about them. Values above ``internal`` are distinctive (a tax amount of
98765.43, a monthly income of 1357.91, a disability certificate number, a psychiatric
condition) so a test can search raw response bytes for them and fail if one leaks.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection, Engine

from casework.domain.areas import street_name
from casework.domain.checksum import checksum_of
from casework.domain.classification import Level
from casework.domain.identifiers import disability_certificate_number, make_credit_code, make_id_number
from casework.domain.records import Kind
from casework.hub.db import make_engine, upgrade
from casework.hub.feed import read_changes_page
from casework.hub.feed_writer import RecordWrite, delete_record, move_household, write_records
from casework.hub.scope import Viewer
from casework.wire.v1 import ChangesPage, decode_cursor

DISTRICT = "440104"
STREET_A = "440104001"  # 北京街
STREET_B = "440104002"  # 人民街
STREET_C = "440104003"  # 光塔街
STREETS = (STREET_A, STREET_B, STREET_C)
A1, A2, B1, C1 = STREET_A + "001", STREET_A + "002", STREET_B + "001", STREET_C + "001"

# Values above internal: none may appear in a response to an internal-clearance viewer.
SECRET_TAX_AMOUNT = 98765.43
SECRET_MONTHLY_INCOME = 1357.91
SECRET_GRANT_AMOUNT = 2468.02
SECRET_CONDITION = "严重精神障碍"
DISABILITY_CATEGORY, DISABILITY_GRADE = 6, 2  # 精神 二级


def address(community: str, text: str) -> dict[str, Any]:
    return {
        "text": f"广州市越秀区{street_name(community)}{text}", "district": community[:6],
        "street": community[:9], "community": community, "street_name": street_name(community),
        "community_name": f"第{community[-3:]}社区",
    }


@dataclass
class HouseholdRefs:
    household_id: str
    area: str
    person_ids: list[str] = field(default_factory=list)
    member_record_ids: list[str] = field(default_factory=list)  # every record filed under it

    @property
    def street(self) -> str:
        return self.area[:9]


@dataclass
class FixtureDistrict:
    households: dict[str, HouseholdRefs] = field(default_factory=dict)
    rental_housing_id: str = ""
    enterprise_id: str = ""
    secret_certificate_number: str = ""
    records: dict[str, RecordWrite] = field(default_factory=dict)  # id -> as first written


class _Builder:
    def __init__(self) -> None:
        self.random = random.Random(5202)
        self.writes: list[RecordWrite] = []
        self.district = FixtureDistrict()

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.random.getrandbits(128), version=4))

    def add(self, kind: str, area: str, data: dict[str, Any], record_id: str | None = None,
            household: HouseholdRefs | None = None) -> str:
        record_id = record_id or self.new_id()
        write = RecordWrite(kind, record_id, area, data)
        self.writes.append(write)
        self.district.records[record_id] = write
        if household is not None:
            household.member_record_ids.append(record_id)
        return record_id

    def household(self, key: str, area: str, surname: str, members: list[tuple[str, str, str, dt.date]],
                  flags: list[str], migrant: bool = False, rental_id: str | None = None) -> HouseholdRefs:
        refs = HouseholdRefs(self.new_id(), area)
        person_ids = [self.new_id() for _ in members]
        refs.person_ids = person_ids
        self.add("household", area, {
            "address": address(area, f"{surname}家巷{len(self.district.households) + 1}号"),
            "household_type": "migrant" if migrant else "local", "head_id": person_ids[0],
            "rental_housing_id": rental_id, "flags": flags,
        }, refs.household_id, refs)
        for index, (pid, (given, sex, relation, birth)) in enumerate(zip(person_ids, members, strict=True)):
            sequence = 11 + 2 * index + (0 if sex == "M" else 1)
            self.add("person", area, {
                "household_id": refs.household_id, "name": surname + given, "sex": sex,
                "birth_date": birth.isoformat(),
                "id_number": make_id_number("440104" if not migrant else "430102", birth, sequence),
                "phone": f"1380013{len(self.writes):04d}", "relation": relation, "ethnicity": "汉族",
                "migrant": migrant,
            }, pid, refs)
        self.district.households[key] = refs
        return refs

    def fact(self, refs: HouseholdRefs, person_index: int, department: str, fact_type: str,
             value: dict[str, Any], classification: str = "internal", status: str | None = None) -> str:
        return self.add("department_fact", refs.area, {
            "person_id": refs.person_ids[person_index], "household_id": refs.household_id,
            "department": department, "fact_type": fact_type, "as_of": "2026-10-01",
            "classification": classification, "value": value, "status": status,
            "status_classification": "internal",
        }, household=refs)

    def person_id_number(self, refs: HouseholdRefs, person_index: int) -> str:
        return self.district.records[refs.person_ids[person_index]].data["id_number"]


def build_district(conn: Connection) -> FixtureDistrict:
    """Write the fixture district in the caller's transaction; returns its ids."""
    b = _Builder()
    d = b.district
    d.enterprise_id = b.add("enterprise", B1, {
        "name": "广州市越秀区穗华贸易有限公司", "uscc": make_credit_code("91440104MA5CXXXX1"),
        "address": address(B1, "环市路88号"), "status": "存续", "industry": "批发和零售业",
        "registered_on": "2019-03-12",
    })

    zhang = b.household("zhang", A1, "张", [
        ("伟", "M", "head", dt.date(1975, 4, 2)), ("秀英", "F", "spouse", dt.date(1977, 8, 19)),
        ("子涵", "F", "child", dt.date(2016, 9, 1)),
    ], flags=[])
    b.fact(zhang, 0, "public_security", "household_registration",
           {"registration": "本市户籍", "address": address(A1, "张家巷1号")})
    b.fact(zhang, 0, "tax", "tax_status", {"amount_owed": SECRET_TAX_AMOUNT}, "secret", "欠税")
    b.fact(zhang, 0, "hrss", "social_insurance", {"pension": "在保", "since": "2001-07-01"})
    b.fact(zhang, 2, "education", "school_enrolment",
           {"school": "越秀区北京街小学", "grade": "四年级", "enrolled_on": "2022-09-01",
            "admission": "户籍入学"})

    d.rental_housing_id = b.add("rental_housing", A1, {
        "address": address(A1, "惠福西路3号201房"),
        "landlord": {"name": "张伟", "id_number": b.person_id_number(zhang, 0), "phone": "13800138000",
                     "person_id": zhang.person_ids[0]},
        "registered_on": "2021-05-06", "rooms": 2,
    })

    li = b.household("li", A2, "李", [
        ("建国", "M", "head", dt.date(1958, 1, 23)), ("明", "M", "child", dt.date(1986, 11, 5)),
    ], flags=["minimum_living", "disabled_member"])
    d.secret_certificate_number = disability_certificate_number(
        b.person_id_number(li, 1), DISABILITY_CATEGORY, DISABILITY_GRADE)
    b.add("disability_certificate", A2, {
        "person_id": li.person_ids[1], "household_id": li.household_id,
        "number": d.secret_certificate_number, "category": DISABILITY_CATEGORY, "grade": DISABILITY_GRADE,
        "issued_on": "2015-06-01", "valid_until": "2035-06-01", "as_of": "2026-10-01",
        "classification": "secret", "status": "持证残疾人", "status_classification": "internal",
    }, household=li)
    b.fact(li, 0, "civil_affairs", "assistance_status",
           {"programme": "minimum_living", "since": "2020-01-01", "monthly_income": SECRET_MONTHLY_INCOME},
           "secret", "低保对象")
    b.fact(li, 1, "health", "health_management",
           {"condition": SECRET_CONDITION, "managed_since": "2012-03-01", "last_medication": "2026-09-20",
            "doctor": "陈医生"}, "secret", "在管")
    b.fact(li, 0, "tax", "tax_status", {"amount_owed": 0}, "secret", "完税")
    for programme, department, amount, classification in (
        ("minimum_living", "civil_affairs", SECRET_GRANT_AMOUNT, "secret"),
        ("disability_living", "disability", 180.0, "internal"),
    ):
        b.add("benefit_grant", A2, {
            "household_id": li.household_id, "beneficiary_person_id": li.person_ids[1],
            "programme": programme, "programme_name": programme, "department": department,
            "category": "cash", "period_start": "2026-01-01", "period_end": "2026-12-31",
            "amount": amount, "item": None, "quantity": None, "as_of": "2026-10-01",
            "classification": classification,
        }, household=li)

    wang = b.household("wang", A1, "王", [
        ("强", "M", "head", dt.date(1990, 2, 14)), ("丽", "F", "spouse", dt.date(1992, 6, 30)),
        ("小虎", "M", "child", dt.date(2018, 3, 3)),
    ], flags=["migrant"], migrant=True, rental_id=d.rental_housing_id)
    b.fact(wang, 0, "migrant", "residence_registration",
           {"rental_housing_id": d.rental_housing_id, "registered_on": "2024-02-01",
            "origin": "湖南省长沙市"})
    b.fact(wang, 0, "migrant", "residence_permit",
           {"number": b.person_id_number(wang, 0), "issued_on": "2024-08-01", "expires_on": "2026-11-30",
            "endorsed_on": None})
    b.fact(wang, 0, "hrss", "employment",
           {"status": "就业", "enterprise_id": d.enterprise_id,
            "enterprise_name": "广州市越秀区穗华贸易有限公司", "since": "2024-03-01"})
    b.fact(wang, 0, "tax", "tax_status", {"amount_owed": 0}, "secret", "完税")

    chen = b.household("chen", B1, "陈", [
        ("桂芳", "F", "head", dt.date(1936, 12, 8)),
    ], flags=["disabled_member"])
    b.add("disability_certificate", B1, {
        "person_id": chen.person_ids[0], "household_id": chen.household_id,
        "number": disability_certificate_number(b.person_id_number(chen, 0), 1, 4), "category": 1,
        "grade": 4, "issued_on": "2010-01-01", "valid_until": "2030-01-01", "as_of": "2026-10-01",
        "classification": "secret", "status": "持证残疾人", "status_classification": "internal",
    }, household=chen)
    b.fact(chen, 0, "civil_affairs", "assistance_status",
           {"programme": "old_age_allowance", "since": "2026-01-01", "monthly_income": 2000},
           "secret", "高龄")
    b.fact(chen, 0, "medical_insurance", "medical_insurance",
           {"scheme": "城乡居民医保", "medical_assistance": True})

    liu = b.household("liu", C1, "刘", [
        ("洋", "M", "head", dt.date(1983, 5, 17)), ("芳", "F", "spouse", dt.date(1985, 10, 9)),
    ], flags=["low_income"])
    b.fact(liu, 0, "tax", "tax_status", {"amount_owed": 3.5}, "secret", "欠税")
    b.fact(liu, 1, "hrss", "employment",
           {"status": "失业登记", "enterprise_id": None, "enterprise_name": "", "since": "2025-12-01"})

    write_records(conn, b.writes)
    return d


def viewer(role: str, scope: tuple[str, ...] | str, clearance: Level = Level.INTERNAL,
           username: str | None = None) -> Viewer:
    scope = (scope,) if isinstance(scope, str) else scope
    return Viewer.for_role(username or f"{role}-{'-'.join(scope)}", role, scope, clearance)


def open_hub(url: str) -> tuple[Engine, FixtureDistrict]:
    """Upgrade an empty hub database, write the fixture district; returns engine and ids."""
    upgrade(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        district = build_district(conn)
    return engine, district


def apply_history(engine: Engine, d: FixtureDistrict) -> None:
    """Changes after the initial load, each its own transaction: an update, a delete, a move
    between streets, a move within a street, and a move back."""
    zhang, li, liu = d.households["zhang"], d.households["li"], d.households["liu"]
    with engine.begin() as conn:
        person = d.records[zhang.person_ids[1]]
        write_records(conn, [RecordWrite(person.kind, person.id, person.area,
                                         {**person.data, "phone": "13900139000"})])
    with engine.begin() as conn:
        delete_record(conn, li.member_record_ids[-1])  # a benefit grant
    with engine.begin() as conn:
        move_household(conn, liu.household_id, A2, address(A2, "刘家新巷9号"))
    with engine.begin() as conn:
        move_household(conn, zhang.household_id, A2, address(A2, "张家新巷2号"))
    with engine.begin() as conn:
        move_household(conn, liu.household_id, C1, address(C1, "刘家巷5号"))
    with engine.begin() as conn:
        move_household(conn, liu.household_id, B1, address(B1, "刘家巷6号"))


def pull(engine: Engine, who: Viewer, limit: int, after: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Every change after ``after`` page by page, as a client would; returns them and the
    final cursor. Each page must be a valid wire ChangesPage."""
    changes: list[dict[str, Any]] = []
    cursor = after
    with engine.connect() as conn:
        while True:
            raw = read_changes_page(conn, who, cursor, limit)
            ChangesPage.model_validate_json(raw)
            page = orjson.loads(raw)
            changes.extend(page["changes"])
            cursor = decode_cursor(page["cursor"])
            conn.rollback()
            if not page["has_more"]:
                return changes, cursor


def holdings(changes: list[dict[str, Any]], held: dict[str, dict[str, Any]] | None = None
             ) -> dict[str, dict[str, Any]]:
    """What a client holds after applying these changes in order: id -> last upsert."""
    held = dict(held or {})
    for change in changes:
        if change["op"] == "upsert":
            held[change["id"]] = change
        else:
            held.pop(change["id"], None)
    return held


def summary_of(held: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per kind count and checksum, computed as a client would from its holdings."""
    kinds: dict[str, dict[str, Any]] = {}
    for kind in Kind:
        pairs = [(c["id"], c["version"]) for c in held.values() if c["kind"] == kind]
        kinds[kind.value] = {"count": len(pairs), "checksum": checksum_of(pairs)}
    return kinds
