"""Recording a duplicate review here (``casework.cache.reviews``): the pair at the versions held,
in the outbox for the next sync, and the refusals said at once, before anything is written."""

from __future__ import annotations

import pytest

from casework.cache import outbox
from casework.cache.edits import EditRefused
from casework.cache.reviews import review_pair
from casework.cache.subsidies import household_duplicates
from tests.cache.test_subsidies import ids, quilts  # noqa: F401  (the fixture)


def _pending(store) -> list:
    with store.read() as conn:
        return outbox.entries(conn, kinds=["duplicate_review"])


def test_a_review_names_the_pair_at_the_versions_held_and_takes_it_off_the_list(store, quilts):  # noqa: F811
    q = quilts
    pair = frozenset((q["ca"].id, q["dis"].id))
    assert pair in ids(household_duplicates(store, q["home"].id).pairs)
    review_pair(store, (q["dis"].id, q["ca"].id), "duplicate", None, user="street_worker",
                role="social_worker")
    assert pair not in ids(household_duplicates(store, q["home"].id).pairs)
    (entry,) = _pending(store)
    first, second = sorted((q["ca"], q["dis"]), key=lambda r: r.id)
    assert (entry.data["first_id"], entry.data["second_id"]) == (first.id, second.id)
    assert (entry.data["first_version"], entry.data["second_version"]) == (first.version, second.version)
    assert entry.data["departments"] == ["civil_affairs", "disability"]
    assert entry.data["household_id"] == q["home"].id and entry.action == "append"


@pytest.mark.parametrize(("which", "verdict", "reason", "role", "says"), [
    (("ca", "again"), "duplicate", None, None, "not a possible duplicate"),  # one programme: a series
    (("ca", "far"), "duplicate", None, None, "different households"),
    (("ca", None), "duplicate", None, None, "No such grant"),
    (("ca", "dis"), "not_duplicate", "  ", None, "needs a reason"),
    (("ca", "dis"), "duplicate", None, "migrant_officer", "does not review"),
])
def test_a_review_that_cannot_be_made_is_refused_and_nothing_is_written(store, quilts, which, verdict,  # noqa: F811
                                                                         reason, role, says):
    q = quilts
    named = {"far": q["far_grants"][0].id, None: "00000000-0000-4000-8000-000000000000"}
    grant_ids = tuple(named[w] if w in named else q[w].id for w in which)
    with pytest.raises(EditRefused, match=says):
        review_pair(store, grant_ids, verdict, reason, user="street_worker", role=role)
    assert _pending(store) == []
