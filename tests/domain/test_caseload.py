"""A caseload row, and the date until which it stays true by time alone."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from casework.domain.caseload import entry_for
from casework.domain.schedules import (
    Frequency,
    Outcome,
    Schedule,
    ServicePlan,
    ServiceRecord,
    ServiceType,
)

D = dt.date


def _figures(entry):
    return dataclasses.replace(entry, stale_after=None)


def test_a_monthly_medication_due_this_month_turns_overdue_the_day_after_the_month_ends():
    plan = ServicePlan(ServiceType.MEDICATION, (Schedule(Frequency.MONTHLY, D(2026, 9, 10)),))
    records = [ServiceRecord(D(2026, 9, 12), Outcome.DELIVERED),
               ServiceRecord(D(2026, 10, 11), Outcome.DELIVERED)]
    entry = entry_for([(plan, records)], D(2026, 11, 20))
    assert (entry.next_due, entry.next_service, entry.overdue) == (D(2026, 11, 10), ServiceType.MEDICATION, 0)
    assert entry.stale_after == D(2026, 12, 1)
    later = entry_for([(plan, records)], D(2026, 12, 1))
    assert later.overdue == 1 and later.next_due == D(2026, 12, 10)


def test_two_medication_pick_ups_missed_running_raise_the_alert():
    plan = ServicePlan(ServiceType.MEDICATION, (Schedule(Frequency.MONTHLY, D(2026, 8, 1)),))
    records = [ServiceRecord(D(2026, 8, 3), Outcome.DELIVERED)]
    entry = entry_for([(plan, records)], D(2026, 11, 5))
    assert entry.overdue == 2 and entry.missed_medication


def test_a_person_with_several_plans_shows_the_soonest_service_and_every_service_planned():
    medication = ServicePlan(ServiceType.MEDICATION, (Schedule(Frequency.MONTHLY, D(2026, 11, 25)),))
    visit = ServicePlan(ServiceType.HOME_VISIT, (Schedule(Frequency.QUARTERLY, D(2026, 12, 3)),))
    entry = entry_for([(medication, []), (visit, [])], D(2026, 11, 1))
    assert (entry.next_due, entry.next_service) == (D(2026, 11, 25), ServiceType.MEDICATION)
    assert entry.services == (ServiceType.HOME_VISIT, ServiceType.MEDICATION)
    # both are due now (November; the fourth quarter): the medication turns overdue first
    assert entry.stale_after == D(2026, 12, 1)


def test_a_row_never_changes_before_its_stale_date():
    """On that date it may change (an occurrence opens or closes); before it, never."""
    rng = random.Random(5)
    kinds = [Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.HALF_YEARLY, Frequency.YEARLY,
             Frequency.EVERY_N_DAYS]
    checked = 0
    for _ in range(60):
        start = D(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 500))
        frequency = rng.choice(kinds)
        schedule = Schedule(frequency, start, every_days=rng.choice((7, 14, 30)) if
                            frequency is Frequency.EVERY_N_DAYS else None)
        plan = ServicePlan(rng.choice(list(ServiceType)), (schedule,))
        records = [ServiceRecord(start + dt.timedelta(days=rng.randint(0, 600)),
                                 rng.choice(list(Outcome))) for _ in range(rng.randint(0, 8))]
        as_of = start + dt.timedelta(days=rng.randint(0, 700))
        records = [r for r in records if r.on <= as_of]
        entry = entry_for([(plan, records)], as_of)
        day = as_of
        horizon = min(entry.stale_after or as_of, as_of + dt.timedelta(days=400))
        while day < horizon:
            assert _figures(entry_for([(plan, records)], day)) == _figures(entry), (plan, as_of, day)
            day += dt.timedelta(days=1)
            checked += 1
    assert checked > 1000
