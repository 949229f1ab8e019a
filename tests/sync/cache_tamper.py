"""Changing a cache behind the store's back, as damage or tampering would: through a
separate keyed SQLCipher connection, bypassing the store's running holdings."""

from __future__ import annotations

from casework.cache.connection import connect
from casework.cache.keys import unlock_key_file


def delete_record_behind_the_stores_back(session, password: str, record_id: str) -> None:
    key = unlock_key_file(session.profile.key_file, password)
    conn = connect(session.store.path, key)
    try:
        deleted = conn.execute("DELETE FROM record WHERE id = ?", (record_id,)).rowcount
        assert deleted == 1
    finally:
        conn.close()
