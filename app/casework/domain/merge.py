"""Field-by-field three-way merge of edits, and local edits laid over what was pulled.

An update says, for each field it changes, the value it was based on and the new value. The
hub merges it into the record as it is now:

- the field still holds the base value: it takes the new value;
- the field already holds the new value (both sides made the same change): nothing to do;
- the field holds something else (someone else changed it meanwhile): a *conflict*. The record
  keeps the other person's value, and the conflict — base, theirs, mine, both authors — is kept
  on the record until someone chooses. The op's other fields still apply.

Choosing is an ordinary update that names the field in ``resolves``: its value is taken as
chosen, whatever the field holds, and the field's conflict is cleared.

The client lays its pending edits over the pulled record the same way (``overlay``), so every
query shows what the user typed until the hub has answered. Pure functions: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from casework.domain.kinds_casework import CONFLICTS_FIELD


@dataclass(frozen=True)
class Change:
    """One field of an update: what the edit was based on and what it sets."""

    base: Any
    to: Any


@dataclass(frozen=True)
class Conflict:
    field: str
    base: Any
    theirs: Any
    mine: Any
    by: str | None  # who saved ``theirs``
    at: str | None
    mine_by: str | None = None  # who wanted ``mine``
    mine_at: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "base": self.base, "theirs": self.theirs, "mine": self.mine,
                "by": self.by, "at": self.at, "mine_by": self.mine_by, "mine_at": self.mine_at}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Conflict:
        return cls(raw["field"], raw.get("base"), raw.get("theirs"), raw.get("mine"), raw.get("by"),
                   raw.get("at"), raw.get("mine_by"), raw.get("mine_at"))


@dataclass(frozen=True)
class Merged:
    """The outcome of merging one update into a record."""

    data: dict[str, Any]  # the record's new data (``conflicts`` included)
    applied: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field → (before, after)
    conflicts: tuple[Conflict, ...] = ()  # raised by this update

    @property
    def changed(self) -> bool:
        return bool(self.applied) or bool(self.conflicts)


def open_conflicts(data: Mapping[str, Any]) -> list[Conflict]:
    return [Conflict.from_dict(c) for c in data.get(CONFLICTS_FIELD) or ()]


def merge_update(
    current: Mapping[str, Any],
    changes: Mapping[str, Change],
    *,
    author: str | None = None,
    at: str | None = None,
    last_writers: Mapping[str, tuple[str | None, str | None]] | None = None,
    resolves: Iterable[str] = (),
) -> Merged:
    """Merge an update into ``current``. ``last_writers`` says who last set each field (and
    when), for the conflicts' ``by``/``at``; ``resolves`` names fields the author chose a value
    for (the choice wins, and the field's open conflict is cleared)."""
    resolved = set(resolves)
    data = dict(current)
    conflicts = {c.field: c for c in open_conflicts(current)}
    applied: dict[str, tuple[Any, Any]] = {}
    raised: list[Conflict] = []
    writers = last_writers or {}
    for name, change in changes.items():
        now = current.get(name)
        if name in resolved:
            if now != change.to:
                applied[name] = (now, change.to)
                data[name] = change.to
            conflicts.pop(name, None)
        elif now == change.to:
            continue
        elif now == change.base:
            applied[name] = (now, change.to)
            data[name] = change.to
        else:
            by, when = writers.get(name, (None, None))
            conflict = Conflict(name, change.base, now, change.to, by, when, author, at)
            conflicts[name] = conflict
            raised.append(conflict)
    for name in resolved - set(changes):
        conflicts.pop(name, None)  # "keep theirs": resolved with no change
    data[CONFLICTS_FIELD] = [c.as_dict() for c in conflicts.values()]
    if not data[CONFLICTS_FIELD] and CONFLICTS_FIELD not in current:
        del data[CONFLICTS_FIELD]
    return Merged(data, applied, tuple(raised))


def overlay(pulled: Mapping[str, Any] | None, pending: Iterable[Mapping[str, Any]]) -> dict[str, Any] | None:
    """A record as the user sees it: the hub's state with the local, not yet acknowledged edits
    laid over it, oldest first. ``pending`` are the ops' payloads (``data`` of a create or
    append, ``changes`` of an update as ``{field: {"from": …, "to": …}}``, ``resolves``).
    Returns None when there is neither a pulled record nor a pending create."""
    data = dict(pulled) if pulled is not None else None
    for op in pending:
        if op.get("data") is not None and op.get("action") in ("create", "append"):
            data = {**op["data"], **(data or {})} if data is not None else dict(op["data"])
            continue
        if data is None:
            continue
        for name, change in (op.get("changes") or {}).items():
            data[name] = change["to"]
        resolved = set(op.get("resolves") or ())
        if resolved and data.get(CONFLICTS_FIELD):
            data[CONFLICTS_FIELD] = [c for c in data[CONFLICTS_FIELD] if c.get("field") not in resolved]
    return data
