"""Service plans and their occurrences: computed from the schedule and the records, never stored.

A *service plan* (服务计划) says how often a person gets a service; each *occurrence* is one
time it is due. The occurrences are derived here, as of a date, from the plan's schedule
history and the service records (服务记录) made against it. The rules:

Due dates
  * monthly / quarterly / half-yearly / yearly: the first occurrence is due on the schedule's
    ``effective_from`` date, the k-th one k months (3k, 6k, 12k) later, always counted from that
    anchor, with the day clamped to the month's end: Jan 31 monthly → Feb 28 (Feb 29 in a leap
    year) → Mar 31; a yearly plan anchored on Feb 29 is due Feb 28 in other years.
  * every N days: ``effective_from`` + k·N days.
  * fixed dates: the listed dates on or after ``effective_from``.

Windows (when an occurrence is *due*)
  * monthly: the calendar month of its due date ("this month's medication");
    quarterly: the calendar quarter (Jan–Mar, Apr–Jun, …); half-yearly: Jan–Jun or Jul–Dec;
    yearly: the calendar year. Stepping 3, 6 or 12 months from any anchor lands in the next
    quarter, half or year, so each period holds exactly one occurrence.
  * every N days: the due date ± min(N // 4, 7) days (every 14 days: ± 3; every 30: ± 7;
    every 2 days: the day itself). The windows of one schedule never overlap.
  * fixed dates: the due date ± 3 days.

States as of a date (only records dated on or before it count)
  * done: a ``delivered`` record is attached. Only ``delivered`` makes an occurrence done.
  * skipped, with a reason, when not done and:
      - an ``in_hospital`` record is attached (the hospital provides the care; the visit is not
        owed and must not count as overdue or as missed medication);
      - its due date falls inside a pause of the plan;
      - the person died or moved away (``person_end`` on or before the as-of date) while its
        window was still open: it can no longer be delivered. An occurrence already overdue
        before that date stays overdue: it was a real lapse.
  * upcoming: its window has not opened; due: inside its window; overdue: its window is over.
  ``missed``, ``refused`` and ``not_at_home`` are attempts: they leave the occurrence due or
  overdue.

Attaching records
  A record that names its occurrence's due date (``for_due``) attaches to that occurrence —
  a record made late for an earlier occurrence. Otherwise it attaches to the occurrence whose
  window contains the record's date (the nearest due date if windows of different versions
  overlap, the earlier on a tie). A record that fits no occurrence still counts as contact.

Changes, pauses, ends
  * A plan is a history of schedules, each effective from its date until the next one's. A
    later schedule's occurrence whose window contains an earlier schedule's due date is
    dropped: that period was already planned under the old schedule (monthly changed to
    quarterly on Mar 15: March's monthly occurrence stands, the first quarterly one is Q2's).
  * A plan's ``end`` and a person's end (died or moved away): no occurrences due after it.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

_ONE_DAY = dt.timedelta(days=1)
_LONGEST_LAG = dt.timedelta(days=366)  # no window ends more than this after its due date


class ServiceType(StrEnum):
    """What a plan provides (服务类型)."""

    MEDICATION = "medication"
    HEALTH_CHECK = "health_check"
    HOME_VISIT = "home_visit"
    REHABILITATION = "rehabilitation"
    ASSISTIVE_DEVICE = "assistive_device"
    EMPLOYMENT_SUPPORT = "employment_support"
    EDUCATION_SUPPORT = "education_support"
    FAMILY_RELIEF = "family_relief"

    @property
    def label_zh(self) -> str:
        return _SERVICE_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _SERVICE_LABELS[self][1]


_SERVICE_LABELS: dict[ServiceType, tuple[str, str]] = {
    ServiceType.MEDICATION: ("送药/取药", "Medication"),
    ServiceType.HEALTH_CHECK: ("体检", "Health check"),
    ServiceType.HOME_VISIT: ("入户走访", "Home visit"),
    ServiceType.REHABILITATION: ("康复训练", "Rehabilitation"),
    ServiceType.ASSISTIVE_DEVICE: ("辅具适配", "Assistive device"),
    ServiceType.EMPLOYMENT_SUPPORT: ("就业帮扶", "Employment support"),
    ServiceType.EDUCATION_SUPPORT: ("教育支持", "Education support"),
    ServiceType.FAMILY_RELIEF: ("家庭救助", "Family relief"),
}


class Frequency(StrEnum):
    """How often a schedule falls due (服务频次)."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"
    EVERY_N_DAYS = "every_n_days"
    FIXED_DATES = "fixed_dates"

    @property
    def label_zh(self) -> str:
        return _FREQUENCY_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _FREQUENCY_LABELS[self][1]


