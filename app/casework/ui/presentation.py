"""What the household, rental-housing and enterprise screens show, as plain values.

The presenters (``casework.ui.presenters``) turn the cache's views into these; the widgets only
lay them out. Keeping the two apart means the wording and masking rules are tested without a
window, and the widgets stay small.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casework.ui.navigation import Place


@dataclass(frozen=True)
class Fact:
    """One line in a department section."""

    label: str  # e.g. 纳税状态
    value: str  # the value, or the status that replaces a withheld value
    department: str  # source department, as shown
    as_of: str  # ISO date
    level_code: str  # classification code: public/internal/secret/confidential
    level_label: str  # 公开/内部/秘密/机密
    withheld: bool = False  # the value is above the user's clearance: ``value`` is its status
    link: Place | None = None  # an enterprise or rental home this fact points to
    link_text: str = ""


@dataclass(frozen=True)
class Section:
    department_code: str
    title: str
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class PersonRow:
    """A person in a table (household members, tenants, workers)."""

    person_id: str
    household_id: str
    name: str
    relation: str
    sex: str
    age: str
    id_number: str  # partly masked
    note: str = ""  # e.g. 残疾 · 来穗


@dataclass(frozen=True)
class HouseholdScreen:
    household_id: str
    address: str
    area_line: str  # street · community · household type
    flags: tuple[str, ...]
    members: tuple[PersonRow, ...]
    sections: dict[str, tuple[Section, ...]]  # person id → that member's department sections
    links: tuple[tuple[str, Place], ...] = ()  # (text, place): the rental home, the landlord
    notes: tuple[str, ...] = ()  # e.g. the address withheld


@dataclass(frozen=True)
class LinkedScreen:
    """A rental home or an enterprise with its people."""

    place: Place
    title: str
    details: tuple[tuple[str, str], ...]  # (label, value) lines
    people_title: str
    people: tuple[PersonRow, ...]
    links: tuple[tuple[str, Place], ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
