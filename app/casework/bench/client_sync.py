"""``casework bench client-sync``: how fast the client pulls a street or a district.

Measured in one run against a hub in its own process on loopback:
- initial sync (sign-in excluded): ``pull`` from an empty cache, summary check included;
- the bare limit beside it: the same pages, fetched once more and spooled to a file, then
  decoded with orjson and bulk-inserted (one transaction per page, WAL, synchronous=NORMAL,
  as the cache) into a plain unencrypted SQLite file — what the client cannot beat;
- the fetch alone (hub serving plus transfer), which bounds the sync from the hub's side;
- the cache's size on disk; an incremental sync of N changed records written on the hub
  (the cache, the bare copy and the spool go with the run unless ``--workdir`` is given);
- the client process's CPU time in the sync and in the bare insert, which a busy machine
  distorts less than wall time (the sync's CPU includes decoding, writing and the summary
  check; the hub's CPU is in its own process and not counted);
- after the initial sync and again after the incremental one, p50/p95/max of every kind of
  search and of the household query on the cache the sync built, inputs sampled from it
  (``casework.bench.query_latency``, the same queries ``client-queries`` times).
Targets (issue 3): initial sync within 3x of the bare limit; 1,000 changes in <= 1 s; at
district scale every search kind p95 <= 50 ms and the household query p95 <= 20 ms. Each is
reported met or NOT met (and under "targets" in --json).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import struct
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

from casework import paths
from casework.bench.query_latency import (
    INCREMENTAL_MAX_S,
    RATIO_MAX,
    load_average,
    measure_queries,
    print_queries,
    query_targets,
    sample_cache,
)
from casework.wire.v1 import MAX_PAGE_LIMIT

# The hub side (sqlalchemy, the hub's modules) is imported inside the functions: ``casework
# bench`` imports every benchmark module just to list its options.

STREET = "440104001"  # 北京街
DISTRICT = "440104"  # 越秀区
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"

PRESETS: dict[str, dict[str, Any]] = {
    "street": {"households": 20_000, "streets": [STREET], "role": "social_worker", "scope": [STREET],
               "user": "bench_street"},
    "district": {"households": 500_000, "streets": None, "role": "supervisor", "scope": [DISTRICT],
                 "user": "bench_district"},
}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", choices=sorted(PRESETS), default="street",
                        help="street: 20,000 households on SQLite; district: 500,000 on PostgreSQL")
    parser.add_argument("--households", type=int, help="override the preset's household count")
    parser.add_argument("--db", metavar="URL",
                        help="hub database (reused when it already holds records); default per scale")
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--page-limit", type=int, default=MAX_PAGE_LIMIT)
    parser.add_argument("--changes", type=int, default=1000, help="records changed for the incremental sync")
    parser.add_argument("--queries", type=int, default=200,
                        help="timed queries per kind of search and for the household query")
    parser.add_argument("--workdir", metavar="DIR",
                        help="where the client cache and spool go (default: temp)")
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")


def default_db_url(scale: str, households: int) -> str:
    if scale == "street":
        folder = paths.home() / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{folder / f'client-sync-street-{households}.db'}"
    import psycopg

    name = f"casework_bench_client_{households}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"


# -- the bare limit -----------------------------------------------------------------------

def spool_pages(url: str, username: str, page_limit: int, spool: Path) -> tuple[float, int, int]:
    """Fetch every page once more and keep the raw bytes; returns (seconds, pages, wire bytes)."""
    from casework.bench.sync_support import BENCH_PASSWORD
    from casework.sync.hub_client import HubClient

    with HubClient(url) as client, open(spool, "wb") as out:
        client.login(username, BENCH_PASSWORD, "bench:spool")
        started = time.perf_counter()
        after, pages = 0, 0
        while True:
            raw = client.changes_raw(after, page_limit)
            out.write(struct.pack("<Q", len(raw)) + raw)
            pages += 1
            page = orjson.loads(raw)
            after = int(page["cursor"])
            if not page["has_more"]:
                return time.perf_counter() - started, pages, client.wire_bytes


def _read_spool(spool: Path):
    with open(spool, "rb") as f:
        while header := f.read(8):
            yield f.read(struct.unpack("<Q", header)[0])


def bare_insert(spool: Path, target: Path) -> tuple[float, int]:
    """Decode the spooled pages and bulk-insert their rows into plain SQLite; (seconds, rows).
    It checkpoints as seldom as the cache's initial sync and its last checkpoint is timed, as the
    cache's is: a fair limit."""
    from casework.cache.connection import INITIAL_SYNC_WAL_AUTOCHECKPOINT_PAGES

    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(f"PRAGMA wal_autocheckpoint={INITIAL_SYNC_WAL_AUTOCHECKPOINT_PAGES}")
    conn.execute("CREATE TABLE record (id TEXT PRIMARY KEY, kind TEXT NOT NULL, version INTEGER NOT NULL,"
                 " area TEXT NOT NULL, data TEXT NOT NULL)")
    rows = 0
    started = time.perf_counter()
    for raw in _read_spool(spool):
        changes = orjson.loads(raw)["changes"]
        upserts = [(c["id"], c["kind"], c["version"], c["area"], orjson.dumps(c["data"]).decode())
                   for c in changes if c["op"] == "upsert"]
        removes = [(c["id"],) for c in changes if c["op"] == "remove"]
        conn.execute("BEGIN")
        conn.executemany("INSERT OR REPLACE INTO record VALUES (?, ?, ?, ?, ?)", upserts)
        conn.executemany("DELETE FROM record WHERE id = ?", removes)
        conn.execute("COMMIT")
        rows += len(changes)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seconds = time.perf_counter() - started
    conn.close()
    return seconds, rows


