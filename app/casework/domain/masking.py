"""Which fields of a record are above a user's clearance, and the record as that user may see it.

Rule: a value above the user's clearance never leaves the hub. Masking sets such a field to
``None`` and lists its name in ``withheld``; a record's ``status`` (e.g. 欠税 instead of the
amount owed, 持证残疾人 instead of category and grade) is what the user sees instead.
"""

from __future__ import annotations

from typing import Any

from casework.domain.classification import Level
from casework.domain.records import Kind

# Fields whose level is fixed by kind (personal data is internal).
_FIXED_LEVELS: dict[str, dict[str, Level]] = {
    Kind.HOUSEHOLD: {"address": Level.INTERNAL},
    Kind.PERSON: {
        "name": Level.INTERNAL,
        "birth_date": Level.INTERNAL,
        "id_number": Level.INTERNAL,
        "phone": Level.INTERNAL,
    },
    Kind.RENTAL_HOUSING: {"address": Level.INTERNAL, "landlord": Level.INTERNAL},
    Kind.ENTERPRISE: {},
}

# Fields whose level is the record's own ``classification`` (set by the owning department).
_CLASSIFIED_FIELDS: dict[str, tuple[str, ...]] = {
    Kind.DEPARTMENT_FACT: ("value",),
    Kind.DISABILITY_CERTIFICATE: ("number", "category", "grade"),
    Kind.BENEFIT_GRANT: ("amount", "item", "quantity"),
}


def field_levels(kind: str, data: dict[str, Any]) -> dict[str, Level]:
    """The level of every field above public; fields not named are public."""
    levels = dict(_FIXED_LEVELS.get(kind, {}))
    classified = _CLASSIFIED_FIELDS.get(kind)
    if classified:
        level = Level.parse(data["classification"])
        for name in classified:
            levels[name] = level
        if "status_classification" in data:
            levels["status"] = Level.parse(data["status_classification"])
    return levels


def record_level(kind: str, data: dict[str, Any]) -> Level:
    """The most sensitive level in the record: a user at or above it sees it whole."""
    return max(field_levels(kind, data).values(), default=Level.PUBLIC)


def mask(kind: str, data: dict[str, Any], clearance: Level) -> dict[str, Any]:
    """The record as a user of this clearance may see it (the same object when nothing is hidden)."""
    hidden = [name for name, level in field_levels(kind, data).items() if level > clearance]
    if not hidden:
        return data
    masked = dict(data)
    for name in hidden:
        masked[name] = None
    masked["withheld"] = sorted(set(hidden) | set(data.get("withheld", ())))
    return masked


def is_withheld(data: dict[str, Any], field: str) -> bool:
    return field in data.get("withheld", ())
