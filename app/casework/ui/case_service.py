"""The casework service: what the case screens ask of the cache, typed.

Every method may block (it reads or writes the encrypted cache) and none touches Qt: the
screens call them through ``casework.ui.case_ops`` on the database worker. Writes go through
the client's edit API (``casework.cache.edits``): the record changes in the cache and its op
enters the outbox in one local transaction, online or offline, so a save is on disk before the
screen says so. The hub merges it at the next sync.

The cache's rows are turned into the screen's own small values here (``CaseItem``,
``NoteItem``), so the widgets depend on this module only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from casework.domain.merge import Conflict
from casework.domain.records import Kind
from casework.ui.changes import OpChanges


class SignedInUser(Protocol):
    username: str
    online: bool


class CaseSource(Protocol):
    """Where the cases are: the signed-in session's cache (``CaseworkService`` in the app)."""

    def cache_store(self) -> Any: ...

    def signed_in(self) -> SignedInUser: ...

CASE_FIELDS = ("status", "priority", "assigned_to", "summary", "next_contact", "tags")
OPEN_STATUSES = frozenset({"open", "on_hold"})


@dataclass(frozen=True)
class CaseItem:
    """A case as the user sees it: the hub's state with pending local edits laid over it."""

    id: str
    household_id: str
    category: str
    status: str
    priority: str
    assigned_to: str
    summary: str = ""
    next_contact: str | None = None  # ISO date
    tags: tuple[str, ...] = ()
    person_ids: tuple[str, ...] = ()
    pending: bool = False
    conflicts: tuple[Conflict, ...] = ()
    created_by: str | None = None
    created_at: str | None = None
    rejected: tuple[str, ...] = ()  # the hub's reasons for refused edits of this case

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def value(self, name: str) -> Any:
        """A field's value as the edit API compares it (tags as a list)."""
        value = getattr(self, name)
        return list(value) if isinstance(value, tuple) else value

    def conflict(self, name: str) -> Conflict | None:
        return next((c for c in self.conflicts if c.field == name), None)


@dataclass(frozen=True)
class NoteItem:
    id: str
    case_id: str
    written_at: str
    channel: str
    text: str
    author: str = ""
    offline: bool = False
    pending: bool = False
    rejected: str | None = None


@dataclass(frozen=True)
class CaseDetail:
    """One case and its notes, newest note first."""

    case: CaseItem
    notes: tuple[NoteItem, ...]


@dataclass(frozen=True)
class NewCase:
    """What the "new case" dialog asks for; the rest (status open, the author) is implied."""

    household_id: str
    category: str
    priority: str
    assigned_to: str
    summary: str = ""
    next_contact: str | None = None
    person_ids: tuple[str, ...] = ()


