"""A one-line label for text the user or the data chose (a search, a name, a message): it
shows what fits and "…", with the whole text as its tooltip. A plain QLabel's minimum width is
its text's width, so one long search once grew the window past the screen for good (issue 10).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_WIDTH = 40  # what the label asks of a layout at least; the rest is elided


class ElidedLabel(QLabel):
    """``text()`` is the whole text; what is drawn is cut to the label's width."""

    def __init__(self, parent: QWidget | None = None,
                 mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:  # Qt's name
        self._full = text.replace("\n", " ")
        self.updateGeometry()
        self._draw()

    def text(self) -> str:  # Qt's name
        return self._full

    def shown_text(self) -> str:
        """What is drawn now (elided to the width)."""
        return super().text()

    def minimumSizeHint(self) -> QSize:  # Qt's name
        return QSize(MIN_WIDTH, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # Qt's name
        width = self.fontMetrics().horizontalAdvance(self._full) + 2 * self.margin() + 4
        return QSize(width, super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        super().resizeEvent(event)
        self._draw()

    def _draw(self) -> None:
        width = max(0, self.contentsRect().width() - 2 * self.margin())
        shown = self.fontMetrics().elidedText(self._full, self._mode, width)
        if shown != super().text():
            super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")
