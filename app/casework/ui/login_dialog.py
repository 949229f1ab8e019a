"""The first sign-in on this computer: hub address, user name and password.

The demo passes the list of its users; the dialog shows them and fills the form when one is
chosen (Enter or double-click). Signing in (hub call, key derivation, opening the cache) runs in
the background; the dialog stays responsive and shows any refusal inline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casework.domain import areas
from casework.ui import labels
from casework.ui.operations import TaskManager
from casework.ui.sign_in_dialog import SignInDialog

DISTRICT_CODE_LENGTH = 6


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    note: str = ""  # a fixed note for the list; by default scope and clearance, in the language
    scope: tuple[str, ...] = ()  # area codes: streets (9 digits) or the district (6)
    clearance: str = ""


class LoginDialog(SignInDialog):
    def __init__(self, tasks: TaskManager, services: Any, *, hub_url: str = "", username: str = "",
                 demo_users: list[DemoUser] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(tasks, services, parent)
        self.setObjectName("login_dialog")
        self._demo_users = demo_users or []

        self.heading = QLabel(self)
        self.heading.setObjectName("dialog_heading")
        self.demo_label = QLabel(self)
        self.demo_list = QListWidget(self)
        self.demo_list.setObjectName("demo_users")
        for user in self._demo_users:
            item = QListWidgetItem(self.demo_list)
            item.setData(Qt.ItemDataRole.UserRole, user)
        self.demo_list.currentItemChanged.connect(self._demo_chosen)
        self.demo_list.itemActivated.connect(lambda _item: self._submit())
        self.hub_field = QLineEdit(hub_url, self)
        self.hub_field.setObjectName("hub_field")
        self.user_field = QLineEdit(username, self)
        self.user_field.setObjectName("user_field")
        self.password_field = self._make_password_field()
        self.message = self._make_message()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        self.hub_row_label = QLabel(self)
        self.user_row_label = QLabel(self)
        self.password_row_label = QLabel(self)
        for label, field in ((self.hub_row_label, self.hub_field), (self.user_row_label, self.user_field),
                             (self.password_row_label, self.password_field)):
            label.setBuddy(field)
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        if self._demo_users:
            layout.addWidget(self.demo_label)
            layout.addWidget(self.demo_list)
            self.demo_label.setBuddy(self.demo_list)
        else:
            self.demo_label.hide()
            self.demo_list.hide()
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslate_ui()
        first_empty = next((f for f in (self.hub_field, self.user_field, self.password_field)
                            if not f.text()), self.password_field)
        (self.demo_list if self._demo_users else first_empty).setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("登录"))
        self.heading.setText(self.tr("登录区级数据中心"))
        self.demo_label.setText(self.tr("演示用户（选中后按 Enter 登录）："))
        for row in range(self.demo_list.count()):
            item = self.demo_list.item(row)
            user: DemoUser = item.data(Qt.ItemDataRole.UserRole)
            item.setText(self.tr("%1 — %2，%3（密码 %4）").replace("%1", user.username)
                         .replace("%2", labels.role(user.role)).replace("%3", self._note(user))
                         .replace("%4", user.password))
        self.hub_row_label.setText(self.tr("中心地址(&H)："))
        self.user_row_label.setText(self.tr("用户名(&U)："))
        self.password_row_label.setText(self.tr("密码(&P)："))
        self.hub_field.setPlaceholderText(self.tr("例如 http://127.0.0.1:8700"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

    def _note(self, user: DemoUser) -> str:
        """What the user may see, in the interface language: where, and up to which level."""
        if user.note or not user.scope:
            return user.note
        if user.role == "admin":
            return self.tr("不持有个人数据")
        where = self.tr("、").join(
            self.tr("全区") if len(code) == DISTRICT_CODE_LENGTH else areas.street_name(code)
            for code in user.scope)
        return self.tr("%1，%2级").replace("%1", where).replace("%2", labels.level(user.clearance))

    def choose_demo_user(self, username: str) -> None:
        for row in range(self.demo_list.count()):
            if self.demo_list.item(row).data(Qt.ItemDataRole.UserRole).username == username:
                self.demo_list.setCurrentRow(row)
                return
        raise KeyError(username)

    def _demo_chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if item is None:
            return
        user: DemoUser = item.data(Qt.ItemDataRole.UserRole)
        self.user_field.setText(user.username)
        self.password_field.setText(user.password)

    def _submit(self) -> None:
        hub, user, password = self.hub_field.text().strip(), self.user_field.text().strip(), \
            self.password_field.text()
        if not hub or not user or not password:
            self.message.setText(self.tr("请填写中心地址、用户名和密码。"))
            return
        self._sign_in(hub, user, password, self.tr("正在登录并打开本机缓存…"), "sign_in")

    def busy_widgets(self) -> list[QWidget]:
        return [self.hub_field, self.user_field, self.password_field, self.demo_list, self.buttons]
