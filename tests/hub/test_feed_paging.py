"""Paging is exact: any page size gives the same changes, and the summary proves the result."""

from __future__ import annotations

import orjson
import pytest

from casework.domain.classification import Level
from casework.hub.feed import read_changes_page, read_summary
from casework.hub.feed_writer import delete_record
from casework.wire.v1 import MAX_PAGE_LIMIT, Summary
from tests.hub.district_fixture import (
    DISTRICT,
    STREET_A,
    STREET_B,
    apply_history,
    holdings,
    open_hub,
    pull,
    summary_of,
    viewer,
)


@pytest.fixture
def hub(hub_db_url):
    engine, district = open_hub(hub_db_url)
    apply_history(engine, district)
    yield engine, district
    engine.dispose()


VIEWERS = [
    ("supervisor", (DISTRICT,), Level.SECRET),
    ("social_worker", (STREET_A,), Level.INTERNAL),
    ("disability_officer", (STREET_A, STREET_B), Level.INTERNAL),
]


def test_limits_1_7_and_5000_give_the_identical_list_of_changes(hub):
    engine, _ = hub
    for role, scope, clearance in VIEWERS:
        who = viewer(role, scope, clearance)
        by_one, cursor_one = pull(engine, who, 1)
        by_seven, cursor_seven = pull(engine, who, 7)
        by_max, cursor_max = pull(engine, who, 5000)
        assert len(by_max) > 7, "the fixture must need several pages of 7"
        assert by_one == by_seven == by_max, role
        assert cursor_one == cursor_seven == cursor_max == by_max[-1]["seq"]
        seqs = [c["seq"] for c in by_max]
        assert seqs == sorted(set(seqs)), "strictly increasing: no change twice, none out of order"
        assert {c["op"] for c in by_max} == {"upsert", "remove"}, "the history has moves and deletes"


def test_each_page_ends_at_its_last_change_and_says_whether_more_follow(hub):
    engine, _ = hub
    who = viewer("social_worker", STREET_A)
    everything, final = pull(engine, who, 5000)
    cursor, pages = 0, []
    with engine.connect() as conn:
        while True:
            page = orjson.loads(read_changes_page(conn, who, cursor, 7))
            pages.append(page)
            if page["changes"]:
                assert page["cursor"] == str(page["changes"][-1]["seq"])
            cursor = int(page["cursor"])
            if not page["has_more"]:
                break
        assert [len(p["changes"]) for p in pages[:-1]] == [7] * (len(pages) - 1)
        assert all(p["has_more"] for p in pages[:-1])
        assert cursor == final
        empty = orjson.loads(read_changes_page(conn, who, final, 7))
        assert empty == {"changes": [], "cursor": str(final), "has_more": False, "scope_epoch": 1}
    assert sum(len(p["changes"]) for p in pages) == len(everything)


def test_a_page_exactly_as_long_as_what_is_left_says_nothing_more_follows(hub):
    engine, _ = hub
    who = viewer("social_worker", STREET_A)
    everything, _ = pull(engine, who, 5000)
    with engine.connect() as conn:
        page = orjson.loads(read_changes_page(conn, who, 0, len(everything)))
        assert len(page["changes"]) == len(everything) and page["has_more"] is False
        page = orjson.loads(read_changes_page(conn, who, 0, len(everything) - 1))
        assert page["has_more"] is True


def test_a_later_page_starts_after_the_cursor_it_is_given(hub):
    engine, _ = hub
    who = viewer("supervisor", DISTRICT)
    everything, _ = pull(engine, who, 5000)
    middle = everything[len(everything) // 2]["seq"]
    rest, _ = pull(engine, who, 5000, after=middle)
    assert rest == [c for c in everything if c["seq"] > middle]


def test_a_negative_cursor_or_a_limit_out_of_range_is_refused(hub):
    engine, _ = hub
    with engine.connect() as conn:
        for after, limit in [(-1, 10), (0, 0), (0, MAX_PAGE_LIMIT + 1)]:
            with pytest.raises(ValueError, match=r"cursor|limit"):
                read_changes_page(conn, viewer("social_worker", STREET_A), after, limit)


def test_the_summary_matches_what_a_full_pull_holds(hub):
    engine, _ = hub
    for role, scope, clearance in VIEWERS:
        who = viewer(role, scope, clearance)
        everything, cursor = pull(engine, who, 7)
        with engine.connect() as conn:
            summary = read_summary(conn, who)
        Summary.model_validate(summary)
        held = holdings(everything)
        assert summary["cursor"] == str(cursor), role
        assert summary["scope_epoch"] == who.scope_epoch
        assert summary["kinds"] == summary_of(held), role
        assert sum(k["count"] for k in summary["kinds"].values()) == len(held) > 0


def test_the_summary_no_longer_counts_a_deleted_record(hub):
    engine, d = hub
    who = viewer("social_worker", STREET_A)
    with engine.connect() as conn:
        before = read_summary(conn, who)
    with engine.begin() as conn:
        delete_record(conn, d.rental_housing_id)
    with engine.connect() as conn:
        after = read_summary(conn, who)
    assert after["kinds"]["rental_housing"]["count"] == before["kinds"]["rental_housing"]["count"] - 1
    assert int(after["cursor"]) > int(before["cursor"])
    assert after["kinds"] == summary_of(holdings(pull(engine, who, 5000)[0]))
