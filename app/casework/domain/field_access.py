"""Per-field role filtering and masking of derived values (issue 9).

``casework.domain.masking`` withholds fields above the user's clearance, and the hub serves a
record only to roles whose lines of business include the record's department. A derived value
escapes both: a public household's ``flags`` carried ``low_income`` (civil affairs) to a
public-clearance worker and to a migrant officer whose role excludes civil affairs. Here every
field, code and nested value that reveals something (``casework.domain.registry`` declarations,
``casework.domain.implications.NESTED``) is kept only for a user whose clearance reaches the
level and whose role holds the line of business of what it reveals:

- a list of codes (``flags``) loses the codes the user may not see, silently (listing the flags
  field as withheld would itself tell that some flag is set);
- a single value that may not be seen becomes ``None`` and is listed in ``withheld``;
- a nested value is removed from its object.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from typing import Any

from casework.domain.classification import Level
from casework.domain.implications import NESTED
from casework.domain.registry import Reveals, spec


@cache
def _reveal_plan(kind: str) -> tuple[tuple[tuple[str, Reveals | None, tuple[tuple[str, Reveals], ...]], ...],
                                     tuple[tuple[str, str, Reveals], ...]]:
    """(field, its own reveal, its per-value reveals) of a kind, and its nested reveals."""
    fields = tuple((f.name, f.reveals, tuple(f.code_reveals.items())) for f in spec(kind).fields
                   if f.reveals is not None or f.code_reveals)
    nested = tuple((n.subtype, n.path, n.reveals) for n in NESTED if n.kind == kind)
    return fields, nested


def hidden_from(reveals: Reveals, clearance: Level, departments: Collection[str]) -> bool:
    return reveals.level > clearance or reveals.department.value not in departments


@cache
def may_hide(kind: str, clearance: Level, departments: frozenset[str]) -> bool:
    """Whether any derived value of the kind could be hidden from such a user (if not, records
    of the kind pass through unparsed)."""
    fields, nested = _reveal_plan(kind)
    reveals = [r for _, own, per_value in fields for r in ([own] if own else []) + [v for _, v in per_value]]
    reveals += [r for _, _, r in nested]
    return any(hidden_from(r, clearance, departments) for r in reveals)


def filter_derived(kind: str, data: dict[str, Any], clearance: Level,
                   departments: Collection[str]) -> dict[str, Any]:
    """The record without the derived values this user may not see (the same object when
    nothing is hidden)."""
    fields, nested = _reveal_plan(kind)
    out = data
    withheld: list[str] = []

    def copy() -> dict[str, Any]:
        nonlocal out
        if out is data:
            out = dict(data)
        return out

    for name, own, per_value in fields:
        value = data.get(name)
        if value is None:
            continue
        if own is not None and hidden_from(own, clearance, departments):
            copy()[name] = None
            withheld.append(name)
            continue
        hidden = {code for code, reveals in per_value if hidden_from(reveals, clearance, departments)}
        if not hidden:
            continue
        if isinstance(value, list):
            kept = [item for item in value if item not in hidden]
            if len(kept) != len(value):
                copy()[name] = kept
        elif isinstance(value, str) and value in hidden:
            copy()[name] = None
            withheld.append(name)
    subtype = spec(kind).subtype_of(data)
    for sort, path, reveals in nested:
        if sort == subtype and hidden_from(reveals, clearance, departments):
            _remove(copy, data, path.split("."))
    if withheld:
        copy()["withheld"] = sorted(set(withheld) | set(data.get("withheld") or ()))
    return out


def _remove(copy: Any, data: dict[str, Any], steps: list[str]) -> None:
    """Remove the value at a dotted path, copying the objects on the way."""
    parent = data
    for step in steps[:-1]:
        parent = parent.get(step) if isinstance(parent, dict) else None
        if not isinstance(parent, dict):
            return
    if steps[-1] not in parent:
        return
    target = copy()
    for step in steps[:-1]:
        target[step] = dict(target[step])
        target = target[step]
    del target[steps[-1]]
