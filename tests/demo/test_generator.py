"""The demo district generator: deterministic, valid identifiers, realistic shares, and the
management points and duplicates the rest of the product must find in it. Pure Python, no
database."""

from __future__ import annotations

import datetime as dt
import typing
from collections import Counter, defaultdict
from typing import Any

import orjson
import pytest
from stdnum.cn import ric, uscc

from casework.demo.addresses import district_geography
from casework.demo.generator import REFERENCE_DATE, generate_district
from casework.demo.names import HETERONYM_SURNAMES, has_non_bmp
from casework.domain import records as R
from casework.domain.areas import district as district_of_code
from casework.domain.benefits import PROGRAMMES
from casework.domain.classification import Level
from casework.domain.disability import is_severe
from casework.domain.identifiers import (
    birth_date_of,
    sex_of,
    validate_disability_certificate_number,
)
from casework.domain.masking import mask, record_level
from casework.domain.registry import spec
from casework.domain.validation import value_problem
from casework.hub.envelope import envelope

SHAPES = {
    "household": R.HouseholdData,
    "person": R.PersonData,
    "rental_housing": R.RentalHousingData,
    "enterprise": R.EnterpriseData,
    "department_fact": R.FactData,
    "disability_certificate": R.DisabilityCertificateData,
    "benefit_grant": R.BenefitGrantData,
}


class District:
    """A generated district indexed the ways the tests ask about it."""

    def __init__(self, records: list) -> None:
        self.records = records
        self.by_kind: dict[str, list] = defaultdict(list)
        self.by_id: dict[str, Any] = {}
        for rec in records:
            self.by_kind[rec.kind].append(rec)
            self.by_id[rec.id] = rec
        self.facts: dict[str, list] = defaultdict(list)  # fact type → records
        self.facts_of: dict[str, list] = defaultdict(list)  # person id → fact data
        for rec in self.by_kind["department_fact"]:
            self.facts[rec.data["fact_type"]].append(rec)
            self.facts_of[rec.data["person_id"]].append(rec.data)
        self.grants_of: dict[str, list] = defaultdict(list)  # household id → grant data
        for rec in self.by_kind["benefit_grant"]:
            self.grants_of[rec.data["household_id"]].append(rec.data)

    def people(self) -> list[dict]:
        return [rec.data for rec in self.by_kind["person"]]

    def age(self, person: dict) -> int:
        born = dt.date.fromisoformat(person["birth_date"])
        before_birthday = (REFERENCE_DATE.month, REFERENCE_DATE.day) < (born.month, born.day)
        return REFERENCE_DATE.year - born.year - before_birthday


@pytest.fixture(scope="module")
def district() -> District:
    return District(list(generate_district(2000, seed=11)))


def _overlap(a: dict, b: dict) -> bool:
    return a["period_start"] <= b["period_end"] and b["period_start"] <= a["period_end"]


# --- determinism ------------------------------------------------------------------------


def test_the_same_seed_builds_the_same_district_byte_for_byte():
    first = orjson.dumps([tuple(r) for r in generate_district(200, seed=5)])
    second = orjson.dumps([tuple(r) for r in generate_district(200, seed=5)])
    assert first == second


def test_a_different_seed_builds_a_different_district():
    a = list(generate_district(200, seed=5))
    b = list(generate_district(200, seed=6))
    assert {r.id for r in a}.isdisjoint(r.id for r in b)
    names_a = sorted(r.data["name"] for r in a if r.kind == "person")
    names_b = sorted(r.data["name"] for r in b if r.kind == "person")
    assert names_a != names_b


def test_record_ids_are_lower_case_version_4_uuids_and_unique(district):
    import uuid

    ids = [r.id for r in district.records]
    assert len(ids) == len(set(ids))
    for rid in ids[:2000]:
        parsed = uuid.UUID(rid)
        assert str(parsed) == rid and parsed.version == 4


# --- identifiers ------------------------------------------------------------------------


def test_every_identity_number_is_valid_unique_and_agrees_with_sex_and_birth_date(district):
    people = district.people()
    numbers = [p["id_number"] for p in people]
    assert len(numbers) == len(set(numbers))
    for p in people:
        assert ric.is_valid(p["id_number"]), p["id_number"]
        assert sex_of(p["id_number"]) == p["sex"]
        assert birth_date_of(p["id_number"]).isoformat() == p["birth_date"]
    landlords = [r.data["landlord"] for r in district.by_kind["rental_housing"]]
    assert all(ric.is_valid(ll["id_number"]) for ll in landlords)


