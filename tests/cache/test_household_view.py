"""The integrated household view and the link views, both ways: household → home → tenants,
household → employer → workers, and masked items exactly as the hub sent them."""

from __future__ import annotations

from casework.cache.household_view import enterprise_view, household_view, rental_housing_view


def test_an_unknown_household_is_none(synced):
    assert household_view(synced, "00000000-0000-4000-8000-000000000000") is None


def test_the_household_with_its_members_head_first(synced, scenario):
    view = household_view(synced, scenario.local.id)
    assert view.id == scenario.local.id and view.area == scenario.local.area
    assert view.address == "广州市越秀区北京街惠福社区大南路12号301房"
    assert view.head_id == scenario.zhang.id and view.household_type == "local"
    assert [m.name for m in view.members] == ["张三", "单仁美", "曾小明"]
    assert [m.relation for m in view.members] == ["head", "spouse", "child"]
    assert view.members[0].relation_label == "户主"
    assert view.members[0].id_number == "44010419850301739X"
    assert view.data == scenario.local.data
    assert view.unattached == ()


def test_every_fact_per_member_with_source_date_and_classification(synced, scenario):
    view = household_view(synced, scenario.local.id)
    zhang = view.members[0]
    facts = {f.id: f for f in zhang.facts}
    sent = [r for r in scenario.district.records
            if r.kind in ("department_fact", "disability_certificate", "benefit_grant")
            and r.data.get("person_id", r.data.get("beneficiary_person_id")) == scenario.zhang.id]
    assert set(facts) == {r.id for r in sent}
    employment = facts[scenario.employment_zhang.id]
    assert (employment.department, employment.fact_type, employment.as_of, employment.classification) == (
        "hrss", "employment", "2024-03-01", "internal")
    assert employment.value["enterprise_id"] == scenario.enterprise.id
    assert employment.data == scenario.employment_zhang.data


def test_a_withheld_fact_keeps_its_status_and_withheld_list(synced, scenario):
    zhang = household_view(synced, scenario.local.id).members[0]
    assistance = next(f for f in zhang.facts if f.id == scenario.assistance.id)
    assert assistance.value is None
    assert assistance.status == "享受最低生活保障"
    assert assistance.withheld == ("value",) and assistance.masked
    assert assistance.classification == "secret"
    assert assistance.data == scenario.assistance.data


def test_a_masked_certificate_and_the_grants_of_person_and_household(synced, scenario):
    view = household_view(synced, scenario.local.id)
    shan = view.members[1]
    certificate = next(f for f in shan.facts if f.kind == "disability_certificate")
    assert certificate.value == {"number": None, "category": None, "grade": None}
    assert certificate.status == "持证残疾人" and certificate.withheld == ("category", "grade", "number")
    assert certificate.department == "disability"
    grant = next(f for f in shan.facts if f.kind == "benefit_grant")
    assert grant.id == scenario.person_grant.id and grant.value["amount"] == 180.0
    assert grant.fact_type == "disability_living" and grant.department == "disability"
    assert [g.id for g in view.grants] == [scenario.household_grant.id]
    assert view.grants[0].person_id is None and view.grants[0].value["amount"] == 1200.0


def test_each_member_brings_their_employer(synced, scenario):
    view = household_view(synced, scenario.local.id)
    zhang = view.members[0]
    assert [e.id for e in zhang.employers] == [scenario.enterprise.id]
    assert zhang.employers[0].name == "广州市惠福贸易有限公司" and zhang.employers[0].uscc
    assert view.members[1].employers == ()


def test_a_migrant_household_brings_its_rented_home_and_landlord(synced, scenario):
    view = household_view(synced, scenario.migrant.id)
    assert view.household_type == "migrant"
    home = view.rental_housing
    assert home is not None and home.id == scenario.rental.id
    assert home.landlord.name == "张三" and home.landlord.person_id == scenario.zhang.id
    assert home.landlord.household_id == scenario.local.id  # the landlord is in the cache too
    assert household_view(synced, scenario.local.id).rental_housing is None


