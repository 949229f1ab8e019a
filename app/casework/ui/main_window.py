"""The main window: composes search, the household and linked pages, the status bar, sync, the
idle lock and the menus. It holds no logic of its own beyond wiring and navigation.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from casework.domain.roles import Role
from casework.ui import i18n, labels, presenters
from casework.ui.casework_area import CaseworkArea
from casework.ui.household_view import HouseholdPage
from casework.ui.idle_lock import IdleLock, idle_minutes
from casework.ui.links import LinkedPage
from casework.ui.lock_page import BY_HAND, IDLE, LockPage
from casework.ui.menus import WindowActions, build_menus
from casework.ui.navigation import History, Place, PlaceKind
from casework.ui.notice_bar import NoticeBar
from casework.ui.operations import Lane, Operation, TaskManager
from casework.ui.search_panel import SearchPanel
from casework.ui.settings import Settings
from casework.ui.settings_dialog import SettingsDialog
from casework.ui.status_bar import CaseworkStatusBar
from casework.ui.sync_controller import SyncController
from casework.ui.window_fit import place_window

ADMIN_ROLE = Role.ADMIN.value


class MainWindow(QMainWindow):
    place_shown = Signal(object)  # the Place now on screen
    locked_changed = Signal(bool)

    def __init__(self, tasks: TaskManager, services: Any, settings: Settings, signed_in: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.tasks, self.services, self.settings, self.signed_in = tasks, services, settings, signed_in
        self.history = History()

        self.search = SearchPanel(tasks, services, self)
        self.search.person_activated.connect(
            lambda household, person: self.open_place(Place(PlaceKind.HOUSEHOLD, household, person)))
        self.welcome = QLabel(self)
        self.welcome.setObjectName("welcome")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setWordWrap(True)
        self.household_page = HouseholdPage(self)
        self.household_page.set_clearance(signed_in.clearance)
        self.search.setEnabled(signed_in.role != ADMIN_ROLE)  # an admin holds no residents to find
        self.household_page.link_activated.connect(self.open_place)
        self.household_page.member_selected.connect(self._member_selected)
        self.linked_page = LinkedPage(self)
        self.linked_page.link_activated.connect(self.open_place)
        self.linked_page.person_activated.connect(
            lambda household, person: self.open_place(Place(PlaceKind.HOUSEHOLD, household, person)))
        self.place_stack = QStackedWidget(self)
        for page in (self.welcome, self.household_page, self.linked_page):
            self.place_stack.addWidget(page)
        self.work_area = QSplitter(Qt.Orientation.Horizontal, self)
        self.work_area.addWidget(self.search)
        self.work_area.addWidget(self.place_stack)
        self.work_area.setStretchFactor(0, 2)
        self.work_area.setStretchFactor(1, 3)
        self.work_area.setSizes([600, 760])
        self.lock_page = LockPage(tasks, services, self)
        self.lock_page.unlocked.connect(self.unlock)
        self.content = QStackedWidget(self)
        self.content.addWidget(self.work_area)
        self.content.addWidget(self.lock_page)
        self.notice = NoticeBar(self)
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.notice)
        central_layout.addWidget(self.content, 1)
        self.setCentralWidget(central)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.notice.dismiss)

        self.status = CaseworkStatusBar(self)
        self.setStatusBar(self.status)
        self.status.set_user(signed_in.display_name, signed_in.role)
        self.status.set_online(signed_in.online)
        self.sync = SyncController(tasks, services, self.status, settings.auto_sync_minutes,
                                   settings.offline_retry_seconds, self)
        self.sync.synced.connect(self._synced)
        self.sync.failed.connect(lambda message: self.notice.show_notice(message, "warning"))
        tasks.failed.connect(self._operation_failed)  # a bound slot: disconnected with the window
        self.idle = IdleLock(idle_minutes(settings.idle_lock_minutes, signed_in.idle_lock_max_minutes), self)
        self.idle.idle.connect(self.lock)

        self.actions_ = WindowActions(self)
        build_menus(self, self.actions_)
        self.actions_.sync.triggered.connect(self.sync.sync_by_hand)
        self.actions_.find.triggered.connect(self.focus_search)
        self.actions_.back.triggered.connect(self.go_back)
        self.actions_.forward.triggered.connect(self.go_forward)
        self.actions_.lock.triggered.connect(lambda: self.lock(BY_HAND))
        self.actions_.settings.triggered.connect(self.edit_settings)
        self.actions_.quit.triggered.connect(self.close)
        self.actions_.about.triggered.connect(self._about)
        self.actions_.language_chosen.connect(self.set_language)
        self.casework = CaseworkArea(self)  # cases, my cases, audit of openings, the pending count

        place_window(self, settings.window_geometry)  # the saved place only when it fits a screen
        self.retranslate_ui()
        self._update_navigation()
        self.search.setFocus()
        self._refresh_status()

    # -- text --------------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        # Qt adds the application's name after the title itself (a second one repeated it).
        self.setWindowTitle(self.tr("%1（%2）").replace("%1", self.signed_in.display_name)
                            .replace("%2", labels.role(self.signed_in.role)))
        self.welcome.setText(self.tr("按 Ctrl+F 搜索居民：姓名、拼音（如 zs、zhangsan、zhangs）、"
                                     "身份证号或后4位、电话或后4位、地址。\n按 F5 立即同步。"))
        if self.signed_in.role == ADMIN_ROLE:  # no personal data: say what the role is for instead
            self.welcome.setText(self.tr(
                "系统管理员账户不持有居民数据，这里没有可查的内容。\n管理用户请在中心服务器上运行："
                "casework hub user add | change | list | unlock | reset-password | disable | enable"
                "（详见 casework hub user --help）。"))
        for part in (self.search, self.household_page, self.linked_page, self.lock_page, self.status,
                     self.actions_, self.notice, self.casework):
            part.retranslate_ui()
        if self.history.current is not None:
            self.open_place(self.history.current, record=False)

    def set_language(self, language: str) -> None:
        app = QApplication.instance()
        i18n.install_language(app, language)
        app.setApplicationDisplayName(QApplication.translate("application", "街道个案工作台"))
        self.settings.language = language
        self.retranslate_ui()

    # -- navigation --------------------------------------------------------------------------------

    def open_place(self, place: Place, record: bool = True) -> None:
        """Load a household, rental home or enterprise from the cache and show it."""
        if self.casework.owns(place):  # a case, my cases
            self.casework.open_place(place, record)
            return
        loader = {PlaceKind.HOUSEHOLD: self.services.household,
                  PlaceKind.RENTAL_HOUSING: self.services.rental_housing,
                  PlaceKind.ENTERPRISE: self.services.enterprise}[place.kind]
        Operation(self.tasks, lambda ctx: loader(place.id),
                  success=lambda view: self._show(place, view, record), lane=Lane.DATABASE,
                  parent=self, title=f"open {place.kind}").run()

    def _show(self, place: Place, view: Any, record: bool) -> None:
        if view is None:
            message = self.tr("本机缓存中没有此记录（可能不在您的范围内，或尚未同步）。")
            self.notice.show_notice(message, "info", 10000)
            return
        if place.kind is PlaceKind.HOUSEHOLD:
            self.household_page.show_screen(presenters.household_screen(view), place.focus)
            QWidget.setTabOrder(self.search.table, self.household_page.focus_chain[0])
            self.place_stack.setCurrentWidget(self.household_page)
            self.household_page.members.setFocus()
        else:
            screen = (presenters.rental_screen(view) if place.kind is PlaceKind.RENTAL_HOUSING
                      else presenters.enterprise_screen(view))
            self.linked_page.show_screen(screen)
            self.place_stack.setCurrentWidget(self.linked_page)
            self.linked_page.people.setFocus()
        if record:
            self.history.visit(place)
        self._update_navigation()
        self.place_shown.emit(place)

    def show_page(self, page: QWidget, place: Place, record: bool) -> None:
        """Show another area's page, loaded, as the current place (casework's pages)."""
        self.place_stack.setCurrentWidget(page)
        if record:
            self.history.visit(place)
        self._update_navigation()
        self.place_shown.emit(place)

    def _member_selected(self, person_id: str) -> None:
        current = self.history.current
        if current is not None and current.kind is PlaceKind.HOUSEHOLD:
            self.history.replace_current(Place(current.kind, current.id, person_id))

    def go_back(self) -> None:
        place = self.history.back()
        if place is not None:
            self.open_place(place, record=False)
        self._update_navigation()

    def go_forward(self) -> None:
        place = self.history.forward()
        if place is not None:
            self.open_place(place, record=False)
        self._update_navigation()

    def _update_navigation(self) -> None:
        self.actions_.back.setEnabled(self.history.can_go_back())
        self.actions_.forward.setEnabled(self.history.can_go_forward())

    def focus_search(self) -> None:
        if self.content.currentWidget() is self.work_area:
            self.search.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search.field.selectAll()

    # -- sync and status ----------------------------------------------------------------------------

    def _synced(self, outcome: Any) -> None:
        self._show_first_sync(outcome.first_sync)
        if not outcome.online and outcome.first_sync is not None:
            self.notice.show_notice(self.tr("无法连接中心：首次同步未完成，本机只有部分数据——查不到的人可能"
                                            "只是尚未同步。恢复连接后会自动继续（或按 F5）。"), "warning")
        elif not outcome.online:
            self.notice.show_notice(self.tr("无法连接中心，正在离线工作：显示的是本机缓存中上次同步的数据。"
                                            "恢复连接后会自动同步（或按 F5）。"), "warning")
        elif self.notice.property("level") == "warning" and self.notice.isVisible():
            self.notice.dismiss()  # back online: the offline warning no longer holds
        if outcome.online and outcome.changes:
            self.search.rerun()
            if self.history.current is not None:
                self.open_place(self.history.current, record=False)

    def _operation_failed(self, _title: str, exc: BaseException) -> None:
        self.notice.show_notice(self.services.describe_error(exc), "warning")

    def _refresh_status(self) -> None:
        def done(info: tuple[Any, int, Any]) -> None:
            self.status.set_last_sync(info[0])
            self.status.set_pending(info[1])
            self._show_first_sync(info[2])

        Operation(self.tasks, lambda ctx: (self.services.last_sync(), self.services.pending_changes(),
                                           self.services.first_sync_state()),
                  success=done, lane=Lane.DATABASE, parent=self, title="status").run()

    def _show_first_sync(self, state: Any) -> None:
        """Until a first sync has finished, the status bar and the search say the data is partial."""
        self.status.set_first_sync(state)
        self.search.set_partial(state is not None)

    # -- locking -----------------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self.content.currentWidget() is self.lock_page

    def lock(self, reason: str = IDLE) -> None:
        if self.is_locked:
            return
        self.notice.dismiss()  # nothing of before stays on the lock screen
        self.lock_page.reset(reason)
        self.content.setCurrentWidget(self.lock_page)
        self.menuBar().setEnabled(False)
        self.lock_page.setFocus()
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        self.content.setCurrentWidget(self.work_area)
        self.menuBar().setEnabled(True)
        self.idle.rearm()
        self.search.setFocus()
        self.locked_changed.emit(False)

    # -- settings, about, closing -------------------------------------------------------------------

    def edit_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self, idle_max=self.signed_in.idle_lock_max_minutes)
        if dialog.exec():
            self.idle.set_minutes(idle_minutes(self.settings.idle_lock_minutes,
                                               self.signed_in.idle_lock_max_minutes))
            self.sync.set_intervals(self.settings.auto_sync_minutes, self.settings.offline_retry_seconds)
            if self.settings.language != i18n.current_language():
                self.set_language(self.settings.language)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("关于"), self.tr(
            "街道个案工作台：整合各部门数据的家庭视图，离线可用，联网同步。"))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.casework.may_close():  # edits not yet pushed: says how many, may stay to sync
            event.ignore()
            return
        self.settings.window_geometry = bytes(self.saveGeometry().data())
        self.sync.stop()
        self.idle.stop()
        super().closeEvent(event)
