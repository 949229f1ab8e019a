"""The desktop app's settings: declared, typed, with defaults, kept with QSettings in
``casework.paths.settings_file()``.

Every setting is declared once below (key, type, default), so a newcomer sees them all in one
place and a typo in a key is an AttributeError, not a silently new setting. Keys are lowercase
with underscores. No secret ever goes here: tokens live in the credential store and the cache
key is wrapped by the user's password (see ``casework.cache.keys``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSettings

from casework import paths

T = TypeVar("T")

SETTINGS_VERSION = 1


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One declared setting; reading it from ``Settings`` returns a value of ``type_``."""

    key: str
    type_: type
    default: T
    doc: str

    def __set_name__(self, owner: type, name: str) -> None:
        if name != self.key:
            raise TypeError(f"setting attribute {name!r} must match its key {self.key!r}")

    def __get__(self, obj: Settings | None, owner: type) -> Any:
        if obj is None:
            return self
        return obj.value(self)

    def __set__(self, obj: Settings, value: T) -> None:
        obj.set_value(self, value)


class Settings:
    """Typed access to the settings file. ``settings.idle_lock_minutes`` reads, assignment writes."""

    language: Setting[str] = Setting("language", str, "zh", "interface language: zh (中文) or en")
    idle_lock_minutes: Setting[int] = Setting(
        "idle_lock_minutes", int, 10,
        "idle minutes before the window locks (at least 1; the hub sets the most)")
    auto_sync_minutes: Setting[int] = Setting(
        "auto_sync_minutes", int, 5, "sync by itself this often while online (0 = only on F5)")
    offline_retry_seconds: Setting[int] = Setting(
        "offline_retry_seconds", int, 30, "while offline, look for the hub this often")
    last_hub_url: Setting[str] = Setting("last_hub_url", str, "", "the hub of the last sign-in")
    last_username: Setting[str] = Setting("last_username", str, "", "the user of the last sign-in")
    window_geometry: Setting[bytes] = Setting("window_geometry", bytes, b"", "main window geometry")

    def __init__(self, path: Path | None = None) -> None:
        self._qsettings = QSettings(str(path or paths.settings_file()), QSettings.Format.IniFormat)
        self._upgrade()

    @classmethod
    def declared(cls) -> list[Setting[Any]]:
        return [v for v in vars(cls).values() if isinstance(v, Setting)]

    def value(self, setting: Setting[T]) -> T:
        raw = self._qsettings.value(setting.key, None)
        if raw is None:
            return setting.default
        try:
            return _convert(raw, setting.type_)
        except (TypeError, ValueError):
            return setting.default  # a hand-edited file with a bad value falls back, not crashes

    def set_value(self, setting: Setting[T], value: T) -> None:
        if not isinstance(value, setting.type_):
            raise TypeError(f"setting {setting.key} takes {setting.type_.__name__}, got {value!r}")
        self._qsettings.setValue(setting.key, value)

    def sync(self) -> None:
        """Write pending changes to disk now (QSettings also does it by itself)."""
        self._qsettings.sync()

    @property
    def file_path(self) -> str:
        return self._qsettings.fileName()

    def _upgrade(self) -> None:
        """Versioned upgrades of older settings files go here, one step per version."""
        version = _convert(self._qsettings.value("settings_version", 0), int)
        if version < SETTINGS_VERSION:
            self._qsettings.setValue("settings_version", SETTINGS_VERSION)


def _convert(raw: Any, type_: type) -> Any:
    if type_ is bool:
        return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
    if type_ is bytes:
        return bytes(raw.data()) if hasattr(raw, "data") else bytes(raw)
    return type_(raw)
