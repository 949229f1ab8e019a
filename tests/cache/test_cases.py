"""Casework queries: a household's cases (open first), a case's notes (newest first, unsent ones
marked), a worker's open cases with local reassignments — through their indexes."""

from __future__ import annotations

from casework.cache import cases, edits
from tests.cache.casework_rows import HOUSEHOLD, OTHER_HOUSEHOLD, case_data, pulled_case, uid, upsert


def _note(case_id: str, written_at: str, text: str) -> dict:
    return {"case_id": case_id, "household_id": HOUSEHOLD, "written_at": written_at, "channel": "visit",
            "text": text, "offline": False, "created_by": "li_hui", "created_at": written_at}


def test_a_households_cases_come_open_first_then_by_urgency(store):
    closed, normal, urgent, elsewhere = uid(), uid(), uid(), uid()
    pulled_case(store, closed, status="closed", priority="urgent", cursor=1)
    pulled_case(store, normal, cursor=2)
    pulled_case(store, elsewhere, household_id=OTHER_HOUSEHOLD, cursor=3)
    local = edits.create_record(store, "case", {**_new_case(), "priority": "urgent"}, user="li_hui")
    edits.update_record(store, "case", normal, {"status": "on_hold"})
    pulled_case(store, urgent, priority="urgent", cursor=4)
    found = cases.cases_of_household(store, HOUSEHOLD)
    # both open and urgent: the newer first (the local one was created just now)
    assert [c.id for c in found] == [local, urgent, normal, closed]
    assert [c.status for c in found] == ["open", "open", "on_hold", "closed"]
    assert {c.id: c.pending for c in found} == {urgent: False, local: True, normal: True, closed: False}
    assert cases.cases_of_household(store, OTHER_HOUSEHOLD)[0].id == elsewhere


def _new_case() -> dict:
    return {k: v for k, v in case_data().items() if k not in ("created_by", "created_at")}


def test_notes_come_newest_first_with_the_unsent_ones_marked(store):
    case_id = uid()
    pulled_case(store, case_id, cursor=1)
    old, newer = uid(), uid()
    store.apply_page([
        upsert("case_note", old, 1, _note(case_id, "2026-11-02T09:00:00+00:00", "第一次走访"), 2),
        upsert("case_note", newer, 1, _note(case_id, "2026-11-20T09:00:00+00:00", "电话回访"), 3),
        upsert("case_note", uid(), 1, _note(uid(), "2026-11-21T09:00:00+00:00", "别的个案"), 4)], 4, 1)
    mine = edits.create_record(store, "case_note", {"case_id": case_id, "channel": "phone", "text": "刚写的",
                                                    "offline": True}, user="me")
    found = cases.notes_of_case(store, case_id)
    assert [n.id for n in found] == [mine, newer, old]
    assert [n.pending for n in found] == [True, False, False]
    assert found[0].household_id == HOUSEHOLD  # taken from the case
    assert found[0].author == "me" and found[0].offline


def test_my_open_cases_follow_local_reassignments(store):
    mine, given_away, closed = uid(), uid(), uid()
    pulled_case(store, mine, assigned_to="me", cursor=1)
    pulled_case(store, given_away, assigned_to="me", cursor=2)
    pulled_case(store, closed, assigned_to="me", status="closed", cursor=3)
    taken = uid()
    pulled_case(store, taken, assigned_to="li_hui", cursor=4)
    edits.update_record(store, "case", given_away, {"assigned_to": "li_hui"})
    edits.update_record(store, "case", taken, {"assigned_to": "me", "priority": "high"})
    assert [c.id for c in cases.open_cases_of(store, "me")] == [taken, mine]
    assert given_away in {c.id for c in cases.open_cases_of(store, "li_hui")}


def test_the_queries_use_their_indexes(store):
    with store.read() as conn:
        for sql, index in ((cases._CASES_OF_HOUSEHOLD, "ix_case_household"),
                           (cases._CASES_OF_USER, "ix_case_assigned"),
                           (cases._NOTES_OF_CASE, "ix_note_case")):
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, ("x",)))
            assert f"USING INDEX {index}" in plan, plan
