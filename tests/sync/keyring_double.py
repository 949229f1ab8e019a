"""A file-less keyring backend for tests.

TEST DOUBLE: it stands in for the operating system's credential store (Windows Credential
Manager, macOS Keychain, Secret Service), which does not run on this test machine. It is a
real ``keyring`` backend class, set with ``keyring.set_keyring``, so the code under test goes
through the keyring API exactly as it does on a desktop.
"""

from __future__ import annotations

import keyring.backend
import keyring.errors


class InMemoryKeyring(keyring.backend.KeyringBackend):
    """Secrets in a dict; ``refuse_writes`` imitates a locked store that will not save."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}
        self.refuse_writes = False

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.refuse_writes:
            raise keyring.errors.PasswordSetError("the credential store is locked")
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.secrets:
            raise keyring.errors.PasswordDeleteError("no such secret")
        del self.secrets[(service, username)]
