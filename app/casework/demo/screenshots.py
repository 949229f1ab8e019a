"""``casework demo --screenshots DIR``: walk through the real app against the demo hub and save
a PNG of each step — login, search, a household with a disabled member, a migrant family in
rental housing, the rental home it links to, and the offline state after the hub stops. The
window is 1600×1000; both households are also saved at 1366×768 (``…-1366x768.png``), and the
search and households again in the other language (``en-…`` after a Chinese walk). The run
keeps its settings in a throwaway file (``casework.demo.cli.demo_settings``).

It drives the same widgets a user does (the login dialog's list and button, the search box,
the household's link button, F5) and waits on their signals, so a broken step fails here.
Example records are picked from the demo hub's database (the demo may read it directly).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from sqlalchemy import select

from casework.demo.case_screenshots import walk_cases
from casework.demo.demo_hub import DEMO_ACCOUNTS, demo_db_url
from casework.hub.db import make_engine
from casework.hub.schema import Record
from casework.hub.server import RunningHub
from casework.ui import i18n
from casework.ui.login_dialog import DemoUser, LoginDialog
from casework.ui.navigation import Place, PlaceKind
from casework.ui.startup import AppParts, open_window

SCREENSHOT_USER = "shegong"  # a street social worker: sees the street, secret values withheld
STEP_TIMEOUT = 120.0  # seconds; the first sync of the demo street takes a few
WINDOW_SIZE = (1600, 1000)
SMALL_SIZE = (1366, 768)  # a common office laptop: the household view must work there too


class StepFailed(RuntimeError):
    pass


def wait_until(condition: Callable[[], bool], what: str, timeout: float = STEP_TIMEOUT) -> None:
    """Run the event loop until ``condition`` holds (checked every 20 ms)."""
    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if condition() or time.monotonic() > deadline else None)
    timer.start(20)
    if not condition():
        loop.exec()
    timer.stop()
    if not condition():
        raise StepFailed(f"timed out waiting for {what}")


def settle(ms: int = 150) -> None:
    """Let layouts and deferred deletes finish before a picture is taken."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget: QWidget, folder: Path, name: str) -> Path:
    settle()
    path = folder / name
    if not widget.grab().save(str(path)):
        raise StepFailed(f"could not write {path}")
    print(f"  {path}")
    return path


@dataclass(frozen=True)
class Examples:
    disabled_household: str
    disabled_person: str
    migrant_household: str
    migrant_person: str
    migrant_name: str
    rental_id: str
    search_text: str


def pick_examples(db_path: Path, street: str) -> Examples:
    """A household with a (mental, so partly withheld) disability and a migrant family in rental
    housing, both in the screenshot user's street."""
    engine = make_engine(demo_db_url(db_path))
    try:
        with engine.connect() as conn:
            def records(kind: str) -> Any:
                return conn.execute(select(Record.id, Record.data).where(
                    Record.kind == kind, Record.street == street, Record.deleted.is_(False)
                ).order_by(Record.seq))

            certificate = None
            for _id, data in records("disability_certificate"):
                value = orjson.loads(data)
                if certificate is None or value.get("category") == 6:
                    certificate = value
                    if value.get("category") == 6:
                        break
            migrant = None
            for hid, data in records("household"):
                value = orjson.loads(data)
                if value.get("household_type") == "migrant" and value.get("rental_housing_id"):
                    migrant = (hid, value)
                    break
            if certificate is None or migrant is None:
                raise StepFailed("the demo district has no disabled member or migrant family in " + street)
            names = {pid: orjson.loads(data)["name"] for pid, data in records("person")
                     if pid in (certificate["person_id"], migrant[1]["head_id"])}
    finally:
        engine.dispose()
    return Examples(certificate["household_id"], certificate["person_id"], migrant[0],
                    migrant[1]["head_id"], names.get(migrant[1]["head_id"]) or "",
                    migrant[1]["rental_housing_id"], (names.get(certificate["person_id"]) or "陈")[:2])


def take_screenshots(folder: str, hub: RunningHub, db_path: Path, parts: AppParts) -> int:
    out = Path(folder).expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    account = next(a for a in DEMO_ACCOUNTS if a.username == SCREENSHOT_USER)
    examples = pick_examples(db_path, account.scope[0])
    print(f"截图 Screenshots → {out}")
    try:
        window = _walk(out, hub, parts, examples, db_path)
        window.casework.ask_before_close = False  # offscreen: nobody to answer a question
        window.close()
        return 0
    except StepFailed as exc:
        print(f"截图失败 Screenshot walk failed: {exc}", file=sys.stderr)
        return 1
    finally:
        parts.close()


