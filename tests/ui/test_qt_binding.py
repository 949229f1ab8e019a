"""The Qt binding itself: PySide6 6.12.0 dropped a reference to ``True`` on every
``Signal.emit()``, which crashes Python 3.11 after a few hundred emits (pyproject excludes it).
This keeps a future version with the same fault from slipping in."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal()


def test_emitting_a_signal_keeps_the_reference_count_of_true():
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(100):
        emitter.fired.emit()
    assert sys.getrefcount(True) >= before - 2, "Signal.emit() leaks references to True"
