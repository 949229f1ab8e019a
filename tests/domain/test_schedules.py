"""Service plans' occurrences (issue 11): each test states one rule, with concrete dates."""

import random
from datetime import date, timedelta

import pytest

from casework.domain.schedules import (
    Frequency,
    Outcome,
    Pause,
    Schedule,
    ServicePlan,
    ServiceRecord,
    ServiceType,
    SkipReason,
    State,
    Window,
    add_months,
    last_contact,
    missed_running,
    next_due,
    occurrences,
    summarize,
    summarize_person,
)

D = date


def plan(frequency: Frequency, start: date, *, service: ServiceType = ServiceType.MEDICATION,
         end: date | None = None, every_days: int | None = None, dates: tuple[date, ...] = (),
         pauses: tuple[Pause, ...] = ()) -> ServicePlan:
    return ServicePlan(service, (Schedule(frequency, start, every_days, dates),), end, pauses)


def monthly(start: date, **kwargs) -> ServicePlan:
    return plan(Frequency.MONTHLY, start, **kwargs)


def delivered(on: date, for_due: date | None = None) -> ServiceRecord:
    return ServiceRecord(on, Outcome.DELIVERED, for_due)


def dues(p: ServicePlan, as_of: date, records=(), **kwargs) -> list[date]:
    return [o.due for o in occurrences(p, records, as_of, **kwargs)]


def states(p: ServicePlan, records, as_of: date, **kwargs) -> dict[date, State]:
    return {o.due: o.state for o in occurrences(p, records, as_of, **kwargs)}


# --- labels ----------------------------------------------------------------------------------


def test_every_service_type_outcome_and_state_has_a_chinese_and_an_english_label():
    assert ServiceType.MEDICATION.label_zh == "送药/取药"
    assert ServiceType.ASSISTIVE_DEVICE.label_zh == "辅具适配"
    assert Outcome.IN_HOSPITAL.label_zh == "住院" and Outcome.DELIVERED.label_zh == "已完成"
    assert [o.label_zh for o in Outcome] == ["已完成", "未到", "拒绝", "不在家", "住院"]
    for enum in (ServiceType, Outcome, State, Frequency, SkipReason):
        for member in enum:
            assert member.label_zh and member.label_en


# --- due dates and windows, per kind ---------------------------------------------------------


def test_monthly_is_due_on_the_start_day_each_month_and_its_window_is_the_calendar_month():
    p = monthly(D(2025, 3, 10))
    occ = occurrences(p, [], D(2025, 5, 1))
    assert [o.due for o in occ] == [D(2025, 3, 10), D(2025, 4, 10), D(2025, 5, 10)]
    assert occ[1].window == Window(D(2025, 4, 1), D(2025, 4, 30))


def test_monthly_from_jan_31_is_due_on_each_months_last_day_feb_28_in_a_common_year():
    assert dues(monthly(D(2025, 1, 31)), D(2025, 4, 1)) == [
        D(2025, 1, 31), D(2025, 2, 28), D(2025, 3, 31), D(2025, 4, 30)]


def test_monthly_from_jan_31_is_due_feb_29_in_a_leap_year_and_returns_to_the_31st():
    assert dues(monthly(D(2024, 1, 31)), D(2024, 3, 1)) == [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31)]


def test_month_arithmetic_counts_from_the_anchor_not_from_the_clamped_day():
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2024, 1, 31), 2) == D(2024, 3, 31)
    assert add_months(D(2024, 11, 30), 3) == D(2025, 2, 28)


def test_quarterly_is_due_every_three_months_and_its_window_is_the_calendar_quarter():
    occ = occurrences(plan(Frequency.QUARTERLY, D(2025, 2, 10), service=ServiceType.HEALTH_CHECK),
                      [], D(2025, 11, 1))
    assert [o.due for o in occ] == [D(2025, 2, 10), D(2025, 5, 10), D(2025, 8, 10), D(2025, 11, 10)]
    assert [o.window for o in occ[:2]] == [Window(D(2025, 1, 1), D(2025, 3, 31)),
                                           Window(D(2025, 4, 1), D(2025, 6, 30))]


