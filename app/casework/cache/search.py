"""Finding people in the cache by what a worker types.

What the text looks like decides where to look:
- digits (an identity number may end in X): identity number and phone number, in full
  (match "exact") or their last 4 or more characters (matches "id_number", "phone");
- Latin letters: pinyin — initials (``zs`` finds 张三), full (``zhangsan``, ``zhang``) or
  mixed (``zhangs``, ``wfang``), in the common reading and a surname's own (``sr`` and ``dr``
  both find 单仁; see ``casework.cache.pinyin``); a spelling equal to the text first, then
  longer ones;
- anything else (Chinese): the name — whole name first ("exact"), then names starting with
  the text, then names containing it (two-character names and single characters included) —
  and then household addresses containing it (three characters or more: the address index is
  an FTS5 trigram index).

Ranks: 0 exact, 1 a strong partial match (name starts with the text, the number's tail,
initials equal to the text), 2 a weaker one (name contains it, initials start with it),
3 address. Hits keep that order; within a rank, the order the index gives (stable).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

import orjson
from sqlalchemy import Connection

from casework.cache.pinyin import matches, splits
from casework.cache.schema import END_MARK
from casework.cache.search_index import name_bigrams
from casework.cache.store import CacheStore
from casework.cache.views import PersonHit

MIN_TAIL = 4  # the shortest number tail searched ("last 4 digits")
MIN_ADDRESS_CHARS = 3  # FTS5 trigram matches three characters or more
MAX_QUERY_CHARS = 64
MAX_MIXED_CANDIDATES = 20_000  # names checked per reading of a mixed pinyin text

_NUMBER = re.compile(r"^[0-9]+[Xx]?$")
_LATIN = re.compile(r"^[A-Za-z]+$")
_SPACES = re.compile(r"[\s\-·]+")


def normalize(text: str) -> str:
    """Full-width to half-width (NFKC), no spaces or dashes, at most MAX_QUERY_CHARS."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text or ""))[:MAX_QUERY_CHARS]


