"""Chinese identifiers, validated with python-stdnum (never hand-written check digits).

- 公民身份号码 resident identity number (GB 11643-1999): ``stdnum.cn.ric``
- 统一社会信用代码 unified social credit code (GB 32100-2015): ``stdnum.cn.uscc``
- 第二代残疾人证 disability certificate number: identity number + category + grade
"""

from __future__ import annotations

import datetime as dt

from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc


class InvalidIdentifier(ValueError):
    """An identifier failed validation; the message says which and why."""


def validate_id_number(number: str) -> str:
    """Return the compact, upper-case identity number or raise InvalidIdentifier."""
    try:
        return ric.validate(number)
    except stdnum_errors.ValidationError as exc:
        raise InvalidIdentifier(f"身份证号码无效 invalid identity number {number!r}: {exc}") from None


def is_valid_id_number(number: str) -> bool:
    return ric.is_valid(number)


def make_id_number(
    region: str, birth: dt.date, sequence: int, *, check_region: bool = True
) -> str:
    """Build a valid identity number: region (6 digits), birth date, 3-digit sequence
    (odd for men, even for women), and the ISO 7064 MOD 11-2 check character. The region is
    replaced by its city's or province's where it did not exist in the birth year."""
    if check_region:
        region = region_for_year(region, birth.year)
    body = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder check digit


def region_for_year(preferred: str, year: int) -> str:
    """A region code that stdnum accepts for someone born in ``year``: ``preferred`` where it
    existed then, else its city (e.g. 440100 广州市) or province code, which always exist.
    Codes change over time (越秀区 440104 exists from 1983), and stdnum checks that."""
    for code in (preferred, preferred[:4] + "00", preferred[:2] + "0000"):
        if ric.is_valid(make_id_number(code, dt.date(year, 1, 1), 1, check_region=False)):
            return code
    raise InvalidIdentifier(f"no region code for {preferred!r} in {year}")


def birth_date_of(number: str) -> dt.date:
    return ric.get_birth_date(number)


def sex_of(number: str) -> str:
    """``M`` or ``F`` from the sequence digit's parity."""
    return "M" if int(number[16]) % 2 else "F"


def validate_credit_code(code: str) -> str:
    try:
        return uscc.validate(code)
    except stdnum_errors.ValidationError as exc:
        raise InvalidIdentifier(
            f"统一社会信用代码无效 invalid unified social credit code {code!r}: {exc}"
        ) from None


def make_credit_code(body17: str) -> str:
    """Complete a 17-character body (no I, O, Z, S, V) with its check character."""
    return body17 + uscc.calc_check_digit(body17)


def disability_certificate_number(id_number: str, category: int, grade: int) -> str:
    return f"{validate_id_number(id_number)}{category}{grade}"


def validate_disability_certificate_number(number: str) -> tuple[str, int, int]:
    """Return (identity number, category 1-7, grade 1-4) or raise InvalidIdentifier."""
    if len(number) != 20:
        raise InvalidIdentifier(
            f"残疾人证号应为20位 disability certificate number must be 20 characters: {number!r}"
        )
    id_number = validate_id_number(number[:18])
    category, grade = number[18], number[19]
    if category not in "1234567" or grade not in "1234":
        raise InvalidIdentifier(
            f"残疾人证号类别或等级无效 bad category/grade in disability certificate number {number!r}"
        )
    return id_number, int(category), int(grade)
