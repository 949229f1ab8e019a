"""The household view as a new user reads it (issue 10, points 3, 4, 11): withheld values
explained in words with a key to the badges, no links to records the user cannot hold, an
admin told what the role is for, and the view usable on a 1366×768 laptop."""

import dataclasses

import pytest
from PySide6.QtWidgets import QLabel

from casework.domain.classification import Level
from casework.ui.household_view import HouseholdPage
from casework.ui.main_window import MainWindow
from casework.ui.navigation import Place, PlaceKind
from casework.ui.presenters import household_screen
from tests.ui.district_records import masked_district

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot):
    widget = HouseholdPage()
    qtbot.addWidget(widget)
    widget.resize(900, 800)
    return widget


def test_a_withheld_value_says_in_words_what_is_withheld_and_why(page):
    district = masked_district(Level.INTERNAL)
    tax = next(f for f in district.by_kind["department_fact"].values() if f["fact_type"] == "tax_status")
    page.set_clearance("internal")
    page.show_screen(household_screen(district.household(tax["household_id"])), tax["person_id"])
    reasons = [label.text() for label in page.sections.findChildren(QLabel, "withheld_reason")]
    assert "秘密 — 需要秘密级权限；可向税务局申请查看" in reasons
    legend = page.section_bar.legend
    assert legend.title.text() == "密级（您可看到内部及以下）："
    assert [b.text() for b in legend.badges.values()] == ["公开", "内部", "秘密", "机密"]
    assert "高于您的密级" in legend.badges[Level.SECRET].toolTip()
    assert "您可查看" in legend.badges[Level.INTERNAL].toolTip()


def test_the_section_tabs_name_every_department_and_go_to_one(qtbot, page):
    district = masked_district()
    hid = next(h for h in district.by_kind["household"] if district.by_household[h]["disability_certificate"])
    person = district.by_household[hid]["disability_certificate"][0][1]["person_id"]
    screen = household_screen(district.household(hid))
    page.resize(800, 500)
    page.show()
    page.show_screen(screen, person)
    titles = [s.title for s in screen.sections[person]]
    assert page.section_bar.titles() == titles and "残联" in titles
    bar = page.sections_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=3000)  # the facts do not fit: the tabs say so
    page.section_bar.tabs.tabBarClicked.emit(titles.index("残联"))
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=3000)
    box = page.sections.section_box("disability")
    assert bar.value() == min(box.y(), bar.maximum())


def test_no_link_to_a_rental_home_or_firm_the_user_cannot_hold(qapp):
    district = masked_district()
    hid = next(h for h, d in district.by_kind["household"].items() if d.get("rental_housing_id")
               and any((f[1].get("value") or {}).get("enterprise_id")
                       for f in district.by_household[h]["department_fact"]))
    held_elsewhere = dataclasses.replace(district.household(hid), rental_housing=None, enterprises={})
    screen = household_screen(held_elsewhere)
    assert screen.links == ()
    assert any("出租屋记录不在您的查看范围内" in note for note in screen.notes)
    facts = [f for sections in screen.sections.values() for s in sections for f in s.facts]
    assert not [f for f in facts if f.link is not None]
    assert any(f.value.endswith("（单位记录不在您的查看范围内）") for f in facts)
    reachable = household_screen(district.household(hid))
    assert reachable.links and any(f.link for s in reachable.sections.values() for x in s for f in x.facts)


def test_the_admin_is_told_the_role_works_with_the_hub_command(qtbot, tasks, synced_services, settings):
    settings.auto_sync_minutes = 0
    admin = dataclasses.replace(synced_services.signed_in(), role="admin")
    window = MainWindow(tasks, synced_services, settings, admin)
    qtbot.addWidget(window)
    assert "casework hub user" in window.welcome.text() and "不持有居民数据" in window.welcome.text()
    assert not window.search.isEnabled()


def test_a_household_works_at_1366_by_768(qtbot, tasks, synced_services, settings, app_hub):
    settings.auto_sync_minutes = 0
    window = MainWindow(tasks, synced_services, settings, synced_services.signed_in())
    qtbot.addWidget(window)
    window.show()
    window.resize(1366, 768)
    certificate = app_hub.records("disability_certificate")[0][1]
    with qtbot.wait_signal(window.place_shown, timeout=10_000):
        window.open_place(Place(PlaceKind.HOUSEHOLD, certificate["household_id"], certificate["person_id"]))
    page = window.household_page
    qtbot.wait(100)
    assert window.width() == 1366
    assert page.members.height() < 7 * page.members.verticalHeader().defaultSectionSize()
    assert page.sections_scroll.height() >= 200, "the facts keep a useful height"
    assert "残联" in page.section_bar.titles()
    assert page.section_bar.isVisible() and page.section_bar.legend.isVisible()
