"""A member's facts, one box per department: each fact with its value (or, when withheld, the
status that replaces it and a lock), source department, as-of date and a classification badge.
Facts that point somewhere (an employer, a rental home) carry a button that goes there.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from casework.ui.icons import lock_pixmap
from casework.ui.navigation import Place
from casework.ui.presentation import Fact, Section

SOURCE_MAX_WIDTH = 260  # long department names wrap instead of pushing the badge off screen
LABEL_MAX_WIDTH = 180  # a fact's label (in English a programme's name can be long)


def withheld_reason(fact: Fact) -> str:
    """Why a value is not shown and what the user can do: 秘密 — 需要秘密级权限；可向残联申请查看."""
    return (QCoreApplication.translate("FactSections", "%1 — 需要%1级权限；可向%2申请查看")
            .replace("%1", fact.level_label).replace("%2", fact.department))


def level_badge(fact: Fact, parent: QWidget) -> QLabel:
    badge = QLabel(fact.level_label, parent)
    badge.setObjectName("level_badge")
    badge.setProperty("level", fact.level_code)
    badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
    badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return badge


class FactSections(QWidget):
    """Rebuilt whenever another member is selected; a member has a few dozen facts at most."""

    link_activated = Signal(object)  # a Place

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fact_sections")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(10)
        self._boxes: list[QGroupBox] = []
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("empty_sections")
        self._layout.addWidget(self.empty_label)
        self._layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.empty_label.setText(self.tr("此成员没有可显示的部门信息。"))

    def set_sections(self, sections: Sequence[Section]) -> None:
        for box in self._boxes:
            self._layout.removeWidget(box)
            box.deleteLater()
        self._boxes.clear()
        self.empty_label.setVisible(not sections)
        for position, section in enumerate(sections):
            box = self._section_box(section)
            self._layout.insertWidget(position, box)
            self._boxes.append(box)

    def section_box(self, department_code: str) -> QGroupBox | None:
        return next((box for box in self._boxes if box.property("department") == department_code), None)

    def section_titles(self) -> list[str]:
        return [box.title().replace("&&", "&") for box in self._boxes]

    def _section_box(self, section: Section) -> QGroupBox:
        box = QGroupBox(section.title.replace("&", "&&"), self)  # "&" would make a mnemonic
        box.setObjectName("fact_section")
        box.setProperty("department", section.department_code)
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        for row, fact in enumerate(section.facts):
            self._add_fact(grid, row, fact, box)
        return box

    def _add_fact(self, grid: QGridLayout, row: int, fact: Fact, box: QWidget) -> None:
        label = QLabel(fact.label, box)
        label.setObjectName("fact_label")
        label.setWordWrap(True)  # a long programme name wraps instead of squeezing the value
        metrics = label.fontMetrics()
        one_line = metrics.horizontalAdvance(fact.label) + 4
        # a label that fits in one line keeps it; a longer one wraps as the row's width allows
        label.setMinimumWidth(max(6 * metrics.height(), one_line if one_line <= LABEL_MAX_WIDTH else 0))
        label.setMaximumWidth(LABEL_MAX_WIDTH)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(label, row, 0)

        value_cell = QWidget(box)
        value_layout = QHBoxLayout(value_cell)
        value_layout.setContentsMargins(0, 0, 0, 0)
        value_layout.setSpacing(6)
        if fact.withheld:
            lock = QLabel(value_cell)
            lock.setObjectName("withheld_lock")
            lock.setPixmap(lock_pixmap(14))
            lock.setToolTip(self.tr("%1级，高于您的密级：仅显示替代它的状态").replace("%1", fact.level_label))
            lock.setAccessibleName(self.tr("已隐去"))
            value_layout.addWidget(lock, 0, Qt.AlignmentFlag.AlignTop)
        value = QLabel(fact.value, value_cell)
        value.setObjectName("withheld_value" if fact.withheld else "fact_value")
        value.setWordWrap(True)
        value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if fact.withheld:  # what is withheld and why, in words on the view
            column = QVBoxLayout()
            column.setSpacing(0)
            column.addWidget(value)
            column.addWidget(self._withheld_reason(fact, value_cell))
            value_layout.addLayout(column, 1)
        else:
            value_layout.addWidget(value, 1)
        if fact.link is not None:
            value_layout.addWidget(self._link_button(fact.link, fact.link_text, value_cell))
        grid.addWidget(value_cell, row, 1, Qt.AlignmentFlag.AlignTop)

        source_text = fact.department
        if fact.as_of:
            source_text = self.tr("%1 · %2").replace("%1", fact.department).replace("%2", fact.as_of)
        source = QLabel(source_text, box)
        source.setObjectName("fact_source")
        source.setWordWrap(True)
        source.setMinimumWidth(min(source.fontMetrics().horizontalAdvance(source_text) + 4, SOURCE_MAX_WIDTH))
        source.setMaximumWidth(SOURCE_MAX_WIDTH)
        grid.addWidget(source, row, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(level_badge(fact, box), row, 3, Qt.AlignmentFlag.AlignTop)

    def _withheld_reason(self, fact: Fact, parent: QWidget) -> QLabel:
        reason = QLabel(withheld_reason(fact), parent)
        reason.setObjectName("withheld_reason")
        reason.setWordWrap(True)
        return reason

    def _link_button(self, place: Place, text: str, parent: QWidget) -> QPushButton:
        button = QPushButton(text, parent)
        button.setObjectName("link_button")
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(lambda: self.link_activated.emit(place))
        return button
