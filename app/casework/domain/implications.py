"""What derived values give away, written down, and the check the hub runs on its declarations.

A value can say more than its own field: a household flag ``low_income`` says what civil
affairs knows; a grant's programme ``disability_nursing`` says the holder's disability is of
grade 1 or 2, which the certificate keeps secret; ``medical_assistance: true`` in a medical
insurance fact says the household gets civil-affairs help (issue 9). The record-kind registry
declares such reveals on fields (``FieldSpec.reveals``/``code_reveals``); values nested in an
object (a fact's ``value``) are declared here, per kind and sort of record.

``KNOWN`` lists the implications the domain knows of. ``check_declarations`` fails when one of
them is not declared at (at least) its level and in its line of business: masking and role
filtering read the declarations, so an implication left undeclared would leak silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from casework.domain.benefits import PROGRAMMES
from casework.domain.classification import Level
from casework.domain.departments import Department as D
from casework.domain.registry import Reveals, spec


@dataclass(frozen=True)
class NestedReveal:
    """A value inside an object field (``value.medical_assistance``) of records of one sort."""

    kind: str
    subtype: str
    path: str  # dotted, from the record's data
    reveals: Reveals


NESTED: tuple[NestedReveal, ...] = (
    NestedReveal("department_fact", "medical_insurance", "value.medical_assistance",
                 Reveals(D.CIVIL_AFFAIRS, Level.INTERNAL)),
)


@dataclass(frozen=True)
class Implication:
    """``kind.field`` holding ``value`` (None: any value) reveals ``department`` at ``level``."""

    kind: str
    field: str
    value: str | None
    department: D
    level: Level
    why: str


def _programme(code: str, department: D, level: Level, why: str) -> tuple[Implication, ...]:
    name = PROGRAMMES[code].name
    return (Implication("benefit_grant", "programme", code, department, level, why),
            Implication("benefit_grant", "programme_name", name, department, level, why))


KNOWN: tuple[Implication, ...] = (
    Implication("household", "flags", "minimum_living", D.CIVIL_AFFAIRS, Level.INTERNAL, "低保户 status"),
    Implication("household", "flags", "low_income", D.CIVIL_AFFAIRS, Level.INTERNAL, "低收入户 status"),
    Implication("household", "flags", "destitute_support", D.CIVIL_AFFAIRS, Level.INTERNAL, "特困 status"),
    Implication("household", "flags", "disabled_member", D.DISABILITY, Level.INTERNAL, "持证残疾人 status"),
    *_programme("minimum_living", D.CIVIL_AFFAIRS, Level.INTERNAL, "the assistance programme"),
    *_programme("low_income", D.CIVIL_AFFAIRS, Level.INTERNAL, "the assistance programme"),
    *_programme("destitute_support", D.CIVIL_AFFAIRS, Level.INTERNAL, "the assistance programme"),
    *_programme("medical_assistance", D.CIVIL_AFFAIRS, Level.INTERNAL, "civil-affairs help"),
    *_programme("disability_nursing", D.DISABILITY, Level.SECRET, "a grade 1-2 disability"),
    Implication("department_fact", "value.medical_assistance", None, D.CIVIL_AFFAIRS, Level.INTERNAL,
                "civil-affairs help (medical insurance fact)"),
)


def declared_reveal(kind: str, field: str, value: str | None) -> Reveals | None:
    """What the declarations say ``kind.field`` (holding ``value``) reveals, or None."""
    for nested in NESTED:
        if nested.kind == kind and nested.path == field:
            return nested.reveals
    declared = spec(kind).field(field)
    if declared is None:
        return None
    if value is not None and value in declared.code_reveals:
        return declared.code_reveals[value]
    return declared.reveals


def check_declarations() -> list[str]:
    """Every problem with the declared reveals (empty when sound), in Chinese and English."""
    problems = []
    for known in KNOWN:
        found = declared_reveal(known.kind, known.field, known.value)
        if found is None or found.department != known.department or found.level < known.level:
            problems.append(
                f"未声明的推断 undeclared implication: {known.kind}.{known.field}"
                f"{'=' + known.value if known.value else ''} reveals {known.department.value} at "
                f"{known.level.code} ({known.why}); declared: {found}")
    return problems


class UndeclaredImplication(RuntimeError):
    """The hub refuses to serve on declarations that would let a derived value leak."""


def require_sound_declarations() -> None:
    problems = check_declarations()
    if problems:
        raise UndeclaredImplication("; ".join(problems))
