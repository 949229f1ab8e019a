"""The window's actions and menus. Every action has a keyboard shortcut or a menu mnemonic, and
menus show the shortcuts, so the whole app works without a mouse."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from casework.ui import i18n


class WindowActions(QObject):
    language_chosen = Signal(str)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.sync = self._action(window, "sync", QKeySequence(QKeySequence.StandardKey.Refresh), "F5")
        self.lock = self._action(window, "lock", QKeySequence("Ctrl+L"))
        self.settings = self._action(window, "settings", QKeySequence("Ctrl+,"))
        self.quit = self._action(window, "quit", QKeySequence("Ctrl+Q"))
        self.find = self._action(window, "find", QKeySequence(QKeySequence.StandardKey.Find), "Ctrl+F")
        self.back = self._action(window, "back", QKeySequence("Alt+Left"))
        self.forward = self._action(window, "forward", QKeySequence("Alt+Right"))
        self.about = self._action(window, "about", QKeySequence())
        self.language_group = QActionGroup(self)
        self.languages: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, window)
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setChecked(code == i18n.current_language())
            action.triggered.connect(lambda _checked=False, c=code: self.language_chosen.emit(c))
            self.language_group.addAction(action)
            self.languages[code] = action
        self.menus: dict[str, QMenu] = {}

    @staticmethod
    def _action(window: QMainWindow, name: str, shortcut: QKeySequence, fallback: str = "") -> QAction:
        action = QAction(window)
        action.setObjectName(f"action_{name}")
        if shortcut.isEmpty() and fallback:
            shortcut = QKeySequence(fallback)
        action.setShortcut(shortcut)
        window.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def retranslate_ui(self) -> None:
        self.sync.setText(self.tr("立即同步(&S)"))
        self.lock.setText(self.tr("锁定(&L)"))
        self.settings.setText(self.tr("设置(&E)…"))
        self.quit.setText(self.tr("退出(&Q)"))
        self.find.setText(self.tr("搜索(&F)"))
        self.back.setText(self.tr("后退(&B)"))
        self.forward.setText(self.tr("前进(&O)"))
        self.about.setText(self.tr("关于(&A)"))
        for code, action in self.languages.items():
            action.setChecked(code == i18n.current_language())
        titles = {"file": self.tr("文件(&F)"), "go": self.tr("转到(&G)"), "language": self.tr("语言(&Y)"),
                  "help": self.tr("帮助(&H)")}
        for name, menu in self.menus.items():
            menu.setTitle(titles[name])


def build_menus(window: QMainWindow, actions: WindowActions) -> None:
    """Fill the window's menu bar; titles are set by ``actions.retranslate_ui``."""
    bar = window.menuBar()
    bar.clear()
    layout = {
        "file": [actions.sync, actions.lock, None, actions.settings, None, actions.quit],
        "go": [actions.find, actions.back, actions.forward],
        "language": list(actions.languages.values()),
        "help": [actions.about],
    }
    for name, entries in layout.items():
        menu = QMenu(bar)
        menu.setObjectName(f"menu_{name}")
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            else:
                menu.addAction(entry)
        bar.addMenu(menu)
        actions.menus[name] = menu
    actions.retranslate_ui()
