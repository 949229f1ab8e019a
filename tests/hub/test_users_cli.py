"""Administering hub users: ``casework hub user …`` and ``casework hub device revoke``, and the
rules behind them (role, scope, clearance, password) in ``casework.hub.users``.

The command runs as a real subprocess with the password on standard input where that is the
point of the test; the other cases call the same ``casework.cli.main`` in-process, which is
the identical code path without the interpreter start-up.
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest

from casework.cli import main
from casework.hub.db import make_engine, upgrade
from casework.hub.server import RunningHub, start_hub
from casework.hub.users import UserError, add_user, change_user, list_users, parse_scope
from tests.helpers import scratch_database
from tests.hub.api_helpers import BACKENDS, FAST, PASSWORD, assert_error, login

NEW_PASSWORD = "社工-password-2026"


@pytest.fixture(scope="module", params=BACKENDS)
def db_url(request, tmp_path_factory) -> Iterator[str]:
    """One database per backend for the module; each test adds its own usernames."""
    with scratch_database(request.param, tmp_path_factory.mktemp("users")) as url:
        upgrade(url)
        yield url


@pytest.fixture(scope="module")
def hub(db_url) -> Iterator[RunningHub]:
    with start_hub(db_url, settings=FAST) as running:
        yield running


@pytest.fixture
def client(hub) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=hub.url, timeout=10) as c:
        yield c


def casework(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """The real ``casework`` command in a child process (CASEWORK_HOME is the test's)."""
    return subprocess.run([sys.executable, "-m", "casework.cli", *args], input=stdin, text=True,
                          capture_output=True, timeout=120, check=False)


def run_cli(monkeypatch, capsys, *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def users_by_name(url: str) -> dict[str, dict]:
    engine = make_engine(url)
    try:
        return {u["username"]: u for u in list_users(engine)}
    finally:
        engine.dispose()


def test_user_add_reads_the_password_from_stdin_and_the_new_user_can_log_in(db_url, client):
    result = casework("hub", "user", "add", "zhang.shegong", "--db", db_url, "--role", "social_worker",
                      "--streets", "440104001,440104002", "--clearance", "内部", "--display-name", "张社工",
                      stdin=NEW_PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    assert "zhang.shegong" in result.stdout and NEW_PASSWORD not in result.stdout + result.stderr
    response = login(client, "zhang.shegong", NEW_PASSWORD)
    assert response.status_code == 200, response.text
    user = response.json()["user"]
    assert user["display_name"] == "张社工" and user["role"] == "social_worker"
    assert user["scope"] == ["440104001", "440104002"] and user["clearance"] == "internal"
    assert_error(login(client, "zhang.shegong", NEW_PASSWORD + "\n"), 401, "invalid_credentials")


def test_user_add_with_a_bad_street_fails_with_exit_code_2_and_a_clear_message(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'hub.db'}"  # the refusal does not depend on the backend
    result = casework("hub", "user", "add", "bad.street", "--db", db_url, "--role", "social_worker",
                      "--streets", "440104099", "--clearance", "internal", stdin=NEW_PASSWORD + "\n")
    assert result.returncode == 2
    assert "440104099" in result.stderr and "街道" in result.stderr
    assert "bad.street" not in users_by_name(db_url)


def test_user_add_with_district_alone_scopes_the_user_to_the_demo_district(db_url, monkeypatch, capsys):
    code, _, err = run_cli(monkeypatch, capsys, "hub", "user", "add", "district.sup", "--db", db_url,
                           "--role", "supervisor", "--district", "--clearance", "secret",
                           stdin=NEW_PASSWORD + "\n")
    assert code == 0, err
    code, _, err = run_cli(monkeypatch, capsys, "hub", "user", "add", "huangpu.officer", "--db", db_url,
                           "--role", "disability_officer", "--district", "440112", "--clearance", "internal",
                           stdin=NEW_PASSWORD + "\n")
    assert code == 0, err
    users = users_by_name(db_url)
    assert users["district.sup"]["scope"] == ["440104"] and users["district.sup"]["clearance"] == "secret"
    assert users["huangpu.officer"]["scope"] == ["440112"]


@pytest.mark.parametrize(("options", "message"), [
    (["--streets", "440104001,440112001"], "同一个区"),
    (["--streets", "440104"], "9 位"),
    (["--district", "440199"], "440199"),
    (["--streets", "440104001", "--district"], "not allowed with"),
])
def test_user_add_refuses_a_bad_scope(db_url, monkeypatch, capsys, options, message):
    args = ["hub", "user", "add", "scope.test", "--db", db_url, "--role", "social_worker",
            "--clearance", "internal", *options]
    try:
        code, _, err = run_cli(monkeypatch, capsys, *args, stdin=NEW_PASSWORD + "\n")
    except SystemExit as exit_:  # argparse refuses conflicting options itself
        code, err = exit_.code, capsys.readouterr().err
    assert code == 2 and message in err, err
    assert "scope.test" not in users_by_name(db_url)


@pytest.mark.parametrize(("role", "clearance", "password", "message"), [
    ("social_worker", "top_secret", NEW_PASSWORD, "unknown classification level"),
    ("social_worker", "internal", "short", "8"),
    ("social_worker", "internal", "", "8"),
])
def test_user_add_refuses_a_bad_clearance_or_a_short_password(db_url, monkeypatch, capsys, role,
                                                              clearance, password, message):
    code, _, err = run_cli(monkeypatch, capsys, "hub", "user", "add", "refused.user", "--db", db_url,
                           "--role", role, "--streets", "440104001", "--clearance", clearance,
                           stdin=password + "\n")
    assert code == 2 and message in err, err


def test_adding_a_username_twice_is_refused(db_url):
    engine = make_engine(db_url)
    try:
        add_user(engine, "twice", PASSWORD, "social_worker", ["440104001"], "internal", settings=FAST)
        with pytest.raises(UserError, match="already exists"):
            add_user(engine, "twice", PASSWORD, "supervisor", ["440104"], "secret", settings=FAST)
    finally:
        engine.dispose()


@pytest.mark.parametrize("username", ["has space", "", "x" * 65, "semi;colon", "new\nline"])
def test_usernames_are_letters_digits_and_a_few_marks(db_url, username):
    engine = make_engine(db_url)
    try:
        with pytest.raises(UserError, match="username"):
            add_user(engine, username, PASSWORD, "social_worker", ["440104001"], "internal", settings=FAST)
    finally:
        engine.dispose()


def test_changing_role_scope_or_clearance_bumps_the_scope_epoch_and_other_changes_do_not(
        db_url, monkeypatch, capsys):
    engine = make_engine(db_url)
    try:
        add_user(engine, "changing", PASSWORD, "social_worker", ["440104001"], "internal", settings=FAST)
        assert change_user(engine, "changing", scope=["440104001"]) == 1  # the same scope
        assert change_user(engine, "changing", display_name="王五") == 1
        assert change_user(engine, "changing", clearance="secret") == 2
        assert change_user(engine, "changing", role="disability_officer") == 3
    finally:
        engine.dispose()
    code, out, err = run_cli(monkeypatch, capsys, "hub", "user", "change", "changing", "--db", db_url,
                             "--streets", "440104002,440104003")
    assert code == 0 and "epoch 4" in out, err
    user = users_by_name(db_url)["changing"]
    assert user["scope"] == ["440104002", "440104003"] and user["scope_epoch"] == 4


def test_user_list_shows_role_scope_and_clearance_and_no_password_hash(db_url, monkeypatch, capsys):
    engine = make_engine(db_url)
    add_user(engine, "listed", PASSWORD, "migrant_officer", ["440104003"], "internal", "来穗专干",
             settings=FAST)
    engine.dispose()
    _, out, _ = run_cli(monkeypatch, capsys, "hub", "user", "list", "--db", db_url)
    line = next(line for line in out.splitlines() if line.startswith("listed\t"))
    assert line.split("\t")[:5] == ["listed", "来穗专干", "migrant_officer", "440104003", "internal"]
    assert "argon2" not in out


def test_device_revoke_refuses_that_device_from_then_on(db_url, client, monkeypatch, capsys):
    engine = make_engine(db_url)
    add_user(engine, "revoked.user", PASSWORD, "social_worker", ["440104001"], "internal", settings=FAST)
    engine.dispose()
    assert login(client, "revoked.user", device_id="stolen-laptop").status_code == 200
    code, _, err = run_cli(monkeypatch, capsys, "hub", "device", "revoke", "revoked.user", "stolen-laptop",
                           "--db", db_url)
    assert code == 0, err
    assert_error(login(client, "revoked.user", device_id="stolen-laptop"), 403, "device_revoked")
    assert login(client, "revoked.user", device_id="office-pc").status_code == 200


@pytest.mark.parametrize(("scope", "expected"), [
    (["440104001"], ("440104", ("440104001",))),
    (["440104002", "440104001", "440104002"], ("440104", ("440104001", "440104002"))),
    (["440112"], ("440112", ("440112",))),
    ([" 440104001 "], ("440104", ("440104001",))),
])
def test_a_scope_is_streets_of_one_district_or_the_district_itself(scope, expected):
    assert parse_scope(scope) == expected


@pytest.mark.parametrize("scope", [[], [""], ["440104", "440104001"], ["440104", "440112"], ["44010400100"],
                                   ["440104001", "440112001"], ["999999"], ["440104999"]])
def test_a_scope_that_is_empty_mixed_or_unknown_is_refused(scope):
    with pytest.raises(UserError):
        parse_scope(scope)
