"""A table of people: household members, the tenants of a rental home, an enterprise's workers.

Small lists (a household, a building, a firm's staff in scope), so the rows are held whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt

from casework.ui.presentation import PersonRow
from casework.ui.table_model import RECORD_ROLE, ROOT, ColumnsModel

COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("PeopleModel", "姓名")),
    ("relation", QT_TRANSLATE_NOOP("PeopleModel", "与户主关系")),
    ("sex", QT_TRANSLATE_NOOP("PeopleModel", "性别")),
    ("age", QT_TRANSLATE_NOOP("PeopleModel", "年龄")),
    ("id_number", QT_TRANSLATE_NOOP("PeopleModel", "身份证号")),
    ("note", QT_TRANSLATE_NOOP("PeopleModel", "标记")),
)

ROW_ROLE = RECORD_ROLE  # the PersonRow


class PeopleModel(ColumnsModel):
    COLUMNS = COLUMNS
    CONTEXT = "PeopleModel"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: Sequence[PersonRow] = ()

    def set_rows(self, rows: Sequence[PersonRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row_of(self, person_id: str) -> int | None:
        return next((i for i, row in enumerate(self._rows) if row.person_id == person_id), None)

    def person(self, row: int) -> PersonRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return str(getattr(row, self.column_key(index.column())))
        if role == ROW_ROLE:
            return row
        return None
