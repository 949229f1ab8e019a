"""Sync that runs by itself: periodically while online, and a quiet retry while offline that
notices when the hub is back."""

import pytest

from casework.ui.status_bar import CaseworkStatusBar
from casework.ui.sync_controller import SyncController

pytestmark = pytest.mark.gui


@pytest.fixture
def controller(qtbot, tasks, synced_services):
    status = CaseworkStatusBar()
    qtbot.addWidget(status)
    made = SyncController(tasks, synced_services, status, auto_minutes=0, offline_retry_seconds=0)
    yield made
    made.stop()


def test_while_online_sync_runs_by_itself_at_the_interval(qtbot, controller, running_hub):
    outcomes = []
    controller.synced.connect(outcomes.append)
    controller._status.set_online(True)
    controller.set_intervals(auto_minutes=0.005, offline_retry_seconds=0)  # every 300 ms
    qtbot.waitUntil(lambda: len(outcomes) >= 2, timeout=15_000)
    assert all(o.online for o in outcomes)


def test_offline_it_retries_quietly_and_goes_online_when_the_hub_returns(qtbot, controller, running_hub):
    outcomes = []
    controller.synced.connect(outcomes.append)
    running_hub.stop()
    with qtbot.wait_signal(controller.synced, timeout=15_000):
        assert controller.sync_now()
    assert outcomes[-1].online is False
    assert controller._status.connection_label.text().startswith("○ 离线")
    controller.set_intervals(auto_minutes=0, offline_retry_seconds=0.3)
    qtbot.waitUntil(lambda: len(outcomes) >= 2, timeout=15_000)
    assert outcomes[-1].online is False, "still offline: the hub is down"
    running_hub.start()
    qtbot.waitUntil(lambda: outcomes[-1].online, timeout=15_000)
    assert controller._status.connection_label.text().startswith("● 在线")


def test_a_second_request_while_syncing_is_ignored(qtbot, controller, running_hub):
    with qtbot.wait_signal(controller.synced, timeout=15_000):
        assert controller.sync_now()
        assert not controller.sync_now()
