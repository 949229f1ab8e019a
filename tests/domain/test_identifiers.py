import datetime as dt

import pytest

from casework.domain import identifiers as ids


def test_made_identity_numbers_validate_and_carry_birth_date_and_sex():
    number = ids.make_id_number("440104", dt.date(1985, 3, 7), 123)
    assert ids.is_valid_id_number(number)
    assert ids.birth_date_of(number) == dt.date(1985, 3, 7)
    assert ids.sex_of(number) == "M"
    assert ids.sex_of(ids.make_id_number("440104", dt.date(1985, 3, 7), 124)) == "F"


def test_a_wrong_check_character_is_refused_with_a_clear_message():
    number = ids.make_id_number("440104", dt.date(1990, 1, 1), 11)
    bad = number[:-1] + ("0" if number[-1] != "0" else "1")
    with pytest.raises(ids.InvalidIdentifier, match="identity number"):
        ids.validate_id_number(bad)


def test_disability_certificate_number_is_identity_number_plus_category_and_grade():
    number = ids.make_id_number("440112", dt.date(1970, 6, 30), 55)
    cert = ids.disability_certificate_number(number, 6, 2)
    assert len(cert) == 20
    assert ids.validate_disability_certificate_number(cert) == (number, 6, 2)
    with pytest.raises(ids.InvalidIdentifier):
        ids.validate_disability_certificate_number(number + "82")


def test_credit_codes_are_completed_and_validated_by_stdnum():
    code = ids.make_credit_code("91440101MA5CXXXX1")
    assert ids.validate_credit_code(code) == code


def test_a_region_code_that_did_not_exist_in_the_birth_year_falls_back_to_the_city():
    # 越秀区 440104 exists from 1983 in stdnum's table; someone born in 1960 gets 440100.
    number = ids.make_id_number("440104", dt.date(1960, 5, 1), 7)
    assert number.startswith("440100")
    assert ids.is_valid_id_number(number)
    assert ids.make_id_number("440104", dt.date(1990, 5, 1), 7).startswith("440104")
