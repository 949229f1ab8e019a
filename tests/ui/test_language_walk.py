"""Every screen in English shows no Chinese outside data values (names, addresses, places), and
the Chinese screens show none of the English interface strings (issue 10, point 6).

It walks the real window over a synced cache: the login and unlock dialogs, the search, every
member of a sample of households (disabled members, migrant families, every kind of fact), the
rental homes and employers they link to, the lock page and the settings dialog."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabBar,
    QWidget,
)

from casework.sync.credentials import MEMORY_ONLY_MESSAGE
from casework.ui import i18n
from casework.ui.formatting import short_address
from casework.ui.login_dialog import DemoUser, LoginDialog
from casework.ui.main_window import MainWindow
from casework.ui.navigation import Place, PlaceKind
from casework.ui.settings_dialog import SettingsDialog
from casework.ui.unlock_dialog import UnlockDialog

pytestmark = pytest.mark.gui

HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
# Free text in the data: shown as the department wrote it, in any language.
FREE_TEXT_KEYS = frozenset({"name", "text", "street_name", "community_name", "enterprise_name", "origin",
                            "school", "doctor", "industry", "display_name"})
HOUSEHOLDS = 14  # a sample with every kind of fact in the test district
MAX_ROWS = 60


def texts_of(root: QWidget) -> Iterator[str]:
    """Every piece of interface text a user can see or hear in ``root`` (not what they typed)."""
    yield root.windowTitle()
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        yield widget.toolTip()
        yield widget.accessibleName()
        if isinstance(widget, QLabel | QAbstractButton):
            yield widget.text()
        elif isinstance(widget, QGroupBox):
            yield widget.title()
        elif isinstance(widget, QLineEdit):
            yield widget.placeholderText()
        elif isinstance(widget, QTabBar):
            yield from (widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QComboBox):
            yield from (widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QListWidget):
            yield from (widget.item(i).text() for i in range(widget.count()))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            yield from _model_texts(widget.model())
    for action in root.findChildren(QAction):
        yield action.text()


def _model_texts(model: Any) -> Iterator[str]:
    columns = model.columnCount(QModelIndex())
    for column in range(columns):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for row in range(min(model.rowCount(QModelIndex()), MAX_ROWS)):
        for column in range(columns):
            yield str(model.data(model.index(row, column)) or "")
            yield str(model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole) or "")


def free_text(value: Any, found: set[str]) -> set[str]:
    """The free-text strings of a record's data (names, addresses, places)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in FREE_TEXT_KEYS and isinstance(item, str):
                found.add(item)
            else:
                free_text(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            free_text(item, found)
    return found


def without_data(text: str, data: list[str]) -> str:
    for value in data:  # longest first, so an address goes before the street inside it
        text = text.replace(value, "")
    return text


class Walk:
    """The screens, each as the texts it shows, in the current language."""

    def __init__(self, qtbot: Any, window: MainWindow, services: Any, app_hub: Any) -> None:
        self.qtbot, self.window, self.services, self.hub = qtbot, window, services, app_hub
        self.screens: dict[str, list[str]] = {}
        # the user's name, and the Chinese language's own name in the language menu
        self.data: set[str] = {services.signed_in().display_name, i18n.LANGUAGES["zh"]}

    def take(self, name: str, root: QWidget) -> None:
        self.screens[name] = [t for t in texts_of(root) if t]

    def open(self, place: Place) -> None:
        with self.qtbot.wait_signal(self.window.place_shown, timeout=10_000):
            self.window.open_place(place)

    def run(self) -> None:
        window, qtbot = self.window, self.qtbot
        users = [DemoUser("shegong", "pw", "social_worker", scope=("440104001",), clearance="internal"),
                 DemoUser("canlian", "pw", "disability_officer", scope=("440104",), clearance="secret"),
                 DemoUser("admin", "pw", "admin", scope=("440104",), clearance="internal")]
        self.data.add("北京街")  # a street's name, in the login list's scope
        login = LoginDialog(None, self.services, hub_url=self.hub.url, demo_users=users)
        qtbot.addWidget(login)
        self.take("login", login)
        unlock = UnlockDialog(None, self.services, self.hub.url, "shegong")
        qtbot.addWidget(unlock)
        self.take("unlock", unlock)
        self.take("welcome", window)
        window.notice.show_notice(MEMORY_ONLY_MESSAGE)  # a bilingual notice from the client core
        self.take("notice", window)
        window.notice.dismiss()
        person = next(h for h in self.services.search("陈", 50) if h.name)
        with qtbot.wait_signal(window.search.results_shown, timeout=10_000):
            window.search.set_text(person.name[:1])
        for hit in self.services.search(person.name[:1], 50):
            self.data.update(filter(None, (hit.name, hit.address, short_address(hit.address))))
        self.take("search", window)
        for hid in self.sample_households():
            self.household(hid)
        window.lock()
        self.take("lock", window)
        window.unlock()
        dialog = SettingsDialog(window.settings, window)
        qtbot.addWidget(dialog)
        self.take("settings", dialog)

    def sample_households(self) -> list[str]:
        disabled = [c["household_id"] for _id, c in self.hub.records("disability_certificate")[:4]]
        migrants = [h for h, d in self.hub.records("household") if d.get("rental_housing_id")][:4]
        rest = [h for h, _d in self.hub.records("household")][:HOUSEHOLDS]
        return list(dict.fromkeys([*disabled, *migrants, *rest]))[:HOUSEHOLDS + 8]

    def household(self, hid: str) -> None:
        records = self.services.household(hid)
        self.data |= free_text([records.household, records.members, records.facts, records.certificates,
                                records.grants, records.rental_housing, records.enterprises], set())
        self.open(Place(PlaceKind.HOUSEHOLD, hid))
        page = self.window.household_page
        for row in range(page.members_model.rowCount()):
            page.select_member_row(row)
            self.take(f"household {hid} member {row}", self.window)
        if records.rental_housing is not None:
            rental = self.services.rental_housing(records.rental_housing[0])
            self.data |= free_text([rental.rental_housing, rental.tenants], set())
            self.open(Place(PlaceKind.RENTAL_HOUSING, records.rental_housing[0]))
            self.take(f"rental of {hid}", self.window)
        for eid in list(records.enterprises)[:1]:
            firm = self.services.enterprise(eid)
            self.data |= free_text([firm.enterprise, firm.workers], set())
            self.open(Place(PlaceKind.ENTERPRISE, eid))
            self.take(f"enterprise {eid}", self.window)


@pytest.fixture
def walk(qtbot, tasks, synced_services, settings, app_hub):
    settings.auto_sync_minutes = 0
    settings.offline_retry_seconds = 0
    window = MainWindow(tasks, synced_services, settings, synced_services.signed_in())
    qtbot.addWidget(window)
    window.show()
    yield Walk(qtbot, window, synced_services, app_hub)
    if i18n.current_language() != "zh":
        window.set_language("zh")


def test_every_screen_in_english_shows_chinese_only_in_data_values(walk):
    walk.window.set_language("en")
    walk.run()
    data = sorted(walk.data, key=len, reverse=True)
    left = {}
    for screen, texts in walk.screens.items():
        for text in texts:
            rest = without_data(text, data)
            if HAN.search(rest):
                left.setdefault(text, screen)
    assert not left, "Chinese in the English interface:\n" + "\n".join(
        f"  {screen}: {text!r}" for text, screen in sorted(left.items(), key=lambda i: i[1]))


def english_interface_strings() -> set[str]:
    """The English translations of the interface (several words each: single words such as
    "OK" may be data or codes)."""
    tree = ET.parse(i18n.translations_dir() / "casework_en.ts")
    found = set()
    for message in tree.iter("message"):
        translation = message.find("translation")
        text = (translation.text or "") if translation is not None else ""
        if len(re.findall(r"[A-Za-z]{2,}", text)) >= 3:
            found.add(text)
    return found


def test_every_screen_in_chinese_shows_none_of_the_english_interface(walk):
    walk.run()
    english = english_interface_strings()
    assert len(english) > 100
    shown = {text for texts in walk.screens.values() for text in texts}
    assert not sorted(text for text in shown if text in english)
    sentences = re.compile(r"[A-Za-z]{2,}(?:[ ,:;'-]+[A-Za-z]{2,}){3,}")  # four English words in a row
    commands = re.compile(r"casework hub user[^）]*")
    assert not sorted(t for t in shown if sentences.search(commands.sub("", t)))