def _walk(out: Path, hub: RunningHub, parts: AppParts, ex: Examples, db_path: Path) -> Any:
    users = [DemoUser(a.username, a.password, a.role, scope=a.scope, clearance=a.clearance)
             for a in DEMO_ACCOUNTS]
    login = LoginDialog(parts.tasks, parts.services, hub_url=hub.url, demo_users=users)
    login.show()
    login.choose_demo_user(SCREENSHOT_USER)
    save(login, out, "01-login.png")
    login.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    wait_until(login.buttons.isEnabled, "sign-in")  # disabled while signing in
    if login.signed_in is None:
        raise StepFailed(f"sign-in failed: {login.message.text()}")
    login.close()

    window = open_window(parts, login.signed_in)
    window.resize(WINDOW_SIZE[0], WINDOW_SIZE[1])
    wait_until(lambda: not window.sync.syncing, "the first sync")
    if not window.status.online:
        raise StepFailed("the first sync did not reach the hub")

    window.search.set_text(ex.search_text)
    wait_until(lambda: window.search.model.rowCount() > 0, "search results")
    save(window, out, "02-search.png")
    window.notice.dismiss()  # read once, as a user would close it

    _households(window, out, ex, "")

    links = window.household_page.link_buttons()
    if not links:
        raise StepFailed("the migrant household shows no rental link")
    links[0].setFocus()
    links[0].click()
    wait_until(lambda: window.history.current is not None
               and window.history.current.kind is PlaceKind.RENTAL_HOUSING, "the rental home")
    save(window, out, "05-rental-housing.png")

    window.go_back()
    wait_until(lambda: window.history.current.kind is PlaceKind.HOUSEHOLD, "back to the household")
    _in_the_other_language(window, out, ex)
    walk_cases(window, out, db_path, ex.disabled_household, ex.disabled_person, both_sizes=_both_sizes,
               save=save, wait_until=wait_until, open_place=_open)  # cases, notes, a conflict resolved
    hub.stop()
    window.sync.sync_now()
    wait_until(lambda: not window.sync.syncing, "the sync after the hub stopped")
    if window.status.online:
        raise StepFailed("the app still says online after the hub stopped")
    save(window, out, "06-offline.png")
    return window


def _households(window: Any, out: Path, ex: Examples, prefix: str) -> None:
    """The disabled member's and the migrant family's households, at both window sizes."""
    _open(window, Place(PlaceKind.HOUSEHOLD, ex.disabled_household, ex.disabled_person))
    _both_sizes(window, out, f"{prefix}03-household-disabled-member",
                lambda: window.household_page.reveal_section("disability"))
    window.search.set_text(ex.migrant_name)
    wait_until(lambda: window.search.model.rowCount() > 0, "the migrant's name in the results")
    _open(window, Place(PlaceKind.HOUSEHOLD, ex.migrant_household, ex.migrant_person))
    _both_sizes(window, out, f"{prefix}04-migrant-household",
                lambda: window.household_page.reveal_section("migrant"))


def _both_sizes(window: Any, out: Path, name: str, reveal: Callable[[], object]) -> None:
    reveal()
    save(window, out, f"{name}.png")
    window.resize(*SMALL_SIZE)
    settle()
    reveal()
    save(window, out, f"{name}-{SMALL_SIZE[0]}x{SMALL_SIZE[1]}.png")
    window.resize(*WINDOW_SIZE)
    settle()


def _in_the_other_language(window: Any, out: Path, ex: Examples) -> None:
    """The search and both households again in the other language, then back."""
    first = i18n.current_language()
    other = "en" if first == "zh" else "zh"
    window.set_language(other)
    window.search.set_text(ex.search_text)
    wait_until(lambda: window.search.model.rowCount() > 0, "search results")
    save(window, out, f"{other}-02-search.png")
    _households(window, out, ex, f"{other}-")
    window.set_language(first)


def _open(window: Any, place: Place) -> None:
    window.open_place(place)
    wait_until(lambda: window.history.current == place
               or (window.history.current is not None and window.history.current.id == place.id),
               f"{place.kind} {place.id}")
