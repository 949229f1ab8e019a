"""The record-kind registry: what each kind of record is, declared once.

Every kind — department data pulled from the hub and casework written by the frontline — is a
``KindSpec``: its fields (type, classification level, the status that replaces a withheld
value, what a derived value reveals), the line of business that owns it, how it links to
household, person, rental housing and enterprise, how it syncs, and which roles may write it.
Masking, the hub's feed writer and write service, the cache, the wire schemas, the views'
text and the rule vocabulary read these declarations instead of knowing kinds themselves.

The declarations live in ``casework.domain.kinds_department`` (pulled) and
``casework.domain.kinds_casework`` (written by users); this module holds the types and the
lookup. Adding a kind is one declaration there plus its screens.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from casework.domain.classification import Level
from casework.domain.departments import Department
from casework.domain.roles import Role


class Sync(StrEnum):
    """How a kind travels between hub and client."""

    PULLED = "pulled"  # department data: read-only on the client; wrong data is reported, not fixed
    EDITABLE = "editable"  # casework: created, then merged field by field
    APPEND_ONLY = "append_only"  # what happened: created once, never changed, never in conflict
    HUB_ONLY = "hub_only"  # pushed up, never served back down (audit)


class FieldType(StrEnum):
    TEXT = "text"
    INT = "int"
    NUMBER = "number"
    BOOL = "bool"
    DATE = "date"  # ISO YYYY-MM-DD
    DATETIME = "datetime"  # ISO 8601 with offset
    CODE = "code"  # one of the field's ``codes``
    CODES = "codes"  # a list of the field's ``codes``
    TEXTS = "texts"  # a list of short free texts (tags)
    ID = "id"  # a record id (lower-case UUID)
    IDS = "ids"  # a list of record ids
    ID_NUMBER = "id_number"  # 公民身份号码, validated with stdnum.cn.ric
    USER = "user"  # a hub user name
    ADDRESS = "address"  # casework.domain.records.Address
    OBJECT = "object"  # a nested object whose shape the kind's module documents


@dataclass(frozen=True)
class Code:
    """One allowed value of a code field, with its display names."""

    code: str
    zh: str
    en: str


@dataclass(frozen=True)
class Reveals:
    """What a value reveals beyond its own field: a derived value (a household flag, a
    programme name) says something that another department owns at another level."""

    department: Department
    level: Level


@dataclass(frozen=True)
class FieldSpec:
    """One field of a kind's ``data``.

    The field's level is ``level``, or — for values classified per record by the owning
    department — the level named in the record's own ``data[level_field]``. A field above a
    user's clearance never leaves the hub (``casework.domain.masking``).
    ``reveals``/``code_reveals`` declare what a derived value gives away; the hub checks these
    declarations (a field must not reveal more than its own level and line of business allow).
    """

    name: str
    type: FieldType
    zh: str
    en: str
    level: Level = Level.PUBLIC
    level_field: str | None = None
    required: bool = False
    codes: tuple[Code, ...] = ()
    max_length: int | None = None  # characters of a text, items of a list
    reveals: Reveals | None = None
    code_reveals: Mapping[str, Reveals] = field(default_factory=dict)  # per code of a CODES field
    hub_set: bool = False  # set by the hub from the request (author, time, conflicts), never by a client
    editable: bool = True  # an update may change it (ids a record hangs on are fixed at creation)

    def code(self, value: str) -> Code | None:
        return next((c for c in self.codes if c.code == value), None)


@dataclass(frozen=True)
class Links:
    """How a record links to the four anchors of the household view. Each is the name of the
    data field holding the linked id (``SELF`` when the record is that anchor itself); a dotted
    name reaches into a nested object (``landlord.person_id``)."""

    household: str | None = None
    persons: tuple[str, ...] = ()
    rental_housing: str | None = None
    enterprise: str | None = None
    subject: str | None = None  # the one person the record is about (a fact's person)
    points_to: str | None = None  # the record this one leads to (a household's rental home)


SELF = "@self"


@dataclass(frozen=True)
class DepartmentRule:
    """Which line of business owns a record: fixed, read from a field holding a Department
    value, looked up from a code field, or taken from the parent record (``area_from``)."""

    fixed: Department | None = None
    from_field: str | None = None
    by_code: tuple[str, Mapping[str, Department]] | None = None
    from_parent: bool = False

    def of(self, data: Mapping[str, Any], parent_department: str | None = None) -> Department:
        if self.fixed is not None:
            return self.fixed
        if self.from_field is not None:
            return Department(data[self.from_field])
        if self.by_code is not None:
            name, mapping = self.by_code
            return mapping[data[name]]
        if self.from_parent and parent_department is not None:
            return Department(parent_department)
        raise ValueError("this record's department comes from its parent record, which was not given")


@dataclass(frozen=True)
class KindSpec:
    """One kind of record."""

    name: str
    zh: str
    en: str
    sync: Sync
    department: DepartmentRule
    fields: tuple[FieldSpec, ...]
    links: Links = Links()
    # The field naming the record whose area (community) this one is filed under. Records
    # created by a client carry no area of their own: a case lies where its household lies.
    area_from: str | None = None
    # The kind of that record, where the field's name does not say it (``plan_id`` names a
    # ``service_plan``); by default the household for the household link, else the field's name
    # without ``_id`` (``case_id`` names a ``case``).
    area_from_kind: str | None = None
    writers: frozenset[Role] = frozenset()
    # What sort of the kind a record is: the data field naming it (a fact's ``fact_type``), or
    # a fixed name for kinds with one sort (``=disability_certificate``).
    subtype: str | None = None
    _by_name: dict[str, FieldSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})

    def field(self, name: str) -> FieldSpec | None:
        return self._by_name.get(name)

    @property
    def field_names(self) -> frozenset[str]:
        return frozenset(self._by_name)

    @property
    def client_writable(self) -> bool:
        return self.sync is not Sync.PULLED

    def department_of(self, data: Mapping[str, Any], parent_department: str | None = None) -> Department:
        return self.department.of(data, parent_department)

    def subtype_of(self, data: Mapping[str, Any]) -> str | None:
        if self.subtype is None:
            return None
        if self.subtype.startswith("="):
            return self.subtype[1:]
        value = data.get(self.subtype)
        return value if isinstance(value, str) else None

    def household_of(self, record_id: str, data: Mapping[str, Any]) -> str | None:
        """The household a record belongs to (it moves with it), or None."""
        name = self.links.household
        if name is None:
            return None
        if name == SELF:
            return record_id
        value = linked(data, name)
        return value if isinstance(value, str) else None


def linked(data: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path of a record's data (None where any step is missing)."""
    value: Any = data
    for step in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(step)
    return value