def test_quarterly_from_nov_30_is_due_feb_28_then_may_30():
    assert dues(plan(Frequency.QUARTERLY, D(2024, 11, 30)), D(2025, 4, 1)) == [
        D(2024, 11, 30), D(2025, 2, 28), D(2025, 5, 30)]


def test_half_yearly_window_is_january_to_june_or_july_to_december():
    occ = occurrences(plan(Frequency.HALF_YEARLY, D(2025, 3, 15)), [], D(2025, 7, 1))
    assert [(o.due, o.window) for o in occ] == [
        (D(2025, 3, 15), Window(D(2025, 1, 1), D(2025, 6, 30))),
        (D(2025, 9, 15), Window(D(2025, 7, 1), D(2025, 12, 31))),
    ]


def test_yearly_from_feb_29_is_due_feb_28_in_common_years_and_feb_29_in_leap_years():
    occ = occurrences(plan(Frequency.YEARLY, D(2024, 2, 29)), [], D(2028, 1, 1))
    assert [o.due for o in occ] == [D(2024, 2, 29), D(2025, 2, 28), D(2026, 2, 28), D(2027, 2, 28),
                                    D(2028, 2, 29)]
    assert occ[1].window == Window(D(2025, 1, 1), D(2025, 12, 31))


def test_every_n_days_is_due_every_n_days_with_a_window_of_a_quarter_of_n_either_side():
    occ = occurrences(plan(Frequency.EVERY_N_DAYS, D(2025, 3, 1), every_days=14,
                           service=ServiceType.HOME_VISIT), [], D(2025, 3, 26))
    assert [o.due for o in occ] == [D(2025, 3, 1), D(2025, 3, 15), D(2025, 3, 29)]
    assert occ[1].window == Window(D(2025, 3, 12), D(2025, 3, 18))


def test_every_n_days_window_is_at_most_seven_days_either_side_and_the_day_itself_for_short_n():
    long = occurrences(plan(Frequency.EVERY_N_DAYS, D(2025, 1, 1), every_days=90), [], D(2025, 1, 1))
    assert long[0].window == Window(D(2024, 12, 25), D(2025, 1, 8))
    short = occurrences(plan(Frequency.EVERY_N_DAYS, D(2025, 1, 1), every_days=3), [], D(2025, 1, 1))
    assert short[0].window == Window(D(2025, 1, 1), D(2025, 1, 1))


def test_every_n_days_crosses_feb_29_like_any_other_day():
    assert dues(plan(Frequency.EVERY_N_DAYS, D(2024, 2, 27), every_days=1), D(2024, 3, 1)) == [
        D(2024, 2, 27), D(2024, 2, 28), D(2024, 2, 29), D(2024, 3, 1)]


def test_fixed_dates_are_due_on_each_date_with_three_days_either_side():
    p = plan(Frequency.FIXED_DATES, D(2025, 1, 1), service=ServiceType.ASSISTIVE_DEVICE,
             dates=(D(2025, 6, 20), D(2025, 2, 14)))
    occ = occurrences(p, [], D(2025, 1, 1), until=D(2025, 12, 31))
    assert [(o.due, o.window) for o in occ] == [
        (D(2025, 2, 14), Window(D(2025, 2, 11), D(2025, 2, 17))),
        (D(2025, 6, 20), Window(D(2025, 6, 17), D(2025, 6, 23))),
    ]
    assert next_due(p, [], D(2025, 7, 1)) is None, "no fixed date left"


def test_a_schedule_of_each_kind_refuses_parameters_of_another_kind():
    with pytest.raises(ValueError):
        Schedule(Frequency.EVERY_N_DAYS, D(2025, 1, 1))
    with pytest.raises(ValueError):
        Schedule(Frequency.MONTHLY, D(2025, 1, 1), every_days=7)
    with pytest.raises(ValueError):
        Schedule(Frequency.FIXED_DATES, D(2025, 1, 1))
    with pytest.raises(ValueError):
        ServicePlan(ServiceType.MEDICATION, (Schedule(Frequency.MONTHLY, D(2025, 2, 1)),
                                             Schedule(Frequency.MONTHLY, D(2025, 1, 1))))


