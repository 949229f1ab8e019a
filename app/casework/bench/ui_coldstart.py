"""The child process of the cold-start measurement (``casework bench ui``): start the app the way
a returning user does — Qt, the unlock (the same ``sign_in`` the unlock dialog calls, online or
offline), the main window — and print ``READY`` once the window has painted and the event loop
runs. The parent times from process launch to that line.

Usage: ``python -m casework.bench.ui_coldstart HOME HUB_URL USER`` with the password in
``CASEWORK_PASSWORD``.
"""

from __future__ import annotations

import os
import sys


def main() -> int:
    home, hub_url, username = sys.argv[1:4]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from casework import paths

    paths.set_home(home)
    from PySide6.QtCore import QEvent, QObject, QTimer

    from casework.ui.application import create_application
    from casework.ui.main_window import MainWindow
    from casework.ui.settings import Settings
    from casework.ui.startup import make_parts

    app = create_application("zh")
    parts = make_parts(Settings())
    signed_in = parts.services.sign_in(hub_url, username, os.environ["CASEWORK_PASSWORD"])
    window = MainWindow(parts.tasks, parts.services, parts.settings, signed_in)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, report)  # the loop is running: the window answers input
            return False

    def report() -> None:
        print(f"READY online={int(signed_in.online)}", flush=True)
        QTimer.singleShot(0, app.quit)

    painter = FirstPaint()
    window.search.field.installEventFilter(painter)  # the search box is what the user needs first
    window.show()
    code = app.exec()
    window.close()
    parts.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
