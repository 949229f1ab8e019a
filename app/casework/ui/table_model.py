"""What the app's flat tables share: fixed columns with translated titles, numbered rows, and
the row's own record under one data role (the people of a page, the search hits).
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

ROOT = QModelIndex()  # the invisible root: the parent of every row
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # a row's record (PersonRow, PersonHit)


class ColumnsModel(QAbstractTableModel):
    """A flat table whose columns are ``COLUMNS``: (key, title) pairs, the titles marked for
    translation in the context ``CONTEXT``."""

    COLUMNS: ClassVar[tuple[tuple[str, str], ...]] = ()
    CONTEXT: ClassVar[str] = ""

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def column_key(self, column: int) -> str:
        return self.COLUMNS[column][0]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[section][1])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None
