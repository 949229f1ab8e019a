"""Who saw or changed a household, or what a user did, when and why: one time-ordered trail
from the two places the hub records it.

- ``audit_event``: what users looked at and did (households opened — pushed by clients, offline
  ones too —, logins, pulls, exports, user administration), with device and purpose;
- ``record_revision``: every change applied through the write service, with the fields it
  changed (names only: the values may be classified above whoever reads the trail).

Read by ``casework hub audit``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, select

from casework.hub.schema import AuditEvent, RecordRevision

audit_table = AuditEvent.__table__
revision_table = RecordRevision.__table__

MAX_ENTRIES = 100_000


@dataclass(frozen=True)
class Entry:
    at: str  # ISO 8601, UTC
    username: str
    device_id: str | None
    action: str  # household_opened, login, sync_pull, … or create/update/append for a change
    source: str  # "audit_event" | "revision"
    subject: str | None  # the household or record it concerns
    kind: str | None = None  # a changed record's kind
    version: int | None = None
    fields: tuple[str, ...] = ()  # the fields a change changed
    purpose: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "fields": list(self.fields)}

    def line(self) -> str:
        what = f"{self.kind} {self.subject} v{self.version} [{', '.join(self.fields)}]" if self.kind else (
            self.subject or "")
        why = f"  目的 purpose: {self.purpose}" if self.purpose else ""
        return f"{self.at}  {self.username}  {self.device_id or '-'}  {self.action}  {what}{why}"


def _iso(at: dt.datetime) -> str:
    if at.tzinfo is None:  # SQLite gives naive datetimes back; the hub writes UTC
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(dt.UTC).isoformat(timespec="seconds")


def trail(conn: Connection, *, household: str | None = None, user: str | None = None,
          since: dt.datetime | None = None, limit: int = MAX_ENTRIES) -> list[Entry]:
    """Audit events and revisions matching every filter given, oldest first. A household's trail
    is the events naming it (opened, …) and the changes to records filed under it."""
    if household is None and user is None and since is None:
        raise ValueError("需要 --household、--user 或 --since 之一 give --household, --user or --since")
    a, r = audit_table.c, revision_table.c
    events = select(a.at, a.username, a.device_id, a.action, a.subject, a.purpose)
    changes = select(r.at, r.username, r.device_id, r.action, r.record_id, r.kind, r.version, r.changes)
    if household is not None:
        events = events.where(a.subject == household)
        changes = changes.where(r.household_id == household)
    if user is not None:
        events = events.where(a.username == user)
        changes = changes.where(r.username == user)
    if since is not None:
        events = events.where(a.at >= since)
        changes = changes.where(r.at >= since)
    entries = [Entry(_iso(row.at), row.username, row.device_id, row.action, "audit_event", row.subject,
                     purpose=row.purpose)
               for row in conn.execute(events.order_by(a.at).limit(limit))]
    entries += [Entry(_iso(row.at), row.username, row.device_id, row.action, "revision", row.record_id,
                      kind=row.kind, version=row.version, fields=tuple(orjson.loads(row.changes)))
                for row in conn.execute(changes.order_by(r.at).limit(limit))]
    entries.sort(key=lambda e: (e.at, e.source))
    return entries[:limit]


def parse_since(text: str) -> dt.datetime:
    """A date (``2026-12-01``, midnight UTC) or an ISO date-time (UTC when it names no offset)."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--since 须为日期或时间 --since takes a date or ISO date-time: {text!r}") from None
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
