"""The casework item models over rows from a real cache: Qt's model tester, open cases first,
the pending and conflict marks, notes newest first, English labels from the declarations."""

import pytest
from PySide6.QtCore import Qt

from casework.ui import i18n
from casework.ui.case_models import CasesModel, MyCasesModel, NotesModel
from casework.ui.case_service import CaseService, NewCase
from tests.ui.case_fixtures import HOUSEHOLD, ME, LocalCases, case_data, conflict, note_data, uid

pytestmark = pytest.mark.gui


@pytest.fixture
def service(tmp_path):
    local = LocalCases(tmp_path)
    closed, conflicted = uid(), uid()
    local.pull("case", closed, 2, case_data(status="closed", summary="已结案"))
    raised = conflict("priority", "normal", "urgent", "high")
    local.pull("case", conflicted, 4, case_data(priority="urgent", summary="冲突中", conflicts=[raised]))
    for n in range(3):
        written = f"2026-11-0{n + 1}T02:00:00+00:00"
        local.pull("case_note", uid(), 1, note_data(conflicted, f"记录{n}", written))
    cases = CaseService(local)
    cases.create_case(NewCase(HOUSEHOLD, "elderly", "normal", ME, "本机新建"))
    yield cases
    local.close()


def text(model, row, key):
    column = [k for k, _ in model.COLUMNS].index(key)
    return model.index(row, column).data()


def test_a_households_cases_open_first_with_their_marks(qtmodeltester, service):
    model = CasesModel()
    model.set_rows(service.cases_of_household(HOUSEHOLD))
    qtmodeltester.check(model)
    assert [model.case(r).summary for r in range(3)] == ["冲突中", "本机新建", "已结案"]
    assert text(model, 0, "marks") == "冲突"
    assert text(model, 0, "priority") == "紧急"
    assert model.index(0, 5).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert text(model, 1, "marks") == "待上传"
    assert text(model, 2, "status") == "已结案"


def test_labels_follow_the_language(qtmodeltester, service, qapp):
    model = MyCasesModel()
    model.set_rows(service.my_open_cases())
    qtmodeltester.check(model)
    assert model.rowCount() == 2, "the closed case is not in my open cases"
    i18n.install_language(qapp, "en")
    try:
        assert text(model, 0, "priority") == "Urgent"
        assert model.headerData(0, Qt.Orientation.Horizontal) == "Category"
    finally:
        i18n.install_language(qapp, "zh")


def test_notes_newest_first(qtmodeltester, service):
    case = next(c for c in service.cases_of_household(HOUSEHOLD) if c.summary == "冲突中")
    detail = service.case(case.id)
    model = NotesModel()
    model.set_rows(detail.notes)
    qtmodeltester.check(model)
    assert [model.note(r).text for r in range(3)] == ["记录2", "记录1", "记录0"]
    assert text(model, 0, "channel") == "入户走访"
