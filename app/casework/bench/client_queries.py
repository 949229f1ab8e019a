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
  (``household_view``), plus the link views, over people and households sampled from the data.
  Targets at district scale: every search kind p95 <= 50 ms, household query p95 <= 20 ms.

The pull over HTTP (sign-in, fetch, summary check) is measured by ``casework bench
client-sync``; this benchmark isolates the cache.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import struct
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson

from casework import paths
from casework.wire.v1 import MAX_PAGE_LIMIT

SCALES = {"street": (20_000, ["440104001"]), "district": (500_000, None)}
SAMPLE = 2000  # people and households kept from the generated data to query for
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


class Samples:
    """A fixed-size random sample of people, households and linked records (reservoir)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.people: list[dict[str, Any]] = []
        self.households: list[tuple[str, str]] = []  # (id, address text)
        self.rentals: list[str] = []
        self.enterprises: list[str] = []
        self._seen: dict[str, int] = {}

    def offer(self, bucket: list, item: Any, name: str) -> None:
        seen = self._seen[name] = self._seen.get(name, 0) + 1
        if len(bucket) < SAMPLE:
            bucket.append(item)
        elif (slot := self.rng.randrange(seen)) < SAMPLE:
            bucket[slot] = item


def spool_pages(spool: Path, households: int, seed: int, streets: list[str] | None,
                page_size: int) -> tuple[int, int, Samples]:
    """Generate the district and write its pages to ``spool``; (records, pages, samples)."""
    from casework.demo.generator import generate_district

    samples = Samples(seed)
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
            if record.kind == "person" and record.data.get("name"):
                samples.offer(samples.people, {"id": record.id, "area": record.area, "data": record.data},
                              "person")
            elif record.kind == "household":
                text = (record.data.get("address") or {}).get("text") or ""
                samples.offer(samples.households, (record.id, text), "household")
            elif record.kind == "rental_housing":
                samples.offer(samples.rentals, record.id, "rental")
            elif record.kind == "enterprise":
                samples.offer(samples.enterprises, record.id, "enterprise")
            if len(batch) >= page_size:
                flush(True)
                if pages % 100 == 0:
                    say(f"  generated {records:,} records")
        flush(False)
    return records, pages, samples


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
    from casework.cache.connection import WAL_AUTOCHECKPOINT_PAGES

    remove_db(target)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT_PAGES}")  # as the cache: a fair limit
    conn.execute("CREATE TABLE record (id TEXT PRIMARY KEY, kind TEXT NOT NULL, version INTEGER NOT NULL,"
                 " area TEXT NOT NULL, household_id TEXT, data TEXT NOT NULL)")
    started = time.perf_counter()
    for raw in read_spool(spool):
        rows = [(c["id"], c["kind"], c["version"], c["area"], c["data"].get("household_id"),
                 orjson.dumps(c["data"]).decode()) for c in orjson.loads(raw)["changes"]]
        conn.execute("BEGIN")
        conn.executemany("INSERT OR REPLACE INTO record VALUES (?, ?, ?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
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


def query_inputs(samples: Samples, count: int, seed: int) -> dict[str, list[Any]]:
    """Text a worker would type, per search kind, drawn from the sampled people."""
    from casework.cache.search_index import initials_readings

    rng = random.Random(seed)
    people = [p["data"] for p in samples.people]
    names = [p["name"] for p in people]
    three = [n for n in names if len(n) >= 3]
    two = [n for n in names if len(n) == 2]
    ids = [p["id_number"] for p in people if p.get("id_number")]
    phones = [p["phone"] for p in people if p.get("phone")]
    addresses = [a for _, a in samples.households if len(a) >= 12]

    def pick(pool: list[Any], n: int = count) -> list[Any]:
        return [rng.choice(pool) for _ in range(n)] if pool else []

    return {
        "name (whole)": pick(names),
        "name (two characters)": pick(two),
        "name (part: given name)": [n[1:] for n in pick(three)],
        "name (one character)": [n[0] for n in pick(names)],
        "pinyin initials": [initials_readings(n)[0] for n in pick(names) if initials_readings(n)],
        "id number (whole)": pick(ids),
        "id number (last 6)": [i[-6:] for i in pick(ids)],
        "id number (last 4)": [i[-4:] for i in pick(ids)],
        "phone (whole)": pick(phones),
        "phone (last 4)": [p[-4:] for p in pick(phones)],
        "address fragment": [a[-9:-3] for a in pick(addresses)],
    }


def timed_ms(fn: Callable[[Any], Any], inputs: list[Any]) -> tuple[list[float], list[Any]]:
    for item in inputs[:10]:  # warm-up (not counted)
        fn(item)
    times, results = [], []
    for item in inputs:
        started = time.perf_counter()
        results.append(fn(item))
        times.append((time.perf_counter() - started) * 1000)
    return times, results


def percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return {"n": len(ordered), "p50_ms": at(0.50), "p95_ms": at(0.95), "max_ms": ordered[-1]}


def measure_queries(target: Path, key: bytes, samples: Samples, count: int, seed: int) -> dict[str, Any]:
    from casework.cache.household_view import enterprise_view, household_view, rental_housing_view
    from casework.cache.search import search_people
    from casework.cache.store import CacheStore

    rng = random.Random(seed + 1)
    figures: dict[str, Any] = {}
    with CacheStore.open(target, key) as store:
        for kind, inputs in query_inputs(samples, count, seed).items():
            if not inputs:
                continue
            times, results = timed_ms(lambda text: search_people(store, text), inputs)
            figures[kind] = percentiles(times) | {
                "found_share": sum(1 for r in results if r) / len(results),
                "mean_hits": sum(len(r) for r in results) / len(results)}
        households = [rng.choice(samples.households)[0] for _ in range(count)]
        times, results = timed_ms(lambda hid: household_view(store, hid), households)
        figures["household view"] = percentiles(times) | {
            "found_share": sum(1 for r in results if r) / len(results),
            "mean_members": sum(len(r.members) for r in results if r) / max(1, sum(1 for r in results if r)),
            "mean_facts": sum(sum(len(m.facts) for m in r.members) for r in results if r)
            / max(1, sum(1 for r in results if r))}
        for name, pool, fn in (("rental housing view", samples.rentals, rental_housing_view),
                               ("enterprise view", samples.enterprises, enterprise_view)):
            if pool:
                ids = [rng.choice(pool) for _ in range(count)]
                times, results = timed_ms(lambda rid, fn=fn: fn(store, rid), ids)
                found = sum(1 for r in results if r) / len(results)
                figures[name] = percentiles(times) | {"found_share": found}
    return figures


def measure_incremental(target: Path, key: bytes, samples: Samples, records: int) -> dict[str, float]:
    """Milliseconds to apply one page of 1,000 changed people (new phone; new name: the
    search index follows) to the full cache."""
    from casework.cache.store import CacheStore

    people = samples.people[:1000]
    figures = {}
    with CacheStore.open(target, key) as store:
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


def run_scale(name: str, households: int, streets: list[str] | None, args: argparse.Namespace,
              work: Path) -> dict[str, Any]:
    import os

    say(f"== {name}: {households:,} households ==")
    spool = work / f"pages-{name}-{households}-{args.seed}-{args.page_size}.bin"
    kept = spool.with_suffix(".samples.json")
    started = time.perf_counter()
    saved = orjson.loads(kept.read_bytes()) if args.keep and spool.exists() and kept.exists() else None
    if saved and saved["people"] and "id" in saved["people"][0]:  # reuse what a --keep run made
        records, pages, samples = saved["records"], saved["pages"], Samples(args.seed)
        for field in ("people", "households", "rentals", "enterprises"):
            setattr(samples, field, saved[field])
        say(f"  reusing {records:,} records in {pages:,} pages from {spool}")
    else:
        records, pages, samples = spool_pages(spool, households, args.seed, streets, args.page_size)
        kept.write_bytes(orjson.dumps({"records": records, "pages": pages, "people": samples.people,
                                       "households": samples.households, "rentals": samples.rentals,
                                       "enterprises": samples.enterprises}))
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
    result["queries"] = measure_queries(cache_path, key, samples, args.queries, args.seed)
    result["incremental"] = measure_incremental(cache_path, key, samples, records)
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
              f"   = {r['ratio']:.2f}x the bare limit (target <= 3x)")
        print(f"    of which pages {r['pages_s']:.1f} s, search index build {r['index_s']:.1f} s")
    else:
        print(f"  (queries only, on a kept cache of {r['cache_size_mb']:,.0f} MB)")
    print(f"  {'query':28} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'found':>6}  target")
    for name, q in r["queries"].items():
        target = "p95 <= 20" if name == "household view" else ("p95 <= 50" if "view" not in name else "")
        print(f"  {name:28} {q['p50_ms']:8.2f} {q['p95_ms']:8.2f} {q['max_ms']:8.2f}"
              f" {q['found_share']:6.0%}  {target}")
    for name, ms in r["incremental"].items():
        print(f"  incremental page, {name}: {ms:.0f} ms (target: 1,000 changes <= 1 s)")


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
