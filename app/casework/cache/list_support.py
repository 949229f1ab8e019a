"""What the cache's worklists (subsidies, migrant services) share: an area filter as an index
range, the append-only decision records a list subtracts (pulled ones and the user's own not yet
pulled back), and the few display fields a list line shows for a person or a household.

A list filters by area with ``area >= lo AND area < hi`` rather than ``LIKE 'prefix%'``: SQLite
uses a range on an indexed column, never a LIKE with a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection

from casework.cache import outbox
from casework.cache.schema import DECISION_KINDS
from casework.cache.views import PersonBasics

_DECISION_IN = ", ".join(f"'{k}'" for k in DECISION_KINDS)


def check_area(area: str | None) -> str | None:
    """A district (6 digits), street (9) or community (12) code, or None for the whole cache."""
    if area is None or area == "":
        return None
    if not (area.isdigit() and len(area) in (6, 9, 12)):
        raise ValueError(f"not an area code (6, 9 or 12 digits): {area!r}")
    return area


def area_clause(area: str | None, column: str = "area") -> tuple[str, tuple[str, ...]]:
    """(`` AND <column> in the area``, its parameters); nothing for the whole cache. Area codes
    are ASCII digits, so ``prefix + '\\x7f'`` is above every code with that prefix."""
    area = check_area(area)
    if area is None:
        return "", ()
    return f" AND {column} >= ? AND {column} < ?", (area, area + "\x7f")


@dataclass(frozen=True)
class Appended:
    """One append-only record (a review decision, a follow-up) as the list reads it."""

    id: str
    data: dict[str, Any]
    local: bool  # made on this device and not pulled back yet


def appended(conn: Connection, kind: str) -> list[Appended]:
    """Every record of an append-only ``kind``, in the order made: the pulled ones (by the hub's
    ``created_at``), then this device's own not yet pulled back (outbox order). A refused one is
    left out: the hub did not take it. A kind nobody has written yet gives an empty list."""
    if kind not in DECISION_KINDS:
        raise ValueError(f"not a worklist decision kind: {kind!r}")
    rows = conn.exec_driver_sql(  # the IN term as ix_worklist_decision has it, so the index is used
        f"SELECT id, data FROM record WHERE kind IN ({_DECISION_IN}) AND kind = ?", (kind,))
    pulled = [Appended(rid, orjson.loads(data), False) for rid, data in rows]
    pulled.sort(key=lambda a: (str(a.data.get("created_at") or ""), a.id))
    held = {a.id for a in pulled}
    local = [Appended(e.record_id, dict(e.data), True) for e in outbox.entries(conn, kinds=[kind])
             if e.data is not None and e.state != outbox.REJECTED and e.record_id not in held]
    return pulled + local


@dataclass(frozen=True)
class HouseholdLine:
    household_id: str
    area: str
    address: str | None


def person_lines(conn: Connection, person_ids: Iterable[str]) -> dict[str, PersonBasics]:
    """The held people among ``person_ids`` as a list line shows them (None where withheld), from
    the narrow ``searchable`` rows (one id lookup each, no record JSON)."""
    wanted = sorted(set(person_ids))
    if not wanted:
        return {}
    rows = conn.exec_driver_sql(
        "SELECT r.id, s.household_id, s.name, s.sex, s.birth_date, s.id_number, s.phone "
        "FROM json_each(?) AS j JOIN record AS r ON r.id = j.value JOIN searchable AS s ON s.rid = r.rid "
        "WHERE s.kind = 'person'", (orjson.dumps(wanted).decode(),))
    return {row[0]: PersonBasics(*row) for row in rows}


def household_lines(conn: Connection, household_ids: Iterable[str]) -> dict[str, HouseholdLine]:
    """The held households among ``household_ids``: area and address."""
    wanted = sorted(set(household_ids))
    if not wanted:
        return {}
    rows = conn.exec_driver_sql(
        "SELECT r.id, r.area, s.address FROM json_each(?) AS j JOIN record AS r ON r.id = j.value "
        "LEFT JOIN searchable AS s ON s.rid = r.rid WHERE r.kind = ?",
        (orjson.dumps(wanted).decode(), "household"))
    return {row[0]: HouseholdLine(*row) for row in rows}
