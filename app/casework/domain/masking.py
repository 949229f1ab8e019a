"""Which fields of a record are above a user's clearance, and the record as that user may see it.

Rule: a value above the user's clearance never leaves the hub. Masking sets such a field to
``None`` and lists its name in ``withheld``; a record's ``status`` (e.g. 欠税 instead of the
amount owed, 持证残疾人 instead of category and grade) is what the user sees instead.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from casework.domain.classification import Level
from casework.domain.registry import spec


@cache
def _level_plan(kind: str) -> tuple[tuple[tuple[str, Level], ...], tuple[tuple[str, str], ...]]:
    """(fields at a fixed level above public, (field, the data field naming its level)) of a
    kind, from its declaration: computed once per kind, read for every record."""
    declared = spec(kind)
    fixed = tuple((f.name, f.level) for f in declared.fields
                  if f.level_field is None and f.level > Level.PUBLIC)
    per_record = tuple((f.name, f.level_field) for f in declared.fields if f.level_field is not None)
    return fixed, per_record


def field_levels(kind: str, data: dict[str, Any]) -> dict[str, Level]:
    """The level of every field above public; fields not named are public. A field classified
    per record takes the level its record names (a record that names none leaves it public)."""
    fixed, per_record = _level_plan(kind)
    levels = dict(fixed)
    for name, level_field in per_record:
        named = data.get(level_field)
        if named is not None:
            level = Level.parse(named)
            if level > Level.PUBLIC:
                levels[name] = level
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