_REGISTRY: dict[str, KindSpec] = {}


def register(*specs: KindSpec) -> None:
    for spec in specs:
        if spec.name in _REGISTRY and _REGISTRY[spec.name] != spec:
            raise ValueError(f"record kind {spec.name!r} declared twice")
        _REGISTRY[spec.name] = spec


_loaded = False


def _load() -> None:
    """Import the declaration modules (they register themselves) before the first look-up; a
    module that imported one of them directly must not leave the registry half full."""
    global _loaded
    from casework.domain import (  # noqa: F401
        kinds_casework,
        kinds_department,
        kinds_followups,
        kinds_services,
    )

    _loaded = True


class UnknownKind(KeyError):
    """A kind no declaration names."""

    def __str__(self) -> str:
        return f"未知的记录类型 unknown record kind {self.args[0]!r}"


def spec(kind: str) -> KindSpec:
    """The declaration of a kind; UnknownKind if none."""
    if not _loaded:
        _load()
    try:
        return _REGISTRY[kind]
    except KeyError:
        raise UnknownKind(kind) from None


def all_kinds() -> tuple[KindSpec, ...]:
    if not _loaded:
        _load()
    return tuple(_REGISTRY.values())


def kinds_with(sync: Sync) -> tuple[KindSpec, ...]:
    return tuple(s for s in all_kinds() if s.sync is sync)


def code_label(kind: str, field_name: str, code: str, lang: str = "zh") -> str:
    """The display name of a code value in a language (``zh`` or ``en``); the code itself where
    the declaration names no such code."""
    declared = spec(kind).field(field_name)
    found = declared.code(code) if declared else None
    if found is None:
        return code
    return found.en if lang == "en" else found.zh
