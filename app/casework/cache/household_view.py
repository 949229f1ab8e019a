"""The integrated household view and the link views (rental home, enterprise), from the cache.

A household view is one index range (every record with that ``household_id``: the household,
its members, their facts, certificates and grants) plus one lookup of the linked records by
id (the rented home, the employers, the landlord). A few milliseconds at district scale.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson
from sqlalchemy import Connection

from casework.cache.ingest import FACT_LINK_FIELDS
from casework.cache.store import CacheStore
from casework.cache.views import (
    Enterprise,
    EnterpriseView,
    Fact,
    HouseholdView,
    Member,
    PersonRef,
    RentalHousing,
    RentalHousingView,
)
from casework.domain.records import Kind

_FACT_KINDS = (Kind.DEPARTMENT_FACT, Kind.DISABILITY_CERTIFICATE, Kind.BENEFIT_GRANT)


Held = tuple[str, int, str, str | None, dict[str, Any]]  # kind, version, area, household_id, data


def _by_ids(conn: Connection, ids: Iterable[str]) -> dict[str, Held]:
    """id → (kind, version, area, household_id, data) for the held records among ``ids``."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    rows = conn.exec_driver_sql(
        "SELECT r.id, r.kind, r.version, r.area, r.household_id, r.data "
        "FROM json_each(?) AS j JOIN record AS r ON r.id = j.value", (orjson.dumps(wanted).decode(),))
    return {rid: (kind, version, area, hh, orjson.loads(data)) for rid, kind, version, area, hh, data in rows}


def _fact_order(fact: Fact) -> tuple:
    return (fact.kind != Kind.DEPARTMENT_FACT, fact.department, fact.fact_type, fact.as_of or "", fact.id)


def _employer_ids(facts: Iterable[Fact]) -> list[str]:
    field = FACT_LINK_FIELDS["employment"]
    return [f.value[field] for f in facts
            if f.kind == Kind.DEPARTMENT_FACT and f.fact_type == "employment"
            and isinstance(f.value, dict) and f.value.get(field)]


def household_view(store: CacheStore, household_id: str) -> HouseholdView | None:
    """The household with its members (head first), every fact about each as the hub sent it,
    household grants, the rented home and its landlord, and each member's employers.
    None when the cache does not hold the household."""
    with store.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT kind, id, version, area, data FROM record WHERE household_id = ?", (household_id,)).all()
        household = next((r for r in rows if r[0] == Kind.HOUSEHOLD and r[1] == household_id), None)
        if household is None:
            return None
        hh_data = orjson.loads(household[4])
        people: list[tuple[str, int, dict[str, Any]]] = []
        facts: list[Fact] = []
        for kind, record_id, version, _area, data in rows:
            if kind == Kind.PERSON:
                people.append((record_id, version, orjson.loads(data)))
            elif kind in _FACT_KINDS:
                facts.append(Fact.from_record(kind, record_id, version, orjson.loads(data)))
        rental_id = hh_data.get("rental_housing_id")
        linked = _by_ids(conn, [rental_id or "", *_employer_ids(facts)])
        rental = linked.get(rental_id or "")
        landlord_household = None
        if rental is not None and rental[0] == Kind.RENTAL_HOUSING:
            landlord_id = (rental[4].get("landlord") or {}).get("person_id")
            landlord = _by_ids(conn, [landlord_id or ""]).get(landlord_id or "")
            landlord_household = landlord[3] if landlord and landlord[0] == Kind.PERSON else None
    facts.sort(key=_fact_order)
    member_ids = {p[0] for p in people}
    per_person: dict[str, list[Fact]] = {pid: [] for pid in member_ids}
    household_grants, unattached = [], []
    for fact in facts:
        if fact.person_id in per_person:
            per_person[fact.person_id].append(fact)
        elif fact.kind == Kind.BENEFIT_GRANT and fact.person_id is None:
            household_grants.append(fact)
        else:
            unattached.append(fact)
    members = []
    for pid, version, data in people:
        own = tuple(per_person[pid])
        employers = tuple(Enterprise.from_record(eid, linked[eid][1], linked[eid][2], linked[eid][4])
                          for eid in dict.fromkeys(_employer_ids(own))
                          if eid in linked and linked[eid][0] == Kind.ENTERPRISE)
        members.append(Member.from_record(pid, version, data, own, employers))
    head_id = hh_data.get("head_id")
    members.sort(key=lambda m: m.sort_key(head_id))
    home = None
    if rental is not None and rental[0] == Kind.RENTAL_HOUSING:
        home = RentalHousing.from_record(rental_id, rental[1], rental[2], rental[4], landlord_household)
    return HouseholdView(
        id=household_id, version=household[2], area=household[3],
        address=(hh_data.get("address") or {}).get("text"), household_type=hh_data.get("household_type"),
        head_id=head_id, flags=tuple(hh_data.get("flags") or ()),
        withheld=tuple(hh_data.get("withheld") or ()),
        members=tuple(members), grants=tuple(household_grants), rental_housing=home,
        unattached=tuple(unattached), data=hh_data)


