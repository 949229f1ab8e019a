"""From stored service-plan and service-record data (``casework.domain.kinds_services``) to the
schedule rules' values (``casework.domain.schedules``), and back. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from casework.domain.schedules import (
    Frequency,
    Outcome,
    Pause,
    Schedule,
    ServicePlan,
    ServiceRecord,
    ServiceType,
)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def schedule_from(raw: Mapping[str, Any]) -> Schedule:
    return Schedule(
        frequency=Frequency(raw["frequency"]),
        effective_from=dt.date.fromisoformat(raw["effective_from"]),
        every_days=raw.get("every_days"),
        dates=tuple(dt.date.fromisoformat(d) for d in raw.get("dates") or ()),
    )


def schedule_data(schedule: Schedule) -> dict[str, Any]:
    raw: dict[str, Any] = {"frequency": schedule.frequency.value,
                           "effective_from": schedule.effective_from.isoformat()}
    if schedule.every_days is not None:
        raw["every_days"] = schedule.every_days
    if schedule.dates:
        raw["dates"] = [d.isoformat() for d in schedule.dates]
    return raw


def plan_from(data: Mapping[str, Any]) -> ServicePlan:
    """The plan a ``service_plan`` record's data describes (its schedules in date order)."""
    schedules = sorted((schedule_from(s) for s in data["schedules"]), key=lambda s: s.effective_from)
    pauses = tuple(Pause(dt.date.fromisoformat(p["start"]), _date(p.get("end")))
                   for p in data.get("pauses") or ())
    return ServicePlan(ServiceType(data["service_type"]), tuple(schedules), _date(data.get("end")), pauses)


def record_from(data: Mapping[str, Any]) -> ServiceRecord:
    """The service record a ``service_record`` record's data describes."""
    return ServiceRecord(dt.date.fromisoformat(data["on"]), Outcome(data["outcome"]),
                         _date(data.get("for_due")))
