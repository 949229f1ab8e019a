"""Lock after idle time: a laptop left open in a family's living room must not stay open.

An application-wide event filter notes every key press, mouse press, wheel and move; a timer
checks whether the last one is older than the limit and then emits ``idle``. The window
reacts by hiding its contents behind the unlock page (``casework.ui.lock_page``).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
}


MIN_MINUTES = 1  # never "never": a laptop left open in a living room must lock


def idle_minutes(chosen: int, policy_max: int) -> int:
    """The idle time the window uses: what the user chose, at least a minute, at most the hub's
    policy (an old setting of 0, "never", becomes the policy's maximum)."""
    if chosen <= 0:
        return max(MIN_MINUTES, policy_max)
    return max(MIN_MINUTES, min(chosen, policy_max))


class IdleLock(QObject):
    idle = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None, check_ms: int = 5000) -> None:
        super().__init__(parent)
        self._limit = minutes * 60.0
        self._last_activity = time.monotonic()
        self._armed = True
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self._check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._refresh_timer()

    @property
    def limit_seconds(self) -> float:
        return self._limit

    def set_minutes(self, minutes: float) -> None:
        """Change the limit (0 turns locking off)."""
        self._limit = minutes * 60.0
        self._refresh_timer()

    def set_check_interval(self, ms: int) -> None:
        self._timer.setInterval(ms)

    def rearm(self) -> None:
        """After an unlock: count idle time from now again."""
        self._last_activity = time.monotonic()
        self._armed = True

    def seconds_idle(self) -> float:
        return time.monotonic() - self._last_activity

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._last_activity = time.monotonic()
        return False

    def _refresh_timer(self) -> None:
        if self._limit > 0:
            self._timer.start()
        else:
            self._timer.stop()

    def _check(self) -> None:
        if self._armed and self._limit > 0 and self.seconds_idle() >= self._limit:
            self._armed = False  # one signal per idle period; ``rearm`` after unlocking
            self.idle.emit()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
