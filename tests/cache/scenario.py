"""A small district with named cases the cache tests look for: a local household with masked
facts, a migrant household renting from a landlord in the cache, an enterprise with workers
from both, surnames read several ways (单 曾 仇 区), a name outside the BMP, two-character
names, and filler households around them."""

from __future__ import annotations

from dataclasses import dataclass

from tests.cache.factory import COMMUNITIES, District, Factory, Record

AREA = "440104001001"  # 惠福社区
OTHER_AREA = "440104002001"  # 净慧社区


@dataclass
class Scenario:
    district: District
    zhang: Record  # 张三, head of the local household, landlord, employee
    shan: Record  # 单仁美, spouse
    zeng: Record  # 曾小明, child
    local: Record  # the local household, at 大南路12号301房
    qiu: Record  # 仇大海, head of the migrant household
    ou: Record  # 区丽
    migrant: Record
    rental: Record
    enterprise: Record
    registered: Record  # 王芳, elsewhere, with a residence registration at the rental home
    rare: Record  # 𠮷田, a name outside the Basic Multilingual Plane
    li: Record  # 李三
    assistance: Record  # a fact withheld (value) with its status
    certificate: Record  # a certificate with number, category, grade withheld
    household_grant: Record
    person_grant: Record
    employment_zhang: Record
    employment_qiu: Record


def build_scenario() -> Scenario:
    f = Factory(seed=11)
    enterprise = f.enterprise(AREA, "广州市惠福贸易有限公司")
    local, (zhang, shan, zeng) = f.household(
        AREA, 3, head_name="张三", road="大南路", number=12, room=301)
    # Names fixed after the fact so the rest of each record stays generated.
    shan.data["name"] = "单仁美"
    zeng.data["name"] = "曾小明"
    zhang.data["id_number"] = "44010419850301739X"
    zhang.data["phone"] = "13926051234"
    zhang.data["birth_date"] = "1985-03-01"
    rental = f.rental_housing(AREA, zhang)
    migrant, (qiu, ou) = f.household(AREA, 2, migrant=True, rental_housing_id=rental.id, head_name="仇大海")
    ou.data["name"] = "区丽"
    _, (registered,) = f.household(OTHER_AREA, 1, head_name="王芳")
    f.fact(registered, "residence_registration", "migrant",
           {"rental_housing_id": rental.id, "registered_on": "2023-02-01", "origin": "湖南省衡阳县"})
    _, (rare,) = f.household(OTHER_AREA, 1, head_name="𠮷田")
    _, (li,) = f.household(OTHER_AREA, 1, head_name="李三")
    employment_zhang = f.fact(zhang, "employment", "hrss", {
        "status": "就业", "enterprise_id": enterprise.id, "enterprise_name": enterprise.data["name"],
        "since": "2018-03-01"})
    employment_qiu = f.fact(qiu, "employment", "hrss", {
        "status": "就业", "enterprise_id": enterprise.id, "enterprise_name": enterprise.data["name"],
        "since": "2022-07-01"})
    assistance = f.fact(zhang, "assistance_status", "civil_affairs", None, status="享受最低生活保障",
                        classification="secret", withheld=["value"])
    certificate = f.add("disability_certificate", AREA, {
        "person_id": shan.id, "household_id": local.id, "number": None, "category": None, "grade": None,
        "issued_on": "2019-05-01", "valid_until": "2029-05-01", "as_of": "2024-03-01",
        "classification": "secret", "status": "持证残疾人", "status_classification": "internal",
        "withheld": ["category", "grade", "number"]})
    household_grant = f.add("benefit_grant", AREA, _grant(local.id, None, "minimum_living", 1200.0))
    person_grant = f.add("benefit_grant", AREA, _grant(local.id, shan.id, "disability_living", 180.0))
    areas = list(COMMUNITIES)
    for i in range(40):
        f.household(areas[i % len(areas)], size=1 + i % 4)
    return Scenario(f.district, zhang, shan, zeng, local, qiu, ou, migrant, rental, enterprise,
                    registered, rare, li, assistance, certificate, household_grant, person_grant,
                    employment_zhang, employment_qiu)


def _grant(household_id: str, person_id: str | None, programme: str, amount: float) -> dict:
    return {"household_id": household_id, "beneficiary_person_id": person_id, "programme": programme,
            "programme_name": "最低生活保障金" if programme == "minimum_living" else "困难残疾人生活补贴",
            "department": "civil_affairs" if programme == "minimum_living" else "disability",
            "category": "cash", "period_start": "2024-01-01", "period_end": "2024-12-31",
            "amount": amount, "item": None, "quantity": None, "as_of": "2024-03-01",
            "classification": "internal"}
