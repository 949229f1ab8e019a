"""``casework bench hub``: how fast the hub is built and how fast it serves, on PostgreSQL.

For a one-street hub (20,000 households) and a whole district (500,000 households), each in a
fresh database dropped afterwards:

- generation: ``casework generate``'s path (generate, envelope, COPY, index build) — seconds
  and records/s;
- serving: records/s over a FULL pull of a viewer's visible changes through
  ``casework.hub.feed.read_changes_page`` in pages of 5,000, and over real HTTP — beside a
  bare ``SELECT`` of the same rows in the same run. Target: the feed serves at least 30% of
  the bare SELECT rate.

The bare rate is measured two ways: keyset pages of the same size (the feed's own access
path) and one streamed statement (the fastest possible read); the ratio is given against
both.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from typing import Any

TARGET_RATIO = 0.30
STREET = "440104001"  # 北京街
DISTRICT = "440104"  # 越秀区


def configure(parser: argparse.ArgumentParser) -> None:
    from casework.bench.pg_temp import DEFAULT_PG

    parser.add_argument("--pg", default=DEFAULT_PG, metavar="URL",
                        help="PostgreSQL server (a database on it to connect to for CREATE DATABASE)")
    parser.add_argument("--households-street", type=int, default=20_000, metavar="N")
    parser.add_argument("--households-district", type=int, default=500_000, metavar="N")
    parser.add_argument("--skip-district", action="store_true", help="only the one-street hub")
    parser.add_argument("--skip-street", action="store_true", help="only the district hub")
    parser.add_argument("--no-http", action="store_true", help="skip the pulls over HTTP")
    parser.add_argument("--generation-only", action="store_true", help="measure generation, no pulls")
    parser.add_argument("--workers", type=int, default=None,
                        help="processes generating streets (default: one per core for a district)")
    parser.add_argument("--page", type=int, default=5000, help="records per page (default 5000)")
    parser.add_argument("--clearance", default="internal",
                        help="clearance of the pulling users (default internal: secret facts are masked)")
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _pulls(url: str, name: str, role: str, scope: list[str], clearance: str, page: int,
           http: bool) -> dict[str, Any]:
    """Feed, bare paged, bare streamed and HTTP pulls of one viewer's whole visible set."""
    from casework.bench import feed_rates
    from casework.domain.classification import Level
    from casework.hub.db import make_engine
    from casework.hub.scope import Viewer

    viewer = Viewer.for_role(f"bench-{name}", role, scope, Level.parse(clearance))
    engine = make_engine(url)
    try:
        _say(f"  [{name}] warm-up read …")
        feed_rates.bare_stream(engine, viewer)  # same cache state for every measured pull
        _say(f"  [{name}] feed pull …")
        feed = feed_rates.pull_feed(engine, viewer, page)
        _say(f"  [{name}] bare SELECT (paged, streamed) …")
        paged = feed_rates.bare_paged(engine, viewer, page)
        stream = feed_rates.bare_stream(engine, viewer)
        over_http = None
        if http:
            _say(f"  [{name}] HTTP pull …")
            username = f"bench-{role}-{'-'.join(scope)}"
            over_http = feed_rates.pull_http(url, engine, username, role, scope, clearance, page)
    finally:
        engine.dispose()
    for label, pull in (("bare paged", paged), ("bare stream", stream), ("http", over_http)):
        if pull is not None and (pull.records, pull.last_seq) != (feed.records, feed.last_seq):
            raise AssertionError(f"{label} pull got {pull.records} records to seq {pull.last_seq}, "
                                 f"the feed {feed.records} to seq {feed.last_seq}")
    result: dict[str, Any] = {
        "viewer": {"role": role, "scope": scope, "clearance": clearance},
        "feed": feed.as_dict(), "bare_paged": paged.as_dict(), "bare_stream": stream.as_dict(),
        "feed_vs_bare_paged": round(feed.rate / paged.rate, 3),
        "feed_vs_bare_stream": round(feed.rate / stream.rate, 3),
    }
    if over_http is not None:
        result["http"] = over_http.as_dict()
        result["http_vs_bare_paged"] = round(over_http.rate / paged.rate, 3)
        result["http_vs_bare_stream"] = round(over_http.rate / stream.rate, 3)
    return result


