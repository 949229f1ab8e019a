"""The cache key and the password that guards it.

The cache is encrypted with a random 32-byte key. That key is stored only wrapped: encrypted
with AES-GCM under a key derived from the user's password by argon2id. So the cache opens
with the password alone (online or offline), a password change re-wraps 32 bytes instead of
re-encrypting the cache, and the cache opens fast (SQLCipher with a raw key takes ~0.5 ms; the
slow, deliberate part is argon2id, done once per unlock).

The key file is JSON next to the cache: format, KDF parameters, salt, nonce and ciphertext.
The header is bound to the ciphertext as AES-GCM associated data, so editing the parameters
in the file makes unwrapping fail rather than weakening it.

Wrong passwords slow down: after each failure the next attempt must wait longer
(0, 1, 2, 4, … seconds, capped). The failure count and time live in a sidecar file
(``<key file>.attempts``) so restarting the app does not reset them. The sidecar is not a
secret and not the real defence (someone with the file can run argon2id offline); it stops a
person at the keyboard from guessing quickly.

argon2id releases the interpreter lock, so a caller that unlocks only after slower steps (a hub
login, imports) can start the derivation first (``derive_ahead``) and have it run on another
core meanwhile: ``unlock_key_file`` then takes the finished result instead of deriving again.
"""

from __future__ import annotations

import base64
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import asdict, dataclass
from pathlib import Path

import orjson
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
FORMAT = "casework-cache-key"
FORMAT_VERSION = 1
MAX_DELAY_SECONDS = 60.0


class KeyFileError(Exception):
    """Base class; ``message`` is for the user (Chinese and English)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WrongPassword(KeyFileError):
    def __init__(self, failures: int, retry_after: float) -> None:
        wait = f"请 {retry_after:.0f} 秒后再试 / try again in {retry_after:.0f} s" if retry_after else ""
        super().__init__(f"密码错误，缓存未打开。Wrong password: the cache stays locked. {wait}".strip())
        self.failures = failures
        self.retry_after = retry_after


class TooManyAttempts(KeyFileError):
    """Raised instead of waiting (``wait=False``): the caller may retry after ``retry_after`` s."""

    def __init__(self, retry_after: float, failures: int) -> None:
        super().__init__(
            f"尝试次数过多，请 {retry_after:.0f} 秒后再试。"
            f"Too many wrong passwords: try again in {retry_after:.0f} s."
        )
        self.retry_after = retry_after
        self.failures = failures


class KeyFileMissing(KeyFileError):
    pass


class KeyFileDamaged(KeyFileError):
    pass


@dataclass(frozen=True)
class KdfParams:
    """argon2id cost. The default (64 MiB, 3 passes) takes ~0.2-0.4 s on an office PC; tests
    pass ``KdfParams.fast()`` so a suite of many unlocks stays quick."""

    memory_kib: int = 64 * 1024
    time_cost: int = 3
    parallelism: int = 2

    @classmethod
    def fast(cls) -> KdfParams:
        """Cheap parameters for tests only: never for a real profile."""
        return cls(memory_kib=1024, time_cost=1, parallelism=1)


def _derive(password: str, salt: bytes, params: KdfParams) -> bytes:
    with _ahead_lock:
        ahead = _ahead.pop((password, salt, params), None)
    if ahead is not None:
        return ahead.result()
    return _argon2id(password, salt, params)


def _argon2id(password: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"), salt, time_cost=params.time_cost, memory_cost=params.memory_kib,
        parallelism=params.parallelism, hash_len=KEY_BYTES, type=Type.ID,
    )


# Derivations started by ``derive_ahead``, each taken (once) by the ``_derive`` that needs it.
_ahead_lock = threading.Lock()
_ahead: dict[tuple[str, bytes, KdfParams], Future[bytes]] = {}


def derive_ahead(path: str | os.PathLike[str], password: str) -> Callable[[], None]:
    """Start the argon2id derivation that unlocking ``path`` with ``password`` will need, in a
    thread of its own, and return a function that drops its result if nobody took it (call it
    when signing in ends either way, so a derived key does not linger). Nothing is started
    when the key file cannot be read: the unlock itself reports that. Throttling and the
    failure count are untouched: only ``unlock_key_file`` uses the result, after its wait."""
    try:
        _, params, salt, _, _ = _read(Path(path))
    except (KeyFileError, OSError):  # missing, damaged, unreadable
        return lambda: None
    slot = (password, salt, params)
    future: Future[bytes] = Future()

    def run() -> None:
        try:
            future.set_result(_argon2id(password, salt, params))
        except BaseException as exc:  # handed to whoever takes the result
            future.set_exception(exc)

    with _ahead_lock:
        _ahead[slot] = future
    threading.Thread(target=run, name="casework-kdf", daemon=True).start()

    def discard() -> None:
        with _ahead_lock:
            if _ahead.get(slot) is future:
                del _ahead[slot]

    return discard


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _header(params: KdfParams, salt: bytes) -> dict:
    return {"format": FORMAT, "version": FORMAT_VERSION, "kdf": "argon2id", "params": asdict(params),
            "salt": _b64(salt)}


def _aad(header: dict) -> bytes:
    return orjson.dumps(header, option=orjson.OPT_SORT_KEYS)


def _write_private(path: Path, content: bytes) -> None:
    """Write atomically, readable by the owner only (where the platform has such modes)."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(content)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def wrap_key(path: str | os.PathLike[str], key: bytes, password: str,
             params: KdfParams | None = None) -> None:
    """Store ``key`` in ``path`` wrapped by ``password`` (replacing any earlier key file)."""
    if len(key) != KEY_BYTES:
        raise ValueError("the cache key must be 32 bytes")
    params = params or KdfParams()
    salt, nonce = os.urandom(16), os.urandom(12)
    header = _header(params, salt)
    ciphertext = AESGCM(_derive(password, salt, params)).encrypt(nonce, key, _aad(header))
    body = {**header, "nonce": _b64(nonce), "ciphertext": _b64(ciphertext)}
    _write_private(Path(path), orjson.dumps(body, option=orjson.OPT_INDENT_2))