def test_every_credit_code_is_valid_and_unique(district):
    codes = [r.data["uscc"] for r in district.by_kind["enterprise"]]
    assert codes and len(codes) == len(set(codes))
    assert all(uscc.is_valid(code) for code in codes)


def test_disability_certificate_numbers_are_the_holders_identity_number_category_and_grade(district):
    for rec in district.by_kind["disability_certificate"]:
        id_number, category, grade = validate_disability_certificate_number(rec.data["number"])
        holder = district.by_id[rec.data["person_id"]].data
        assert (id_number, category, grade) == (holder["id_number"], rec.data["category"], rec.data["grade"])


def test_phone_numbers_have_eleven_digits_and_mobile_prefixes(district):
    phones = [p["phone"] for p in district.people() if p["phone"]]
    assert len(phones) > len(district.people()) / 2
    assert all(len(ph) == 11 and ph.isdigit() and ph[:2] in ("13", "15", "18") for ph in phones)


# --- households and people --------------------------------------------------------------


def test_households_have_one_head_realistic_sizes_and_known_relations(district):
    members: dict[str, list[dict]] = defaultdict(list)
    for rec in district.by_kind["person"]:
        members[rec.data["household_id"]].append({**rec.data, "id": rec.id})
        assert rec.data["relation"] in R.RELATIONS
    households = district.by_kind["household"]
    assert len(households) == 2000
    sizes = [len(members[h.id]) for h in households]
    assert set(sizes) <= {1, 2, 3, 4, 5, 6} and len(set(sizes)) == 6
    assert 2.5 <= sum(sizes) / len(sizes) <= 3.1
    for h in households:
        heads = [m for m in members[h.id] if m["relation"] == "head"]
        assert len(heads) == 1 and heads[0]["id"] == h.data["head_id"]


def test_about_thirty_percent_of_households_are_migrants_in_rental_housing(district):
    households = district.by_kind["household"]
    migrants = [h for h in households if h.data["household_type"] == "migrant"]
    assert 0.25 <= len(migrants) / len(households) <= 0.35
    for h in migrants:
        rental = district.by_id[h.data["rental_housing_id"]]
        assert rental.kind == "rental_housing"
        assert h.data["address"]["text"].startswith(rental.data["address"]["text"])
        assert "migrant" in h.data["flags"]
    people = district.people()
    assert all(p["migrant"] == (district.by_id[p["household_id"]].data["household_type"] == "migrant")
               for p in people)


def test_landlords_are_mostly_local_people_of_the_district(district):
    landlords = [r.data["landlord"] for r in district.by_kind["rental_housing"]]
    held = [ll for ll in landlords if ll["person_id"] is not None]
    assert len(held) / len(landlords) >= 0.5
    for ll in held:
        person = district.by_id[ll["person_id"]].data
        assert not person["migrant"] and person["id_number"] == ll["id_number"]


def test_migrants_work_for_enterprises_of_the_district(district):
    employment = [f.data for f in district.facts["employment"]]
    linked = [f for f in employment if f["value"]["enterprise_id"]]
    assert len(linked) > 100
    for f in linked:
        enterprise = district.by_id[f["value"]["enterprise_id"]]
        assert enterprise.kind == "enterprise" and enterprise.data["name"] == f["value"]["enterprise_name"]
    migrants_linked = [f for f in linked if district.by_id[f["person_id"]].data["migrant"]]
    assert len(migrants_linked) > len(linked) / 2


def test_about_six_percent_are_disabled_across_every_category_and_grade(district):
    certificates = [r.data for r in district.by_kind["disability_certificate"]]
    share = len(certificates) / len(district.people())
    assert 0.045 <= share <= 0.075
    assert {c["category"] for c in certificates} == {1, 2, 3, 4, 5, 6, 7}
    assert {c["grade"] for c in certificates} == {1, 2, 3, 4}


def test_names_include_characters_outside_the_bmp_and_surnames_with_several_readings():
    people = [r.data["name"] for r in generate_district(2000, seed=11) if r.kind == "person"]
    assert any(has_non_bmp(name) for name in people)
    assert {name[0] for name in people} & set(HETERONYM_SURNAMES)
    surnames = Counter(name[0] for name in people)
    assert surnames.most_common(1)[0][0] in "陈王李"  # Cantonese locals, national migrants


# --- what departments know --------------------------------------------------------------


def test_low_income_households_have_secret_incomes_behind_a_status(district):
    facts = [f.data for f in district.facts["assistance_status"]]
    assert {f["status"] for f in facts} >= {"低保户", "低收入户"}
    for f in facts:
        assert f["classification"] == "secret" and f["status_classification"] == "internal"
        assert isinstance(f["value"]["monthly_income"], float)
        seen = mask("department_fact", f, Level.INTERNAL)
        assert seen["value"] is None and seen["status"] == f["status"]


