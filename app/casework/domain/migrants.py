"""Migrant services (来穗人员服务) that must not lapse: residence permits and children's schooling.

Residence permits (居住证), from the migrant bureau's ``residence_permit`` facts:
  * *expiring*: expires within 30 days, today included — a permit expiring today is still valid
    today, so it is expiring, not expired (days_left 0); one expiring in 30 days is listed, in
    31 days is not yet;
  * *expired*: its expiry date is before today. Expired permits stay listed, however old, until
    someone follows up: a lapse nobody acted on must stay visible.
  A person's latest permit (latest expiry) is the one that counts: a renewal replaces the old.
  A follow-up (contacted, appointment made, renewed, moved away) takes the person off the list
  until the permit's data changes: it records the fingerprint of the permit data it saw
  (``permit_fingerprint``), and a permit whose number or dates changed since is listed again.
  The fingerprint is of the value, not the record's version, so a daily re-delivery of the same
  permit does not bring everyone back.

Schooling (积分入学 and all): children of school age — 6 to 15 inclusive on today's date, by
birthdays (turning 6 today: school age; turning 16 today: not; a Feb 29 birthday comes on
Mar 1 in common years) — in migrant households (``household_type`` "migrant") with no
``school_enrolment`` fact. A follow-up (contacted the family, referred to the education bureau,
enrolled, left the city) takes the child off the list for the rest of the school year
(Sep 1 – Aug 31): if education's data still has no enrolment next school year, the child is
listed again.

Data withheld from the user (an expiry or a birth date it may not see) cannot be checked: such
people are counted as ``unchecked``, never silently dropped and never guessed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

PERMIT_WARNING_DAYS = 30
SCHOOL_AGE_FROM = 6
SCHOOL_AGE_TO = 15  # inclusive
SCHOOL_YEAR_STARTS = (9, 1)  # Sep 1
_PERMIT_FIELDS = ("number", "issued_on", "expires_on", "endorsed_on")


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


# --- residence permits -----------------------------------------------------------------------


class PermitStatus(StrEnum):
    EXPIRING = "expiring"
    EXPIRED = "expired"

    @property
    def label_zh(self) -> str:
        return {PermitStatus.EXPIRING: "即将到期", PermitStatus.EXPIRED: "已过期"}[self]

    @property
    def label_en(self) -> str:
        return {PermitStatus.EXPIRING: "Expiring", PermitStatus.EXPIRED: "Expired"}[self]


class PermitFollowUpOutcome(StrEnum):
    """What was done about a lapsing permit (``permit_follow_up``)."""

    CONTACTED = "contacted"
    APPOINTMENT_MADE = "appointment_made"
    RENEWED = "renewed"
    MOVED_AWAY = "moved_away"

    @property
    def label_zh(self) -> str:
        return _PERMIT_FOLLOW_UP_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _PERMIT_FOLLOW_UP_LABELS[self][1]


_PERMIT_FOLLOW_UP_LABELS: dict[PermitFollowUpOutcome, tuple[str, str]] = {
    PermitFollowUpOutcome.CONTACTED: ("已联系", "Contacted"),
    PermitFollowUpOutcome.APPOINTMENT_MADE: ("已预约", "Appointment made"),
    PermitFollowUpOutcome.RENEWED: ("已续签", "Renewed"),
    PermitFollowUpOutcome.MOVED_AWAY: ("已迁出", "Moved away"),
}


def permit_fingerprint(value: Mapping[str, Any]) -> str:
    """A short stable digest of a permit's data (number, issued, expires, endorsed): what a
    follow-up records so that a change to the permit brings the person back on the list."""
    canonical = json.dumps([value.get(f) for f in _PERMIT_FIELDS], ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Permit:
    """A person's residence permit as the user sees it (``value`` None: withheld)."""

    person_id: str
    household_id: str
    value: Mapping[str, Any] | None

    @classmethod
    def from_fact(cls, fact: Mapping[str, Any]) -> Permit:
        """From a ``residence_permit`` department fact (``casework.domain.records.FactData``)."""
        if fact.get("fact_type") != "residence_permit":
            raise ValueError(f"not a residence_permit fact: {fact.get('fact_type')!r}")
        return cls(fact["person_id"], fact["household_id"], fact.get("value"))

    @property
    def expires_on(self) -> dt.date | None:
        return _date(self.value.get("expires_on")) if self.value else None

    @property
    def fingerprint(self) -> str | None:
        return permit_fingerprint(self.value) if self.value is not None else None


@dataclass(frozen=True)
class PermitFollowUp:
    """A follow-up on a person's permit, with the fingerprint of the permit data it saw."""

    person_id: str
    permit_fingerprint: str
    outcome: PermitFollowUpOutcome
    on: dt.date

    @classmethod
    def of(cls, permit: Permit, outcome: PermitFollowUpOutcome, on: dt.date) -> PermitFollowUp:
        """A follow-up on the permit as the user sees it now (its data must be visible)."""
        if permit.fingerprint is None:
            raise ValueError("cannot follow up a permit whose data is withheld")
        return cls(permit.person_id, permit.fingerprint, outcome, on)


@dataclass(frozen=True)
class PermitAlert:
    permit: Permit
    expires_on: dt.date
    status: PermitStatus
    days_left: int  # 0: expires today; negative: days since it expired


@dataclass(frozen=True)
class PermitList:
    """The permits worklist: alerts by expiry date, the people already followed up, and the
    people whose permit data this user may not see."""

    alerts: tuple[PermitAlert, ...]
    handled: int
    unchecked: int


