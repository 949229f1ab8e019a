"""Loading a generated district into a hub database in bulk.

Row by row through the ORM, a district (millions of records) would take hours; here rows
come in chunks from ``casework.demo.rows`` (the hub's own ``envelope``, streets generated in
parallel processes for a big district) and go in with ``COPY`` on PostgreSQL and
``executemany`` in large transactions on SQLite.

Feed order: the load takes the feed counter's lock first (``casework.hub.feed_writer.
lock_feed``), numbers records from the counter's value + 1 in generation order (version 1),
and leaves the counter at the last number, so a load into a hub that already holds data
continues its feed and no concurrent writer can interleave.

Indexes: into an empty ``record`` table the load drops the table's indexes and builds them
again at the end — sorting once is several times cheaper than maintaining five B-trees
(two of them on random UUIDs) row by row (measure with ``casework bench hub``). On
PostgreSQL this happens inside the load's one transaction, so a failed load leaves the
database as it was; the empty table is also truncated in that transaction so ``COPY … FREEZE``
can write rows already frozen (no hint-bit rewrite of the whole table on first read).

Summary totals: the loader adds each row's (id, version) hash to its (street, department,
kind) group as the rows go by and adds the groups to ``summary_total`` in the transaction
that wrote the rows (each SQLite batch, the one PostgreSQL transaction), so the hub's
``/sync/summary`` is right from the first request without recounting millions of records.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from hashlib import blake2b

from sqlalchemy import Connection, Engine, inspect, text, update
from sqlalchemy.schema import CreateIndex

from casework.demo.rows import COLUMNS, chunks
from casework.hub.db import is_sqlite, make_engine, upgrade
from casework.hub.feed_writer import FEED_COUNTER, lock_feed
from casework.hub.schema import FeedCounter, Record
from casework.hub.summary import Totals

Progress = Callable[[int], None]

PROGRESS_EVERY = 20_000  # records between progress callbacks
SQLITE_BATCH = 100_000  # rows per SQLite transaction
SQLITE_CACHE_KIB = 512 * 1024  # page cache of the loading connection

record_table = Record.__table__
counter_table = FeedCounter.__table__


@dataclass
class LoadStats:
    records: int = 0
    first_seq: int = 0  # 0 when nothing was loaded
    last_seq: int = 0
    seconds: float = 0.0
    index_seconds: float = 0.0  # of ``seconds``: building indexes after the load
    by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        """Records per second, generation included (the loader pulls from the generator)."""
        return self.records / self.seconds if self.seconds else 0.0


def load_district(db_url: str, records: Iterable, progress: Progress | None = None,
                  rebuild_indexes: bool | None = None, workers: int | None = 1) -> LoadStats:
    """Bring the schema up to date, then insert ``records`` (objects with ``kind``, ``id``,
    ``area``, ``data``, e.g. ``GeneratedRecord``) with seq from the feed counter on.

    ``rebuild_indexes``: drop and rebuild the record table's indexes around the load
    (default: only when the table is empty). ``workers``: processes generating the streets of
    a ``generate_district`` plan — the rows are the same either way; None means one per core
    for a big district. Worker processes are spawned, so a script that asks for them must
    call this under ``if __name__ == "__main__":``."""
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        loader = _load_sqlite if is_sqlite(db_url) else _load_postgresql
        return loader(engine, records, progress, rebuild_indexes, workers)
    finally:
        engine.dispose()


class _Counter:
    """Counts records by kind and calls ``progress`` every PROGRESS_EVERY records."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.done = 0
        self.by_kind: dict[str, int] = {}
        self._next_report = PROGRESS_EVERY

    def add(self, kinds: dict[str, int], count: int) -> None:
        self.done += count
        for kind, n in kinds.items():
            self.by_kind[kind] = self.by_kind.get(kind, 0) + n
        if self.done >= self._next_report and self.progress is not None:
            self.progress(self.done)
            self._next_report = (self.done // PROGRESS_EVERY + 1) * PROGRESS_EVERY

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.done)


def _table_is_empty(conn: Connection) -> bool:
    return conn.execute(text("SELECT NOT EXISTS (SELECT 1 FROM record)")).scalar_one() in (True, 1)


def _add_copy_lines(groups: dict[tuple[bytes, bytes, bytes], list], lines: list[bytes]) -> None:
    """Count COPY lines (``id\tkind\tversion\tdistrict\tstreet\tarea\tdepartment\t…``)
    into groups keyed by raw bytes; decoding waits for the few groups at the end."""
    for line in lines:
        record_id, kind, version, district, street, _area, department, _rest = line.split(b"\t", 7)
        key = (street, department, kind)
        group = groups.get(key)
        if group is None:
            group = groups[key] = [district, 0, 0]
        group[1] += 1
        group[2] += int.from_bytes(blake2b(record_id + b":" + version, digest_size=8).digest(), "big")


def _decoded(groups: dict[tuple[bytes, bytes, bytes], list]) -> Totals:
    totals = Totals()
    for (street, department, kind), (district, count, checksum) in groups.items():
        totals.groups[(street.decode(), department.decode(), kind.decode())] = [
            district.decode(), count, checksum % (1 << 64)]
    return totals


def _set_counter(conn: Connection, value: int) -> None:
    conn.execute(update(counter_table).where(counter_table.c.name == FEED_COUNTER).values(value=value))


