"""Possible duplicate grants, their review, and the ledger (issue 12): each test states one rule."""

import random
from datetime import date, timedelta
from typing import Any

import pytest

from casework.domain.duplicates import (
    DuplicatePair,
    Grant,
    PairKey,
    ReviewDecision,
    Totals,
    Verdict,
    check_new_grant,
    confirmed_duplicates,
    find_duplicates,
    ledger,
    open_pairs,
    pair_key,
)

D = date


def data(*, person: str | None = "p1", household: str = "h1", programme: str = "winter_relief_ca",
         department: str = "civil_affairs", category: str = "in_kind", item: str | None = "棉被",
         start: str = "2025-12-01", end: str = "2026-02-28", amount: float | None = None,
         quantity: int | None = 1, classification: str = "internal") -> dict[str, Any]:
    return {
        "household_id": household, "beneficiary_person_id": person, "programme": programme,
        "programme_name": programme, "department": department, "category": category,
        "period_start": start, "period_end": end, "amount": amount, "item": item,
        "quantity": quantity, "as_of": "2026-03-01", "classification": classification,
    }


def grant(id_: str, version: int = 1, **kwargs: Any) -> Grant:
    return Grant.from_data(id_, version, data(**kwargs))


def cash(id_: str, programme: str, start: str, end: str, amount: float = 500.0, **kwargs: Any) -> Grant:
    return grant(id_, category="cash", item=None, quantity=None, amount=amount, programme=programme,
                 start=start, end=end, **kwargs)


def ids(pairs: tuple[DuplicatePair, ...] | list[DuplicatePair]) -> list[tuple[str, str]]:
    return [(p.first.id, p.second.id) for p in pairs]


# --- the rule --------------------------------------------------------------------------------


def test_quilts_from_two_programmes_to_the_same_person_in_one_winter_are_a_possible_duplicate():
    a = grant("a", programme="winter_relief_ca")
    b = grant("b", programme="winter_relief_dis", department="disability", start="2026-01-10",
              end="2026-01-10")
    scan = find_duplicates([a, b])
    assert ids(scan.pairs) == [("a", "b")]
    assert scan.pairs[0].overlap == (D(2026, 1, 10), D(2026, 1, 10))
    assert scan.unchecked == 0


def test_two_grants_of_the_same_programme_are_a_series_not_a_duplicate():
    assert find_duplicates([grant("a"), grant("b")]).pairs == ()


def test_grants_to_two_different_members_of_a_household_are_not_a_duplicate():
    a = grant("a", person="p1")
    b = grant("b", person="p2", programme="winter_relief_dis")
    assert find_duplicates([a, b]).pairs == ()


def test_a_household_grant_and_a_members_grant_are_a_possible_duplicate():
    household = grant("a", person=None)
    member = grant("b", person="p2", programme="winter_relief_dis")
    assert ids(find_duplicates([household, member]).pairs) == [("a", "b")]


def test_two_household_grants_to_the_same_household_are_a_possible_duplicate():
    a = grant("a", person=None)
    b = grant("b", person=None, programme="winter_relief_hrss")
    assert ids(find_duplicates([a, b]).pairs) == [("a", "b")]


def test_grants_to_different_households_are_never_compared():
    a = grant("a", person=None, household="h1")
    b = grant("b", person=None, household="h2", programme="winter_relief_dis")
    assert find_duplicates([a, b]).pairs == ()


def test_grants_in_different_categories_are_not_a_duplicate():
    quilt = grant("a")
    money = cash("b", "temporary_assistance", "2025-12-01", "2026-02-28")
    assert find_duplicates([quilt, money]).pairs == ()


def test_in_kind_grants_of_different_items_are_not_a_duplicate():
    quilt = grant("a", item="棉被")
    rice = grant("b", item="大米", programme="winter_relief_dis")
    assert find_duplicates([quilt, rice]).pairs == ()


def test_cash_grants_are_compared_without_items_whatever_their_amounts():
    a = cash("a", "minimum_living", "2026-01-01", "2026-01-31")
    b = cash("b", "low_income", "2026-01-01", "2026-03-31", amount=1200.0)
    assert ids(find_duplicates([a, b]).pairs) == [("a", "b")]


