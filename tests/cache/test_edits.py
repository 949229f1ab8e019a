"""Local edits: each written to the outbox in its own transaction with the base the user saw,
pulled rows left exactly as the hub sent them, pulls and repairs never touching local work,
and the hub's answers (applied, conflict, rejected) kept until they are settled."""

from __future__ import annotations

import pytest

from casework.cache import cases, edits, outbox
from casework.cache.edits import EditRefused
from tests.cache.casework_rows import HOUSEHOLD, case_data, held_row, pulled_case, uid, upsert


def test_an_update_carries_the_value_the_user_saw_as_its_base_and_leaves_the_pulled_row(store):
    case_id = uid()
    pulled_case(store, case_id, version=3)
    before, holdings = held_row(store, case_id), store.holdings()
    edits.update_record(store, "case", case_id, {"status": "on_hold", "priority": "high"}, user="li_hui")
    edits.update_record(store, "case", case_id, {"status": "closed"}, user="li_hui")
    first, second = edits.pending_for(store, case_id)
    assert first.changes == {"status": {"from": "open", "to": "on_hold"},
                             "priority": {"from": "normal", "to": "high"}}
    assert second.changes == {"status": {"from": "on_hold", "to": "closed"}}  # the first edit laid over
    assert first.base_version == second.base_version == 3 and first.seq < second.seq
    assert held_row(store, case_id) == before and store.holdings() == holdings
    shown = cases.case(store, case_id)
    assert (shown.status, shown.priority, shown.pending, shown.version) == ("closed", "high", True, 3)
    assert edits.pending_count(store) == store.pending_changes() == 2


def test_values_that_do_not_change_are_left_out_and_an_empty_edit_is_refused(store):
    case_id = uid()
    pulled_case(store, case_id)
    edits.update_record(store, "case", case_id, {"status": "open", "summary": "新的概况"})
    (entry,) = edits.pending_for(store, case_id)
    assert set(entry.changes) == {"summary"}
    with pytest.raises(EditRefused, match="Nothing to save"):
        edits.update_record(store, "case", case_id, {"summary": "新的概况"})
    assert edits.pending_count(store) == 1


@pytest.mark.parametrize(("changes", "why"), [
    ({"category": "migrant"}, "cannot be changed"),
    ({"status": "finished"}, "status"),
    ({"created_by": "someone"}, "set by the hub"),
    ({"colour": "red"}, "no field"),
])
def test_refused_updates_write_nothing(store, changes, why):
    case_id = uid()
    pulled_case(store, case_id)
    with pytest.raises(EditRefused, match=why):
        edits.update_record(store, "case", case_id, changes)
    assert edits.pending_for(store, case_id) == [] and edits.pending_count(store) == 0


def test_pulled_department_data_and_unknown_records_cannot_be_edited(store):
    with pytest.raises(EditRefused):
        edits.create_record(store, "person", {"name": "张三"}, user="li_hui")
    with pytest.raises(EditRefused, match="No such record"):
        edits.update_record(store, "case", uid(), {"status": "closed"})


def test_a_pull_never_overwrites_or_drops_a_pending_edit(store):
    case_id = uid()
    pulled_case(store, case_id, version=1, cursor=10)
    edits.update_record(store, "case", case_id, {"status": "closed"}, user="li_hui")
    # Someone else changed the summary meanwhile; the pull brings it.
    newer = case_data(summary="别人改的概况")
    store.apply_page([upsert("case", case_id, 2, newer, 11)], 11, 1)
    shown = cases.case(store, case_id)
    assert (shown.status, shown.summary, shown.pending, shown.version) == ("closed", "别人改的概况", True, 2)
    assert held_row(store, case_id)[0] == 2  # the pulled row is the hub's, exactly
    # A repair (drop a kind and refetch) and a scope reset keep local work too.
    store.drop_kind("case")
    store.reset()
    assert len(edits.pending_for(store, case_id)) == 1 and edits.pending_count(store) == 1


def test_a_new_case_exists_only_in_the_outbox_until_pulled(store):
    holdings = store.holdings()
    data = {k: v for k, v in case_data().items() if k not in ("created_by", "created_at")}
    case_id = edits.create_record(store, "case", data, user="li_hui")
    assert store.holdings() == holdings
    (entry,) = edits.pending_for(store, case_id)
    assert entry.action == "create" and entry.base_version is None and "created_by" not in entry.data
    shown = cases.case(store, case_id)
    assert (shown.created_by, shown.pending, shown.version) == ("li_hui", True, None)
    assert shown.household_id == HOUSEHOLD
    # Edited before it ever reached the hub: the update rides behind the create.
    edits.update_record(store, "case", case_id, {"priority": "urgent"})
    assert cases.case(store, case_id).priority == "urgent"


