"""Casework in the main window: the household's cases on the household page, the case page,
"我的个案", the audit of each household opening, the real pending count, and the word before
closing with edits not yet pushed.

The window builds one ``CaseworkArea`` and forwards to it the places it owns (``PlaceKind.CASE``,
``PlaceKind.MY_CASES``); everything else here listens — to the window's ``place_shown``, to
the sync's outcome, and to the ``ChangeAnnouncer`` every case operation reports to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from casework.ui.case_dialogs import NewCaseDialog
from casework.ui.case_list import CasesPanel
from casework.ui.case_ops import CaseOps
from casework.ui.case_page import CasePage
from casework.ui.case_service import CaseService
from casework.ui.changes import ChangeAnnouncer, OpChanges
from casework.ui.my_cases import MyCasesPage
from casework.ui.navigation import Place, PlaceKind

if TYPE_CHECKING:
    from casework.ui.main_window import MainWindow

OWN_PLACES = frozenset({PlaceKind.CASE, PlaceKind.MY_CASES})


class CaseworkArea(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.me: str = window.signed_in.username
        self.announcer = ChangeAnnouncer(self)
        self.service = CaseService(window.services)
        self.ops = CaseOps(window.tasks, self.service, self.announcer,
                           refused=lambda message: window.notice.show_notice(message, "warning"))
        self.ask_before_close = True
        self._opened_household: str | None = None  # the household whose opening was audited last
        self.new_case_dialog: NewCaseDialog | None = None

        self.cases_panel = CasesPanel(window.household_page)
        window.household_page.add_part(self.cases_panel,
                                       [self.cases_panel.table, self.cases_panel.new_button])
        self.cases_panel.case_activated.connect(self.open_case)
        self.cases_panel.new_case_requested.connect(self.start_new_case)
        self.case_page = CasePage(self.ops, window.place_stack)
        self.case_page.loaded.connect(self._case_loaded)
        self.case_page.household_requested.connect(
            lambda household: window.open_place(Place(PlaceKind.HOUSEHOLD, household)))
        self.my_cases = MyCasesPage(self.ops, window.place_stack)
        self.my_cases.case_activated.connect(self.open_case)
        self.my_cases.loaded.connect(lambda _count: self._page_loaded(self.my_cases))
        for page in (self.case_page, self.my_cases):
            window.place_stack.addWidget(page)

        self.my_cases_action = self._action("action_my_cases", "Ctrl+M", self.show_my_cases)
        self.new_case_action = self._action("action_new_case", "Ctrl+Shift+N", self.start_new_case)
        go_menu = window.actions_.menus.get("go")
        if go_menu is not None:
            go_menu.addSeparator()
            go_menu.addAction(self.my_cases_action)
            go_menu.addAction(self.new_case_action)

        self._pending_place: tuple[Place, bool] | None = None
        window.place_shown.connect(self._place_shown)
        window.sync.synced.connect(self._synced)
        self.announcer.operation_did_execute.connect(self._changed)
        self.retranslate_ui()
        self.refresh_pending()

    def _action(self, name: str, shortcut: str, slot: object) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def retranslate_ui(self) -> None:
        self.my_cases_action.setText(self.tr("我的个案(&M)"))
        self.new_case_action.setText(self.tr("为本户新建个案(&N)…"))
        for part in (self.cases_panel, self.case_page, self.my_cases):
            part.retranslate_ui()

    # -- places ------------------------------------------------------------------------------

    def owns(self, place: Place) -> bool:
        return place.kind in OWN_PLACES

    def open_place(self, place: Place, record: bool = True) -> None:
        """Load one of casework's places; the window shows it once it is drawn."""
        self._pending_place = (place, record)
        if place.kind is PlaceKind.CASE:
            self.case_page.open_case(place.id, self.me)
        else:
            self.my_cases.load(self.me)

    def open_case(self, case_id: str) -> None:
        self.window.open_place(Place(PlaceKind.CASE, case_id))

    def show_my_cases(self) -> None:
        if not self.window.is_locked:
            self.window.open_place(Place(PlaceKind.MY_CASES, self.me))

    def _case_loaded(self, case_id: str) -> None:
        self._page_loaded(self.case_page, case_id)

    def _page_loaded(self, page: QWidget, place_id: str | None = None) -> None:
        if self._pending_place is None:
            return
        place, record = self._pending_place
        if place_id is not None and place.id != place_id:
            return
        self._pending_place = None
        self.window.show_page(page, place, record)
        focus = self.case_page.status if page is self.case_page else self.my_cases.table
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _place_shown(self, place: Place) -> None:
        """A household shown: its cases load, and — when the user came from elsewhere, not a
        redraw of the same household or a return from one of its cases — its opening is audited."""
        if place.kind is PlaceKind.HOUSEHOLD:
            if place.id != self._opened_household:
                self._opened_household = place.id
                household = place.id
                self.ops.write(self.cases_panel, lambda service: service.household_opened(household),
                               title="audit household opened")
            self._load_cases(place.id)
        elif place.kind is PlaceKind.CASE:
            detail = self.case_page.detail
            self._opened_household = detail.case.household_id if detail is not None else None
        else:
            self._opened_household = None

    def _load_cases(self, household_id: str) -> None:
        self.ops.read(self.cases_panel, lambda service: service.cases_of_household(household_id),
                      lambda cases: self.cases_panel.set_cases(household_id, cases), title="household cases")

    # -- new case ----------------------------------------------------------------------------

    def start_new_case(self) -> None:
        """For the household on screen (Ctrl+Shift+N); opens the new case when it is saved."""
        page = self.window.household_page
        household = self.cases_panel.household_id
        if (self.window.place_stack.currentWidget() is not page or household is None
                or self.new_case_dialog is not None):
            return
        title = page.screen.address if page.screen is not None else household
        dialog = NewCaseDialog(household, title, self.me, self.window)
        self.new_case_dialog = dialog

        def finished(result: int) -> None:
            self.new_case_dialog = None
            dialog.deleteLater()
            if result:
                new = dialog.new_case()
                self.ops.write(self.cases_panel, lambda service: service.create_case(new),
                               done=lambda changes: self.open_case(changes.created_id or ""),
                               title="create case")

        dialog.finished.connect(finished)
        dialog.open()

    # -- what changed ------------------------------------------------------------------------

    def _changed(self, changes: OpChanges, initiator: object) -> None:
        if changes.pending is not None:
            self.window.status.set_pending(changes.pending)
        if changes.touches_household(self.cases_panel.household_id):
            household = self.cases_panel.household_id
            assert household is not None
            self._load_cases(household)
        self.case_page.on_changes(changes, initiator)
        self.my_cases.on_changes(changes, initiator)

    def refresh_pending(self) -> None:
        """Count the edits not yet pushed (audit events aside) into the status bar."""
        self.ops.read(self.cases_panel, lambda service: service.pending(), self.window.status.set_pending,
                      title="pending count")

    def _synced(self, outcome: object) -> None:
        """After a push and pull the case screens may be out of date even without new changes
        (a conflict resolved, a pending mark gone): redraw what is on screen, recount."""
        self.refresh_pending()
        current = self.window.place_stack.currentWidget()
        if current is self.case_page:
            self.case_page.reload()
        elif current is self.my_cases:
            self.my_cases.load(self.me)
        elif self.cases_panel.household_id is not None:
            self._load_cases(self.cases_panel.household_id)

    # -- closing -----------------------------------------------------------------------------

    def may_close(self) -> bool:
        """With edits not yet pushed, say how many go at the next sync (they are already safe in
        the cache) and let the user stay, to sync first (F5)."""
        pending = self.window.status.pending
        if not pending or not self.ask_before_close:
            return True
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("尚有修改未上传"), self.tr(
            "本机还有 %1 条修改尚未上传到中心。它们已安全保存在本机，下次同步时上传（下次登录后也会）。\n\n"
            "现在关闭吗？（返回后可按 F5 立即同步）").replace("%1", str(pending)), parent=self.window)
        box.setObjectName("pending_close_box")
        close = box.addButton(self.tr("关闭"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("返回"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(close)
        box.exec()
        return box.clickedButton() is close
