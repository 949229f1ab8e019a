"""A real encrypted cache for the case screens' tests, without a hub: what the screens write
goes through the real edit API into the real outbox; what "the hub sent" is written as a pull
writes it (``CacheStore.apply_page``)."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from casework.cache.store import CacheStore

AREA = "440104001001"
HOUSEHOLD = "0b5a2c9e-1f2d-4c3b-9a8e-333333333333"
ME = "shegong"


@dataclass
class SignedIn:
    username: str
    online: bool


class LocalCases:
    """The ``CaseSource`` the case service reads: one cache, one signed-in user."""

    def __init__(self, folder: Path, username: str = ME, online: bool = False) -> None:
        self.store = CacheStore.open(folder / "cache.db", os.urandom(32))
        self.user = SignedIn(username, online)
        self.cursor = 0

    def cache_store(self) -> CacheStore:
        return self.store

    def signed_in(self) -> SignedIn:
        return self.user

    def pull(self, kind: str, record_id: str, version: int, data: dict[str, Any]) -> None:
        """Write a record as one page of a pull would."""
        self.cursor += 1
        change = {"seq": self.cursor, "kind": kind, "id": record_id, "op": "upsert", "area": AREA,
                  "version": version, "data": data}
        self.store.apply_page([change], self.cursor, 1)

    def close(self) -> None:
        self.store.close()


def uid() -> str:
    return str(uuid.uuid4())


def case_data(household_id: str = HOUSEHOLD, **values: Any) -> dict[str, Any]:
    data = {"household_id": household_id, "person_ids": [], "category": "assistance", "status": "open",
            "priority": "normal", "assigned_to": ME, "summary": "低保复核", "tags": [],
            "created_by": "li_hui", "created_at": "2026-11-01T08:00:00+00:00"}
    data.update(values)
    return data


def note_data(case_id: str, text: str, written_at: str, household_id: str = HOUSEHOLD) -> dict[str, Any]:
    return {"case_id": case_id, "household_id": household_id, "written_at": written_at, "channel": "visit",
            "text": text, "offline": False, "created_by": "li_hui", "created_at": written_at}


def conflict(field: str, base: Any, theirs: Any, mine: Any) -> dict[str, Any]:
    """A conflict as the hub keeps it: li_hui saved ``theirs``, I wanted ``mine``."""
    return {"field": field, "base": base, "theirs": theirs, "mine": mine, "by": "li_hui",
            "at": "2026-11-20T02:30:00+00:00", "mine_by": ME, "mine_at": "2026-11-20T03:00:00+00:00"}


def type_chinese(widget: QWidget, text: str) -> None:
    """Type text as an input method commits it (QTest's key clicks know ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
