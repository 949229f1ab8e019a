"""Subsidies from a real encrypted cache (issue 12): the ledger, possible duplicates per household
and per street / community, review decisions that dismiss a pair until a grant changes."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from casework.cache.edits import create_record
from casework.cache.store import CacheStore
from casework.cache.subsidies import (
    REVIEW_KIND,
    area_duplicates,
    household_duplicates,
    household_ledger,
    review_decisions,
)
from casework.domain.benefits import PROGRAMMES
from tests.cache.factory import Factory, Record, changes_of

AREA = "440104001001"  # 惠福社区, 北京街
SAME_STREET = "440104001002"  # 西湖社区, 北京街
OTHER_STREET = "440104002001"  # 净慧社区, 人民街


def grant(household: Record, programme: str, start: str, end: str, *, person: Record | None = None,
          quantity: int | None = None, withheld: list[str] | None = None) -> dict[str, Any]:
    p = PROGRAMMES[programme]
    data: dict[str, Any] = {
        "household_id": household.id, "beneficiary_person_id": person.id if person else None,
        "programme": programme, "programme_name": p.name, "department": p.department.value,
        "category": p.category, "period_start": start, "period_end": end,
        "amount": 500.0 if p.category == "cash" else None, "item": p.item, "quantity": quantity,
        "as_of": "2026-02-01", "classification": "internal"}
    for name in withheld or ():
        data[name] = None
    if withheld:
        data["withheld"] = withheld
    return data


def sync(store: CacheStore, records: list[Record], first_seq: int = 1) -> None:
    changes = changes_of(records, first_seq)
    store.apply_page(changes, changes[-1]["seq"], 1)


def review(first: Record, second: Record, verdict: str, reason: str = "") -> dict[str, Any]:
    """A ``duplicate_review`` as its declaration has it (``casework.domain.kinds_followups``)."""
    return {"household_id": first.data["household_id"], "first_id": first.id,
            "first_version": first.version, "second_id": second.id, "second_version": second.version,
            "verdict": verdict, "reason": reason, "departments": ["civil_affairs", "disability"],
            "on": "2026-03-01"}


_seq = iter(range(1000, 10**6))


def pull_review(store: CacheStore, data: dict[str, Any], created_at: str = "2026-03-01T08:00:00+00:00",
                ) -> None:
    """A review made elsewhere, as the feed brings it (the hub sets who and when)."""
    record = Record(REVIEW_KIND, str(uuid.uuid4()), AREA, {**data, "created_by": "reviewer",
                                                           "created_at": created_at})
    sync(store, [record], first_seq=next(_seq))


def ids(pairs) -> set[frozenset[str]]:
    return {frozenset((p.first.id, p.second.id)) for p in pairs}


@pytest.fixture
def quilts(store):
    """The reference case: one household with quilts from three departments in one winter, a
    second household whose grants only touch, and a third in another street."""
    f = Factory(seed=12)
    home, (_, spouse) = f.household(AREA, 2)
    ca = f.add("benefit_grant", AREA, grant(home, "winter_relief_ca", "2025-12-15", "2026-01-31", quantity=2))
    dis = f.add("benefit_grant", AREA, grant(home, "winter_relief_dis", "2026-01-01", "2026-02-15",
                                              person=spouse, quantity=1))
    hrss = f.add("benefit_grant", AREA, grant(home, "winter_relief_hrss", "2026-01-10", "2026-02-10",
                                               quantity=1))
    again = f.add("benefit_grant", AREA, grant(home, "winter_relief_ca", "2026-02-01", "2026-02-28",
                                                quantity=1))  # the same programme again: a series
    cash = f.add("benefit_grant", AREA, grant(home, "minimum_living", "2026-01-01", "2026-03-31"))
    other, _ = f.household(SAME_STREET, 1)
    touching = [f.add("benefit_grant", SAME_STREET, grant(other, programme, start, end))
                for programme, start, end in (("minimum_living", "2026-01-01", "2026-01-31"),
                    ("temporary_assistance", "2026-02-01", "2026-02-28"))]
    overlapping = f.add("benefit_grant", SAME_STREET, grant(other, "festival_condolence", "2026-01-31",
                                                            "2026-02-24"))
    far, _ = f.household(OTHER_STREET, 1)
    far_grants = [f.add("benefit_grant", OTHER_STREET, grant(far, programme, start, end))
                  for programme, start, end in (("winter_relief_ca", "2025-12-15", "2026-01-31"),
                      ("winter_relief_dis", "2026-01-01", "2026-02-15"))]
    sync(store, f.district.records)
    store.ensure_indexes()
    return {"home": home, "ca": ca, "dis": dis, "hrss": hrss, "again": again, "cash": cash, "other": other,
            "touching": touching, "overlapping": overlapping, "far": far, "far_grants": far_grants,
            "factory": f}


def test_the_quilts_household_shows_every_cross_programme_pair_and_not_the_series(store, quilts):
    found = household_duplicates(store, quilts["home"].id)
    q = quilts
    # ca–again: the same programme, a series; again–dis and again–hrss overlap in February
    assert ids(found.pairs) == {frozenset((q[a].id, q[b].id)) for a, b in (
        ("ca", "dis"), ("ca", "hrss"), ("dis", "hrss"), ("again", "dis"), ("again", "hrss"))}
    assert found.grants == 5 and found.households == 1 and found.unchecked == 0 and found.reviewed == 0
    assert found.by_community == {AREA: 5}


def test_the_ledger_counts_the_quilts_and_totals_by_category_and_department(store, quilts):
    winter = household_ledger(store, quilts["home"].id, dt.date(2025, 12, 1), dt.date(2026, 2, 28))
    assert winter.items == {"棉被": 5}
    assert winter.by_category["in_kind"].grants == 4 and winter.by_category["cash"].grants == 1
    assert set(winter.by_department) == {"civil_affairs", "disability", "hrss"}
    december = household_ledger(store, quilts["home"].id, dt.date(2025, 12, 1), dt.date(2025, 12, 31))
    assert [g.id for g in december.grants] == [quilts["ca"].id]


def test_periods_that_touch_are_not_a_pair_and_one_overlapping_by_a_day_is(store, quilts):
    found = household_duplicates(store, quilts["other"].id)
    jan, feb = quilts["touching"]
    assert ids(found.pairs) == {frozenset((jan.id, quilts["overlapping"].id)),
                                frozenset((feb.id, quilts["overlapping"].id))}


def test_a_street_lists_its_communities_pairs_and_a_community_only_its_own(store, quilts):
    street = area_duplicates(store, "440104001")
    assert street.households == 2 and len(street.pairs) == 7
    assert street.by_community == {AREA: 5, SAME_STREET: 2}
    assert street.grants == 8
    community = area_duplicates(store, SAME_STREET)
    assert ids(community.pairs) == ids(household_duplicates(store, quilts["other"].id).pairs)
    other = area_duplicates(store, "440104002")
    assert ids(other.pairs) == {frozenset(g.id for g in quilts["far_grants"])}
    everything = area_duplicates(store)
    assert len(everything.pairs) == 8 and everything.households == 3


def test_an_area_must_be_a_district_street_or_community_code(store, quilts):
    with pytest.raises(ValueError):
        area_duplicates(store, "4401")


def test_a_grant_withheld_from_this_user_is_counted_could_not_be_checked_not_listed(store):
    f = Factory(seed=3)
    home, _ = f.household(AREA, 1)
    seen = f.add("benefit_grant", AREA, grant(home, "winter_relief_ca", "2025-12-15", "2026-01-31"))
    hidden = f.add("benefit_grant", AREA, grant(home, "winter_relief_dis", "2026-01-01", "2026-02-15",
                                                 withheld=["amount", "item", "quantity"]))
    sync(store, f.district.records)
    found = area_duplicates(store, AREA)
    assert found.pairs == () and found.unchecked == 1
    assert found.unchecked_grant_ids == {seen.id, hidden.id}
    ledger = household_ledger(store, home.id, dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert ledger.items == {"棉被": 1} and ledger.items_withheld == 1


def test_a_reviewed_pair_leaves_the_list_until_one_of_its_grants_changes(store, quilts):
    q = quilts
    pull_review(store, review(q["dis"], q["ca"], "not_duplicate", "两次发放对象不同"))  # either order
    pull_review(store, review(q["ca"], q["hrss"], "duplicate"))
    found = household_duplicates(store, q["home"].id)
    assert found.reviewed == 2 and len(found.pairs) == 3
    assert frozenset((q["ca"].id, q["dis"].id)) not in ids(found.pairs)

    q["ca"].version = 2  # the hub corrects the civil-affairs grant: both decisions stop applying
    q["ca"].data["quantity"] = 1
    sync(store, [q["ca"]], first_seq=100)
    again = household_duplicates(store, q["home"].id)
    assert again.reviewed == 0 and len(again.pairs) == 5


def test_a_decision_made_on_this_device_counts_before_it_is_pulled_back(store, quilts):
    q = quilts
    create_record(store, REVIEW_KIND, review(q["ca"], q["dis"], "duplicate"), user="reviewer")
    found = household_duplicates(store, q["home"].id)
    assert found.reviewed == 1 and frozenset((q["ca"].id, q["dis"].id)) not in ids(found.pairs)


def test_decisions_come_in_the_order_made_whatever_order_the_feed_brought_them(store, quilts):
    q = quilts  # the later decision arrives first: the one made last is the one in force
    pull_review(store, review(q["ca"], q["dis"], "duplicate"), created_at="2026-03-02T08:00:00+00:00")
    pull_review(store, review(q["ca"], q["dis"], "not_duplicate", "同一批次，已核实"),
                created_at="2026-03-01T08:00:00+00:00")
    create_record(store, REVIEW_KIND, review(q["ca"], q["hrss"], "duplicate"), user="reviewer")
    with store.read() as conn:
        decisions = review_decisions(conn)
    assert [(d.key.second_id if d.key.first_id == q["ca"].id else d.key.first_id, d.verdict.value)
            for d in decisions] == [(q["dis"].id, "not_duplicate"), (q["dis"].id, "duplicate"),
                                    (q["hrss"].id, "duplicate")]


def test_a_review_with_a_verdict_this_client_does_not_know_is_left_out_not_guessed(store, quilts, caplog):
    q = quilts
    pull_review(store, {**review(q["ca"], q["dis"], "duplicate"), "verdict": "escalated"})  # a newer app's
    found = household_duplicates(store, q["home"].id)
    assert len(found.pairs) == 5 and found.reviewed == 0 and "not understood" in caplog.text


def test_a_household_without_grants_has_an_empty_list_and_ledger(store, quilts):
    f: Factory = quilts["factory"]
    lonely, _ = f.household(AREA, 1)
    sync(store, [r for r in f.district.records if r.data.get("household_id") == lonely.id or r is lonely],
         first_seq=200)
    assert household_duplicates(store, lonely.id).pairs == ()
    assert household_ledger(store, lonely.id, dt.date(2026, 1, 1), dt.date(2026, 12, 31)).grants == ()