def create_key_file(path: str | os.PathLike[str], password: str, params: KdfParams | None = None) -> bytes:
    """A new random cache key, stored wrapped by ``password``; returns the key."""
    key = os.urandom(KEY_BYTES)
    wrap_key(path, key, password, params)
    _attempts_path(Path(path)).unlink(missing_ok=True)
    return key


def _read(path: Path) -> tuple[dict, KdfParams, bytes, bytes, bytes]:
    try:
        body = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        raise KeyFileMissing(f"没有缓存密钥文件 / no cache key file at {path}") from None
    except orjson.JSONDecodeError:
        raise KeyFileDamaged(f"缓存密钥文件已损坏 / the cache key file is damaged: {path}") from None
    try:
        if body["format"] != FORMAT or body["version"] != FORMAT_VERSION or body["kdf"] != "argon2id":
            raise KeyFileDamaged(f"不支持的密钥文件格式 / unsupported key file format in {path}")
        params = KdfParams(**body["params"])
        salt = base64.b64decode(body["salt"])
        nonce = base64.b64decode(body["nonce"])
        ciphertext = base64.b64decode(body["ciphertext"])
    except (KeyError, TypeError, ValueError):
        raise KeyFileDamaged(f"缓存密钥文件已损坏 / the cache key file is damaged: {path}") from None
    return _header(params, salt), params, salt, nonce, ciphertext


# --- throttling of wrong passwords -------------------------------------------------------


def _attempts_path(path: Path) -> Path:
    return path.with_name(path.name + ".attempts")


def delay_after(failures: int) -> float:
    """Seconds the next attempt must wait after ``failures`` consecutive failures: 0, 0, 1, 2, 4 …"""
    if failures < 2:
        return 0.0
    return min(float(2 ** (failures - 2)), MAX_DELAY_SECONDS)


def _load_attempts(path: Path) -> tuple[int, float]:
    try:
        body = orjson.loads(_attempts_path(path).read_bytes())
        return int(body["failures"]), float(body["last_failure_at"])
    except (FileNotFoundError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return 0, 0.0


def retry_after(path: str | os.PathLike[str], now: float | None = None) -> float:
    """Seconds until another attempt is allowed (0 when allowed now). Never more than the
    delay itself, so a clock set back does not lock the user out for the difference."""
    failures, last = _load_attempts(Path(path))
    now = time.time() if now is None else now
    delay = delay_after(failures)
    return max(0.0, min(delay, last + delay - now))


def unlock_key_file(path: str | os.PathLike[str], password: str, *, wait: bool = True,
                    sleep: Callable[[float], None] = time.sleep) -> bytes:
    """The cache key, unwrapped with ``password``.

    Raises ``WrongPassword`` (and counts the failure), ``KeyFileMissing``/``KeyFileDamaged``.
    While throttled it sleeps until allowed (``wait=True``, fine in a worker thread or a
    command) or raises ``TooManyAttempts`` at once (``wait=False``, for a UI that shows a
    countdown). A throttled attempt is not tried at all, right password or not.
    """
    path = Path(path)
    header, params, salt, nonce, ciphertext = _read(path)
    pending = retry_after(path)
    if pending > 0:
        if not wait:
            raise TooManyAttempts(pending, _load_attempts(path)[0])
        sleep(pending)
    try:
        key = AESGCM(_derive(password, salt, params)).decrypt(nonce, ciphertext, _aad(header))
    except InvalidTag:
        failures = _load_attempts(path)[0] + 1
        _write_private(_attempts_path(path),
                       orjson.dumps({"failures": failures, "last_failure_at": time.time()}))
        raise WrongPassword(failures, delay_after(failures)) from None
    _attempts_path(path).unlink(missing_ok=True)
    if len(key) != KEY_BYTES:
        raise KeyFileDamaged(f"缓存密钥长度错误 / the unwrapped key has the wrong length: {path}")
    return key


def change_password(path: str | os.PathLike[str], old_password: str, new_password: str,
                    params: KdfParams | None = None) -> None:
    """Re-wrap the same cache key under a new password (the cache itself is untouched)."""
    key = unlock_key_file(path, old_password)
    wrap_key(path, key, new_password, params or _read(Path(path))[1])