def test_tax_status_is_paid_up_or_in_arrears_with_a_secret_amount(district):
    facts = [f.data for f in district.facts["tax_status"]]
    assert {f["status"] for f in facts} == {"完税", "欠税"}
    for f in facts:
        assert (f["value"]["amount_owed"] > 0) == (f["status"] == "欠税")
        assert f["classification"] == "secret"


def test_winter_quilts_come_from_several_departments_to_one_household(district):
    piled_up = 0
    for grants in district.grants_of.values():
        quilts = [g for g in grants if g["item"] == "棉被"]
        departments = {g["department"] for g in quilts}
        if len(departments) >= 2 and any(_overlap(a, b) for a in quilts for b in quilts if a is not b):
            piled_up += 1
    assert piled_up >= 5


def test_disability_living_subsidy_is_paid_beside_the_minimum_living_guarantee(district):
    both = [
        hid for hid, grants in district.grants_of.items()
        if any(g["programme"] == "disability_living" and any(
            h["programme"] == "minimum_living" and _overlap(g, h) for h in grants) for g in grants)
    ]
    assert both


def test_grants_name_their_programme_paying_department_and_category(district):
    for rec in district.by_kind["benefit_grant"]:
        g = rec.data
        programme = PROGRAMMES[g["programme"]]
        assert (g["programme_name"], g["department"], g["category"]) == (
            programme.name, programme.department.value, programme.category)
        assert g["period_start"] <= g["period_end"] and g["as_of"] < REFERENCE_DATE.isoformat()
        assert (g["amount"] is not None) == (g["category"] == "cash")


def test_most_school_age_migrant_children_are_enrolled_but_not_all(district):
    children = [p for p in district.by_kind["person"]
                if p.data["migrant"] and 6 <= district.age(p.data) <= 15]
    enrolled = [c for c in children
                if any(f["fact_type"] == "school_enrolment" for f in district.facts_of[c.id])]
    assert len(children) > 50
    assert 0.7 <= len(enrolled) / len(children) < 1.0


def test_some_residence_permits_expire_within_thirty_days_and_some_have_lapsed(district):
    permits = district.facts["residence_permit"]
    expires = [dt.date.fromisoformat(f.data["value"]["expires_on"]) for f in permits]
    soon = [d for d in expires if REFERENCE_DATE < d <= REFERENCE_DATE + dt.timedelta(days=30)]
    lapsed = [d for d in expires if d < REFERENCE_DATE]
    assert soon and lapsed
    for f in district.facts["residence_permit"]:
        holder = district.by_id[f.data["person_id"]].data
        assert holder["migrant"] and district.age(holder) >= 16
        assert f.data["value"]["number"] == holder["id_number"]


def test_some_severely_disabled_people_have_no_nursing_subsidy(district):
    nursed = {g["beneficiary_person_id"] for grants in district.grants_of.values() for g in grants
              if g["programme"] == "disability_nursing"}
    severe = [c.data for c in district.by_kind["disability_certificate"]
              if is_severe(c.data["category"], c.data["grade"])]
    without = [c for c in severe if c["person_id"] not in nursed]
    assert severe and without and len(without) < len(severe) / 2


def test_some_people_with_severe_mental_disorder_missed_their_medication(district):
    managed = [f.data["value"] for f in district.facts["health_management"]
               if f.data["value"]["condition"] == "严重精神障碍"]
    missed = [v for v in managed
              if (REFERENCE_DATE - dt.date.fromisoformat(v["last_medication"])).days > 45]
    assert managed and missed and len(missed) < len(managed)


def test_about_three_percent_of_households_live_elsewhere_than_registered(district):
    disagreeing = set()
    for rec in district.facts["actual_residence"]:
        household = district.by_id[rec.data["household_id"]].data
        if rec.data["value"]["address"]["text"] != household["address"]["text"]:
            disagreeing.add(rec.data["household_id"])
    assert 0.01 <= len(disagreeing) / 2000 <= 0.06


# --- shapes -----------------------------------------------------------------------------


def _keys(shape: type) -> tuple[set[str], set[str]]:
    """(required, optional) keys of a TypedDict; resolved by hand because records.py's
    postponed annotations hide ``NotRequired`` from ``__required_keys__`` on Python 3.11."""
    hints = typing.get_type_hints(shape, include_extras=True)
    optional = {k for k, v in hints.items() if typing.get_origin(v) is typing.NotRequired}
    return set(hints) - optional, optional


