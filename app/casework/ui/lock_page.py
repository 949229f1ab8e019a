"""What the window shows while locked: no personal data, only a password field. The password is
checked against the profile's wrapped cache key in the background (it is slow on purpose)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from casework.ui.icons import lock_pixmap
from casework.ui.operations import Lane, Operation, TaskManager

PANEL_WIDTH = 360


class LockPage(QWidget):
    unlocked = Signal()

    def __init__(self, tasks: TaskManager, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_page")
        self._tasks = tasks
        self._services = services
        self.icon = QLabel(self)
        self.icon.setPixmap(lock_pixmap(48))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading = QLabel(self)
        self.heading.setObjectName("page_title")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain = QLabel(self)
        self.explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain.setWordWrap(True)
        self.password_field = QLineEdit(self)
        self.password_field.setObjectName("lock_password")
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_field.setFixedWidth(PANEL_WIDTH)
        self.password_field.returnPressed.connect(self._submit)
        self.unlock_button = QPushButton(self)
        self.unlock_button.setObjectName("unlock_button")
        self.unlock_button.clicked.connect(self._submit)
        self.message = QLabel(self)
        self.message.setObjectName("dialog_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)

        panel = QWidget(self)
        panel.setFixedWidth(PANEL_WIDTH)
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        for widget in (self.icon, self.heading, self.explain, self.password_field, self.unlock_button,
                       self.message):
            column.addWidget(widget)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self.setFocusProxy(self.password_field)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("已锁定"))
        self.explain.setText(self.tr("长时间未操作，窗口已锁定。请输入密码继续。"))
        self.unlock_button.setText(self.tr("解锁(&U)"))
        self.password_field.setPlaceholderText(self.tr("密码"))
        self.password_field.setAccessibleName(self.tr("密码"))

    def reset(self) -> None:
        self.password_field.clear()
        self.message.clear()
        self.password_field.setEnabled(True)
        self.unlock_button.setEnabled(True)

    def _submit(self) -> None:
        password = self.password_field.text()
        if not password:
            return
        self.password_field.setEnabled(False)
        self.unlock_button.setEnabled(False)
        self.message.setText(self.tr("正在验证…"))
        Operation(self._tasks, lambda ctx: self._services.verify_password(password),
                  success=self._checked, lane=Lane.NETWORK, parent=self, title="unlock").run()

    def _checked(self, ok: bool) -> None:
        self.password_field.setEnabled(True)
        self.unlock_button.setEnabled(True)
        if ok:
            self.reset()
            self.unlocked.emit()
        else:
            self.message.setText(self.tr("密码错误。"))
            self.password_field.selectAll()
            self.password_field.setFocus()
