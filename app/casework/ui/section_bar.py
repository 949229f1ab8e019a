"""The row above a member's facts: one tab per department section, which scrolls to it, and the
key to the classification badges. On a small screen (1366×768) most sections are below the fold;
the tabs say they are there and take the user to one in a click or a key (issue 10)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QTabBar, QToolButton, QWidget

from casework.ui.level_legend import LevelLegend


class SectionBar(QWidget):
    section_chosen = Signal(str)  # a department code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("section_bar")
        self._codes: list[str] = []
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("section_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setDrawBase(False)
        self.tabs.setExpanding(False)
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys scroll the facts themselves (PgDn)
        self.tabs.setUsesScrollButtons(True)  # many sections on a narrow pane: arrows, not a wider window
        self.tabs.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        for arrow in self.tabs.findChildren(QToolButton):  # nor do its arrows take Tab
            arrow.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.tabBarClicked.connect(self._clicked)
        self.tabs.currentChanged.connect(self._clicked)  # arrow keys on the focused tabs
        self.legend = LevelLegend(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.tabs, 1)
        row.addWidget(self.legend)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.tabs.setAccessibleName(self.tr("跳到部门"))
        self.tabs.setToolTip(self.tr("点击跳到该部门的信息"))
        for arrow in self.tabs.findChildren(QToolButton):  # Qt names them once, in the first language
            left = arrow.arrowType() == Qt.ArrowType.LeftArrow
            arrow.setAccessibleName(self.tr("向左滚动") if left else self.tr("向右滚动"))
        self.legend.retranslate_ui()

    def set_sections(self, sections: Sequence[tuple[str, str]]) -> None:
        """(department code, title) of the member's sections, top to bottom."""
        blocked = self.tabs.blockSignals(True)
        while self.tabs.count():
            self.tabs.removeTab(0)
        self._codes = [code for code, _title in sections]
        for _code, title in sections:
            self.tabs.addTab(title.replace("&", "&&"))
        self.tabs.blockSignals(blocked)
        self.tabs.setVisible(bool(sections))

    def titles(self) -> list[str]:
        return [self.tabs.tabText(i).replace("&&", "&") for i in range(self.tabs.count())]

    def choose(self, code: str) -> None:
        """Mark ``code``'s tab (when the page scrolls there by itself)."""
        if code in self._codes:
            blocked = self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(self._codes.index(code))
            self.tabs.blockSignals(blocked)

    def _clicked(self, index: int) -> None:
        if 0 <= index < len(self._codes):
            self.section_chosen.emit(self._codes[index])
