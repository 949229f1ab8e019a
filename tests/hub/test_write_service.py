"""The hub's one write service (``apply_ops``), on SQLite and PostgreSQL: creating, updating,
field-level merge, conflicts kept with both values and both authors, resolving, append-only
notes, audit events, idempotency by op_id, revisions, and the feed seeing every write."""

from __future__ import annotations

import orjson
import pytest
from sqlalchemy import select

from casework.domain.classification import Level
from casework.hub.feed import read_changes_page
from casework.hub.schema import AppliedOp, AuditEvent, Record, RecordRevision
from casework.hub.summary import read_summary, recount
from casework.hub.write_service import apply_ops
from tests.helpers import scratch_database
from tests.hub.api_helpers import BACKENDS
from tests.hub.district_fixture import DISTRICT, STREET_B, open_hub, viewer
from tests.hub.write_helpers import (
    account,
    audit_data,
    case_data,
    create_op,
    new_id,
    note_data,
    row_counts,
    update_op,
)

WORKER = account(username="li_hui")
OTHER = account(username="wang_fang", device_id="laptop-2")


@pytest.fixture(scope="module", params=BACKENDS)
def hub(request, tmp_path_factory):
    """One district per backend for the module: every test writes cases of its own (new ids)."""
    with scratch_database(request.param, tmp_path_factory.mktemp("writes")) as url:
        engine, district = open_hub(url)
        yield engine, district
        engine.dispose()


@pytest.fixture
def fresh_hub(hub_db_url):
    """A district of its own, for a test that moves households or adds triggers."""
    engine, district = open_hub(hub_db_url)
    yield engine, district
    engine.dispose()


def stored(engine, record_id):
    with engine.connect() as conn:
        row = conn.execute(select(Record.version, Record.department, Record.area, Record.data, Record.seq)
                           .where(Record.id == record_id)).one()
    return row.version, row.department, row.area, orjson.loads(row.data), row.seq


def revisions(engine, record_id):
    with engine.connect() as conn:
        return conn.execute(select(RecordRevision).where(RecordRevision.record_id == record_id)
                            .order_by(RecordRevision.version)).all()


def new_case(engine, district, who=WORKER, household="li", **extra):
    op = create_op("case", case_data(district.households[household], **extra))
    (result,) = apply_ops(engine, who, who.device_id, [op])
    assert result.status == "applied", result
    return op.id, result


def test_a_created_case_is_stored_under_its_households_area_and_line_of_business(hub):
    engine, district = hub
    li = district.households["li"]
    case_id, result = new_case(engine, district)
    assert result.version == 1 and result.seq is not None
    version, department, area, data, seq = stored(engine, case_id)
    assert (version, department, area, seq) == (1, "disability", li.area, result.seq)
    assert data["created_by"] == "li_hui" and data["created_at"].endswith("+00:00")
    (rev,) = revisions(engine, case_id)
    assert (rev.username, rev.device_id, rev.version, rev.action, rev.household_id) == (
        "li_hui", "pc-1", 1, "create", li.household_id)
    assert orjson.loads(rev.changes)["status"] == [None, "open"]


def test_the_feed_and_the_summary_see_a_write_at_once(hub):
    engine, district = hub
    case_id, result = new_case(engine, district)
    who = viewer("social_worker", district.households["li"].area[:9])
    with engine.connect() as conn:
        page = orjson.loads(read_changes_page(conn, who, result.seq - 1, 10))
        assert [(c["id"], c["version"]) for c in page["changes"]] == [(case_id, 1)]
        assert read_summary(conn, who)["kinds"] == recount(conn, who)["kinds"]


def test_two_people_editing_different_fields_both_apply(hub):
    engine, district = hub
    case_id, _ = new_case(engine, district)
    (a,) = apply_ops(engine, WORKER, "pc-1", [update_op(case_id, {"status": ("open", "on_hold")}, 1)])
    (b,) = apply_ops(engine, OTHER, "laptop-2", [update_op(case_id, {"priority": ("normal", "high")}, 1)])
    assert (a.status, a.version, b.status, b.version) == ("applied", 2, "applied", 3)
    version, _, _, data, seq = stored(engine, case_id)
    assert (version, data["status"], data["priority"], seq) == (3, "on_hold", "high", b.seq)
    assert [r.username for r in revisions(engine, case_id)] == ["li_hui", "li_hui", "wang_fang"]


