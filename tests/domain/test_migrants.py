"""Residence permits and schooling of migrant children (issue 12): each test states one rule."""

from datetime import date
from typing import Any

import pytest

from casework.domain.migrants import (
    Child,
    Permit,
    PermitFollowUp,
    PermitFollowUpOutcome,
    PermitStatus,
    SchoolingFollowUp,
    SchoolingFollowUpOutcome,
    age_on,
    enrolled_person_ids,
    is_school_age,
    lapsing_permits,
    permit_status,
    school_year_start,
    unenrolled_children,
)

D = date
TODAY = D(2026, 12, 2)


def permit_fact(person: str, expires: str, *, number: str = "440104199001011234",
                issued: str = "2024-12-01", endorsed: str | None = None) -> dict[str, Any]:
    return {
        "person_id": person, "household_id": f"h-{person}", "department": "migrant",
        "fact_type": "residence_permit", "as_of": "2026-12-01", "classification": "internal",
        "value": {"number": number, "issued_on": issued, "expires_on": expires, "endorsed_on": endorsed},
        "status": "持有居住证", "status_classification": "internal",
    }


def permit(person: str, expires: str, **kwargs: Any) -> Permit:
    return Permit.from_fact(permit_fact(person, expires, **kwargs))


def listed(permits: list[Permit], follow_ups=(), today: date = TODAY) -> dict[str, tuple[PermitStatus, int]]:
    alerts = lapsing_permits(permits, follow_ups, today).alerts
    return {a.permit.person_id: (a.status, a.days_left) for a in alerts}


# --- residence permits -----------------------------------------------------------------------


def test_a_permit_expiring_today_is_still_valid_today_so_expiring_not_expired():
    assert permit_status(TODAY, TODAY) is PermitStatus.EXPIRING
    assert listed([permit("a", "2026-12-02")]) == {"a": (PermitStatus.EXPIRING, 0)}


def test_a_permit_that_expired_yesterday_is_expired():
    assert listed([permit("a", "2026-12-01")]) == {"a": (PermitStatus.EXPIRED, -1)}


def test_a_permit_expiring_in_30_days_is_listed_and_in_31_days_is_not_yet():
    assert listed([permit("a", "2027-01-01"), permit("b", "2027-01-02")]) == {
        "a": (PermitStatus.EXPIRING, 30)}


def test_a_permit_expired_long_ago_stays_listed_until_someone_follows_up():
    assert listed([permit("a", "2025-03-01")]) == {"a": (PermitStatus.EXPIRED, -641)}


def test_the_list_runs_from_the_longest_expired_to_the_latest_expiring():
    permits = [permit("c", "2026-12-20"), permit("a", "2026-11-01"), permit("b", "2026-12-02")]
    alerts = lapsing_permits(permits, [], TODAY).alerts
    assert [a.permit.person_id for a in alerts] == ["a", "b", "c"]


def test_a_renewed_permit_replaces_the_old_one_a_person_counts_once_by_their_latest_permit():
    old, renewed = permit("a", "2026-11-30"), permit("a", "2027-11-30", issued="2026-11-25")
    assert listed([old, renewed]) == {}
    assert listed([renewed, permit("a", "2026-12-10")]) == {}


def test_a_follow_up_takes_the_person_off_the_list_while_the_permit_is_unchanged():
    p = permit("a", "2026-12-20")
    follow_up = PermitFollowUp.of(p, PermitFollowUpOutcome.APPOINTMENT_MADE, D(2026, 11, 28))
    result = lapsing_permits([p], [follow_up], TODAY)
    assert (result.alerts, result.handled) == ((), 1)


def test_a_follow_up_still_holds_when_the_followed_permit_goes_from_expiring_to_expired():
    p = permit("a", "2026-12-20")
    follow_up = PermitFollowUp.of(p, PermitFollowUpOutcome.CONTACTED, D(2026, 12, 1))
    assert listed([p], [follow_up], D(2027, 1, 15)) == {}


def test_the_person_comes_back_on_the_list_when_the_permits_data_changes():
    p = permit("a", "2026-12-20")
    follow_up = PermitFollowUp.of(p, PermitFollowUpOutcome.CONTACTED, D(2026, 11, 28))
    corrected = permit("a", "2026-12-18")  # the migrant bureau corrected the expiry date
    assert listed([corrected], [follow_up]) == {"a": (PermitStatus.EXPIRING, 16)}


def test_the_same_permit_delivered_again_keeps_its_fingerprint():
    assert permit("a", "2026-12-20").fingerprint == Permit.from_fact(
        {**permit_fact("a", "2026-12-20"), "as_of": "2026-12-02"}).fingerprint
    endorsed = permit("a", "2026-12-20", endorsed="2026-06-01")
    assert permit("a", "2026-12-20").fingerprint != endorsed.fingerprint


def test_a_follow_up_on_another_person_does_not_take_anyone_off():
    p = permit("a", "2026-12-20")
    other = PermitFollowUp("b", p.fingerprint or "", PermitFollowUpOutcome.RENEWED, D(2026, 11, 28))
    assert set(listed([p], [other])) == {"a"}


