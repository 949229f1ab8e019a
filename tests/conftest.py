"""Shared test set-up: offscreen Qt, a temporary CASEWORK_HOME, hub databases on SQLite and
PostgreSQL. Fixtures shared by several test packages live in ``tests/helpers.py``."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

pytest_plugins = ["tests.helpers"]


@pytest.fixture(autouse=True)
def casework_home(tmp_path, monkeypatch):
    """Every test gets its own CASEWORK_HOME, so nothing touches the real user folders."""
    home = tmp_path / "casework-home"
    monkeypatch.setenv("CASEWORK_HOME", str(home))
    from casework import paths

    paths.set_home(None)
    return home