def test_the_same_field_changed_on_both_sides_is_a_conflict_that_keeps_both_and_the_rest_applies(hub):
    engine, district = hub
    case_id, _ = new_case(engine, district)
    (first,) = apply_ops(engine, WORKER, "pc-1", [update_op(case_id, {"status": ("open", "on_hold")}, 1)])
    (second,) = apply_ops(engine, OTHER, "laptop-2", [
        update_op(case_id, {"status": ("open", "closed"), "priority": ("normal", "urgent")}, 1)])
    assert second.status == "conflict" and second.version == first.version + 1
    (conflict,) = second.conflicts
    assert (conflict.field, conflict.base, conflict.theirs, conflict.mine, conflict.by) == (
        "status", "open", "on_hold", "closed", "li_hui")
    assert conflict.at is not None
    _, _, _, data, _ = stored(engine, case_id)
    assert data["status"] == "on_hold" and data["priority"] == "urgent"  # theirs kept, the rest applied
    (kept,) = data["conflicts"]
    assert (kept["mine"], kept["theirs"], kept["by"], kept["mine_by"]) == ("closed", "on_hold", "li_hui",
                                                                           "wang_fang")
    last = revisions(engine, case_id)[-1]
    assert set(orjson.loads(last.changes)) == {"priority", "conflicts"}


def test_resolving_a_conflict_is_an_ordinary_update_that_clears_it(hub):
    engine, district = hub
    case_id, _ = new_case(engine, district)
    apply_ops(engine, WORKER, "pc-1", [update_op(case_id, {"status": ("open", "on_hold")})])
    apply_ops(engine, OTHER, "laptop-2", [update_op(case_id, {"status": ("open", "closed")})])
    (resolved,) = apply_ops(engine, WORKER, "pc-1", [
        update_op(case_id, {"status": ("on_hold", "closed")}, resolves=["status"])])
    assert resolved.status == "applied"
    _, _, _, data, _ = stored(engine, case_id)
    assert data["status"] == "closed" and data["conflicts"] == []


def test_keeping_theirs_resolves_with_no_change_to_the_field(hub):
    engine, district = hub
    case_id, _ = new_case(engine, district)
    apply_ops(engine, WORKER, "pc-1", [update_op(case_id, {"status": ("open", "on_hold")})])
    apply_ops(engine, OTHER, "laptop-2", [update_op(case_id, {"status": ("open", "closed")})])
    op = update_op(case_id, {}, resolves=["status"])
    (result,) = apply_ops(engine, OTHER, "laptop-2", [op])
    version, _, _, data, _ = stored(engine, case_id)
    assert result.status == "applied" and result.version == version == 4
    assert data["status"] == "on_hold" and data["conflicts"] == []


def test_the_same_change_made_on_both_sides_changes_nothing(hub):
    engine, district = hub
    case_id, _ = new_case(engine, district)
    apply_ops(engine, WORKER, "pc-1", [update_op(case_id, {"status": ("open", "closed")})])
    (same,) = apply_ops(engine, OTHER, "laptop-2", [update_op(case_id, {"status": ("open", "closed")})])
    assert (same.status, same.version) == ("applied", 2)


def test_a_case_note_takes_its_department_and_area_from_its_case(hub):
    engine, district = hub
    li = district.households["li"]
    case_id, _ = new_case(engine, district)
    op = create_op("case_note", note_data(case_id, li), action="append")
    (result,) = apply_ops(engine, WORKER, "pc-1", [op])
    assert result.status == "applied"
    _, department, area, data, _ = stored(engine, op.id)
    assert (department, area, data["created_by"]) == ("disability", li.area, "li_hui")


