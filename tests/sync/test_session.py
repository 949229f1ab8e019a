"""Signing in: online with the hub, offline with the password alone; a wrong password opens
nothing."""

from __future__ import annotations

import keyring.backends.fail
import pytest

from casework.hub.users import set_password
from casework.sync.credentials import MEMORY_ONLY_MESSAGE, TokenStore
from casework.sync.profile import Profile, last_profile
from casework.sync.session import (
    AuthFailed,
    CachePasswordMismatch,
    NoOfflineProfile,
    WrongPassword,
)
from tests.sync.hub_fixture import FAST_AUTH, PASSWORD, STREET_USER, sign_in_for_test


def test_the_first_online_sign_in_creates_the_encrypted_cache_and_keeps_the_token(hub, os_keyring):
    with sign_in_for_test(hub.url, STREET_USER, PASSWORD) as session:
        assert session.online
        assert session.user["username"] == STREET_USER and session.user["scope"] == ["440104001"]
        assert session.store.cursor == 0
        assert session.notices == []
        profile = session.profile
        token = os_keyring.secrets[("casework", profile.token_account)]
        assert session.client.token == token
    assert profile.key_file.exists() and profile.cache_file.exists()
    assert profile.load_user()["username"] == STREET_USER
    assert last_profile() == profile
    for path in profile.folder.iterdir():  # the token is in the credential store only
        assert token.encode() not in path.read_bytes()


def test_a_password_the_hub_refuses_creates_nothing(hub, os_keyring):
    with pytest.raises(AuthFailed):
        sign_in_for_test(hub.url, STREET_USER, "not-the-password")
    assert not Profile.of(hub.url, STREET_USER).exists()
    assert os_keyring.secrets == {}


def test_offline_the_password_alone_unlocks_the_cache(hub, os_keyring):
    url = hub.url
    sign_in_for_test(url, STREET_USER, PASSWORD).close()
    hub.stop()
    with sign_in_for_test(url, STREET_USER, PASSWORD, connect_timeout=1.0) as session:
        assert not session.online
        assert session.user["username"] == STREET_USER  # from the profile
        assert session.client.token  # kept from the online sign-in, for when the hub returns
        assert any("离线" in n and "offline" in n for n in session.notices)


def test_offline_a_wrong_password_opens_nothing(hub, os_keyring):
    url = hub.url
    sign_in_for_test(url, STREET_USER, PASSWORD).close()
    hub.stop()
    with pytest.raises(WrongPassword):
        sign_in_for_test(url, STREET_USER, "guessed-password", connect_timeout=1.0)


def test_offline_without_an_earlier_online_sign_in_there_is_nothing_to_unlock(hub):
    url = hub.url
    hub.stop()
    with pytest.raises(NoOfflineProfile) as refused:
        sign_in_for_test(url, STREET_USER, PASSWORD, connect_timeout=1.0)
    assert "无法连接中心" in refused.value.message and "never signed in" in refused.value.message


def test_commands_that_only_read_can_skip_the_hub(hub, os_keyring):
    sign_in_for_test(hub.url, STREET_USER, PASSWORD).close()
    with sign_in_for_test(hub.url, STREET_USER, PASSWORD, contact_hub=False) as session:
        assert not session.online and session.notices == []


def test_without_a_credential_store_sign_in_works_and_says_the_token_is_memory_only(hub):
    store = TokenStore(backend=keyring.backends.fail.Keyring())
    with sign_in_for_test(hub.url, STREET_USER, PASSWORD, token_store=store) as session:
        assert session.online
        assert MEMORY_ONLY_MESSAGE in session.notices
        assert session.tokens.load(session.profile.token_account) == session.client.token


def test_a_password_changed_on_the_hub_does_not_discard_the_cache(hub, os_keyring):
    sign_in_for_test(hub.url, STREET_USER, PASSWORD).close()
    set_password(hub.engine, STREET_USER, "a-new-password-2", settings=FAST_AUTH)
    with pytest.raises(CachePasswordMismatch) as mismatch:
        sign_in_for_test(hub.url, STREET_USER, "a-new-password-2")
    assert "earlier password" in mismatch.value.message
    assert Profile.of(hub.url, STREET_USER).cache_file.exists()


def test_reconnecting_an_offline_session_goes_online(hub, os_keyring):
    url = hub.url
    port = hub.running.port
    sign_in_for_test(url, STREET_USER, PASSWORD).close()
    hub.stop()
    with sign_in_for_test(url, STREET_USER, PASSWORD, connect_timeout=1.0) as session:
        assert not session.online
        assert session.reconnect(PASSWORD) is False
        hub.start(port=port)
        assert session.reconnect(PASSWORD) is True
        assert session.online and session.user["username"] == STREET_USER


def test_a_revoked_device_wipes_its_cache_on_the_next_contact(hub, os_keyring):
    from casework.hub.users import revoke_device
    from casework.sync.pull import pull

    session = sign_in_for_test(hub.url, STREET_USER, PASSWORD)
    pull(session)
    profile = session.profile
    revoke_device(hub.engine, STREET_USER, profile.device_id())
    with pytest.raises(AuthFailed) as revoked:  # the very next request learns why, with its token
        pull(session)
    session.client.close()
    assert revoked.value.code == "device_revoked"
    assert not any(p.exists() for p in [*profile.cache_files(), profile.key_file, profile.user_file])
    assert os_keyring.secrets == {}


def test_signing_in_from_a_revoked_device_wipes_the_cache_and_creates_nothing(hub, os_keyring):
    from casework.hub.users import revoke_device

    with sign_in_for_test(hub.url, STREET_USER, PASSWORD) as session:
        profile = session.profile
    revoke_device(hub.engine, STREET_USER, profile.device_id())
    with pytest.raises(AuthFailed) as revoked:
        sign_in_for_test(hub.url, STREET_USER, PASSWORD)
    assert revoked.value.code == "device_revoked"
    assert not profile.cache_file.exists() and not profile.key_file.exists()
    assert os_keyring.secrets == {}
    url = hub.url
    hub.stop()  # and offline there is nothing left to unlock
    with pytest.raises(NoOfflineProfile):
        sign_in_for_test(url, STREET_USER, PASSWORD, connect_timeout=1.0)
