"""What the login form and the unlock dialog share: the password field, the message line, and
signing in on a worker — the dialog busy meanwhile, a refusal shown inline with the password
selected for another try, the dialog accepted with the service's ``SignedIn``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QWidget

from casework.ui import i18n
from casework.ui.operations import Lane, Operation, TaskManager


class SignInDialog(QDialog):
    """Subclasses build their form (``password_field`` and ``message`` from the helpers below,
    in their place in the tab order) and name what signing in disables (``busy_widgets``)."""

    password_field: QLineEdit
    message: QLabel

    def __init__(self, tasks: TaskManager, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._services = services
        self.signed_in: Any = None  # the service's SignedIn once accepted

    def _make_password_field(self) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName("password_field")
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def _make_message(self) -> QLabel:
        message = QLabel(self)
        message.setObjectName("dialog_message")
        message.setWordWrap(True)
        return message

    def busy_widgets(self) -> list[QWidget]:
        raise NotImplementedError

    def _sign_in(self, hub_url: str, username: str, password: str, busy_text: str, title: str) -> None:
        self._set_busy(True)
        self.message.setText(busy_text)
        Operation(self._tasks, lambda ctx: self._services.sign_in(hub_url, username, password),
                  success=self._signed_in, lane=Lane.NETWORK, parent=self,
                  title=title).failure(self._failed).run()

    def _signed_in(self, signed_in: Any) -> None:
        self._set_busy(False)
        self.signed_in = signed_in
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message.setText(i18n.one_language(self._services.describe_error(exc)))
        self.password_field.selectAll()
        self.password_field.setFocus()

    def _set_busy(self, busy: bool) -> None:
        for widget in self.busy_widgets():
            widget.setEnabled(not busy)