def test_a_note_filed_under_another_household_than_its_case_is_refused(hub):
    engine, district = hub
    case_id, _ = new_case(engine, district)
    op = create_op("case_note", note_data(case_id, district.households["zhang"]), action="append")
    (result,) = apply_ops(engine, WORKER, "pc-1", [op])
    assert (result.status, result.error.code) == ("rejected", "invalid")


def test_a_case_and_its_note_and_an_update_in_one_batch(hub):
    engine, district = hub
    li = district.households["li"]
    create = create_op("case", case_data(li))
    note = create_op("case_note", note_data(create.id, li), action="append")
    update = update_op(create.id, {"status": ("open", "closed")}, 1)
    results = apply_ops(engine, WORKER, "pc-1", [create, note, update])
    assert [r.status for r in results] == ["applied"] * 3
    assert results[0].seq < results[1].seq < results[2].seq
    assert stored(engine, create.id)[0] == 2


def test_an_op_seen_before_returns_its_first_result_and_changes_nothing(hub):
    engine, district = hub
    case_id, _ = new_case(engine, district)
    batch = [update_op(case_id, {"status": ("open", "closed")}),
             update_op(case_id, {"priority": ("normal", "high")})]
    first = apply_ops(engine, WORKER, "pc-1", batch)
    before = row_counts(engine)
    again = apply_ops(engine, WORKER, "pc-1", batch)
    from_other_device = apply_ops(engine, WORKER, "laptop-9", batch)
    assert first == again == from_other_device
    assert row_counts(engine) == before


def test_the_same_op_twice_in_one_batch_applies_once(hub):
    engine, district = hub
    case_id, _ = new_case(engine, district)
    op = update_op(case_id, {"status": ("open", "closed")})
    results = apply_ops(engine, WORKER, "pc-1", [op, op])
    assert results[0] == results[1] and results[0].version == 2
    assert len(revisions(engine, case_id)) == 2


def test_an_op_id_reused_by_another_user_or_for_another_record_is_refused(hub):
    engine, district = hub
    case_id, _ = new_case(engine, district)
    op = update_op(case_id, {"status": ("open", "closed")})
    apply_ops(engine, WORKER, "pc-1", [op])
    before = row_counts(engine)
    (stolen,) = apply_ops(engine, OTHER, "laptop-2", [op])
    other_record = op.model_copy(update={"id": new_id()})
    (reused,) = apply_ops(engine, WORKER, "pc-1", [other_record])
    assert stolen.error.code == reused.error.code == "op_reused"
    assert stolen.version is None  # nothing of the first result is given away
    assert row_counts(engine) == before


def test_a_rejected_op_rolls_back_alone(hub):
    engine, district = hub
    case_id, _ = new_case(engine, district)
    good = update_op(case_id, {"status": ("open", "closed")})
    bad = update_op(case_id, {"status": ("open", "finished")})
    results = apply_ops(engine, WORKER, "pc-1", [bad, good])
    assert [r.status for r in results] == ["rejected", "applied"]
    assert results[0].error.code == "invalid"


def test_audit_events_go_to_the_audit_table_once_with_the_tokens_user_and_device(hub):
    engine, district = hub
    chen = district.households["chen"]  # 人民街: outside the worker's street
    op = create_op("audit_event", audit_data(chen.household_id), action="append")
    records_before = row_counts(engine)["record"]
    assert apply_ops(engine, WORKER, "pc-1", [op])[0].status == "applied"
    assert apply_ops(engine, WORKER, "pc-1", [op])[0].status == "applied"
    with engine.connect() as conn:
        rows = conn.execute(select(AuditEvent).where(AuditEvent.subject == chen.household_id)).all()
    assert [(r.username, r.device_id, r.subject, r.purpose) for r in rows] == [
        ("li_hui", "pc-1", chen.household_id, "入户走访")]
    assert row_counts(engine)["record"] == records_before


def test_applied_ops_are_kept_with_their_results(hub):
    engine, district = hub
    op = create_op("case", case_data(district.households["li"]))
    (result,) = apply_ops(engine, WORKER, "pc-1", [op])
    with engine.connect() as conn:
        row = conn.execute(select(AppliedOp).where(AppliedOp.op_id == op.op_id)).one()
    assert (row.username, row.device_id, row.status) == ("li_hui", "pc-1", "applied")
    assert orjson.loads(row.result)["seq"] == result.seq


