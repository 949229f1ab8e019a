"""Generated records to hub ``record`` rows, in chunks, for the bulk loader.

Each row is computed with the hub's own ``envelope`` (so bulk and single writes file a record
alike). Rows come without their feed number: the loader numbers them in order as it writes,
so chunks may be made anywhere — here, or in worker processes that generate one street each
(a ``DistrictPlan``'s streets are independent), which on two cores nearly halves the time of
a district. Either way the rows, and their order, are the same.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from typing import Any

from casework.demo.generator import DistrictPlan, StreetJob, street_records
from casework.hub.envelope import envelope

# Column order of both formats; ``seq`` leads so the loader can put it in front.
COLUMNS = ("seq", "id", "kind", "version", "district", "street", "area", "department",
           "classification", "household_id", "deleted", "data", "updated_at")
CHUNK = 5000  # records per chunk
PARALLEL_MIN_HOUSEHOLDS = 20_000  # below this, starting worker processes costs more than it saves

Chunk = tuple[dict[str, int], Any]  # (records by kind, payload)


def _copy_escape(value: str) -> str:
    """COPY text format: JSON never holds a raw tab or newline, only backslashes to double."""
    return value.replace("\\", "\\\\") if "\\" in value else value


def copy_chunks(records: Iterable, stamp: str) -> Iterator[Chunk]:
    """Payload: COPY text lines without the leading seq (``id\\tkind\\t…\\n``), as bytes."""
    lines: list[str] = []
    kinds: dict[str, int] = {}
    for rec in records:
        env = envelope(rec.kind, rec.id, rec.area, rec.data)
        lines.append(
            f"{rec.id}\t{rec.kind}\t1\t{env['district']}\t{env['street']}\t{rec.area}\t"
            f"{env['department']}\t{env['classification']}\t{env['household_id'] or chr(92) + 'N'}\t"
            f"f\t{_copy_escape(env['data'])}\t{stamp}\n"
        )
        kinds[rec.kind] = kinds.get(rec.kind, 0) + 1
        if len(lines) >= CHUNK:
            yield kinds, "".join(lines).encode()
            lines, kinds = [], {}
    if lines:
        yield kinds, "".join(lines).encode()


def tuple_chunks(records: Iterable, stamp: str) -> Iterator[Chunk]:
    """Payload: row tuples without the leading seq, for ``executemany``."""
    rows: list[tuple] = []
    kinds: dict[str, int] = {}
    for rec in records:
        env = envelope(rec.kind, rec.id, rec.area, rec.data)
        rows.append((rec.id, rec.kind, 1, env["district"], env["street"], rec.area, env["department"],
                     env["classification"], env["household_id"], 0, env["data"], stamp))
        kinds[rec.kind] = kinds.get(rec.kind, 0) + 1
        if len(rows) >= CHUNK:
            yield kinds, rows
            rows, kinds = [], {}
    if rows:
        yield kinds, rows


_FORMATS = {"copy": copy_chunks, "tuples": tuple_chunks}


def _street_chunks(args: tuple[StreetJob, str, str]) -> list[Chunk]:
    """In a worker process: every chunk of one street."""
    job, fmt, stamp = args
    return list(_FORMATS[fmt](street_records(job), stamp))


def worker_count(records: Iterable, workers: int | None) -> int:
    """How many processes to generate with: one (this process) unless the records are a
    district plan of several streets, big enough to pay for starting workers."""
    if not isinstance(records, DistrictPlan) or len(records.jobs) < 2:
        return 1
    if workers is None:
        if records.households < PARALLEL_MIN_HOUSEHOLDS:
            return 1
        workers = os.cpu_count() or 1
    return max(1, min(workers, len(records.jobs)))


def chunks(records: Iterable, fmt: str, stamp: str, workers: int | None = None) -> Iterator[Chunk]:
    """Every chunk of rows, in record order; ``workers`` processes for a district plan
    (None: as many as there are cores, for a big one)."""
    count = worker_count(records, workers)
    if count == 1:
        yield from _FORMATS[fmt](records, stamp)
        return
    assert isinstance(records, DistrictPlan)
    # spawn, not fork: the caller may hold database connections and threads (a running hub)
    with multiprocessing.get_context("spawn").Pool(count) as pool:
        for street in pool.imap(_street_chunks, [(job, fmt, stamp) for job in records.jobs]):
            yield from street
