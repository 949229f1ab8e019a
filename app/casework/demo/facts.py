"""What each department knows about a person: the department facts of the demo district.

Every fact carries its department, as-of date, classification and the status that replaces
its value for users below that classification (casework.domain.records.FACT_TYPES). The
shares are chosen so the district holds the management points the frontline works on:
children without school enrolment, permits about to expire, missed medication pick-ups,
addresses that disagree between public security and the household register.
"""

from __future__ import annotations

import datetime as dt
import random

from casework.demo.addresses import origin_address, origin_label
from casework.demo.people import Household, Member
from casework.domain.records import FACT_TYPES

_META = {ft: (dept.value, cls.code, scls.code) for ft, (dept, cls, scls, _zh, _en) in FACT_TYPES.items()}

PERMIT_DAYS = 3 * 365  # a Guangdong residence permit is valid for three years
RETIREMENT_AGE = {"M": 60, "F": 55}
_GRADES = ("一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级", "九年级")
ASSISTANCE_STATUS = {"minimum_living": "低保户", "low_income": "低收入户", "destitute_support": "特困人员"}
_INCOME = {"minimum_living": (0, 1200), "low_income": (1300, 2100), "destitute_support": (0, 500)}
_DOCTORS = "陈黄李梁林张何罗郭冯"
# Employers outside the district's enterprise register, for locals who work elsewhere.
_OUTSIDE_EMPLOYERS = (
    "广州地铁集团有限公司", "广州市第一人民医院", "中国南方航空股份有限公司", "广州酒家集团股份有限公司",
    "广州市天河区某科技有限公司", "个体经营", "广州市越秀区人民政府", "广州百货企业集团有限公司",
)


def fact(m: Member, hh: Household, fact_type: str, as_of: str, value: dict | None,
         status: str | None) -> dict:
    """casework.domain.records.FactData with the fact type's department and levels."""
    department, classification, status_classification = _META[fact_type]
    return {
        "person_id": m.id,
        "household_id": hh.id,
        "department": department,
        "fact_type": fact_type,
        "as_of": as_of,
        "classification": classification,
        "value": value,
        "status": status,
        "status_classification": status_classification,
    }


