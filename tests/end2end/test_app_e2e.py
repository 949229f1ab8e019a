"""The real desktop window against a real hub on loopback, driven from the keyboard as a street
social worker would: sign in, sync, search by every kind, open a household, follow the rental
link and come back, read a withheld item as its status, lose the hub and keep working, get it
back and sync again."""

from __future__ import annotations

import pytest
from pypinyin import Style, lazy_pinyin
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from casework.bench.ui_district import type_text
from casework.hub.feed_writer import RecordWrite, write_records
from casework.ui.login_dialog import LoginDialog
from casework.ui.navigation import PlaceKind
from casework.ui.search_model import HIT_ROLE
from casework.ui.startup import make_parts, open_window
from tests.ui.app_hub import PASSWORD, WORKER, AppHub, make_app_hub

# The offscreen platform cannot resize a real window frame and says so whenever a top-level
# window's size limits change; that is the platform, not the app.
pytestmark = [pytest.mark.gui, pytest.mark.slow,
              pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")]

SYNC_TIMEOUT = 60_000


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    running = make_app_hub(tmp_path_factory.mktemp("e2e-hub"))
    yield running
    running.stop()
    running.engine.dispose()


@pytest.fixture
def parts(qapp, casework_home):
    from casework.ui.settings import Settings

    settings = Settings()
    settings.auto_sync_minutes = 0
    settings.offline_retry_seconds = 0
    made = make_parts(settings)
    yield made
    made.close()


def sign_in(qtbot, parts, hub: AppHub):
    """Through the login dialog, with the keyboard."""
    dialog = LoginDialog(parts.tasks, parts.services, hub_url=hub.url)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.user_field, WORKER)
    qtbot.keyClicks(dialog.password_field, PASSWORD)
    with qtbot.wait_signal(dialog.accepted, timeout=30_000):
        qtbot.keyClick(dialog.password_field, Qt.Key.Key_Return)
    return dialog.signed_in


def press_f5_and_wait(qtbot, window):
    with qtbot.wait_signal(window.sync.synced, timeout=SYNC_TIMEOUT) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F5)
    return blocker.args[0]


@pytest.fixture
def window(qtbot, parts, hub):
    if hub.running is None:
        hub.start()
    signed_in = sign_in(qtbot, parts, hub)
    assert signed_in.online and signed_in.username == WORKER
    shown = open_window(parts, signed_in, start_sync=False)
    qtbot.addWidget(shown)
    with qtbot.waitActive(shown):
        shown.activateWindow()  # window shortcuts (F5, Ctrl+F, Alt+←) need the active window
    outcome = press_f5_and_wait(qtbot, shown)
    assert outcome.online and outcome.complete and outcome.verified
    assert outcome.changes > 0
    yield shown
    if hub.running is None:
        hub.start()


def search(qtbot, window, text):
    """Ctrl+F, type as a user types, wait for the rows; returns the hits shown."""
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.field.hasFocus()
    window.search.field.clear()
    with qtbot.wait_signal(window.search.results_shown, timeout=10_000,
                           check_params_cb=lambda query, _s: query == text):
        type_text(window.search.field, text)
    model = window.search.model
    return [model.data(model.index(row, 0), HIT_ROLE) for row in range(model.rowCount())]


def open_first_result(qtbot, window):
    with qtbot.wait_signal(window.place_shown, timeout=10_000) as blocker:
        qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    return blocker.args[0]


def test_a_worker_finds_people_by_every_kind_of_search(qtbot, window, hub):
    person_id, person = next((pid, p) for pid, p in hub.people.items()
                             if p.get("name") and p.get("phone") and len(p["name"]) >= 2)
    household = dict(hub.records("household"))[person["household_id"]]
    initials = "".join(s[0] for s in lazy_pinyin(person["name"], style=Style.FIRST_LETTER))
    road = household["address"]["text"].split("社区", 1)[1]
    for kind, text in (("name", person["name"]), ("pinyin", initials),
                       ("id_number", person["id_number"]), ("id tail", person["id_number"][-4:]),
                       ("id tail 6", person["id_number"][-6:]), ("phone", person["phone"]),
                       ("phone tail", person["phone"][-4:]), ("address", road)):
        hits = search(qtbot, window, text)
        assert person_id in {h.person_id for h in hits[:200]}, f"search by {kind} ({text}) missed"
    hits = search(qtbot, window, person["id_number"])
    assert hits[0].person_id == person_id, "an exact identity number ranks first"