def test_periods_that_only_touch_one_ending_the_31st_the_other_starting_the_1st_do_not_overlap():
    a = cash("a", "minimum_living", "2026-01-01", "2026-01-31")
    b = cash("b", "low_income", "2026-02-01", "2026-02-28")
    assert find_duplicates([a, b]).pairs == ()


def test_periods_where_one_ends_the_day_the_other_starts_overlap_by_that_day():
    a = cash("a", "minimum_living", "2026-01-01", "2026-01-31")
    b = cash("b", "low_income", "2026-01-31", "2026-02-28")
    scan = find_duplicates([a, b])
    assert ids(scan.pairs) == [("a", "b")]
    assert scan.pairs[0].overlap == (D(2026, 1, 31), D(2026, 1, 31))


def test_a_period_inside_another_overlaps():
    a = cash("a", "minimum_living", "2026-01-01", "2026-12-31")
    b = cash("b", "temporary_assistance", "2026-06-15", "2026-06-15")
    assert ids(find_duplicates([a, b]).pairs) == [("a", "b")]


def test_the_reference_case_22_quilts_from_three_departments_in_one_winter_gives_three_pairs():
    grants = [
        grant("ca", programme="winter_relief_ca", department="civil_affairs", quantity=10),
        grant("dis", programme="winter_relief_dis", department="disability", quantity=7,
              start="2026-01-05", end="2026-01-31"),
        grant("hr", programme="winter_relief_hrss", department="hrss", quantity=5, person=None,
              start="2026-01-20", end="2026-02-10"),
    ]
    scan = find_duplicates(grants)
    assert sorted(ids(scan.pairs)) == [("ca", "dis"), ("ca", "hr"), ("dis", "hr")]
    assert ledger(grants, D(2025, 11, 1), D(2026, 3, 31)).items == {"棉被": 22}


# --- withheld data ---------------------------------------------------------------------------


def masked(record: dict[str, Any]) -> dict[str, Any]:
    """A grant classified above the user, as masking hands it over: amount, item and quantity
    set to None and named in ``withheld`` (casework.domain.masking)."""
    return {**record, "amount": None, "item": None, "quantity": None,
            "withheld": ["amount", "item", "quantity"]}


def withheld_quilt(id_: str, **kwargs: Any) -> Grant:
    """An in-kind grant classified secret, as a user with internal clearance receives it."""
    return Grant.from_data(id_, 1, masked(data(classification="secret", **kwargs)))


def test_an_in_kind_grant_with_its_item_withheld_is_not_reported_but_counted_as_could_not_be_checked():
    visible = grant("a", programme="winter_relief_ca")
    hidden = withheld_quilt("b", programme="winter_relief_dis", department="disability")
    scan = find_duplicates([visible, hidden])
    assert scan.pairs == ()
    assert scan.unchecked == 1
    assert scan.unchecked_grant_ids == {"a", "b"}


def test_a_withheld_grant_ruled_out_by_a_visible_field_is_neither_reported_nor_unchecked():
    other_person = grant("a", person="p2", programme="winter_relief_ca")
    other_winter = grant("c", start="2024-12-01", end="2025-02-28", programme="winter_relief_hrss")
    same_programme = grant("d", programme="winter_relief_dis")
    hidden = withheld_quilt("b", programme="winter_relief_dis")
    scan = find_duplicates([other_person, other_winter, same_programme, hidden])
    assert (scan.pairs, scan.unchecked) == ((), 0)


def test_a_cash_grant_with_its_amount_withheld_is_still_checked_the_amount_is_not_part_of_the_rule():
    seen = masked(data(category="cash", item=None, quantity=None, amount=300.0,
                       programme="temporary_assistance", classification="secret"))
    hidden_amount = Grant.from_data("b", 1, seen)
    visible = cash("a", "minimum_living", "2026-01-01", "2026-01-31")
    scan = find_duplicates([visible, hidden_amount])
    assert (ids(scan.pairs), scan.unchecked) == ([("a", "b")], 0)


# --- check before giving ---------------------------------------------------------------------


