"""The case screens' background operations (Anki's one module of operations per area).

Reads and writes run on the database worker — the cache's one serialized writer, so a note
saved while the case list loads waits its turn, in order. Results come back on the main
thread; after a write the window's ``ChangeAnnouncer`` says what changed, and each view
decides whether to redraw. An edit the cache refuses (a value not allowed) is told to the user
as it is (``refused``); any other failure reaches the window's notice bar through the operation
helper's default, never a silent log line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject

from casework.ui.case_service import CaseService
from casework.ui.changes import ChangeAnnouncer, OpChanges
from casework.ui.operations import Lane, Operation, TaskManager

T = TypeVar("T")


class CaseOps:
    def __init__(self, tasks: TaskManager, service: CaseService, announcer: ChangeAnnouncer,
                 refused: Callable[[str], None]) -> None:
        self.tasks = tasks
        self.service = service
        self.announcer = announcer
        self.refused = refused

    def read(self, parent: QObject, work: Callable[[CaseService], T], done: Callable[[T], None],
             title: str = "read cases") -> None:
        """Run a query; ``done`` gets its result on the main thread while ``parent`` lives."""
        service = self.service
        Operation(self.tasks, lambda _ctx: work(service), success=done, lane=Lane.DATABASE,
                  parent=parent, title=title).run()

    def write(self, parent: QObject, work: Callable[[CaseService], OpChanges],
              done: Callable[[OpChanges], None] | None = None, title: str = "save case",
              failed: Callable[[str], None] | None = None) -> None:
        """Run an edit; on success ``done`` runs first, then everyone hears what changed (the
        initiator is ``parent``, so it can skip a redraw it already did). ``failed`` hears a
        refusal's message after the user was told."""
        service = self.service

        def succeeded(changes: OpChanges) -> None:
            if done is not None:
                done(changes)
            self.announcer.announce(changes, parent)

        def went_wrong(exc: BaseException) -> None:
            message = service.refusal(exc)
            if message is None:
                self.tasks.failed.emit(title, exc)
                return
            self.refused(message)
            if failed is not None:
                failed(message)

        Operation(self.tasks, lambda _ctx: work(service), success=succeeded, lane=Lane.DATABASE,
                  parent=parent, title=title).failure(went_wrong).run()
