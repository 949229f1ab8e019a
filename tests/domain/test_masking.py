from casework.domain.checksum import checksum_of, combine, format_checksum, uncombine
from casework.domain.classification import Level
from casework.domain.masking import mask, record_level


def tax_fact(amount: float) -> dict:
    return {
        "person_id": "p", "household_id": "h", "department": "tax", "fact_type": "tax_status",
        "as_of": "2026-10-01", "classification": "secret", "value": {"amount_owed": amount},
        "status": "欠税", "status_classification": "internal",
    }


def test_a_value_above_clearance_is_withheld_and_its_status_kept():
    data = tax_fact(1234.5)
    assert record_level("department_fact", data) == Level.SECRET
    seen = mask("department_fact", data, Level.INTERNAL)
    assert seen["value"] is None
    assert seen["withheld"] == ["value"]
    assert seen["status"] == "欠税"
    assert data["value"] == {"amount_owed": 1234.5}, "masking must not change the stored record"


def test_a_user_at_the_level_sees_the_record_whole():
    data = tax_fact(10.0)
    assert mask("department_fact", data, Level.SECRET) is data


def test_public_clearance_sees_no_personal_data():
    person = {"household_id": "h", "name": "张三", "sex": "M", "birth_date": "1980-01-01",
              "id_number": "x", "phone": "y", "relation": "head", "ethnicity": "汉族",
              "migrant": False}
    seen = mask("person", person, Level.PUBLIC)
    assert seen["name"] is None and seen["id_number"] is None and seen["phone"] is None
    assert seen["relation"] == "head"


def test_checksum_is_order_free_and_updatable():
    pairs = [("a", 1), ("b", 3), ("c", 2)]
    assert checksum_of(pairs) == checksum_of(reversed(pairs))
    total = 0
    for rid, ver in pairs:
        total = combine(total, rid, ver)
    total = uncombine(total, "b", 3)
    total = combine(total, "b", 4)
    assert format_checksum(total) == checksum_of([("a", 1), ("b", 4), ("c", 2)])
