"""``casework bench client-queries``: the encrypted cache's ingest rate and query latencies at
street (20,000 households) and district (500,000 households) scale.

For each scale, in one run:
- the district generator's records as change-feed pages (JSON bytes as the hub sends them),
  spooled to a file once (not timed);
- the bare limit: the same pages decoded with orjson and bulk-inserted, one transaction per
  page, into a plain unencrypted SQLite file with an id primary key (WAL, synchronous=NORMAL
  and the WAL checkpoint interval of the cache);
- the cache: the same pages through ``CacheStore.apply_page`` into a new SQLCipher cache,
  then ``ensure_indexes`` (the search index an initial sync builds at its end) — timed
  together, reported beside the bare limit with the ratio (target: within 3x);
- cache size on disk;
- p50/p95/max latency of each kind of search (``search_people``) and of the household query
  (``household_view``), plus the link views, over people and households sampled from the cache
  (``casework.bench.query_latency``, shared with ``client-sync``). Targets at district scale:
  every search kind p95 <= 50 ms, household query p95 <= 20 ms;
- one page of 1,000 changed people applied to the full cache (target <= 1 s).

The pull over HTTP (sign-in, fetch, summary check) is measured by ``casework bench
client-sync``; this benchmark isolates the cache.
"""

from __future__ import annotations

import argparse
import sqlite3
import struct
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from casework import paths
from casework.bench.query_latency import (
    INCREMENTAL_MAX_S,
    RATIO_MAX,
    Samples,
    load_average,
    measure_queries,
    print_queries,
    query_targets,
    sample_cache,
)
from casework.wire.v1 import MAX_PAGE_LIMIT

if TYPE_CHECKING:
    from casework.cache.store import CacheStore

SCALES = {"street": (20_000, ["440104001"]), "district": (500_000, None)}
_LEN = struct.Struct("<Q")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", choices=[*SCALES, "both"], default="both")
    parser.add_argument("--households", type=int, help="override the scale's household count")
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--page-size", type=int, default=MAX_PAGE_LIMIT)
    parser.add_argument("--queries", type=int, default=200, help="timed queries per kind")
    parser.add_argument("--workdir", metavar="DIR", help="default: CASEWORK_HOME/bench/client-queries")
    parser.add_argument("--keep", action="store_true",
                        help="keep the spool, the caches and their keys (a bench artefact) afterwards")
    parser.add_argument("--queries-only", action="store_true",
                        help="only measure queries, on the cache a --keep run left")
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- pages -----------------------------------------------------------------------------------


def spool_pages(spool: Path, households: int, seed: int, streets: list[str] | None,
                page_size: int) -> tuple[int, int]:
    """Generate the district and write its pages to ``spool``; (records, pages)."""
    from casework.demo.generator import generate_district

    records = pages = 0
    batch: list[dict[str, Any]] = []
    with open(spool, "wb") as out:
        def flush(has_more: bool) -> None:
            nonlocal pages
            raw = orjson.dumps({"changes": batch, "cursor": str(records), "has_more": has_more,
                                "scope_epoch": 1})
            out.write(_LEN.pack(len(raw)) + raw)
            pages += 1
            batch.clear()

        for record in generate_district(households, seed, streets=streets):
            records += 1
            batch.append({"seq": records, "kind": record.kind, "id": record.id, "op": "upsert",
                          "area": record.area, "version": 1, "data": record.data})
            if len(batch) >= page_size:
                flush(True)
                if pages % 100 == 0:
                    say(f"  generated {records:,} records")
        flush(False)
    return records, pages


def read_spool(spool: Path) -> Iterator[bytes]:
    with open(spool, "rb") as f:
        while header := f.read(_LEN.size):
            yield f.read(_LEN.unpack(header)[0])


