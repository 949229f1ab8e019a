""""我的个案": the signed-in worker's open cases (open and on hold), across households, with the
same pending and conflict marks as a household's list. Enter opens a case.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QWidget

from casework.ui import page_parts
from casework.ui.case_models import MyCasesModel
from casework.ui.case_ops import CaseOps
from casework.ui.case_service import CaseItem
from casework.ui.changes import OpChanges


class MyCasesPage(QWidget):
    case_activated = Signal(str)  # case id
    loaded = Signal(int)  # how many cases, each time the list is drawn

    def __init__(self, ops: CaseOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("my_cases_page")
        self.ops = ops
        self.me = ""
        self.title = page_parts.page_title(self)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("page_subtitle")
        self.subtitle.setWordWrap(True)
        self.model = MyCasesModel(self)
        self.table = page_parts.people_table(self, self.model, "my_cases_table")
        self.table.setWordWrap(False)
        self.table.activated.connect(self._activated)
        page_parts.page_column(self, [self.title, self.subtitle, self.table], grow=self.table)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("我的个案"))
        self.table.setAccessibleName(self.tr("我负责的未结个案"))
        self._show_subtitle()

    def load(self, me: str) -> None:
        self.me = me
        self.ops.read(self, lambda service: service.my_open_cases(), self._show, title="my cases")

    def on_changes(self, changes: OpChanges, _initiator: object) -> None:
        if changes.cases and self.me and self.isVisible():
            self.load(self.me)

    def _show(self, cases: Sequence[CaseItem]) -> None:
        kept = self.selected_case()
        self.model.set_rows(cases)
        row = self.model.row_of(kept.id) if kept else None
        if cases:
            self.table.selectRow(row or 0)
        self._show_subtitle()
        self.loaded.emit(len(cases))

    def _show_subtitle(self) -> None:
        count = self.model.rowCount()
        if count:
            text = self.tr("责任人为 %1 的未结个案 %2 件（进行中、暂停）。按 Enter 打开。")
        else:
            text = self.tr("责任人为 %1 的未结个案：暂无。")
        self.subtitle.setText(text.replace("%1", self.me).replace("%2", str(count)))

    def selected_case(self) -> CaseItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.case(rows[0].row()) if rows else None

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_activated.emit(self.model.case(index.row()).id)