def _person_sort_key(ref: PersonRef) -> tuple:
    return (ref.household_id or "", ref.name or "", ref.person_id)


def rental_housing_view(store: CacheStore, rental_id: str) -> RentalHousingView | None:
    """The rented home, its landlord and everyone living there: members of households that
    rent it, and people whose residence registration names it."""
    with store.read() as conn:
        home = _by_ids(conn, [rental_id]).get(rental_id)
        if home is None or home[0] != Kind.RENTAL_HOUSING:
            return None
        linked = conn.exec_driver_sql(
            "SELECT kind, id, person_id, fact_type FROM record WHERE link_id = ?", (rental_id,)).all()
        households = sorted(r[1] for r in linked if r[0] == Kind.HOUSEHOLD)
        registrations = {r[2]: r[1] for r in linked
                         if r[0] == Kind.DEPARTMENT_FACT and r[3] == "residence_registration" and r[2]}
        residents = conn.exec_driver_sql(
            "SELECT r.id, r.data FROM json_each(?) AS j JOIN record AS r "
            "ON r.household_id = j.value AND r.kind = 'person'", (orjson.dumps(households).decode(),)).all()
        landlord_id = (home[4].get("landlord") or {}).get("person_id")
        people = _by_ids(conn, [*registrations, landlord_id or ""])
    tenants = {pid: PersonRef.from_record(pid, orjson.loads(data), "household") for pid, data in residents}
    registered = [PersonRef.from_record(pid, people[pid][4], "residence_registration", fact_id)
                  for pid, fact_id in registrations.items()
                  if pid not in tenants and pid in people and people[pid][0] == Kind.PERSON]
    landlord = people.get(landlord_id or "")
    landlord_household = landlord[3] if landlord and landlord[0] == Kind.PERSON else None
    return RentalHousingView(
        home=RentalHousing.from_record(rental_id, home[1], home[2], home[4], landlord_household),
        tenants=(*sorted(tenants.values(), key=_person_sort_key), *sorted(registered, key=_person_sort_key)),
        households=tuple(households))


def enterprise_view(store: CacheStore, enterprise_id: str) -> EnterpriseView | None:
    """The enterprise and the people in the cache whose employment fact names it."""
    with store.read() as conn:
        found = _by_ids(conn, [enterprise_id]).get(enterprise_id)
        if found is None or found[0] != Kind.ENTERPRISE:
            return None
        facts = conn.exec_driver_sql(
            "SELECT id, person_id FROM record WHERE link_id = ? AND kind = 'department_fact' "
            "AND fact_type = 'employment'", (enterprise_id,)).all()
        employment = {person_id: fact_id for fact_id, person_id in facts if person_id}
        people = _by_ids(conn, employment)
    workers = [PersonRef.from_record(pid, people[pid][4], "employment", fact_id)
               for pid, fact_id in employment.items() if pid in people and people[pid][0] == Kind.PERSON]
    return EnterpriseView(enterprise=Enterprise.from_record(enterprise_id, found[1], found[2], found[4]),
                          workers=tuple(sorted(workers, key=_person_sort_key)))
