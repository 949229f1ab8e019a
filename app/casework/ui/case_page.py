"""A case page: the case's fields to edit (Ctrl+S saves), its conflicts side by side, and its
notes, newest first (Ctrl+N adds one).

Keyboard first: the page opens with the focus on the status; Tab walks the form, the save
button, the notes. A save or a note is written to the cache and its outbox at once (offline
too); the page redraws when the window announces that its case changed, whoever changed it.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from casework.ui import case_text, page_parts
from casework.ui.case_dialogs import NoteDialog, OptionalDateEdit, fill_codes, select_code
from casework.ui.case_models import NotesModel
from casework.ui.case_ops import CaseOps
from casework.ui.case_service import CASE_FIELDS, CaseDetail, CaseItem
from casework.ui.changes import OpChanges
from casework.ui.conflict_panel import Choice, ConflictPanel

TAG_SEPARATORS = re.compile(r"[,，、;；\s]+")


class CasePage(QWidget):
    household_requested = Signal(str)  # household id: back to the household the case is of
    loaded = Signal(str)  # case id, each time the page has drawn a case

    def __init__(self, ops: CaseOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_page")
        self.ops = ops
        self.detail: CaseDetail | None = None
        self.case_id: str | None = None
        self.me = ""
        self.resolving: set[str] = set()  # conflicts the user chose "edit" for: the save resolves them
        self.note_dialog: NoteDialog | None = None

        self.title = page_parts.page_title(self)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("page_subtitle")
        self.back_button = page_parts.link_button(self, "", self._back)
        self.marks_row = QHBoxLayout()
        self.marks_row.setSpacing(6)
        self.conflicts = ConflictPanel(self)
        self.conflicts.chosen.connect(self._conflict_chosen)
        self.form = self._build_form()
        self.notes_heading = QLabel(self)
        self.notes_heading.setObjectName("section_heading")
        self.add_note_button = QPushButton(self)
        self.add_note_button.setObjectName("add_note_button")
        self.add_note_button.clicked.connect(self.start_note)
        self.notes_model = NotesModel(self)
        self.notes = page_parts.people_table(self, self.notes_model, "notes_table")
        self.notes.setWordWrap(False)
        self.notes.selectionModel().selectionChanged.connect(self._note_selected)
        self.notes_heading.setBuddy(self.notes)
        self.note_text = QLabel(self)
        self.note_text.setObjectName("note_full_text")
        self.note_text.setWordWrap(True)
        self.note_text.setTextFormat(Qt.TextFormat.PlainText)
        self.note_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        notes_top = QHBoxLayout()
        notes_top.addWidget(self.notes_heading)
        notes_top.addStretch(1)
        notes_top.addWidget(self.add_note_button)
        page_parts.page_column(self, [top, self.subtitle, self.marks_row, self.conflicts, self.form,
                                      notes_top, self.notes, self.note_text], grow=self.notes)
        self.save_shortcut = QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        self.note_shortcut = QShortcut(QKeySequence("Ctrl+N"), self, self.start_note)
        for shortcut in (self.save_shortcut, self.note_shortcut):
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.retranslate_ui()

    def _build_form(self) -> QFrame:
        frame = QFrame(self)
        frame.setObjectName("case_form")
        self.status = QComboBox(frame)
        self.status.setObjectName("case_status")
        self.priority = QComboBox(frame)
        self.priority.setObjectName("case_priority")
        self.assigned_to = QLineEdit(frame)
        self.assigned_to.setObjectName("case_assigned_to")
        self.next_contact = OptionalDateEdit(frame)
        self.next_contact.setObjectName("case_next_contact")
        self.tags = QLineEdit(frame)
        self.tags.setObjectName("case_tags")
        self.summary = QPlainTextEdit(frame)
        self.summary.setObjectName("case_summary")
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(self.summary.fontMetrics().lineSpacing() * 3 + 14)
        self.save_button = QPushButton(frame)
        self.save_button.setObjectName("save_case_button")
        self.save_button.clicked.connect(self.save)
        self.labels: dict[str, QLabel] = {}
        grid = QGridLayout(frame)
        grid.setContentsMargins(0, 4, 0, 4)
        placed = (("status", self.status, 0, 0), ("priority", self.priority, 0, 2),
                  ("assigned_to", self.assigned_to, 1, 0), ("next_contact", self.next_contact, 1, 2),
                  ("tags", self.tags, 2, 0))
        for name, widget, row, column in placed:
            label = QLabel(frame)
            label.setBuddy(widget)
            self.labels[name] = label
            grid.addWidget(label, row, column)
            grid.addWidget(widget, row, column + 1)
        grid.addWidget(self.save_button, 2, 3, Qt.AlignmentFlag.AlignRight)
        summary_label = QLabel(frame)
        summary_label.setBuddy(self.summary)
        self.labels["summary"] = summary_label
        grid.addWidget(summary_label, 3, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.summary, 3, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for widget in (self.status, self.priority):
            widget.currentIndexChanged.connect(self._edited)
        for widget in (self.assigned_to, self.tags):
            widget.textChanged.connect(self._edited)
        self.next_contact.dateChanged.connect(self._edited)
        self.summary.textChanged.connect(self._edited)
        chain = (self.status, self.priority, self.assigned_to, self.next_contact, self.tags, self.summary,
                 self.save_button)
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        return frame

    # -- text --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        mnemonics = {"status": "T", "priority": "P", "assigned_to": "R", "next_contact": "D", "tags": "G",
                     "summary": "U"}
        for name, label in self.labels.items():
            label.setText(f"{case_text.field_label(name)}(&{mnemonics[name]})")
        for combo, name in ((self.status, "status"), (self.priority, "priority")):
            combo.blockSignals(True)
            fill_codes(combo, name)
            combo.blockSignals(False)
        self.next_contact.retranslate_ui()
        self.tags.setPlaceholderText(self.tr("以逗号或顿号分隔"))
        self.save_button.setText(self.tr("保存"))
        self.save_button.setToolTip(self.tr("保存修改（Ctrl+S）：立即存入本机，下次同步时上传"))
        self.notes_heading.setText(self.tr("个案记录(&J)"))
        self.notes.setAccessibleName(self.tr("个案记录，最新的在前"))
        self.add_note_button.setText(self.tr("新增记录…"))
        self.add_note_button.setToolTip(self.tr("新增一条走访、电话或来访记录（Ctrl+N）"))
        self.back_button.setText(self.tr("← 返回本户"))
        self.conflicts.retranslate_ui()
        if self.detail is not None:
            self._show_header(self.detail.case)

    # -- loading -----------------------------------------------------------------------------

    def open_case(self, case_id: str, me: str) -> None:
        """Load a case from the cache and draw it (``loaded`` says when)."""
        if case_id != self.case_id:
            self.resolving.clear()
        self.case_id, self.me = case_id, me
        self.ops.read(self, lambda service: service.case(case_id), self._show, title="open case")

    def reload(self) -> None:
        if self.case_id is not None:
            self.open_case(self.case_id, self.me)

    def on_changes(self, changes: OpChanges, _initiator: object) -> None:
        if changes.touches_case(self.case_id):
            self.reload()

    def _show(self, detail: CaseDetail | None) -> None:
        if detail is None or detail.case.id != self.case_id:
            return
        self.detail = detail
        case = detail.case
        self.resolving &= {c.field for c in case.conflicts}
        self._show_header(case)
        self._fill_form(case)
        self.conflicts.set_conflicts(case.conflicts, self.me)
        note_id = self._selected_note_id()
        self.notes_model.set_rows(detail.notes)
        row = self.notes_model.row_of(note_id) if note_id else None
        if detail.notes:
            self.notes.selectRow(row or 0)
        else:
            self.note_text.setText(self.tr("还没有记录。按 Ctrl+N 新增第一条。"))
        self.loaded.emit(case.id)

    def _show_header(self, case: CaseItem) -> None:
        self.title.setText(self.tr("个案：%1").replace("%1", case_text.code("category", case.category)))
        parts = [case_text.code("status", case.status)]
        if case.created_by:
            parts.append(self.tr("%1 创建于 %2").replace("%1", case.created_by)
                         .replace("%2", case_text.local_time(case.created_at)))
        self.subtitle.setText(" · ".join(parts))
        chips = []
        if case.conflicts:
            chips.append(self._chip(self.tr("冲突 %1 处，待选择").replace("%1", str(len(case.conflicts))),
                                    "conflict_badge"))
        if case.pending:
            chips.append(self._chip(self.tr("待上传：本机已保存，下次同步时上传"), "pending_badge"))
        if case.rejected:
            chip = self._chip(self.tr("中心拒绝了修改：%1").replace("%1", "；".join(case.rejected)),
                              "rejected_badge")
            chip.setWordWrap(True)
            chips.append(chip)
        page_parts.fill_row(self.marks_row, chips)

    def _fill_form(self, case: CaseItem) -> None:
        for name in CASE_FIELDS:
            if name not in self.resolving:
                self.set_field(name, case.value(name))
        self._edited()

    # -- the form ----------------------------------------------------------------------------

    def set_field(self, name: str, value: Any) -> None:
        widgets: dict[str, Any] = {"status": self.status, "priority": self.priority}
        if name in widgets:
            select_code(widgets[name], value)
        elif name == "assigned_to":
            self.assigned_to.setText(value or "")
        elif name == "next_contact":
            self.next_contact.set_iso(value)
        elif name == "tags":
            self.tags.setText("、".join(value or ()))
        elif name == "summary":
            self.summary.setPlainText(value or "")

    def field_widget(self, name: str) -> QWidget | None:
        return {"status": self.status, "priority": self.priority, "assigned_to": self.assigned_to,
                "next_contact": self.next_contact, "tags": self.tags, "summary": self.summary}.get(name)

    def form_values(self) -> dict[str, Any]:
        tags = [t for t in TAG_SEPARATORS.split(self.tags.text()) if t]
        return {"status": self.status.currentData(), "priority": self.priority.currentData(),
                "assigned_to": self.assigned_to.text().strip(), "next_contact": self.next_contact.iso(),
                "tags": tags, "summary": self.summary.toPlainText().rstrip()}

    def edited_fields(self) -> list[str]:
        if self.detail is None:
            return []
        case = self.detail.case
        return [name for name, value in self.form_values().items() if value != case.value(name)]

    def _edited(self, *_args: object) -> None:
        dirty = bool(self.edited_fields()) or bool(self.resolving)
        self.save_button.setEnabled(dirty and bool(self.assigned_to.text().strip()))

    # -- saving ------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save what the form changed (and the conflicts being resolved); False if nothing to save."""
        if self.detail is None or not self.save_button.isEnabled():
            return False
        case, values, resolves = self.detail.case, self.form_values(), tuple(sorted(self.resolving))
        self.save_button.setEnabled(False)
        self.ops.write(self, lambda service: service.save_case(case, values, resolves),
                       done=lambda _changes: self.resolving.difference_update(resolves), title="save case",
                       failed=lambda _message: self._edited())
        return True

    def _conflict_chosen(self, name: str, choice: str) -> None:
        if self.detail is None or (conflict := self.detail.case.conflict(name)) is None:
            return
        widget = self.field_widget(name)
        if choice == Choice.EDIT and widget is not None:
            self.resolving.add(name)
            self.set_field(name, conflict.mine)
            self._edited()
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        chosen = conflict.theirs if choice == Choice.THEIRS else conflict.mine
        case = self.detail.case
        if widget is None:  # a field the form does not show: saved on its own
            self.ops.write(self, lambda service: service.save_case(case, {name: chosen}, (name,)),
                           title="resolve conflict")
            return
        self.resolving.add(name)
        self.set_field(name, chosen)
        self._edited()
        self.save()

    # -- notes -------------------------------------------------------------------------------

    def start_note(self) -> None:
        """Ctrl+N: the note dialog; its text is saved at once when it is accepted."""
        if self.detail is None or self.note_dialog is not None:
            return
        case = self.detail.case
        dialog = NoteDialog(case_text.code("category", case.category), self)
        self.note_dialog = dialog

        def finished(result: int) -> None:
            self.note_dialog = None
            dialog.deleteLater()
            if result:
                channel, text = dialog.channel_code(), dialog.note_text()
                self.ops.write(self, lambda service: service.add_note(case, channel, text), title="add note")
            self.notes.setFocus()

        dialog.finished.connect(finished)
        dialog.open()

    def _note_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.notes.selectionModel().selectedRows()
        self.note_text.setText(self.notes_model.note(rows[0].row()).text if rows else "")

    def _selected_note_id(self) -> str | None:
        rows = self.notes.selectionModel().selectedRows()
        return self.notes_model.note(rows[0].row()).id if rows else None

    # -- small parts -------------------------------------------------------------------------

    def _back(self) -> None:
        if self.detail is not None:
            self.household_requested.emit(self.detail.case.household_id)

    def _chip(self, text: str, name: str) -> QLabel:
        chip = QLabel(text, self)
        chip.setObjectName(name)
        return chip
