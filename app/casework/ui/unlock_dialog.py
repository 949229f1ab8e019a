"""Later starts: the user of the last sign-in unlocks with their password. The hub is tried and
the app works offline when it does not answer; "another user" goes to the full login form.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from casework.ui.operations import TaskManager
from casework.ui.sign_in_dialog import SignInDialog

SWITCH_USER = 2  # the dialog's result when the user asks for the login form instead


class UnlockDialog(SignInDialog):
    def __init__(self, tasks: TaskManager, services: Any, hub_url: str, username: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(tasks, services, parent)
        self.setObjectName("unlock_dialog")
        self.hub_url, self.username = hub_url, username

        self.heading = QLabel(self)
        self.heading.setObjectName("dialog_heading")
        self.who = QLabel(self)
        self.who.setWordWrap(True)
        self.password_label = QLabel(self)
        self.password_field = self._make_password_field()
        self.password_label.setBuddy(self.password_field)
        self.message = self._make_message()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.switch_button = QPushButton(self)
        self.switch_button.setObjectName("switch_user")
        self.buttons.addButton(self.switch_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.switch_button.clicked.connect(lambda: self.done(SWITCH_USER))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.who)
        layout.addWidget(self.password_label)
        layout.addWidget(self.password_field)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate_ui()
        self.password_field.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("解锁"))
        self.heading.setText(self.tr("解锁本机缓存"))
        self.who.setText(self.tr("用户 %1，中心 %2。无法连接中心时可离线工作。")
                         .replace("%1", self.username).replace("%2", self.hub_url))
        self.password_label.setText(self.tr("密码(&P)："))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("解锁"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        self.switch_button.setText(self.tr("其他用户(&O)…"))

    def _submit(self) -> None:
        password = self.password_field.text()
        if not password:
            self.message.setText(self.tr("请输入密码。"))
            return
        self._sign_in(self.hub_url, self.username, password, self.tr("正在解锁…"), "unlock")

    def busy_widgets(self) -> list[QWidget]:
        return [self.password_field, self.buttons]
