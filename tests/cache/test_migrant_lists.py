"""Migrant services' worklists from a real encrypted cache (issue 12): lapsing residence permits per
street and community less the people followed up, and school-age migrant children with no
enrolment, at the edges (a permit expiring today, a child turning 6 or 16 today)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from casework.cache.edits import create_record
from casework.cache.migrant_lists import (
    PERMIT_FOLLOW_UP_KIND,
    SCHOOLING_FOLLOW_UP_KIND,
    permit_worklist,
    schooling_worklist,
)
from casework.cache.store import CacheStore
from casework.domain.migrants import permit_fingerprint
from tests.cache.factory import Factory, Record, changes_of

TODAY = dt.date(2026, 12, 2)
AREA = "440104001001"  # 惠福社区, 北京街
SAME_STREET = "440104001002"  # 西湖社区, 北京街
OTHER_STREET = "440104002001"  # 净慧社区, 人民街


def days(n: int) -> str:
    return (TODAY + dt.timedelta(days=n)).isoformat()


def sync(store: CacheStore, records: list[Record], first_seq: int = 1) -> None:
    changes = changes_of(records, first_seq)
    store.apply_page(changes, changes[-1]["seq"], 1)


def permit_value(expires: str, number: str = "P-1") -> dict[str, Any]:
    return {"number": number, "issued_on": "2023-12-01", "expires_on": expires, "endorsed_on": None}


_seq = iter(range(1000, 10**6))


def hold(store: CacheStore, kind: str, data: dict[str, Any], area: str = AREA) -> None:
    """A follow-up recorded elsewhere, as the feed brings it (the hub sets who and when)."""
    record = Record(kind, str(uuid.uuid4()), area, {
        **data, "created_by": "migrant_officer", "created_at": "2026-12-01T09:00:00+00:00"})
    sync(store, [record], first_seq=next(_seq))


@pytest.fixture
def permits(store):
    """Migrant people with permits expiring today, in 30 and 31 days, yesterday, long ago, one
    renewed, one whose permit data is withheld; in two communities of one street and another."""
    f = Factory(seed=21)
    made: dict[str, Record] = {}
    home, people = f.household(AREA, 6, migrant=True)
    for person, (name, expires) in zip(people, (("today", days(0)), ("in30", days(30)), ("in31", days(31)),
                                                 ("yesterday", days(-1)), ("long_ago", days(-400)),
                                                 ("renewed", days(-10))), strict=True):
        made[name] = person
        made[f"{name}_permit"] = f.fact(person, "residence_permit", "migrant", permit_value(expires))
    f.fact(made["renewed"], "residence_permit", "migrant", permit_value(days(1000), "P-2"))
    _, (hidden,) = f.household(AREA, 1, migrant=True)
    f.fact(hidden, "residence_permit", "migrant", None, status="持有居住证", withheld=["value"])
    _, (neighbour,) = f.household(SAME_STREET, 1, migrant=True)
    made["neighbour_permit"] = f.fact(neighbour, "residence_permit", "migrant", permit_value(days(5)))
    _, (far,) = f.household(OTHER_STREET, 1, migrant=True)
    f.fact(far, "residence_permit", "migrant", permit_value(days(-3)))
    made.update(hidden=hidden, neighbour=neighbour, far=far, home=home)
    sync(store, f.district.records)
    store.ensure_indexes()
    return made


def listed(found) -> dict[str, tuple[str, int]]:
    return {a.permit.person_id: (a.status.value, a.days_left) for a in found.permits.alerts}


def test_permits_expiring_within_30_days_today_included_and_expired_ones_are_listed(store, permits):
    p = permits
    found = permit_worklist(store, TODAY, AREA)
    assert listed(found) == {p["today"].id: ("expiring", 0), p["in30"].id: ("expiring", 30),
                             p["yesterday"].id: ("expired", -1), p["long_ago"].id: ("expired", -400)}
    assert found.permits.unchecked == 1  # the withheld permit: counted, not guessed
    assert found.counts == {AREA: {"expiring": 2, "expired": 2}}
    assert found.permits.alerts[0].permit.person_id == p["long_ago"].id  # soonest first


def test_a_street_counts_its_communities_and_leaves_other_streets_out(store, permits):
    found = permit_worklist(store, TODAY, "440104001")
    assert found.counts == {AREA: {"expiring": 2, "expired": 2}, SAME_STREET: {"expiring": 1, "expired": 0}}
    assert permits["far"].id not in listed(found)
    assert set(listed(permit_worklist(store, TODAY, OTHER_STREET))) == {permits["far"].id}
    assert len(listed(permit_worklist(store, TODAY))) == 6


def test_a_follow_up_takes_the_person_off_until_the_permit_data_changes(store, permits):
    p = permits
    seen = p["today_permit"].data["value"]
    hold(store, PERMIT_FOLLOW_UP_KIND, {"person_id": p["today"].id, "household_id": p["home"].id,
                                        "permit_fingerprint": permit_fingerprint(seen),
                                        "outcome": "appointment_made", "on": "2026-12-01"})
    found = permit_worklist(store, TODAY, AREA)
    assert p["today"].id not in listed(found) and found.permits.handled == 1

    record = p["today_permit"]  # the bureau endorses the permit: new data, the person is back
    record.version = 2
    record.data = {**record.data, "value": {**seen, "endorsed_on": "2026-12-02"}}
    sync(store, [record], first_seq=500)
    again = permit_worklist(store, TODAY, AREA)
    assert again.permits.handled == 0 and listed(again)[p["today"].id] == ("expiring", 0)


def test_a_follow_up_recorded_on_this_device_counts_before_it_is_pulled_back(store, permits):
    p = permits
    data = {"person_id": p["yesterday"].id, "household_id": p["home"].id, "outcome": "contacted",
            "permit_fingerprint": permit_fingerprint(p["yesterday_permit"].data["value"]), "on": "2026-12-02"}
    create_record(store, PERMIT_FOLLOW_UP_KIND, data, user="migrant_officer")
    found = permit_worklist(store, TODAY, AREA)
    assert p["yesterday"].id not in listed(found) and found.permits.handled == 1


def test_a_follow_up_this_client_cannot_read_is_left_out_not_guessed(store, permits, caplog):
    p = permits  # an outcome a newer app knows and this one does not
    hold(store, PERMIT_FOLLOW_UP_KIND, {
        "person_id": p["today"].id, "household_id": p["home"].id, "outcome": "phoned", "on": "2026-12-01",
        "permit_fingerprint": permit_fingerprint(p["today_permit"].data["value"])})
    assert p["today"].id in listed(permit_worklist(store, TODAY, AREA))
    assert "not understood" in caplog.text


# --- schooling --------------------------------------------------------------------------------

def born(years_ago: int, days_offset: int = 0) -> str:
    return (TODAY.replace(year=TODAY.year - years_ago) + dt.timedelta(days=days_offset)).isoformat()


@pytest.fixture
def children(store):
    """A migrant household with children turning 6 today, 6 tomorrow, 15, 16 today, one enrolled,
    one with the birth date withheld; a local household's unenrolled child; a migrant child in
    another street."""
    f = Factory(seed=31)
    made: dict[str, Record] = {}
    home, people = f.household(AREA, 6, migrant=True)
    for person, (name, birth) in zip(people, (("six_today", born(6)), ("six_tomorrow", born(6, 1)),
                                               ("fifteen", born(15, -100)), ("sixteen_today", born(16)),
                                               ("enrolled", born(9)), ("hidden", None)), strict=True):
        person.data["birth_date"] = birth
        if birth is None:
            person.data["withheld"] = ["birth_date"]
        made[name] = person
    f.fact(made["enrolled"], "school_enrolment", "education",
           {"school": "惠福小学", "grade": "三年级", "enrolled_on": "2023-09-01", "admission": "积分入学"})
    _, (local_child,) = f.household(AREA, 1)
    local_child.data["birth_date"] = born(8)
    _, (far_child,) = f.household(OTHER_STREET, 1, migrant=True)
    far_child.data["birth_date"] = born(10)
    made.update(home=home, local=local_child, far=far_child)
    sync(store, f.district.records)
    store.ensure_indexes()
    return made


def test_school_age_is_from_the_6th_birthday_to_the_day_before_the_16th(store, children):
    c = children
    found = schooling_worklist(store, TODAY, "440104001")
    ages = {a.child.person_id: a.age for a in found.children.children}
    assert ages == {c["six_today"].id: 6, c["fifteen"].id: 15}
    assert found.children.unchecked == 1 and found.children.handled == 0
    assert found.counts == {AREA: 2}


def test_the_whole_cache_adds_the_other_streets_children_and_never_local_households(store, children):
    found = schooling_worklist(store, TODAY)
    ids = {a.child.person_id for a in found.children.children}
    assert children["far"].id in ids and children["local"].id not in ids and len(ids) == 3
    assert {a.child.person_id for a in schooling_worklist(store, TODAY, OTHER_STREET).children.children} == {
        children["far"].id}


def test_a_schooling_follow_up_this_school_year_takes_the_child_off_and_last_years_does_not(store, children):
    c = children
    hold(store, SCHOOLING_FOLLOW_UP_KIND, {"person_id": c["six_today"].id, "household_id": c["home"].id,
                                           "outcome": "referred_to_education", "on": "2026-09-15"})
    hold(store, SCHOOLING_FOLLOW_UP_KIND, {"person_id": c["fifteen"].id, "household_id": c["home"].id,
                                           "outcome": "contacted_family", "on": "2026-08-31"})
    found = schooling_worklist(store, TODAY, AREA)
    assert {a.child.person_id for a in found.children.children} == {c["fifteen"].id}
    assert found.children.handled == 1


def test_an_area_must_be_a_code(store, children):
    with pytest.raises(ValueError):
        schooling_worklist(store, TODAY, "北京街")
