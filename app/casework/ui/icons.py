"""Small icons drawn in code, so they look the same on every platform and need no files or emoji
font (a missing emoji font draws a box, which a user reads as a bug)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPainterPath, QPen, QPixmap

LOCK_COLOUR = QColor("#8a5a00")


def lock_pixmap(size: int = 14, colour: QColor = LOCK_COLOUR) -> QPixmap:
    """A padlock: what stands in front of a value the user's clearance does not cover."""
    ratio = QGuiApplication.primaryScreen().devicePixelRatio() if QGuiApplication.primaryScreen() else 1.0
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    pen = QPen(colour, max(1.2, s / 9))
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    shackle = QPainterPath()
    shackle.moveTo(s * 0.30, s * 0.48)
    shackle.lineTo(s * 0.30, s * 0.32)
    shackle.arcTo(QRectF(s * 0.30, s * 0.10, s * 0.40, s * 0.40), 180, -180)
    shackle.lineTo(s * 0.70, s * 0.48)
    painter.drawPath(shackle)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(QRectF(s * 0.18, s * 0.46, s * 0.64, s * 0.46), s * 0.08, s * 0.08)
    painter.end()
    return pixmap
