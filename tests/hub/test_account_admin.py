"""A warning before the lockout, and the administrator's way out of one: ``casework hub user
unlock | reset-password | disable | enable`` against a real hub over HTTP (issue 10, point 9)."""

from __future__ import annotations

import dataclasses
import io
import sys
from collections.abc import Iterator

import httpx
import pytest

from casework.cli import main
from casework.hub.db import upgrade
from casework.hub.server import start_hub
from tests.helpers import scratch_database
from tests.hub.api_helpers import FAST, PASSWORD, assert_error, login, make_user

NEW_PASSWORD = "新的-password-2026"


@pytest.fixture(scope="module")
def db_url(tmp_path_factory) -> Iterator[str]:
    with scratch_database("sqlite", tmp_path_factory.mktemp("accounts")) as url:
        upgrade(url)
        yield url


@pytest.fixture(scope="module")
def client(db_url) -> Iterator[httpx.Client]:
    with start_hub(db_url, settings=FAST) as running, httpx.Client(base_url=running.url, timeout=10) as c:
        yield c


def hub_user(monkeypatch, capsys, db_url: str, *args: str, stdin: str = "") -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["hub", "user", *args, "--db", db_url])
    return code, capsys.readouterr().out


def lock_out(client: httpx.Client, username: str) -> list[str]:
    messages = []
    for _ in range(FAST.max_failed_logins - 1):
        messages.append(assert_error(login(client, username, "guess"), 401, "invalid_credentials")
                        ["error"]["message"])
    assert_error(login(client, username, "guess"), 423, "locked")
    return messages


def test_each_failed_login_says_how_many_attempts_are_left(db_url, client):
    make_user(db_url, "wu.min")
    messages = lock_out(client, "wu.min")
    left = [FAST.max_failed_logins - n for n in range(1, FAST.max_failed_logins)]
    assert messages == [f"用户名或密码错误，还可尝试 {n} 次，之后账户将被锁定。"
                        f"Wrong username or password: {n} attempt(s) left before the account locks."
                        for n in left]
    unknown = assert_error(login(client, "no.such.user", "guess"), 401, "invalid_credentials")
    assert unknown["error"]["message"] == messages[0]  # an unknown name is warned the same way


def test_unlock_lets_the_user_in_again_with_the_same_password(db_url, client, monkeypatch, capsys):
    make_user(db_url, "zhou.li")
    lock_out(client, "zhou.li")
    assert_error(login(client, "zhou.li"), 423, "locked")
    code, out = hub_user(monkeypatch, capsys, db_url, "unlock", "zhou.li")
    assert code == 0 and "unlocked" in out
    assert login(client, "zhou.li").status_code == 200
    code, out = hub_user(monkeypatch, capsys, db_url, "unlock", "zhou.li")
    assert code == 0 and "was not locked" in out


def test_reset_password_unlocks_and_only_the_new_password_works(db_url, client, monkeypatch, capsys):
    make_user(db_url, "sun.hao")
    lock_out(client, "sun.hao")
    code, _out = hub_user(monkeypatch, capsys, db_url, "reset-password", "sun.hao", stdin=NEW_PASSWORD + "\n")
    assert code == 0
    assert login(client, "sun.hao", NEW_PASSWORD).status_code == 200
    assert_error(login(client, "sun.hao", PASSWORD), 401, "invalid_credentials")


def test_disable_refuses_logins_and_tokens_and_enable_lets_the_user_back(db_url, client, monkeypatch, capsys):
    make_user(db_url, "he.yun")
    token = login(client, "he.yun").json()["access_token"]
    assert hub_user(monkeypatch, capsys, db_url, "disable", "he.yun")[0] == 0
    assert_error(login(client, "he.yun"), 403, "account_disabled")
    refused = client.get("/api/v1/sync/summary", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code in (401, 403)
    assert hub_user(monkeypatch, capsys, db_url, "enable", "he.yun")[0] == 0
    assert login(client, "he.yun").status_code == 200


def test_an_unknown_user_is_an_error_not_a_traceback(db_url, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["hub", "user", "unlock", "nobody.at.all", "--db", db_url]) == 2
    assert "nobody.at.all" in capsys.readouterr().err


def test_the_hub_states_its_idle_lock_policy_at_login(tmp_path):
    with scratch_database("sqlite", tmp_path) as url:
        upgrade(url)
        make_user(url, "lin.yu")
        policy = dataclasses.replace(FAST, idle_lock_max_minutes=12)
        with start_hub(url, settings=policy) as running, httpx.Client(base_url=running.url, timeout=10) as c:
            answer = login(c, "lin.yu")
    assert answer.status_code == 200
    assert answer.json()["user"]["idle_lock_max_minutes"] == 12


def test_hub_serve_takes_the_idle_lock_policy_from_the_command_line(tmp_path):
    from tests.hub.test_server import hub_serve

    url = f"sqlite:///{tmp_path / 'hub.db'}"
    upgrade(url)
    make_user(url, "qin.lu")
    with hub_serve("--db", url, "--idle-lock-max", "7") as (_process, first_line):
        hub_url = first_line.split()[2]
        with httpx.Client(base_url=hub_url, timeout=30) as c:
            answer = login(c, "qin.lu")
    assert answer.status_code == 200, answer.text
    assert answer.json()["user"]["idle_lock_max_minutes"] == 7