def after(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


class _Collector:
    """Hits in rank order, each person once (at their best rank), up to ``limit``."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.found: dict[int, tuple[str, int]] = {}  # rid → (match, rank)

    @property
    def full(self) -> bool:
        return len(self.found) >= self.limit

    def add(self, rids: Iterable[int], match: str, rank: int) -> None:
        """Take rids until full; a lazy iterator over a cursor is only read that far."""
        for rid in rids:
            if self.full:
                return
            self.found.setdefault(rid, (match, rank))


def _rids(conn: Connection, sql: str, params: tuple) -> Iterator[int]:
    """The first column of a query, read lazily (SQLite steps only as far as it is read)."""
    return (row[0] for row in conn.exec_driver_sql(sql, params))


def _numbers(conn: Connection, text: str, hits: _Collector) -> None:
    reversed_text = text[::-1].upper()
    for column in ("id_rev", "phone_rev"):
        hits.add(_rids(conn, f"SELECT rid FROM searchable WHERE {column} = ?", (reversed_text,)), "exact", 0)
    if len(text) < MIN_TAIL:
        return
    for match, column in (("id_number", "id_rev"), ("phone", "phone_rev")):
        sql = f"SELECT rid FROM searchable WHERE {column} > ? AND {column} < ?"
        hits.add(_rids(conn, sql, (reversed_text, after(reversed_text))), match, 1)


def _pinyin(conn: Connection, text: str, hits: _Collector) -> None:
    text = text.lower()
    hits.add(_rids(conn, "SELECT rid FROM name_initials WHERE token = ?", (text,)), "pinyin", 1)
    hits.add(_rids(conn, "SELECT rid FROM name_initials WHERE token > ? AND token < ?", (text, after(text))),
             "pinyin", 2)
    if hits.found:
        return  # a spelling the index holds: no need to read the text any other way
    for parts in splits(text):  # mixes the index does not hold (wfang, zxiaom)
        if _mixed(conn, parts, hits):
            return  # the likeliest reading found names: the odder ones after it would not


def _mixed(conn: Connection, parts: tuple[str, ...], hits: _Collector) -> bool:
    """Names whose initials start with the parts' initials, checked against their readings, read
    lazily until the hits are full (whole matches first: partial ones wait for the end); at
    most MAX_MIXED_CANDIDATES, so a rare mix never scans a whole district."""
    initials = "".join(part[0] for part in parts)
    # A cheap sieve in SQLite first: the name's spellings (a JSON list) must hold a full pinyin
    # that fits the parts (w + fang: "w*fang*"); the readings check below is the exact one.
    sieve = '*"' + "".join(part + "*" if len(part) == 1 else part for part in parts) + "*"
    candidates = conn.exec_driver_sql(
        "SELECT i.rid, s.name FROM name_initials AS i JOIN searchable AS s ON s.rid = i.rid "
        "WHERE i.token >= ? AND i.token < ? AND s.initials GLOB ? LIMIT ?",
        (initials, after(initials), sieve, MAX_MIXED_CANDIDATES))
    partial: list[int] = []
    whole = 0
    for rid, name in candidates:
        if hits.full:
            break
        rank = matches(parts, name) if name else None
        if rank == 1:
            hits.add((rid,), "pinyin", 1)
            whole += 1
        elif rank == 2:
            partial.append(rid)
    hits.add(partial, "pinyin", 2)
    return bool(whole or partial)


def _names(conn: Connection, text: str, hits: _Collector) -> None:
    hits.add(_rids(conn, "SELECT rid FROM searchable WHERE name = ?", (text,)), "exact", 0)
    hits.add(_rids(conn, "SELECT rid FROM searchable WHERE name > ? AND name < ?", (text, after(text))),
             "name", 1)
    if hits.full:
        return
    if len(text) == 1:
        # Every character of a name begins one of its tokens (the last one with END_MARK).
        hits.add(_rids(conn, "SELECT rid FROM name_bigram WHERE token >= ? AND token < ?",
                       (text, after(text))), "name", 2)
        return
    if len(text) == 2:  # one token: read only as far as needed
        hits.add(_rids(conn, "SELECT rid FROM name_bigram WHERE token = ?", (text,)), "name", 2)
        return
    tokens = sorted(name_bigrams(text) - {text[-1] + END_MARK})[:8]
    sql = " INTERSECT ".join(["SELECT rid FROM name_bigram WHERE token = ?"] * len(tokens))
    candidates = list(_rids(conn, sql, tuple(tokens)))
    if candidates:  # the bigrams may sit apart in a name: check for the whole text
        candidates = [rid for rid, name in _names_of(conn, candidates) if name and text in name]
    hits.add(candidates, "name", 2)


def _names_of(conn: Connection, rids: list[int]) -> list[tuple[int, str | None]]:
    return conn.exec_driver_sql(
        "SELECT s.rid, s.name FROM json_each(?) AS j JOIN searchable AS s ON s.rid = j.value ORDER BY j.key",
        (orjson.dumps(rids).decode(),)).all()


def _fts_query(text: str) -> str:
    """An FTS5 query: every trigram of the text, ANDed (phrases need positions, which a
    detail=none index does not keep); hits are then checked for the whole text."""
    trigrams = list(dict.fromkeys(text[i:i + 3] for i in range(len(text) - 2)))
    step = max(1, len(trigrams) // 6)
    chosen = [*trigrams[::step][:6], trigrams[-1]]
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in dict.fromkeys(chosen))


def _addresses(conn: Connection, text: str, hits: _Collector) -> None:
    if len(text) < MIN_ADDRESS_CHARS:
        return
    households: Iterator = iter(conn.exec_driver_sql(
        "SELECT s.address, s.record_id FROM address_fts AS f JOIN searchable AS s ON s.rid = f.rowid "
        "WHERE address_fts MATCH ?", (_fts_query(text),)))
    for address, household_id in households:
        if hits.full:
            break
        if address and text in address:
            members = _rids(conn, "SELECT rid FROM searchable WHERE household_id = ? AND kind = 'person'",
                            (household_id,))
            hits.add(members, "address", 3)


def _hits(conn: Connection, found: dict[int, tuple[str, int]]) -> list[PersonHit]:
    """The hits, from ``searchable`` alone (one row each) plus one lookup of their households'
    addresses."""
    rows = conn.exec_driver_sql(
        "SELECT s.rid, s.record_id, s.household_id, s.name, s.sex, s.birth_date, s.id_number, s.phone, "
        "s.relation FROM json_each(?) AS j JOIN searchable AS s ON s.rid = j.value AND s.kind = 'person'",
        (orjson.dumps(list(found)).decode(),)).all()
    household_ids = sorted({row[2] for row in rows if row[2]})
    addresses = dict(conn.exec_driver_sql(
        "SELECT r.id, s.address FROM json_each(?) AS j JOIN record AS r ON r.id = j.value "
        "JOIN searchable AS s ON s.rid = r.rid AND s.kind = 'household'",
        (orjson.dumps(household_ids).decode(),)).all())
    by_rid = {row[0]: row for row in rows}
    hits = []
    for rid, (match, rank) in found.items():
        row = by_rid.get(rid)
        if row is None:
            continue
        _, person_id, household_id, name, sex, birth_date, id_number, phone, relation = row
        hits.append(PersonHit(
            person_id=person_id, household_id=household_id, name=name, sex=sex, birth_date=birth_date,
            id_number=id_number, phone=phone, address=addresses.get(household_id), relation=relation,
            match=match, rank=rank))
    hits.sort(key=lambda h: h.rank)  # stable: index order within a rank
    return hits


def search_people(store: CacheStore, text: str, limit: int = 100) -> list[PersonHit]:
    """People matching ``text`` (see the module docstring), best first, at most ``limit``."""
    query = normalize(text)
    if not query or limit <= 0:
        return []
    hits = _Collector(limit)
    with store.read() as conn:
        if _NUMBER.match(query):
            _numbers(conn, query, hits)
        elif _LATIN.match(query):
            _pinyin(conn, query, hits)
        else:
            _names(conn, query, hits)
            if not hits.full:
                _addresses(conn, query, hits)
        return _hits(conn, hits.found)
