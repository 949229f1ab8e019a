"""The client's encrypted local store: open, migrate, ingest pages from the hub, account for
what it holds.

``apply_page`` writes one page of the change feed and the new cursor in ONE transaction
(``BEGIN IMMEDIATE`` … ``COMMIT``): bulk upserts (one prepared ``executemany``), removals,
search-index maintenance, per-kind holdings and the cursor. A crash or a kill at any moment
leaves the cache at the previous page's cursor or at this one, never between.

An initial sync into an empty cache does not maintain the search index, nor the record
table's household and link indexes, page by page: the first page finds the cache empty and
defers them (``search_index.defer``, ``schema.DEFERRABLE_INDEXES``); they are built
once by ``ensure_indexes`` (the sync calls it at the end; every query calls it first, so an
interrupted sync still searches correctly once it is built). Deferral is recorded in ``meta``
in the same transaction as the pages, so it survives crashes too.

Holdings (count and ``casework.domain.checksum`` per kind) are kept current in ``holding`` as
pages arrive, so comparing with the hub's summary costs nothing at district scale.

The store is used from worker threads (never the UI thread); SQLAlchemy's pool gives each
thread its own connection and WAL lets readers run beside the one writer.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import ExceptionContext

from casework.cache import caseload, migrations, search_index
from casework.cache.connection import (
    INITIAL_SYNC_WAL_AUTOCHECKPOINT_PAGES,
    WAL_AUTOCHECKPOINT_PAGES,
    connect,
    make_engine,
)
from casework.cache.corruption import check_file, is_corruption, mark_damaged
from casework.cache.errors import CacheCorrupt, CacheTooNew, WrongKey
from casework.cache.ingest import last_change_per_record
from casework.cache.page_writer import AppliedPage, held_records, write_page
from casework.domain.checksum import format_checksum, record_hash
from casework.domain.records import Kind

__all__ = ["AppliedPage", "CacheCorrupt", "CacheStore", "CacheTooNew", "WrongKey"]

_SEARCHABLE_KINDS = (Kind.PERSON, Kind.HOUSEHOLD)


class CacheStore:
    """One encrypted cache file. Open with ``CacheStore.open(path, key)``."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self._engine = engine
        self._index_ready = True
        event.listen(engine, "handle_error", self._damaged)

    def _damaged(self, context: ExceptionContext) -> None:
        """Damage found by any query is reported as what it is, and remembered for next time."""
        if is_corruption(context.original_exception):
            detail = str(context.original_exception)[:200]
            mark_damaged(self.path, detail)
            raise CacheCorrupt(self.path, detail) from context.original_exception

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], key: bytes) -> CacheStore:
        """Open (creating or migrating) the cache at ``path`` with its raw 32-byte key.

        ``WrongKey`` when the key does not decrypt it; ``CacheTooNew`` when a newer app
        wrote it (nothing is written to it then). An existing cache is copied aside before a
        migration.
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        check_file(path)
        try:
            return cls._open(path, key)
        except sqlcipher3.DatabaseError as exc:
            if not is_corruption(exc):
                raise
            mark_damaged(path, str(exc)[:200])
            raise CacheCorrupt(path, str(exc)[:200]) from exc

    @classmethod
    def _open(cls, path: Path, key: bytes) -> CacheStore:
        raw = connect(path, key)
        try:
            version = int(raw.execute("PRAGMA user_version").fetchone()[0])
            if version > migrations.SCHEMA_VERSION:
                raise CacheTooNew(version, migrations.SCHEMA_VERSION)
            if 0 < version < migrations.SCHEMA_VERSION:
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                raw.close()
                migrations.backup(path, version)
                raw = connect(path, key)
            raw.execute("PRAGMA journal_mode = WAL")
        finally:
            raw.close()
        store = cls(path, make_engine(path, key))
        try:
            with store._write() as conn:
                current = migrations.user_version(conn)
                if current < migrations.SCHEMA_VERSION:
                    migrations.apply(conn, current)
                search_index.respell_if_stale(conn)  # pinyin spellings of an older version
                store._index_ready = search_index.state(conn) == search_index.READY
                conn.exec_driver_sql("SELECT count(*) FROM outbox").scalar()  # unsent edits readable
        except BaseException:
            store.close()
            raise
        return store

    def checkpoint(self) -> None:
        """Copy the WAL into the cache file now and empty it (after a sync, on a worker thread;
        otherwise it happens every ~64 MB of changes and on close)."""
        with self._engine.connect() as conn:
            conn.connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def close(self) -> None:
        """Close every connection (the last one checkpoints the WAL into the file)."""
        self._engine.dispose()

    def __enter__(self) -> CacheStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transactions --------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction, taking the write lock at its start."""
        with self._engine.connect() as conn:
            conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction (one consistent snapshot) for the query modules."""
        self.ensure_indexes()
        with self._engine.connect() as conn, conn.begin():
            yield conn

    # --- meta ----------------------------------------------------------------------------

    def meta(self, key: str, default: str | None = None) -> str | None:
        with self._engine.connect() as conn:
            value = conn.exec_driver_sql("SELECT value FROM meta WHERE key = ?", (key,)).scalar()
        return default if value is None else value

    def set_meta(self, key: str, value: str) -> None:
        with self._write() as conn:
            _set_meta(conn, key, value)

    @property
    def cursor(self) -> int:
        """The feed position of the last page committed here (0: nothing pulled yet)."""
        return int(self.meta("cursor", "0") or 0)

    @property
    def scope_epoch(self) -> int:
        return int(self.meta("scope_epoch", "0") or 0)

    # --- ingest --------------------------------------------------------------------------

    def apply_page(self, changes: list[dict[str, Any]], cursor: int, scope_epoch: int) -> AppliedPage:
        """Write one page of changes and the new cursor and epoch, in one transaction."""
        latest = last_change_per_record(changes)
        with self._write() as conn:
            held = held_records(conn, list(latest))
            if self._index_ready and not held and _holds_nothing(conn) and latest:
                search_index.defer(conn)  # initial sync: build the index once, at the end
                self._index_ready = False
            result = write_page(conn, latest, held, maintain_index=self._index_ready)
            caseload.note_page(conn, latest, {record_id: h.household_id for record_id, h in held.items()})
            # taken at this commit; a connection of the pool may have written the initial sync
            pages = WAL_AUTOCHECKPOINT_PAGES if self._index_ready else INITIAL_SYNC_WAL_AUTOCHECKPOINT_PAGES
            conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {pages}")
            _set_meta(conn, "cursor", str(int(cursor)))
            _set_meta(conn, "scope_epoch", str(int(scope_epoch)))
        return result

    def ensure_indexes(self, progress: Callable[[str], None] | None = None) -> bool:
        """Build the search index if an initial sync deferred it; True if it built it."""
        if self._index_ready:
            return False
        with self._write() as conn:
            if search_index.state(conn) != search_index.READY:
                search_index.build(conn, progress)
            conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
        self._index_ready = True
        self.checkpoint()  # the initial sync's WAL (up to ~1 GB) and the build's, copied back now
        return True

    @property
    def index_ready(self) -> bool:
        return self._index_ready

    # --- dropping ------------------------------------------------------------------------

    def reset(self) -> None:
        """Drop every record and start over from cursor 0. The outbox (unsent local work) is
        kept: it is never dropped silently."""
        with self._write() as conn:
            for table in ("record", "searchable", "name_bigram", "name_initials", "holding"):
                conn.exec_driver_sql(f"DELETE FROM {table}")
            conn.exec_driver_sql("INSERT INTO address_fts (address_fts) VALUES ('delete-all')")
            _set_meta(conn, "cursor", "0")
            caseload.invalidate(conn)

    def drop_kind(self, kind: str) -> None:
        """Drop every record of one kind (to refetch it after a holdings mismatch)."""
        with self._write() as conn:
            if kind in _SEARCHABLE_KINDS:
                rows = conn.exec_driver_sql(
                    "SELECT s.rid, s.name, s.initials, s.address FROM searchable AS s "
                    "JOIN record AS r ON r.rid = s.rid WHERE r.kind = ?", (kind,)).all()
                if self._index_ready:
                    search_index.remove_tokens(conn, rows)
                conn.exec_driver_sql("DELETE FROM searchable WHERE rid = ?", [(r[0],) for r in rows])
            conn.exec_driver_sql("DELETE FROM record WHERE kind = ?", (kind,))
            conn.exec_driver_sql("DELETE FROM holding WHERE kind = ?", (kind,))
            caseload.invalidate(conn)

    # --- accounting ----------------------------------------------------------------------

    def holdings(self) -> dict[str, tuple[int, str]]:
        """Per kind: (count, checksum over (id, version)); every known kind is listed."""
        found = {kind.value: (0, format_checksum(0)) for kind in Kind}
        with self._engine.connect() as conn:
            for kind, count, checksum in conn.exec_driver_sql("SELECT kind, count, checksum FROM holding"):
                found[kind] = (int(count), checksum)
        return found

    def recount_holdings(self) -> dict[str, tuple[int, str]]:
        """Holdings computed from the records themselves (slow: a full scan) — to verify the
        running figures, or to repair them."""
        totals: dict[str, list[int]] = {kind.value: [0, 0] for kind in Kind}
        with self._engine.connect() as conn:
            for kind, record_id, version in conn.exec_driver_sql("SELECT kind, id, version FROM record"):
                entry = totals.setdefault(kind, [0, 0])
                entry[0] += 1
                entry[1] += record_hash(record_id, version)
        return {kind: (count, format_checksum(total)) for kind, (count, total) in totals.items()}

    def pending_changes(self) -> int:
        """Local edits waiting in the outbox to be pushed to the hub (``outbox.pending_count``)."""
        from casework.cache.outbox import pending_count

        return pending_count(self)


# --- helpers ----------------------------------------------------------------------------------

def _set_meta(conn: Connection, key: str, value: str) -> None:
    conn.exec_driver_sql(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value))


def _holds_nothing(conn: Connection) -> bool:
    return conn.exec_driver_sql("SELECT coalesce(sum(count), 0) FROM holding").scalar_one() == 0
