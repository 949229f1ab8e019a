"""Cases and notes as the hub's feed sends them, and a hub's answers, for the cache tests."""

from __future__ import annotations

import uuid
from typing import Any

AREA = "440104001001"
HOUSEHOLD = "0b5a2c9e-1f2d-4c3b-9a8e-111111111111"
OTHER_HOUSEHOLD = "0b5a2c9e-1f2d-4c3b-9a8e-222222222222"


def uid() -> str:
    return str(uuid.uuid4())


def case_data(household_id: str = HOUSEHOLD, **values: Any) -> dict[str, Any]:
    data = {"household_id": household_id, "person_ids": [], "category": "assistance", "status": "open",
            "priority": "normal", "assigned_to": "li_hui", "summary": "低保复核", "tags": [],
            "created_by": "li_hui", "created_at": "2026-11-01T08:00:00+00:00"}
    data.update(values)
    return data


def upsert(kind: str, record_id: str, version: int, data: dict[str, Any], seq: int = 1) -> dict[str, Any]:
    return {"seq": seq, "kind": kind, "id": record_id, "op": "upsert", "area": AREA, "version": version,
            "data": data}


def pulled_case(store, record_id: str, version: int = 1, cursor: int = 10, **values: Any) -> dict[str, Any]:
    """Write a case as a pull would (one page, its cursor); its data."""
    data = case_data(**values)
    store.apply_page([upsert("case", record_id, version, data, cursor)], cursor, 1)
    return data


def held_row(store, record_id: str) -> tuple:
    with store.read() as conn:
        row = conn.exec_driver_sql("SELECT version, data FROM record WHERE id = ?", (record_id,)).one()
    return tuple(row)
