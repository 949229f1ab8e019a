"""The search results table: a lazy QAbstractTableModel over ``PersonHit`` rows.

The model never queries anything itself. It is handed a result list by the search panel (which
ran the query in the background) and shows it in batches through ``canFetchMore``/``fetchMore``
— a view asks for more rows as the user scrolls. When every row is shown and the query was cut
at its limit, ``more_wanted`` asks the panel to run it again with a larger limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal

from casework.ui import labels
from casework.ui.formatting import format_age, mask_id_number, mask_phone, short_address
from casework.ui.table_model import RECORD_ROLE, ROOT, ColumnsModel

BATCH = 50  # rows shown per fetchMore

COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("SearchModel", "姓名")),
    ("sex", QT_TRANSLATE_NOOP("SearchModel", "性别")),
    ("age", QT_TRANSLATE_NOOP("SearchModel", "年龄")),
    ("id_number", QT_TRANSLATE_NOOP("SearchModel", "身份证号")),
    ("phone", QT_TRANSLATE_NOOP("SearchModel", "电话")),
    ("address", QT_TRANSLATE_NOOP("SearchModel", "地址")),
    ("match", QT_TRANSLATE_NOOP("SearchModel", "匹配")),
)

MATCH_LABELS = {
    "exact": QT_TRANSLATE_NOOP("SearchModel", "完全匹配"),
    "name": QT_TRANSLATE_NOOP("SearchModel", "姓名"),
    "pinyin": QT_TRANSLATE_NOOP("SearchModel", "拼音"),
    "id_number": QT_TRANSLATE_NOOP("SearchModel", "身份证号"),
    "phone": QT_TRANSLATE_NOOP("SearchModel", "电话"),
    "address": QT_TRANSLATE_NOOP("SearchModel", "地址"),
}

HIT_ROLE = RECORD_ROLE  # the PersonHit of a row


translate = QCoreApplication.translate  # lupdate reads translate("context", "literal")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SearchModel", text)


class SearchModel(ColumnsModel):
    COLUMNS = COLUMNS
    CONTEXT = "SearchModel"
    more_wanted = Signal(int)  # the limit to query with next

    def __init__(self, parent=None, batch: int = BATCH) -> None:
        super().__init__(parent)
        self._batch = batch
        self._hits: Sequence[Any] = ()
        self._shown = 0
        self._limit = 0
        self._more_requested = False
        self.query = ""

    # -- fed by the panel ----------------------------------------------------------------------

    def set_results(self, query: str, hits: Sequence[Any], limit: int) -> None:
        """Replace the results. When the same query comes back with a larger limit, the rows
        already shown stay put and the new ones become fetchable."""
        if query == self.query and self._shown and self._same_prefix(hits):
            self._hits = hits
            self._limit = limit
            self._more_requested = False
            if self._shown < len(hits):
                self.fetchMore(QModelIndex())  # the view is at the end: show the next batch now
            return
        self.beginResetModel()
        self.query = query
        self._hits = hits
        self._limit = limit
        self._more_requested = False
        self._shown = min(self._batch, len(hits))
        self.endResetModel()

    def _same_prefix(self, hits: Sequence[Any]) -> bool:
        if len(hits) < self._shown:
            return False
        return all(a.person_id == b.person_id for a, b in zip(self._hits[:self._shown], hits, strict=False))

    def clear(self) -> None:
        self.set_results("", (), 0)

    def total_found(self) -> int:
        return len(self._hits)

    def truncated(self) -> bool:
        """The query stopped at its limit: there may be more matches."""
        return bool(self._limit) and len(self._hits) >= self._limit

    def hit(self, row: int) -> Any:
        return self._hits[row]

    # -- Qt model --------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> bool:
        if parent.isValid():
            return False
        return self._shown < len(self._hits) or (self.truncated() and not self._more_requested)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> None:
        if parent.isValid():
            return
        if self._shown < len(self._hits):
            new_total = min(self._shown + self._batch, len(self._hits))
            self.beginInsertRows(QModelIndex(), self._shown, new_total - 1)
            self._shown = new_total
            self.endInsertRows()
        elif self.truncated() and not self._more_requested:
            self._more_requested = True
            self.more_wanted.emit(self._limit * 4)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._shown:
            return None
        hit = self._hits[index.row()]
        column = self.column_key(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(hit, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "address":
            return hit.address or ""
        if role == HIT_ROLE:
            return hit
        return None

    @staticmethod
    def _display(hit: Any, column: str) -> str:
        match column:
            case "name":
                return hit.name or translate("SearchModel", "（已隐去）")
            case "sex":
                return labels.sex(hit.sex)
            case "age":
                return format_age(hit.birth_date)
            case "relation":
                return labels.relation(hit.relation)
            case "id_number":
                return mask_id_number(hit.id_number)
            case "phone":
                return mask_phone(hit.phone)
            case "address":
                return short_address(hit.address)
            case "match":
                return _tr(MATCH_LABELS[hit.match]) if hit.match in MATCH_LABELS else hit.match
        return ""
