"""Signing in starts the cache key's argon2id derivation before the slower steps (imports, the
hub login) and the unlock takes its result: the same key, the same wrong-password handling,
and no derived key left behind however signing in ends."""

from __future__ import annotations

import pytest

from casework.cache import keys
from casework.cache.keys import KdfParams, WrongPassword, create_key_file, derive_ahead, unlock_key_file

FAST = KdfParams.fast()


def test_an_unlock_takes_the_derivation_started_ahead(tmp_path):
    path = tmp_path / "cache.key"
    key = create_key_file(path, "正确的密码", FAST)
    discard = derive_ahead(path, "正确的密码")
    assert len(keys._ahead) == 1
    assert unlock_key_file(path, "正确的密码") == key
    assert not keys._ahead  # taken, not kept
    discard()  # nothing left to drop: harmless
    assert unlock_key_file(path, "正确的密码") == key  # and without one, as before


def test_a_wrong_password_derived_ahead_still_fails_and_counts(tmp_path):
    path = tmp_path / "cache.key"
    create_key_file(path, "正确的密码", FAST)
    discard = derive_ahead(path, "错误")
    with pytest.raises(WrongPassword) as failed:
        unlock_key_file(path, "错误")
    discard()
    assert failed.value.failures == 1
    assert not keys._ahead


def test_a_derivation_nobody_takes_is_dropped(tmp_path):
    path = tmp_path / "cache.key"
    create_key_file(path, "正确的密码", FAST)
    discard = derive_ahead(path, "正确的密码")
    discard()
    assert not keys._ahead


def test_nothing_is_derived_ahead_without_a_readable_key_file(tmp_path):
    discard = derive_ahead(tmp_path / "missing.key", "pw")
    (tmp_path / "damaged.key").write_text("{")
    discard_damaged = derive_ahead(tmp_path / "damaged.key", "pw")
    discard_unreadable = derive_ahead(tmp_path, "pw")  # a folder: reading it fails
    assert not keys._ahead
    for drop in (discard, discard_damaged, discard_unreadable):
        drop()


@pytest.mark.gui
def test_signing_in_offline_leaves_no_derived_key_behind(casework_home, running_hub):
    from casework.ui.services import CaseworkService
    from tests.ui.app_hub import PASSWORD, WORKER

    services = CaseworkService()
    try:
        assert services.sign_in(running_hub.url, WORKER, PASSWORD).online  # makes the key file
        services.sign_out()
        running_hub.stop()
        with pytest.raises(WrongPassword):
            services.sign_in(running_hub.url, WORKER, PASSWORD + "x")
        assert not keys._ahead
        assert not services.sign_in(running_hub.url, WORKER, PASSWORD).online
        assert not keys._ahead
    finally:
        services.close()
