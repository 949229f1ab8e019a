"""Casework in the main window, over a cache synced from a real hub: the household's cases, a new
case by keyboard, "我的个案", one audit event per household opening (offline too), the real
pending count, and what closing says about edits not yet pushed."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from casework.cache import edits
from casework.ui import i18n
from casework.ui.case_service import NewCase
from casework.ui.conflict_panel import Choice
from casework.ui.main_window import MainWindow
from casework.ui.navigation import Place, PlaceKind
from tests.ui.case_fixtures import type_chinese

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, tasks, synced_services, settings, running_hub):
    settings.auto_sync_minutes = 0
    settings.offline_retry_seconds = 0
    shown = MainWindow(tasks, synced_services, settings, synced_services.signed_in())
    shown.casework.ask_before_close = False  # pytest-qt closes the window: nobody would answer
    qtbot.addWidget(shown)
    shown.show()
    with qtbot.waitActive(shown):
        shown.activateWindow()
    yield shown
    if i18n.current_language() != "zh":
        shown.set_language("zh")


def audit_events(services):
    store = services.cache_store()
    return edits.pending_count(store, audit=True) - edits.pending_count(store)


def households(services, count):
    found = []
    for hit in services.search("陈", 50):
        if hit.household_id not in found:
            found.append(hit.household_id)
    return found[:count]


def open_household(qtbot, window, household_id):
    with (qtbot.wait_signal(window.casework.cases_panel.model.modelReset, timeout=10_000),
          qtbot.wait_signal(window.place_shown, timeout=10_000)):
        window.open_place(Place(PlaceKind.HOUSEHOLD, household_id))


def test_each_opening_of_a_household_is_audited_once_and_redraws_are_not(qtbot, window, synced_services):
    first, second = households(synced_services, 2)
    before = audit_events(synced_services)
    open_household(qtbot, window, first)
    qtbot.waitUntil(lambda: audit_events(synced_services) == before + 1, timeout=5_000)
    window.set_language("en")  # redraws the household on screen
    window.set_language("zh")
    open_household(qtbot, window, first)  # the same household again, from search: still on screen
    open_household(qtbot, window, second)
    with qtbot.wait_signal(window.place_shown, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # back to the first
    qtbot.waitUntil(lambda: audit_events(synced_services) == before + 3, timeout=5_000)
    qtbot.wait(200)
    assert audit_events(synced_services) == before + 3


def test_an_opening_while_offline_is_audited_as_offline(qtbot, window, synced_services, running_hub):
    household = households(synced_services, 3)[2]
    running_hub.stop()
    with qtbot.wait_signal(window.sync.synced, timeout=20_000):
        window.sync.sync_now()
    assert not window.status.online
    before = audit_events(synced_services)
    open_household(qtbot, window, household)
    qtbot.waitUntil(lambda: audit_events(synced_services) == before + 1, timeout=5_000)
    with synced_services.cache_store().read() as conn:
        payload = conn.exec_driver_sql("SELECT payload FROM outbox WHERE kind = 'audit_event' "
                                       "ORDER BY seq DESC LIMIT 1").scalar_one()
    assert '"household_opened"' in payload and f'"{household}"' in payload and '"offline":true' in payload


def test_a_new_case_by_keyboard_opens_its_page_lists_under_the_household_and_counts_as_pending(
        qtbot, window, synced_services):
    household = households(synced_services, 1)[0]
    open_household(qtbot, window, household)
    pending = window.status.pending
    cases_before = window.casework.cases_panel.model.rowCount()
    window.casework.cases_panel.table.setFocus()
    qtbot.keyClick(window.casework.cases_panel.table, Qt.Key.Key_N,
                   CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.casework.new_case_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.category.hasFocus, timeout=5_000)
    qtbot.keyClick(dialog.category, Qt.Key.Key_Down)  # 残疾人服务 → 社会救助
    dialog.summary.setFocus()
    type_chinese(dialog.summary, "低保复核，需入户核实收入")
    with qtbot.wait_signal(window.place_shown, timeout=10_000,
                           check_params_cb=lambda place: place.kind is PlaceKind.CASE) as shown:
        qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, CTRL)
    page = window.casework.case_page
    assert window.place_stack.currentWidget() is page
    assert page.detail.case.id == shown.args[0].id
    assert (page.detail.case.category, page.detail.case.assigned_to, page.detail.case.pending) == \
        ("assistance", synced_services.signed_in().username, True)
    # keyboard first: the page opens on its first field (offscreen, no window is active again
    # after a dialog closes, so ask the window what has its focus)
    assert window.focusWidget() is page.status
    qtbot.waitUntil(lambda: window.status.pending == pending + 1, timeout=5_000)
    assert str(pending + 1) in window.status.pending_label.text()

    with qtbot.waitActive(window):  # as the desktop does when a dialog closes
        window.activateWindow()
    with qtbot.wait_signal(window.casework.cases_panel.model.modelReset, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    model = window.casework.cases_panel.model
    assert model.rowCount() == cases_before + 1
    row = model.row_of(shown.args[0].id)
    assert "待上传" in model.index(row, model.columnCount() - 1).data()


def test_my_cases_lists_my_open_cases_and_enter_opens_one(qtbot, window, synced_services):
    household = households(synced_services, 1)[0]
    service = window.casework.service
    me = synced_services.signed_in().username
    service.create_case(NewCase(household, "elderly", "urgent", me, "独居老人，每周电话"))
    service.create_case(NewCase(household, "elderly", "normal", "someone_else", "不是我的"))
    with qtbot.wait_signal(window.casework.my_cases.loaded, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_M, CTRL)
    model = window.casework.my_cases.model
    summaries = [model.case(r).summary for r in range(model.rowCount())]
    assert "独居老人，每周电话" in summaries and "不是我的" not in summaries
    assert all(model.case(r).assigned_to == me and model.case(r).is_open for r in range(model.rowCount()))
    table = window.casework.my_cases.table
    assert table.hasFocus()
    table.selectRow(summaries.index("独居老人，每周电话"))
    with qtbot.wait_signal(window.place_shown, timeout=10_000,
                           check_params_cb=lambda place: place.kind is PlaceKind.CASE):
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.casework.case_page.detail.case.summary == "独居老人，每周电话"


def test_closing_with_pending_edits_says_how_many_and_may_stay(qtbot, window, synced_services):
    household = households(synced_services, 1)[0]
    window.casework.service.create_case(NewCase(household, "other", "normal", "x"))
    window.casework.ask_before_close = True
    window.casework.refresh_pending()
    qtbot.waitUntil(lambda: window.status.pending > 0, timeout=5_000)
    pending = window.status.pending
    seen = []

    def answer(button_text):
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, lambda: answer(button_text))
            return
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, lambda: answer("返回"))
    assert not window.close()
    assert window.isVisible()
    assert f"{pending} 条修改尚未上传" in seen[0] and "已安全保存在本机" in seen[0]
    QTimer.singleShot(0, lambda: answer("关闭"))
    assert window.close()
    assert len(seen) == 2


def test_a_conflict_made_by_a_real_push_is_shown_side_by_side_and_the_choice_reaches_the_hub(
        qtbot, window, synced_services, running_hub):
    """The supervisor changes a case's summary at the hub while the worker, from the same value,
    types another and saves (Ctrl+S); F5 pushes: the hub keeps both, the page shows both. The
    worker keeps theirs; F5 again: the hub's record has no conflict left."""
    from casework.demo.casework_seed import SUPERVISOR, record_data, supervisor_edit
    from casework.hub.users import add_user
    from tests.ui.app_hub import FAST_AUTH, STREET

    if not _supervisor_exists(running_hub):
        add_user(running_hub.engine, SUPERVISOR, "zhuguan-demo", "supervisor", [STREET], "internal",
                 settings=FAST_AUTH, published_password=True)
    household = households(synced_services, 1)[0]
    created = window.casework.service.create_case(NewCase(household, "assistance", "normal",
                                                          synced_services.signed_in().username, "低保复核"))
    case_id = created.created_id
    with qtbot.wait_signal(window.sync.synced, timeout=30_000):
        window.sync.sync_now()  # the case goes up
    supervisor_edit(running_hub.db_url, case_id, "summary", "低保复核（主管：先核实收入）")

    page = window.casework.case_page
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        window.casework.open_case(case_id)
    page.summary.setFocus()
    qtbot.keyClick(page.summary, Qt.Key.Key_End, CTRL)
    type_chinese(page.summary, "（社工：已入户）")
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.summary, Qt.Key.Key_S, CTRL)
    with qtbot.wait_signal(window.sync.synced, timeout=30_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(page.conflicts.isVisible, timeout=10_000)
    mine = page.conflicts.findChild(QLabel, "conflict_mine").text()
    theirs = page.conflicts.findChild(QLabel, "conflict_theirs").text()
    assert mine.startswith("低保复核（社工：已入户）") and theirs.startswith("低保复核（主管：先核实收入）")
    assert SUPERVISOR in theirs
    assert record_data(running_hub.engine, case_id)["conflicts"], "the hub keeps the conflict too"

    with qtbot.wait_signal(page.loaded, timeout=10_000):
        page.conflicts.button("summary", Choice.THEIRS).click()
    assert not page.conflicts.isVisible() and page.detail.case.pending
    with qtbot.wait_signal(window.sync.synced, timeout=30_000):
        window.sync.sync_now()
    qtbot.waitUntil(lambda: not page.detail.case.pending, timeout=10_000)
    hub_record = record_data(running_hub.engine, case_id)
    assert hub_record["summary"] == "低保复核（主管：先核实收入）" and not hub_record["conflicts"]
    assert page.summary.toPlainText() == "低保复核（主管：先核实收入）"


def _supervisor_exists(hub):
    from sqlalchemy import select

    from casework.hub.schema import HubUser

    with hub.engine.connect() as conn:
        return conn.execute(select(HubUser.id).where(HubUser.username == "zhuguan")).first() is not None
