"""The search box and its results: results as you type.

Each keystroke restarts a short debounce; then the query runs on the database worker. Only one
query is in flight at a time and only the newest text is queued behind it, so fast typing at
district scale never builds a backlog, and a stale answer never overwrites a newer one.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casework.ui import i18n
from casework.ui.elided_label import ElidedLabel
from casework.ui.operations import Lane, Operation, TaskManager
from casework.ui.search_model import COLUMNS, HIT_ROLE, SearchModel

DEBOUNCE_MS = 15  # one query in flight, the newest text queued: the debounce only merges bursts
FIRST_LIMIT = 50  # one screenful and a little; more as the user scrolls (SearchModel.more_wanted)
ADDRESS_COLUMN = [name for name, _label in COLUMNS].index("address")


class SearchPanel(QWidget):
    person_activated = Signal(str, str)  # household_id, person_id
    results_shown = Signal(str, float)  # query, seconds from its last keystroke to rows on screen

    def __init__(self, tasks: TaskManager, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._services = services
        self._in_flight: str | None = None
        self._queued: tuple[str, int] | None = None
        self._typed_at = 0.0
        self._partial = False  # the first sync has not finished: "not found" proves nothing

        self.field = QLineEdit(self)
        self.field.setObjectName("search_field")
        self.field.setClearButtonEnabled(True)
        self.summary = ElidedLabel(self)  # it repeats the query, which may be any length
        self.summary.setObjectName("search_summary")
        self.model = SearchModel(self)
        self.model.more_wanted.connect(lambda limit: self._request(self.model.query, limit))
        self.table = QTableView(self)
        self.table.setObjectName("search_results")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the next part of the window
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ADDRESS_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activate)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(lambda: self._request(self.field.text().strip(), FIRST_LIMIT))
        self.field.textEdited.connect(self._typed)
        self.field.returnPressed.connect(self._enter_pressed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 4)
        layout.addWidget(self.field)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.field)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.field.setPlaceholderText(self.tr("搜索：姓名、拼音（全拼或首字母）、身份证号或后4位、电话或后4位、地址"))
        self.field.setToolTip(self.tr("搜索 (Ctrl+F)"))
        self.field.setAccessibleName(self.tr("搜索"))
        self.table.setAccessibleName(self.tr("搜索结果"))
        self._show_summary()

    def set_partial(self, partial: bool) -> None:
        """Whether the cache holds only part of the user's data (a first sync not finished)."""
        self._partial = partial
        self._show_summary()

    def set_text(self, text: str) -> None:
        """Search for ``text`` now, as if typed (used by scripts and the demo walk-through)."""
        self.field.setText(text)
        self._typed()

    def rerun(self) -> None:
        """Run the text in the box again (after a sync brought new data)."""
        text = self.field.text().strip()
        if text:
            self._request(text, FIRST_LIMIT)

    # -- typing → query ------------------------------------------------------------------------

    def _typed(self, _text: str = "") -> None:
        self._typed_at = time.perf_counter()
        self._debounce.start()

    def _request(self, query: str, limit: int) -> None:
        if not query:
            self._queued = None
            self.model.clear()
            self._show_summary()
            return
        if self._in_flight is not None:
            self._queued = (query, limit)  # only the newest text waits
            return
        self._in_flight = query
        Operation(self._tasks, lambda ctx: self._services.search(query, limit),
                  success=lambda hits: self._arrived(query, hits, limit),
                  parent=self, title="search", lane=Lane.DATABASE).failure(self._failed).run()

    def _arrived(self, query: str, hits: list[Any], limit: int) -> None:
        self._in_flight = None
        if self._queued is not None:
            next_query, next_limit = self._queued
            self._queued = None
            if next_query != query or next_limit != limit:
                self._request(next_query, next_limit)
                return
        if query != self.field.text().strip():
            return  # the user has cleared or changed the box meanwhile
        self.model.set_results(query, hits, limit)
        self._show_summary()
        self.results_shown.emit(query, time.perf_counter() - self._typed_at)

    def _failed(self, exc: BaseException) -> None:
        self._in_flight = None
        message = i18n.one_language(self._services.describe_error(exc))
        self.summary.setText(self.tr("搜索失败：%1").replace("%1", message))
        if self._queued is not None:
            query, limit = self._queued
            self._queued = None
            self._request(query, limit)

    def _show_summary(self) -> None:
        if not self.model.query:
            self.summary.setText(self.tr("输入后即显示结果；↓ 进入结果，Enter 打开家庭"))
        elif self.model.total_found() == 0 and self._partial:
            # the warning first: a long query is elided at the end
            text = self.tr("首次同步未完成，本机数据不全：没有找到“%1”")
            self.summary.setText(text.replace("%1", self.model.query))
        elif self.model.total_found() == 0:
            self.summary.setText(self.tr("没有找到“%1”").replace("%1", self.model.query))
        elif self._partial:
            self.summary.setText(self.tr("找到 %1 人（首次同步未完成，可能不全）")
                                 .replace("%1", str(self.model.total_found())))
        elif self.model.truncated():
            more = self.tr("找到 %1 人以上，向下滚动查看更多")
            self.summary.setText(more.replace("%1", str(self.model.total_found())))
        else:
            self.summary.setText(self.tr("找到 %1 人").replace("%1", str(self.model.total_found())))

    # -- keyboard and activation ------------------------------------------------------------------

    def _enter_pressed(self) -> None:
        """Enter in the box opens the first (best) result."""
        if self.model.rowCount() > 0:
            self.table.setCurrentIndex(self.model.index(0, 0))
            self._activate(self.model.index(0, 0))

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Down and self.field.hasFocus() and self.model.rowCount():
            self.table.setFocus()
            self.table.setCurrentIndex(self.model.index(0, 0))
            return
        super().keyPressEvent(event)

    def _activate(self, index: QModelIndex) -> None:
        hit = self.model.data(self.model.index(index.row(), 0), HIT_ROLE)
        if hit is not None:
            self.person_activated.emit(hit.household_id, hit.person_id)
