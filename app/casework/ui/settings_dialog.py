"""Settings the user may change: idle lock time, how often to sync, the interface language."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QWidget

from casework.ui import i18n
from casework.ui.idle_lock import MIN_MINUTES, idle_minutes
from casework.ui.settings import Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None, *, idle_max: int = 30) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self._settings = settings
        self._idle_max = max(MIN_MINUTES, idle_max)  # the hub's policy
        self.idle_minutes = QSpinBox(self)
        self.idle_minutes.setObjectName("idle_lock_minutes")
        self.idle_minutes.setRange(MIN_MINUTES, self._idle_max)
        self.idle_minutes.setValue(idle_minutes(settings.idle_lock_minutes, self._idle_max))
        self.sync_minutes = QSpinBox(self)
        self.sync_minutes.setObjectName("auto_sync_minutes")
        self.sync_minutes.setRange(0, 240)
        self.sync_minutes.setValue(settings.auto_sync_minutes)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.idle_label, self.sync_label, self.language_label = QLabel(self), QLabel(self), QLabel(self)
        form = QFormLayout(self)
        for label, field in ((self.idle_label, self.idle_minutes), (self.sync_label, self.sync_minutes),
                             (self.language_label, self.language)):
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("设置"))
        self.idle_label.setText(self.tr("空闲锁定（%1–%2 分钟，上限由中心规定）(&I)：")
                                .replace("%1", str(MIN_MINUTES)).replace("%2", str(self._idle_max)))
        self.sync_label.setText(self.tr("自动同步间隔（分钟，0 为仅手动）(&A)："))
        self.language_label.setText(self.tr("界面语言(&L)："))
        self.idle_minutes.setSuffix(self.tr(" 分钟"))
        self.sync_minutes.setSuffix(self.tr(" 分钟"))

    def _save(self) -> None:
        self._settings.idle_lock_minutes = self.idle_minutes.value()
        self._settings.auto_sync_minutes = self.sync_minutes.value()
        self._settings.language = str(self.language.currentData())
        self._settings.sync()
        self.accept()
