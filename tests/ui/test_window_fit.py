"""The window keeps its size whatever it shows, and opens where it fits (issue 10, points 2, 5)."""

import argparse

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from casework.demo.cli import demo_settings
from casework.ui.main_window import MainWindow
from casework.ui.settings import Settings
from casework.ui.window_fit import place_window

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, tasks, synced_services, settings):
    settings.auto_sync_minutes = 0
    settings.offline_retry_seconds = 0
    shown = MainWindow(tasks, synced_services, settings, synced_services.signed_in())
    qtbot.addWidget(shown)
    shown.show()
    return shown


def screen_area() -> QRect:
    return QGuiApplication.primaryScreen().availableGeometry()


def test_a_long_search_is_elided_and_never_widens_the_window(qtbot, window):
    width = window.width()
    long_text = "没有这个人" * 400
    with qtbot.wait_signal(window.search.results_shown, timeout=10_000):
        window.search.set_text(long_text)
    summary = window.search.summary
    assert summary.text() == f"没有找到“{long_text}”"
    assert summary.shown_text().endswith("…") and len(summary.shown_text()) < 200
    assert summary.toolTip() == summary.text()
    qtbot.wait(50)  # let the layouts settle
    assert window.width() == width
    assert window.minimumSizeHint().width() < 1366
    with qtbot.wait_signal(window.search.model.modelReset, timeout=10_000):
        window.search.set_text("")
    assert window.width() == width


def test_a_saved_window_that_does_not_fit_the_screen_is_not_restored(qtbot):
    area = screen_area()
    big = QMainWindow()
    qtbot.addWidget(big)
    big.setGeometry(area.x(), area.y(), area.width() + 3500, area.height())
    saved = bytes(big.saveGeometry().data())
    tiny = QMainWindow()
    qtbot.addWidget(tiny)
    tiny.setGeometry(area.x() + 10, area.y() + 10, 1051 // 3, 391 // 3)  # an offscreen walk's leftover
    for geometry in (saved, bytes(tiny.saveGeometry().data())):
        fresh = QMainWindow()
        qtbot.addWidget(fresh)
        assert not place_window(fresh, geometry)
        assert area.contains(fresh.geometry())
        assert fresh.width() >= min(area.width(), 1360) - 1


def test_a_saved_window_that_fits_is_restored(qtbot):
    area = screen_area()
    first = QMainWindow()
    qtbot.addWidget(first)
    first.setGeometry(area.x() + 20, area.y() + 40, 700, 600)
    saved = bytes(first.saveGeometry().data())
    again = QMainWindow()
    qtbot.addWidget(again)
    assert place_window(again, saved)
    assert again.width() == 700 and abs(again.height() - 600) <= 30  # the offscreen frame varies


def test_the_main_window_opens_inside_the_screen_whatever_was_saved(qtbot, tasks, synced_services, settings):
    big = QMainWindow()
    qtbot.addWidget(big)
    big.setGeometry(0, 0, 4351, 900)
    settings.window_geometry = bytes(big.saveGeometry().data())
    settings.auto_sync_minutes = 0
    window = MainWindow(tasks, synced_services, settings, synced_services.signed_in())
    qtbot.addWidget(window)
    assert screen_area().contains(window.geometry())


def test_a_screenshot_run_writes_none_of_the_users_settings(casework_home):
    before = Settings()
    before.language = "zh"
    before.sync()
    args = argparse.Namespace(screenshots="shots", lang="en")
    with demo_settings(args, Settings) as settings:
        assert settings.language == "en"
        settings.window_geometry = b"offscreen 1051x391"
        settings.last_username = "shegong"
        settings.sync()
        assert settings.file_path != before.file_path
    after = Settings()
    assert (after.language, after.window_geometry, after.last_username) == ("zh", b"", "")


def test_the_interactive_demo_remembers_its_language(casework_home):
    with demo_settings(argparse.Namespace(screenshots=None, lang="en"), Settings) as settings:
        settings.sync()
    assert Settings().language == "en"
