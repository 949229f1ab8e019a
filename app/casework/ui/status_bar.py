"""The status bar: online or offline, last sync, a progress bar while syncing, pending local
changes, and who is signed in in which role. It only draws what the sync controller tells it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from casework.ui import labels
from casework.ui.elided_label import ElidedLabel
from casework.ui.formatting import format_sync_time

RESULT_MS = 8000


class CaseworkStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status_bar")
        self._online = False
        self._syncing = False
        self._last_sync: dt.datetime | None = None
        self._pending = 0
        self._user = ""
        self._role = ""
        self._first_sync: Any = None  # the service's FirstSync while no sync has completed


        self.connection_label = ElidedLabel(self)
        self.connection_label.setObjectName("connection_label")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("sync_progress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.pending_label = QLabel(self)
        self.pending_label.setObjectName("pending_label")
        self.user_label = ElidedLabel(self)  # a display name of any length
        self.user_label.setObjectName("user_label")
        self.addWidget(self.connection_label)
        self.addWidget(self.progress)
        self.result_label = QLabel(self)  # what the last F5 did ("已是最新"), for a few seconds
        self.result_label.setObjectName("sync_result")
        self._result_timer = QTimer(self)
        self._result_timer.setSingleShot(True)
        self._result_timer.timeout.connect(self.result_label.clear)
        self.addPermanentWidget(self.result_label)
        self.addPermanentWidget(self.pending_label)
        self.addPermanentWidget(self.user_label)
        self.retranslate_ui()

    # -- state, set by the sync controller -------------------------------------------------------

    def set_online(self, online: bool) -> None:
        self._online = online
        self._show_connection()

    def set_last_sync(self, when: dt.datetime | None) -> None:
        self._last_sync = when
        self._show_connection()

    def set_first_sync(self, state: Any) -> None:
        """``state`` (a ``FirstSync``) while the first sync has not finished, else None."""
        self._first_sync = state
        self._show_connection()

    def show_result(self, text: str, ms: int = RESULT_MS) -> None:
        """Say what a sync the user asked for did, for ``ms`` milliseconds."""
        self.result_label.setText(text)
        self._result_timer.start(ms)

    def sync_started(self) -> None:
        self._syncing = True
        self.progress.setRange(0, 0)  # busy until the first estimate arrives
        self.progress.show()
        self._show_connection()

    def sync_progress(self, done: int, total: int, phase: str = "pull") -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        fmt = self.tr("核对修复 %v/%m") if phase == "repair" else self.tr("同步 %v/%m")
        self.progress.setFormat(fmt)

    def sync_finished(self) -> None:
        self._syncing = False
        self.progress.hide()
        self._show_connection()

    def set_pending(self, count: int) -> None:
        self._pending = count
        self._show_pending()

    def set_user(self, display_name: str, role: str) -> None:
        self._user, self._role = display_name, role
        self._show_user()

    @property
    def online(self) -> bool:
        return self._online

    @property
    def pending(self) -> int:
        """Local edits not yet pushed, as last counted (after each edit and each sync)."""
        return self._pending

    # -- drawing ---------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self._show_connection()
        self._show_pending()
        self._show_user()

    def connection_text(self) -> str:
        last = format_sync_time(self._last_sync)
        if self._syncing:
            return self.tr("● 在线 — 正在同步…")
        if self._first_sync is not None:
            percent = self._first_sync.percent
            partial = (self.tr("首次同步未完成") if percent is None
                       else self.tr("首次同步未完成：已有 %1%").replace("%1", str(percent)))
            return (self.tr("● 在线 — %1") if self._online else self.tr("○ 离线 — %1")).replace("%1", partial)
        if self._online:
            return self.tr("● 在线 — 上次同步 %1").replace("%1", last)
        return self.tr("○ 离线 — 上次同步 %1").replace("%1", last)

    def _show_connection(self) -> None:
        self.connection_label.setText(self.connection_text())
        self.connection_label.setProperty("online", self._online)
        self.connection_label.style().unpolish(self.connection_label)
        self.connection_label.style().polish(self.connection_label)
        self.connection_label.setToolTip(self.tr("F5 立即同步"))

    def _show_pending(self) -> None:
        self.pending_label.setText(self.tr("待上传 %1 条").replace("%1", str(self._pending)))

    def _show_user(self) -> None:
        if self._user:
            self.user_label.setText(f"{self._user} · {labels.role(self._role)}")
        else:
            self.user_label.setText("")
