"""Auditing feed pages in batches, off the request path.

Every page a user pulls is audited (user, device, cursor, limit). Written by the request
itself, each page took the database's write lock in a transaction of its own: on SQLite, one
long write (a summary check) held every sync for the 30 s busy timeout and then failed them
with 503 (issue 9). Here a request only appends its row to a buffer; one thread per hub
process writes what has gathered in a single transaction about every second (or sooner when
many are waiting), and waits for the lock itself when another write holds it. The rows keep
their own times. ``close`` (on stop, and at interpreter exit) writes what is left.
"""

from __future__ import annotations

import atexit
import logging
import threading
from typing import Any

from sqlalchemy import Engine, insert

from casework.hub.schema import AuditEvent, utcnow

log = logging.getLogger(__name__)

FLUSH_SECONDS = 1.0
FLUSH_ROWS = 500  # write at once when this many wait
MAX_PENDING = 200_000  # rows kept while the database refuses them; beyond, the oldest are dropped (logged)


class PullAudit:
    """The ``sync_pull`` audit rows of one hub process, written in batches."""

    def __init__(self, engine: Engine, interval: float = FLUSH_SECONDS) -> None:
        self._engine = engine
        self._interval = interval
        self._pending: list[dict[str, Any]] = []
        self._lock = threading.Lock()  # guards _pending
        self._write_lock = threading.Lock()  # one batch at a time, in order
        self._wake = threading.Event()
        self._closed = threading.Event()
        self._dropped = 0
        self._thread = threading.Thread(target=self._run, name="pull-audit", daemon=True)
        self._thread.start()
        atexit.register(self.close)

    def record(self, username: str, device_id: str | None, after: int, limit: int) -> None:
        """Note one page pulled; written within about ``interval`` seconds."""
        row = {"at": utcnow(), "username": username[:64], "device_id": device_id, "action": "sync_pull",
               "subject": f"after={after}", "detail": f"limit={limit}"}
        with self._lock:
            self._pending.append(row)
            if len(self._pending) > MAX_PENDING:
                del self._pending[0]
                self._dropped += 1
            many = len(self._pending) >= FLUSH_ROWS
        if many:
            self._wake.set()

    def flush(self) -> int:
        """Write every row gathered so far in one transaction; how many were written. Rows the
        database refused stay for the next try."""
        with self._write_lock:
            with self._lock:
                batch, self._pending = self._pending, []
            if not batch:
                return 0
            try:
                with self._engine.begin() as conn:
                    conn.execute(insert(AuditEvent), batch)
            except Exception:
                log.exception("could not write %d pull audit rows; kept for the next try", len(batch))
                with self._lock:
                    self._pending[:0] = batch
                return 0
        if self._dropped:
            log.error("%d pull audit rows were dropped: the database refused them too long", self._dropped)
        return len(batch)

    def close(self) -> None:
        """Stop the writer thread and write what is left."""
        if self._closed.is_set():
            return
        self._closed.set()
        self._wake.set()
        self._thread.join(timeout=60)
        self.flush()
        atexit.unregister(self.close)

    def _run(self) -> None:
        while not self._closed.is_set():
            self._wake.wait(self._interval)
            self._wake.clear()
            self.flush()
