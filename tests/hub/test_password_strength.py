"""Passwords are judged by a strength estimator (zxcvbn), not by length alone (issue 9)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from casework.hub import db
from casework.hub.users import UserError, add_user, set_password
from tests.hub.api_helpers import FAST, PASSWORD

WEAK = ["12345678", " " * 8, "password", "P@ssw0rd", "qwertyuiop", "11111111", "abcdefgh",
        "iloveyou1", "chen.jie2024", "woaini1314"]
STRONG = [PASSWORD, "社工-password-2026", "correct-horse-7", "Lemon!Bridge42x"]


@pytest.fixture
def engine(tmp_path) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    db.upgrade(url)
    engine = db.make_engine(url)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("password", WEAK)
def test_common_and_trivial_passwords_are_refused_with_a_reason(engine, password):
    with pytest.raises(UserError) as refused:
        add_user(engine, "chen.jie", password, "social_worker", ["440104001"], "internal", settings=FAST)
    message = str(refused.value)
    assert re.search(r"[\u4e00-\u9fff]", message) and "weak" in message.lower(), message
    assert password in ("password", " " * 8) or password not in message  # never echoed


@pytest.mark.parametrize("password", STRONG)
def test_strong_passwords_are_accepted(engine, password):
    add_user(engine, "chen.jie", password, "social_worker", ["440104001"], "internal", settings=FAST)


def test_a_new_password_is_judged_the_same_way(engine):
    add_user(engine, "li.na", PASSWORD, "social_worker", ["440104001"], "internal", settings=FAST)
    with pytest.raises(UserError):
        set_password(engine, "li.na", "12345678", settings=FAST)
    set_password(engine, "li.na", "Lemon!Bridge42x", settings=FAST)
