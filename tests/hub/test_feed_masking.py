"""Clearance: no value above a viewer's clearance is anywhere in the bytes the hub sends.

The checks search the raw response bytes, not the parsed JSON, for values the fixture made
distinctive, and each check is paired with a viewer cleared for them who does get them, so
the search cannot pass because the values were never there.
"""

from __future__ import annotations

import itertools
import re

import orjson
import pytest
from sqlalchemy import select

from casework.domain.classification import Level
from casework.hub.feed import read_changes_page, read_summary
from casework.hub.schema import Record
from tests.hub.district_fixture import (
    DISTRICT,
    SECRET_CONDITION,
    SECRET_GRANT_AMOUNT,
    SECRET_MONTHLY_INCOME,
    SECRET_TAX_AMOUNT,
    STREET_A,
    STREET_B,
    FixtureDistrict,
    apply_history,
    open_hub,
    viewer,
)


@pytest.fixture
def hub(hub_db_url):
    engine, district = open_hub(hub_db_url)
    apply_history(engine, district)
    yield engine, district
    engine.dispose()


def raw_pages(engine, who, limit: int) -> bytes:
    """Every response body of a full pull, concatenated, plus the summary's."""
    bodies, cursor = [], 0
    with engine.connect() as conn:
        while True:
            body = read_changes_page(conn, who, cursor, limit)
            bodies.append(body)
            page = orjson.loads(body)
            cursor = int(page["cursor"])
            if not page["has_more"]:
                break
        bodies.append(orjson.dumps(read_summary(conn, who)))
    return b"\n".join(bodies)


def secret_values(d: FixtureDistrict) -> list[bytes]:
    """Byte strings that only a viewer cleared for 秘密 may receive."""
    condition_escaped = SECRET_CONDITION.encode("unicode_escape").replace(b"\\u", b"\\\\u")
    return [
        str(SECRET_TAX_AMOUNT).encode(), str(SECRET_MONTHLY_INCOME).encode(),
        str(SECRET_GRANT_AMOUNT).encode(), SECRET_CONDITION.encode(), condition_escaped,
        d.secret_certificate_number.encode(), b'"amount_owed"', b'"monthly_income"', b'"condition"',
    ]


# A disability certificate's category and grade are single digits: look for them by key (a
# grant's category and a school grade are words, and not secret).
SECRET_FIELD_WITH_A_VALUE = re.compile(rb'"(category|grade)":\d')

ROLES = ["social_worker", "disability_officer", "migrant_officer", "supervisor"]


def test_no_secret_value_is_in_any_response_byte_for_an_internal_viewer(hub):
    engine, d = hub
    for role, scope, limit in itertools.product(ROLES, [(STREET_A,), (STREET_B,), (DISTRICT,)], (5000, 3)):
        body = raw_pages(engine, viewer(role, scope, Level.INTERNAL), limit)
        assert b'"changes":[{' in body, "the viewer must receive records"
        for value in secret_values(d):
            assert value not in body, f"{value!r} leaked to {role} {scope}"
        assert not SECRET_FIELD_WITH_A_VALUE.search(body), f"disability category/grade leaked to {role}"


def test_a_secret_cleared_viewer_does_receive_those_values(hub):
    engine, d = hub
    body = raw_pages(engine, viewer("supervisor", DISTRICT, Level.SECRET), 5000)
    for value in secret_values(d)[:-3]:
        if value.startswith(b"\\"):
            continue  # the escaped form is only a guard; orjson writes UTF-8
        assert value in body, f"{value!r} is missing: the leak test above would prove nothing"
    assert SECRET_FIELD_WITH_A_VALUE.search(body)


def test_a_withheld_value_comes_with_the_status_that_replaces_it(hub):
    engine, d = hub
    tax_fact_id = next(i for i in d.households["zhang"].member_record_ids
                       if d.records[i].data.get("fact_type") == "tax_status")
    cert_id = next(i for i in d.households["li"].member_record_ids
                   if d.records[i].kind == "disability_certificate")
    with engine.connect() as conn:
        changes = orjson.loads(read_changes_page(conn, viewer("social_worker", DISTRICT), 0, 5000))["changes"]
    by_id = {c["id"]: c for c in changes}
    tax = by_id[tax_fact_id]["data"]
    assert (tax["value"], tax["withheld"], tax["status"]) == (None, ["value"], "欠税")
    cert = by_id[cert_id]["data"]
    assert (cert["number"], cert["category"], cert["grade"]) == (None, None, None)
    assert cert["withheld"] == ["category", "grade", "number"] and cert["status"] == "持证残疾人"


def test_public_clearance_receives_no_names_id_numbers_or_addresses(hub):
    engine, d = hub
    body = raw_pages(engine, viewer("social_worker", DISTRICT, Level.PUBLIC), 5000)
    people = [r.data for r in d.records.values() if r.kind == "person"]
    assert people
    for person in people:
        assert person["name"].encode() not in body
        assert person["id_number"].encode() not in body
    assert "家巷".encode() not in body, "household addresses are internal"
    assert "广州市越秀区穗华贸易有限公司".encode() in body, "an enterprise's name is public"


def test_a_record_within_clearance_is_served_byte_for_byte_as_stored(hub):
    engine, d = hub
    with engine.connect() as conn:
        stored = conn.execute(select(Record.data).where(Record.id == d.enterprise_id)).scalar_one()
        body = read_changes_page(conn, viewer("supervisor", DISTRICT, Level.SECRET), 0, 5000)
    assert b'"data":' + stored.encode() + b"}" in body
