"""The person – rental housing – enterprise pages ("人—屋—企" 联动): a rental home with its
landlord and tenants, an enterprise with its workers in scope. Enter on a person opens their
household; the window's back and forward (Alt+Left / Alt+Right) return.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from casework.ui import page_parts
from casework.ui.navigation import Place
from casework.ui.people_model import PeopleModel
from casework.ui.presentation import LinkedScreen


class LinkedPage(QWidget):
    """One page type for both rental homes and enterprises: a title, details, links and people."""

    person_activated = Signal(str, str)  # household id, person id
    link_activated = Signal(object)  # Place

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linked_page")
        self.screen: LinkedScreen | None = None
        self.title = page_parts.page_title(self)
        self.details = QFormLayout()
        self.details.setHorizontalSpacing(14)
        self.links_row = QHBoxLayout()
        self.notes = page_parts.notes_label(self)
        self.people_label = QLabel(self)
        self.people_label.setObjectName("section_heading")
        self.people_model = PeopleModel(self)
        self.people = page_parts.people_table(self, self.people_model, "linked_people")
        self.people.activated.connect(self._activate)
        self.people_label.setBuddy(self.people)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")

        page_parts.page_column(self, [self.title, self.details, self.links_row, self.notes,
                                      self.people_label, self.people, self.hint], grow=self.people)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.hint.setText(self.tr("Enter 或双击打开此人的家庭；Alt+← 返回"))

    def show_screen(self, screen: LinkedScreen) -> None:
        self.screen = screen
        self.title.setText(screen.title)
        while self.details.rowCount():
            self.details.removeRow(0)
        for label, value in screen.details:
            value_label = QLabel(value, self)
            value_label.setWordWrap(True)
            value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details.addRow(QLabel(label, self), value_label)
        page_parts.fill_row(self.links_row, [self._link_button(text, place) for text, place in screen.links])
        self.notes.setText("\n".join(screen.notes))
        self.notes.setVisible(bool(screen.notes))
        self.people_label.setText(screen.people_title)
        self.people_model.set_rows(screen.people)
        if screen.people:
            self.people.setCurrentIndex(self.people_model.index(0, 0))

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            person = self.people_model.person(index.row())
            self.person_activated.emit(person.household_id, person.person_id)

    def _link_button(self, text: str, place: Place) -> QPushButton:
        return page_parts.link_button(self, text, lambda: self.link_activated.emit(place))
