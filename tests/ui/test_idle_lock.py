import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit

from casework.ui.idle_lock import IdleLock

pytestmark = pytest.mark.gui


def test_idle_time_past_the_limit_emits_idle_once(qtbot):
    lock = IdleLock(minutes=0.001, check_ms=10)  # 60 ms
    with qtbot.wait_signal(lock.idle, timeout=2000):
        pass
    fired = []
    lock.idle.connect(lambda: fired.append(1))
    qtbot.wait(150)
    assert fired == [], "idle must fire once per idle period until re-armed"
    lock.rearm()
    with qtbot.wait_signal(lock.idle, timeout=2000):
        pass
    lock.stop()


def test_typing_counts_as_activity(qtbot):
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    lock = IdleLock(minutes=10, check_ms=10_000)
    qtbot.wait(50)
    assert lock.seconds_idle() >= 0.04
    qtbot.keyClick(field, Qt.Key.Key_A)
    assert lock.seconds_idle() < 0.04
    qtbot.mouseMove(field, QPoint(3, 3))
    lock.stop()


def test_zero_minutes_turns_locking_off(qtbot):
    lock = IdleLock(minutes=0, check_ms=10)
    fired = []
    lock.idle.connect(lambda: fired.append(1))
    qtbot.wait(100)
    assert fired == []
    lock.stop()
