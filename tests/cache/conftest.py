"""Fixtures for the cache tests: keys, an empty store, and a synced store over a small district
that has everything the queries show (see ``Scenario``)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from casework.cache.store import CacheStore
from tests.cache.factory import changes_of, pages
from tests.cache.scenario import Scenario, build_scenario


@pytest.fixture
def key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def cache_path(tmp_path):
    return tmp_path / "profile" / "cache.db"


@pytest.fixture
def store(cache_path, key) -> Iterator[CacheStore]:
    opened = CacheStore.open(cache_path, key)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return build_scenario()


def sync_all(store: CacheStore, scenario: Scenario, page_size: int = 97, epoch: int = 1) -> None:
    for page, cursor in pages(changes_of(scenario.district.records), page_size):
        store.apply_page(page, cursor, epoch)


@pytest.fixture
def synced(store, scenario) -> CacheStore:
    """The scenario synced page by page, search index built at the end (as after a first sync)."""
    sync_all(store, scenario)
    store.ensure_indexes()
    return store
