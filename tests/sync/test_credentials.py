"""The hub token lives in the OS credential store, or in memory only — said plainly."""

from __future__ import annotations

import keyring.backends.fail
import keyring.backends.null

from casework.sync.credentials import MEMORY_ONLY_MESSAGE, TokenStore


def test_a_token_is_kept_in_the_os_credential_store(os_keyring):
    store = TokenStore()
    assert store.persistent and store.message == ""
    store.save("alice@hub", "tok-1")
    assert os_keyring.secrets[("casework", "alice@hub")] == "tok-1"
    assert TokenStore().load("alice@hub") == "tok-1"


def test_signing_out_forgets_the_token(os_keyring):
    store = TokenStore()
    store.save("alice@hub", "tok-1")
    store.delete("alice@hub")
    store.delete("alice@hub")  # twice is fine
    assert store.load("alice@hub") is None
    assert os_keyring.secrets == {}


def test_without_a_credential_store_the_token_stays_in_memory_and_says_so():
    for backend in (keyring.backends.fail.Keyring(), keyring.backends.null.Keyring()):
        store = TokenStore(backend=backend)
        assert store.persistent is False
        assert store.message == MEMORY_ONLY_MESSAGE
        assert "内存" in store.message and "memory only" in store.message
        store.save("bob@hub", "tok-2")
        assert TokenStore(backend=backend).load("bob@hub") == "tok-2"
        store.delete("bob@hub")
        assert store.load("bob@hub") is None


def test_a_store_that_refuses_to_save_falls_back_to_memory(os_keyring):
    os_keyring.refuse_writes = True
    store = TokenStore()
    store.save("carol@hub", "tok-3")
    assert store.persistent is False and store.message == MEMORY_ONLY_MESSAGE
    assert store.load("carol@hub") == "tok-3"
    assert os_keyring.secrets == {}


def test_this_machine_has_no_usable_os_store_so_tokens_are_memory_only():
    """The real default backend here (a bare Linux box): the fallback, not a crash."""
    store = TokenStore()
    if store.persistent:  # a desktop with a real keyring: nothing to check here
        return
    assert store.message == MEMORY_ONLY_MESSAGE
