"""The key to the classification badges, with the user's own clearance: what 公开, 内部, 秘密 and
机密 mean, and which of them this user sees. Beside the facts, so a badge is never a puzzle and a
withheld value never looks like missing data (issue 10: a tooltip on a padlock was all)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from casework.domain.classification import Level
from casework.ui import labels

MEANINGS = {  # what each level means for the user, shown as the badge's tooltip
    Level.PUBLIC: QT_TRANSLATE_NOOP("LevelLegend", "可公开的信息"),
    Level.INTERNAL: QT_TRANSLATE_NOOP("LevelLegend", "仅限有权限的工作人员"),
    Level.SECRET: QT_TRANSLATE_NOOP("LevelLegend", "需要秘密级权限"),
    Level.CONFIDENTIAL: QT_TRANSLATE_NOOP("LevelLegend", "需要机密级权限"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("LevelLegend", text)


class LevelLegend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("level_legend")
        self._clearance = Level.INTERNAL
        self.title = QLabel(self)
        self.title.setObjectName("legend_title")
        self.badges: dict[Level, QLabel] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.title)
        for level in MEANINGS:
            badge = QLabel(self)
            badge.setObjectName("level_badge")
            badge.setProperty("level", level.code)
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.badges[level] = badge
            row.addWidget(badge)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.retranslate_ui()

    def set_clearance(self, code: str) -> None:
        self._clearance = Level.parse(code) if code else Level.INTERNAL
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("密级（您可看到%1及以下）：").replace("%1", labels.level(self._clearance)))
        for level, badge in self.badges.items():
            badge.setText(labels.level(level))
            state = (self.tr("您可查看") if level <= self._clearance
                     else self.tr("高于您的密级：只显示替代它的状态，可向数据所属部门申请查看"))
            badge.setToolTip(f"{_tr(MEANINGS[level])} — {state}")
        self.setAccessibleName(self.title.text())

