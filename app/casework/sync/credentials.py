"""Where the hub token lives: the operating system's credential store, through keyring.

The token is never written to a file. Where no usable credential store exists (keyring's
``fail`` or ``null`` backend on a bare Linux box, or a store that refuses to save), the token
is kept in this process's memory only: the user signs in again next session, and
``TokenStore.persistent`` / ``TokenStore.message`` say so plainly instead of crashing.
"""

from __future__ import annotations

import logging
from typing import ClassVar

import keyring
import keyring.backend
import keyring.errors

log = logging.getLogger(__name__)

SERVICE = "casework"

MEMORY_ONLY_MESSAGE = (
    "本机没有可用的系统凭据存储，登录令牌只保存在内存中，下次启动需要重新登录。"
    " No operating-system credential store is available: the hub token is kept in memory "
    "only and you will sign in again next session."
)


def backend_is_usable(backend: keyring.backend.KeyringBackend) -> bool:
    """False for keyring's placeholders that store nothing (fail, null, an empty chainer)."""
    module = type(backend).__module__
    if module in ("keyring.backends.fail", "keyring.backends.null"):
        return False
    chained = getattr(backend, "backends", None)
    if module == "keyring.backends.chainer":
        return bool(chained)
    try:
        return float(backend.priority) > 0
    except Exception:  # a backend whose priority cannot be evaluated is not usable here
        return False


class TokenStore:
    """Hub tokens by account (one account per profile, see ``Profile.token_account``)."""

    # Shared by every TokenStore of this process, so the fallback survives re-creating one.
    _memory: ClassVar[dict[tuple[str, str], str]] = {}

    def __init__(self, service: str = SERVICE, backend: keyring.backend.KeyringBackend | None = None):
        self.service = service
        self._backend = backend if backend is not None else keyring.get_keyring()
        self.persistent = backend_is_usable(self._backend)
        self.message = "" if self.persistent else MEMORY_ONLY_MESSAGE
        if not self.persistent:
            log.info("no usable credential store (%s): hub tokens kept in memory only",
                     type(self._backend).__name__)

    def _fall_back(self, exc: Exception) -> None:
        log.warning("credential store failed (%s: %s); keeping hub tokens in memory only",
                    exc.__class__.__name__, exc)
        self.persistent = False
        self.message = MEMORY_ONLY_MESSAGE

    def save(self, account: str, token: str) -> None:
        if self.persistent:
            try:
                self._backend.set_password(self.service, account, token)
                self._memory.pop((self.service, account), None)
                return
            except keyring.errors.KeyringError as exc:
                self._fall_back(exc)
        self._memory[(self.service, account)] = token

    def load(self, account: str) -> str | None:
        remembered = self._memory.get((self.service, account))
        if remembered is not None or not self.persistent:
            return remembered
        try:
            return self._backend.get_password(self.service, account)
        except keyring.errors.KeyringError as exc:
            log.warning("credential store could not be read: %s", exc)
            return None

    def delete(self, account: str) -> None:
        """Forget the token (sign out); no error when there is none."""
        self._memory.pop((self.service, account), None)
        if self.persistent:
            try:
                self._backend.delete_password(self.service, account)
            except keyring.errors.PasswordDeleteError:
                pass
            except keyring.errors.KeyringError as exc:
                log.warning("credential store could not delete a token: %s", exc)
