"""The case page over a real cache: edit and save with Ctrl+S, add a note with Ctrl+N, the
conflict panel and the three ways to settle a conflict — each written as an ordinary edit into
the outbox, and each announced to the other views."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from casework.cache import cases as cache_cases
from casework.cache import edits
from casework.ui.case_ops import CaseOps
from casework.ui.case_page import CasePage
from casework.ui.case_service import CaseService
from casework.ui.changes import ChangeAnnouncer
from casework.ui.conflict_panel import Choice
from tests.ui.case_fixtures import ME, LocalCases, case_data, conflict, note_data, type_chinese, uid

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def cases(tmp_path):
    local = LocalCases(tmp_path)
    yield local
    local.close()


@pytest.fixture
def announced():
    return []


@pytest.fixture
def refusals():
    return []


@pytest.fixture
def page(qtbot, tasks, cases, announced, refusals):
    announcer = ChangeAnnouncer()
    ops = CaseOps(tasks, CaseService(cases), announcer, refused=refusals.append)
    widget = CasePage(ops)
    announcer.operation_did_execute.connect(widget.on_changes)
    announcer.operation_did_execute.connect(lambda changes, _initiator: announced.append(changes))
    qtbot.addWidget(widget)
    widget.resize(900, 760)
    widget.show()
    yield widget
    announcer.deleteLater()


def open_case(qtbot, page, case_id):
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        page.open_case(case_id, ME)


def chips(qtbot, page):
    """The page's badges once drawn (chips made for a shown page appear at the next turn of the
    event loop, old ones go then)."""
    qtbot.wait(10)
    return {label.objectName(): label.text() for label in page.findChildren(QLabel)
            if label.objectName().endswith("_badge") and label.isVisible()}


def test_ctrl_s_saves_the_changed_fields_as_one_edit_with_the_values_seen_as_base(qtbot, page, cases,
                                                                                   announced):
    case_id = uid()
    cases.pull("case", case_id, 1, case_data(summary="低保复核"))
    open_case(qtbot, page, case_id)
    assert not page.save_button.isEnabled(), "nothing to save before an edit"
    page.status.setFocus()
    qtbot.keyClick(page.status, Qt.Key.Key_Down)  # 进行中 → 暂停
    page.summary.setFocus()
    qtbot.keyClick(page.summary, Qt.Key.Key_End, CTRL)
    type_chinese(page.summary, "，已入户")
    assert page.edited_fields() == ["status", "summary"]

    with qtbot.wait_signal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.summary, Qt.Key.Key_S, CTRL)

    row = cache_cases.case(cases.store, case_id)
    assert (row.status, row.summary, row.pending) == ("on_hold", "低保复核，已入户", True)
    [entry] = edits.pending_for(cases.store, case_id)
    assert entry.changes == {"status": {"from": "open", "to": "on_hold"},
                             "summary": {"from": "低保复核", "to": "低保复核，已入户"}}
    assert entry.author == ME
    assert page.status.currentData() == "on_hold"
    assert "pending_badge" in chips(qtbot, page)
    assert announced[-1].case_ids == {case_id} and announced[-1].pending == 1
    assert not page.save_button.isEnabled()


def test_ctrl_n_adds_a_note_at_once_newest_first_marked_offline(qtbot, page, cases):
    case_id = uid()
    cases.pull("case", case_id, 1, case_data())
    cases.pull("case_note", uid(), 1, note_data(case_id, "第一次走访", "2026-11-02T02:00:00+00:00"))
    cases.pull("case_note", uid(), 1, note_data(case_id, "电话回访", "2026-11-09T02:00:00+00:00"))
    open_case(qtbot, page, case_id)
    assert [page.notes_model.note(r).text for r in range(2)] == ["电话回访", "第一次走访"]

    qtbot.keyClick(page.status, Qt.Key.Key_N, CTRL)
    dialog = page.note_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.text.hasFocus, timeout=5_000)  # the text first: type straight away
    dialog.channel.setFocus()
    qtbot.keyClick(dialog.channel, Qt.Key.Key_Down)  # 入户走访 → 电话联系
    dialog.text.setFocus()
    type_chinese(dialog.text, "居民反映药费负担重，约下周复诊后再联系")
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)

    newest = page.notes_model.note(0)
    assert (newest.text, newest.channel, newest.author, newest.offline, newest.pending) == \
        ("居民反映药费负担重，约下周复诊后再联系", "phone", ME, True, True)
    assert page.notes_model.rowCount() == 3
    assert cache_cases.notes_of_case(cases.store, case_id)[0].text == newest.text
    assert edits.pending_count(cases.store) == 1


def test_an_empty_note_is_not_saved(qtbot, page, cases):
    case_id = uid()
    cases.pull("case", case_id, 1, case_data())
    open_case(qtbot, page, case_id)
    page.start_note()
    dialog = page.note_dialog
    qtbot.keyClicks(dialog.text, "   ")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible()
    dialog.reject()
    assert edits.pending_count(cases.store) == 0


def conflicted_case(cases):
    case_id = uid()
    raised = conflict("status", "open", "on_hold", "closed")
    cases.pull("case", case_id, 3, case_data(status="on_hold", conflicts=[raised]))
    return case_id


def test_the_conflict_panel_shows_both_values_who_and_when_and_the_badge(qtbot, page, cases):
    open_case(qtbot, page, conflicted_case(cases))
    panel = page.conflicts
    assert panel.isVisible()
    mine = panel.findChild(QLabel, "conflict_mine").text()
    theirs = panel.findChild(QLabel, "conflict_theirs").text()
    assert mine.startswith("已结案") and "我" in mine
    assert theirs.startswith("暂停") and "li_hui" in theirs
    assert "conflict_badge" in chips(qtbot, page)
    assert page.status.currentData() == "on_hold", "the record shows the value the hub kept"


@pytest.mark.parametrize(("choice", "status"), [(Choice.MINE, "closed"), (Choice.THEIRS, "on_hold")])
def test_choosing_a_side_saves_it_as_an_edit_that_resolves_the_conflict(qtbot, page, cases, choice, status):
    case_id = conflicted_case(cases)
    open_case(qtbot, page, case_id)
    button = page.conflicts.button("status", choice)
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Space)

    [entry] = edits.pending_for(cases.store, case_id)
    assert entry.resolves == ("status",)
    assert entry.changes["status"]["to"] == status
    row = cache_cases.case(cases.store, case_id)
    assert (row.status, row.conflicts, row.pending) == (status, (), True)
    assert not page.conflicts.isVisible()
    assert "conflict_badge" not in chips(qtbot, page) and "pending_badge" in chips(qtbot, page)


def test_edit_puts_my_value_in_the_form_and_ctrl_s_resolves_with_what_was_typed(qtbot, page, cases):
    case_id = conflicted_case(cases)
    open_case(qtbot, page, case_id)
    page.conflicts.button("status", Choice.EDIT).click()
    assert page.status.hasFocus()
    assert page.status.currentData() == "closed", "my value, to start from"
    assert page.conflicts.isVisible(), "both values stay until the choice is saved"
    qtbot.keyClick(page.status, Qt.Key.Key_Up)  # 已结案 → 暂停
    qtbot.keyClick(page.status, Qt.Key.Key_Up)  # → 进行中
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.status, Qt.Key.Key_S, CTRL)
    [entry] = edits.pending_for(cases.store, case_id)
    assert entry.resolves == ("status",)
    assert entry.changes == {"status": {"from": "on_hold", "to": "open"}}
    assert not page.conflicts.isVisible()


def test_a_refused_value_is_told_and_nothing_is_written(qtbot, page, cases, refusals):
    case_id = uid()
    cases.pull("case", case_id, 1, case_data())
    open_case(qtbot, page, case_id)
    page.tags.setText("、".join(f"标签{i}" for i in range(30)))  # more tags than the kind allows
    page.save()
    qtbot.waitUntil(lambda: bool(refusals), timeout=10_000)
    assert edits.pending_count(cases.store) == 0
    assert page.save_button.isEnabled(), "the edit is still in the form, to be corrected"