class CaseService:
    """The case screens' door to the cache. Built over the signed-in session (its cache and
    user: ``CaseworkService`` in the app); holds no state of its own."""

    def __init__(self, source: CaseSource) -> None:
        self._source = source

    # -- reading -----------------------------------------------------------------------------

    def cases_of_household(self, household_id: str) -> list[CaseItem]:
        """Open cases first (the cache's order)."""
        from casework.cache import cases

        return [case_item(row) for row in cases.cases_of_household(self._store(), household_id)]

    def case(self, case_id: str) -> CaseDetail | None:
        from casework.cache import cases

        store = self._store()
        row = cases.case(store, case_id)
        if row is None:
            return None
        notes = tuple(note_item(n) for n in cases.notes_of_case(store, case_id))  # newest first
        return CaseDetail(case_item(row), notes)

    def my_open_cases(self) -> list[CaseItem]:
        from casework.cache import cases

        return [case_item(row) for row in cases.open_cases_of(self._store(), self.username())]

    def pending(self) -> int:
        from casework.cache import edits

        return edits.pending_count(self._store())

    def username(self) -> str:
        return self._source.signed_in().username

    # -- writing -----------------------------------------------------------------------------

    def create_case(self, new: NewCase) -> OpChanges:
        from casework.cache import edits

        data: dict[str, Any] = {
            "household_id": new.household_id, "person_ids": list(new.person_ids),
            "category": new.category, "status": "open", "priority": new.priority,
            "assigned_to": new.assigned_to, "summary": new.summary, "tags": []}
        if new.next_contact:
            data["next_contact"] = new.next_contact
        store = self._store()
        case_id = edits.create_record(store, Kind.CASE, data, user=self.username())
        return OpChanges(case_ids=frozenset({case_id}), household_ids=frozenset({new.household_id}),
                         pending=edits.pending_count(store), created_id=case_id)

    def save_case(self, case: CaseItem, values: Mapping[str, Any], resolves: Iterable[str] = ()) -> OpChanges:
        """Save the fields of ``values`` that differ from ``case``; ``resolves`` names conflicts
        the user chose a value for (saved even when the value equals what the case shows)."""
        from casework.cache import edits

        resolved = tuple(resolves)
        changes = {name: value for name, value in values.items()
                   if name in resolved or value != case.value(name)}
        store = self._store()
        if changes or resolved:
            edits.update_record(store, Kind.CASE, case.id, changes, resolves=resolved, user=self.username())
        return OpChanges(case_ids=frozenset({case.id}), household_ids=frozenset({case.household_id}),
                         pending=edits.pending_count(store))

    def add_note(self, case: CaseItem, channel: str, text: str) -> OpChanges:
        """Saved at once, offline or not; ``offline`` tells the reader it was written away from
        the hub."""
        from casework.cache import edits

        data = {"case_id": case.id, "household_id": case.household_id, "channel": channel, "text": text,
                "offline": not self._online()}  # written_at: now, set by the edit API
        store = self._store()
        note_id = edits.create_record(store, Kind.CASE_NOTE, data, user=self.username())
        return OpChanges(case_ids=frozenset({case.id}), household_ids=frozenset({case.household_id}),
                         notes=True, pending=edits.pending_count(store), created_id=note_id)

    def household_opened(self, household_id: str) -> OpChanges:
        """The audit event of one opening of a household, written locally (offline too); it goes
        up with the next push."""
        from casework.cache import edits

        store = self._store()
        edits.record_audit(store, "household_opened", household_id=household_id,
                           record_id=household_id, record_kind=Kind.HOUSEHOLD, offline=not self._online())
        return OpChanges(pending=edits.pending_count(store))

    @staticmethod
    def refusal(exc: BaseException) -> str | None:
        """The message of an edit the cache refused (a value not allowed, nothing to save), for
        the user; None for any other error."""
        from casework.cache.edit_checks import EditRefused

        return exc.message if isinstance(exc, EditRefused) else None

    # -- plumbing ----------------------------------------------------------------------------

    def _store(self) -> Any:
        return self._source.cache_store()

    def _online(self) -> bool:
        return self._source.signed_in().online


# -- the cache's rows (casework.cache.cases) as the screens' values ----------------------------

def case_item(row: Any) -> CaseItem:
    """From a ``CaseRow``."""
    return CaseItem(
        id=row.id, household_id=row.household_id, category=row.category, status=row.status,
        priority=row.priority, assigned_to=row.assigned_to, summary=row.summary,
        next_contact=row.next_contact, tags=tuple(row.tags), person_ids=tuple(row.person_ids),
        pending=row.pending, conflicts=tuple(row.conflicts), created_by=row.created_by,
        created_at=row.created_at, rejected=tuple(row.rejected))


def note_item(row: Any) -> NoteItem:
    """From a ``NoteRow``."""
    return NoteItem(id=row.id, case_id=row.case_id, written_at=row.written_at, channel=row.channel,
                    text=row.text, author=row.created_by or "", offline=row.offline, pending=row.pending,
                    rejected=row.rejected)