# -- incremental changes ------------------------------------------------------------------

def write_changes(db_url: str, scope_prefix: str, count: int) -> int:
    """Change ``count`` people in scope on the hub (a new phone number), in one transaction."""
    from sqlalchemy import select

    from casework.hub import db
    from casework.hub.feed_writer import RecordWrite, write_records
    from casework.hub.schema import Record

    engine = db.make_engine(db_url)
    try:
        with engine.begin() as conn:
            column = Record.street if len(scope_prefix) == 9 else Record.district
            rows = conn.execute(
                select(Record.id, Record.kind, Record.area, Record.data)
                .where(column == scope_prefix, Record.kind == "person", Record.deleted.is_(False))
                .order_by(Record.seq.desc()).limit(count)
            ).all()
            stamp = int(time.time()) % 10_000
            writes = []
            for i, row in enumerate(rows):
                data = orjson.loads(row.data)
                data["phone"] = f"139{stamp:04d}{i:04d}"
                writes.append(RecordWrite(row.kind, row.id, row.area, data))
            write_records(conn, writes)
            return len(writes)
    finally:
        engine.dispose()


# -- queries and targets ------------------------------------------------------------------

def time_queries(store, queries: int, seed: int, when: str) -> dict[str, Any]:
    """Query latencies on the cache as the sync left it (inputs sampled from it)."""
    from casework.bench.sync_support import say

    say(f"queries after the {when} sync …")
    samples = sample_cache(store, seed)
    return {"load_average": load_average(), "people_sampled": len(samples.people),
            "households_sampled": len(samples.households),
            "latency": measure_queries(store, samples, queries, seed)}