class FactMaker:
    """Makes the facts of one person; holds the dates it works from."""

    def __init__(self, rng: random.Random, reference: dt.date) -> None:
        self.rng = rng
        self.reference = reference
        self.ref_ord = reference.toordinal()
        # ISO dates of the past ~33 years by days before the reference: formatting millions
        # of dates is a measurable share of the generation time.
        self._past = [dt.date.fromordinal(self.ref_ord - d).isoformat() for d in range(12_000)]
        self._random = rng.random

    def days_ago(self, lo: int, hi: int) -> str:
        """The ISO date of a day between ``lo`` and ``hi`` days before the reference."""
        return self._past[lo + int(self._random() * (hi - lo + 1))]

    def days_ago_since_age(self, m: Member, age: int, lo: int, hi: int) -> str:
        """Like ``days_ago``, but not before the person reached ``age``: nobody is employed
        at six or insured before they could work."""
        since_age = max(0, (m.age - age) * 365)
        lo = min(lo, since_age)
        return self.days_ago(lo, max(lo, min(hi, since_age)))

    def as_of(self) -> str:
        return self.days_ago(1, 150)

    def person_facts(self, hh: Household, m: Member, registered_ord: int, permit_profile: str,
                     rental_id: str | None) -> list[dict]:
        rng = self.rng
        out = [self._registration(hh, m)]
        if hh.other_address is not None or hh.migrant or rng.random() < 0.08:
            address = hh.other_address or hh.address
            out.append(fact(m, hh, "actual_residence", self.as_of(), {"address": address}, "已登记"))
        if m.age >= 18:
            insured = {"pension": m.pension, "since": self.days_ago_since_age(m, 18, 200, 9000)}
            out.append(fact(m, hh, "social_insurance", self.as_of(), insured, m.pension))
        if m.working:
            employer_id, employer_name = m.employer or (None, self._outside_employer(m))
            value = {"status": m.working, "enterprise_id": employer_id,
                     "enterprise_name": employer_name if m.working == "就业" else "",
                     "since": self.days_ago_since_age(m, 16, 30, 4000)}
            out.append(fact(m, hh, "employment", self.as_of(), value, m.working))
        out.append(self._medical(hh, m))
        if hh.programme is not None:
            low, high = _INCOME[hh.programme]
            value = {"programme": hh.programme, "since": self.days_ago(100, 3000),
                     "monthly_income": float(rng.randint(low, high))}
            out.append(fact(m, hh, "assistance_status", self.as_of(), value, ASSISTANCE_STATUS[hh.programme]))
        health = self._health(hh, m)
        if health is not None:
            out.append(health)
        if hh.migrant:
            out += self._migrant(hh, m, registered_ord, permit_profile, rental_id)
        if 6 <= m.age <= 15:
            enrolled = rng.random() < (0.86 if hh.migrant else 0.985)
            if enrolled:
                out.append(self._school(hh, m))
        if 25 <= m.age <= 70 and rng.random() < 0.07:
            arrears = rng.random() < 0.12
            value = {"amount_owed": round(rng.uniform(200, 60000), 2) if arrears else 0.0}
            out.append(fact(m, hh, "tax_status", self.as_of(), value, "欠税" if arrears else "完税"))
        return out

    def _registration(self, hh: Household, m: Member) -> dict:
        if hh.migrant and hh.origin is not None:
            value = {"registration": "外省户籍", "address": origin_address(self.rng, hh.origin)}
        else:
            value = {"registration": "本市户籍", "address": hh.address}
        return fact(m, hh, "household_registration", self.as_of(), value, value["registration"])

    def _outside_employer(self, m: Member) -> str:
        return "" if m.working != "就业" else self.rng.choice(_OUTSIDE_EMPLOYERS)

    def _medical(self, hh: Household, m: Member) -> dict:
        rng = self.rng
        if m.working == "就业" or (m.pension == "领取养老金" and rng.random() < 0.8):
            scheme = "职工医保"
        elif hh.migrant and rng.random() < 0.3:
            scheme = "未参保"
        else:
            scheme = "城乡居民医保" if rng.random() < 0.97 else "未参保"
        value = {"scheme": scheme, "medical_assistance": hh.programme is not None and scheme != "未参保"}
        return fact(m, hh, "medical_insurance", self.as_of(), value, scheme)

    def _health(self, hh: Household, m: Member) -> dict | None:
        rng = self.rng
        mental = m.disability is not None and m.disability[0] == 6 and rng.random() < 0.85
        if mental or (m.age >= 18 and rng.random() < 0.003):
            condition = "严重精神障碍"
            missed = rng.random() < 0.12  # a missed monthly pick-up: a management point
            last = self.days_ago(60, 200) if missed else self.days_ago(1, 28)
        elif m.age >= 60 and rng.random() < 0.08:
            condition, last = "慢性病", self.days_ago(1, 90)
        elif hh.migrant and m.sex == "F" and 20 <= m.age <= 49 and rng.random() < 0.25:
            condition, last = "计划生育", None
        else:
            return None
        value = {"condition": condition, "managed_since": self.days_ago_since_age(m, 0, 200, 5000),
                 "last_medication": last, "doctor": f"{rng.choice(_DOCTORS)}医生"}
        return fact(m, hh, "health_management", self.as_of(), value, "健康管理对象")

    def _migrant(self, hh: Household, m: Member, registered_ord: int, permit_profile: str,
                 rental_id: str | None) -> list[dict]:
        assert hh.origin is not None
        registered = dt.date.fromordinal(registered_ord).isoformat()
        value = {"rental_housing_id": rental_id, "registered_on": registered,
                 "origin": origin_label(hh.origin)}
        out = [fact(m, hh, "residence_registration", registered, value, "已登记")]
        permit = self._permit(m, registered_ord, permit_profile)
        if permit is not None:
            out.append(fact(m, hh, "residence_permit", self.as_of(), permit[0], permit[1]))
        return out

    def _permit(self, m: Member, registered_ord: int, profile: str) -> tuple[dict, str] | None:
        """A residence permit after six months of residence; ``profile`` makes some expire
        within 30 days of the reference date, or lapse already."""
        rng, ref = self.rng, self.ref_ord
        earliest = registered_ord + 183
        if m.age < 16 or earliest > ref - 1 or rng.random() < 0.1:
            return None
        if profile == "expiring":
            expires = ref + rng.randint(1, 30)
        elif profile == "expired":
            expires = ref - rng.randint(1, 150)
        else:
            expires = rng.randint(max(ref + 31, earliest + PERMIT_DAYS), ref + PERMIT_DAYS)
        issued = max(earliest, expires - PERMIT_DAYS)
        years = (ref - issued) // 365
        endorsed = dt.date.fromordinal(issued + years * 365).isoformat() if years >= 1 else None
        value = {"number": m.id_number, "issued_on": dt.date.fromordinal(issued).isoformat(),
                 "expires_on": dt.date.fromordinal(expires).isoformat(), "endorsed_on": endorsed}
        return value, "有效" if expires >= ref else "已过期"

    def _school(self, hh: Household, m: Member) -> dict:
        grade = _GRADES[m.age - 6]
        community = hh.address.get("community_name", "")[:-2] or "越秀"
        school = f"{community}小学" if m.age <= 11 else f"{community}中学"
        entered = self.reference.year - (m.age - 6) - (1 if self.reference.month < 9 else 0)
        value = {"school": school, "grade": grade, "enrolled_on": f"{entered}-09-01",
                 "admission": "积分入学" if hh.migrant else "户籍入学"}
        return fact(m, hh, "school_enrolment", self.as_of(), value, "在读")
