"""The household, rental-home and enterprise screens as values, from a generated district
masked at a street worker's clearance (internal)."""

import pytest

from casework.domain.classification import Level
from casework.ui.navigation import PlaceKind
from casework.ui.presenters import enterprise_screen, household_screen, rental_screen
from tests.ui.district_records import masked_district

pytestmark = pytest.mark.gui  # labels go through Qt's translator


def first(district, predicate):
    return next(hid for hid, data in district.by_kind["household"].items() if predicate(hid, data))


def test_members_come_head_first_with_a_partly_masked_identity_number(qapp):
    district = masked_district()
    hid = first(district, lambda h, d: len(district.by_household[h]["person"]) >= 3)
    screen = household_screen(district.household(hid))
    head_id = district.by_kind["household"][hid]["head_id"]
    assert screen.members[0].person_id == head_id
    assert screen.members[0].relation == "户主"
    for row in screen.members:
        full = district.by_kind["person"][row.person_id]["id_number"]
        assert row.id_number == full[:6] + "********" + full[-4:]
        assert full not in row.id_number


def test_the_area_line_names_street_community_and_household_type(qapp):
    district = masked_district()
    hid = first(district, lambda h, d: d["household_type"] == "local")
    data = district.by_kind["household"][hid]
    screen = household_screen(district.household(hid))
    assert screen.address == data["address"]["text"]
    address = data["address"]
    assert screen.area_line == f"{address['street_name']} · {address['community_name']} · 本地户籍"


def test_a_secret_fact_shows_its_status_with_a_lock_and_never_its_value(qapp):
    district = masked_district(Level.INTERNAL)
    tax = next(f for f in district.by_kind["department_fact"].values() if f["fact_type"] == "tax_status")
    assert tax["value"] is None and "value" in tax["withheld"]
    screen = household_screen(district.household(tax["household_id"]))
    section = next(s for s in screen.sections[tax["person_id"]] if s.department_code == "tax")
    shown = next(f for f in section.facts if f.label == "纳税状态")
    assert shown.withheld
    assert shown.value == tax["status"]
    assert shown.department == "税务局"
    assert shown.as_of == tax["as_of"]
    assert (shown.level_code, shown.level_label) == ("secret", "秘密"), "the badge is the item's own level"


def test_with_secret_clearance_the_same_fact_shows_its_value_and_a_secret_badge(qapp):
    district = masked_district(Level.SECRET)
    tax = next(f for f in district.by_kind["department_fact"].values() if f["fact_type"] == "tax_status")
    screen = household_screen(district.household(tax["household_id"]))
    section = next(s for s in screen.sections[tax["person_id"]] if s.department_code == "tax")
    shown = next(f for f in section.facts if f.label == "纳税状态")
    assert not shown.withheld
    assert "欠税金额" in shown.value
    assert (shown.level_code, shown.level_label) == ("secret", "秘密")


def test_sections_follow_the_department_order_starting_with_public_security(qapp):
    district = masked_district()
    hid = first(district, lambda h, d: "disabled_member" in d["flags"])
    screen = household_screen(district.household(hid))
    order = ["public_security", "civil_affairs", "hrss", "medical_insurance", "health", "disability",
             "education", "migrant", "tax", "market"]
    for sections in screen.sections.values():
        codes = [s.department_code for s in sections]
        assert codes[0] == "public_security"
        assert codes == sorted(codes, key=order.index)


def test_a_disabled_member_is_marked_and_has_a_certificate_in_the_disability_section(qapp):
    district = masked_district()
    cert = next(iter(district.by_kind["disability_certificate"].values()))
    screen = household_screen(district.household(cert["household_id"]))
    row = next(r for r in screen.members if r.person_id == cert["person_id"])
    assert "残疾" in row.note
    assert "有残疾成员" in screen.flags
    section = next(s for s in screen.sections[cert["person_id"]] if s.department_code == "disability")
    shown = next(f for f in section.facts if f.label == "残疾人证")
    if cert["category"] is None:
        assert shown.withheld and shown.value == cert["status"]
    else:
        assert shown.value.startswith(cert_category_label(cert["category"]))


def cert_category_label(category):
    from casework.domain.disability import category_label

    return category_label(category)


def test_a_migrant_household_links_to_its_rental_home_and_the_home_lists_it_as_tenants(qapp):
    district = masked_district()
    hid = first(district, lambda h, d: bool(d.get("rental_housing_id")))
    screen = household_screen(district.household(hid))
    text, place = screen.links[0]
    assert text.startswith("出租屋：")
    assert place.kind is PlaceKind.RENTAL_HOUSING
    home = rental_screen(district.rental(place.id))
    assert home.title.startswith("出租屋：")
    tenant_ids = {p.person_id for p in home.people}
    assert {m.person_id for m in screen.members} <= tenant_ids
    assert home.people_title == f"租住人员（{len(home.people)} 人）"


def test_an_employment_fact_links_to_the_enterprise_which_lists_its_workers(qapp):
    district = masked_district()
    job = next(f for f in district.by_kind["department_fact"].values()
               if f["fact_type"] == "employment" and (f.get("value") or {}).get("enterprise_id"))
    screen = household_screen(district.household(job["household_id"]))
    section = next(s for s in screen.sections[job["person_id"]] if s.department_code == "hrss")
    shown = next(f for f in section.facts if f.label == "就业登记")
    assert shown.link is not None and shown.link.kind is PlaceKind.ENTERPRISE
    firm = enterprise_screen(district.enterprise(shown.link.id))
    assert job["person_id"] in {p.person_id for p in firm.people}
    assert firm.title == district.by_kind["enterprise"][shown.link.id]["name"]


def test_a_withheld_grant_keeps_its_programme_period_and_category_but_not_the_amount(qapp):
    district = masked_district(Level.INTERNAL)
    grant = next(g for g in district.by_kind["benefit_grant"].values() if g.get("withheld"))
    screen = household_screen(district.household(grant["household_id"]))
    household = district.by_kind["household"][grant["household_id"]]
    person = grant["beneficiary_person_id"] or household["head_id"]
    facts = [f for s in screen.sections[person] for f in s.facts
             if f.label.startswith(grant["programme_name"])]
    shown = next(f for f in facts if grant["period_start"] in f.value)
    assert shown.withheld and "金额/物品已隐去" in shown.value
    assert shown.level_code == "secret"


def test_public_clearance_sees_no_name_and_says_so(qapp):
    district = masked_district(Level.PUBLIC)
    hid = next(iter(district.by_kind["household"]))
    screen = household_screen(district.household(hid))
    assert screen.address == "（地址已隐去）"
    assert all(row.name == "（已隐去）" and row.id_number == "" for row in screen.members)
    identity = screen.sections[screen.members[0].person_id][0]
    assert identity.department_code == "public_security"
    assert all(f.withheld for f in identity.facts if f.label in ("身份证号", "出生日期", "电话"))
