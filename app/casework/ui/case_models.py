"""Table models of casework: a household's cases, "my open cases", a case's notes.

A household has a handful of cases and a case tens of notes; a worker's caseload is at most a
few hundred. The rows are held whole (as ``PeopleModel`` does) in flat ``ColumnsModel``s.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from casework.domain.records import Kind
from casework.ui import case_text
from casework.ui.case_service import CaseItem, NoteItem
from casework.ui.table_model import RECORD_ROLE, ROOT, ColumnsModel

translate = QCoreApplication.translate

BADGE_PENDING = QT_TRANSLATE_NOOP("CasesModel", "待上传")
BADGE_CONFLICT = QT_TRANSLATE_NOOP("CasesModel", "冲突")
CONFLICT_COLOUR = QColor("#a33a00")
URGENT_COLOUR = QColor("#8f1f1f")


class _RowsModel(ColumnsModel):
    """Rows held whole; ``set_rows`` replaces them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[Any, ...] = ()

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, record_id: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key = self.column_key(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.colour(row, key)
        if role == RECORD_ROLE:
            return row
        return None

    def text(self, row: Any, key: str) -> str:
        raise NotImplementedError

    def tooltip(self, row: Any, key: str) -> str | None:
        return None

    def colour(self, row: Any, key: str) -> QColor | None:
        return None


class CasesModel(_RowsModel):
    """A household's cases, open first (the order the cache gives)."""

    COLUMNS = (
        ("category", QT_TRANSLATE_NOOP("CasesModel", "类别")),
        ("status", QT_TRANSLATE_NOOP("CasesModel", "状态")),
        ("priority", QT_TRANSLATE_NOOP("CasesModel", "优先级")),
        ("assigned_to", QT_TRANSLATE_NOOP("CasesModel", "责任人")),
        ("next_contact", QT_TRANSLATE_NOOP("CasesModel", "下次联系")),
        ("marks", QT_TRANSLATE_NOOP("CasesModel", "标记")),
    )
    CONTEXT = "CasesModel"

    def case(self, row: int) -> CaseItem:
        return self.row_at(row)

    def text(self, row: CaseItem, key: str) -> str:
        if key in ("category", "status", "priority"):
            return case_text.code(key, getattr(row, key))
        if key == "marks":
            return " · ".join(badges(row))
        if key == "summary":
            return case_text.one_line(row.summary, 60)
        return str(getattr(row, key) or "")

    def tooltip(self, row: CaseItem, key: str) -> str | None:
        if key == "marks" and row.conflicts:
            return translate("CasesModel", "%1 个字段有冲突，打开个案选择保留哪个值").replace(
                "%1", str(len(row.conflicts)))
        if key == "marks" and row.pending:
            return translate("CasesModel", "本机修改已保存，下次同步时上传")
        if key == "summary" and row.summary:
            return row.summary
        return None

    def colour(self, row: CaseItem, key: str) -> QColor | None:
        if key == "marks" and row.conflicts:
            return CONFLICT_COLOUR
        if key == "priority" and row.priority == "urgent":
            return URGENT_COLOUR
        return None


class MyCasesModel(CasesModel):
    """The signed-in worker's open cases, across households."""

    COLUMNS = (
        ("category", QT_TRANSLATE_NOOP("CasesModel", "类别")),
        ("status", QT_TRANSLATE_NOOP("CasesModel", "状态")),
        ("priority", QT_TRANSLATE_NOOP("CasesModel", "优先级")),
        ("next_contact", QT_TRANSLATE_NOOP("CasesModel", "下次联系")),
        ("summary", QT_TRANSLATE_NOOP("CasesModel", "概况")),
        ("marks", QT_TRANSLATE_NOOP("CasesModel", "标记")),
    )


def badges(case: CaseItem) -> list[str]:
    found = []
    if case.conflicts:
        found.append(translate("CasesModel", BADGE_CONFLICT))
    if case.pending:
        found.append(translate("CasesModel", BADGE_PENDING))
    return found


class NotesModel(_RowsModel):
    """A case's notes, newest first (as given)."""

    COLUMNS = (
        ("written_at", QT_TRANSLATE_NOOP("NotesModel", "时间")),
        ("channel", QT_TRANSLATE_NOOP("NotesModel", "方式")),
        ("author", QT_TRANSLATE_NOOP("NotesModel", "记录人")),
        ("text", QT_TRANSLATE_NOOP("NotesModel", "内容")),
    )
    CONTEXT = "NotesModel"

    def note(self, row: int) -> NoteItem:
        return self.row_at(row)

    def text(self, row: NoteItem, key: str) -> str:
        if key == "written_at":
            return case_text.local_time(row.written_at)
        if key == "channel":
            return case_text.code("channel", row.channel, Kind.CASE_NOTE)
        if key == "text":
            return case_text.one_line(row.text)
        if key == "author":
            marks = [translate("NotesModel", "离线")] if row.offline else []
            if row.pending:
                marks.append(translate("NotesModel", "待上传"))
            if row.rejected:
                marks.append(translate("NotesModel", "被中心拒绝"))
            if not marks:
                return row.author
            return translate("NotesModel", "%1（%2）").replace("%1", row.author).replace(
                "%2", translate("NotesModel", "，").join(marks))
        return ""

    def tooltip(self, row: NoteItem, key: str) -> str | None:
        if key == "author" and row.rejected:
            return row.rejected
        return row.text if key == "text" else None