# --- PostgreSQL ---------------------------------------------------------------------------


def _pg_constraints(conn: Connection) -> list[tuple[str, str]]:
    """(name, definition) of the record table's primary key and unique constraints."""
    rows = conn.execute(text(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = 'record'::regclass AND contype IN ('p', 'u') ORDER BY conname"
    )).all()
    return [(r[0], r[1]) for r in rows]


def _pg_drop_indexes(conn: Connection) -> list[str]:
    """Drop the record table's indexes and key constraints; returns the DDL to rebuild them."""
    rebuild: list[str] = []
    for name, definition in _pg_constraints(conn):
        conn.execute(text(f'ALTER TABLE record DROP CONSTRAINT "{name}"'))
        rebuild.append(f'ALTER TABLE record ADD CONSTRAINT "{name}" {definition}')
    for index in record_table.indexes:
        conn.execute(text(f'DROP INDEX IF EXISTS "{index.name}"'))
        rebuild.append(str(CreateIndex(index).compile(dialect=conn.dialect)))
    return rebuild


def _load_postgresql(engine: Engine, records: Iterable, progress: Progress | None,
                     rebuild_indexes: bool | None, workers: int | None) -> LoadStats:
    started = time.perf_counter()
    counter = _Counter(progress)
    stamp = dt.datetime.now(dt.UTC).isoformat()
    with engine.begin() as conn:
        conn.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))
        conn.execute(text("SET LOCAL synchronous_commit = off"))
        start = lock_feed(conn)
        if rebuild_indexes is None:
            rebuild_indexes = _table_is_empty(conn)
        rebuild = _pg_drop_indexes(conn) if rebuild_indexes else []
        freeze = ""
        if rebuild_indexes and _table_is_empty(conn):
            # Emptied in this transaction, the table may take frozen rows: no hint-bit writes
            # and no vacuum pass over the whole table on first read.
            conn.execute(text("TRUNCATE record"))
            freeze = " WITH (FREEZE)"
        seq = start
        groups: dict[tuple[bytes, bytes, bytes], list] = {}
        cursor = conn.connection.driver_connection.cursor()
        with (cursor.copy(f"COPY record ({', '.join(COLUMNS)}) FROM STDIN{freeze}") as copy,
              closing(chunks(records, "copy", stamp, workers)) as source):
            for kinds, payload in source:
                lines = payload.split(b"\n")
                lines.pop()  # after the last newline
                copy.write(b"".join([b"%d\t%s\n" % (n, line) for n, line in enumerate(lines, seq + 1)]))
                _add_copy_lines(groups, lines)
                seq += len(lines)
                counter.add(kinds, len(lines))
        cursor.close()
        index_started = time.perf_counter()
        for ddl in rebuild:
            conn.execute(text(ddl))
        index_seconds = time.perf_counter() - index_started
        _decoded(groups).apply(conn)
        _set_counter(conn, seq)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM (ANALYZE) record"))  # statistics and the visibility map
    counter.finish()
    return LoadStats(counter.done, start + 1 if counter.done else 0, seq if counter.done else 0,
                     time.perf_counter() - started, index_seconds, counter.by_kind)


# --- SQLite -------------------------------------------------------------------------------


def _load_sqlite(engine: Engine, records: Iterable, progress: Progress | None,
                 rebuild_indexes: bool | None, workers: int | None) -> LoadStats:
    started = time.perf_counter()
    counter = _Counter(progress)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy stores it
    with engine.connect() as conn:
        if rebuild_indexes is None:
            rebuild_indexes = _table_is_empty(conn)
        conn.rollback()
    names = {ix["name"] for ix in inspect(engine).get_indexes("record")}
    dropped = [ix for ix in record_table.indexes if ix.name in names] if rebuild_indexes else []
    first = last = 0
    insert_sql = f"INSERT INTO record ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    try:
        if dropped:
            with engine.begin() as conn:
                for index in dropped:
                    conn.execute(text(f'DROP INDEX IF EXISTS "{index.name}"'))
        with closing(chunks(records, "tuples", stamp, workers)) as source:
            exhausted = False
            while not exhausted:
                with engine.begin() as conn:
                    # the key indexes (id, seq) stay and take random inserts: give them memory
                    conn.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
                    seq = lock_feed(conn)
                    sqlite = conn.connection.driver_connection
                    in_batch = 0
                    totals = Totals()
                    for kinds, rows in source:
                        sqlite.executemany(insert_sql, [(n, *row) for n, row in enumerate(rows, seq + 1)])
                        # row: id, kind, version, district, street, area, department, …
                        totals.add_rows((r[3], r[4], r[6], r[1], r[0], r[2]) for r in rows)
                        first = first or seq + 1
                        seq += len(rows)
                        in_batch += len(rows)
                        counter.add(kinds, len(rows))
                        if in_batch >= SQLITE_BATCH:
                            break
                    else:
                        exhausted = True
                    if in_batch:
                        totals.apply(conn)
                        _set_counter(conn, seq)
                        last = seq
    finally:
        index_started = time.perf_counter()
        if dropped:
            with engine.begin() as conn:
                for index in dropped:
                    conn.execute(CreateIndex(index, if_not_exists=True))
        index_seconds = time.perf_counter() - index_started
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE record")
        conn.commit()
    counter.finish()
    return LoadStats(counter.done, first, last, time.perf_counter() - started, index_seconds,
                     counter.by_kind)
