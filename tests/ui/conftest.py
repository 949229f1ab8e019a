"""Fixtures for the desktop app's tests: a task manager whose workers are shut down after
each test, and settings in the test's own CASEWORK_HOME."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent
# The offscreen platform cannot resize a window frame and says so whenever a shown top-level
# window's size limits change: that is the test platform, not the app.
OFFSCREEN_RESIZE_NOTE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_RESIZE_NOTE))


@pytest.fixture
def tasks(qapp):
    from casework.ui.operations import TaskManager

    manager = TaskManager()
    yield manager
    manager.shutdown(wait=True)


@pytest.fixture
def settings(casework_home):
    from casework.ui.settings import Settings

    return Settings()


@pytest.fixture(scope="session")
def app_hub(tmp_path_factory):
    """One real hub for the session's app tests (tests that stop it start it again)."""
    from tests.ui.app_hub import make_app_hub

    hub = make_app_hub(tmp_path_factory.mktemp("app-hub"))
    yield hub
    hub.stop()
    hub.engine.dispose()


@pytest.fixture
def running_hub(app_hub):
    """The session hub, running when the test starts and when it ends."""
    if app_hub.running is None:
        app_hub.start()
    yield app_hub
    if app_hub.running is None:
        app_hub.start()


@pytest.fixture(scope="module")
def synced_services(app_hub, tmp_path_factory):
    """A signed-in service whose cache holds the worker's street, synced once per module
    (the profile lives in its own folder, not in any test's CASEWORK_HOME)."""
    from casework import paths
    from casework.ui.services import CaseworkService
    from tests.ui.app_hub import PASSWORD, WORKER

    if app_hub.running is None:
        app_hub.start()
    paths.set_home(tmp_path_factory.mktemp("synced-home"))
    services = CaseworkService()
    try:
        services.sign_in(app_hub.url, WORKER, PASSWORD)
        outcome = services.sync()
        assert outcome.online and outcome.complete, outcome
    finally:
        paths.set_home(None)
    yield services
    services.close()