def permit_status(expires_on: dt.date, today: dt.date) -> PermitStatus | None:
    """Expired before today; expiring from today to 30 days ahead inclusive; else None."""
    if expires_on < today:
        return PermitStatus.EXPIRED
    if (expires_on - today).days <= PERMIT_WARNING_DAYS:
        return PermitStatus.EXPIRING
    return None


def lapsing_permits(
    permits: Iterable[Permit], follow_ups: Iterable[PermitFollowUp], today: dt.date
) -> PermitList:
    """Residence permits expiring within 30 days or expired, one per person (their latest
    permit), without those followed up since the permit's data last changed; soonest first."""
    latest: dict[str, Permit] = {}
    unchecked: set[str] = set()
    for permit in permits:
        if permit.expires_on is None:
            unchecked.add(permit.person_id)
            continue
        held = latest.get(permit.person_id)
        if held is None or permit.expires_on > (held.expires_on or dt.date.min):
            latest[permit.person_id] = permit
    seen = {(f.person_id, f.permit_fingerprint) for f in follow_ups}
    alerts: list[PermitAlert] = []
    handled = 0
    for person_id, permit in latest.items():
        expires_on = permit.expires_on
        assert expires_on is not None
        status = permit_status(expires_on, today)
        if status is None:
            continue
        if (person_id, permit.fingerprint) in seen:
            handled += 1
            continue
        alerts.append(PermitAlert(permit, expires_on, status, (expires_on - today).days))
    alerts.sort(key=lambda a: (a.expires_on, a.permit.person_id))
    return PermitList(tuple(alerts), handled, len(unchecked - latest.keys()))


# --- schooling -------------------------------------------------------------------------------


class SchoolingFollowUpOutcome(StrEnum):
    """What was done about a school-age child with no enrolment."""

    CONTACTED_FAMILY = "contacted_family"
    REFERRED_TO_EDUCATION = "referred_to_education"
    ENROLLED = "enrolled"
    LEFT_CITY = "left_city"

    @property
    def label_zh(self) -> str:
        return _SCHOOLING_FOLLOW_UP_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _SCHOOLING_FOLLOW_UP_LABELS[self][1]


_SCHOOLING_FOLLOW_UP_LABELS: dict[SchoolingFollowUpOutcome, tuple[str, str]] = {
    SchoolingFollowUpOutcome.CONTACTED_FAMILY: ("已联系家长", "Contacted the family"),
    SchoolingFollowUpOutcome.REFERRED_TO_EDUCATION: ("已转介教育局", "Referred to the education bureau"),
    SchoolingFollowUpOutcome.ENROLLED: ("已入学", "Enrolled"),
    SchoolingFollowUpOutcome.LEFT_CITY: ("已离穗", "Left the city"),
}


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Age in whole years on ``day``: a year older on the birthday itself (Feb 29 → Mar 1 in a
    common year)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def is_school_age(birth_date: dt.date, day: dt.date) -> bool:
    """6 to 15 inclusive on ``day``: from the 6th birthday to the day before the 16th."""
    return SCHOOL_AGE_FROM <= age_on(birth_date, day) <= SCHOOL_AGE_TO


def school_year_start(day: dt.date) -> dt.date:
    """Sep 1 of the school year ``day`` is in."""
    start = dt.date(day.year, *SCHOOL_YEAR_STARTS)
    return start if day >= start else dt.date(day.year - 1, *SCHOOL_YEAR_STARTS)


@dataclass(frozen=True)
class Child:
    """A person who may be a school-age migrant child (birth date None: withheld)."""

    person_id: str
    household_id: str
    birth_date: dt.date | None
    migrant_household: bool

    @classmethod
    def from_records(cls, person_id: str, person: Mapping[str, Any], household: Mapping[str, Any]) -> Child:
        """From a person's data and their household's (``PersonData``, ``HouseholdData``)."""
        return cls(person_id, person["household_id"], _date(person.get("birth_date")),
                   household.get("household_type") == "migrant")


@dataclass(frozen=True)
class SchoolingFollowUp:
    person_id: str
    outcome: SchoolingFollowUpOutcome
    on: dt.date


@dataclass(frozen=True)
class ChildAlert:
    child: Child
    age: int


@dataclass(frozen=True)
class SchoolingList:
    """The schooling worklist: unenrolled school-age migrant children (by household, then
    person), how many were followed up this school year, and how many migrant-household members
    have a birth date this user may not see."""

    children: tuple[ChildAlert, ...]
    handled: int
    unchecked: int


def enrolled_person_ids(facts: Iterable[Mapping[str, Any]]) -> set[str]:
    """People with a ``school_enrolment`` fact. The fact's existence is what counts, so an
    enrolment whose details are withheld still counts as enrolled."""
    return {f["person_id"] for f in facts if f.get("fact_type") == "school_enrolment"}


def unenrolled_children(
    children: Iterable[Child],
    enrolled: Collection[str],
    follow_ups: Iterable[SchoolingFollowUp],
    today: dt.date,
) -> SchoolingList:
    """School-age children (6–15 today) in migrant households with no school enrolment, without
    those followed up since this school year began."""
    year_start = school_year_start(today)
    followed = {f.person_id for f in follow_ups if year_start <= f.on <= today}
    found: list[ChildAlert] = []
    handled = unchecked = 0
    for child in children:
        if not child.migrant_household or child.person_id in enrolled:
            continue
        if child.birth_date is None:
            unchecked += 1
            continue
        if not is_school_age(child.birth_date, today):
            continue
        if child.person_id in followed:
            handled += 1
            continue
        found.append(ChildAlert(child, age_on(child.birth_date, today)))
    found.sort(key=lambda a: (a.child.household_id, a.child.person_id))
    return SchoolingList(tuple(found), handled, unchecked)
