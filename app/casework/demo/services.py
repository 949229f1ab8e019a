"""Service plans and their histories for the demo district's disabled people (issue 11).

Most disabled people get one or more plans that fit them: monthly medication and a quarterly
health check for mental disabilities, home visits for the severely disabled, rehabilitation,
assistive devices, employment support for working-age people and education support for
children. Each plan has a history of service records up to the reference date: most
occurrences delivered on time, some missed or not at home and made up later, a few in
hospital, the latest one or two sometimes still open (overdue), and a few people with mental
disabilities who missed their medication two months running. Some plans changed schedule
mid-way.

The histories come from the schedule rules themselves (``casework.domain.schedules``), so the
demo shows what the app computes. Drawn from a random source of their own (seed and street),
so adding plans leaves every other generated record as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from casework.demo.rng import DemoRandom
from casework.domain.schedules import Frequency, Schedule, ServicePlan, ServiceType, occurrences
from casework.domain.service_data import schedule_data

# The district's disability-federation officers: ``canlian`` is the demo's officer.
OFFICERS = ("canlian", "canlian", "canlian", "chen_li", "zhou_min")
PROVIDERS = {
    ServiceType.MEDICATION: ("社区卫生服务中心", "区精神卫生中心"),
    ServiceType.HEALTH_CHECK: ("社区卫生服务中心", "区人民医院"),
    ServiceType.HOME_VISIT: ("街道残联", "社区居委会"),
    ServiceType.REHABILITATION: ("区残疾人康复中心", "社区康园工疗站"),
    ServiceType.ASSISTIVE_DEVICE: ("区辅助器具服务中心",),
    ServiceType.EMPLOYMENT_SUPPORT: ("区残疾人就业服务中心",),
    ServiceType.EDUCATION_SUPPORT: ("区特殊教育指导中心",),
    ServiceType.FAMILY_RELIEF: ("街道残联",),
}
PLAN_SHARE = 0.85  # of disabled people with at least one plan
MENTAL = 6
LAPSE_DAYS = 70  # a lapsing medication plan has no pick-up due in this many days before the reference


class ServiceMaker:
    """Plans and records for one street's disabled people."""

    def __init__(self, seed: int, street: str, reference: dt.date) -> None:
        self.rng = DemoRandom(f"{seed}:{street}:services")
        self.reference = reference

    def new_id(self) -> str:
        bits = self.rng.getrandbits
        return f"{bits(32):08x}-{bits(16):04x}-4{bits(12):03x}-{0x8000 | bits(14):04x}-{bits(48):012x}"

    def services_for(self, age: int, category: int, grade: int) -> list[tuple[ServiceType, Schedule]]:
        """Which plans suit a person, each with its first schedule."""
        rng = self.rng
        start = self.reference - dt.timedelta(days=rng.randint(120, 540))
        wanted: list[tuple[ServiceType, Frequency, int | None]] = []
        if category == MENTAL:
            wanted += [(ServiceType.MEDICATION, Frequency.MONTHLY, None),
                       (ServiceType.HEALTH_CHECK, Frequency.QUARTERLY, None)]
        if grade <= 2:
            visits = rng.choice((Frequency.MONTHLY, Frequency.QUARTERLY))
            wanted.append((ServiceType.HOME_VISIT, visits, None))
        if rng.random() < 0.25:
            wanted.append((ServiceType.REHABILITATION, Frequency.EVERY_N_DAYS, rng.choice((14, 28))))
        if category in (1, 2, 4) and rng.random() < 0.3:
            wanted.append((ServiceType.ASSISTIVE_DEVICE, Frequency.YEARLY, None))
        if 18 <= age < 60 and rng.random() < 0.3:
            wanted.append((ServiceType.EMPLOYMENT_SUPPORT, Frequency.HALF_YEARLY, None))
        if age < 18:
            wanted.append((ServiceType.EDUCATION_SUPPORT, Frequency.HALF_YEARLY, None))
        if not wanted:
            wanted.append((ServiceType.HOME_VISIT, Frequency.HALF_YEARLY, None))
        return [(service, Schedule(frequency, start, every_days=every))
                for service, frequency, every in wanted]

    def plans(self, person_id: str, household_id: str, age: int, category: int,
              grade: int) -> list[tuple[str, str, dict[str, Any]]]:
        """(kind, id, data) of a person's plans and their records; none for ~15% of people."""
        rng = self.rng
        if rng.random() >= PLAN_SHARE:
            return []
        out: list[tuple[str, str, dict[str, Any]]] = []
        lapsing = category == MENTAL and rng.random() < 0.12  # missed medication two months running
        officer = rng.choice(OFFICERS)
        for service, first in self.services_for(age, category, grade):
            plan = ServicePlan(service, (first,))
            if first.frequency is Frequency.MONTHLY and rng.random() < 0.15:
                # changed to quarterly a few months in (the person is stable)
                changed_on = first.effective_from + dt.timedelta(days=95)
                plan = plan.changed(Schedule(Frequency.QUARTERLY, changed_on))
            plan_id = self.new_id()
            out.append(("service_plan", plan_id, {
                "person_id": person_id, "household_id": household_id, "service_type": service.value,
                "schedules": [schedule_data(s) for s in plan.schedules], "responsible": officer,
                "provider": rng.choice(PROVIDERS[service]), "notes": "",
                "created_by": officer, "created_at": f"{plan.start.isoformat()}T09:00:00+08:00",
                "conflicts": [],
            }))
            out += self._history(plan, plan_id, person_id, household_id, officer,
                                 lapsing and service is ServiceType.MEDICATION)
        return out

    def _history(self, plan: ServicePlan, plan_id: str, person_id: str, household_id: str,
                 officer: str, lapsing: bool) -> list[tuple[str, str, dict[str, Any]]]:
        rng = self.rng
        closed = [o for o in occurrences(plan, (), self.reference) if o.window.start <= self.reference]
        out = []
        for index, occurrence in enumerate(closed):
            from_end = len(closed) - index  # 1 = the latest occurrence
            if lapsing and occurrence.due >= self.reference - dt.timedelta(days=LAPSE_DAYS):
                continue  # the last two months without a pick-up, and none yet this month
            roll = rng.random()
            if from_end == 1 and roll < 0.25:
                continue  # the current one not yet done (due, or overdue if its window is over)
            if roll < 0.03:
                records = [("in_hospital", occurrence.due)]
            elif roll < 0.06 and from_end > 1:
                records = [("missed", occurrence.window.start)]  # a lapse left open: overdue
            else:
                span = max(0, min((occurrence.window.end - occurrence.due).days, 10))
                on = min(occurrence.due + dt.timedelta(days=rng.randint(0, span)), self.reference)
                records = [("delivered", on)]
                if roll < 0.14:  # reached at the second try
                    records.insert(0, (rng.choice(("missed", "not_at_home")), occurrence.window.start))
            for outcome, on in records:
                out.append(("service_record", self.new_id(), {
                    "plan_id": plan_id, "person_id": person_id, "household_id": household_id,
                    "on": on.isoformat(), "for_due": occurrence.due.isoformat(), "outcome": outcome,
                    "dispensed": "利培酮片 1盒" if plan.service is ServiceType.MEDICATION
                    and outcome == "delivered" else "",
                    "notes": "", "offline": rng.random() < 0.3,
                    "created_by": officer, "created_at": f"{on.isoformat()}T15:00:00+08:00",
                }))
        return out
