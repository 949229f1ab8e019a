"""The integrated household view: the address and area, household type and flags, the members,
and for the selected member what every department knows, section by section.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QWidget,
)

from casework.ui import page_parts
from casework.ui.elided_label import ElidedLabel
from casework.ui.fact_sections import FactSections
from casework.ui.navigation import Place
from casework.ui.people_model import PeopleModel
from casework.ui.presentation import HouseholdScreen
from casework.ui.section_bar import SectionBar

MAX_VISIBLE_MEMBERS = 8
SMALL_VISIBLE_MEMBERS = 4  # when the page is short (a 1366×768 laptop): the facts need the height
SMALL_HEIGHT = 720  # the page's height below which it is short


class HouseholdPage(QWidget):
    link_activated = Signal(object)  # Place
    member_selected = Signal(str)  # person id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("household_page")
        self.screen: HouseholdScreen | None = None
        self.focus_chain: list[QWidget] = []
        self.part_focus: list[QWidget] = []  # other areas' parts (casework's cases), in Tab order

        self.address = page_parts.page_title(self)
        self.area_line = ElidedLabel(self)
        self.area_line.setObjectName("page_subtitle")
        self.flags_row = QHBoxLayout()
        self.flags_row.setSpacing(6)
        self.links_row = QHBoxLayout()
        self.links_row.setSpacing(6)
        self.notes = page_parts.notes_label(self)

        self.members_label = QLabel(self)
        self.members_label.setObjectName("section_heading")
        self.members_model = PeopleModel(self)
        self.members = page_parts.people_table(self, self.members_model, "members_table")
        self.members.setWordWrap(False)
        self.members.selectionModel().selectionChanged.connect(self._selection_changed)
        self.members_label.setBuddy(self.members)

        self.member_heading = ElidedLabel(self)  # a name of any length
        self.member_heading.setObjectName("section_heading")
        self.section_bar = SectionBar(self)  # a tab per department, and the badges' key
        self.section_bar.section_chosen.connect(self.reveal_section)
        self.sections = FactSections(self)
        self.sections.link_activated.connect(self.link_activated)
        self.sections_scroll = QScrollArea(self)
        self.sections_scroll.setObjectName("sections_scroll")
        self.sections_scroll.setWidgetResizable(True)
        self.sections_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.sections_scroll.setWidget(self.sections)

        page_parts.page_column(self, [self.address, self.area_line, self.flags_row, self.links_row,
                                      self.notes, self.members_label, self.members, self.member_heading,
                                      self.section_bar, self.sections_scroll], grow=self.sections_scroll)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.members_label.setText(self.tr("家庭成员(&M)"))
        self.members.setAccessibleName(self.tr("家庭成员"))
        self.section_bar.retranslate_ui()
        self._show_member_heading()

    def set_clearance(self, code: str) -> None:
        """The user's clearance, for the key to the badges."""
        self.section_bar.legend.set_clearance(code)

    def show_screen(self, screen: HouseholdScreen, focus_person: str | None = None) -> None:
        self.screen = screen
        self.address.setText(screen.address)
        self.area_line.setText(screen.area_line)
        page_parts.fill_row(self.flags_row, [self._chip(text) for text in screen.flags])
        links = [self._link_button(text, place) for text, place in screen.links]
        page_parts.fill_row(self.links_row, links)
        self.focus_chain = [*links, *self.part_focus, self.members, self.sections_scroll]  # Tab order
        for before, after in zip(self.focus_chain, self.focus_chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.notes.setText("\n".join(screen.notes))
        self.notes.setVisible(bool(screen.notes))
        self.members_model.set_rows(screen.members)
        self._fit_members_table()
        row = self.members_model.row_of(focus_person) if focus_person else None
        self.select_member_row(row if row is not None else 0)

    def select_member_row(self, row: int) -> None:
        if 0 <= row < self.members_model.rowCount():
            self.members.selectRow(row)
            self.members.setCurrentIndex(self.members_model.index(row, 0))
        else:
            self.sections.set_sections(())
            self._show_member_heading()

    def reveal_section(self, department_code: str) -> bool:
        """Scroll the selected member's facts to one department's box; False when it has none."""
        box = self.sections.section_box(department_code)
        if box is None:
            return False
        self.section_bar.choose(department_code)
        # Boxes just built grow once their wrapped lines know their width: scroll after that.
        QTimer.singleShot(0, lambda: self.sections_scroll.verticalScrollBar().setValue(box.y()))
        return True

    def add_part(self, widget: QWidget, focus: list[QWidget]) -> None:
        """Another area's part of the page (casework's list of the household's cases), placed
        above the members; ``focus`` are its widgets in Tab order."""
        layout = self.layout()
        layout.insertWidget(layout.indexOf(self.members_label), widget)
        self.part_focus.extend(focus)

    def link_buttons(self) -> list[QPushButton]:
        """The household's own links (its rental home), in order."""
        return [item.widget() for i in range(self.links_row.count())
                if isinstance((item := self.links_row.itemAt(i)).widget(), QPushButton)]

    def selected_person(self) -> str | None:
        rows = self.members.selectionModel().selectedRows()
        return self.members_model.person(rows[0].row()).person_id if rows else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        person_id = self.selected_person()
        if self.screen is None or person_id is None:
            return
        sections = self.screen.sections.get(person_id, ())
        self.sections.set_sections(sections)
        self.section_bar.set_sections([(s.department_code, s.title) for s in sections])
        self._show_member_heading()
        self.member_selected.emit(person_id)

    def _show_member_heading(self) -> None:
        person_id = self.selected_person()
        if person_id is None:
            self.member_heading.setText(self.tr("各部门信息"))
            return
        person = self.members_model.person(self.members_model.row_of(person_id) or 0)
        self.member_heading.setText(self.tr("%1 — 各部门信息").replace("%1", person.name))

    # -- small parts ---------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        super().resizeEvent(event)
        if (event.size().height() < SMALL_HEIGHT) != (event.oldSize().height() < SMALL_HEIGHT):
            self._fit_members_table()

    def _fit_members_table(self) -> None:
        """As tall as the household (up to eight rows, four on a small screen, then it scrolls):
        the facts below get the rest."""
        self.members.resizeRowsToContents()
        count = self.members_model.rowCount()
        most = MAX_VISIBLE_MEMBERS if self.height() >= SMALL_HEIGHT else SMALL_VISIBLE_MEMBERS
        rows = sum(self.members.rowHeight(i) for i in range(min(count, most)))
        if count == 0:
            rows = self.members.verticalHeader().defaultSectionSize()
        height = self.members.horizontalHeader().sizeHint().height() + rows + 2 * self.members.frameWidth()
        if self.members.horizontalScrollBar().isVisible():
            height += self.members.horizontalScrollBar().sizeHint().height()
        self.members.setFixedHeight(height + 2)

    def _chip(self, text: str) -> QLabel:
        chip = QLabel(text, self)
        chip.setObjectName("flag_chip")
        return chip

    def _link_button(self, text: str, place: Place) -> QPushButton:
        return page_parts.link_button(self, text, lambda: self.link_activated.emit(place))
