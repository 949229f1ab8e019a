"""From launch to a signed-in window: the first run asks for hub, user and password; later runs
offer the unlock dialog for the last user (which also works offline), or the login form."""

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from casework.ui.login_dialog import LoginDialog
from casework.ui.startup import ask_sign_in, make_parts
from casework.ui.unlock_dialog import UnlockDialog
from tests.ui.app_hub import PASSWORD, WORKER

pytestmark = pytest.mark.gui


@pytest.fixture
def new_parts(qapp, casework_home):
    """A fresh start of the app (its own task manager and service) in this test's home."""
    from casework.ui.settings import Settings

    made: list = []

    def start():
        parts = make_parts(Settings())
        made.append(parts)
        return parts

    yield start
    for parts in made:
        parts.close()


def when_modal(qtbot, steps):
    """Run ``steps`` one after another, each on the modal dialog then on screen."""
    seen = []

    def next_step():
        dialog = QApplication.activeModalWidget()
        if dialog is None or (seen and dialog is seen[-1][0] and not seen[-1][1]):
            QTimer.singleShot(20, next_step)
            return
        step = steps.pop(0)
        done = step(dialog)
        seen.append((dialog, bool(done)))
        if steps:
            QTimer.singleShot(20, next_step)

    QTimer.singleShot(0, next_step)
    return seen


def fill_login(hub_url, user, password):
    def step(dialog):
        assert isinstance(dialog, LoginDialog)
        dialog.hub_field.setText(hub_url)
        dialog.user_field.setText(user)
        dialog.password_field.setText(password)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return True
    return step


def test_the_first_run_asks_for_the_hub_and_a_later_run_unlocks_the_last_user(qtbot, new_parts,
                                                                               running_hub):
    first = new_parts()
    assert first.services.last_profile() is None
    when_modal(qtbot, [fill_login(running_hub.url, WORKER, PASSWORD)])
    signed_in = ask_sign_in(first)
    assert signed_in.online and signed_in.username == WORKER
    assert first.settings.last_username == WORKER
    first.close()

    later = new_parts()
    kinds = []

    def unlock(dialog):
        kinds.append(type(dialog))
        assert dialog.who.text().startswith(f"用户 {WORKER}")
        dialog.password_field.setText(PASSWORD)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return True

    when_modal(qtbot, [unlock])
    assert ask_sign_in(later).username == WORKER
    assert kinds == [UnlockDialog]


def test_the_unlock_dialog_works_offline_and_refuses_a_wrong_password(qtbot, new_parts, running_hub):
    first = new_parts()
    when_modal(qtbot, [fill_login(running_hub.url, WORKER, PASSWORD)])
    assert ask_sign_in(first) is not None
    first.close()
    running_hub.stop()

    later = new_parts()
    messages = []

    def wrong(dialog):
        dialog.password_field.setText("wrong-password-1")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=20_000)
        messages.append(dialog.message.text())
        dialog.password_field.setText(PASSWORD)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return True

    when_modal(qtbot, [wrong])
    signed_in = ask_sign_in(later)
    assert messages and messages[0].startswith("密码错误")
    assert signed_in is not None and not signed_in.online


def test_another_user_from_the_unlock_dialog_leads_to_the_login_form(qtbot, new_parts, running_hub):
    first = new_parts()
    when_modal(qtbot, [fill_login(running_hub.url, WORKER, PASSWORD)])
    assert ask_sign_in(first) is not None
    first.close()

    later = new_parts()
    shown = []

    def switch(dialog):
        shown.append(type(dialog))
        dialog.switch_button.click()
        return True

    def cancel(dialog):
        shown.append(type(dialog))
        shown.append((dialog.hub_field.text(), dialog.user_field.text(), dialog.hub_field.placeholderText()))
        dialog.reject()
        return True

    when_modal(qtbot, [switch, cancel])
    assert ask_sign_in(later) is None
    assert shown[:2] == [UnlockDialog, LoginDialog]
    hub, user, placeholder = shown[2]
    assert (hub, user) == (running_hub.url, "")  # another user: not the last one's name
    assert placeholder.endswith(":8700")  # the port the README's hub serve uses

