"""Follow-ups and reviews through the hub's write service (issue 12): a follow-up names one person
(a single id, not a list) who must be of its household; who may write which kind."""

from __future__ import annotations

import pytest

from casework.hub.write_service import apply_ops
from tests.hub.district_fixture import STREET_A, open_hub
from tests.hub.write_helpers import account, create_op


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    engine, district = open_hub(f"sqlite:///{tmp_path_factory.mktemp('follow-ups') / 'hub.db'}")
    yield engine, district
    engine.dispose()


def _permit(household, person_id: str) -> dict:
    return {"person_id": person_id, "household_id": household.household_id,
            "permit_fingerprint": "0123456789abcdef", "outcome": "contacted", "on": "2026-12-01"}


def _push(engine, role: str, kind: str, data: dict, scope: str = STREET_A):
    op = create_op(kind, data, action="append")
    (result,) = apply_ops(engine, account(role, scope=(scope,)), "pc-1", [op])
    return result


@pytest.mark.parametrize("role", ["migrant_officer", "social_worker", "supervisor"])
def test_a_follow_up_of_a_member_of_the_household_is_applied(hub, role):
    engine, district = hub
    zhang = district.households["zhang"]
    done = _push(engine, role, "permit_follow_up", _permit(zhang, zhang.person_ids[0]), zhang.street)
    assert done.status == "applied", done.error
    child = {"person_id": zhang.person_ids[-1], "household_id": zhang.household_id,
             "outcome": "contacted_family", "on": "2026-12-01"}
    assert _push(engine, role, "schooling_follow_up", child, zhang.street).status == "applied"


def test_a_follow_up_naming_someone_of_another_household_is_refused(hub):
    engine, district = hub
    zhang, wang = district.households["zhang"], district.households["wang"]
    refused = _push(engine, "migrant_officer", "permit_follow_up", _permit(zhang, wang.person_ids[0]),
                    zhang.street)
    assert refused.status == "rejected" and "not of this household" in refused.error.message


def test_only_the_declared_writers_may_write(hub):
    engine, district = hub
    zhang = district.households["zhang"]
    refused = _push(engine, "disability_officer", "permit_follow_up", _permit(zhang, zhang.person_ids[0]),
                    zhang.street)
    assert refused.status == "rejected" and refused.error.code == "not_a_writer"
