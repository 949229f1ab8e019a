"""An interrupted first sync never looks complete, and F5 always says what it did (issue 10,
points 1 and 8): a real hub, a real cache, the real window."""

import threading

import pytest
from PySide6.QtCore import Qt

from casework.ui.main_window import MainWindow
from casework.ui.services import CaseworkService
from tests.ui.app_hub import PASSWORD, WORKER

pytestmark = pytest.mark.gui


@pytest.fixture
def cut_short(running_hub, casework_home):
    """A service whose first sync stopped after its first page (as when the hub went away)."""
    services = CaseworkService()
    services.sign_in(running_hub.url, WORKER, PASSWORD)
    stop = threading.Event()

    def progress(step):
        if step.phase == "pull" and step.done > 0:
            stop.set()

    outcome = services.sync(progress=progress, cancel=stop)
    assert outcome.cancelled and not outcome.complete
    yield services, outcome
    services.close()


def test_the_service_knows_how_much_of_a_first_sync_it_holds(cut_short):
    services, outcome = cut_short
    state = services.first_sync_state()
    assert outcome.first_sync == state
    assert 0 < state.held < state.total and 0 < state.percent < 100


def test_the_window_says_the_data_is_partial_until_a_sync_completes(qtbot, tasks, settings, cut_short):
    services, _outcome = cut_short
    settings.auto_sync_minutes = 0
    settings.offline_retry_seconds = 0
    window = MainWindow(tasks, services, settings, services.signed_in())
    qtbot.addWidget(window)
    window.show()
    percent = services.first_sync_state().percent
    status = window.status.connection_label
    qtbot.waitUntil(lambda: f"首次同步未完成：已有 {percent}%" in status.text(), timeout=10_000)
    with qtbot.wait_signal(window.search.results_shown, timeout=10_000):
        window.search.set_text("查无此人")
    assert window.search.summary.text() == "首次同步未完成，本机数据不全：没有找到“查无此人”"

    with qtbot.wait_signal(window.sync.synced, timeout=60_000) as done:
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert done.args[0].complete and done.args[0].changes > 0
    assert "首次同步" not in status.text() and status.text().startswith("● 在线")
    assert window.status.result_label.text() == f"✓ 已同步 {done.args[0].changes} 条更改"
    assert services.first_sync_state() is None
    qtbot.waitUntil(lambda: window.search.summary.text() == "没有找到“查无此人”", timeout=10_000)

    with qtbot.wait_signal(window.sync.synced, timeout=60_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.status.result_label.text() == "✓ 已是最新"
    window.close()
