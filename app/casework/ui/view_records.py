"""The records a screen is made from, as the domain shapes them (``casework.domain.records``):
``(id, data)`` pairs, masked where the hub masked them.

The cache's views are turned into these by ``casework.ui.services`` (one adapter, in one place),
so the presenters depend only on the domain's record shapes — the contract every part shares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Rec = tuple[str, dict[str, Any]]  # (record id, record data)


@dataclass(frozen=True)
class HouseholdRecords:
    household: Rec
    members: tuple[Rec, ...]  # person records
    facts: tuple[Rec, ...] = ()  # department_fact records of the members
    certificates: tuple[Rec, ...] = ()  # disability_certificate records
    grants: tuple[Rec, ...] = ()  # benefit_grant records of the household and its members
    rental_housing: Rec | None = None  # where a migrant household rents
    enterprises: dict[str, dict[str, Any]] = field(default_factory=dict)  # employers by id


@dataclass(frozen=True)
class RentalRecords:
    rental_housing: Rec
    tenants: tuple[Rec, ...] = ()  # person records of the people living there
    landlord_household_id: str | None = None  # when the landlord is a person in the cache


@dataclass(frozen=True)
class EnterpriseRecords:
    enterprise: Rec
    workers: tuple[Rec, ...] = ()  # person records of its employees in the user's scope
