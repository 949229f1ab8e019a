"""The demo district generator: a deterministic, realistic synthetic district.

``generate_district(households, seed)`` yields records (household, person, rental housing,
enterprise, department facts, disability certificates, benefit grants, and the disability
federation's service plans with their records) in the shapes of ``casework.domain.records``
and ``casework.domain.kinds_services``; ``casework.demo.bulk_load`` puts them into a hub database.

Same seed, same district, byte for byte: each street is drawn from its own seeded
``random.Random`` (``DemoRandom``, with faster integer draws; seed and street code make its
seed), record ids included, and dates count from a fixed reference date, never from today.
Streets share nothing — landlords and employers are people and enterprises of the same street,
and identifiers stay unique across streets by lanes (``casework.demo.identities``) — so the
bulk loader can build a district's streets in parallel processes, with the same result.

Generation is lean — plain dicts, no per-record objects beyond small slotted helpers — so
500,000 households take minutes, not hours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import NamedTuple

from casework.demo import names
from casework.demo.addresses import (
    ORIGINS,
    Community,
    StreetGeography,
    district_geography,
    random_address,
)
from casework.demo.facts import RETIREMENT_AGE, FactMaker
from casework.demo.grants import GrantMaker
from casework.demo.households import compose, household_size
from casework.demo.identities import IdentityIssuer
from casework.demo.people import Household, Member, birth_date, ethnicity, identify, name_family, person_data
from casework.demo.premises import enterprise_data, rental_data
from casework.demo.rng import DemoRandom
from casework.demo.services import ServiceMaker

REFERENCE_DATE = dt.date(2026, 11, 1)  # "today" of every generated district
DEFAULT_DISTRICT = "440104"
DEMO_STREETS = ("440104001", "440104002")  # 北京街, 人民街
MIGRANT_SHARE = 0.30
ADDRESS_MISMATCH_SHARE = 0.03
HOUSEHOLDS_PER_ENTERPRISE = 25

_ORIGIN_CUM = list(accumulate(o[4] for o in ORIGINS))
_DISABILITY_CATEGORIES = (1, 2, 3, 4, 5, 6, 7)
_CATEGORY_CUM = list(accumulate((14, 16, 3, 32, 10, 13, 12)))
_GRADES = (1, 2, 3, 4)
_GRADE_CUM = list(accumulate((14, 24, 27, 35)))
# Version 4, RFC 4122 variant: the bits uuid.UUID(int=..., version=4) clears and sets.
_UUID_CLEAR = ~((0xC000 << 48) | (0xF000 << 64)) & ((1 << 128) - 1)
_UUID_SET = (0x8000 << 48) | (4 << 76)


class GeneratedRecord(NamedTuple):
    kind: str
    id: str
    area: str  # community code, 12 digits
    data: dict


class StreetJob(NamedTuple):
    """Everything needed to generate one street, in a plain picklable form."""

    seed: int
    district: str
    street: str
    households: int
    reference: str  # ISO date


class DistrictPlan:
    """A district to generate: iterating it yields every record, street after street; its
    ``jobs`` let ``casework.demo.bulk_load`` generate the streets in parallel instead."""

    def __init__(self, households: int, seed: int, district: str, streets: Sequence[str] | None,
                 reference: dt.date) -> None:
        if households < 0:
            raise ValueError(f"户数不能为负 households must be >= 0, got {households}")
        geography = district_geography(district)  # raises for an unknown district
        if streets:
            unknown = [s for s in streets if s not in geography]
            if unknown:
                raise ValueError(
                    f"街道不属于该区 streets not in district {district}: {', '.join(unknown)}; "
                    f"known: {', '.join(geography)}")
            geos = [geography[s] for s in dict.fromkeys(streets)]
        else:
            geos = list(geography.values())
        self.households = households
        self.jobs = [StreetJob(seed, district, g.street_code, count, reference.isoformat())
                     for g, count in zip(geos, split_households(households, geos), strict=True)
                     if count > 0]

    def __iter__(self) -> Iterator[GeneratedRecord]:
        for job in self.jobs:
            yield from street_records(job)


def generate_district(households: int, seed: int, district: str = DEFAULT_DISTRICT,
                      streets: Sequence[str] | None = None,
                      reference: dt.date = REFERENCE_DATE) -> DistrictPlan:
    """Every record of a district of ``households`` households, spread over ``streets``
    (default: all streets of the district) in proportion to their communities. Raises
    ValueError at once for an unknown district or street."""
    return DistrictPlan(households, seed, district, streets, reference)


def street_records(job: StreetJob) -> Iterator[GeneratedRecord]:
    """The records of one street: its enterprises first, then household after household."""
    return StreetGenerator(job).records()


def split_households(total: int, geos: Sequence[StreetGeography]) -> list[int]:
    """Households per street, proportional to the number of communities (largest remainder)."""
    weights = [len(g.communities) for g in geos]
    shares = [total * w / sum(weights) for w in weights]
    counts = [int(s) for s in shares]
    by_remainder = sorted(range(len(geos)), key=lambda i: (counts[i] - shares[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


class StreetGenerator:
    """Builds one street household by household; keeps the landlords, enterprises and
    rental housing that later households link to."""

    def __init__(self, job: StreetJob) -> None:
        geography = district_geography(job.district)
        self.geo = geography[job.street]
        self.district_geos = list(geography.values())  # where else a household may really live
        self.households = job.households
        self.district = job.district
        self.reference = dt.date.fromisoformat(job.reference)
        self.ref_ord = self.reference.toordinal()
        self.rng = DemoRandom(f"{job.seed}:{job.street}")
        self._getrandbits = self.rng.getrandbits
        self.issuer = IdentityIssuer(self.rng, lane=list(geography).index(job.street), lanes=len(geography))
        self.facts = FactMaker(self.rng, self.reference)
        self.grants = GrantMaker(self.rng, self.reference)
        self.services = ServiceMaker(job.seed, job.street, self.reference)  # a random source of its own
        self.landlords: list[dict] = []  # local people of the street who let housing
        self.enterprises: list[tuple[str, str]] = []  # (id, name) of those in business
        self.open_rentals: dict[str, list[list]] = {}  # community → [id, address, rooms left]

    def new_id(self) -> str:
        """A random (version 4) UUID from the seeded source; the same text as
        ``str(uuid.UUID(int=rng.getrandbits(128), version=4))``, made faster."""
        h = "%032x" % (self._getrandbits(128) & _UUID_CLEAR | _UUID_SET)
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def records(self) -> Iterator[GeneratedRecord]:
        geo = self.geo
        yield from self._enterprises(geo, max(3, self.households // HOUSEHOLDS_PER_ENTERPRISE))
        for _ in range(self.households):
            yield from self._household(geo)

    def _enterprises(self, geo: StreetGeography, count: int) -> Iterator[GeneratedRecord]:
        for _ in range(count):
            data = enterprise_data(self.rng, geo, self.issuer.credit_code(geo.district_code), self.reference)
            record = GeneratedRecord("enterprise", self.new_id(), data["address"]["community"], data)
            if data["status"] == "存续":
                self.enterprises.append((record.id, data["name"]))
            yield record

    # --- one household -------------------------------------------------------------------

    def _household(self, geo: StreetGeography) -> list[GeneratedRecord]:
        rng = self.rng
        out: list[GeneratedRecord] = []
        hh = Household(self.new_id(), rng.random() < MIGRANT_SHARE)
        specs = compose(rng, household_size(rng), hh.migrant)
        community = rng.choice(geo.communities)
        registered_ord, permit_profile = 0, "normal"
        if hh.migrant:
            hh.origin = rng.choices(ORIGINS, cum_weights=_ORIGIN_CUM)[0]
            rental_id, building = self._rental(geo, community, out)
            hh.rental_id = rental_id
            room = rng.randint(1, 6) * 100 + rng.randint(1, 8)
            hh.address = dict(building, text=f"{building['text']}{room}房")
            roll = rng.random()
            permit_profile = "expiring" if roll < 0.05 else "expired" if roll < 0.08 else "normal"
            # permits due or lapsed now were issued three years ago, after six months here
            newest = 20 if permit_profile == "normal" else 1700
            registered_ord = self.ref_ord - rng.randint(newest, 5000 if permit_profile == "normal" else 4000)
        else:
            hh.address = random_address(rng, geo, community)
        hh.area = hh.address["community"]
        hh.members = [Member(self.new_id(), s, birth_date(rng, s.age, self.reference), hh.migrant)
                      for s in specs]
        name_family(rng, hh)
        identify(rng, self.issuer, hh, self.district)
        self._circumstances(hh)
        if rng.random() < ADDRESS_MISMATCH_SHARE:
            other = rng.choice(self.district_geos) if rng.random() < 0.4 else geo
            hh.other_address = random_address(rng, other, rng.choice(other.communities))
        out.append(GeneratedRecord("household", hh.id, hh.area, self._household_data(hh)))
        area = hh.area
        ethnic_group = ethnicity(rng, hh.origin[0] if hh.origin else None)  # one per family
        for m in hh.members:
            out.append(GeneratedRecord("person", m.id, area, person_data(hh, m, ethnic_group)))
        for m in hh.members:
            for fact in self.facts.person_facts(hh, m, registered_ord, permit_profile, hh.rental_id):
                out.append(GeneratedRecord("department_fact", self.new_id(), area, fact))
            if m.disability is not None:
                out.append(GeneratedRecord("disability_certificate", self.new_id(), area,
                                           self._certificate(hh, m)))
        for data in self.grants.household_grants(hh):
            out.append(GeneratedRecord("benefit_grant", self.new_id(), area, data))
        for m in hh.members:
            if m.disability is not None:
                for kind, record_id, data in self.services.plans(m.id, hh.id, m.age, *m.disability):
                    out.append(GeneratedRecord(kind, record_id, area, data))
        if not hh.migrant:
            self._offer_landlord(geo, hh.head)
        return out

    def _household_data(self, hh: Household) -> dict:
        data = {"address": hh.address, "household_type": "migrant" if hh.migrant else "local",
                "head_id": hh.head.id, "flags": hh.flags}
        if hh.migrant:
            data["rental_housing_id"] = hh.rental_id
        return data

    def _circumstances(self, hh: Household) -> None:
        """Assistance programme, disabilities, work and pensions; the household's flags."""
        rng = self.rng
        size = len(hh.members)
        head = hh.head
        if not hh.migrant:
            roll = rng.random()
            if roll < 0.025:
                hh.programme = "minimum_living"
            elif roll < 0.04:
                hh.programme = "low_income"
            elif roll < 0.3 and size == 1 and head.age >= 60 and rng.random() < 0.04:
                hh.programme = "destitute_support"
        boost = 2.5 if hh.programme else 1.0
        for m in hh.members:
            rate = 0.012 if m.age < 18 else 0.04 if m.age < 60 else 0.1 if m.age < 80 else 0.2
            if rng.random() < rate * boost:
                m.disability = (rng.choices(_DISABILITY_CATEGORIES, cum_weights=_CATEGORY_CUM)[0],
                                rng.choices(_GRADES, cum_weights=_GRADE_CUM)[0])
            self._work(hh, m)
        if hh.migrant:
            hh.flags.append("migrant")
        if hh.programme:
            hh.flags.append(hh.programme)
        if any(m.disability for m in hh.members):
            hh.flags.append("disabled_member")
        if size == 1 and head.age >= 60:
            hh.flags.append("elderly_alone")

    def _work(self, hh: Household, m: Member) -> None:
        rng = self.rng
        retired = m.age >= RETIREMENT_AGE[m.sex]
        if m.age < 18:
            return
        if retired:
            m.pension = "领取养老金" if rng.random() < (0.3 if hh.migrant else 0.85) else "未参保"
            return
        roll = rng.random() * (1.6 if hh.programme or m.disability else 1.0)
        employed, flexible, unemployed = (0.72, 0.87, 0.9) if hh.migrant else (0.55, 0.63, 0.67)
        if roll < employed:
            m.working = "就业"
            in_street = rng.random() < (0.85 if hh.migrant else 0.25)
            if in_street and self.enterprises:
                m.employer = rng.choice(self.enterprises)
        elif roll < flexible:
            m.working = "灵活就业"
        elif roll < unemployed:
            m.working = "失业登记"
        if m.working in ("就业", "灵活就业"):
            m.pension = "在保" if rng.random() < (0.9 if m.working == "就业" else 0.55) else "未参保"
        else:
            m.pension = "在保" if rng.random() < 0.3 else "未参保"

    def _certificate(self, hh: Household, m: Member) -> dict:
        assert m.disability is not None
        category, grade = m.disability
        issued = self.ref_ord - self.rng.randint(30, 3650)
        return {
            "person_id": m.id,
            "household_id": hh.id,
            # = casework.domain.identifiers.disability_certificate_number(), which re-validates
            # the identity number (~0.4 ms in stdnum's region table, 30 s for a district);
            # the number was made valid by make_id_number and the tests validate every one.
            "number": f"{m.id_number}{category}{grade}",
            "category": category,
            "grade": grade,
            "issued_on": dt.date.fromordinal(issued).isoformat(),
            "valid_until": dt.date.fromordinal(issued + 3652).isoformat(),
            "as_of": self.facts.as_of(),
            # mental disability is the more sensitive line: only secret clearance sees it
            "classification": "secret" if category == 6 else "internal",
            "status": "持证残疾人",
            "status_classification": "internal",
        }

    # --- rental housing and landlords ------------------------------------------------------

    def _rental(self, geo: StreetGeography, community: Community,
                out: list[GeneratedRecord]) -> tuple[str, dict]:
        """A rental unit in the community for a migrant household: often one that already has
        tenants, else a new one (its record goes to ``out`` before the household's)."""
        rng = self.rng
        open_units = self.open_rentals.setdefault(community.code, [])
        if open_units and rng.random() < 0.4:
            unit = rng.choice(open_units)
            unit[2] -= 1
            if unit[2] <= 0:
                open_units.remove(unit)
            return unit[0], unit[1]
        data = rental_data(rng, geo, community, self._landlord(geo), self.reference)
        record = GeneratedRecord("rental_housing", self.new_id(), community.code, data)
        out.append(record)
        if data["rooms"] > 1:
            open_units.append([record.id, data["address"], data["rooms"] - 1])
        return record.id, data["address"]

    def _landlord(self, geo: StreetGeography) -> dict:
        """Usually a local person of the street already in the hub; else an owner living
        elsewhere in the city."""
        rng = self.rng
        if self.landlords and rng.random() < 0.8:
            return dict(rng.choice(self.landlords))
        sex = rng.choice("MF")
        born = birth_date(rng, rng.randint(35, 80), self.reference)
        region = rng.choice(("440103", "440105", "440106", "440111"))
        id_number, born = self.issuer.id_number(region, born, sex)
        return {"name": names.full_name(rng, sex, born.year, False), "id_number": id_number,
                "phone": self.issuer.phone(), "person_id": None}

    def _offer_landlord(self, geo: StreetGeography, head: Member) -> None:
        if 35 <= head.age <= 85 and head.phone and self.rng.random() < 0.3:
            self.landlords.append({"name": head.name, "id_number": head.id_number, "phone": head.phone,
                                   "person_id": head.id})


def build_demo_hub(db_url: str, households: int = 3000, seed: int = 20261121, progress=None):
    """The demo's hub database: two streets of 越秀区 (北京街, 人民街). Returns LoadStats."""
    from casework.demo.bulk_load import load_district

    records = generate_district(households, seed, DEFAULT_DISTRICT, DEMO_STREETS)
    return load_district(db_url, records, progress=progress)