def _scale(admin_url: str, name: str, households: int, streets: list[str] | None,
           pulls: list[tuple[str, str, list[str]]], args: argparse.Namespace) -> dict[str, Any]:
    from casework.bench.pg_temp import temporary_database
    from casework.demo.bulk_load import load_district
    from casework.demo.generate_cli import RECORDS_PER_HOUSEHOLD, ProgressLine
    from casework.demo.generator import generate_district

    _say(f"[{name}] {households:,} households: generating into a fresh PostgreSQL database …")
    with temporary_database(admin_url) as url:
        progress = ProgressLine(households * RECORDS_PER_HOUSEHOLD, sys.stderr.isatty())
        stats = load_district(url, generate_district(households, args.seed, DISTRICT, streets),
                              progress=progress, workers=args.workers)
        progress.close()
        _say(f"[{name}] {stats.records:,} records in {stats.seconds:.1f} s ({stats.rate:,.0f}/s)")
        result: dict[str, Any] = {
            "households": households,
            "streets": streets or "all",
            "generation": {"records": stats.records, "seconds": round(stats.seconds, 2),
                           "records_per_second": round(stats.rate, 1),
                           "index_seconds": round(stats.index_seconds, 2), "by_kind": stats.by_kind},
            "pulls": {},
        }
        for pull_name, role, scope in [] if args.generation_only else pulls:
            result["pulls"][pull_name] = _pulls(url, pull_name, role, scope, args.clearance, args.page,
                                                not args.no_http)
    return result


def _table(results: dict[str, Any]) -> str:
    lines = ["", "生成 Generation (generate + envelope + COPY + indexes, PostgreSQL)",
             f"{'scale':<10}{'households':>12}{'records':>12}{'seconds':>10}{'records/s':>12}"]
    for name, r in results["scales"].items():
        g = r["generation"]
        lines.append(f"{name:<10}{r['households']:>12,}{g['records']:>12,}{g['seconds']:>10.1f}"
                     f"{g['records_per_second']:>12,.0f}")
    lines += ["", "供数 Serving a full pull (records/s; pages of "
              f"{results['page']:,}; clearance {results['clearance']})",
              f"{'scale':<10}{'viewer':<18}{'records':>11}{'feed':>10}{'http':>10}{'bare pg':>10}"
              f"{'bare st':>10}{'feed/bp':>9}{'feed/bs':>9}{'http/bp':>9}"]
    for name, r in results["scales"].items():
        for viewer, p in r["pulls"].items():  # none with --generation-only
            http = p.get("http", {}).get("records_per_second")
            lines.append(
                f"{name:<10}{viewer:<18}{p['feed']['records']:>11,}{p['feed']['records_per_second']:>10,.0f}"
                f"{(f'{http:,.0f}' if http else '-'):>10}{p['bare_paged']['records_per_second']:>10,.0f}"
                f"{p['bare_stream']['records_per_second']:>10,.0f}{p['feed_vs_bare_paged']:>9.0%}"
                f"{p['feed_vs_bare_stream']:>9.0%}"
                f"{(format(p['http_vs_bare_paged'], '.0%') if 'http_vs_bare_paged' in p else '-'):>9}")
    lines += ["", f"目标 target: feed >= {TARGET_RATIO:.0%} of the bare SELECT rate "
              "(bp = bare keyset pages of the same size, bs = one streamed SELECT)"]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    results: dict[str, Any] = {
        "machine": {"platform": platform.platform(), "python": platform.python_version()},
        "page": args.page, "clearance": args.clearance, "seed": args.seed, "scales": {},
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    if not args.skip_street:
        results["scales"]["street"] = _scale(
            args.pg, "street", args.households_street, [STREET],
            [("street worker", "social_worker", [STREET])], args)
    if not args.skip_district:
        results["scales"]["district"] = _scale(
            args.pg, "district", args.households_district, None,
            [("supervisor", "supervisor", [DISTRICT]), ("street worker", "social_worker", [STREET])],
            args)
    ratios = [p["feed_vs_bare_paged"] for r in results["scales"].values() for p in r["pulls"].values()]
    results["target_met"] = bool(ratios) and min(ratios) >= TARGET_RATIO
    print(_table(results))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False, indent=2)
        print(f"\nJSON: {args.json}")
    return 0
