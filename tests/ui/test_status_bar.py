import datetime as dt

import pytest

from casework.ui.status_bar import CaseworkStatusBar

pytestmark = pytest.mark.gui


@pytest.fixture
def bar(qtbot):
    widget = CaseworkStatusBar()
    qtbot.addWidget(widget)
    return widget


def test_offline_says_so_with_the_last_sync_time(bar):
    bar.set_online(False)
    bar.set_last_sync(dt.datetime(2026, 3, 4, 9, 41, tzinfo=dt.UTC))
    text = bar.connection_label.text()
    assert text.startswith("○ 离线 — 上次同步 ")
    assert "2026-03-04" in text


def test_offline_before_any_sync_says_never_synced(bar):
    bar.set_online(False)
    assert bar.connection_label.text() == "○ 离线 — 上次同步 从未同步"


def test_online_shows_a_progress_bar_only_while_syncing(bar, qtbot):
    bar.set_online(True)
    assert bar.progress.isHidden()
    bar.sync_started()
    assert not bar.progress.isHidden()
    assert "正在同步" in bar.connection_label.text()
    bar.sync_progress(250, 1000)
    assert (bar.progress.value(), bar.progress.maximum()) == (250, 1000)
    bar.sync_finished()
    assert bar.progress.isHidden()
    assert bar.connection_label.text().startswith("● 在线")


def test_pending_changes_and_the_signed_in_user_and_role_are_shown(bar):
    bar.set_pending(3)
    bar.set_user("李慧", "social_worker")
    assert bar.pending_label.text() == "待上传 3 条"
    assert bar.user_label.text() == "李慧 · 街道社工"
