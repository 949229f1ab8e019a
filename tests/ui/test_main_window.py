"""The main window around a synced cache: locking, keyboard access, language, navigation."""

import pytest
from PySide6.QtCore import Qt

from casework.ui import i18n
from casework.ui.main_window import MainWindow
from casework.ui.navigation import Place, PlaceKind
from tests.ui.app_hub import PASSWORD

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, tasks, synced_services, settings):
    settings.auto_sync_minutes = 0
    settings.offline_retry_seconds = 0
    shown = MainWindow(tasks, synced_services, settings, synced_services.signed_in())
    qtbot.addWidget(shown)
    shown.show()
    with qtbot.waitActive(shown):
        shown.activateWindow()
    yield shown
    if i18n.current_language() != "zh":
        shown.set_language("zh")


def test_ctrl_l_locks_and_only_the_right_password_unlocks(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked
    assert not window.work_area.isVisible(), "no personal data on screen while locked"
    assert not window.menuBar().isEnabled()
    page = window.lock_page
    qtbot.keyClicks(page.password_field, "not-the-password")
    qtbot.keyClick(page.password_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.message.text() == "密码错误。", timeout=10_000)
    assert window.is_locked
    page.password_field.clear()
    qtbot.keyClicks(page.password_field, PASSWORD)
    with qtbot.wait_signal(window.locked_changed, timeout=20_000) as blocker:
        qtbot.keyClick(page.password_field, Qt.Key.Key_Return)
    assert blocker.args == [False]
    assert window.work_area.isVisible()


def test_idle_time_locks_the_window_by_itself(qtbot, window):
    window.idle.set_check_interval(10)
    with qtbot.wait_signal(window.locked_changed, timeout=5_000) as blocker:
        window.idle.set_minutes(0.002)  # 120 ms
    assert blocker.args == [True]
    assert window.is_locked


def test_every_menu_action_has_a_shortcut_or_a_mnemonic_shown(window):
    menus = [action.menu() for action in window.menuBar().actions()]
    assert [m.objectName() for m in menus] == ["menu_file", "menu_go", "menu_language", "menu_help"]
    for menu in menus:
        assert "&" in menu.title(), menu.title()
        for action in menu.actions():
            if action.isSeparator():
                continue
            assert not action.shortcut().isEmpty() or "&" in action.text() or action.isCheckable(), \
                action.text()
    assert window.actions_.sync.shortcut().toString() == "F5"
    assert window.actions_.find.shortcut().toString() == "Ctrl+F"
    assert window.actions_.back.shortcut().toString() == "Alt+Left"


def test_choosing_english_retranslates_the_window_and_chinese_brings_it_back(qtbot, window):
    window.actions_.languages["en"].trigger()
    assert window.actions_.menus["file"].title() == "&File"
    assert window.search.field.placeholderText().startswith("Search:")
    assert window.status.user_label.text().endswith("Street social worker")
    assert window.settings.language == "en"
    window.actions_.languages["zh"].trigger()
    assert window.actions_.menus["file"].title() == "文件(&F)"
    assert window.settings.language == "zh"


def test_back_and_forward_are_enabled_only_when_there_is_somewhere_to_go(qtbot, window, synced_services):
    hits = synced_services.search("陈", 10)
    first, second = hits[0], next(h for h in hits if h.household_id != hits[0].household_id)
    assert not window.actions_.back.isEnabled()
    for hit in (first, second):
        with qtbot.wait_signal(window.place_shown, timeout=5_000):
            window.open_place(Place(PlaceKind.HOUSEHOLD, hit.household_id, hit.person_id))
    assert window.actions_.back.isEnabled() and not window.actions_.forward.isEnabled()
    with qtbot.wait_signal(window.place_shown, timeout=5_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert blocker.args[0].id == first.household_id
    assert window.household_page.selected_person() == first.person_id
    assert window.actions_.forward.isEnabled()


def test_a_record_outside_the_cache_is_explained_not_an_error(qtbot, window):
    window.open_place(Place(PlaceKind.HOUSEHOLD, "00000000-0000-4000-8000-000000000000"))
    qtbot.waitUntil(window.notice.isVisible, timeout=5_000)
    assert "本机缓存中没有此记录" in window.notice.text.text()


def test_tab_moves_from_the_search_box_to_the_results(qtbot, window):
    window.focus_search()
    assert window.search.field.hasFocus()
    qtbot.keyClick(window.search.field, Qt.Key.Key_Tab)
    assert window.search.table.hasFocus()


def test_tab_walks_an_open_household_from_top_to_bottom(qtbot, window, synced_services):
    hit = synced_services.search("陈", 5)[0]
    with qtbot.wait_signal(window.place_shown, timeout=5_000):
        window.open_place(Place(PlaceKind.HOUSEHOLD, hit.household_id, hit.person_id))
    window.search.table.setFocus()
    order = []
    for _ in window.household_page.focus_chain:
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        order.append(window.focusWidget())
    assert order == window.household_page.focus_chain
    assert window.household_page.focus_chain[-2:] == [window.household_page.members,
                                                      window.household_page.sections_scroll]


def test_the_title_names_the_user_and_role_and_leaves_the_app_name_to_qt(window, qapp):
    title = window.windowTitle()
    assert window.signed_in.display_name in title and "街道社工" in title
    assert qapp.applicationDisplayName() not in title
