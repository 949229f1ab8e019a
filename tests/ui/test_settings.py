import pytest

from casework import paths
from casework.ui.settings import Setting, Settings

pytestmark = pytest.mark.gui


def test_defaults_come_from_the_declarations(qapp, settings):
    assert settings.language == "zh"
    assert settings.idle_lock_minutes == 10
    assert settings.auto_sync_minutes == 5


def test_values_persist_in_the_settings_file_under_casework_home(qapp, settings):
    settings.idle_lock_minutes = 3
    settings.language = "en"
    settings.sync()
    assert settings.file_path == str(paths.settings_file())
    text = paths.settings_file().read_text()
    assert "idle_lock_minutes=3" in text
    again = Settings()
    assert again.idle_lock_minutes == 3
    assert again.language == "en"


def test_a_value_of_the_wrong_type_is_refused(qapp, settings):
    with pytest.raises(TypeError):
        settings.idle_lock_minutes = "ten"


def test_a_hand_edited_bad_value_falls_back_to_the_default(qapp, casework_home):
    paths.settings_file().write_text("[General]\nidle_lock_minutes=soon\n")
    assert Settings().idle_lock_minutes == 10


def test_keys_are_lowercase_with_underscores_and_none_holds_a_secret():
    keys = [s.key for s in Settings.declared()]
    assert keys, "no settings declared"
    for key in keys:
        assert key == key.lower() and " " not in key and "-" not in key
        assert not any(word in key for word in ("password", "token", "secret", "key_")), key


def test_a_setting_attribute_must_match_its_key():
    with pytest.raises((TypeError, RuntimeError)):
        class Broken(Settings):
            wrong_name = Setting("other_name", int, 0, "")
