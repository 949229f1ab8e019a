"""Locking by hand and after idle time, waiting out wrong passwords with a countdown, and the
idle time's bounds (issue 10, point 9)."""

import pytest
from PySide6.QtCore import Qt

from casework.ui.idle_lock import idle_minutes
from casework.ui.main_window import MainWindow
from casework.ui.settings_dialog import SettingsDialog
from tests.ui.app_hub import PASSWORD

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, tasks, synced_services, settings):
    settings.auto_sync_minutes = 0
    settings.offline_retry_seconds = 0
    shown = MainWindow(tasks, synced_services, settings, synced_services.signed_in())
    qtbot.addWidget(shown)
    shown.show()
    return shown


def wrong(qtbot, page):
    page.password_field.setText("not-the-password")
    qtbot.keyClick(page.password_field, Qt.Key.Key_Return)


def test_ctrl_l_says_it_was_locked_by_hand_and_clears_old_notices(qtbot, window):
    window.notice.show_notice("an old notice", "warning")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked
    assert window.lock_page.explain.text() == "窗口已锁定（Ctrl+L）。请输入密码继续。"
    assert not window.notice.isVisible()
    window.unlock()
    window.lock()  # what the idle timer calls
    assert window.lock_page.explain.text().startswith("长时间未操作")


def test_wrong_passwords_count_down_to_the_next_try_then_the_right_one_unlocks(qtbot, window):
    window.lock()
    page = window.lock_page
    wrong(qtbot, page)
    qtbot.waitUntil(lambda: page.message.text() == "密码错误。", timeout=10_000)
    wrong(qtbot, page)  # the second failure makes the next try wait a second
    qtbot.waitUntil(lambda: page.message.text().startswith("密码错误。请 "), timeout=10_000)
    assert page.message.text() == "密码错误。请 1 秒后再试。"
    assert not page.password_field.isEnabled() and not page.unlock_button.isEnabled()
    qtbot.waitUntil(lambda: page.password_field.isEnabled(), timeout=5_000)
    assert page.message.text() == "密码错误。现在可以再试。"
    page.password_field.setText(PASSWORD)
    with qtbot.wait_signal(window.locked_changed, timeout=20_000) as blocker:
        qtbot.keyClick(page.password_field, Qt.Key.Key_Return)
    assert blocker.args == [False]


def test_idle_time_is_at_least_a_minute_and_at_most_the_hubs_policy(qtbot, settings):
    assert [idle_minutes(chosen, 30) for chosen in (0, -5, 1, 10, 30, 240)] == [30, 30, 1, 10, 30, 30]
    settings.idle_lock_minutes = 0  # "never", from an older version
    dialog = SettingsDialog(settings, idle_max=20)
    qtbot.addWidget(dialog)
    assert (dialog.idle_minutes.minimum(), dialog.idle_minutes.maximum()) == (1, 20)
    assert dialog.idle_minutes.value() == 20
    assert "1–20" in dialog.idle_label.text()


def test_the_hub_states_its_idle_policy_at_sign_in(synced_services):
    assert synced_services.signed_in().idle_lock_max_minutes == 30
