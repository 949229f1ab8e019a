"""Telling a damaged cache file from everything else, cheaply.

A full ``PRAGMA quick_check`` reads every page: seconds to minutes on a district cache, too
slow for every unlock. On open the store checks only what costs nothing: a damage marker left
by an earlier run, a file truncated to zero bytes, and (by opening it) the first page, the
schema and the small tables it reads anyway. Damage deeper in the file surfaces later, when a query reads
the page; SQLite then reports SQLITE_CORRUPT ("database disk image is malformed") or
SQLITE_NOTADB, and the store turns that into ``CacheCorrupt`` and leaves the marker, so the
next sign-in moves the file aside instead of failing the same way again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from casework.cache.errors import CacheCorrupt

SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
_MESSAGES = ("database disk image is malformed", "file is not a database", "malformed database schema")


def marker_path(path: Path) -> Path:
    """Beside the cache: says it was found damaged, and why."""
    return path.with_name(path.name + ".damaged")


def is_corruption(exc: BaseException) -> bool:
    """True for SQLite's "this file is damaged" errors, raw or wrapped by SQLAlchemy."""
    for error in (exc, getattr(exc, "orig", None)):
        if error is None:
            continue
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB):
            return True
        if any(text in str(error) for text in _MESSAGES):
            return True
    return False


def mark_damaged(path: Path, detail: str) -> None:
    """Leave the marker (best effort: a full disk must not hide the original error)."""
    with contextlib.suppress(OSError):
        marker_path(path).write_text(f"{dt.datetime.now(dt.UTC).isoformat()} {detail}\n", encoding="utf-8")


def check_file(path: Path) -> None:
    """``CacheCorrupt`` when the file is known or seen to be damaged without reading it."""
    marker = marker_path(path)
    if marker.exists():
        detail = marker.read_text(encoding="utf-8", errors="replace").strip().split(" ", 1)[-1]
        raise CacheCorrupt(path, detail[:200] or "marked damaged")
    if path.exists() and path.stat().st_size == 0:  # an open or a crash leaves a header at least
        raise CacheCorrupt(path, "文件被截断为 0 字节 truncated to 0 bytes")
