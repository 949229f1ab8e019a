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


def page_of_table(path, key: bytes, table: str) -> tuple[int, int]:
    """(root page number, page size) of ``table`` in the cache at ``path``: a page every read of
    the table goes through."""
    conn = connect(path, key)
    try:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        return root, int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()


def flip_bytes_in_page(path, page: int, page_size: int, count: int = 8) -> None:
    """Flip ``count`` bytes in the middle of one page of the file, as bad sectors would."""
    data = bytearray(path.read_bytes())
    start = (page - 1) * page_size + page_size // 2
    for offset in range(start, start + count):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def add_outbox_rows_raw(path, key: bytes, count: int) -> list[str]:
    """``count`` pending edits written straight into table ``outbox``; their op_ids."""
    import uuid

    conn = connect(path, key)
    op_ids = [str(uuid.uuid4()) for _ in range(count)]
    try:
        for n, op_id in enumerate(op_ids):
            conn.execute(
                "INSERT INTO outbox (op_id, kind, record_id, action, base_version, payload, created_at,"
                " author, state) VALUES (?, 'case', ?, 'update', 3, ?, '2026-12-02T10:00:00Z',"
                " 'street_worker', 'pending')",
                (op_id, str(uuid.uuid4()), f'{{"note": "走访记录 {n}"}}'))
        conn.execute("INSERT INTO outbox (op_id, kind, record_id, action, payload, created_at, state)"
                     " VALUES (?, 'case', ?, 'create', '{}', '2026-12-01T10:00:00Z', 'applied')",
                     (str(uuid.uuid4()), str(uuid.uuid4())))
    finally:
        conn.close()
    return op_ids