def test_the_rented_home_lists_its_tenants_by_household_and_by_residence_registration(synced, scenario):
    view = rental_housing_view(synced, scenario.rental.id)
    assert view.home.id == scenario.rental.id and view.home.rooms == 2
    assert view.households == (scenario.migrant.id,)
    tenants = {(t.person_id, t.via) for t in view.tenants}
    assert tenants == {(scenario.qiu.id, "household"), (scenario.ou.id, "household"),
                       (scenario.registered.id, "residence_registration")}
    registered = next(t for t in view.tenants if t.via == "residence_registration")
    assert registered.fact_id and registered.name == "王芳"
    assert view.home.landlord.household_id == scenario.local.id


def test_the_enterprise_lists_its_workers_in_the_cache(synced, scenario):
    view = enterprise_view(synced, scenario.enterprise.id)
    assert view.enterprise.name == "广州市惠福贸易有限公司"
    assert {(w.person_id, w.via) for w in view.workers} == {
        (scenario.zhang.id, "employment"), (scenario.qiu.id, "employment")}
    assert {w.fact_id for w in view.workers} == {scenario.employment_zhang.id, scenario.employment_qiu.id}


def test_link_views_of_the_wrong_kind_or_unknown_ids_are_none(synced, scenario):
    assert rental_housing_view(synced, scenario.enterprise.id) is None
    assert enterprise_view(synced, scenario.rental.id) is None
    assert enterprise_view(synced, "nope") is None


def test_links_follow_changes_a_worker_who_changes_job_leaves_the_enterprise(synced, scenario):
    fact = scenario.employment_qiu
    moved = {"seq": 30_000, "kind": "department_fact", "id": fact.id, "op": "upsert", "area": fact.area,
             "version": 2, "data": dict(fact.data, value=dict(fact.data["value"], enterprise_id="elsewhere"))}
    synced.apply_page([moved], 30_000, 1)
    view = enterprise_view(synced, scenario.enterprise.id)
    assert {w.person_id for w in view.workers} == {scenario.zhang.id}
    qiu = household_view(synced, scenario.migrant.id).members[0]
    assert qiu.employers == ()  # the new employer is not in the cache
    assert any(f.value["enterprise_id"] == "elsewhere" for f in qiu.facts if f.fact_type == "employment")


def test_a_person_who_moves_household_shows_in_the_new_one_only(synced, scenario):
    ou = scenario.ou
    moved = {"seq": 31_000, "kind": "person", "id": ou.id, "op": "upsert", "area": ou.area, "version": 2,
             "data": dict(ou.data, household_id=scenario.local.id, relation="other")}
    synced.apply_page([moved], 31_000, 1)
    assert ou.id in {m.id for m in household_view(synced, scenario.local.id).members}
    assert ou.id not in {m.id for m in household_view(synced, scenario.migrant.id).members}
    from casework.cache.search import search_people

    hit = next(h for h in search_people(synced, "区丽") if h.person_id == ou.id)
    assert hit.household_id == scenario.local.id and "大南路12号301房" in hit.address
    assert ou.id in {h.person_id for h in search_people(synced, "大南路12号301", limit=500)}


def test_a_household_that_stops_renting_leaves_the_rental_home(synced, scenario):
    migrant = scenario.migrant
    data = {k: v for k, v in migrant.data.items() if k != "rental_housing_id"}
    synced.apply_page([{"seq": 32_000, "kind": "household", "id": migrant.id, "op": "upsert",
                        "area": migrant.area, "version": 2, "data": data}], 32_000, 1)
    view = rental_housing_view(synced, scenario.rental.id)
    assert view.households == ()
    assert {t.person_id for t in view.tenants} == {scenario.registered.id}
    assert household_view(synced, migrant.id).rental_housing is None
