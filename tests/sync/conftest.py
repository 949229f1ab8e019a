"""Fixtures of the client sync tests: a credential store double, a real hub on loopback."""

from __future__ import annotations

import keyring
import pytest

from casework.sync.credentials import TokenStore
from tests.sync.keyring_double import InMemoryKeyring


@pytest.fixture
def os_keyring():
    """The OS credential store, as the in-memory test double (see keyring_double)."""
    previous = keyring.get_keyring()
    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    TokenStore._memory.clear()
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
        TokenStore._memory.clear()


@pytest.fixture
def hub(tmp_path):
    """A real hub on 127.0.0.1 serving the fixture district (see hub_fixture)."""
    from tests.sync.hub_fixture import make_hub

    fixture = make_hub(tmp_path)
    try:
        yield fixture
    finally:
        fixture.stop()
        fixture.engine.dispose()
