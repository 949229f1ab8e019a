"""Pull sync against a real hub: the cache ends holding exactly the user's visible set, page
by page, through changes, moves, scope changes, tampering, cancellation and timeouts."""

from __future__ import annotations

import logging
import threading

import pytest

from casework.bench.sync_support import record_versions
from casework.cache.schema import metadata
from casework.domain.checksum import checksum_of
from casework.sync.hub_client import HubUnreachable
from casework.sync.pull import PullProgress, pull
from tests.hub.district_fixture import B1, STREET_B, address
from tests.sync.hub_fixture import DISTRICT_USER, PASSWORD, STREET_USER, hub_visible, sign_in_for_test
from tests.sync.stall_proxy import StallingProxy


def summary_of(versions: dict[str, tuple[str, int]]) -> dict[str, tuple[int, str]]:
    kinds: dict[str, list[tuple[str, int]]] = {}
    for record_id, (kind, version) in versions.items():
        kinds.setdefault(kind, []).append((record_id, version))
    return {kind: (len(pairs), checksum_of(pairs)) for kind, pairs in kinds.items()}


def assert_every_index_built(store):
    """An initial sync defers indexes (``schema.DEFERRABLE_INDEXES``); a finished pull has all."""
    assert store.index_ready
    with store.read() as conn:
        names = {n for (n,) in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'")}
    assert names == {i.name for table in metadata.sorted_tables for i in table.indexes}


def assert_holds_exactly(session, hub, username):
    expected = hub_visible(hub, username)
    assert record_versions(session.store) == expected
    held = {k: v for k, v in session.store.holdings().items() if v[0]}
    assert held == summary_of(expected)


@pytest.mark.parametrize("username", [STREET_USER, DISTRICT_USER])
def test_a_full_sync_holds_exactly_the_hubs_visible_set(hub, os_keyring, username):
    with sign_in_for_test(hub.url, username, PASSWORD) as session:
        result = pull(session)
        assert result.complete and result.verified and not result.mismatches
        assert result.cursor == session.store.cursor > 0
        assert_holds_exactly(session, hub, username)
        assert_every_index_built(session.store)


@pytest.mark.parametrize("page_limit", [1, 7])
def test_small_pages_give_the_same_cache(hub, os_keyring, page_limit):
    with sign_in_for_test(hub.url, DISTRICT_USER, PASSWORD) as session:
        result = pull(session, page_limit=page_limit)
        assert result.verified and result.pages >= result.changes // page_limit
        assert_holds_exactly(session, hub, DISTRICT_USER)


def test_progress_grows_and_ends_at_the_total(hub, os_keyring):
    reports: list[PullProgress] = []
    with sign_in_for_test(hub.url, DISTRICT_USER, PASSWORD) as session:
        result = pull(session, progress=reports.append, page_limit=5)
    done = [r.done for r in reports]
    assert done == sorted(done) and len(reports) >= result.pages
    assert all(r.total_estimate >= r.done for r in reports)
    assert reports[0].total_estimate >= len(hub_visible(hub, DISTRICT_USER))  # known from the start
    assert reports[-1] == PullProgress(result.changes, result.changes)


def test_changes_on_the_hub_arrive_with_the_next_sync(hub, os_keyring):
    with sign_in_for_test(hub.url, STREET_USER, PASSWORD) as session:
        pull(session)
        zhang = hub.district.households["zhang"]
        person = hub.district.records[zhang.person_ids[1]]
        changed = type(person)(person.kind, person.id, person.area, {**person.data, "phone": "13912345678"})
        hub.write([changed])
        result = pull(session)
        assert result.verified and result.upserts == 1 and result.removes == 0
        assert record_versions(session.store)[person.id] == ("person", 2)
        assert_holds_exactly(session, hub, STREET_USER)


def test_a_household_moving_out_of_the_street_is_removed(hub, os_keyring):
    with sign_in_for_test(hub.url, STREET_USER, PASSWORD) as session:
        pull(session)
        li = hub.district.households["li"]
        hub.move_household(li.household_id, B1, address(B1, "新家巷9号"))
        result = pull(session)
        assert result.verified and result.removes == len(li.member_record_ids)
        held = record_versions(session.store)
        assert not set(li.member_record_ids) & set(held)
        assert_holds_exactly(session, hub, STREET_USER)


def test_a_new_scope_epoch_drops_the_cache_and_fetches_the_new_scope(hub, os_keyring):
    with sign_in_for_test(hub.url, STREET_USER, PASSWORD) as session:
        pull(session)
        street_a = set(record_versions(session.store))
        hub.change_scope(STREET_USER, [STREET_B])
        result = pull(session)
        assert result.scope_reset and result.verified
        held = set(record_versions(session.store))
        assert held and not held & street_a
        assert_holds_exactly(session, hub, STREET_USER)


def test_a_tampered_cache_is_repaired_and_the_mismatch_logged(hub, os_keyring, caplog):
    from tests.sync.cache_tamper import delete_record_behind_the_stores_back

    with sign_in_for_test(hub.url, STREET_USER, PASSWORD) as session:
        pull(session)
        victim = hub.district.households["zhang"].person_ids[0]
        delete_record_behind_the_stores_back(session, PASSWORD, victim)
        assert victim not in record_versions(session.store)
        assert pull(session).verified  # the running figures cannot see it …
        with caplog.at_level(logging.WARNING, logger="casework.sync.pull"):
            result = pull(session, deep_check=True)  # … a recount from the records does
        assert result.verified and result.repaired_kinds == ["person"]
        assert result.mismatches[0]["kind"] == "person"
        assert any("differs from the hub for person" in r.getMessage() for r in caplog.records)
        assert_holds_exactly(session, hub, STREET_USER)


def test_cancelling_stops_between_pages_and_a_later_sync_completes(hub, os_keyring):
    cancel = threading.Event()
    seen: list[PullProgress] = []

    def cancel_after_two_pages(p: PullProgress) -> None:
        seen.append(p)
        if len(seen) == 2:
            cancel.set()

    with sign_in_for_test(hub.url, DISTRICT_USER, PASSWORD) as session:
        result = pull(session, progress=cancel_after_two_pages, cancel=cancel, page_limit=3)
        assert result.cancelled and not result.complete and not result.verified
        assert result.pages == 2 and result.changes == 6
        assert session.store.cursor == result.cursor > 0
        assert sum(count for count, _ in session.store.holdings().values()) <= 6
        assert not session.store.index_ready  # still deferred: the initial sync is not over
        again = pull(session, page_limit=3)
        assert again.verified
        assert_holds_exactly(session, hub, DISTRICT_USER)
        assert_every_index_built(session.store)


def test_a_sync_that_times_out_keeps_the_pages_already_written(hub, os_keyring):
    """CommCare #1348: a timed-out sync must not lose its work."""
    proxy = StallingProxy(hub.url)
    try:
        with sign_in_for_test(proxy.url, DISTRICT_USER, PASSWORD, timeout=3.0) as session:
            cursors: list[int] = []

            def stall_after_three_pages(p: PullProgress) -> None:
                cursors.append(session.store.cursor)
                if len(cursors) == 3:
                    proxy.stall()

            with pytest.raises(HubUnreachable):
                pull(session, progress=stall_after_three_pages, page_limit=4)
            kept = session.store.cursor
            assert kept >= cursors[2] > 0
            assert len(record_versions(session.store)) >= 12
            proxy.resume()
            result = pull(session, page_limit=4)
            assert result.verified and result.changes < len(hub_visible(hub, DISTRICT_USER))
            assert_holds_exactly(session, hub, DISTRICT_USER)
    finally:
        proxy.close()


def test_a_pull_that_brings_nothing_new_does_not_ask_the_hub_for_another_summary(hub, os_keyring):
    with sign_in_for_test(hub.url, STREET_USER, PASSWORD) as session:
        first = pull(session)
        assert first.checked and first.verified
        idle = pull(session)
        assert idle.changes == 0 and idle.verified and not idle.checked
        zhang = hub.district.households["zhang"]
        household = hub.district.records[zhang.household_id]
        hub.write([type(household)(household.kind, household.id, household.area,
                                   {**household.data, "flags": ["low_income"]})])
        changed = pull(session)
        assert changed.changes == 1 and changed.checked and changed.verified
        assert pull(session, deep_check=True).checked  # asked for explicitly


class CountingLock:
    """A real lock that counts how often it was taken."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.taken = 0

    def __enter__(self) -> None:
        self.lock.acquire()
        self.taken += 1

    def __exit__(self, *exc: object) -> None:
        self.lock.release()


def test_with_a_store_lock_each_use_of_the_cache_takes_it_and_it_is_free_between_pages(hub, os_keyring):
    lock = CountingLock()
    free_between_pages: list[bool] = []

    def progress(_p: PullProgress) -> None:
        free = lock.lock.acquire(blocking=False)
        free_between_pages.append(free)
        if free:
            lock.lock.release()

    with sign_in_for_test(hub.url, DISTRICT_USER, PASSWORD) as session:
        result = pull(session, progress=progress, page_limit=5, store_lock=lock)
        assert result.verified
        assert lock.taken >= result.pages
        assert free_between_pages and all(free_between_pages)
        assert_holds_exactly(session, hub, DISTRICT_USER)
