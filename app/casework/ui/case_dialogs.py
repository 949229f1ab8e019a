"""The small dialogs of casework: a new note (Ctrl+N on a case) and a new case (on a household).

Both only collect what the user typed; the page that opened them saves it through the case
operations. Ctrl+Enter saves from anywhere in the dialog, Esc cancels.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from casework.domain.records import Kind
from casework.ui import case_text
from casework.ui.case_service import NewCase

NO_DATE = QDate(2000, 1, 1)  # the minimum of an OptionalDateEdit: shown as "not set"


class OptionalDateEdit(QDateEdit):
    """A date that may be unset: the minimum date shows as "未设定" (Qt's special value)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(NO_DATE)
        self.setMaximumDate(QDate(2099, 12, 31))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setSpecialValueText(self.tr("未设定"))

    def iso(self) -> str | None:
        date = self.date()
        return None if date == NO_DATE else date.toString(Qt.DateFormat.ISODate)

    def set_iso(self, value: str | None) -> None:
        date = QDate.fromString(value or "", Qt.DateFormat.ISODate)
        self.setDate(date if date.isValid() else NO_DATE)


def fill_codes(combo: QComboBox, field_name: str, kind: str = Kind.CASE) -> None:
    """The declared codes of a field, by name in the current language; the code as item data."""
    chosen = combo.currentData()
    combo.clear()
    for code, label in case_text.codes(field_name, kind):
        combo.addItem(label, code)
    select_code(combo, chosen)


def select_code(combo: QComboBox, code: str | None) -> None:
    index = combo.findData(code)
    if index >= 0:
        combo.setCurrentIndex(index)


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                               dialog)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    QShortcut(QKeySequence("Ctrl+Return"), dialog, dialog.accept)
    QShortcut(QKeySequence("Ctrl+Enter"), dialog, dialog.accept)
    return buttons


class NoteDialog(QDialog):
    """A new note: how the contact happened and what was said or seen."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("note_dialog")
        self.setWindowTitle(self.tr("新增个案记录 — %1").replace("%1", title))
        self.channel = QComboBox(self)
        self.channel.setObjectName("note_channel")
        fill_codes(self.channel, "channel", Kind.CASE_NOTE)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("note_text")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("走访或联系的情况、居民的诉求、下一步安排……"))
        self.hint = QLabel(self.tr("Ctrl+Enter 保存。离线时也会立即保存在本机，联网后上传。"), self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.buttons = _buttons(self, self.tr("保存记录"))
        self.text.textChanged.connect(self._enable)
        form = QFormLayout()
        form.addRow(self.tr("方式(&W)"), self.channel)
        form.addRow(self.tr("内容(&T)"), self.text)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.hint)
        column.addWidget(self.buttons)
        self.resize(560, 360)
        self._enable()
        self.text.setFocus()

    def _enable(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.note_text()))

    def note_text(self) -> str:
        return self.text.toPlainText().strip()

    def channel_code(self) -> str:
        return str(self.channel.currentData())

    def accept(self) -> None:
        if self.note_text():  # Ctrl+Enter on an empty note does nothing
            super().accept()


class NewCaseDialog(QDialog):
    """A new case for a household: category, priority, who follows it, what it is about."""

    def __init__(self, household_id: str, household_title: str, username: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_case_dialog")
        self.household_id = household_id
        self.setWindowTitle(self.tr("新建个案 — %1").replace("%1", household_title))
        self.category = QComboBox(self)
        self.category.setObjectName("case_category")
        fill_codes(self.category, "category")
        self.priority = QComboBox(self)
        self.priority.setObjectName("case_priority")
        fill_codes(self.priority, "priority")
        self.assigned_to = QLineEdit(username, self)
        self.assigned_to.setObjectName("case_assigned_to")
        self.next_contact = OptionalDateEdit(self)
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("case_summary")
        self.summary.setTabChangesFocus(True)
        self.buttons = _buttons(self, self.tr("新建"))
        self.assigned_to.textChanged.connect(self._enable)
        form = QFormLayout()
        form.addRow(self.tr("类别(&C)"), self.category)
        form.addRow(self.tr("优先级(&P)"), self.priority)
        form.addRow(self.tr("责任人(&R)"), self.assigned_to)
        form.addRow(self.tr("下次联系(&D)"), self.next_contact)
        form.addRow(self.tr("概况(&U)"), self.summary)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.buttons)
        self.resize(520, 380)
        self._enable()
        self.category.setFocus()

    def _enable(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.assigned_to.text().strip()))

    def accept(self) -> None:
        if self.assigned_to.text().strip():
            super().accept()

    def new_case(self) -> NewCase:
        return NewCase(household_id=self.household_id, category=str(self.category.currentData()),
                       priority=str(self.priority.currentData()), assigned_to=self.assigned_to.text().strip(),
                       summary=self.summary.toPlainText().strip(), next_contact=self.next_contact.iso())