def test_registering_a_grant_warns_of_the_duplicates_it_would_make_with_what_the_household_got():
    existing = [grant("a", programme="winter_relief_ca"),
                grant("b", item="大米", programme="winter_relief_hrss"),
                cash("c", "minimum_living", "2026-01-01", "2026-01-31")]
    candidate = grant("new", programme="festival_condolence", department="civil_affairs",
                      start="2026-02-01", end="2026-02-01")
    assert ids(check_new_grant(candidate, existing).pairs) == [("a", "new")]


# --- review ----------------------------------------------------------------------------------


def test_a_pair_key_names_both_grants_and_their_versions_in_a_fixed_order():
    a, b = grant("a", version=3), grant("b", version=1, programme="winter_relief_dis")
    assert pair_key(b, a) == pair_key(a, b) == PairKey("a", 3, "b", 1)


def test_a_reviewed_pair_is_no_longer_open_whether_judged_duplicate_or_not():
    a, b = grant("a"), grant("b", programme="winter_relief_dis")
    c = grant("c", programme="winter_relief_hrss")
    pairs = find_duplicates([a, b, c]).pairs
    decisions = [ReviewDecision(pair_key(a, b), Verdict.NOT_DUPLICATE, "两次发放对应两个冬季"),
                 ReviewDecision(pair_key(a, c), Verdict.DUPLICATE)]
    assert ids(open_pairs(pairs, decisions)) == [("b", "c")]
    assert [ids([p]) for p, _ in confirmed_duplicates(pairs, decisions)] == [[("a", "c")]]


def test_a_dismissed_pair_reopens_when_one_of_its_grants_changes():
    a, b = grant("a"), grant("b", programme="winter_relief_dis")
    decisions = [ReviewDecision(pair_key(a, b), Verdict.NOT_DUPLICATE, "不同冬季")]
    changed_b = grant("b", version=2, programme="winter_relief_dis", quantity=3)
    pairs = find_duplicates([a, changed_b]).pairs
    assert ids(open_pairs(pairs, decisions)) == [("a", "b")]
    assert confirmed_duplicates(pairs, [ReviewDecision(pair_key(a, b), Verdict.DUPLICATE)]) == []


def test_the_last_decision_on_a_pair_is_the_one_in_force():
    a, b = grant("a"), grant("b", programme="winter_relief_dis")
    pairs = find_duplicates([a, b]).pairs
    decisions = [ReviewDecision(pair_key(a, b), Verdict.DUPLICATE),
                 ReviewDecision(pair_key(a, b), Verdict.NOT_DUPLICATE, "复核后确认为不同物资")]
    assert confirmed_duplicates(pairs, decisions) == []
    assert open_pairs(pairs, decisions) == []


def test_verdicts_have_chinese_and_english_labels():
    assert Verdict.DUPLICATE.label_zh.startswith("确认重复")
    assert Verdict.NOT_DUPLICATE.label_zh == "非重复"
    assert all(v.label_en for v in Verdict)


# --- the ledger ------------------------------------------------------------------------------


def test_the_ledger_totals_by_category_and_department_over_grants_overlapping_the_period():
    grants = [
        cash("m1", "minimum_living", "2026-01-01", "2026-01-31", person=None),
        cash("m2", "minimum_living", "2026-02-01", "2026-02-28", person=None),
        cash("d1", "disability_living", "2026-01-01", "2026-01-31", department="disability"),
        grant("q", programme="winter_relief_dis", department="disability", quantity=2),
        cash("old", "minimum_living", "2025-12-01", "2025-12-31", person=None),  # before the period
        cash("late", "minimum_living", "2026-03-01", "2026-03-31", person=None),  # after it
    ]
    got = ledger(grants, D(2026, 1, 1), D(2026, 2, 28))
    assert [g.id for g in got.grants] == ["q", "m1", "d1", "m2"], "by start, then department"
    assert got.by_category == {"cash": Totals(3, 1500.0, 0), "in_kind": Totals(1, 0.0, 0)}
    assert got.by_department == {"civil_affairs": Totals(2, 1000.0, 0), "disability": Totals(2, 500.0, 0)}
    assert got.items == {"棉被": 2}


def test_the_ledger_period_is_inclusive_a_grant_ending_on_its_first_day_is_in():
    got = ledger([cash("a", "minimum_living", "2025-12-01", "2026-01-01")], D(2026, 1, 1), D(2026, 1, 31))
    assert [g.id for g in got.grants] == ["a"]


