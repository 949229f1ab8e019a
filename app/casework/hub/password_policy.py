"""Is a new password good enough? Judged by zxcvbn, a maintained strength estimator (Dropbox's
algorithm: dictionaries of common passwords, names and words, keyboard walks, repeats,
sequences, dates, l33t), not by length alone: length alone admitted ``12345678`` and eight
spaces (issue 9).

zxcvbn's dictionaries are English; the user's own names and the words Chinese users reach for
first (pinyin phrases, place names, lucky numbers) are added as extra inputs.
"""

from __future__ import annotations

from collections.abc import Iterable

from zxcvbn import zxcvbn

MIN_SCORE = 3  # zxcvbn 0-4; 3: ~10^8 guesses or more, "safely unguessable" behind a slow hash
SCORED_CHARS = 100  # zxcvbn slows down on long inputs; a password this long is scored on its start
LOCAL_WORDS = (
    "woaini", "aini", "wohenni", "zhongguo", "guangzhou", "yuexiu", "huangpu",
    "mima", "admin", "qwerty", "1314", "520", "5201314", "888888", "666666", "123456", "147258369",
)


def weakness(password: str, user_inputs: Iterable[str] = ()) -> str | None:
    """Why the password is too weak (Chinese and English), or None when it is strong enough."""
    if not password.strip():
        return "密码不能只含空格。A password of spaces only is too weak."
    inputs = [word for word in (*user_inputs, *LOCAL_WORDS) if word]
    inputs += [part for word in user_inputs for part in word.replace("_", ".").split(".") if len(part) > 2]
    result = zxcvbn(password[:SCORED_CHARS], user_inputs=inputs)
    if result["score"] >= MIN_SCORE:
        return None
    hint = result["feedback"].get("warning") or "easy to guess"
    return (f"密码强度不足（常见、简单或与用户名相关），请使用更长、不常见的密码或短语。"
            f"The password is too weak ({hint.rstrip('.')}): use a longer, uncommon password or phrase.")