_FREQUENCY_LABELS: dict[Frequency, tuple[str, str]] = {
    Frequency.MONTHLY: ("每月", "Monthly"),
    Frequency.QUARTERLY: ("每季度", "Quarterly"),
    Frequency.HALF_YEARLY: ("每半年", "Half-yearly"),
    Frequency.YEARLY: ("每年", "Yearly"),
    Frequency.EVERY_N_DAYS: ("每隔N天", "Every N days"),
    Frequency.FIXED_DATES: ("指定日期", "Fixed dates"),
}

# Months between occurrences of the calendar-period kinds.
_MONTH_STEPS: dict[Frequency, int] = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.HALF_YEARLY: 6,
    Frequency.YEARLY: 12,
}

FIXED_DATE_TOLERANCE_DAYS = 3
MAX_EVERY_N_TOLERANCE_DAYS = 7


class Outcome(StrEnum):
    """The outcome of one service record (服务结果)."""

    DELIVERED = "delivered"
    MISSED = "missed"
    REFUSED = "refused"
    NOT_AT_HOME = "not_at_home"
    IN_HOSPITAL = "in_hospital"

    @property
    def label_zh(self) -> str:
        return _OUTCOME_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _OUTCOME_LABELS[self][1]


_OUTCOME_LABELS: dict[Outcome, tuple[str, str]] = {
    Outcome.DELIVERED: ("已完成", "Delivered"),
    Outcome.MISSED: ("未到", "Missed"),
    Outcome.REFUSED: ("拒绝", "Refused"),
    Outcome.NOT_AT_HOME: ("不在家", "Not at home"),
    Outcome.IN_HOSPITAL: ("住院", "In hospital"),
}

# Outcomes where nobody was reached: they are attempts, not contact.
NO_CONTACT_OUTCOMES = frozenset({Outcome.MISSED, Outcome.NOT_AT_HOME})


class State(StrEnum):
    """An occurrence's state as of a date."""

    UPCOMING = "upcoming"
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"
    SKIPPED = "skipped"

    @property
    def label_zh(self) -> str:
        return _STATE_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _STATE_LABELS[self][1]


_STATE_LABELS: dict[State, tuple[str, str]] = {
    State.UPCOMING: ("未到期", "Upcoming"),
    State.DUE: ("到期", "Due"),
    State.OVERDUE: ("逾期", "Overdue"),
    State.DONE: ("已完成", "Done"),
    State.SKIPPED: ("已跳过", "Skipped"),
}


class SkipReason(StrEnum):
    """Why an occurrence is not owed."""

    IN_HOSPITAL = "in_hospital"
    PAUSED = "paused"
    PERSON_LEFT = "person_left"

    @property
    def label_zh(self) -> str:
        return _SKIP_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _SKIP_LABELS[self][1]


_SKIP_LABELS: dict[SkipReason, tuple[str, str]] = {
    SkipReason.IN_HOSPITAL: ("住院", "In hospital"),
    SkipReason.PAUSED: ("计划暂停", "Plan paused"),
    SkipReason.PERSON_LEFT: ("身故或迁出", "Died or moved away"),
}


@dataclass(frozen=True)
class Window:
    """Inclusive date range in which an occurrence is due."""

    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


