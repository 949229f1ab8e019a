"""Checks of a local edit before it enters the outbox, by the same validator the hub runs.

The hub validates every op again (it is the authority); checking here with
``casework.domain.validation`` only means the user hears at the moment of saving what the hub
would reject at the next sync anyway — an unknown or hub-set field, a code not declared, a
missing required value, a wrong type — while the form is still open.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from casework.domain.registry import KindSpec
from casework.domain.validation import Problem, validate_changes, validate_data


class EditRefused(ValueError):
    """An edit that cannot be saved; ``message`` is for the user (Chinese and English),
    ``problems`` what the validator found (empty for other refusals)."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems


def _refuse_if(problems: list[Problem]) -> None:
    if problems:
        raise EditRefused(" ".join(p.message for p in problems[:3]), tuple(problems))


def check_new(declared: KindSpec, data: Mapping[str, Any]) -> None:
    """A new record's values: every field known and client-set, typed, required ones there."""
    _refuse_if(validate_data(str(declared.name), dict(data)))


def check_changes(declared: KindSpec, changes: Mapping[str, Any], resolves: Iterable[str]) -> None:
    """An update's new values: known, editable fields, typed; ``resolves`` names real fields."""
    _refuse_if(validate_changes(str(declared.name), dict(changes), list(resolves)))
