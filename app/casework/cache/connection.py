"""Opening the encrypted cache file: SQLCipher connections with the raw key, as a SQLAlchemy engine.

The key is given as a raw 32-byte key (``PRAGMA key = "x'…'"``), which opens in ~0.5 ms;
a passphrase would run SQLCipher's PBKDF2 (~100 ms) on every connection, and the password
was already stretched by argon2id in ``casework.cache.keys``.

Nothing leaves the encrypted file in the clear: SQLCipher encrypts the database, its WAL and
its rollback journal, and ``temp_store=MEMORY`` keeps sorts and temporary tables in memory
instead of unencrypted temporary files.

Connections run in autocommit mode at the DBAPI level and SQLAlchemy's ``begin`` event
issues ``BEGIN`` itself, so a write can ask for ``BEGIN IMMEDIATE`` (take the write lock up
front instead of failing to upgrade a read lock halfway through a page).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from casework.cache.errors import WrongKey

BUSY_TIMEOUT_S = 30.0
CACHE_SIZE_KIB = 64 * 1024  # per connection; indexed lookups stay in memory at district scale
# Copy the WAL back into the file every ~64 MB rather than every 4 MB: a page of 1,000
# changes then commits without a checkpoint (and its fsyncs) most of the time, and pages
# dirtied by several commits are written to the file once. Closing the store checkpoints.
WAL_AUTOCHECKPOINT_PAGES = 16384
# During an initial sync (indexes deferred) every page dirties thousands of random leaves of
# the id index; copying the WAL back every ~1 GB instead writes a leaf dirtied by several pages
# once, and fsyncs ~16x less often (measured at 100,000 households: 30 % fewer bytes written).
# The WAL is emptied when the indexes are built (``CacheStore.ensure_indexes``).
INITIAL_SYNC_WAL_AUTOCHECKPOINT_PAGES = 262144


def connect(path: Path, key: bytes) -> sqlcipher3.Connection:
    """One keyed connection, checked: ``WrongKey`` if the key does not open the file."""
    if len(key) != 32:
        raise ValueError("the cache key must be 32 raw bytes")
    conn = sqlcipher3.connect(os.fspath(path), timeout=BUSY_TIMEOUT_S, isolation_level=None,
                              check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is reported, not logged
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            raise WrongKey(
                f"缓存无法解密：密钥错误，或不是缓存文件。The cache cannot be decrypted: wrong key, "
                f"or not a cache file ({path})."
            ) from None
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA cache_size = -{CACHE_SIZE_KIB}")
        conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
        conn.execute("PRAGMA foreign_keys = OFF")
    except BaseException:
        conn.close()
        raise
    return conn


def make_engine(path: Path, key: bytes) -> Engine:
    """A small pool of keyed connections: one writer (sync) and readers (search, views) can
    work at once under WAL."""
    creator: Callable[[], sqlcipher3.Connection] = lambda: connect(path, key)  # noqa: E731
    # LIFO: the connection used last (its page cache warm) is handed out again.
    engine = create_engine("sqlite://", creator=creator, module=sqlcipher3.dbapi2,
                           poolclass=QueuePool, pool_size=3, max_overflow=4, pool_use_lifo=True)

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:  # type: ignore[no-untyped-def]
        mode = conn.get_execution_options().get("sqlite_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine
