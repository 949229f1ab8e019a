"""Messages from the client core are bilingual ("中文。 English."); the interface shows the half
in its language (issue 10, point 6: the Chinese window showed "hub token" notices)."""

import pytest

from casework.sync.credentials import MEMORY_ONLY_MESSAGE
from casework.ui.i18n import one_language


@pytest.mark.parametrize(("message", "zh", "en"), [
    (MEMORY_ONLY_MESSAGE, "本机没有可用的系统凭据存储，登录令牌只保存在内存中，下次启动需要重新登录。",
     "No operating-system credential store is available: the hub token is kept in memory only and "
     "you will sign in again next session."),
    ("用户名或密码错误，还可尝试 2 次，之后账户将被锁定。Wrong username or password: 2 attempt(s) left "
     "before the account locks.", "用户名或密码错误，还可尝试 2 次，之后账户将被锁定。",
     "Wrong username or password: 2 attempt(s) left before the account locks."),
    ("无法连接中心 http://127.0.0.1:9：连接被拒绝\n此用户尚未在本机联网登录过，首次登录需要连接中心。"
     " The hub cannot be reached; a first sign-in needs the hub.",
     "无法连接中心 http://127.0.0.1:9：连接被拒绝\n此用户尚未在本机联网登录过，首次登录需要连接中心。",
     "The hub cannot be reached; a first sign-in needs the hub."),
])
def test_a_bilingual_message_shows_in_one_language(message, zh, en):
    assert one_language(message, "zh") == zh
    assert one_language(message, "en") == en


@pytest.mark.parametrize("message", ["已是最新", "Up to date", "同步 3 条。", "F5 立即同步。按 Esc 关闭"])
def test_a_message_in_one_language_is_left_as_it_is(message):
    assert one_language(message, "zh") == message == one_language(message, "en")
