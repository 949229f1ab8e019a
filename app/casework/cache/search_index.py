"""The search index: what is indexed for each person and household, kept current on ingest,
or built in one go after an initial sync.

Per person: every two adjacent characters of the name (``name_bigram``; FTS5's trigram
tokenizer cannot match a two-character name, a bigram table answers one in well under a
millisecond), the last character followed by END_MARK (so any single character is a prefix
range), the name's pinyin spellings (``name_initials``: initials, full pinyin, full surname
and initials, for the common reading and a surname's own — see ``casework.cache.pinyin``),
and the identity and phone numbers reversed (``searchable.id_rev``/``phone_rev``: a tail is an
index prefix). Per household: the address
text in an FTS5 trigram index (fragments of three characters or more).

The Python token functions here and the SQL in ``build`` must agree exactly; the tests check
that a cache indexed page by page and one built at the end answer the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import orjson
from sqlalchemy import Connection
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex, DropIndex

from casework.cache.pinyin import char_reading, name_tokens
from casework.cache.schema import DEFERRABLE_INDEXES, END_MARK

MAX_NAME_CHARS = 64

READY = "ready"
DEFERRED = "deferred"
SPELLINGS = "2"  # what ``name_initials`` holds (``casework.cache.pinyin``); bump when that changes


def load_readings() -> None:
    """Load pypinyin's dictionaries now. Importing them holds the GIL for ~60 ms in one piece
    (a huge constant being built), which stalls every other thread, so the desktop app does it
    at start-up (``casework.ui.preload``) rather than in the middle of its first sync."""
    char_reading("张")  # a Chinese character: its reading comes from pypinyin


def name_bigrams(name: str) -> set[str]:
    """Tokens of ``name_bigram``: adjacent pairs plus the last character + END_MARK."""
    if not name:
        return set()
    tokens = {name[i:i + 2] for i in range(len(name) - 1)}
    tokens.add(name[-1] + END_MARK)
    return tokens


def reversed_or_none(text: str | None) -> str | None:
    return text[::-1].upper() if text else None


SEARCHABLE_COLUMNS = ("rid", "kind", "record_id", "household_id", "name", "sex", "birth_date", "relation",
                      "id_number", "phone", "id_rev", "phone_rev", "initials", "address")
_NAME, _INITIALS, _ADDRESS = (SEARCHABLE_COLUMNS.index(c) for c in ("name", "initials", "address"))


def person_row(rid: int, record_id: str, data: dict) -> tuple:
    """The ``searchable`` row of a person, in SEARCHABLE_COLUMNS order."""
    name = data.get("name") or None
    if name:
        name = name[:MAX_NAME_CHARS]
    initials = orjson.dumps(name_tokens(name)).decode() if name else None
    id_number, phone = data.get("id_number") or None, data.get("phone") or None
    return (rid, "person", record_id, data.get("household_id"), name, data.get("sex"), data.get("birth_date"),
            data.get("relation"), id_number, phone, reversed_or_none(id_number), reversed_or_none(phone),
            initials, None)


def household_row(rid: int, record_id: str, data: dict) -> tuple:
    address = (data.get("address") or {}).get("text") or None
    return (rid, "household", record_id, record_id, None, None, None, None, None, None, None, None, None,
            address)


def indexed_part(row: tuple) -> tuple:
    """What the tokens of a ``searchable`` row depend on: (rid, name, initials, address)."""
    return (row[0], row[_NAME], row[_INITIALS], row[_ADDRESS])


# --- maintenance on ingest -----------------------------------------------------------------

INSERT_SEARCHABLE = (
    f"INSERT OR REPLACE INTO searchable ({', '.join(SEARCHABLE_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(SEARCHABLE_COLUMNS))})"
)


def _tokens(rows: Iterable[tuple[int, str | None, str | None, str | None]],
            ) -> tuple[list[tuple[str, int]], list[tuple[str, int]], list[tuple[int, str]]]:
    """The index entries of (rid, name, initials JSON, address) rows: name bigrams, initials
    readings and addresses, each with its rid."""
    bigrams, initials, addresses = [], [], []
    for rid, name, initials_json, address in rows:
        if name:
            bigrams.extend((t, rid) for t in name_bigrams(name))
        if initials_json:
            initials.extend((t, rid) for t in orjson.loads(initials_json))
        if address:
            addresses.append((rid, address))
    return bigrams, initials, addresses


def remove_tokens(conn: Connection,
                  old_rows: Iterable[tuple[int, str | None, str | None, str | None]]) -> None:
    """Take out exactly what ``add_tokens`` put in for rows (rid, name, initials JSON, address)."""
    bigrams, initials, addresses = _tokens(old_rows)
    if bigrams:
        conn.exec_driver_sql("DELETE FROM name_bigram WHERE token = ? AND rid = ?", bigrams)
    if initials:
        conn.exec_driver_sql("DELETE FROM name_initials WHERE token = ? AND rid = ?", initials)
    if addresses:
        conn.exec_driver_sql("DELETE FROM address_fts WHERE rowid = ?", [(rid,) for rid, _ in addresses])


def add_tokens(conn: Connection, rows: Iterable[tuple]) -> None:
    """Index ``searchable`` rows (as ``person_row``/``household_row`` make them)."""
    bigrams, initials, addresses = _tokens(map(indexed_part, rows))
    if bigrams:
        conn.exec_driver_sql("INSERT OR IGNORE INTO name_bigram (token, rid) VALUES (?, ?)", bigrams)
    if initials:
        conn.exec_driver_sql("INSERT OR IGNORE INTO name_initials (token, rid) VALUES (?, ?)", initials)
    if addresses:
        conn.exec_driver_sql("INSERT INTO address_fts (rowid, address) VALUES (?, ?)", addresses)


# --- deferring and building ----------------------------------------------------------------

_DIALECT = sqlite.dialect()


def state(conn: Connection) -> str:
    return conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'search_index'").scalar_one()


def _set_state(conn: Connection, value: str) -> None:
    conn.exec_driver_sql("UPDATE meta SET value = ? WHERE key = 'search_index'", (value,))


def _clear_tables(conn: Connection) -> None:
    conn.exec_driver_sql("DELETE FROM name_bigram")
    conn.exec_driver_sql("DELETE FROM name_initials")
    conn.exec_driver_sql("INSERT INTO address_fts (address_fts) VALUES ('delete-all')")


def defer(conn: Connection) -> None:
    """Stop maintaining the search index (in the caller's transaction): drop its B-tree indexes
    and the record table's household and link indexes (``DEFERRABLE_INDEXES``), and empty its
    tables. Every query calls ``build`` first (``CacheStore.read``)."""
    for index in DEFERRABLE_INDEXES:
        conn.exec_driver_sql(str(DropIndex(index, if_exists=True).compile(dialect=_DIALECT)))
    _clear_tables(conn)
    _set_state(conn, DEFERRED)


# Bigrams in SQL, exactly as ``name_bigrams``: positions 1..length-1 give substr(name, n, 2),
# position length gives the last character + END_MARK. SQLite counts characters (code
# points) in length/substr, as Python does, non-BMP characters included.
_BUILD_BIGRAMS = f"""
INSERT OR IGNORE INTO name_bigram (token, rid)
WITH RECURSIVE pos(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM pos WHERE n < {MAX_NAME_CHARS})
SELECT CASE WHEN pos.n < length(s.name) THEN substr(s.name, pos.n, 2)
            ELSE substr(s.name, pos.n, 1) || char({ord(END_MARK)}) END, s.rid
FROM searchable AS s JOIN pos ON pos.n <= length(s.name)
WHERE s.name IS NOT NULL
ORDER BY 1, 2
"""

_BUILD_INITIALS = """
INSERT OR IGNORE INTO name_initials (token, rid)
SELECT j.value, s.rid FROM searchable AS s, json_each(s.initials) AS j
WHERE s.initials IS NOT NULL
ORDER BY 1, 2
"""

_BUILD_ADDRESSES = """
INSERT INTO address_fts (rowid, address)
SELECT rid, address FROM searchable WHERE address IS NOT NULL
"""


def respell_if_stale(conn: Connection) -> int:
    """When a cache opens: redo the pinyin spellings of a cache indexed by an older version (it
    would not find full pinyin), in the caller's transaction; the number of names respelled.
    A street cache takes about a second, once."""
    current = conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'pinyin_spellings'").scalar()
    if current == SPELLINGS:
        return 0
    names = conn.exec_driver_sql(
        "SELECT rid, name FROM searchable WHERE kind = 'person' AND name IS NOT NULL").all()
    if names:
        conn.exec_driver_sql("UPDATE searchable SET initials = ? WHERE rid = ?",
                             [(orjson.dumps(name_tokens(name)).decode(), rid) for rid, name in names])
    if names and state(conn) == READY:
        conn.exec_driver_sql("DELETE FROM name_initials")
        conn.exec_driver_sql(_BUILD_INITIALS)
    conn.exec_driver_sql("INSERT OR REPLACE INTO meta (key, value) VALUES ('pinyin_spellings', ?)",
                         (SPELLINGS,))
    return len(names)


def build(conn: Connection, progress: Callable[[str], None] | None = None) -> None:
    """Build every deferred index (each a sorted build) and the search tables from
    ``searchable``, in the caller's transaction: a kill leaves them all deferred."""
    report = progress or (lambda step: None)
    for index in DEFERRABLE_INDEXES:
        report(f"index {index.name}")
        conn.exec_driver_sql(str(CreateIndex(index, if_not_exists=True).compile(dialect=_DIALECT)))
    _clear_tables(conn)
    report("name bigrams")
    conn.exec_driver_sql(_BUILD_BIGRAMS)
    report("pinyin initials")
    conn.exec_driver_sql(_BUILD_INITIALS)
    report("addresses")
    conn.exec_driver_sql(_BUILD_ADDRESSES)
    _set_state(conn, READY)
