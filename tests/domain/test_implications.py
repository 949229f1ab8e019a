"""The known implications of derived values are declared, and the check finds one that is not."""

from __future__ import annotations

import dataclasses

from casework.domain import registry
from casework.domain.classification import Level
from casework.domain.departments import Department
from casework.domain.field_access import filter_derived
from casework.domain.implications import KNOWN, check_declarations

ALL = frozenset(d.value for d in Department)


def test_every_known_implication_is_declared_at_its_level_and_line():
    assert check_declarations() == []
    assert len(KNOWN) >= 15


def test_the_check_finds_a_flag_whose_reveal_is_not_declared(monkeypatch):
    household = registry.spec("household")
    flags = household.field("flags")
    stripped = dataclasses.replace(flags, code_reveals={
        k: v for k, v in flags.code_reveals.items() if k != "low_income"})
    fields = tuple(stripped if f.name == "flags" else f for f in household.fields)
    monkeypatch.setitem(registry._REGISTRY, "household", dataclasses.replace(household, fields=fields))
    problems = check_declarations()
    assert len(problems) == 1 and "household.flags=low_income" in problems[0]


def test_a_flag_is_kept_only_for_a_user_who_may_see_what_it_reveals():
    data = {"flags": ["minimum_living", "disabled_member", "migrant"], "head_id": "x"}
    assert filter_derived("household", data, Level.INTERNAL, ALL) is data
    assert filter_derived("household", data, Level.PUBLIC, ALL)["flags"] == []
    migrant_officer = {"public_security", "migrant", "education", "hrss", "medical_insurance", "health",
                       "market"}
    seen = filter_derived("household", data, Level.SECRET, migrant_officer)
    assert seen["flags"] == ["migrant"] and "withheld" not in seen  # silently: a withheld flag would tell
    assert data["flags"] == ["minimum_living", "disabled_member", "migrant"]  # the stored record untouched


def test_a_programme_and_a_nested_value_are_withheld_where_they_reveal_too_much():
    grant = {"programme": "disability_nursing", "programme_name": "重度残疾人护理补贴", "amount": None}
    seen = filter_derived("benefit_grant", grant, Level.INTERNAL, ALL)
    assert seen["programme"] is None and seen["programme_name"] is None
    assert seen["withheld"] == ["programme", "programme_name"]
    assert filter_derived("benefit_grant", grant, Level.SECRET, ALL) is grant
    fact = {"fact_type": "medical_insurance", "value": {"scheme": "城乡居民医保", "medical_assistance": True}}
    seen = filter_derived("department_fact", fact, Level.SECRET, {"medical_insurance", "public_security"})
    assert seen["value"] == {"scheme": "城乡居民医保"} and "medical_assistance" in fact["value"]
