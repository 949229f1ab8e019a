"""Moving a damaged cache aside so the next sync rebuilds it, without losing unsent work.

Pulled records can always be fetched again from the hub; the outbox's unsent edits exist only
here. Before the file is moved, its outbox rows that are still readable are read raw, one by
one where the table itself is damaged, and written as JSON beside the cache, so nothing the
user typed is dropped silently. The damaged file (with its -wal and -shm) is kept under a new
name, still encrypted, for support to look at; it is not read again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3

from casework.cache.connection import connect
from casework.cache.corruption import marker_path
from casework.cache.errors import CacheError

log = logging.getLogger(__name__)

SIDE_FILES = ("-wal", "-shm", "-journal")
SETTLED = "applied"  # outbox rows the hub has applied: nothing of them is lost with the file


@dataclass
class Recovered:
    """What ``move_aside`` did: the files it moved, and the unsent edits it saved."""

    moved: list[Path] = field(default_factory=list)
    outbox_file: Path | None = None  # None when there was no unsent edit, or none readable
    outbox_rows: int = 0
    outbox_unreadable: bool = False  # the outbox could not be read at all

    @property
    def notice(self) -> str:
        """What to tell the user, in Chinese and English."""
        aside = self.moved[0] if self.moved else None
        text = (f"本地缓存文件已损坏，已移到一旁（{aside}），下次同步将从中心重新下载。"
                f" The local cache was damaged; it was moved aside ({aside}) and the next sync "
                f"downloads it again from the hub.")
        if self.outbox_file is not None:
            text += (f"\n尚未上传的 {self.outbox_rows} 项修改已保存到 {self.outbox_file}。"
                     f" {self.outbox_rows} unsent edit(s) were saved to {self.outbox_file}.")
        elif self.outbox_unreadable:
            text += ("\n未能读取尚未上传的修改；如有未同步的工作，请联系系统管理员。"
                     " Unsent edits could not be read; if work was not yet synced, contact support.")
        return text


def move_aside(path: Path, key: bytes) -> Recovered:
    """Save the readable unsent edits of the damaged cache at ``path`` beside it, then move the
    cache and its side files to ``<name>.damaged-<time>``. The marker goes with them."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    recovered = Recovered()
    rows, readable = read_outbox(path, key)
    recovered.outbox_unreadable = not readable
    unsent = [row for row in rows if row.get("state") != SETTLED]
    if unsent:
        target = path.with_name(f"{path.stem}.outbox-{stamp}.json")
        target.write_text(json.dumps({"exported_at": stamp, "from": path.name, "ops": unsent},
                                     ensure_ascii=False, indent=1), encoding="utf-8")
        recovered.outbox_file, recovered.outbox_rows = target, len(unsent)
    for source in [path, *(path.with_name(path.name + s) for s in SIDE_FILES)]:
        if source.exists():
            destination = source.with_name(source.name.replace(path.name, f"{path.name}.damaged-{stamp}", 1))
            source.replace(destination)
            recovered.moved.append(destination)
    with contextlib.suppress(FileNotFoundError):
        marker_path(path).unlink()
    log.warning("moved the damaged cache %s aside (%s); %d unsent edit(s) saved to %s",
                path, ", ".join(p.name for p in recovered.moved), recovered.outbox_rows,
                recovered.outbox_file)
    return recovered


def read_outbox(path: Path, key: bytes) -> tuple[list[dict[str, Any]], bool]:
    """Every outbox row still readable, oldest first, as plain values; and whether the table
    could be read at all. Reads row by row past damaged pages."""
    try:
        conn = connect(path, key)
    except (CacheError, sqlcipher3.Error, OSError):
        return [], False
    try:
        conn.row_factory = sqlcipher3.Row
        try:
            return [dict(row) for row in conn.execute("SELECT * FROM outbox ORDER BY seq")], True
        except sqlcipher3.Error:
            pass
        try:  # the table is damaged somewhere: read what can be read, one row at a time
            last = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").fetchone()
        except sqlcipher3.Error:
            return [], False
        rows = []
        for seq in range(1, (last[0] if last else 0) + 1):
            with contextlib.suppress(sqlcipher3.Error):
                row = conn.execute("SELECT * FROM outbox WHERE seq = ?", (seq,)).fetchone()
                if row is not None:
                    rows.append(dict(row))
        return rows, True
    finally:
        conn.close()
