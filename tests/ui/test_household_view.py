import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from casework.domain.classification import Level
from casework.ui.household_view import HouseholdPage
from casework.ui.navigation import PlaceKind
from casework.ui.presenters import household_screen
from tests.ui.district_records import masked_district

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot):
    widget = HouseholdPage()
    qtbot.addWidget(widget)
    widget.resize(900, 800)
    return widget


def test_the_members_model_passes_the_model_tester(qtmodeltester, page):
    district = masked_district()
    hid = next(iter(district.by_kind["household"]))
    page.show_screen(household_screen(district.household(hid)))
    qtmodeltester.check(page.members_model)


def test_choosing_a_member_shows_their_sections_by_department(qtbot, page):
    district = masked_district()
    hid = next(h for h in district.by_kind["household"] if len(district.by_household[h]["person"]) >= 2)
    screen = household_screen(district.household(hid))
    page.show_screen(screen)
    second = screen.members[1]
    with qtbot.wait_signal(page.member_selected) as blocker:
        page.members.setFocus()
        qtbot.keyClick(page.members, Qt.Key.Key_Down)
    assert blocker.args == [second.person_id]
    assert page.sections.section_titles() == [s.title for s in screen.sections[second.person_id]]
    assert page.member_heading.text() == f"{second.name} — 各部门信息"


def test_a_withheld_fact_shows_its_status_next_to_a_lock(qtbot, page):
    district = masked_district(Level.INTERNAL)
    tax = next(f for f in district.by_kind["department_fact"].values() if f["fact_type"] == "tax_status")
    page.show_screen(household_screen(district.household(tax["household_id"])), tax["person_id"])
    assert page.selected_person() == tax["person_id"]
    values = [label.text() for label in page.sections.findChildren(QLabel, "withheld_value")]
    assert tax["status"] in values
    assert page.sections.findChildren(QLabel, "withheld_lock")


def test_the_rental_link_is_a_button_that_names_the_home(qtbot, page):
    district = masked_district()
    hid = next(h for h, d in district.by_kind["household"].items() if d.get("rental_housing_id"))
    page.show_screen(household_screen(district.household(hid)))
    button = next(b for b in page.findChildren(QPushButton, "link_button") if b.text().startswith("出租屋"))
    with qtbot.wait_signal(page.link_activated) as blocker:
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Space)
    place = blocker.args[0]
    assert place.kind is PlaceKind.RENTAL_HOUSING
    assert place.id == district.by_kind["household"][hid]["rental_housing_id"]
