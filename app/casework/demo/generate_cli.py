"""``casework generate``: build a synthetic district into a hub database.

    casework generate --db hub.db --households 20000 --seed 7 --streets 440104001
"""

from __future__ import annotations

import argparse
import sys
import time

RECORDS_PER_HOUSEHOLD = 18  # about, for the progress estimate


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, metavar="URL",
                        help="hub database: sqlite:///file.db, postgresql://user@host/db, or a file path")
    parser.add_argument("--households", type=int, default=3000, metavar="N", help="number of households")
    parser.add_argument("--seed", type=int, default=20261121, metavar="S",
                        help="random seed: the same seed builds the same district")
    parser.add_argument("--district", default="440104", metavar="CODE",
                        help="6-digit district code (440104 越秀区, 440112 黄埔区)")
    parser.add_argument("--streets", metavar="CODE,CODE",
                        help="only these 9-digit street codes (default: every street of the district)")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="processes generating streets in parallel (default: one per core for a "
                             "big district; the result is the same)")
    parser.add_argument("--quiet", action="store_true", help="no progress line")


class ProgressLine:
    """One self-overwriting line on stderr: records done, estimated share, rate."""

    def __init__(self, expected: int, enabled: bool) -> None:
        self.expected = max(1, expected)
        self.enabled = enabled
        self.started = time.perf_counter()
        self.done = 0

    def __call__(self, done: int) -> None:
        self.done = done
        if not self.enabled:
            return
        elapsed = time.perf_counter() - self.started
        share = min(99.0, 100.0 * done / self.expected)
        rate = done / elapsed if elapsed else 0.0
        sys.stderr.write(f"\r已写入 {done:,} 条记录 records (~{share:.0f}%), {rate:,.0f}/s   ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write(f"\r已写入 {self.done:,} 条记录 records, 完成 done" + " " * 20 + "\n")


def run(args: argparse.Namespace) -> int:
    from casework.demo.bulk_load import load_district
    from casework.demo.generator import generate_district

    if args.households < 0:
        print("错误 error: --households 不能为负 must not be negative", file=sys.stderr)
        return 2
    streets = [s.strip() for s in args.streets.split(",") if s.strip()] if args.streets else None
    try:
        records = generate_district(args.households, args.seed, args.district, streets)
    except ValueError as exc:
        print(f"错误 error: {exc}", file=sys.stderr)
        return 2
    from sqlalchemy.exc import SQLAlchemyError

    from casework.hub.db import SchemaTooNew

    progress = ProgressLine(args.households * RECORDS_PER_HOUSEHOLD, not args.quiet)
    try:
        stats = load_district(args.db, records, progress=progress, workers=args.workers)
    except (SQLAlchemyError, SchemaTooNew) as exc:
        print(f"\n错误 error: 无法写入中心库 cannot write to the hub database {args.db}: "
              f"{str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        progress.close()
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in sorted(stats.by_kind.items()))
    print(f"已生成 generated {args.households:,} 户 households, {stats.records:,} 条记录 records "
          f"(seq {stats.first_seq}..{stats.last_seq}) in {stats.seconds:.1f} s "
          f"({stats.rate:,.0f} records/s; indexes {stats.index_seconds:.1f} s)")
    print(f"  {kinds}")
    return 0
