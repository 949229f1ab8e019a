"""From launch to a working window: sign in (or unlock), open the window, start syncing.

First run on a computer: the login form asks for the hub address, user and password. Later
runs: the unlock dialog for the last user, which works offline. The demo passes its users and
its hub's address, and always shows the login form with the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from casework.ui.application import settle_memory
from casework.ui.operations import TaskManager
from casework.ui.settings import Settings
from casework.ui.unlock_dialog import SWITCH_USER, UnlockDialog

if TYPE_CHECKING:
    # Imported where needed: the service module and the main window's widgets import in the
    # background (casework.ui.preload) while the unlock dialog waits; the login form is only
    # for a first sign-in.
    from casework.ui.login_dialog import DemoUser
    from casework.ui.main_window import MainWindow
    from casework.ui.services import CaseworkService


@dataclass
class AppParts:
    """What a running app is made of; the caller shuts it down with ``close``."""

    tasks: TaskManager
    services: CaseworkService
    settings: Settings

    def close(self) -> None:
        self.tasks.shutdown(wait=True)
        self.services.close()


def make_parts(settings: Settings | None = None) -> AppParts:
    from casework.ui.services import CaseworkService

    return AppParts(TaskManager(), CaseworkService(), settings or Settings())


def ask_sign_in(parts: AppParts, *, hub_url: str = "", demo_users: list[DemoUser] | None = None) -> Any:
    """Show the unlock dialog (a known user, no demo) or the login form; None when cancelled."""
    known = None if demo_users else parts.services.last_profile()
    switched = False  # "another user": the form starts without the last user's name
    while True:
        if known is not None:
            dialog: QDialog = UnlockDialog(parts.tasks, parts.services, known[0], known[1])
        else:
            from casework.ui.login_dialog import LoginDialog

            dialog = LoginDialog(parts.tasks, parts.services,
                                 hub_url=hub_url or parts.settings.last_hub_url,
                                 username="" if demo_users or switched else parts.settings.last_username,
                                 demo_users=demo_users)
        result = dialog.exec()
        if result == SWITCH_USER:
            known, switched = None, True
            continue
        if result != QDialog.DialogCode.Accepted:
            return None
        signed_in = dialog.signed_in  # type: ignore[attr-defined]
        parts.settings.last_hub_url = signed_in.hub_url
        parts.settings.last_username = signed_in.username
        return signed_in


def open_window(parts: AppParts, signed_in: Any, *, start_sync: bool = True) -> MainWindow:
    from casework.ui.main_window import MainWindow

    window = MainWindow(parts.tasks, parts.services, parts.settings, signed_in)
    window.show()
    QTimer.singleShot(0, settle_memory)  # once the window is built (a freeze: ~1 ms)
    if signed_in.notices:
        window.notice.show_notice("\n".join(signed_in.notices), "info")
    if start_sync:
        window.sync.sync_now()  # online: bring the cache up to date; offline: shows the offline state
    return window


def run_app(parts: AppParts, *, hub_url: str = "", demo_users: list[DemoUser] | None = None) -> int:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        signed_in = ask_sign_in(parts, hub_url=hub_url, demo_users=demo_users)
        if signed_in is None:
            return 0
        window = open_window(parts, signed_in)
        code = app.exec()
        del window
        return code
    finally:
        parts.close()
