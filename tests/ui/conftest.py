"""Fixtures for the desktop app's tests: a task manager whose workers are shut down after
each test, and settings in the test's own CASEWORK_HOME."""

from __future__ import annotations

import pytest


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