def test_a_permit_whose_data_is_withheld_is_counted_as_unchecked_not_dropped():
    hidden = Permit.from_fact({**permit_fact("a", "2026-12-10"), "value": None, "withheld": ["value"]})
    result = lapsing_permits([hidden, permit("b", "2026-12-10")], [], TODAY)
    assert [a.permit.person_id for a in result.alerts] == ["b"]
    assert result.unchecked == 1
    with pytest.raises(ValueError):
        PermitFollowUp.of(hidden, PermitFollowUpOutcome.CONTACTED, TODAY)


def test_only_residence_permit_facts_make_permits():
    with pytest.raises(ValueError):
        Permit.from_fact({**permit_fact("a", "2026-12-10"), "fact_type": "school_enrolment"})


def test_follow_up_outcomes_and_statuses_have_chinese_and_english_labels():
    assert [o.label_zh for o in PermitFollowUpOutcome] == ["已联系", "已预约", "已续签", "已迁出"]
    assert [o.label_zh for o in SchoolingFollowUpOutcome] == [
        "已联系家长", "已转介教育局", "已入学", "已离穗"]
    assert PermitStatus.EXPIRED.label_zh == "已过期"
    for enum in (PermitFollowUpOutcome, SchoolingFollowUpOutcome, PermitStatus):
        assert all(m.label_en for m in enum)


# --- schooling -------------------------------------------------------------------------------


def child(person: str, birth: str | None, *, migrant: bool = True, household: str = "h1") -> Child:
    return Child.from_records(
        person,
        {"household_id": household, "name": "小明", "sex": "M", "birth_date": birth, "id_number": None,
         "phone": None, "relation": "child", "ethnicity": "汉族", "migrant": migrant},
        {"address": None, "household_type": "migrant" if migrant else "local", "head_id": "x", "flags": []},
    )


def unenrolled(children: list[Child], enrolled=(), follow_ups=(), today: date = TODAY) -> dict[str, int]:
    found = unenrolled_children(children, set(enrolled), follow_ups, today).children
    return {a.child.person_id: a.age for a in found}


def test_a_child_turning_6_today_is_of_school_age():
    assert is_school_age(D(2020, 12, 2), TODAY)
    assert unenrolled([child("a", "2020-12-02")]) == {"a": 6}


def test_a_child_turning_6_tomorrow_is_not_yet_of_school_age():
    assert not is_school_age(D(2020, 12, 3), TODAY)
    assert unenrolled([child("a", "2020-12-03")]) == {}


def test_a_child_of_15_the_day_before_turning_16_is_still_of_school_age():
    assert unenrolled([child("a", "2010-12-03")]) == {"a": 15}


def test_a_child_turning_16_today_is_no_longer_of_school_age():
    assert not is_school_age(D(2010, 12, 2), TODAY)
    assert unenrolled([child("a", "2010-12-02")]) == {}


def test_a_child_born_on_feb_29_turns_a_year_older_on_mar_1_in_a_common_year():
    assert age_on(D(2020, 2, 29), D(2026, 2, 28)) == 5
    assert age_on(D(2020, 2, 29), D(2026, 3, 1)) == 6
    assert age_on(D(2020, 2, 29), D(2028, 2, 29)) == 8


def test_an_enrolled_child_is_not_listed_even_when_the_enrolment_details_are_withheld():
    facts = [{"person_id": "a", "household_id": "h1", "fact_type": "school_enrolment", "value": None,
              "withheld": ["value"]},
             {"person_id": "b", "household_id": "h1", "fact_type": "residence_permit", "value": {}}]
    assert enrolled_person_ids(facts) == {"a"}
    assert unenrolled([child("a", "2015-05-01"), child("b", "2015-05-01")], enrolled_person_ids(facts)) == {
        "b": 11}


def test_children_of_local_households_are_not_on_the_migrant_list():
    assert unenrolled([child("a", "2015-05-01", migrant=False)]) == {}


def test_a_follow_up_takes_the_child_off_the_list_for_the_rest_of_the_school_year():
    follow_up = SchoolingFollowUp("a", SchoolingFollowUpOutcome.REFERRED_TO_EDUCATION, D(2026, 9, 15))
    result = unenrolled_children([child("a", "2015-05-01")], set(), [follow_up], TODAY)
    assert (result.children, result.handled) == ((), 1)
    assert unenrolled([child("a", "2015-05-01")], follow_ups=[follow_up], today=D(2027, 8, 31)) == {}


def test_a_child_still_not_enrolled_is_listed_again_when_the_next_school_year_begins():
    follow_up = SchoolingFollowUp("a", SchoolingFollowUpOutcome.CONTACTED_FAMILY, D(2026, 9, 15))
    assert unenrolled([child("a", "2015-05-01")], follow_ups=[follow_up], today=D(2027, 9, 1)) == {"a": 12}
    last_year = SchoolingFollowUp("a", SchoolingFollowUpOutcome.ENROLLED, D(2026, 8, 31))
    assert unenrolled([child("a", "2015-05-01")], follow_ups=[last_year]) == {"a": 11}


def test_the_school_year_begins_on_september_1():
    assert school_year_start(D(2026, 9, 1)) == D(2026, 9, 1)
    assert school_year_start(D(2026, 8, 31)) == D(2025, 9, 1)
    assert school_year_start(TODAY) == D(2026, 9, 1)


def test_a_migrant_household_member_whose_birth_date_is_withheld_is_counted_as_unchecked():
    result = unenrolled_children([child("a", None), child("b", "2016-01-01")], set(), [], TODAY)
    assert [a.child.person_id for a in result.children] == ["b"]
    assert result.unchecked == 1
