"""From a change as the hub sends it to the rows the cache stores: pure functions, no SQL.

The values pulled out of ``data`` into columns are the ones the queries need (see
``casework.cache.schema``); ``data`` itself is stored exactly as the hub sent it.
"""

from __future__ import annotations

from typing import Any

import orjson

from casework.domain.records import Kind
from casework.domain.registry import linked, spec

# Fact types whose value points at another record (the person–home–enterprise links).
FACT_LINK_FIELDS: dict[str, str] = {
    "employment": "enterprise_id",
    "residence_registration": "rental_housing_id",
}

UPSERT_RECORD = """
INSERT INTO record (rid, id, kind, version, area, household_id, person_id, fact_type, link_id, data)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    kind = excluded.kind, version = excluded.version, area = excluded.area,
    person_id = excluded.person_id, fact_type = excluded.fact_type, data = excluded.data
"""
# The indexed columns (household_id, link_id) are not in the SET list: SQLite rewrites the
# index entries of every column it names there, changed or not. ``page_writer`` updates them
# separately where they really change.


def columns_of(kind: str, record_id: str, data: dict[str, Any]) -> tuple[str | None, str | None,
                                                                         str | None, str | None]:
    """(household_id, person_id, fact_type, link_id) of a record, as its kind declares them
    (``casework.domain.registry``: links.household, links.subject, subtype, links.points_to);
    a department fact leads to another record through its value, by fact type."""
    declared = spec(kind)
    links = declared.links
    household_id = declared.household_of(record_id, data)
    person_id = _text(linked(data, links.subject)) if links.subject else None
    fact_type = declared.subtype_of(data)
    link_id = _text(linked(data, links.points_to)) if links.points_to else None
    if kind == Kind.DEPARTMENT_FACT:
        field = FACT_LINK_FIELDS.get(fact_type or "")
        value = data.get("value")
        if field and isinstance(value, dict):
            link_id = value.get(field)
    return household_id, person_id, fact_type, link_id


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def record_row(rid: int, change: dict[str, Any]) -> tuple:
    """The ``record`` row of an upsert, in UPSERT_RECORD's parameter order."""
    kind, record_id, data = change["kind"], change["id"], change["data"]
    if not isinstance(data, dict):
        raise ValueError(f"upsert of {kind} {record_id} has no data object")
    household_id, person_id, fact_type, link_id = columns_of(kind, record_id, data)
    return (rid, record_id, kind, int(change["version"]), change["area"], household_id, person_id,
            fact_type, link_id, orjson.dumps(data).decode())


def last_change_per_record(changes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A page may name a record twice (changed while the sync ran): applying the changes in
    order ends in the state of the last one, so only the last one is applied."""
    latest: dict[str, dict[str, Any]] = {}
    for change in changes:
        op = change.get("op")
        if op not in ("upsert", "remove"):
            raise ValueError(f"unknown change op {op!r} for record {change.get('id')!r}")
        latest[change["id"]] = change
    return latest
