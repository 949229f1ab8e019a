"""Back and forward through the places the user opened: households, rental housing,
enterprises. A browser-style history (visiting a new place drops the forward list).

Pure Python; the window binds Alt+Left / Alt+Right to ``back`` / ``forward``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PlaceKind(StrEnum):
    HOUSEHOLD = "household"
    RENTAL_HOUSING = "rental_housing"
    ENTERPRISE = "enterprise"
    CASE = "case"  # a case page (casework.ui.casework_area)
    MY_CASES = "my_cases"  # the signed-in worker's open cases; the id is the user name


@dataclass(frozen=True)
class Place:
    """Something the window can show. ``focus`` names what to select in it (a member's id)."""

    kind: PlaceKind
    id: str
    focus: str | None = None


class History:
    """Visited places with a current position."""

    def __init__(self, limit: int = 200) -> None:
        self._back: list[Place] = []
        self._forward: list[Place] = []
        self._current: Place | None = None
        self._limit = limit

    @property
    def current(self) -> Place | None:
        return self._current

    def visit(self, place: Place) -> None:
        """Go to a new place; the forward list is dropped, as in a browser."""
        if place == self._current:
            return
        if self._current is not None:
            self._back.append(self._current)
            del self._back[:-self._limit]
        self._current = place
        self._forward.clear()

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def back(self) -> Place | None:
        if not self._back:
            return None
        if self._current is not None:
            self._forward.append(self._current)
        self._current = self._back.pop()
        return self._current

    def forward(self) -> Place | None:
        if not self._forward:
            return None
        if self._current is not None:
            self._back.append(self._current)
        self._current = self._forward.pop()
        return self._current

    def replace_current(self, place: Place) -> None:
        """Update the current place in place (e.g. the member selected in a household)."""
        self._current = place
