"""People and households as the generator builds them, before they become records.

Plain classes with ``__slots__``: the generator makes millions of them, and each turns into
plain dicts (the record data) right away.
"""

from __future__ import annotations

import datetime as dt
import random

from casework.demo import names
from casework.demo.households import MemberSpec
from casework.demo.identities import IdentityIssuer

# Ethnic groups of migrants by province code prefix: (group, share).
_ETHNIC_MIX = {
    "45": (("壮族", 0.32), ("瑶族", 0.03)),
    "52": (("苗族", 0.12), ("布依族", 0.08)),
    "43": (("土家族", 0.04), ("苗族", 0.03)),
}
_LOCAL_MINORITIES = (("回族", 0.003), ("满族", 0.002), ("壮族", 0.003))


class Member:
    """One person of a household."""

    __slots__ = ("age", "birth", "disability", "employer", "id", "id_number", "migrant",
                 "name", "pension", "phone", "relation", "sex", "working")

    def __init__(self, id_: str, spec: MemberSpec, birth: dt.date, migrant: bool) -> None:
        self.id = id_
        self.relation = spec.relation
        self.sex = spec.sex
        self.age = spec.age
        self.birth = birth
        self.migrant = migrant
        self.name = ""
        self.id_number = ""
        self.phone: str | None = None
        self.disability: tuple[int, int] | None = None  # (category, grade)
        self.employer: tuple[str, str] | None = None  # (enterprise id, name) in the district
        self.working = ""  # employment status text, "" when none is registered
        self.pension = ""  # social insurance status text


class Household:
    __slots__ = ("address", "area", "community", "flags", "id", "members", "migrant", "origin",
                 "other_address", "programme", "rental_id")

    def __init__(self, id_: str, migrant: bool) -> None:
        self.id = id_
        self.migrant = migrant
        self.members: list[Member] = []
        self.address: dict = {}
        self.area = ""
        self.community = None
        self.rental_id: str | None = None
        self.origin: tuple | None = None  # a casework.demo.addresses.ORIGINS entry
        self.programme: str | None = None  # assistance programme code, if any
        self.other_address: dict | None = None  # where public security finds them, if elsewhere
        self.flags: list[str] = []

    @property
    def head(self) -> Member:
        return self.members[0]


def birth_date(rng: random.Random, age: int, reference: dt.date) -> dt.date:
    """A birth date that makes the person ``age`` whole years old on ``reference``."""
    latest = reference.replace(year=reference.year - age) if not (
        reference.month == 2 and reference.day == 29) else dt.date(reference.year - age, 2, 28)
    return latest - dt.timedelta(days=rng.randint(1, 364))


def ethnicity(rng: random.Random, region: str | None) -> str:
    mix = _ETHNIC_MIX.get(region[:2], ()) if region else _LOCAL_MINORITIES
    roll = rng.random()
    for group, share in mix:
        if roll < share:
            return group
        roll -= share
    return "汉族"


def name_family(rng: random.Random, hh: Household) -> None:
    """Give every member a name: children and the head's father take the paternal surname."""
    head = hh.head
    spouse = next((m for m in hh.members if m.relation == "spouse"), None)
    head_surname = names.surname(rng, hh.migrant)
    spouse_surname = names.surname(rng, hh.migrant)
    paternal = head_surname if head.sex == "M" or spouse is None else spouse_surname
    for m in hh.members:
        if m.relation == "head":
            family = head_surname
        elif m.relation == "spouse":
            family = spouse_surname
        elif m.relation in ("child", "grandchild"):
            family = paternal
        elif m.relation in ("parent", "sibling", "grandparent"):
            family = head_surname if m.sex == "M" or m.relation == "sibling" else None
        else:
            family = None
        m.name = names.full_name(rng, m.sex, m.birth.year, hh.migrant, family)


def identify(rng: random.Random, issuer: IdentityIssuer, hh: Household, local_region: str) -> None:
    """Identity numbers and phones. Locals of the old town were mostly first registered in
    the district itself (or in 东山区 440102, merged into 越秀 in 2005); migrants at home."""
    for m in hh.members:
        if hh.migrant and hh.origin is not None:
            region = hh.origin[0]
        else:
            roll = rng.random()
            region = (local_region if roll < 0.7 else "440102" if roll < 0.82 and local_region == "440104"
                      else rng.choice(("440103", "440105", "440106", "440111")))
        m.id_number, m.birth = issuer.id_number(region, m.birth, m.sex)
        if m.age >= 16:
            has_phone = rng.random() < (0.97 if m.age < 75 else 0.6)
        else:
            has_phone = m.age >= 12 and rng.random() < 0.3
        m.phone = issuer.phone() if has_phone else None


def person_data(hh: Household, m: Member, ethnic_group: str) -> dict:
    """casework.domain.records.PersonData"""
    return {
        "household_id": hh.id,
        "name": m.name,
        "sex": m.sex,
        "birth_date": m.birth.isoformat(),
        "id_number": m.id_number,
        "phone": m.phone,
        "relation": m.relation,
        "ethnicity": ethnic_group,
        "migrant": hh.migrant,
    }