@dataclass(frozen=True)
class Schedule:
    """One version of a plan's schedule, in force from ``effective_from`` (also its anchor:
    the first due date, and the day of month / phase the later ones keep)."""

    frequency: Frequency
    effective_from: dt.date
    every_days: int | None = None  # for EVERY_N_DAYS only
    dates: tuple[dt.date, ...] = ()  # for FIXED_DATES only

    def __post_init__(self) -> None:
        if self.frequency is Frequency.EVERY_N_DAYS:
            if self.every_days is None or self.every_days < 1:
                raise ValueError("an every-N-days schedule needs every_days >= 1")
        elif self.every_days is not None:
            raise ValueError(f"every_days is only for {Frequency.EVERY_N_DAYS}")
        if self.frequency is Frequency.FIXED_DATES:
            if not self.dates:
                raise ValueError("a fixed-dates schedule needs at least one date")
            object.__setattr__(self, "dates", tuple(sorted(set(self.dates))))
        elif self.dates:
            raise ValueError(f"dates are only for {Frequency.FIXED_DATES}")

    def due_dates(self) -> Iterator[dt.date]:
        """This schedule's due dates in order, from its anchor on (endless unless fixed dates)."""
        if self.frequency is Frequency.FIXED_DATES:
            yield from (d for d in self.dates if d >= self.effective_from)
        elif self.frequency is Frequency.EVERY_N_DAYS:
            assert self.every_days is not None
            step = dt.timedelta(days=self.every_days)
            due = self.effective_from
            while True:
                yield due
                due += step
        else:
            months = _MONTH_STEPS[self.frequency]
            k = 0
            while True:
                yield add_months(self.effective_from, k * months)
                k += 1

    def window(self, due: dt.date) -> Window:
        """The window of the occurrence due on ``due`` (see the module's rules)."""
        if self.frequency is Frequency.FIXED_DATES:
            return _around(due, FIXED_DATE_TOLERANCE_DAYS)
        if self.frequency is Frequency.EVERY_N_DAYS:
            assert self.every_days is not None
            return _around(due, min(self.every_days // 4, MAX_EVERY_N_TOLERANCE_DAYS))
        months = _MONTH_STEPS[self.frequency]
        first_month = (due.month - 1) // months * months + 1
        start = dt.date(due.year, first_month, 1)
        return Window(start, add_months(start, months) - _ONE_DAY)


@dataclass(frozen=True)
class Pause:
    """The plan is paused from ``start`` to ``end`` inclusive (``None``: until further notice)."""

    start: dt.date
    end: dt.date | None = None

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class ServicePlan:
    """A person's plan for one service: its schedule history (each version effective from its
    date until the next), an optional end, and pauses."""

    service: ServiceType
    schedules: tuple[Schedule, ...]
    end: dt.date | None = None
    pauses: tuple[Pause, ...] = ()

    def __post_init__(self) -> None:
        if not self.schedules:
            raise ValueError("a plan needs at least one schedule")
        starts = [s.effective_from for s in self.schedules]
        if any(a >= b for a, b in itertools.pairwise(starts)):
            raise ValueError("schedule versions must be in order of strictly increasing effective_from")

    @property
    def start(self) -> dt.date:
        return self.schedules[0].effective_from

    def changed(self, schedule: Schedule) -> ServicePlan:
        """The plan with a new schedule version from ``schedule.effective_from`` on (later
        versions, if any, are replaced)."""
        kept = tuple(s for s in self.schedules if s.effective_from < schedule.effective_from)
        return ServicePlan(self.service, (*kept, schedule), self.end, self.pauses)


@dataclass(frozen=True)
class ServiceRecord:
    """One delivery attempt and its outcome. ``for_due`` names the occurrence explicitly (a
    record made late for an earlier occurrence); otherwise the record's date places it."""

    on: dt.date
    outcome: Outcome
    for_due: dt.date | None = None


@dataclass(frozen=True)
class Occurrence:
    """One due occurrence of a plan, with its state as of a date and the records attached."""

    due: dt.date
    window: Window
    state: State
    schedule: Schedule
    skip_reason: SkipReason | None = None
    records: tuple[ServiceRecord, ...] = field(default=())


@dataclass(frozen=True)
class PlanSummary:
    """What the caseload shows for one plan as of a date."""

    service: ServiceType
    next_due: Occurrence | None  # the earliest occurrence still to do (due or upcoming)
    overdue: int
    last_contact: dt.date | None
    missed_running: int  # consecutive overdue occurrences, counted back from the latest closed one

    @property
    def missed_medication_alert(self) -> bool:
        """A medication plan with two (or more) occurrences running missed: a management point."""
        return self.service is ServiceType.MEDICATION and self.missed_running >= 2


@dataclass(frozen=True)
class PersonSummary:
    """The caseload row for one person: over all their plans."""

    next_due: tuple[ServiceType, Occurrence] | None
    overdue: int
    last_contact: dt.date | None
    missed_medication_alert: bool


# --- date arithmetic -------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's end (Jan 31 + 1 → Feb 28/29)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def _around(due: dt.date, days: int) -> Window:
    span = dt.timedelta(days=days)
    return Window(due - span, due + span)


# --- occurrences -----------------------------------------------------------------------------


def _slots(plan: ServicePlan, person_end: dt.date | None) -> Iterator[tuple[dt.date, Window, Schedule]]:
    """Every planned (due date, window, schedule), in due order, endless for an open plan."""
    stop = min((d for d in (plan.end, person_end) if d is not None), default=None)
    earlier_due: dt.date | None = None  # the last due date of the earlier versions
    for i, schedule in enumerate(plan.schedules):
        following = plan.schedules[i + 1].effective_from if i + 1 < len(plan.schedules) else None
        last_due = earlier_due
        for due in schedule.due_dates():
            if following is not None and due >= following:
                break
            if stop is not None and due > stop:
                return
            window = schedule.window(due)
            if earlier_due is not None and window.start <= earlier_due:
                continue  # this period was already planned under the earlier schedule
            yield due, window, schedule
            last_due = due
        earlier_due = last_due


def _attach(
    slots: Sequence[tuple[dt.date, Window, Schedule]], records: Iterable[ServiceRecord]
) -> list[list[ServiceRecord]]:
    """Each slot's records (see the module's rule). Window starts never go backwards and no window
    reaches further than a year past its due date, so only the slots opened by the record's date
    and due within the year before it are looked at."""
    attached: list[list[ServiceRecord]] = [[] for _ in slots]
    index_by_due = {due: i for i, (due, _, _) in enumerate(slots)}
    starts = [window.start for _, window, _ in slots]
    for record in records:
        i = index_by_due.get(record.for_due) if record.for_due is not None else None
        if i is None:
            containing = []
            for j in range(bisect.bisect_right(starts, record.on) - 1, -1, -1):
                due, window, _ = slots[j]
                if due < record.on - _LONGEST_LAG:
                    break
                if record.on in window:
                    containing.append((abs((due - record.on).days), due, j))
            if not containing:
                continue
            i = min(containing)[2]
        attached[i].append(record)
    return attached


def _state(
    plan: ServicePlan,
    due: dt.date,
    window: Window,
    records: Sequence[ServiceRecord],
    as_of: dt.date,
    person_end: dt.date | None,
) -> tuple[State, SkipReason | None]:
    outcomes = {r.outcome for r in records}
    if Outcome.DELIVERED in outcomes:
        return State.DONE, None
    if Outcome.IN_HOSPITAL in outcomes:
        return State.SKIPPED, SkipReason.IN_HOSPITAL
    if any(due in pause for pause in plan.pauses):
        return State.SKIPPED, SkipReason.PAUSED
    if person_end is not None and person_end <= as_of and window.end >= person_end:
        return State.SKIPPED, SkipReason.PERSON_LEFT
    if as_of < window.start:
        return State.UPCOMING, None
    if as_of <= window.end:
        return State.DUE, None
    return State.OVERDUE, None


def _occurrences(
    plan: ServicePlan,
    records: Iterable[ServiceRecord],
    as_of: dt.date,
    horizon: dt.date,
    person_end: dt.date | None,
) -> Iterator[Occurrence]:
    """Occurrences in due order: those whose window opens by ``horizon`` (>= ``as_of``) with the
    records attached, then, lazily and endlessly for an open plan, the later ones (which no
    record dated by ``as_of`` can reach)."""
    known = [r for r in records if r.on <= as_of]
    slots = _slots(plan, person_end)
    opened: list[tuple[dt.date, Window, Schedule]] = []
    for slot in slots:
        if slot[1].start > horizon:
            slots = itertools.chain((slot,), slots)
            break
        opened.append(slot)
    for (due, window, schedule), attached in zip(opened, _attach(opened, known), strict=True):
        state, reason = _state(plan, due, window, attached, as_of, person_end)
        yield Occurrence(due, window, state, schedule, reason, tuple(attached))
    for due, window, schedule in slots:
        state, reason = _state(plan, due, window, (), as_of, person_end)
        yield Occurrence(due, window, state, schedule, reason)


def occurrences(
    plan: ServicePlan,
    records: Iterable[ServiceRecord],
    as_of: dt.date,
    *,
    until: dt.date | None = None,
    person_end: dt.date | None = None,
) -> list[Occurrence]:
    """The plan's occurrences whose window has opened by ``until`` (default and earliest:
    ``as_of``), in due order, each with its state as of ``as_of``. A later ``until`` gives a
    timeline with the upcoming occurrences too."""
    horizon = max(as_of, until or as_of)
    return list(
        itertools.takewhile(
            lambda o: o.window.start <= horizon, _occurrences(plan, records, as_of, horizon, person_end)
        )
    )


def _opened_and_next(
    plan: ServicePlan,
    records: Iterable[ServiceRecord],
    as_of: dt.date,
    person_end: dt.date | None,
) -> tuple[list[Occurrence], Occurrence | None]:
    """One pass: the occurrences whose window has opened by ``as_of``, and the next one to do
    (window starts never go backwards, so the first unopened occurrence ends the opened ones)."""
    opened: list[Occurrence] = []
    to_do: Occurrence | None = None
    for occurrence in _occurrences(plan, records, as_of, as_of, person_end):
        if to_do is None and occurrence.state in (State.DUE, State.UPCOMING):
            to_do = occurrence
        if occurrence.window.start <= as_of:
            opened.append(occurrence)
        elif to_do is not None:
            break
        elif any(p.end is None and occurrence.due in p for p in plan.pauses):
            break  # paused until further notice: every later occurrence is skipped too
    return opened, to_do


def next_due(
    plan: ServicePlan,
    records: Iterable[ServiceRecord],
    as_of: dt.date,
    *,
    person_end: dt.date | None = None,
) -> Occurrence | None:
    """The earliest occurrence still to do — due now or upcoming — or None when the plan (or the
    person) has ended or it is paused until further notice."""
    return _opened_and_next(plan, records, as_of, person_end)[1]


def last_contact(records: Iterable[ServiceRecord], as_of: dt.date | None = None) -> dt.date | None:
    """The latest date the person was reached: any record except ``missed`` and ``not_at_home``."""
    return max(
        (r.on for r in records if r.outcome not in NO_CONTACT_OUTCOMES and (as_of is None or r.on <= as_of)),
        default=None,
    )


def missed_running(occurrences: Sequence[Occurrence]) -> int:
    """How many occurrences running were missed: consecutive ``overdue`` occurrences counted back
    from the latest occurrence whose window is over. A done or skipped one (in hospital, paused)
    ends the run; occurrences still due or upcoming are not counted either way."""
    run = 0
    for occurrence in reversed(occurrences):
        if occurrence.state in (State.DUE, State.UPCOMING):
            continue
        if occurrence.state is not State.OVERDUE:
            break
        run += 1
    return run


def summarize(
    plan: ServicePlan,
    records: Sequence[ServiceRecord],
    as_of: dt.date,
    *,
    person_end: dt.date | None = None,
) -> PlanSummary:
    """The caseload's figures for one plan as of a date."""
    past, to_do = _opened_and_next(plan, records, as_of, person_end)
    return PlanSummary(
        service=plan.service,
        next_due=to_do,
        overdue=sum(1 for o in past if o.state is State.OVERDUE),
        last_contact=last_contact(records, as_of),
        missed_running=missed_running(past),
    )


def summarize_person(
    plans: Iterable[tuple[ServicePlan, Sequence[ServiceRecord]]],
    as_of: dt.date,
    *,
    person_end: dt.date | None = None,
) -> PersonSummary:
    """The caseload row for a person: the soonest next due service over all plans, the overdue
    count summed, the latest contact, and whether any medication plan has missed two running."""
    summaries = [summarize(plan, records, as_of, person_end=person_end) for plan, records in plans]
    upcoming = [(s.next_due.due, s.service, s.next_due) for s in summaries if s.next_due is not None]
    soonest = min(upcoming, key=lambda t: (t[0], t[1])) if upcoming else None
    return PersonSummary(
        next_due=(soonest[1], soonest[2]) if soonest else None,
        overdue=sum(s.overdue for s in summaries),
        last_contact=max((s.last_contact for s in summaries if s.last_contact), default=None),
        missed_medication_alert=any(s.missed_medication_alert for s in summaries),
    )
