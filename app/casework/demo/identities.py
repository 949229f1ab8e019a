"""Unique, valid identifiers for the demo district: identity numbers, phone numbers and
unified social credit codes, drawn from the generator's seeded random source.

Check characters come from ``casework.domain.identifiers`` (python-stdnum), never from
hand-written arithmetic; this module only keeps them unique and fast.

Uniqueness across streets without shared state: each street of a district draws from its own
*lane* of every number space (identity-number sequences, phone numbers, organisation codes
whose value modulo the number of streets is the street's index), so streets can be generated
independently — in parallel processes — and still never collide.
"""

from __future__ import annotations

import datetime as dt
import random
from functools import lru_cache

from casework.domain.identifiers import make_credit_code, make_id_number, region_for_year

_PHONE_PREFIXES = tuple(
    [f"13{d}" for d in range(10)] + [f"15{d}" for d in "012356789"] + [f"18{d}" for d in range(10)]
)
# Characters of an organisation code (GB 11714) and its check weights.
_ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_SEQUENCES_PER_SEX = 500  # three-digit sequence, odd for men, even for women
_TRIES = 64  # draws in a full lane before moving on (a lane holds at least 27 numbers)


@lru_cache(maxsize=8192)
def _region(preferred: str, year: int) -> str:
    return region_for_year(preferred, year)


class IdentityIssuer:
    """Hands out identity numbers, phone numbers and credit codes, unique within the run and
    — through the lane — across the streets of a district."""

    def __init__(self, rng: random.Random, lane: int = 0, lanes: int = 1) -> None:
        if not 0 <= lane < lanes:
            raise ValueError(f"lane {lane} outside 0..{lanes - 1}")
        self._rng = rng
        self._lane = lane
        self._lanes = lanes
        self._sequence_slots = (_SEQUENCES_PER_SEX - lane + lanes - 1) // lanes
        self._id_numbers: set[str] = set()
        self._phones: set[str] = set()
        self._credit_codes: set[str] = set()

    def id_number(self, region: str, birth: dt.date, sex: str) -> tuple[str, dt.date]:
        """An identity number whose sequence digit's parity gives the sex (odd: male), and the
        birth date it carries. Where the street's lane of sequences is full for that region and
        day, the city's and then the province's code is used (people first registered "in
        Guangzhou" exist), and in the last resort the next day."""
        parity = 1 if sex == "M" else 0
        rng, lane, lanes, slots = self._rng, self._lane, self._lanes, self._sequence_slots
        while True:
            preferred = _region(region, birth.year)
            for code in dict.fromkeys((preferred, preferred[:4] + "00", preferred[:2] + "0000")):
                code = _region(code, birth.year)
                for _ in range(_TRIES):
                    sequence = (lane + lanes * rng.randrange(slots)) * 2 + parity
                    number = make_id_number(code, birth, sequence, check_region=False)
                    if number not in self._id_numbers:
                        self._id_numbers.add(number)
                        return number, birth
            birth += dt.timedelta(days=1)

    def phone(self) -> str:
        rng, lane, lanes = self._rng, self._lane, self._lanes
        per_lane = (100_000_000 - lane + lanes - 1) // lanes
        while True:
            number = rng.choice(_PHONE_PREFIXES) + f"{lane + lanes * rng.randrange(per_lane):08d}"
            if number not in self._phones:
                self._phones.add(number)
                return number

    def credit_code(self, region: str) -> str:
        """A unified social credit code of an enterprise (registration authority 9 = market
        regulation, type 1 = enterprise) registered in ``region``: the embedded organisation
        code carries its own GB 11714 check character."""
        rng, lane, lanes = self._rng, self._lane, self._lanes
        per_lane = (100_000_000 - lane + lanes - 1) // lanes
        while True:
            org_body = f"{lane + lanes * rng.randrange(per_lane):08d}"
            total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(org_body, _ORG_WEIGHTS, strict=True))
            check = 11 - total % 11
            org_check = "X" if check == 10 else "0" if check == 11 else str(check)
            code = make_credit_code(f"91{region}{org_body}{org_check}")
            if code not in self._credit_codes:
                self._credit_codes.add(code)
                return code
