import pytest
from PySide6.QtCore import Qt

from casework.ui.links import LinkedPage
from casework.ui.presenters import enterprise_screen, rental_screen
from tests.ui.district_records import masked_district

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot):
    widget = LinkedPage()
    qtbot.addWidget(widget)
    return widget


def rental_id(district):
    return next(d["rental_housing_id"] for d in district.by_kind["household"].values()
                if d.get("rental_housing_id"))


def test_the_tenants_model_passes_the_model_tester(qtmodeltester, page):
    district = masked_district()
    page.show_screen(rental_screen(district.rental(rental_id(district))))
    assert page.people_model.rowCount() > 0
    qtmodeltester.check(page.people_model)


def test_enter_on_a_tenant_opens_their_household(qtbot, page):
    district = masked_district()
    screen = rental_screen(district.rental(rental_id(district)))
    page.show_screen(screen)
    page.people.setFocus()
    with qtbot.wait_signal(page.person_activated) as blocker:
        qtbot.keyClick(page.people, Qt.Key.Key_Return)
    first = screen.people[0]
    assert blocker.args == [first.household_id, first.person_id]


def test_an_enterprise_page_lists_its_workers(qtbot, page):
    district = masked_district()
    eid = next(iter(district.by_kind["enterprise"]))
    screen = enterprise_screen(district.enterprise(eid))
    page.show_screen(screen)
    assert page.title.text() == district.by_kind["enterprise"][eid]["name"]
    assert page.people_model.rowCount() == len(screen.people)
