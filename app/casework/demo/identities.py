"""Unique, valid identifiers for the demo district: identity numbers, phone numbers and
unified social credit codes, drawn from the generator's seeded random source.

Check characters come from ``casework.domain.identifiers`` (python-stdnum), never from
hand-written arithmetic; this module only keeps them unique and fast.
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
_ORG_BODY_ALPHABET = "0123456789"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


@lru_cache(maxsize=4096)
def _region(preferred: str, year: int) -> str:
    return region_for_year(preferred, year)


class IdentityIssuer:
    """Hands out identity numbers, phone numbers and credit codes, each unique in the run."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._id_numbers: set[str] = set()
        self._phones: set[str] = set()
        self._credit_codes: set[str] = set()

    def id_number(self, region: str, birth: dt.date, sex: str) -> str:
        """An identity number whose sequence digit's parity gives the sex (odd: male)."""
        region = _region(region, birth.year)
        parity = 1 if sex == "M" else 0
        rng = self._rng
        while True:
            sequence = rng.randrange(0, 500) * 2 + parity
            number = make_id_number(region, birth, sequence, check_region=False)
            if number not in self._id_numbers:
                self._id_numbers.add(number)
                return number

    def phone(self) -> str:
        rng = self._rng
        while True:
            number = rng.choice(_PHONE_PREFIXES) + f"{rng.randrange(100_000_000):08d}"
            if number not in self._phones:
                self._phones.add(number)
                return number

    def credit_code(self, region: str) -> str:
        """A unified social credit code of an enterprise (registration authority 9 = market
        regulation, type 1 = enterprise) registered in ``region``: the embedded organisation
        code carries its own GB 11714 check character."""
        rng = self._rng
        while True:
            org_body = "".join(rng.choice(_ORG_BODY_ALPHABET) for _ in range(8))
            total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(org_body, _ORG_WEIGHTS, strict=True))
            check = 11 - total % 11
            org_check = "X" if check == 10 else "0" if check == 11 else str(check)
            code = make_credit_code(f"91{region}{org_body}{org_check}")
            if code not in self._credit_codes:
                self._credit_codes.add(code)
                return code