def test_the_ledger_counts_withheld_amounts_and_items_instead_of_hiding_the_grants():
    hidden_cash = Grant.from_data("c", 1, masked(data(
        category="cash", item=None, quantity=None, amount=800.0, programme="temporary_assistance",
        classification="secret")))
    got = ledger([hidden_cash, withheld_quilt("q")], D(2025, 12, 1), D(2026, 2, 28))
    assert got.by_category["cash"] == Totals(1, 0.0, 1)
    assert got.items == {} and got.items_withheld == 1
    assert len(got.grants) == 2


# --- the finder against the rule applied to every pair ---------------------------------------


def reference(grants: list[Grant]) -> tuple[set[tuple[str, str]], int]:
    """The rule read literally, over every pair (O(n²)); None for a withheld value means unknown."""
    def unknown(g: Grant, field: str) -> bool:
        return field in g.withheld

    found: set[tuple[str, str]] = set()
    unchecked = 0
    for i, a in enumerate(grants):
        for b in grants[i + 1:]:
            if a.household_id != b.household_id:
                continue
            results: list[bool | None] = []
            if unknown(a, "beneficiary_person_id") or unknown(b, "beneficiary_person_id"):
                results.append(None)
            else:
                results.append(a.beneficiary_person_id is None or b.beneficiary_person_id is None
                               or a.beneficiary_person_id == b.beneficiary_person_id)
            results.append(None if unknown(a, "category") or unknown(b, "category")
                           else a.category == b.category)
            both_known_not_in_kind = (not unknown(a, "category") and not unknown(b, "category")
                                      and not (a.category == b.category == "in_kind"))
            if not both_known_not_in_kind:
                results.append(None if unknown(a, "item") or unknown(b, "item") else a.item == b.item)
            assert a.period_start and a.period_end and b.period_start and b.period_end
            results.append(a.period_start <= b.period_end and b.period_start <= a.period_end)
            results.append(None if unknown(a, "programme") or unknown(b, "programme")
                           else a.programme != b.programme)
            if False in results:
                continue
            if None in results:
                unchecked += 1
            else:
                found.add((min(a.id, b.id), max(a.id, b.id)))
    return found, unchecked


def random_grants(rng: random.Random, n: int, households: int) -> list[Grant]:
    grants = []
    base = D(2026, 1, 1)
    for i in range(n):
        household = f"h{rng.randrange(households)}"
        start = base + timedelta(days=rng.randrange(60))
        end = start + timedelta(days=rng.choice([0, 0, 1, 5, 10, 30]))
        category = rng.choice(["cash", "in_kind", "in_kind", "service"])
        item = rng.choice(["棉被", "大米"]) if category == "in_kind" else None
        withheld = frozenset(rng.sample(["item", "amount", "category", "programme", "beneficiary_person_id"],
                                        rng.choice([0, 0, 0, 0, 1])))
        grants.append(Grant(
            id=f"g{i:03d}", version=1, household_id=household,
            beneficiary_person_id=None if "beneficiary_person_id" in withheld
            else rng.choice([None, f"{household}p1", f"{household}p2"]),
            programme=None if "programme" in withheld else rng.choice(["x", "y", "z"]),
            department="civil_affairs", category=None if "category" in withheld else category,
            period_start=start, period_end=end, item=None if "item" in withheld else item,
            withheld=withheld))
    return grants


@pytest.mark.parametrize(("households", "most"), [(4, 40), (1, 80)], ids=["small groups", "large groups"])
def test_the_finder_agrees_with_the_rule_applied_to_every_pair_on_random_grants(households: int, most: int):
    """Small groups are checked pairwise, large ones by the sweep: both must agree with the rule."""
    rng = random.Random(20261202 + households)
    totals = [0, 0]
    for _ in range(100):
        grants = random_grants(rng, rng.randrange(2, most), households)
        expected, expected_unchecked = reference(grants)
        scan = find_duplicates(rng.sample(grants, len(grants)))
        assert set(ids(scan.pairs)) == expected
        assert len(scan.pairs) == len(expected), "each pair once"
        assert scan.unchecked == expected_unchecked
        totals[0] += len(expected)
        totals[1] += expected_unchecked
    assert totals[0] > 50 and totals[1] > 25, f"the random cases must exercise both outcomes: {totals}"
