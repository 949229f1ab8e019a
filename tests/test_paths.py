"""Every path comes from casework.paths, and one setting moves them all."""

from casework import paths


def test_casework_home_moves_every_path(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEWORK_HOME", str(tmp_path / "h"))
    for path in (paths.profiles_dir(), paths.demo_dir(), paths.logs_dir(), paths.settings_file()):
        assert path.is_relative_to(tmp_path / "h")


def test_home_option_wins_over_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEWORK_HOME", str(tmp_path / "env"))
    paths.set_home(tmp_path / "option")
    try:
        assert paths.demo_dir().is_relative_to(tmp_path / "option")
    finally:
        paths.set_home(None)


def test_each_user_and_hub_gets_its_own_profile_folder():
    a = paths.profile_dir("http://127.0.0.1:8000", "zhang")
    b = paths.profile_dir("http://127.0.0.1:8001", "zhang")
    c = paths.profile_dir("http://127.0.0.1:8000", "li")
    assert len({a, b, c}) == 3
    assert a == paths.profile_dir("http://127.0.0.1:8000", "zhang")
