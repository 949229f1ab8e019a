"""Background operations: the one way the app runs slow work off the UI thread.

Modelled on Anki's ``aqt/operations`` and ``aqt/taskman``: a ``TaskManager`` owns two
executors — one serialized worker for the local database (the cache is one SQLite file; one
writer at a time, in order) and a small pool for the network (a hub call never waits behind a
database task). An ``Operation`` runs its work on one of them and delivers success, failure and
progress to callbacks *on the main thread*, so widgets are only ever touched there.

Progress reports are coalesced: a worker may report thousands of times a second, the main
thread sees at most one pending report at a time (the latest), so the event loop never floods.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")


class Lane(enum.Enum):
    """Where an operation runs: DATABASE is one serialized worker for reads of the cache;
    NETWORK is a parallel pool for the hub and other slow work (sync, sign-in, key derivation)."""

    DATABASE = "database"
    NETWORK = "network"


class OpContext:
    """Handed to the work function: report progress, and see whether the user cancelled."""

    def __init__(self, deliver_progress: Callable[[Any], None]) -> None:
        self.cancel_event = threading.Event()
        self._deliver_progress = deliver_progress

    def report(self, progress: Any) -> None:
        self._deliver_progress(progress)

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()


class TaskManager(QObject):
    """The two executors and the bridge back to the main thread. One per application window."""

    _closure_posted = Signal(object)
    failed = Signal(str, object)  # (title, exception) of an operation without its own failure handler

    def __init__(self, parent: QObject | None = None, network_workers: int = 4) -> None:
        super().__init__(parent)
        self._database = ThreadPoolExecutor(max_workers=1, thread_name_prefix="casework-db")
        self._network = ThreadPoolExecutor(max_workers=network_workers, thread_name_prefix="casework-net")
        self._closure_posted.connect(self._run_closure, Qt.ConnectionType.QueuedConnection)
        self._running: set[Future[Any]] = set()
        self._shut_down = False
        self._lock = threading.Lock()

    def run_on_main(self, closure: Callable[[], None]) -> None:
        """Run ``closure`` on the main thread, soon. Safe to call from any thread."""
        self._closure_posted.emit(closure)

    def submit(self, lane: Lane, fn: Callable[[], T]) -> Future[T]:
        executor = self._database if lane is Lane.DATABASE else self._network
        future = executor.submit(fn)
        with self._lock:
            self._running.add(future)
        future.add_done_callback(self._forget)
        return future

    def busy(self) -> bool:
        with self._lock:
            return bool(self._running)

    def shutdown(self, wait: bool = True) -> None:
        """Stop accepting work; with ``wait`` let running work finish (callbacks are dropped).
        Calling it again does nothing."""
        if self._shut_down:
            return
        self._shut_down = True
        self._closure_posted.disconnect(self._run_closure)
        self._network.shutdown(wait=wait, cancel_futures=True)
        self._database.shutdown(wait=wait, cancel_futures=True)

    def _forget(self, future: Future[Any]) -> None:
        with self._lock:
            self._running.discard(future)

    @staticmethod
    def _run_closure(closure: Callable[[], None]) -> None:
        closure()


class Operation(Generic[T]):
    """One piece of background work with main-thread callbacks.

    ``Operation(tasks, work, success=..., parent=widget).failure(...).progress(...).run()``
    where ``work(ctx)`` runs on the chosen lane. When ``parent`` is destroyed before the work
    ends, the callbacks are skipped (the widget they would touch is gone).
    """

    def __init__(self, tasks: TaskManager, work: Callable[[OpContext], T], *,
                 success: Callable[[T], None] | None = None, lane: Lane = Lane.DATABASE,
                 parent: QObject | None = None, title: str = "") -> None:
        self._tasks = tasks
        self._work = work
        self._success = success
        self._failure: Callable[[BaseException], None] | None = None
        self._progress: Callable[[Any], None] | None = None
        self._lane = lane
        self._parent = parent
        self._title = title or getattr(work, "__name__", "operation")
        self._pending_progress: list[Any] = []  # at most one element: the latest report
        self._progress_lock = threading.Lock()
        self.context = OpContext(self._post_progress)

    def failure(self, handler: Callable[[BaseException], None]) -> Operation[T]:
        self._failure = handler
        return self

    def progress(self, handler: Callable[[Any], None]) -> Operation[T]:
        self._progress = handler
        return self

    def run(self) -> Operation[T]:
        self._tasks.submit(self._lane, self._run_work)
        return self

    def cancel(self) -> None:
        self.context.cancel_event.set()

    # -- worker side -------------------------------------------------------------------------

    def _run_work(self) -> None:
        try:
            result = self._work(self.context)
        except BaseException as exc:  # delivered to the main thread, never lost in the pool
            if not isinstance(exc, Exception):
                log.warning("operation %s interrupted: %r", self._title, exc)
            error = exc
            self._tasks.run_on_main(lambda: self._deliver_failure(error))
            return
        self._tasks.run_on_main(lambda: self._deliver_success(result))

    def _post_progress(self, progress: Any) -> None:
        if self._progress is None:
            return
        with self._progress_lock:
            already_posted = bool(self._pending_progress)
            self._pending_progress[:] = [progress]
        if not already_posted:
            self._tasks.run_on_main(self._deliver_progress)

    # -- main-thread side ----------------------------------------------------------------------

    def _alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _deliver_progress(self) -> None:
        with self._progress_lock:
            if not self._pending_progress:
                return
            progress = self._pending_progress.pop()
        if self._progress is not None and self._alive():
            self._progress(progress)

    def _deliver_success(self, result: T) -> None:
        self._deliver_progress()  # the last report comes before the result, never after
        if self._success is not None and self._alive():
            self._success(result)

    def _deliver_failure(self, exc: BaseException) -> None:
        self._deliver_progress()
        if not self._alive():
            return
        if self._failure is not None:
            self._failure(exc)
        else:
            log.error("operation %s failed", self._title, exc_info=exc)
            self._tasks.failed.emit(self._title, exc)
