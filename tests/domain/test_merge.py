"""The field-level three-way merge, as rules."""

from __future__ import annotations

from casework.domain.merge import Change, merge_update, open_conflicts, overlay

CASE = {"status": "open", "priority": "normal", "summary": "初次走访"}


def test_a_field_still_at_its_base_takes_the_new_value():
    merged = merge_update(CASE, {"status": Change("open", "closed")})
    assert merged.data["status"] == "closed"
    assert merged.applied == {"status": ("open", "closed")}
    assert merged.conflicts == ()


def test_the_same_change_made_on_both_sides_is_no_conflict_and_no_change():
    merged = merge_update({**CASE, "status": "closed"}, {"status": Change("open", "closed")})
    assert not merged.changed


def test_a_field_changed_on_both_sides_to_different_values_is_a_conflict_that_keeps_both():
    theirs = {**CASE, "status": "on_hold"}
    merged = merge_update(theirs, {"status": Change("open", "closed")}, author="wang", at="t2",
                          last_writers={"status": ("li_hui", "t1")})
    assert merged.data["status"] == "on_hold"  # the hub keeps theirs until someone chooses
    (conflict,) = merged.conflicts
    assert (conflict.base, conflict.theirs, conflict.mine) == ("open", "on_hold", "closed")
    assert (conflict.by, conflict.mine_by) == ("li_hui", "wang")
    assert open_conflicts(merged.data) == [conflict]


def test_other_fields_of_a_conflicting_update_still_apply():
    theirs = {**CASE, "status": "on_hold"}
    merged = merge_update(
        theirs, {"status": Change("open", "closed"), "priority": Change("normal", "urgent")})
    assert merged.data["priority"] == "urgent"
    assert [c.field for c in merged.conflicts] == ["status"]


def test_a_resolution_sets_the_chosen_value_and_clears_the_conflict():
    theirs = {**CASE, "status": "on_hold"}
    conflicted = merge_update(theirs, {"status": Change("open", "closed")}).data
    resolved = merge_update(conflicted, {"status": Change("on_hold", "closed")}, resolves=["status"])
    assert resolved.data["status"] == "closed"
    assert open_conflicts(resolved.data) == []


def test_keeping_theirs_resolves_without_a_change():
    conflicted = merge_update({**CASE, "status": "on_hold"}, {"status": Change("open", "closed")}).data
    resolved = merge_update(conflicted, {}, resolves=["status"])
    assert resolved.data["status"] == "on_hold"
    assert open_conflicts(resolved.data) == []


def test_pending_edits_are_laid_over_the_pulled_record_oldest_first():
    pending = [
        {"action": "update", "changes": {"status": {"from": "open", "to": "on_hold"}}},
        {"action": "update", "changes": {"status": {"from": "on_hold", "to": "closed"},
                                         "summary": {"from": "初次走访", "to": "已结案"}}},
    ]
    seen = overlay(CASE, pending)
    assert seen == {**CASE, "status": "closed", "summary": "已结案"}
    assert CASE["status"] == "open"  # the pulled record itself is untouched


def test_a_record_created_here_is_seen_before_the_hub_has_it():
    assert overlay(None, [{"action": "create", "data": CASE}]) == CASE
    assert overlay(None, []) is None
