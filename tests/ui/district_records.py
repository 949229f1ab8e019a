"""A small generated district (``casework.demo.generator``) masked for a user of one clearance
(``casework.domain.masking``), grouped as the screens need it: what the presenters are tested on."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from casework.demo.generator import DEMO_STREETS, generate_district
from casework.domain.classification import Level
from casework.domain.masking import mask
from casework.ui.view_records import EnterpriseRecords, HouseholdRecords, RentalRecords


@dataclass
class MaskedDistrict:
    by_kind: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))
    by_household: dict[str, dict[str, list]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list)))

    def household(self, hid: str) -> HouseholdRecords:
        group = self.by_household[hid]
        data = self.by_kind["household"][hid]
        rental_id = data.get("rental_housing_id")
        rental = (rental_id, self.by_kind["rental_housing"][rental_id]) if rental_id else None
        return HouseholdRecords((hid, data), tuple(group["person"]), tuple(group["department_fact"]),
                                tuple(group["disability_certificate"]), tuple(group["benefit_grant"]),
                                rental, dict(self.by_kind["enterprise"]))

    def rental(self, rid: str) -> RentalRecords:
        tenants = [(pid, p) for pid, p in self.by_kind["person"].items()
                   if self.by_kind["household"][p["household_id"]].get("rental_housing_id") == rid]
        landlord = self.by_kind["rental_housing"][rid].get("landlord") or {}
        landlord_person = self.by_kind["person"].get(landlord.get("person_id") or "")
        return RentalRecords((rid, self.by_kind["rental_housing"][rid]), tuple(tenants),
                             landlord_person["household_id"] if landlord_person else None)

    def enterprise(self, eid: str) -> EnterpriseRecords:
        workers = [(f["person_id"], self.by_kind["person"][f["person_id"]])
                   for f in self.by_kind["department_fact"].values()
                   if f["fact_type"] == "employment" and (f.get("value") or {}).get("enterprise_id") == eid]
        return EnterpriseRecords((eid, self.by_kind["enterprise"][eid]), tuple(workers))


@cache
def masked_district(clearance: Level = Level.INTERNAL, households: int = 120,
                    seed: int = 11) -> MaskedDistrict:
    district = MaskedDistrict()
    for record in generate_district(households, seed, "440104", DEMO_STREETS):
        data = mask(record.kind, record.data, clearance)
        district.by_kind[record.kind][record.id] = data
        household_id = record.id if record.kind == "household" else data.get("household_id")
        if household_id:
            district.by_household[household_id][record.kind].append((record.id, data))
    return district
