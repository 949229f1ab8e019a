"""The child process of the cold-start measurement (``casework bench ui``): start the app as a
returning user does — the same steps as ``casework app`` (background preload, Qt, the unlock
dialog, sign-in, the main window) — with the password entered the moment the unlock dialog
appears. Prints ``DIALOG`` when the unlock dialog is on screen and ``READY`` once the main
window has painted its search box and the event loop runs; the parent times both lines.

Usage: ``python -m casework.bench.ui_coldstart HOME`` with the password in ``CASEWORK_PASSWORD``.
"""

from __future__ import annotations

import os
import sys
import time


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from casework import paths

    paths.set_home(sys.argv[1])
    from casework.ui import preload

    preload.start()
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QDialogButtonBox

    from casework.ui.application import create_application
    from casework.ui.settings import Settings
    from casework.ui.startup import ask_sign_in, make_parts, open_window
    from casework.ui.unlock_dialog import UnlockDialog

    app = create_application("zh")
    parts = make_parts(Settings())

    class Watch(QObject):
        """Types the password into the unlock dialog when it shows; reports the first paint of
        the main window's search box."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
            if event.type() == QEvent.Type.Show and isinstance(watched, UnlockDialog):
                QTimer.singleShot(0, lambda: unlock(watched))
            elif event.type() == QEvent.Type.Paint and watched.objectName() == "search_field":
                app.removeEventFilter(self)
                QTimer.singleShot(0, report)  # the loop is running: the window answers input
            return False

    def unlock(dialog: UnlockDialog) -> None:
        print("DIALOG", flush=True)
        dialog.password_field.setText(os.environ["CASEWORK_PASSWORD"])
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    def report() -> None:
        print(f"READY online={int(window.signed_in.online)} cpu={time.process_time():.3f}", flush=True)
        QTimer.singleShot(0, app.quit)

    watch = Watch()
    app.installEventFilter(watch)
    signed_in = ask_sign_in(parts)
    if signed_in is None:
        print("unlock failed", file=sys.stderr)
        return 1
    window = open_window(parts, signed_in)  # as the app does: shown, and syncing when online
    code = app.exec()
    window.sync.stop()
    window.close()
    parts.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
