"""Every path the app and the hub use, in one place.

The base folder is, in order: ``--home DIR`` (``set_home``), the ``CASEWORK_HOME``
environment variable, or the platform's user data folder. Tests, scripts and portable
installs move everything at once by setting one of the first two.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import platformdirs

_home_override: Path | None = None


def set_home(path: str | os.PathLike[str] | None) -> None:
    """Point every path below at ``path`` (the ``--home`` option); None restores the default."""
    global _home_override
    _home_override = Path(path).expanduser().resolve() if path else None


def home() -> Path:
    if _home_override is not None:
        base = _home_override
    elif env := os.environ.get("CASEWORK_HOME"):
        base = Path(env).expanduser().resolve()
    else:
        base = Path(platformdirs.user_data_dir("casework", appauthor=False))
    base.mkdir(parents=True, exist_ok=True)
    return base


def _sub(*parts: str) -> Path:
    path = home().joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


def profiles_dir() -> Path:
    return _sub("profiles")


def profile_slug(hub_url: str, username: str) -> str:
    """A folder name that is readable and unique per (hub, user)."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{username}@{hub_url.split('://')[-1]}")[:48]
    digest = hashlib.sha256(f"{hub_url}\n{username}".encode()).hexdigest()[:10]
    return f"{readable}-{digest}"


def profile_dir(hub_url: str, username: str) -> Path:
    """One folder per user and hub: the encrypted cache, the wrapped key, local settings."""
    return _sub("profiles", profile_slug(hub_url, username))


def demo_dir() -> Path:
    """The built-in demo district's hub database and its settings."""
    return _sub("demo")


def logs_dir() -> Path:
    return _sub("logs")


def settings_file() -> Path:
    return home() / "settings.ini"
