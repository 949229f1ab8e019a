"""What the cache's queries return: plain frozen dataclasses, built from records as the hub sent
them. No SQL here (the queries are in ``search`` and ``household_view``).

Every view keeps ``data``, the record exactly as the hub sent it (masked where the hub masked
it), beside the fields pulled out for convenience; ``withheld`` names what the hub held back
and ``status`` is what it shows instead. Nothing is filled in or guessed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casework.domain.records import RELATIONS, Kind

# Member order within a household: head first, then by relation, then by age.
RELATION_ORDER = {key: i for i, key in enumerate(RELATIONS)}


@dataclass(frozen=True)
class PersonBasics:
    """Who a person is, as a line in a list shows them: a search hit or a linked person."""

    person_id: str
    household_id: str | None
    name: str | None
    sex: str | None
    birth_date: str | None
    id_number: str | None
    phone: str | None


@dataclass(frozen=True)
class PersonHit(PersonBasics):
    """One person found by ``search_people``. ``match`` says how the text matched:
    "exact" (the whole name, identity number or phone number), "name", "pinyin",
    "id_number", "phone" or "address"; ``rank`` orders the hits (0 best)."""

    address: str | None  # the household's address
    relation: str | None
    match: str
    rank: int


def _withheld(data: dict[str, Any]) -> tuple[str, ...]:
    return tuple(data.get("withheld") or ())


@dataclass(frozen=True)
class Fact:
    """A department's fact, a disability certificate or a benefit grant, with its source.

    ``fact_type`` is a FACT_TYPES key for department facts, "disability_certificate" for
    certificates and the programme code for grants. ``value`` is the classified part
    (the fact's value; a certificate's number, category and grade; a grant's amount, item and
    quantity), with None where withheld; ``status`` replaces what is withheld.
    """

    id: str
    kind: str
    version: int
    person_id: str | None
    department: str
    fact_type: str
    as_of: str | None
    classification: str | None
    value: dict[str, Any] | None
    status: str | None
    status_classification: str | None
    withheld: tuple[str, ...]
    data: dict[str, Any]

    @classmethod
    def from_record(cls, kind: str, record_id: str, version: int, data: dict[str, Any]) -> Fact:
        if kind == Kind.DEPARTMENT_FACT:
            person_id, department = data.get("person_id"), data.get("department")
            fact_type = data.get("fact_type")
            value = data.get("value")
        elif kind == Kind.DISABILITY_CERTIFICATE:
            person_id, department, fact_type = data.get("person_id"), "disability", "disability_certificate"
            value = {k: data.get(k) for k in ("number", "category", "grade")}
        else:
            person_id, department, fact_type = (data.get("beneficiary_person_id"), data.get("department"),
                                                data.get("programme"))
            value = {k: data.get(k) for k in ("amount", "item", "quantity")}
        return cls(id=record_id, kind=kind, version=version, person_id=person_id,
                   department=str(department or ""), fact_type=str(fact_type or ""),
                   as_of=data.get("as_of"), classification=data.get("classification"), value=value,
                   status=data.get("status"), status_classification=data.get("status_classification"),
                   withheld=_withheld(data), data=data)

    @property
    def masked(self) -> bool:
        return bool(self.withheld)


@dataclass(frozen=True)
class Enterprise:
    id: str
    version: int
    area: str
    name: str | None
    uscc: str | None
    address: str | None
    status: str | None
    industry: str | None
    registered_on: str | None
    data: dict[str, Any]

    @classmethod
    def from_record(cls, record_id: str, version: int, area: str, data: dict[str, Any]) -> Enterprise:
        return cls(id=record_id, version=version, area=area, name=data.get("name"), uscc=data.get("uscc"),
                   address=(data.get("address") or {}).get("text"), status=data.get("status"),
                   industry=data.get("industry"), registered_on=data.get("registered_on"), data=data)


@dataclass(frozen=True)
class Landlord:
    name: str | None
    id_number: str | None
    phone: str | None
    person_id: str | None  # when the landlord is a person the hub holds
    household_id: str | None  # when that person is in this cache: their household


@dataclass(frozen=True)
class RentalHousing:
    id: str
    version: int
    area: str
    address: str | None
    landlord: Landlord | None
    registered_on: str | None
    rooms: int | None
    withheld: tuple[str, ...]
    data: dict[str, Any]

    @classmethod
    def from_record(cls, record_id: str, version: int, area: str, data: dict[str, Any],
                    landlord_household_id: str | None = None) -> RentalHousing:
        owner = data.get("landlord")
        landlord = None
        if isinstance(owner, dict):
            landlord = Landlord(name=owner.get("name"), id_number=owner.get("id_number"),
                                phone=owner.get("phone"), person_id=owner.get("person_id"),
                                household_id=landlord_household_id)
        return cls(id=record_id, version=version, area=area, address=(data.get("address") or {}).get("text"),
                   landlord=landlord, registered_on=data.get("registered_on"), rooms=data.get("rooms"),
                   withheld=_withheld(data), data=data)


@dataclass(frozen=True)
class Member:
    """A person of the household with every fact the cache holds about them."""

    id: str
    version: int
    name: str | None
    sex: str | None
    birth_date: str | None
    id_number: str | None
    phone: str | None
    relation: str | None
    relation_label: str | None
    ethnicity: str | None
    migrant: bool | None
    withheld: tuple[str, ...]
    facts: tuple[Fact, ...]  # department facts, disability certificates, grants to this person
    employers: tuple[Enterprise, ...]  # enterprises of their employment facts held in the cache
    data: dict[str, Any]

    @classmethod
    def from_record(cls, record_id: str, version: int, data: dict[str, Any], facts: tuple[Fact, ...] = (),
                    employers: tuple[Enterprise, ...] = ()) -> Member:
        relation = data.get("relation")
        return cls(id=record_id, version=version, name=data.get("name"), sex=data.get("sex"),
                   birth_date=data.get("birth_date"), id_number=data.get("id_number"),
                   phone=data.get("phone"), relation=relation, relation_label=RELATIONS.get(relation or ""),
                   ethnicity=data.get("ethnicity"), migrant=data.get("migrant"), withheld=_withheld(data),
                   facts=facts, employers=employers, data=data)

    def sort_key(self, head_id: str | None) -> tuple:
        return (self.id != head_id, RELATION_ORDER.get(self.relation or "", len(RELATION_ORDER)),
                self.birth_date or "9999", self.id)


@dataclass(frozen=True)
class HouseholdView:
    """The integrated household view: one household and what every department knows of it."""

    id: str
    version: int
    area: str
    address: str | None
    household_type: str | None
    head_id: str | None
    flags: tuple[str, ...]
    withheld: tuple[str, ...]
    members: tuple[Member, ...]  # head first
    grants: tuple[Fact, ...]  # benefit grants to the household as a whole
    rental_housing: RentalHousing | None  # the home a migrant household rents
    unattached: tuple[Fact, ...]  # facts naming this household but a person not in it
    data: dict[str, Any]


@dataclass(frozen=True)
class PersonRef(PersonBasics):
    """A person reached through a link (tenant, worker), with how they were reached."""

    relation: str | None
    withheld: tuple[str, ...]
    via: str  # "household" (lives in a household renting the home), "residence_registration", "employment"
    fact_id: str | None  # the linking fact, for via "residence_registration" / "employment"
    data: dict[str, Any]

    @classmethod
    def from_record(cls, record_id: str, data: dict[str, Any], via: str,
                    fact_id: str | None = None) -> PersonRef:
        return cls(person_id=record_id, household_id=data.get("household_id"), name=data.get("name"),
                   sex=data.get("sex"), birth_date=data.get("birth_date"), id_number=data.get("id_number"),
                   phone=data.get("phone"), relation=data.get("relation"), withheld=_withheld(data),
                   via=via, fact_id=fact_id, data=data)


@dataclass(frozen=True)
class RentalHousingView:
    home: RentalHousing
    tenants: tuple[PersonRef, ...]  # by household first, then by residence registration
    households: tuple[str, ...]  # ids of the households that rent it


@dataclass(frozen=True)
class EnterpriseView:
    enterprise: Enterprise
    workers: tuple[PersonRef, ...]  # people with an employment fact pointing at it