def test_a_district_supervisor_writes_anywhere_in_the_district(hub):
    engine, district = hub
    boss = account("supervisor", (DISTRICT,), username="zhu_guan")
    case_id, _ = new_case(engine, district, who=boss, household="liu", category="assistance")
    assert stored(engine, case_id)[1] == "civil_affairs"


def test_a_public_clearance_user_cannot_write_an_internal_field(hub):
    engine, district = hub
    low = account(clearance=Level.PUBLIC, username="intern")
    op = create_op("case", case_data(district.households["li"]))
    (result,) = apply_ops(engine, low, "pc-1", [op])
    assert result.error.code == "above_clearance"
    without = create_op("case", case_data(district.households["li"], summary=None))
    assert apply_ops(engine, low, "pc-1", [without])[0].status == "applied"


def test_a_household_moved_away_takes_its_cases_with_it(fresh_hub):
    engine, district = fresh_hub
    from casework.hub.feed_writer import move_household
    from tests.hub.district_fixture import address

    case_id, _ = new_case(engine, district)
    note = create_op("case_note", note_data(case_id, district.households["li"]), action="append")
    apply_ops(engine, WORKER, "pc-1", [note])
    new_area = STREET_B + "002"
    with engine.begin() as conn:
        move_household(conn, district.households["li"].household_id, new_area, address(new_area, "新家"))
    assert stored(engine, note.id)[1:3] == ("disability", new_area)
    (refused,) = apply_ops(engine, WORKER, "pc-1", [update_op(case_id, {"status": ("open", "closed")})])
    assert refused.error.code == "out_of_scope"


def test_an_op_the_database_refuses_rolls_back_alone_and_the_rest_of_its_round_applies(fresh_hub):
    """A trigger refuses one record (as a constraint would): the round it was written in rolls
    back, its ops are written again one by one, and only that op is refused."""
    from sqlalchemy import text

    engine, district = fresh_hub
    li = district.households["li"]
    doomed = create_op("case", case_data(li))
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text(f"CREATE TRIGGER refuse BEFORE INSERT ON record WHEN NEW.id = '{doomed.id}' "
                              "BEGIN SELECT RAISE(ABORT, 'refused'); END"))
        else:
            conn.execute(text("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                              f"IF NEW.id = '{doomed.id}' THEN RAISE EXCEPTION 'refused' "
                              "USING ERRCODE = 'check_violation'; END IF; RETURN NEW; END $$"))
            conn.execute(text("CREATE TRIGGER refuse BEFORE INSERT ON record FOR EACH ROW "
                              "EXECUTE FUNCTION refuse()"))
    before = create_op("case", case_data(li))
    after = create_op("case", case_data(li))
    note = create_op("case_note", note_data(before.id, li), action="append")
    results = apply_ops(engine, WORKER, "pc-1", [before, doomed, after, note])
    assert [r.status for r in results] == ["applied", "rejected", "applied", "applied"]
    assert results[1].error.code == "invalid"
    assert results[0].seq < results[2].seq < results[3].seq
    for op in (before, after, note):
        assert len(revisions(engine, op.id)) == 1
    assert revisions(engine, doomed.id) == []
    with engine.connect() as conn:
        assert conn.execute(select(AppliedOp).where(AppliedOp.op_id == doomed.op_id)).first() is None


def test_every_kind_a_client_creates_hangs_on_a_declared_kind():
    """A client-made record takes its area from a parent record: that parent's kind must be one
    the registry declares (a new kind whose ``area_from`` names no kind fails here, not in use)."""
    from casework.domain.registry import all_kinds, spec
    from casework.hub.write_rules import parent_kind

    hanging = [k for k in all_kinds() if k.area_from is not None]
    assert hanging
    for declared in hanging:
        assert spec(parent_kind(declared)).name == parent_kind(declared), declared.name
    assert parent_kind(spec("case_note")) == "case" and parent_kind(spec("case")) == "household"
