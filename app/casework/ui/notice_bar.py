"""A one-line notice under the menu bar for things the user should read — the token kept in
memory only, a sync that failed, a record not in the cache — without covering the status bar.
Esc or the × closes it; a newer notice replaces an older one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from casework.ui import i18n


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice_bar")
        self.text = QLabel(self)
        self.text.setObjectName("notice_text")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("notice_close")
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.close_button.setToolTip(self.tr("关闭提示 (Esc)"))
        self.close_button.setAccessibleName(self.tr("关闭提示"))

    def show_notice(self, text: str, level: str = "info", timeout_ms: int = 0) -> None:
        """Show ``text``; ``level`` is "info" or "warning" (colour only); ``timeout_ms`` > 0
        hides it by itself after that long. A bilingual message from the client core shows in
        the interface language only."""
        self.text.setText(i18n.one_language(text))
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()
        if timeout_ms > 0:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()

    def keyPressEvent(self, event) -> None:  # Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)
