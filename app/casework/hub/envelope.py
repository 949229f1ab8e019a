"""The typed envelope the hub stores around a record's data: computed in one place for the
bulk loader and for single writes, so both file a record under the same area, department,
household and classification."""

from __future__ import annotations

from typing import Any

import orjson

from casework.domain.masking import record_level
from casework.domain.registry import spec


def envelope(
    kind: str, record_id: str, area: str, data: dict[str, Any], parent_department: str | None = None
) -> dict[str, Any]:
    """Column values of ``record`` for one record (all but ``seq``, ``version``, ``deleted``).
    ``parent_department``: for a kind that takes its line of business from its parent record
    (a case note from its case)."""
    declared = spec(kind)
    if not (area.isdigit() and len(area) == 12):
        raise ValueError(f"area must be a 12-digit community code, got {area!r}")
    return {
        "id": record_id,
        "kind": kind,
        "district": area[:6],
        "street": area[:9],
        "area": area,
        "department": declared.department_of(data, parent_department).value,
        "classification": int(record_level(kind, data)),
        "household_id": declared.household_of(record_id, data),
        "data": orjson.dumps(data).decode(),
    }