def test_an_applied_op_stays_laid_over_until_the_pull_passes_its_seq(store):
    case_id = uid()
    pulled_case(store, case_id, version=1, cursor=10)
    op_id = edits.update_record(store, "case", case_id, {"status": "closed"})
    (entry,) = outbox.batch(store, 200)
    with store._write() as conn:
        outbox.settle(conn, [(entry, {"op_id": op_id, "status": "applied", "version": 2, "seq": 15})])
    assert edits.pending_count(store) == 0 and outbox.batch(store, 200) == []
    shown = cases.case(store, case_id)
    assert (shown.status, shown.pending) == ("closed", False)  # still what the user saved
    assert outbox.prune(store) == 0
    store.apply_page([upsert("case", case_id, 2, case_data(status="closed"), 15)], 15, 1)
    assert outbox.prune(store) == 1 and edits.pending_for(store, case_id) == []
    assert cases.case(store, case_id).status == "closed"


def test_a_conflict_answer_shows_both_values_until_the_pull_brings_the_hubs_record(store):
    case_id = uid()
    pulled_case(store, case_id, version=1, cursor=10)
    op_id = edits.update_record(store, "case", case_id, {"status": "closed", "priority": "high"}, user="me")
    (entry,) = outbox.batch(store, 200)
    conflict = {"field": "status", "base": "open", "theirs": "on_hold", "mine": "closed", "by": "li_hui",
                "at": "2026-12-01T09:00:00+00:00"}
    with store._write() as conn:
        outbox.settle(conn, [(entry, {"op_id": op_id, "status": "conflict", "version": 3, "seq": 20,
                                      "conflicts": [conflict]})])
    shown = cases.case(store, case_id)
    assert (shown.status, shown.priority, shown.pending) == ("on_hold", "high", False)
    (kept,) = shown.conflicts
    assert (kept.theirs, kept.mine, kept.by, kept.mine_by) == ("on_hold", "closed", "li_hui", "me")
    # Resolving it is an ordinary edit; the conflict is gone from view at once.
    edits.update_record(store, "case", case_id, {"status": "closed"}, resolves=["status"])
    (resolution,) = outbox.batch(store, 200)
    assert resolution.changes == {"status": {"from": "on_hold", "to": "closed"}}
    assert resolution.resolves == ("status",)
    assert cases.case(store, case_id).conflicts == ()


def test_a_rejected_op_is_kept_visible_with_its_reason_until_discarded(store):
    case_id = uid()
    pulled_case(store, case_id)
    op_id = edits.update_record(store, "case", case_id, {"assigned_to": "nobody_here"})
    (entry,) = outbox.batch(store, 200)
    error = {"code": "unknown_user", "message": "没有这个用户 no such user"}
    with store._write() as conn:
        outbox.settle(conn, [(entry, {"op_id": op_id, "status": "rejected", "error": error})])
    assert outbox.prune(store) == 0 and edits.pending_count(store) == 0
    (refused,) = edits.rejected(store)
    assert refused.op_id == op_id and refused.error == error
    shown = cases.case(store, case_id)
    assert shown.assigned_to == "li_hui" and shown.rejected == (error["message"],)
    assert edits.discard(store, op_id) and edits.rejected(store) == []


def test_audit_events_go_up_but_are_not_counted_as_edits(store):
    household = HOUSEHOLD
    edits.record_audit(store, "household_opened", household_id=household, record_id=household,
                       record_kind="household", offline=True)
    assert edits.pending_count(store) == 0 and edits.pending_count(store, audit=True) == 1
    (entry,) = outbox.batch(store, 200)
    assert entry.kind == "audit_event" and entry.data["offline"] is True and entry.action == "append"
    with store._write() as conn:  # hub-only: never served back down, so it leaves when applied
        outbox.settle(conn, [(entry, {"op_id": entry.op_id, "status": "applied", "version": 1, "seq": 30})])
    assert edits.pending_count(store, audit=True) == 0 and outbox.batch(store, 200) == []
    with pytest.raises(EditRefused):  # an opened household must say which
        edits.record_audit(store, "household_opened", offline=False)
