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
