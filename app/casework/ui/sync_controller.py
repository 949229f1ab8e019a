"""When and how the window syncs: F5, right after sign-in, by itself every few minutes while
online, and — while offline — a quiet retry that notices when the hub is back.

Sync runs as a background operation on the network lane; its progress and outcome reach the
status bar on the main thread. One sync at a time: a request while one runs is ignored.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from casework.ui.operations import Lane, Operation, TaskManager
from casework.ui.status_bar import CaseworkStatusBar


class SyncController(QObject):
    synced = Signal(object)  # the service's SyncOutcome, after each attempt
    failed = Signal(str)  # a message for the user

    def __init__(self, tasks: TaskManager, services: Any, status: CaseworkStatusBar,
                 auto_minutes: float, offline_retry_seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._services = services
        self._status = status
        self._running: Operation[Any] | None = None
        self._asked = False  # the running sync was asked for by the user (F5): say what it did
        self._auto = QTimer(self)
        self._auto.timeout.connect(self.sync_now)
        self._retry = QTimer(self)
        self._retry.timeout.connect(self.sync_now)
        self.set_intervals(auto_minutes, offline_retry_seconds)

    def set_intervals(self, auto_minutes: float, offline_retry_seconds: float) -> None:
        """0 turns either off."""
        self._auto_ms = round(max(0.0, auto_minutes) * 60_000)
        self._retry_ms = round(max(0.0, offline_retry_seconds) * 1000)
        self._schedule(self._status.online)

    @property
    def syncing(self) -> bool:
        return self._running is not None

    def sync_by_hand(self) -> bool:
        """F5: sync now and say afterwards what it did, even when nothing changed."""
        self._asked = True
        return self.sync_now()

    def sync_now(self) -> bool:
        """Start a sync; False when one is already running."""
        if self._running is not None:
            return False
        self._status.show_result("", 0)
        self._status.sync_started()
        self._running = Operation(self._tasks, self._work, success=self._done, lane=Lane.NETWORK,
                                  parent=self, title="sync").progress(self._progress).failure(self._failed)
        self._running.run()
        return True

    def cancel(self) -> None:
        if self._running is not None:
            self._running.cancel()

    def _work(self, ctx: Any) -> Any:
        return self._services.sync(progress=ctx.report, cancel=ctx.cancel_event)

    def _progress(self, progress: Any) -> None:
        self._status.sync_progress(progress.done, progress.total_estimate, getattr(progress, "phase", "pull"))

    def _done(self, outcome: Any) -> None:
        self._running = None
        self._status.sync_finished()
        self._status.set_online(outcome.online)
        self._status.set_last_sync(outcome.last_sync)
        self._status.set_pending(outcome.pending)
        self._schedule(outcome.online)
        if self._asked and outcome.online and outcome.complete:
            self._status.show_result(self.tr("✓ 已是最新") if not outcome.changes else
                                     self.tr("✓ 已同步 %1 条更改").replace("%1", str(outcome.changes)))
        self._asked = False
        self.synced.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        self._running = None
        self._asked = False
        self._status.sync_finished()
        self._schedule(self._status.online)
        self.failed.emit(self._services.describe_error(exc))

    def _schedule(self, online: bool) -> None:
        """Online: the periodic sync runs. Offline: the retry looks for the hub instead."""
        if online and self._auto_ms:
            self._auto.start(self._auto_ms)
        else:
            self._auto.stop()
        if not online and self._retry_ms:
            self._retry.start(self._retry_ms)
        else:
            self._retry.stop()

    def stop(self) -> None:
        self._auto.stop()
        self._retry.stop()
        self.cancel()
