"""The conflict panel of a case: each field two people changed from the same value, side by side
— what I typed, what the other person saved, who and when — and the three ways out: keep mine,
keep theirs, or edit (the field is put in the form with my value, to be changed and saved).

It only draws and says what was chosen (``chosen``); the case page saves the choice as an
ordinary edit that names the field in ``resolves``. Until then both values stay on the record.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from casework.domain.merge import Conflict
from casework.ui import case_text


class Choice(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"
    EDIT = "edit"


class ConflictPanel(QFrame):
    chosen = Signal(str, str)  # (field, Choice)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_panel")
        self.conflicts: tuple[Conflict, ...] = ()
        self.me = ""
        self.heading = QLabel(self)
        self.heading.setObjectName("conflict_heading")
        self.heading.setWordWrap(True)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(4)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 8, 6)
        column.addWidget(self.heading)
        column.addLayout(self.grid)
        self.buttons: dict[tuple[str, Choice], QPushButton] = {}
        self.hide()

    def retranslate_ui(self) -> None:
        self.set_conflicts(self.conflicts, self.me)

    def set_conflicts(self, conflicts: Sequence[Conflict], me: str) -> None:
        """Show the open conflicts (hidden when there are none)."""
        self.conflicts, self.me = tuple(conflicts), me
        self._clear()
        self.setVisible(bool(self.conflicts))
        if not self.conflicts:
            return
        self.heading.setText(self.tr(
            "冲突 %1 处：您和其他人从同一个值出发修改了同一字段，两个值都已保留。请选择保留哪一个；"
            "选择作为一次修改保存，下次同步时上传。").replace("%1", str(len(self.conflicts))))
        for column, title in enumerate((self.tr("字段"), self.tr("我填写的"), self.tr("对方保存的"))):
            label = QLabel(title, self)
            label.setObjectName("conflict_column")
            self.grid.addWidget(label, 0, column)
        for row, conflict in enumerate(self.conflicts, start=1):
            self._add_row(row, conflict)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)

    def _add_row(self, row: int, conflict: Conflict) -> None:
        name = conflict.field
        field = QLabel(case_text.field_label(name), self)
        field.setObjectName("conflict_field")
        mine_who = self._who(conflict.mine_by, self.tr("我"))
        theirs_who = self._who(conflict.by, self.tr("其他人"))
        mine = self._value(case_text.value(name, conflict.mine), mine_who, conflict.mine_at,
                           "conflict_mine")
        theirs = self._value(case_text.value(name, conflict.theirs), theirs_who, conflict.at,
                             "conflict_theirs")
        actions = QHBoxLayout()
        for choice, text, tip in (
                (Choice.MINE, self.tr("用我的"), self.tr("保留我填写的值")),
                (Choice.THEIRS, self.tr("用对方的"), self.tr("保留%1保存的值").replace("%1", theirs_who)),
                (Choice.EDIT, self.tr("编辑…"), self.tr("在表单中修改这个字段，然后保存（Ctrl+S）"))):
            button = QPushButton(text, self)
            button.setObjectName(f"conflict_{choice}")
            button.setToolTip(tip)
            button.setAccessibleName(f"{text} — {case_text.field_label(name)}")
            button.clicked.connect(lambda _=False, n=name, c=choice: self.chosen.emit(n, c.value))
            actions.addWidget(button)
            self.buttons[(name, choice)] = button
        self.grid.addWidget(field, row, 0, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(mine, row, 1)
        self.grid.addWidget(theirs, row, 2)
        self.grid.addLayout(actions, row, 3)

    def _who(self, user: str | None, fallback: str) -> str:
        if not user:
            return fallback
        return self.tr("我") if user == self.me else user

    def _value(self, text: str, who: str, at: str | None, name: str) -> QLabel:
        when = case_text.local_time(at)
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        byline = self.tr("%1，%2").replace("%1", who).replace("%2", when) if when else who
        label.setText(f"{text}\n— {byline}")
        return label

    def button(self, field: str, choice: Choice) -> QPushButton:
        return self.buttons[(field, choice)]

    def _clear(self) -> None:
        self.buttons.clear()
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
            elif item.layout() is not None:
                layout = item.layout()
                while layout.count():
                    inner = layout.takeAt(0)
                    if inner.widget() is not None:
                        inner.widget().deleteLater()
                layout.deleteLater()
