"""Benefit grants of the demo district, from several departments at once.

Each department pays from its own list, so the district holds the cross-programme
duplicates the duplicate check must find: winter-relief quilts (棉被) from civil affairs, the
disability federation and the trade-union hardship programme to the same household in the
same winter (now and then many of them, as in the reference city's 22-quilt family), and
the disability living subsidy paid beside the minimum living guarantee.
"""

from __future__ import annotations

import datetime as dt
import random

from casework.demo.people import Household, Member
from casework.domain.benefits import PROGRAMMES
from casework.domain.disability import is_severe

_YEAR = 2026
QUARTERS = (("2026-01-01", "2026-03-31"), ("2026-04-01", "2026-06-30"),
            ("2026-07-01", "2026-09-30"), ("2026-10-01", "2026-12-31"))
HALVES = (("2026-01-01", "2026-06-30"), ("2026-07-01", "2026-12-31"))
# Each department runs its winter campaign in its own window; the windows overlap.
WINTER = {
    "winter_relief_ca": ("2025-12-15", "2026-01-31"),
    "winter_relief_dis": ("2026-01-01", "2026-02-15"),
    "winter_relief_hrss": ("2026-01-10", "2026-02-10"),
}
SPRING_FESTIVAL = ("2026-01-26", "2026-02-24")
_SECRET_PROGRAMMES = frozenset({"medical_assistance"})
_NURSING_MONTHLY = {1: 240, 2: 180, 3: 150, 4: 150}


def grant(hh: Household, person: Member | None, code: str, period: tuple[str, str],
          as_of: str, amount: float | None = None, quantity: int | None = None) -> dict:
    """casework.domain.records.BenefitGrantData"""
    p = PROGRAMMES[code]
    return {
        "household_id": hh.id,
        "beneficiary_person_id": person.id if person is not None else None,
        "programme": code,
        "programme_name": p.name,
        "department": p.department.value,
        "category": p.category,
        "period_start": period[0],
        "period_end": period[1],
        "amount": amount,
        "item": p.item if p.category == "in_kind" else ("康复训练" if p.category == "service" else None),
        "quantity": quantity,
        "as_of": as_of,
        "classification": "secret" if code in _SECRET_PROGRAMMES else "internal",
    }


class GrantMaker:
    def __init__(self, rng: random.Random, reference: dt.date) -> None:
        self.rng = rng
        self.reference = reference
        self.ref_iso = reference.isoformat()

    def _paid(self, period_start: str) -> str:
        """The as-of date of a grant: a few days into its period, never after the reference."""
        paid = dt.date.fromisoformat(period_start) + dt.timedelta(days=self.rng.randint(3, 20))
        return min(paid, self.reference - dt.timedelta(days=1)).isoformat()

    def _periodic(self, hh: Household, person: Member | None, code: str, periods, monthly: float,
                  months: int) -> list[dict]:
        return [grant(hh, person, code, p, self._paid(p[0]), round(monthly * months, 2))
                for p in periods if p[0] <= self.ref_iso]

    def household_grants(self, hh: Household) -> list[dict]:
        rng = self.rng
        out: list[dict] = []
        size = len(hh.members)
        prog = hh.programme
        if prog == "minimum_living":
            out += self._periodic(hh, None, prog, QUARTERS, size * rng.randint(500, 1300), 3)
        elif prog == "low_income":
            out += self._periodic(hh, None, prog, HALVES, size * rng.randint(200, 500), 6)
        elif prog == "destitute_support":
            out += self._periodic(hh, hh.head, prog, QUARTERS, 2400, 3)
        if (prog and rng.random() < 0.08) or rng.random() < 0.002:
            month = rng.randint(1, 10)
            start = dt.date(_YEAR, month, 1)
            end = (dt.date(_YEAR, month + 1, 1) - dt.timedelta(days=1)).isoformat()
            out.append(grant(hh, None, "temporary_assistance", (start.isoformat(), end),
                             self._paid(start.isoformat()), float(rng.randint(5, 40) * 100)))
        elderly_alone = size == 1 and hh.head.age >= 60
        if prog or (elderly_alone and rng.random() < 0.6):
            out.append(grant(hh, None, "festival_condolence", SPRING_FESTIVAL,
                             self._paid(SPRING_FESTIVAL[0]), float(rng.choice((300, 500, 800)))))
        disabled = [m for m in hh.members if m.disability is not None]
        for m in hh.members:
            out += self._person_grants(hh, m, prog)
        out += self._winter(hh, bool(prog), bool(disabled), elderly_alone)
        return out

    def _person_grants(self, hh: Household, m: Member, prog: str | None) -> list[dict]:
        rng = self.rng
        out: list[dict] = []
        if prog and prog != "destitute_support" and rng.random() < 0.15:
            start = dt.date(_YEAR, rng.randint(1, 10), 1).isoformat()
            out.append(grant(hh, m, "medical_assistance", (start, start[:8] + "28"), self._paid(start),
                             float(rng.randint(3, 120) * 100)))
        if not hh.migrant and m.age >= 80:
            monthly = 100 if m.age < 90 else 200 if m.age < 100 else 500
            out += self._periodic(hh, m, "old_age_allowance", QUARTERS, monthly, 3)
        if m.disability is not None:
            category, grade = m.disability
            # Some of the entitled get nothing: the management points "no nursing subsidy"
            # and "minimum living with a disabled member but no living subsidy".
            if is_severe(category, grade) and rng.random() < 0.85:
                out += self._periodic(hh, m, "disability_nursing", QUARTERS, _NURSING_MONTHLY[grade], 3)
            if prog in ("minimum_living", "low_income") and rng.random() < 0.85:
                out += self._periodic(hh, m, "disability_living", QUARTERS, 200, 3)
            if rng.random() < 0.15:
                start = dt.date(_YEAR, rng.randint(1, 9), 1).isoformat()
                out.append(grant(hh, m, "rehabilitation_service", (start, f"{_YEAR}-12-31"),
                                 self._paid(start), None, rng.randint(4, 24)))
        return out

    def _winter(self, hh: Household, assisted: bool, disabled: bool, elderly_alone: bool) -> list[dict]:
        rng = self.rng
        codes: list[str] = []
        if (assisted and rng.random() < 0.9) or (elderly_alone and rng.random() < 0.25):
            codes.append("winter_relief_ca")
        if disabled and rng.random() < 0.7:
            codes.append("winter_relief_dis")
        if (assisted or disabled) and rng.random() < 0.3:
            codes.append("winter_relief_hrss")
        if codes and rng.random() < 0.02:  # nobody compared the lists: quilts pile up
            codes += rng.choices(tuple(WINTER), k=rng.randint(2, 6))
        return [grant(hh, None, code, WINTER[code], self._paid(WINTER[code][0]), None, rng.choice((1, 1, 2)))
                for code in codes]
