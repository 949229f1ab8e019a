"""A profile folder per (hub, user): user info, device id, the last-used profile."""

from __future__ import annotations

from casework import paths
from casework.sync.profile import Profile, last_profile, remember_last


def test_one_folder_per_hub_and_user_under_casework_home(casework_home):
    a = Profile.of("http://127.0.0.1:8000/", "alice")
    assert a == Profile.of("http://127.0.0.1:8000", "alice")
    assert a.folder.parent == paths.profiles_dir()
    assert str(a.folder).startswith(str(casework_home))
    assert Profile.of("http://127.0.0.1:8000", "bob").folder != a.folder
    assert Profile.of("http://127.0.0.1:9000", "alice").folder != a.folder


def test_the_device_id_is_made_once_and_fits_the_wire_pattern():
    import re

    profile = Profile.of("http://127.0.0.1:8000", "alice")
    first = profile.device_id()
    assert first == profile.device_id()
    assert re.fullmatch(r"[A-Za-z0-9._:-]{1,64}", first)


def test_user_info_is_cached_for_offline_use():
    profile = Profile.of("http://127.0.0.1:8000", "alice")
    assert profile.load_user() is None
    profile.save_user({"username": "alice", "scope": ["440104001"], "scope_epoch": 2})
    assert profile.load_user()["scope_epoch"] == 2
    assert not profile.exists()  # no wrapped key yet: nothing to unlock offline


def test_the_last_profile_is_remembered_without_secrets(casework_home):
    assert last_profile() is None
    remember_last(Profile.of("http://127.0.0.1:8000/", "alice"))
    assert last_profile() == Profile.of("http://127.0.0.1:8000", "alice")
    text = (casework_home / "last_profile.json").read_text()
    assert "alice" in text and "password" not in text and "token" not in text
