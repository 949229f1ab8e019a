"""One row of a disability officer's caseload, and how long it stays true.

A caseload row (a person an officer follows, over the plans that officer is responsible for)
changes for two reasons only: a plan or record of the person changes, or a date passes at
which an occurrence opens (upcoming → due) or closes (due → overdue). ``stale_after`` is the
first such date, so a stored row is recomputed when its data changed or its date has come,
never on every look. The figures themselves are ``casework.domain.schedules``' rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from casework.domain.schedules import ServicePlan, ServiceRecord, ServiceType, State, summarize

_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class CaseloadEntry:
    """What the caseload shows for one person (over one officer's plans) as of a date."""

    next_due: dt.date | None  # the soonest occurrence still to do
    next_service: ServiceType | None
    overdue: int  # occurrences past their window with nothing delivered
    last_contact: dt.date | None
    missed_medication: bool  # medication missed two (or more) occurrences running
    services: tuple[ServiceType, ...]  # every service planned, for filtering
    stale_after: dt.date | None  # the first date on which time alone changes this row


def entry_for(plans: Sequence[tuple[ServicePlan, Sequence[ServiceRecord]]], as_of: dt.date) -> CaseloadEntry:
    """The caseload row of a person's plans as of a date."""
    summaries = [summarize(plan, records, as_of) for plan, records in plans]
    soonest = min(((s.next_due.due, s.service, s.next_due) for s in summaries if s.next_due is not None),
                  default=None, key=lambda t: (t[0], t[1]))
    changes: list[dt.date] = []
    for s in summaries:
        occurrence = s.next_due
        if occurrence is None:
            continue
        # Upcoming: it becomes due when its window opens; due: overdue the day after it closes.
        changes.append(occurrence.window.start if occurrence.state is State.UPCOMING
                       else occurrence.window.end + _ONE_DAY)
    return CaseloadEntry(
        next_due=soonest[0] if soonest else None,
        next_service=soonest[1] if soonest else None,
        overdue=sum(s.overdue for s in summaries),
        last_contact=max((s.last_contact for s in summaries if s.last_contact), default=None),
        missed_medication=any(s.missed_medication_alert for s in summaries),
        services=tuple(sorted({plan.service for plan, _ in plans})),
        stale_after=min(changes, default=None),
    )
