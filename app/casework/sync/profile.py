"""A user's profile on this computer: one folder per (hub, user) holding the encrypted cache,
its wrapped key, the user information the hub gave at the last online sign-in (so the app
knows who it is offline) and this device's id. Nothing secret is stored here in the clear.

``CASEWORK_HOME/last_profile.json`` remembers which hub and user signed in last, so
``casework search`` and ``casework household`` open the same profile as ``casework sync``.
"""

from __future__ import annotations

import os
import platform
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from casework import paths

LAST_PROFILE_FILE = "last_profile.json"


def normalize_hub_url(hub_url: str) -> str:
    """One spelling per hub, so ``http://h:1/`` and ``http://h:1`` share a profile."""
    url = hub_url.strip().rstrip("/")
    if "://" not in url:
        url = f"http://{url}"
    return url


def write_json_atomically(path: Path, value: Any) -> None:
    """Write to a temporary file and rename, so a crash leaves the old file or the new one."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(orjson.dumps(value, option=orjson.OPT_INDENT_2))
    os.replace(tmp, path)


def _read_json(path: Path) -> Any | None:
    try:
        return orjson.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except orjson.JSONDecodeError:
        return None


@dataclass(frozen=True)
class Profile:
    hub_url: str
    username: str

    @classmethod
    def of(cls, hub_url: str, username: str) -> Profile:
        return cls(normalize_hub_url(hub_url), username)

    @property
    def folder(self) -> Path:
        return paths.profile_dir(self.hub_url, self.username)

    @property
    def key_file(self) -> Path:
        """The cache key wrapped by the user's password (``casework.cache.keys``)."""
        return self.folder / "cache.key"

    @property
    def cache_file(self) -> Path:
        return self.folder / "cache.db"

    @property
    def user_file(self) -> Path:
        return self.folder / "user.json"

    @property
    def token_account(self) -> str:
        """The account name under which the credential store keeps this profile's token."""
        return paths.profile_slug(self.hub_url, self.username)

    def exists(self) -> bool:
        """True once an online sign-in has created the wrapped key: offline unlock is possible."""
        return self.key_file.exists()

    def cache_files(self) -> list[Path]:
        """The cache database and its SQLite side files."""
        base = self.cache_file
        return [base, *(base.with_name(base.name + s) for s in ("-wal", "-shm", "-journal"))]

    def wipe(self) -> list[Path]:
        """Delete the cache, its wrapped key and the cached user info (a revoked device);
        returns what was deleted. The device id stays: the hub knows it as revoked."""
        attempts = self.key_file.with_name(self.key_file.name + ".attempts")  # casework.cache.keys
        doomed = [*self.cache_files(), self.key_file, attempts, self.user_file]
        deleted = []
        for path in doomed:
            if path.exists():
                path.unlink()
                deleted.append(path)
        return deleted

    def load_user(self) -> dict[str, Any] | None:
        """The ``UserInfo`` from the last online sign-in, or None."""
        value = _read_json(self.user_file)
        return value if isinstance(value, dict) else None

    def save_user(self, user: dict[str, Any]) -> None:
        write_json_atomically(self.user_file, user)

    def device_id(self) -> str:
        """This installation's id for this profile (made once, then kept), as the hub's
        ``device_id``: readable host name plus a random part, within the wire pattern."""
        path = self.folder / "device_id"
        try:
            existing = path.read_text().strip()
            if existing:
                return existing
        except FileNotFoundError:
            pass
        host = re.sub(r"[^A-Za-z0-9._-]+", "-", platform.node())[:24].strip("-") or "pc"
        made = f"{host}:{uuid.uuid4().hex[:16]}"
        path.write_text(made)
        return made


def remember_last(profile: Profile) -> None:
    """Note the hub and user of the last sign-in (not secret) for the command line."""
    write_json_atomically(paths.home() / LAST_PROFILE_FILE,
                          {"hub_url": profile.hub_url, "username": profile.username})


def last_profile() -> Profile | None:
    value = _read_json(paths.home() / LAST_PROFILE_FILE)
    if isinstance(value, dict) and value.get("hub_url") and value.get("username"):
        return Profile.of(str(value["hub_url"]), str(value["username"]))
    return None
