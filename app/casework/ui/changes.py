"""What an operation changed, announced once on the main thread so every view can decide for
itself whether to redraw (Anki's ``OpChanges`` and ``operation_did_execute``).

An edit made on the case page must show in the household's case list, in "my cases" and in the
status bar's pending count; none of them is told by the page. Each listens to the one
``ChangeAnnouncer`` of its window and looks at what changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class OpChanges:
    """What one operation changed in the cache. ``pending`` is the outbox's size after it (the
    local edits not yet pushed), or None when the operation did not count it."""

    case_ids: frozenset[str] = frozenset()
    household_ids: frozenset[str] = frozenset()
    notes: bool = False
    pending: int | None = None
    created_id: str | None = None  # the record the operation created, if any

    def touches_household(self, household_id: str | None) -> bool:
        return household_id is not None and household_id in self.household_ids

    def touches_case(self, case_id: str | None) -> bool:
        return case_id is not None and case_id in self.case_ids

    @property
    def cases(self) -> bool:
        return bool(self.case_ids)


class ChangeAnnouncer(QObject):
    """One per window: ``announce`` after an operation's success, on the main thread."""

    operation_did_execute = Signal(object, object)  # (OpChanges, initiator or None)

    def announce(self, changes: OpChanges, initiator: object | None = None) -> None:
        self.operation_did_execute.emit(changes, initiator)
