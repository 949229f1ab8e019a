"""The record-kind declarations are consistent: every reader can rely on what they say."""

from __future__ import annotations

import pytest

from casework.domain.kinds_casework import CONFLICTS_FIELD
from casework.domain.records import Kind
from casework.domain.registry import SELF, FieldType, Sync, UnknownKind, all_kinds, code_label, spec
from casework.domain.service_data import plan_from, schedule_data

KINDS = all_kinds()


def test_every_kind_of_the_enum_is_declared_once():
    assert sorted(k.name for k in KINDS) == sorted(k.value for k in Kind)


def test_an_unknown_kind_is_refused_by_name():
    with pytest.raises(UnknownKind, match="no_such_kind"):
        spec("no_such_kind")


@pytest.mark.parametrize("declared", KINDS, ids=lambda k: k.name)
def test_links_and_levels_name_declared_fields(declared):
    names = declared.field_names
    for path in (declared.links.household, declared.links.subject, declared.links.points_to,
                 *declared.links.persons, declared.area_from):
        if path and path != SELF:
            assert path.split(".")[0] in names, path
    for field in declared.fields:
        if field.level_field:
            assert field.level_field in names
        assert (field.type in (FieldType.CODE, FieldType.CODES)) == bool(field.codes), field.name


@pytest.mark.parametrize("declared", KINDS, ids=lambda k: k.name)
def test_what_clients_write_has_writers_and_a_place(declared):
    if declared.sync is Sync.PULLED:
        assert not declared.writers  # department data is reported, never edited
        return
    assert declared.writers
    if declared.sync is not Sync.HUB_ONLY:
        assert declared.area_from, "a record made by a client is filed where its parent lies"


@pytest.mark.parametrize("declared", [k for k in KINDS if k.sync is Sync.EDITABLE], ids=lambda k: k.name)
def test_editable_kinds_keep_conflicts_as_sensitive_as_their_fields(declared):
    conflicts = declared.field(CONFLICTS_FIELD)
    assert conflicts is not None and conflicts.hub_set
    assert conflicts.level >= max(f.level for f in declared.fields if f.name != CONFLICTS_FIELD)


def test_code_labels_come_in_both_languages():
    assert code_label("case", "status", "on_hold") == "暂停"
    assert code_label("case", "status", "on_hold", "en") == "On hold"
    assert code_label("case", "status", "unheard_of") == "unheard_of"


def test_a_stored_plan_reads_back_as_the_schedule_it_was_written_from():
    plan = plan_from({"service_type": "medication", "schedules": [
        {"frequency": "every_n_days", "effective_from": "2026-03-01", "every_days": 14},
        {"frequency": "monthly", "effective_from": "2026-01-31"}]})
    assert [s.effective_from.isoformat() for s in plan.schedules] == ["2026-01-31", "2026-03-01"]
    assert schedule_data(plan.schedules[1]) == {
        "frequency": "every_n_days", "effective_from": "2026-03-01", "every_days": 14}
