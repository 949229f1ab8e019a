"""Records shaped like the hub's (``casework.domain.records``), made deterministically for the
cache tests: distinctive names, valid identity numbers and phone numbers, so a test can look
for them in raw file bytes and search for them. Also turns records into change-feed pages.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from casework.domain.identifiers import make_credit_code, make_id_number, region_for_year

DISTRICT = "440104"
STREETS = {"440104001": "北京街", "440104002": "人民街"}
COMMUNITIES = {"440104001001": "惠福社区", "440104001002": "西湖社区", "440104002001": "净慧社区"}
ROADS = ["大南路", "北京路", "西湖路", "惠福东路", "文明路", "德政中路"]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾单仇区")
GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰华建国志红梅玉珍")


@dataclass
class Record:
    kind: str
    id: str
    area: str
    data: dict[str, Any]
    version: int = 1


@dataclass
class District:
    """Everything made, plus handy indexes for assertions."""

    records: list[Record] = field(default_factory=list)
    people: list[Record] = field(default_factory=list)
    households: list[Record] = field(default_factory=list)

    def by_id(self) -> dict[str, Record]:
        return {r.id: r for r in self.records}


@cache
def _region(year: int) -> str:
    return region_for_year(DISTRICT, year)


def address(area: str, road: str, number: int, room: int) -> dict[str, Any]:
    street = area[:9]
    text = (f"广州市越秀区{STREETS[street]}{COMMUNITIES[area]}{road}{number}号{room}房")
    return {"text": text, "district": area[:6], "street": street, "community": area,
            "street_name": STREETS[street], "community_name": COMMUNITIES[area]}


class Factory:
    """Deterministic record maker; each call adds to ``district``."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.district = District()
        self._seq = 0

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, kind: str, area: str, data: dict[str, Any], id_: str | None = None) -> Record:
        record = Record(kind, id_ or self.uid(), area, data)
        self.district.records.append(record)
        return record

    def id_number(self, birth: dt.date, sex: str) -> str:
        sequence = self.rng.randrange(0, 500) * 2 + (1 if sex == "M" else 0)
        return make_id_number(_region(birth.year), birth, sequence, check_region=False)

    def phone(self) -> str:
        return f"1{self.rng.choice('3456789')}{self.rng.randrange(10**9):09d}"

    def name(self) -> str:
        given = "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2))))
        return self.rng.choice(SURNAMES) + given

    def person(self, household_id: str, area: str, relation: str, *, name: str | None = None,
               id_number: str | None = None, phone: str | None = None, birth_year: int = 1980,
               migrant: bool = False) -> Record:
        sex = self.rng.choice("MF")
        birth = dt.date(birth_year, self.rng.randrange(1, 13), self.rng.randrange(1, 28))
        return self.add("person", area, {
            "household_id": household_id, "name": name or self.name(), "sex": sex,
            "birth_date": birth.isoformat(), "id_number": id_number or self.id_number(birth, sex),
            "phone": phone or self.phone(), "relation": relation, "ethnicity": "汉族",
            "migrant": migrant,
        })

    def fact(self, person: Record, fact_type: str, department: str, value: dict[str, Any] | None,
             *, status: str | None = None, classification: str = "internal",
             withheld: list[str] | None = None) -> Record:
        data: dict[str, Any] = {
            "person_id": person.id, "household_id": person.data["household_id"],
            "department": department, "fact_type": fact_type, "as_of": "2024-03-01",
            "classification": classification, "value": value, "status": status,
            "status_classification": "internal",
        }
        if withheld:
            data["withheld"] = withheld
        return self.add("department_fact", person.area, data)

    def enterprise(self, area: str, name: str = "广州市惠福贸易有限公司") -> Record:
        body = "91440104" + "".join(self.rng.choice("0123456789ABCDEFGH") for _ in range(9))
        return self.add("enterprise", area, {
            "name": name, "uscc": make_credit_code(body), "address": address(area, "大南路", 1, 1),
            "status": "存续", "industry": "批发和零售业", "registered_on": "2015-06-01"})

    def rental_housing(self, area: str, landlord: Record | None) -> Record:
        owner = None
        if landlord is not None:
            owner = {"name": landlord.data["name"], "id_number": landlord.data["id_number"],
                     "phone": landlord.data["phone"], "person_id": landlord.id}
        return self.add("rental_housing", area, {
            "address": address(area, self.rng.choice(ROADS), self.rng.randrange(1, 200),
                               self.rng.randrange(101, 999)),
            "landlord": owner, "registered_on": "2021-05-01", "rooms": 2})

    def household(self, area: str, size: int = 3, *, migrant: bool = False,
                  rental_housing_id: str | None = None, head_name: str | None = None,
                  employer: Record | None = None, road: str | None = None,
                  number: int | None = None, room: int | None = None) -> tuple[Record, list[Record]]:
        hid = self.uid()
        members: list[Record] = []
        relations = ["head", "spouse", "child", "parent", "child", "grandchild"]
        for i in range(size):
            members.append(self.person(hid, area, relations[i % len(relations)],
                                       name=head_name if i == 0 else None,
                                       birth_year=1950 + self.rng.randrange(60), migrant=migrant))
        data: dict[str, Any] = {
            "address": address(area, road or self.rng.choice(ROADS),
                               number or self.rng.randrange(1, 200), room or self.rng.randrange(101, 999)),
            "household_type": "migrant" if migrant else "local", "head_id": members[0].id,
            "flags": ["migrant"] if migrant else [],
        }
        if rental_housing_id:
            data["rental_housing_id"] = rental_housing_id
        household = Record("household", hid, area, data)
        # A household record comes before its members in the list (the feed order may vary).
        self.district.records.insert(len(self.district.records) - size, household)
        self.district.households.append(household)
        self.district.people.extend(members)
        for member in members:
            self.fact(member, "social_insurance", "hrss", {"pension": "在保", "since": "2010-01-01"})
            if employer is not None:
                self.fact(member, "employment", "hrss", {
                    "status": "就业", "enterprise_id": employer.id,
                    "enterprise_name": employer.data["name"], "since": "2019-01-01"})
        return household, members


def small_district(seed: int = 7, households: int = 40) -> District:
    """A few dozen households with everything the household view shows."""
    f = Factory(seed)
    areas = list(COMMUNITIES)
    for i in range(households):
        f.household(areas[i % len(areas)], size=1 + i % 4)
    return f.district


def changes_of(records: list[Record], first_seq: int = 1) -> list[dict[str, Any]]:
    """Upsert changes as the hub's feed sends them."""
    return [{"seq": first_seq + i, "kind": r.kind, "id": r.id, "op": "upsert", "area": r.area,
             "version": r.version, "data": r.data} for i, r in enumerate(records)]


def remove_of(record: Record, seq: int) -> dict[str, Any]:
    return {"seq": seq, "kind": record.kind, "id": record.id, "op": "remove", "area": record.area,
            "version": record.version, "data": None}


def pages(changes: list[dict[str, Any]], size: int) -> Iterator[tuple[list[dict[str, Any]], int]]:
    """(page, cursor after it) in feed order."""
    for start in range(0, len(changes), size):
        page = changes[start:start + size]
        yield page, page[-1]["seq"]
