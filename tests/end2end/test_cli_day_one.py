"""The command line as a new user meets it (issue 10, points 12-15): search masks numbers as the
window does and says whose cache it read, ``--unmasked`` is audited, an unreachable hub is named
as such, and an offline pull is no console warning. Real processes and a real hub on loopback."""

from __future__ import annotations

import logging

import orjson
import pytest
from sqlalchemy import text

from casework import paths
from casework.cache.outbox import pending_count
from casework.sync.hub_client import HubUnreachable
from casework.sync.pull import pull
from casework.sync.session import sign_in
from tests.end2end.test_cli_sync import EXIT_UNREACHABLE, a_person, casework
from tests.sync.hub_fixture import PASSWORD, STREET_USER, make_hub


@pytest.fixture(scope="module")
def synced(tmp_path_factory):
    """A small hub and a client home that has synced it once."""
    hub = make_hub(tmp_path_factory.mktemp("hub"))
    home = tmp_path_factory.mktemp("client")
    done = casework(home, "sync", "--hub", hub.url, "--user", STREET_USER)
    assert done.returncode == 0, done.stderr
    yield hub, home
    hub.stop()
    hub.engine.dispose()


def audit_events(home, hub_url: str) -> int:
    paths.set_home(home)
    try:
        with sign_in(hub_url, STREET_USER, PASSWORD, contact_hub=False) as session:
            return pending_count(session.store, audit=True) - pending_count(session.store)
    finally:
        paths.set_home(None)


def test_search_masks_numbers_and_says_whose_cache_it_read(synced):
    hub, home = synced
    person = a_person(hub, STREET_USER)
    before = audit_events(home, hub.url)
    found = casework(home, "search", person["id_number"][-4:])
    assert found.returncode == 0, found.stderr
    assert f"{STREET_USER} 在 {hub.url}" in found.stderr and f"of {STREET_USER} at {hub.url}" in found.stderr
    assert person["id_number"] not in found.stdout
    assert person["id_number"][:6] + "********" + person["id_number"][-4:] in found.stdout
    if person.get("phone"):
        assert person["phone"] not in found.stdout
    assert audit_events(home, hub.url) == before  # masked output is not an export


def test_unmasked_search_shows_whole_numbers_and_is_audited(synced):
    hub, home = synced
    person = a_person(hub, STREET_USER)
    before = audit_events(home, hub.url)
    found = casework(home, "search", person["id_number"][-4:], "--unmasked", "--json")
    assert found.returncode == 0, found.stderr
    assert person["id_number"] in {hit["id_number"] for hit in orjson.loads(found.stdout)}
    assert audit_events(home, hub.url) == before + 1
    paths.set_home(home)
    try:
        with sign_in(hub.url, STREET_USER, PASSWORD, contact_hub=False) as session, \
                session.store._engine.connect() as conn:
            data = conn.execute(text("SELECT payload FROM outbox WHERE kind = 'audit_event' "
                                     "ORDER BY seq DESC LIMIT 1")).scalar_one()
    finally:
        paths.set_home(None)
    assert '"export_made"' in data and "--unmasked" in data


def test_search_for_a_user_with_no_cache_here_says_so(synced):
    _hub, home = synced
    found = casework(home, "search", "王", "--user", "someone_else")
    assert found.returncode != 0
    assert "someone_else" not in found.stdout


def test_sync_with_an_unreachable_hub_says_the_hub_cannot_be_reached(tmp_path):
    done = casework(tmp_path / "fresh", "sync", "--hub", "http://127.0.0.1:9", "--user", STREET_USER)
    assert done.returncode == EXIT_UNREACHABLE, done.stderr
    assert done.stderr.startswith("无法连接中心 http://127.0.0.1:9")
    assert "cannot be reached" in done.stderr


def test_a_pull_cut_off_by_an_unreachable_hub_is_no_warning(tmp_path, caplog):
    hub = make_hub(tmp_path / "hub")
    paths.set_home(tmp_path / "client")
    try:
        with sign_in(hub.url, STREET_USER, PASSWORD) as session:
            hub.stop()
            with caplog.at_level(logging.INFO, logger="casework.sync.pull"), \
                    pytest.raises(HubUnreachable):
                pull(session)
    finally:
        paths.set_home(None)
        hub.engine.dispose()
    stopped = [r for r in caplog.records if "pull stopped" in r.getMessage()]
    assert stopped and all(r.levelno == logging.INFO for r in stopped)