def test_a_plan_has_no_occurrence_due_after_its_end():
    assert dues(monthly(D(2025, 1, 15), end=D(2025, 3, 14)), D(2025, 6, 1)) == [
        D(2025, 1, 15), D(2025, 2, 15)]
    assert next_due(monthly(D(2025, 1, 15), end=D(2025, 3, 14)), [], D(2025, 3, 1)) is None


# --- states ----------------------------------------------------------------------------------


def test_an_occurrence_is_upcoming_before_its_window_due_inside_it_and_overdue_after_it():
    p = monthly(D(2025, 3, 20))
    assert states(p, [], D(2025, 3, 1))[D(2025, 3, 20)] is State.DUE, "the window is the whole month"
    assert states(p, [], D(2025, 3, 31))[D(2025, 3, 20)] is State.DUE
    assert states(p, [], D(2025, 4, 1))[D(2025, 3, 20)] is State.OVERDUE
    ahead = occurrences(p, [], D(2025, 3, 5), until=D(2025, 4, 30))
    assert [(o.due, o.state) for o in ahead] == [(D(2025, 3, 20), State.DUE),
                                                 (D(2025, 4, 20), State.UPCOMING)]


def test_a_delivered_record_in_the_window_makes_the_occurrence_done_even_before_its_due_date():
    p = monthly(D(2025, 3, 20))
    assert states(p, [delivered(D(2025, 3, 2))], D(2025, 3, 5))[D(2025, 3, 20)] is State.DONE


def test_only_delivered_makes_an_occurrence_done_other_outcomes_leave_it_due_then_overdue():
    p = monthly(D(2025, 3, 10))
    for outcome in (Outcome.MISSED, Outcome.REFUSED, Outcome.NOT_AT_HOME):
        records = [ServiceRecord(D(2025, 3, 10), outcome)]
        assert states(p, records, D(2025, 3, 20))[D(2025, 3, 10)] is State.DUE
        assert states(p, records, D(2025, 4, 1))[D(2025, 3, 10)] is State.OVERDUE


def test_a_refusal_then_a_delivery_in_the_same_window_is_done():
    records = [ServiceRecord(D(2025, 3, 3), Outcome.REFUSED), delivered(D(2025, 3, 25))]
    assert states(monthly(D(2025, 3, 10)), records, D(2025, 4, 2))[D(2025, 3, 10)] is State.DONE


def test_in_hospital_skips_the_occurrence_with_that_reason_and_it_is_never_overdue():
    p = monthly(D(2025, 3, 10))
    occ = occurrences(p, [ServiceRecord(D(2025, 3, 12), Outcome.IN_HOSPITAL)], D(2025, 5, 1))
    assert (occ[0].state, occ[0].skip_reason) == (State.SKIPPED, SkipReason.IN_HOSPITAL)
    assert summarize(p, [ServiceRecord(D(2025, 3, 12), Outcome.IN_HOSPITAL)], D(2025, 4, 1)).overdue == 0


def test_records_dated_after_the_as_of_date_do_not_count():
    p = monthly(D(2025, 3, 10))
    assert states(p, [delivered(D(2025, 3, 25))], D(2025, 3, 20))[D(2025, 3, 10)] is State.DUE


# --- attaching records -----------------------------------------------------------------------


def test_a_late_record_naming_an_earlier_due_date_makes_that_occurrence_done():
    p = monthly(D(2025, 3, 10))
    late = delivered(D(2025, 4, 3), for_due=D(2025, 3, 10))
    got = states(p, [late], D(2025, 4, 5))
    assert got == {D(2025, 3, 10): State.DONE, D(2025, 4, 10): State.DUE}


