"""The pieces the household page and the linked pages (rental home, enterprise) are built of:
the selectable title, the notes line, the table of people, a row of link buttons. One place,
so the pages look and behave alike (object names are what the style sheet styles).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)


def page_title(parent: QWidget) -> QLabel:
    """The page's heading (an address, a firm's name): wraps and can be selected and copied."""
    title = QLabel(parent)
    title.setObjectName("page_title")
    title.setWordWrap(True)
    title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return title


def notes_label(parent: QWidget) -> QLabel:
    notes = QLabel(parent)
    notes.setObjectName("page_notes")
    notes.setWordWrap(True)
    return notes


def people_table(parent: QWidget, model: QAbstractItemModel, name: str) -> QTableView:
    """A read-only table of whole rows, one selected at a time; Tab leaves it (arrows move in
    it), columns as wide as their contents."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def link_button(parent: QWidget, text: str, on_click: Callable[[], None]) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName("link_button")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.clicked.connect(on_click)
    return button


def fill_row(row: QHBoxLayout, widgets: list[QWidget]) -> None:
    """Replace what ``row`` holds with ``widgets``, left-aligned."""
    while row.count():
        item = row.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)


def page_column(page: QWidget, parts: Sequence[QWidget | QLayout], grow: QWidget) -> QVBoxLayout:
    """The page's parts top to bottom within the page margins; ``grow`` takes the spare height."""
    column = QVBoxLayout(page)
    column.setContentsMargins(8, 4, 8, 4)
    for part in parts:
        if isinstance(part, QLayout):
            column.addLayout(part)
        else:
            column.addWidget(part, 1 if part is grow else 0)
    return column