def _check_keys(data: dict, shape: type) -> None:
    required, optional = _keys(shape)
    keys = set(data)
    assert required <= keys, required - keys
    assert keys <= required | optional, keys - required - optional


def _check_address(address: dict) -> None:
    _check_keys(address, R.Address)
    assert len(address["district"]) == 6 and len(address["street"]) == 9 and len(address["community"]) == 12
    assert address["community"].startswith(address["street"])
    assert address["street"].startswith(address["district"])


def _check_declared(kind: str, data: dict) -> None:
    """A kind without a TypedDict (casework written by users, e.g. service plans) has the
    shape its declaration gives, every value valid as the hub's write service checks it."""
    declared = spec(kind)
    for name, value in data.items():
        field = declared.field(name)
        assert field is not None, (kind, name)
        assert value_problem(field, value) is None, (kind, name, value)
    assert {f.name for f in declared.fields if f.required} <= set(data)


def test_every_record_has_the_shape_records_py_defines(district):
    for rec in district.records:
        if rec.kind in SHAPES:
            _check_keys(rec.data, SHAPES[rec.kind])
        else:
            _check_declared(rec.kind, rec.data)
        assert len(rec.area) == 12 and rec.area.isdigit()
        env = envelope(rec.kind, rec.id, rec.area, rec.data)  # the hub can file every record
        assert env["classification"] == int(record_level(rec.kind, rec.data))
        if rec.kind in ("household", "rental_housing", "enterprise"):
            _check_address(rec.data["address"])
            assert rec.data["address"]["community"] == rec.area
        if rec.kind == "rental_housing":
            _check_keys(rec.data["landlord"], R.Landlord)
        if rec.kind == "department_fact":
            f = rec.data
            department, level, status_level, _zh, _en = R.FACT_TYPES[f["fact_type"]]
            assert set(f["value"]) == set(R.FACT_VALUE_FIELDS[f["fact_type"]])
            assert (f["department"], f["classification"], f["status_classification"]) == (
                department.value, level.code, status_level.code)
            assert f["status"] and f["as_of"] < REFERENCE_DATE.isoformat()
            if "address" in f["value"]:
                _check_address(f["value"]["address"])
        if "person_id" in rec.data:
            assert district.by_id[rec.data["person_id"]].kind == "person"
        if rec.data.get("household_id"):
            assert district.by_id[rec.data["household_id"]].kind == "household"
            assert district.by_id[rec.data["household_id"]].area == rec.area


# --- where -----------------------------------------------------------------------------


def test_by_default_households_spread_over_every_street_of_the_district(district):
    streets = {r.area[:9] for r in district.by_kind["household"]}
    assert streets == {s.code for s in district_of_code("440104").streets}


def test_streets_limit_the_district_to_those_streets():
    records = list(generate_district(60, seed=3, streets=["440104002"]))
    assert {r.area[:9] for r in records} == {"440104002"}
    assert sum(r.kind == "household" for r in records) == 60


def test_a_streets_records_do_not_depend_on_the_streets_generated_beside_it():
    plan = generate_district(50, seed=4, streets=["440104001", "440104002"])
    beside = [r for r in plan if r.area.startswith("440104002")]
    alone = list(generate_district(plan.jobs[1].households, seed=4, streets=["440104002"]))
    assert [tuple(r) for r in beside] == [tuple(r) for r in alone]


def test_an_unknown_street_or_district_is_refused_with_a_clear_error():
    with pytest.raises(ValueError, match="440104099"):
        generate_district(10, seed=1, streets=["440104099"])
    with pytest.raises(ValueError, match="unknown district"):
        generate_district(10, seed=1, district="999999")


def test_the_other_sample_district_generates_too():
    records = list(generate_district(40, seed=2, district="440112"))
    assert {r.area[:6] for r in records} == {"440112"}


def test_each_street_has_eight_to_fifteen_communities_with_unique_names():
    for code in ("440104", "440112"):
        geography = district_geography(code)
        names = [c.name for g in geography.values() for c in g.communities]
        assert len(names) == len(set(names))
        for street, g in geography.items():
            assert 8 <= len(g.communities) <= 15
            assert all(c.code.startswith(street) and len(c.code) == 12 for c in g.communities)


def test_nobody_is_employed_or_insured_before_working_age(district):
    for fact_type, earliest_age in (("employment", 16), ("social_insurance", 18)):
        for rec in district.facts[fact_type]:
            born = dt.date.fromisoformat(district.by_id[rec.data["person_id"]].data["birth_date"])
            since = dt.date.fromisoformat(rec.data["value"]["since"])
            assert (since - born).days >= earliest_age * 365 - 1, (fact_type, born, since)
