"""The main window's size and place: restored from the last run only when that still fits a
screen, otherwise a default size that fits the screen it opens on. A laptop at 1366×768, a
projector, or a window saved by an offscreen run must never open off-screen or oversized.
"""

from __future__ import annotations

import struct

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

DEFAULT_SIZE = QSize(1360, 860)
MIN_SAVED_SIZE = QSize(640, 420)  # a smaller saved window is a mistake (a test, a script), not a choice

GEOMETRY_MAGIC = 0x1D9D0CB  # QWidget::saveGeometry's format: magic, major, minor, frame rect, …
HEADER = struct.Struct(">IHH")
RECT = struct.Struct(">iiii")  # left, top, right, bottom


def _screen_for(window: QWidget) -> QScreen | None:
    return window.screen() or QGuiApplication.primaryScreen()


def fits_a_screen(rect: QRect) -> bool:
    """Whether ``rect`` lies inside the available area of one of the screens."""
    return any(screen.availableGeometry().contains(rect) for screen in QGuiApplication.screens())


def saved_frame(saved: bytes) -> QRect | None:
    """The frame rectangle in ``QWidget.saveGeometry()`` data (read before restoring: Qt's own
    restore squeezes a window into the screen, so afterwards every saved size looks fine)."""
    if len(saved) < HEADER.size + RECT.size:
        return None
    magic, major, _minor = HEADER.unpack_from(saved)
    if magic != GEOMETRY_MAGIC or major < 1:
        return None
    left, top, right, bottom = RECT.unpack_from(saved, HEADER.size)
    return QRect(QPoint(left, top), QPoint(right, bottom))


def place_window(window: QWidget, saved: bytes) -> bool:
    """Restore ``saved`` geometry when it fits a screen and is not tiny; else the default size,
    shrunk to the screen. True when the saved geometry was used."""
    rect = saved_frame(saved)
    if (rect is not None and fits_a_screen(rect) and rect.width() >= MIN_SAVED_SIZE.width()
            and rect.height() >= MIN_SAVED_SIZE.height() and window.restoreGeometry(QByteArray(saved))):
        return True
    screen = _screen_for(window)
    size = QSize(DEFAULT_SIZE)
    if screen is not None:
        area = screen.availableGeometry()
        size = size.boundedTo(area.size())
        window.resize(size)
        window.move(area.center() - window.rect().center())
    else:
        window.resize(size)
    return False
