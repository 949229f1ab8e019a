"""Validation of what a client sends, as rules: the hub runs these on every op, the client on
every form before saving."""

from __future__ import annotations

import pytest

from casework.domain.validation import validate_changes, validate_data

HOUSEHOLD = "0b5e4a1c-3d2f-4e6a-8b7c-9d0e1f2a3b4c"
PERSON = "1c6f5b2d-4e3a-4f7b-9c8d-0e1f2a3b4c5d"
CASE_ID = "2d7a6c3e-5f4b-4a8c-8d9e-1f2a3b4c5d6e"
VALID_RIC = "11010519491231002X"

CASE = {
    "household_id": HOUSEHOLD, "person_ids": [PERSON], "category": "disability", "status": "open",
    "priority": "normal", "assigned_to": "li_hui", "summary": "初次走访", "next_contact": "2026-12-20",
    "tags": ["轮椅"],
}
NOTE = {"case_id": CASE_ID, "household_id": HOUSEHOLD, "written_at": "2026-12-02T09:30:00+08:00",
        "channel": "visit", "text": "入户走访，了解康复需求。", "offline": True}


def codes(problems):
    return sorted((p.code, p.field) for p in problems)


def test_a_well_formed_case_and_note_have_no_problems():
    assert validate_data("case", CASE) == []
    assert validate_data("case_note", NOTE) == []


def test_an_unknown_kind_is_one_problem():
    assert codes(validate_data("spaceship", CASE)) == [("unknown_kind", None)]


def test_a_field_the_kind_does_not_declare_is_refused():
    assert codes(validate_data("case", {**CASE, "colour": "red"})) == [("unknown_field", "colour")]


@pytest.mark.parametrize("field", ["created_by", "created_at", "conflicts"])
def test_fields_the_hub_sets_are_never_taken_from_a_client(field):
    value = [] if field == "conflicts" else ("2026-12-02T09:30:00+08:00" if field == "created_at" else "x")
    assert codes(validate_data("case", {**CASE, field: value})) == [("hub_set_field", field)]
    assert codes(validate_changes("case", {field: value})) == [("hub_set_field", field)]


def test_required_fields_must_be_present_and_not_empty():
    missing = {k: v for k, v in CASE.items() if k != "status"}
    assert codes(validate_data("case", missing)) == [("required", "status")]
    assert codes(validate_data("case", {**CASE, "assigned_to": ""})) == [("required", "assigned_to")]
    assert codes(validate_changes("case", {"priority": None})) == [("required", "priority")]


def test_optional_fields_may_be_left_empty():
    assert validate_data("case", {**CASE, "summary": None, "next_contact": None, "tags": []}) == []


@pytest.mark.parametrize(("field", "value", "code"), [
    ("status", "finished", "bad_code"),
    ("status", 1, "bad_code"),
    ("summary", 12, "wrong_type"),
    ("summary", "x" * 4001, "too_long"),
    ("summary", "a\x00b", "control_character"),
    ("next_contact", "2026-02-30", "bad_date"),
    ("next_contact", "20261220", "bad_date"),
    ("household_id", HOUSEHOLD.upper(), "bad_id"),
    ("household_id", "not-a-uuid", "bad_id"),
    ("person_ids", PERSON, "wrong_type"),
    ("person_ids", [PERSON, PERSON], "duplicate_item"),
    ("person_ids", ["nope"], "bad_id"),
    ("tags", ["x"] * 21, "too_many"),
    ("tags", ["  "], "empty_item"),
    ("tags", ["x" * 65], "too_long"),
    ("assigned_to", "li hui; drop", "bad_user"),
])
def test_values_must_have_their_declared_type(field, value, code):
    assert codes(validate_data("case", {**CASE, field: value})) == [(code, field)]


@pytest.mark.parametrize(("value", "ok"), [
    ("2026-12-02T09:30:00+08:00", True),
    ("2026-12-02T01:30:00Z", True),
    ("2026-12-02T09:30:00", False),  # no offset: whose nine o'clock?
    ("2026-12-02", False),
    ("yesterday", False),
    (1733103000, False),
])
def test_date_times_carry_an_offset(value, ok):
    assert (validate_data("case_note", {**NOTE, "written_at": value}) == []) is ok


