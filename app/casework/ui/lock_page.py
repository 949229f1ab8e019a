"""What the window shows while locked: no personal data, only a password field. The password is
checked against the profile's wrapped cache key in the background (it is slow on purpose).
After wrong passwords the next try must wait; the page counts that down instead of waiting
behind "checking…"."""

from __future__ import annotations

import math
import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from casework.ui.icons import lock_pixmap
from casework.ui.operations import Lane, Operation, TaskManager

PANEL_WIDTH = 360
IDLE, BY_HAND = "idle", "manual"  # why the window was locked


class LockPage(QWidget):
    unlocked = Signal()

    def __init__(self, tasks: TaskManager, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_page")
        self._tasks = tasks
        self._services = services
        self._reason = IDLE
        self._wait_until = 0.0  # monotonic time when another try is allowed
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._tick)
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
        self.explain.setText(self.tr("长时间未操作，窗口已锁定。请输入密码继续。") if self._reason == IDLE
                             else self.tr("窗口已锁定（Ctrl+L）。请输入密码继续。"))
        self.unlock_button.setText(self.tr("解锁(&U)"))
        self.password_field.setPlaceholderText(self.tr("密码"))
        self.password_field.setAccessibleName(self.tr("密码"))

    def reset(self, reason: str = IDLE) -> None:
        """Before showing the page: an empty field, no old message, the reason in words."""
        self._reason = reason
        self.password_field.clear()
        self.message.clear()
        self.retranslate_ui()
        if self._wait_until > time.monotonic():
            self._tick()  # a wait from before still runs
        else:
            self._set_ready(True)

    def seconds_to_wait(self) -> int:
        return max(0, math.ceil(self._wait_until - time.monotonic()))

    def _set_ready(self, ready: bool) -> None:
        self.password_field.setEnabled(ready)
        self.unlock_button.setEnabled(ready)

    def _submit(self) -> None:
        password = self.password_field.text()
        if not password or self.seconds_to_wait():
            return
        self._set_ready(False)
        self.message.setText(self.tr("正在验证…"))
        Operation(self._tasks, lambda ctx: self._services.try_password(password),
                  success=self._checked, lane=Lane.NETWORK, parent=self, title="unlock").run()

    def _checked(self, check: Any) -> None:
        if check.ok:
            self._wait_until = 0.0
            self.reset()
            self.unlocked.emit()
            return
        self._wait_until = time.monotonic() + check.retry_after
        self.password_field.selectAll()
        if check.retry_after > 0:
            self._tick()
        else:
            self._set_ready(True)
            self.message.setText(self.tr("密码错误。"))
            self.password_field.setFocus()

    def _tick(self) -> None:
        left = self.seconds_to_wait()
        if left <= 0:
            self._countdown.stop()
            self._set_ready(True)
            self.message.setText(self.tr("密码错误。现在可以再试。"))
            self.password_field.setFocus()
            return
        self._set_ready(False)
        self.message.setText(self.tr("密码错误。请 %1 秒后再试。").replace("%1", str(left)))
        if not self._countdown.isActive():
            self._countdown.start()
