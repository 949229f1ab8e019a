"""The household's cases on the household page, above its members: a short table (open first,
with pending and conflict marks) and "新建个案". Enter on a row opens the case page.

The panel draws what it is given; the casework area loads the rows in the background when a
household is shown and again when an operation changes one of its cases.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from casework.ui import page_parts
from casework.ui.case_models import CasesModel
from casework.ui.case_service import CaseItem

MAX_VISIBLE_CASES = 4


class CasesPanel(QWidget):
    case_activated = Signal(str)  # case id
    new_case_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cases_panel")
        self.household_id: str | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("section_heading")
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("new_case_button")
        self.new_button.clicked.connect(self.new_case_requested)
        self.empty = QLabel(self)
        self.empty.setObjectName("hint")
        self.model = CasesModel(self)
        self.table: QTableView = page_parts.people_table(self, self.model, "cases_table")
        self.table.setWordWrap(False)
        self.table.activated.connect(self._activated)
        self.heading.setBuddy(self.table)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading)
        top.addWidget(self.empty)
        top.addStretch(1)
        top.addWidget(self.new_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(top)
        column.addWidget(self.table)
        self.retranslate_ui()
        self.set_cases(None, ())

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("个案(&A)"))
        self.table.setAccessibleName(self.tr("本户个案"))
        self.new_button.setText(self.tr("新建个案…"))
        self.new_button.setToolTip(self.tr("为本户新建个案（Ctrl+Shift+N）"))
        self.empty.setText(self.tr("本户暂无个案"))

    def set_cases(self, household_id: str | None, cases: Sequence[CaseItem]) -> None:
        """Show a household's cases, keeping the selected one selected."""
        kept = self.selected_case() if household_id == self.household_id else None
        self.household_id = household_id
        self.model.set_rows(cases)
        self.empty.setVisible(not cases)  # the table stays (one empty row high): Tab order is fixed
        self._fit()
        row = self.model.row_of(kept.id) if kept else None
        if cases:
            self.table.selectRow(row or 0)

    def selected_case(self) -> CaseItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.case(rows[0].row()) if rows else None

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_activated.emit(self.model.case(index.row()).id)

    def _fit(self) -> None:
        """As tall as the cases (up to four rows); a longer list scrolls."""
        self.table.resizeRowsToContents()
        count = self.model.rowCount()
        rows = sum(self.table.rowHeight(i) for i in range(min(count, MAX_VISIBLE_CASES)))
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + max(rows, 1) + 2 * self.table.frameWidth() + 2)
