"""Who is asking, and which records they may hold.

A ``Viewer`` is the hub's view of an authenticated user: the areas they are scoped to (street
codes, or their whole district), their clearance and the lines of business (departments) of
their role. Scope decides *which* records a viewer holds; clearance decides *how much* of each
they see (``casework.domain.masking``).

Scope prefixes map onto the two feed indexes: a 9-digit street onto ``(street, seq)``, a
6-digit district onto ``(district, seq)``. The feed reads one index range per prefix, so a
page for a street worker never scans the rest of the district.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Table

from casework.domain.classification import Level
from casework.domain.roles import Role

STREET_CODE_LENGTH = 9
DISTRICT_CODE_LENGTH = 6


@dataclass(frozen=True)
class Viewer:
    username: str
    role: str  # a casework.domain.roles.Role value
    district: str  # 6 digits
    scope: tuple[str, ...]  # street codes (9 digits) or the district code (6 digits)
    clearance: Level
    departments: frozenset[str] = field(default_factory=frozenset)  # Department values
    scope_epoch: int = 1

    def __post_init__(self) -> None:
        if not (self.district.isdigit() and len(self.district) == DISTRICT_CODE_LENGTH):
            raise ValueError(f"district must be a 6-digit code, got {self.district!r}")
        for prefix in self.scope:
            if not (prefix.isdigit() and len(prefix) in (DISTRICT_CODE_LENGTH, STREET_CODE_LENGTH)):
                raise ValueError(
                    f"范围无效 invalid scope {prefix!r}: "
                    "use 9-digit street codes or the 6-digit district code"
                )
            if not prefix.startswith(self.district):
                raise ValueError(f"范围 {prefix!r} 不在区 {self.district} 内 scope outside the district")
        object.__setattr__(self, "clearance", Level(self.clearance))
        object.__setattr__(self, "scope", tuple(self.scope))
        object.__setattr__(self, "departments", frozenset(str(d) for d in self.departments))

    @classmethod
    def for_role(
        cls,
        username: str,
        role: str,
        scope: tuple[str, ...] | list[str],
        clearance: Level,
        scope_epoch: int = 1,
    ) -> Viewer:
        """A viewer whose departments are those of the role; the district is the scope's."""
        if not scope:
            raise ValueError("范围不能为空 scope must name at least one street or the district")
        return cls(
            username=username,
            role=str(Role(role)),
            district=scope[0][:DISTRICT_CODE_LENGTH],
            scope=tuple(scope),
            clearance=Level(clearance),
            departments=frozenset(str(d) for d in Role(role).departments),
            scope_epoch=scope_epoch,
        )

    @property
    def prefixes(self) -> tuple[str, ...]:
        """The scope without duplicates or streets already covered by a district prefix:
        each prefix is one index range in the feed, and overlapping ranges would serve a
        record twice."""
        districts = {p for p in self.scope if len(p) == DISTRICT_CODE_LENGTH}
        kept: list[str] = []
        for prefix in self.scope:
            covered = len(prefix) == STREET_CODE_LENGTH and prefix[:DISTRICT_CODE_LENGTH] in districts
            if not covered and prefix not in kept:
                kept.append(prefix)
        return tuple(sorted(kept))

    def holds_nothing(self) -> bool:
        """An administrator (no lines of business) or an empty scope holds no records."""
        return not self.departments or not self.scope

    def may_hold(self, area: str, department: str) -> bool:
        """Whether a record filed under this area and department is in the viewer's set."""
        return department in self.departments and any(area.startswith(p) for p in self.prefixes)


def prefix_condition(table: Table, prefix: str) -> ColumnElement[bool]:
    """The index range of one scope prefix: ``street = …`` or ``district = …``."""
    if len(prefix) == STREET_CODE_LENGTH:
        return table.c.street == prefix
    return table.c.district == prefix


def department_condition(table: Table, viewer: Viewer) -> ColumnElement[bool]:
    """Only the lines of business of the viewer's role."""
    return table.c.department.in_(sorted(viewer.departments))
