"""The cache key: random, wrapped by the password (argon2id + AES-GCM), and wrong passwords
slow down, even across restarts."""

from __future__ import annotations

import time

import orjson
import pytest

from casework.cache import keys
from casework.cache.keys import (
    KdfParams,
    KeyFileDamaged,
    KeyFileMissing,
    TooManyAttempts,
    WrongPassword,
    change_password,
    create_key_file,
    delay_after,
    unlock_key_file,
)

FAST = KdfParams.fast()


@pytest.fixture
def key_file(tmp_path):
    return tmp_path / "cache.key"


def test_the_right_password_unwraps_the_same_random_key(key_file):
    key = create_key_file(key_file, "正确的密码 correct", FAST)
    assert len(key) == 32
    assert unlock_key_file(key_file, "正确的密码 correct") == key
    assert create_key_file(key_file.with_name("other.key"), "正确的密码 correct", FAST) != key


def test_the_key_file_holds_salt_params_nonce_and_ciphertext_but_not_the_key(key_file):
    key = create_key_file(key_file, "pw", FAST)
    body = orjson.loads(key_file.read_bytes())
    assert body["kdf"] == "argon2id"
    assert body["params"] == {"memory_kib": 1024, "time_cost": 1, "parallelism": 1}
    assert {"salt", "nonce", "ciphertext"} <= set(body)
    raw = key_file.read_bytes()
    assert key not in raw and key.hex().encode() not in raw


def test_default_parameters_are_sound():
    params = KdfParams()
    assert params.memory_kib >= 64 * 1024 and params.time_cost >= 3


def test_a_wrong_password_opens_nothing_and_says_so(key_file):
    create_key_file(key_file, "right", FAST)
    with pytest.raises(WrongPassword) as info:
        unlock_key_file(key_file, "wrong")
    assert "密码错误" in info.value.message and "Wrong password" in info.value.message
    assert info.value.failures == 1


def test_edited_parameters_make_unwrapping_fail_rather_than_weaker(key_file):
    create_key_file(key_file, "right", FAST)
    body = orjson.loads(key_file.read_bytes())
    body["params"]["time_cost"] = 2
    key_file.write_bytes(orjson.dumps(body))
    with pytest.raises(WrongPassword):
        unlock_key_file(key_file, "right")


def test_a_missing_or_damaged_key_file_is_reported(key_file):
    with pytest.raises(KeyFileMissing):
        unlock_key_file(key_file, "pw")
    key_file.write_text("not json")
    with pytest.raises(KeyFileDamaged):
        unlock_key_file(key_file, "pw")


def test_the_delay_grows_0_0_1_2_4_and_is_capped():
    assert [delay_after(n) for n in range(7)] == [0, 0, 1, 2, 4, 8, 16]
    assert delay_after(100) == keys.MAX_DELAY_SECONDS


def test_repeated_failures_must_wait_and_a_restart_does_not_reset_the_count(key_file):
    create_key_file(key_file, "right", FAST)
    for _ in range(2):
        with pytest.raises(WrongPassword):
            unlock_key_file(key_file, "wrong", wait=False)
    # The count lives in a sidecar file: a new process (here: a fresh call) sees it.
    assert (key_file.parent / "cache.key.attempts").exists()
    with pytest.raises(TooManyAttempts) as info:
        unlock_key_file(key_file, "right", wait=False)  # throttled: not even the right one is tried
    assert 0 < info.value.retry_after <= 1
    assert info.value.failures == 2
    assert "秒后再试" in info.value.message


def test_waiting_out_the_delay_then_the_right_password_unlocks_and_clears_the_count(key_file):
    key = create_key_file(key_file, "right", FAST)
    for _ in range(2):
        with pytest.raises(WrongPassword):
            unlock_key_file(key_file, "wrong", wait=False)
    started = time.monotonic()
    assert unlock_key_file(key_file, "right") == key  # wait=True sleeps the ~1 s delay
    assert time.monotonic() - started >= 0.9
    assert not (key_file.parent / "cache.key.attempts").exists()
    assert keys.retry_after(key_file) == 0


def test_the_caller_may_choose_how_to_sleep(key_file):
    create_key_file(key_file, "right", FAST)
    for _ in range(3):
        try:
            unlock_key_file(key_file, "wrong", sleep=lambda s: None)
        except WrongPassword as exc:
            last = exc
    assert last.failures == 3 and last.retry_after == 2
    slept: list[float] = []
    with pytest.raises(WrongPassword):
        unlock_key_file(key_file, "wrong", sleep=slept.append)
    assert len(slept) == 1 and 1.5 < slept[0] <= 2


def test_changing_the_password_keeps_the_key(key_file):
    key = create_key_file(key_file, "old", FAST)
    change_password(key_file, "old", "new")
    assert unlock_key_file(key_file, "new") == key
    with pytest.raises(WrongPassword):
        unlock_key_file(key_file, "old")


def test_a_clock_set_back_does_not_lock_the_user_out_longer_than_the_delay(key_file):
    create_key_file(key_file, "right", FAST)
    for _ in range(3):
        with pytest.raises(WrongPassword):
            unlock_key_file(key_file, "wrong", sleep=lambda s: None)
    attempts = key_file.parent / "cache.key.attempts"
    body = orjson.loads(attempts.read_bytes())
    attempts.write_bytes(orjson.dumps(dict(body, last_failure_at=body["last_failure_at"] + 86_400)))
    assert keys.retry_after(key_file) == delay_after(3) == 2