def test_a_household_opens_with_each_department_and_a_withheld_item_as_its_status(qtbot, window, hub):
    facts = [f for _fid, f in hub.records("department_fact") if f["fact_type"] == "tax_status"]
    tax = next((f for f in facts if f["status"] == "欠税"), facts[0])
    person = hub.people[tax["person_id"]]
    hits = search(qtbot, window, person["id_number"])
    assert hits[0].person_id == tax["person_id"]
    place = open_first_result(qtbot, window)
    assert place.kind is PlaceKind.HOUSEHOLD and place.id == tax["household_id"]
    page = window.household_page
    assert page.selected_person() == tax["person_id"]
    assert page.address.text() == dict(hub.records("household"))[tax["household_id"]]["address"]["text"]
    titles = page.sections.section_titles()
    assert titles[0] == "公安局" and "税务局" in titles
    withheld = [label.text() for label in page.sections.findChildren(QLabel, "withheld_value")]
    assert tax["status"] in withheld, "the tax status stands in for the withheld amount"
    assert page.sections.findChildren(QLabel, "withheld_lock")
    amount = tax["value"]["amount_owed"]
    on_screen = " ".join(label.text() for label in window.findChildren(QLabel))
    if amount:
        assert f"{amount:,.2f}" not in on_screen and str(amount) not in on_screen


def test_a_rental_link_leads_to_the_home_and_alt_left_comes_back(qtbot, window, hub):
    hid, household = next((hid, h) for hid, h in hub.records("household") if h.get("rental_housing_id"))
    head = hub.people[household["head_id"]]
    search(qtbot, window, head["id_number"])
    place = open_first_result(qtbot, window)
    assert place.id == hid
    link = next(b for b in window.household_page.findChildren(QPushButton, "link_button")
                if b.text().startswith("出租屋"))
    link.setFocus()
    with qtbot.wait_signal(window.place_shown, timeout=10_000) as blocker:
        qtbot.keyClick(link, Qt.Key.Key_Space)
    home = blocker.args[0]
    assert home.kind is PlaceKind.RENTAL_HOUSING and home.id == household["rental_housing_id"]
    tenants = {window.linked_page.people_model.person(r).person_id
               for r in range(window.linked_page.people_model.rowCount())}
    assert household["head_id"] in tenants
    with qtbot.wait_signal(window.place_shown, timeout=10_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert blocker.args[0].id == hid
    with qtbot.wait_signal(window.place_shown, timeout=10_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert blocker.args[0].id == household["rental_housing_id"]


def test_without_the_hub_the_app_works_offline_and_syncs_again_when_it_returns(qtbot, window, hub):
    person_id, person = next(iter(hub.people.items()))
    hub.stop()
    outcome = press_f5_and_wait(qtbot, window)
    assert not outcome.online
    assert window.status.connection_label.text().startswith("○ 离线 — 上次同步 ")
    hits = search(qtbot, window, person["id_number"])
    assert hits[0].person_id == person_id
    place = open_first_result(qtbot, window)
    assert place.id == person["household_id"]

    renamed = dict(person, name="欧阳新名")
    with hub.engine.begin() as conn:
        write_records(conn, [RecordWrite("person", person_id, _area_of(hub, person_id), renamed)])
    hub.start()
    outcome = press_f5_and_wait(qtbot, window)
    assert outcome.online and outcome.changes >= 1
    assert window.status.connection_label.text().startswith("● 在线")
    hits = search(qtbot, window, "欧阳新名")
    assert [h.person_id for h in hits] == [person_id]


def _area_of(hub: AppHub, record_id: str) -> str:
    from sqlalchemy import select

    from casework.hub.schema import Record

    with hub.engine.connect() as conn:
        return conn.execute(select(Record.area).where(Record.id == record_id)).scalar_one()
