"""The review and follow-up kinds (issue 12): what the validator lets through and what it refuses,
and that their codes are the domain's enums with both languages."""

from __future__ import annotations

import pytest

from casework.domain.duplicates import Verdict
from casework.domain.migrants import PermitFollowUpOutcome, SchoolingFollowUpOutcome
from casework.domain.registry import Sync, code_label, spec
from casework.domain.roles import Role
from casework.domain.validation import validate_data

A, B, H, P = (f"00000000-0000-4000-8000-00000000000{i}" for i in range(1, 5))


def _review(**changes):
    return {"household_id": H, "first_id": A, "first_version": 1, "second_id": B, "second_version": 2,
            "verdict": "duplicate", "departments": ["civil_affairs", "disability"], "on": "2026-12-01",
            **changes}


def _codes(problems):
    return {(p.code, p.field) for p in problems}


def test_a_confirmed_duplicate_needs_no_reason_but_a_dismissal_does():
    assert validate_data("duplicate_review", _review()) == []
    for blank in ({}, {"reason": "  "}):
        problems = validate_data("duplicate_review", _review(verdict="not_duplicate", **blank))
        assert _codes(problems) == {("required", "reason")}
    explained = _review(verdict="not_duplicate", reason="两笔为不同月份的补发")
    assert validate_data("duplicate_review", explained) == []


@pytest.mark.parametrize(("changes", "expected"), [
    ({"second_id": A}, ("same_grant", "second_id")),
    ({"first_version": 0}, ("bad_version", "first_version")),
    ({"verdict": "maybe"}, ("bad_code", "verdict")),
    ({"departments": []}, ("required", "departments")),
    ({"departments": ["treasury"]}, ("bad_code", "departments")),
    ({"created_by": "someone"}, ("hub_set_field", "created_by")),
])
def test_a_malformed_review_is_refused_by_field(changes, expected):
    assert expected in _codes(validate_data("duplicate_review", _review(**changes)))


def test_follow_ups_name_person_household_outcome_and_day():
    permit = {"person_id": P, "household_id": H, "permit_fingerprint": "0123456789abcdef",
              "outcome": "appointment_made", "on": "2026-12-01", "note": "约了周五去派出所"}
    assert validate_data("permit_follow_up", permit) == []
    assert ("required", "permit_fingerprint") in _codes(
        validate_data("permit_follow_up", {k: v for k, v in permit.items() if k != "permit_fingerprint"}))
    schooling = {"person_id": P, "household_id": H, "outcome": "referred_to_education", "on": "2026-12-01"}
    assert validate_data("schooling_follow_up", schooling) == []
    assert ("bad_code", "outcome") in _codes(validate_data("schooling_follow_up", {**schooling,
                                                                                  "outcome": "renewed"}))


def test_codes_are_the_domain_enums_in_both_languages():
    pairs = [("duplicate_review", "verdict", Verdict), ("permit_follow_up", "outcome", PermitFollowUpOutcome),
             ("schooling_follow_up", "outcome", SchoolingFollowUpOutcome)]
    for kind, field, enum in pairs:
        assert [c.code for c in spec(kind).field(field).codes] == [e.value for e in enum]
        for e in enum:
            assert code_label(kind, field, e.value) == e.label_zh
            assert code_label(kind, field, e.value, "en") == e.label_en
    assert code_label("permit_follow_up", "outcome", "renewed") == "已续签"


def test_decisions_are_append_only_and_written_by_the_frontline_that_does_them():
    for kind in ("duplicate_review", "permit_follow_up", "schooling_follow_up"):
        assert spec(kind).sync is Sync.APPEND_ONLY
    assert Role.MIGRANT_OFFICER not in spec("duplicate_review").writers  # sees no civil-affairs grants
    assert Role.MIGRANT_OFFICER in spec("permit_follow_up").writers
    assert Role.ADMIN not in spec("schooling_follow_up").writers