def test_booleans_are_booleans_not_numbers():
    assert codes(validate_data("case_note", {**NOTE, "offline": 1})) == [("wrong_type", "offline")]


def test_identity_numbers_are_checked_with_stdnum():
    from casework.domain.registry import spec
    from casework.domain.validation import value_problem

    declared = spec("person").field("id_number")
    assert value_problem(declared, VALID_RIC) is None
    assert value_problem(declared, VALID_RIC[:-1] + "1").code == "bad_id_number"  # check digit
    assert value_problem(declared, "110105194913310020").code == "bad_id_number"  # 13th month
    assert value_problem(declared, VALID_RIC.lower()).code == "bad_id_number"  # stored upper-case


def test_fields_fixed_at_creation_cannot_be_updated():
    assert codes(validate_changes("case", {"category": "migrant"})) == [("not_editable", "category")]
    assert codes(validate_changes("case", {"household_id": HOUSEHOLD})) == [("not_editable", "household_id")]


def test_an_update_checks_only_the_fields_it_changes():
    assert validate_changes("case", {"status": "closed"}) == []
    assert codes(validate_changes("case", {"status": "shut"})) == [("bad_code", "status")]


def test_an_update_must_change_or_settle_something():
    assert codes(validate_changes("case", {})) == [("missing_changes", None)]
    assert validate_changes("case", {}, resolves=["status"]) == []


def test_resolves_names_fields_the_update_could_change():
    assert codes(validate_changes("case", {}, resolves=["colour"])) == [("unknown_field", "colour")]
    assert codes(validate_changes("case", {}, resolves=["category"])) == [("not_editable", "category")]


def test_a_record_without_data_is_one_problem():
    assert codes(validate_data("case", None)) == [("missing_data", None)]
    assert codes(validate_data("case", ["x"])) == [("missing_data", None)]


def test_messages_are_in_chinese_and_english_and_never_echo_the_value():
    (problem,) = validate_data("case", {**CASE, "summary": "secret\x00value"})
    assert "概况" in problem.message and "Summary" in problem.message
    assert "secret" not in problem.message


def test_an_audit_event_names_a_real_kind_and_an_opened_household_names_it():
    event = {"action": "household_opened", "at": "2026-12-02T09:30:00+08:00", "household_id": HOUSEHOLD,
             "purpose": "入户走访"}
    assert validate_data("audit_event", event) == []
    unnamed = {**event, "household_id": None}
    assert codes(validate_data("audit_event", unnamed)) == [("required", "household_id")]
    changed = {**event, "action": "record_changed", "record_id": CASE_ID, "record_kind": "spaceship"}
    assert codes(validate_data("audit_event", changed)) == [("unknown_kind", "record_kind")]
    forged = {**event, "user": "someone_else"}
    assert codes(validate_data("audit_event", forged)) == [("hub_set_field", "user")]


def test_an_address_has_nested_codes():
    from casework.domain.registry import spec
    from casework.domain.validation import value_problem

    declared = spec("household").field("address")
    address = {"text": "大南路12号", "district": "440104", "street": "440104001", "community": "440104001001",
               "street_name": "北京街", "community_name": "惠福社区"}
    assert value_problem(declared, address) is None
    assert value_problem(declared, {**address, "community": "440105001001"}).code == "bad_address"
    assert value_problem(declared, {**address, "extra": "x"}).code == "bad_address"


def test_texts_with_lone_surrogates_are_refused_and_names_shown_safely():
    assert codes(validate_data("case", {**CASE, "summary": "a\ud800b"})) == [("control_character", "summary")]
    (problem,) = validate_data("case", {**CASE, "bad\udfffname": 1})
    problem.message.encode("utf-8")  # a message is always valid text


def test_an_updates_from_values_must_be_values_the_field_can_hold():
    assert validate_changes("case", {"status": "closed"}, bases={"status": "open"}) == []
    assert validate_changes("case", {"status": "closed"}, bases={"status": None}) == []
    assert codes(validate_changes("case", {"status": "closed"}, bases={"status": 2**80})) == [
        ("bad_base", "status")]