def test_the_same_late_record_without_a_due_date_attaches_to_the_window_it_falls_in():
    got = states(monthly(D(2025, 3, 10)), [delivered(D(2025, 4, 3))], D(2025, 4, 5))
    assert got == {D(2025, 3, 10): State.OVERDUE, D(2025, 4, 10): State.DONE}


def test_a_record_naming_a_due_date_the_plan_does_not_have_attaches_by_its_own_date():
    got = states(monthly(D(2025, 3, 10)), [delivered(D(2025, 3, 11), for_due=D(2025, 3, 9))], D(2025, 3, 12))
    assert got == {D(2025, 3, 10): State.DONE}


def test_a_record_between_two_every_n_days_windows_attaches_to_none_but_is_still_contact():
    p = plan(Frequency.EVERY_N_DAYS, D(2025, 3, 1), every_days=14, service=ServiceType.HOME_VISIT)
    records = [delivered(D(2025, 3, 8))]  # windows: Feb 26–Mar 4, Mar 12–18
    assert states(p, records, D(2025, 3, 10)) == {D(2025, 3, 1): State.OVERDUE}
    assert summarize(p, records, D(2025, 3, 10)).last_contact == D(2025, 3, 8)


# --- plans changed or paused mid-way, people who died or moved -------------------------------


def test_a_plan_changed_from_monthly_to_quarterly_keeps_this_months_occurrence_and_starts_next_quarter():
    p = monthly(D(2025, 1, 10)).changed(Schedule(Frequency.QUARTERLY, D(2025, 3, 15)))
    assert dues(p, D(2025, 9, 30)) == [D(2025, 1, 10), D(2025, 2, 10), D(2025, 3, 10),
                                       D(2025, 6, 15), D(2025, 9, 15)]


def test_a_plan_changed_from_monthly_to_every_14_days_keeps_the_visits_planned_after_the_change():
    p = monthly(D(2025, 1, 10), service=ServiceType.HOME_VISIT).changed(
        Schedule(Frequency.EVERY_N_DAYS, D(2025, 3, 15), every_days=14))
    assert dues(p, D(2025, 4, 10)) == [D(2025, 1, 10), D(2025, 2, 10), D(2025, 3, 10),
                                       D(2025, 3, 15), D(2025, 3, 29), D(2025, 4, 12)]


def test_a_monthly_plan_moved_to_another_day_has_one_occurrence_in_the_month_of_the_change():
    p = monthly(D(2025, 1, 10)).changed(Schedule(Frequency.MONTHLY, D(2025, 3, 25)))
    assert dues(p, D(2025, 5, 1)) == [D(2025, 1, 10), D(2025, 2, 10), D(2025, 3, 10),
                                      D(2025, 4, 25), D(2025, 5, 25)]


def test_records_before_a_change_keep_their_occurrences_under_the_old_schedule():
    p = monthly(D(2025, 1, 10)).changed(Schedule(Frequency.QUARTERLY, D(2025, 3, 15)))
    records = [delivered(D(2025, 1, 12)), delivered(D(2025, 2, 11))]
    got = states(p, records, D(2025, 4, 2))
    assert got == {D(2025, 1, 10): State.DONE, D(2025, 2, 10): State.DONE, D(2025, 3, 10): State.OVERDUE,
                   D(2025, 6, 15): State.DUE}


def test_occurrences_due_inside_a_pause_are_skipped_and_resume_after_it():
    p = monthly(D(2025, 1, 10), pauses=(Pause(D(2025, 2, 1), D(2025, 3, 31)),))
    occ = occurrences(p, [], D(2025, 4, 15))
    assert [(o.due, o.state, o.skip_reason) for o in occ] == [
        (D(2025, 1, 10), State.OVERDUE, None),
        (D(2025, 2, 10), State.SKIPPED, SkipReason.PAUSED),
        (D(2025, 3, 10), State.SKIPPED, SkipReason.PAUSED),
        (D(2025, 4, 10), State.DUE, None),
    ]


