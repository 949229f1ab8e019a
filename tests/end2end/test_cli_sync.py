"""``casework sync``, ``search`` and ``household`` as a user runs them: real processes, a real
hub on loopback, SIGKILL in the middle of an initial sync, and the hub switched off."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from casework import paths
from casework.bench.sync_support import cached_versions
from casework.sync.session import sign_in
from tests.sync.hub_fixture import PASSWORD, STREET_USER, hub_visible, make_generated_hub, make_hub

EXIT_UNREACHABLE = 3
EXIT_REFUSED = 4


@pytest.fixture(scope="module")
def generated_hub(tmp_path_factory):
    """A hub serving 120 generated households in two streets (a few thousand records)."""
    fixture = make_generated_hub(tmp_path_factory.mktemp("generated-hub"), households=120)
    try:
        yield fixture
    finally:
        fixture.stop()
        fixture.engine.dispose()


def casework_env(home: Path, password: str = PASSWORD, page_limit: int | None = None) -> dict[str, str]:
    env = {**os.environ, "CASEWORK_HOME": str(home), "CASEWORK_PASSWORD": password,
           "PYTHONUNBUFFERED": "1"}
    if page_limit:
        env["CASEWORK_SYNC_PAGE_LIMIT"] = str(page_limit)
    return env


def casework(home: Path, *args: str, password: str = PASSWORD, page_limit: int | None = None):
    return subprocess.run([sys.executable, "-m", "casework.cli", *args], capture_output=True, text=True,
                          env=casework_env(home, password, page_limit), timeout=120)


def a_person(hub, username: str) -> dict:
    """One person the user may see, as stored on the hub."""
    from sqlalchemy import text

    visible = hub_visible(hub, username)
    with hub.engine.connect() as conn:
        for record_id, data in conn.execute(text("SELECT id, data FROM record WHERE kind = 'person'")):
            if record_id in visible:
                return {"id": record_id, **orjson.loads(data)}
    raise AssertionError("no visible person")


def test_sync_then_search_and_open_a_household_from_the_command_line(generated_hub, tmp_path):
    home = tmp_path / "client"
    synced = casework(home, "sync", "--hub", generated_hub.url, "--user", STREET_USER)
    assert synced.returncode == 0, synced.stderr
    assert "verified" in synced.stdout and "同步" in synced.stderr  # the report and the progress line
    held = cached_versions(home, generated_hub.url, STREET_USER, PASSWORD)
    assert held == hub_visible(generated_hub, STREET_USER)

    person = a_person(generated_hub, STREET_USER)
    found = casework(home, "search", person["id_number"], "--json")  # the last profile is remembered
    assert found.returncode == 0, found.stderr
    hits = orjson.loads(found.stdout)
    assert person["id"] in {hit["person_id"] for hit in hits}

    shown = casework(home, "household", person["household_id"], "--json")
    assert shown.returncode == 0, shown.stderr
    assert person["household_id"] in shown.stdout and person["name"] in shown.stdout
    text = casework(home, "household", person["household_id"])
    assert text.returncode == 0 and person["name"] in text.stdout


def test_sync_killed_at_random_moments_resumes_to_exactly_a_clean_sync(generated_hub, tmp_path):
    home = tmp_path / "client"
    rng = random.Random(1348)
    command = [sys.executable, "-m", "casework.cli", "sync",
               "--hub", generated_hub.url, "--user", STREET_USER]
    kill_cursors = []
    for _ in range(3):
        process = subprocess.Popen(command, env=casework_env(home, page_limit=10),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for line in process.stderr:  # wait for the first progress line: pages are being written
            if "同步" in line:
                break
        try:
            process.wait(timeout=rng.uniform(0.0, 0.8))
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        process.stderr.close()
        paths.set_home(home)
        try:
            with sign_in(generated_hub.url, STREET_USER, PASSWORD, contact_hub=False) as session:
                kill_cursors.append(session.store.cursor)
        finally:
            paths.set_home(None)
    assert any(c > 0 for c in kill_cursors)
    finished = casework(home, "sync", "--hub", generated_hub.url, "--user", STREET_USER, page_limit=10)
    assert finished.returncode == 0, finished.stderr
    held = cached_versions(home, generated_hub.url, STREET_USER, PASSWORD)
    assert held == hub_visible(generated_hub, STREET_USER)


def test_with_the_hub_stopped_the_password_opens_the_cache_and_a_wrong_one_nothing(tmp_path):
    hub = make_hub(tmp_path / "hub")
    try:
        home = tmp_path / "client"
        assert casework(home, "sync", "--hub", hub.url, "--user", STREET_USER).returncode == 0
        zhang = hub.district.records[hub.district.households["zhang"].person_ids[0]].data
        url = hub.url
        hub.stop()

        found = casework(home, "search", zhang["name"], "--json")
        assert found.returncode == 0, found.stderr
        # found offline, the identity number masked as the window masks it
        assert zhang["id_number"][-4:] in found.stdout and zhang["id_number"] not in found.stdout
        shown = casework(home, "household", zhang["household_id"], "--json")
        assert shown.returncode == 0 and zhang["name"] in shown.stdout

        refused = casework(home, "search", zhang["name"], password="guessed-password")
        assert refused.returncode == EXIT_REFUSED
        assert zhang["name"] not in refused.stdout and "密码错误" in refused.stderr
        offline_sync = casework(home, "sync", "--hub", url, "--user", STREET_USER)
        assert offline_sync.returncode == EXIT_UNREACHABLE and "cannot be reached" in offline_sync.stderr
    finally:
        hub.stop()
        hub.engine.dispose()