# --- ingest ----------------------------------------------------------------------------------


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def bare_insert(spool: Path, target: Path) -> float:
    """Seconds to decode every page and insert its rows into plain SQLite (the bare limit)."""
    from casework.cache.connection import INITIAL_SYNC_WAL_AUTOCHECKPOINT_PAGES

    remove_db(target)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    # checkpoints as seldom as the cache's initial sync, and the last one is timed as the cache's
    # is: a fair limit
    conn.execute(f"PRAGMA wal_autocheckpoint={INITIAL_SYNC_WAL_AUTOCHECKPOINT_PAGES}")
    conn.execute("CREATE TABLE record (id TEXT PRIMARY KEY, kind TEXT NOT NULL, version INTEGER NOT NULL,"
                 " area TEXT NOT NULL, household_id TEXT, data TEXT NOT NULL)")
    started = time.perf_counter()
    for raw in read_spool(spool):
        rows = [(c["id"], c["kind"], c["version"], c["area"], c["data"].get("household_id"),
                 orjson.dumps(c["data"]).decode()) for c in orjson.loads(raw)["changes"]]
        conn.execute("BEGIN")
        conn.executemany("INSERT OR REPLACE INTO record VALUES (?, ?, ?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seconds = time.perf_counter() - started
    conn.close()
    return seconds


def cache_ingest(spool: Path, target: Path, key: bytes, records: int) -> dict[str, float]:
    """Seconds to apply every page to a new cache and build its search index."""
    from casework.cache.store import CacheStore

    remove_db(target)
    started = time.perf_counter()
    store = CacheStore.open(target, key)
    done = 0
    for raw in read_spool(spool):
        page = orjson.loads(raw)
        store.apply_page(page["changes"], int(page["cursor"]), page["scope_epoch"])
        done += len(page["changes"])
        if done % 500_000 < len(page["changes"]):
            say(f"  cache: {done:,}/{records:,} records, {time.perf_counter() - started:.0f} s")
    pages_done = time.perf_counter()
    store.ensure_indexes(lambda step: say(f"  building search index: {step}"))
    finished = time.perf_counter()
    store.close()
    return {"pages_s": pages_done - started, "index_s": finished - pages_done, "total_s": finished - started}


def size_of(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())


# --- queries ---------------------------------------------------------------------------------


def measure_incremental(store: CacheStore, samples: Samples, records: int) -> dict[str, float]:
    """Milliseconds to apply one page of 1,000 changed people (new phone; new name: the
    search index follows) to the full cache."""
    people = samples.people[:1000]
    figures = {}
    for step, (label, field, value) in enumerate((("new phone", "phone", "13800000000"),
                                                   ("new name", "name", "测试姓名"))):
        changes = [{"seq": records + step * 1000 + i + 1, "kind": "person", "id": p["id"], "op": "upsert",
                    "area": p["area"], "version": 2 + step, "data": dict(p["data"], **{field: value})}
                   for i, p in enumerate(people)]
        started = time.perf_counter()
        store.apply_page(changes, records + (step + 1) * 1000, 1)
        figures[f"{len(changes):,} people, {label}"] = (time.perf_counter() - started) * 1000
    restore = [{"seq": records + 2001 + i, "kind": "person", "id": p["id"], "op": "upsert",
                "area": p["area"], "version": 1, "data": p["data"]} for i, p in enumerate(people)]
    store.apply_page(restore, records + 3000, 1)  # as generated again, for later --queries-only runs
    return figures


# --- the run ---------------------------------------------------------------------------------


def targets(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Issue 3's targets, each with the figure and whether it is met (for --json)."""
    found = query_targets(result["queries"])
    if "ratio" in result:
        found["ingest ratio"] = {"target_max": RATIO_MAX, "value": result["ratio"],
                                 "met": result["ratio"] <= RATIO_MAX}
    for name, ms in result["incremental"].items():
        found[f"incremental, {name}"] = {"target_max_s": INCREMENTAL_MAX_S, "value_s": ms / 1000,
                                         "met": ms / 1000 <= INCREMENTAL_MAX_S}
    return found


def run_scale(name: str, households: int, streets: list[str] | None, args: argparse.Namespace,
              work: Path) -> dict[str, Any]:
    import os

    say(f"== {name}: {households:,} households ==")
    spool = work / f"pages-{name}-{households}-{args.seed}-{args.page_size}.bin"
    kept = spool.with_suffix(".counts.json")
    started = time.perf_counter()
    if args.keep and spool.exists() and kept.exists():  # reuse what a --keep run made
        records, pages = orjson.loads(kept.read_bytes())
        say(f"  reusing {records:,} records in {pages:,} pages from {spool}")
    else:
        records, pages = spool_pages(spool, households, args.seed, streets, args.page_size)
        kept.write_bytes(orjson.dumps([records, pages]))
        say(f"  {records:,} records in {pages:,} pages generated in {time.perf_counter() - started:.0f} s")
    bare_path, cache_path = work / f"bare-{name}.db", work / f"cache-{name}.db"
    key_path = cache_path.with_suffix(".key")
    result: dict[str, Any] = {"scale": name, "households": households, "records": records, "pages": pages,
                              "page_size": args.page_size}
    if args.queries_only:
        key = bytes.fromhex(key_path.read_text())
    else:
        say("  bare limit: decode + insert into plain SQLite …")
        bare_s = bare_insert(spool, bare_path)
        bare_size = size_of(bare_path)
        remove_db(bare_path)
        say(f"  bare: {bare_s:.1f} s; cache ingest …")
        key = os.urandom(32)
        if args.keep:
            key_path.write_text(key.hex())
        ingest = cache_ingest(spool, cache_path, key, records)
        say(f"  cache: {ingest['total_s']:.1f} s; queries …")
        result |= {"bare_s": bare_s, "bare_rate": records / bare_s, "bare_size_mb": bare_size / 1e6, **ingest,
                   "cache_rate": records / ingest["total_s"], "ratio": ingest["total_s"] / bare_s}
    result["cache_size_mb"] = size_of(cache_path) / 1e6
    from casework.cache.store import CacheStore

    with CacheStore.open(cache_path, key) as store:
        samples = sample_cache(store, args.seed)
        result["load_average"] = load_average()
        result["queries"] = measure_queries(store, samples, args.queries, args.seed)
        result["incremental"] = measure_incremental(store, samples, records)
    result["targets"] = targets(result)
    if not args.keep:
        spool.unlink(missing_ok=True)
        kept.unlink(missing_ok=True)
        remove_db(cache_path)
    return result


def print_report(result: dict[str, Any]) -> None:
    r = result
    print(f"\n{r['scale']}: {r['households']:,} households, {r['records']:,} records, "
          f"{r['pages']:,} pages of {r['page_size']:,}")
    if "bare_s" in r:
        print(f"  bare limit (decode + plain SQLite insert): {r['bare_s']:8.1f} s "
              f"{r['bare_rate']:>10,.0f} rec/s  {r['bare_size_mb']:,.0f} MB")
        print(f"  cache (SQLCipher, pages + search index):   {r['total_s']:8.1f} s "
              f"{r['cache_rate']:>10,.0f} rec/s  {r['cache_size_mb']:,.0f} MB"
              f"   = {r['ratio']:.2f}x the bare limit (target <= {RATIO_MAX:.0f}x: "
              f"{'met' if r['ratio'] <= RATIO_MAX else 'NOT met'})")
        print(f"    of which pages {r['pages_s']:.1f} s, search index build {r['index_s']:.1f} s")
    else:
        print(f"  (queries only, on a kept cache of {r['cache_size_mb']:,.0f} MB)")
    print(f"  queries (load average {r['load_average']}):")
    print_queries(r["queries"])
    for name, ms in r["incremental"].items():
        met = "met" if ms / 1000 <= INCREMENTAL_MAX_S else "NOT met"
        print(f"  incremental page, {name}: {ms:.0f} ms (target: 1,000 changes <= 1 s: {met})")


def run(args: argparse.Namespace) -> int:
    work = Path(args.workdir) if args.workdir else paths.home() / "bench" / "client-queries"
    work.mkdir(parents=True, exist_ok=True)
    scales = list(SCALES) if args.scale == "both" else [args.scale]
    results = []
    for name in scales:
        households, streets = SCALES[name]
        result = run_scale(name, args.households or households, streets, args, work)
        print_report(result)
        results.append(result)
    if args.json:
        print(orjson.dumps(results).decode())
    return 0