def test_a_delivery_during_a_pause_still_counts_as_done():
    p = monthly(D(2025, 1, 10), pauses=(Pause(D(2025, 2, 1), D(2025, 3, 31)),))
    assert states(p, [delivered(D(2025, 2, 12))], D(2025, 4, 1))[D(2025, 2, 10)] is State.DONE


def test_a_plan_paused_until_further_notice_has_no_next_due_occurrence():
    p = monthly(D(2025, 1, 10), pauses=(Pause(D(2025, 2, 1)),))
    assert next_due(p, [delivered(D(2025, 1, 10))], D(2025, 1, 20)) is None
    assert summarize(p, [], D(2026, 1, 1)).overdue == 1, "only January, before the pause"


def test_a_person_who_died_has_no_occurrences_after_the_date_of_death():
    p = monthly(D(2025, 1, 10))
    assert dues(p, D(2025, 9, 1), person_end=D(2025, 4, 5)) == [
        D(2025, 1, 10), D(2025, 2, 10), D(2025, 3, 10)]
    assert next_due(p, [], D(2025, 9, 1), person_end=D(2025, 4, 5)) is None


def test_the_occurrence_open_when_a_person_moved_away_is_skipped_but_an_earlier_lapse_stays_overdue():
    p = monthly(D(2025, 1, 10))
    occ = occurrences(p, [delivered(D(2025, 1, 10))], D(2025, 6, 1), person_end=D(2025, 3, 20))
    assert [(o.due, o.state, o.skip_reason) for o in occ] == [
        (D(2025, 1, 10), State.DONE, None),
        (D(2025, 2, 10), State.OVERDUE, None),
        (D(2025, 3, 10), State.SKIPPED, SkipReason.PERSON_LEFT),
    ]


def test_before_the_person_left_the_occurrence_is_simply_due():
    p = monthly(D(2025, 1, 10))
    assert states(p, [], D(2025, 3, 15), person_end=D(2025, 3, 20))[D(2025, 3, 10)] is State.DUE


# --- summaries for the caseload --------------------------------------------------------------


def test_summary_gives_next_due_overdue_count_and_last_contact():
    p = monthly(D(2025, 1, 10))
    records = [delivered(D(2025, 1, 9)), ServiceRecord(D(2025, 2, 14), Outcome.NOT_AT_HOME),
               ServiceRecord(D(2025, 3, 3), Outcome.REFUSED)]
    s = summarize(p, records, D(2025, 4, 20))
    assert s.next_due is not None and (s.next_due.due, s.next_due.state) == (D(2025, 4, 10), State.DUE)
    assert s.overdue == 2  # February and March
    assert s.last_contact == D(2025, 3, 3), "a refusal is contact; not at home is not"


def test_next_due_skips_an_occurrence_already_done_early():
    p = monthly(D(2025, 1, 10))
    got = next_due(p, [delivered(D(2025, 4, 2))], D(2025, 4, 5))
    assert got is not None and got.due == D(2025, 5, 10) and got.state is State.UPCOMING


def test_last_contact_ignores_missed_and_not_at_home():
    records = [ServiceRecord(D(2025, 1, 5), Outcome.IN_HOSPITAL),
               ServiceRecord(D(2025, 2, 5), Outcome.MISSED),
               ServiceRecord(D(2025, 3, 5), Outcome.NOT_AT_HOME)]
    assert last_contact(records) == D(2025, 1, 5)
    assert last_contact([]) is None


def test_medication_missed_two_months_running_raises_the_alert():
    p = monthly(D(2025, 1, 10))
    s = summarize(p, [delivered(D(2025, 1, 10))], D(2025, 4, 5))  # Feb and Mar missed, Apr due
    assert (s.missed_running, s.missed_medication_alert) == (2, True)