def targets(f: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Issue 3's targets, each with its figure and whether it is met."""
    found: dict[str, dict[str, Any]] = {
        "initial sync / bare limit": {"target_max": RATIO_MAX, "value": f["ratio_sync_to_bare"],
                                      "met": f["ratio_sync_to_bare"] <= RATIO_MAX},
        "incremental sync": {"target_max_s": INCREMENTAL_MAX_S, "value_s": f["incremental_s"],
                             "changes": f["incremental_changes"],
                             "met": f["incremental_s"] <= INCREMENTAL_MAX_S}}
    for when in ("initial", "incremental"):
        for name, target in query_targets(f[f"queries_after_{when}"]["latency"]).items():
            found[f"{name} (after {when} sync)"] = target
    return found


# -- the run ------------------------------------------------------------------------------

def _progress_printer():
    from casework.bench.sync_support import say

    last = [0.0]

    def show(p) -> None:
        if time.monotonic() - last[0] > 5:
            last[0] = time.monotonic()
            say(f"  sync {p.done:,} / {p.total_estimate:,}")

    return show


def run(args: argparse.Namespace) -> int:
    from casework.bench.sync_support import ensure_user, prepare_hub_db

    preset = PRESETS[args.scale]
    households = args.households or preset["households"]
    db_url = args.db or default_db_url(args.scale, households)
    records = prepare_hub_db(db_url, households, args.seed, preset["streets"])
    ensure_user(db_url, preset["user"], preset["role"], preset["scope"])
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="casework-bench-sync-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        figures = _measure(args, preset, db_url, records, households, workdir)
    finally:
        paths.set_home(None)
        if not args.workdir:  # a district's cache and bare copy take gigabytes
            shutil.rmtree(workdir, ignore_errors=True)
    figures["ratio_sync_to_bare"] = figures["sync_s"] / figures["bare_s"]
    figures["ratio_sync_to_fetch"] = figures["sync_s"] / figures["fetch_only_s"]
    figures["targets"] = targets(figures)
    _print_report(figures)
    if args.json:
        print(orjson.dumps(figures).decode())
    ok = figures["verified"] and figures["incremental_verified"]
    return 0 if ok else 1


def _measure(args: argparse.Namespace, preset: dict[str, Any], db_url: str, records: int, households: int,
             workdir: Path) -> dict[str, Any]:
    """Every figure but the ratios, with the hub in its own process and the client cache in ``workdir``."""
    from casework.bench.sync_support import BENCH_PASSWORD, folder_size, hub_process, say
    from casework.sync.credentials import TokenStore
    from casework.sync.pull import pull
    from casework.sync.session import sign_in

    client_home = workdir / "client"
    shutil.rmtree(client_home, ignore_errors=True)
    figures: dict[str, Any] = {"scale": args.scale, "households": households, "hub_records": records,
                               "page_limit": args.page_limit}
    with hub_process(db_url, workdir / "hub.log") as url:
        paths.set_home(client_home)
        session = sign_in(url, preset["user"], BENCH_PASSWORD, token_store=TokenStore())
        with session:
            say("initial sync …")
            cpu = time.process_time()
            result = pull(session, progress=_progress_printer(), page_limit=args.page_limit)
            figures.update(sync_s=result.seconds, sync_cpu_s=time.process_time() - cpu,
                           sync_check_s=result.check_seconds,
                           synced_changes=result.changes, pages=result.pages, verified=result.verified)
            figures["queries_after_initial"] = time_queries(session.store, args.queries, args.seed, "initial")
        figures["cache_bytes"] = folder_size(session.profile.cache_files())
        say("bare limit: fetching the same pages again, then decoding and inserting them …")
        spool = workdir / "pages.spool"
        fetch_s, _pages, wire_bytes = spool_pages(url, preset["user"], args.page_limit, spool)
        cpu = time.process_time()
        bare_s, bare_rows = bare_insert(spool, workdir / "bare.sqlite")
        figures["bare_cpu_s"] = time.process_time() - cpu
        figures.update(fetch_only_s=fetch_s, wire_bytes=wire_bytes, bare_s=bare_s, bare_rows=bare_rows,
                       bare_db_bytes=folder_size([workdir / "bare.sqlite", workdir / "bare.sqlite-wal"]))
        spool.unlink()
        say(f"incremental: changing {args.changes:,} records on the hub …")
        changed = write_changes(db_url, preset["scope"][0], args.changes)
        session = sign_in(url, preset["user"], BENCH_PASSWORD, token_store=TokenStore())
        with session:
            inc = pull(session, page_limit=args.page_limit)
            figures["queries_after_incremental"] = time_queries(session.store, args.queries, args.seed,
                                                                "incremental")
        figures.update(incremental_changes=changed, incremental_pulled=inc.changes,
                       incremental_s=inc.seconds, incremental_check_s=inc.check_seconds,
                       incremental_verified=inc.verified)
    return figures


def _print_report(f: dict[str, Any]) -> None:
    mb = 1024 * 1024
    rate = f["synced_changes"] / f["sync_s"]
    print(f"client sync benchmark — {f['scale']} scale, {f['households']:,} households, "
          f"{f['hub_records']:,} hub records, pages of {f['page_limit']:,}")
    print(f"  initial sync          {f['sync_s']:8.2f} s  ({f['synced_changes']:,} changes, "
          f"{f['pages']:,} pages, {rate:,.0f}/s; summary check {f['sync_check_s']:.2f} s; "
          f"verified={f['verified']})")
    print(f"  bare limit            {f['bare_s']:8.2f} s  (orjson decode + executemany into plain SQLite,"
          f" {f['bare_rows']:,} rows)")
    print(f"  ratio sync / bare     {f['ratio_sync_to_bare']:8.2f} x  (target <= {RATIO_MAX:.0f}: "
          f"{_verdict(f['targets']['initial sync / bare limit'])})")
    print(f"  client CPU            {f['sync_cpu_s']:8.2f} s  (bare {f['bare_cpu_s']:.2f} s CPU; ratio "
          f"{f['sync_cpu_s'] / f['bare_cpu_s']:.2f}: the same comparison without waiting for the CPU "
          f"or the hub, as a check on a busy machine)")
    print(f"  fetch only (hub+net)  {f['fetch_only_s']:8.2f} s  "
          f"(ratio sync / fetch {f['ratio_sync_to_fetch']:.2f}; {f['wire_bytes'] / mb:,.1f} MB on the wire)")
    print(f"  cache size            {f['cache_bytes'] / mb:8.1f} MB  (plain SQLite of the same rows"
          f" {f['bare_db_bytes'] / mb:,.1f} MB)")
    print(f"  incremental           {f['incremental_s']:8.2f} s  ({f['incremental_changes']:,} records "
          f"changed, {f['incremental_pulled']:,} pulled; summary check {f['incremental_check_s']:.2f} s; "
          f"verified={f['incremental_verified']}; target {f['incremental_changes']:,} changes <= "
          f"{INCREMENTAL_MAX_S:.0f} s: {_verdict(f['targets']['incremental sync'])})")
    for when in ("initial", "incremental"):
        q = f[f"queries_after_{when}"]
        print(f"  queries after the {when} sync (inputs from {q['people_sampled']:,} people and "
              f"{q['households_sampled']:,} households sampled from the cache; load average "
              f"{q['load_average']}; targets bind at district scale):")
        print_queries(q["latency"], indent="    ")
    missed = [name for name, t in f["targets"].items() if not t["met"]]
    print(f"  targets: {len(f['targets']) - len(missed)} of {len(f['targets'])} met"
          + (f"; NOT met: {', '.join(missed)}" if missed else ""))


def _verdict(target: dict[str, Any]) -> str:
    return "met" if target["met"] else "NOT met"