def test_one_missed_month_or_a_delivery_in_between_does_not_raise_the_alert():
    p = monthly(D(2025, 1, 10))
    one = summarize(p, [delivered(D(2025, 1, 10)), delivered(D(2025, 2, 10))], D(2025, 4, 5))
    assert (one.missed_running, one.missed_medication_alert) == (1, False)
    broken = summarize(p, [delivered(D(2025, 2, 10))], D(2025, 4, 5))  # Jan missed, Feb done, Mar missed
    assert broken.missed_running == 1 and not broken.missed_medication_alert


def test_a_hospital_stay_between_two_missed_months_ends_the_run():
    p = monthly(D(2025, 1, 10))
    records = [ServiceRecord(D(2025, 2, 10), Outcome.IN_HOSPITAL)]  # Jan missed, Feb in hospital, Mar missed
    assert summarize(p, records, D(2025, 4, 5)).missed_running == 1


def test_two_missed_home_visits_are_not_a_medication_alert():
    p = monthly(D(2025, 1, 10), service=ServiceType.HOME_VISIT)
    s = summarize(p, [], D(2025, 3, 5))
    assert s.missed_running == 2 and not s.missed_medication_alert


def test_a_persons_row_takes_the_soonest_next_due_service_and_sums_overdue():
    medication = monthly(D(2025, 1, 20))
    check = plan(Frequency.QUARTERLY, D(2025, 1, 5), service=ServiceType.HEALTH_CHECK)
    row = summarize_person([(medication, [delivered(D(2025, 1, 20))]), (check, [])], D(2025, 4, 2))
    assert row.overdue == 3  # medication Feb, Mar; health check Q1
    assert row.next_due is not None
    assert (row.next_due[0], row.next_due[1].due) == (ServiceType.HEALTH_CHECK, D(2025, 4, 5))
    assert row.last_contact == D(2025, 1, 20)
    assert row.missed_medication_alert


def test_the_summary_agrees_with_the_occurrences_it_summarizes_on_random_plans():
    rng = random.Random(11)
    kinds = [Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.HALF_YEARLY, Frequency.YEARLY,
             Frequency.EVERY_N_DAYS, Frequency.FIXED_DATES]
    for _ in range(300):
        start = D(2024, 1, 1) + timedelta(days=rng.randrange(400))
        versions = []
        for k in range(rng.choice([1, 1, 2, 3])):
            frequency = rng.choice(kinds)
            effective = start + timedelta(days=120 * k + rng.randrange(60))
            versions.append(Schedule(
                frequency, effective,
                every_days=rng.choice([1, 7, 14, 30]) if frequency is Frequency.EVERY_N_DAYS else None,
                dates=tuple(effective + timedelta(days=rng.randrange(300)) for _ in range(3))
                if frequency is Frequency.FIXED_DATES else ()))
        pause_start = start + timedelta(days=rng.randrange(500))
        bounded, open_ended = Pause(pause_start, pause_start + timedelta(days=40)), Pause(pause_start)
        pauses = rng.choice([(), (bounded,), (open_ended,)])
        p = ServicePlan(ServiceType.MEDICATION, tuple(versions), rng.choice([None, D(2025, 9, 30)]), pauses)
        records = [ServiceRecord(start + timedelta(days=rng.randrange(700)), rng.choice(list(Outcome)))
                   for _ in range(rng.randrange(12))]
        as_of = start + timedelta(days=rng.randrange(800))
        person_end = rng.choice([None, None, start + timedelta(days=rng.randrange(800))])
        s = summarize(p, records, as_of, person_end=person_end)
        opened = occurrences(p, records, as_of, person_end=person_end)
        assert s.overdue == sum(o.state is State.OVERDUE for o in opened)
        assert s.next_due == next_due(p, records, as_of, person_end=person_end)
        assert s.missed_running == missed_running(opened)
        dues_in_order = [o.due for o in opened]
        assert dues_in_order == sorted(dues_in_order) and len(set(dues_in_order)) == len(dues_in_order)
        if s.next_due is not None:
            assert s.next_due.state in (State.DUE, State.UPCOMING)
            assert all(o.state not in (State.DUE, State.UPCOMING) for o in opened if o.due < s.next_due.due)
