"""The issue 12 worklists' first screen on a street-scale cache, beside hand-written SQL.

``python -m casework.bench.client_lists [--workdir DIR] [--runs N]``: on the street cache that
``casework bench client-queries --scale street --keep`` leaves (``cache-street.db`` and its key
in the work folder; made here the same way, with that module's own functions, when missing), for
each list — possible duplicates of the street, lapsing permits, unenrolled school-age children —
times the first screen as the page and the CLI get it (the cache query with the domain's rules
and every count, then the display lines of the first 50) and a hand-written SQL query for the
same list, p50/p95 over ``--runs`` runs after one untimed run; and checks both give the same
answer. The SQL is a yardstick only: the product keeps the rules in ``casework.domain``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from casework import paths
from casework.bench.query_latency import load_average

STREET = "440104001"
FIRST_SCREEN = 50

# Every grant of the street whose compared fields are visible, paired within its household: same
# beneficiary (or a household grant), category, item for in-kind, overlapping, other programme.
DUPLICATES_SQL = """
WITH g AS MATERIALIZED (
    SELECT id, household_id AS h, json_extract(data, '$.beneficiary_person_id') AS p,
           fact_type AS prog, json_extract(data, '$.category') AS cat,
           CASE WHEN json_extract(data, '$.category') = 'in_kind'
                THEN json_extract(data, '$.item') END AS item,
           json_extract(data, '$.period_start') AS s, json_extract(data, '$.period_end') AS e
    FROM record WHERE kind = 'benefit_grant' AND area >= :lo AND area < :hi)
SELECT a.h, a.id, b.id FROM g AS a JOIN g AS b
  ON b.h = a.h AND b.cat = a.cat AND b.item IS a.item AND a.id < b.id AND a.prog <> b.prog
     AND a.s <= b.e AND b.s <= a.e AND (a.p IS NULL OR b.p IS NULL OR a.p = b.p)
WHERE a.s IS NOT NULL AND a.e IS NOT NULL AND b.s IS NOT NULL AND b.e IS NOT NULL
ORDER BY a.h
"""

# Each person's latest permit, listed when it expires within 30 days or has expired.
PERMITS_SQL = """
SELECT person_id, area, max(json_extract(data, '$.value.expires_on')) AS expires
FROM record WHERE kind = 'department_fact' AND fact_type = 'residence_permit'
  AND area >= :lo AND area < :hi AND json_extract(data, '$.value.expires_on') IS NOT NULL
GROUP BY person_id HAVING expires <= :warn ORDER BY expires, person_id
"""

# Members of migrant households born in the school-age window with no school_enrolment fact.
SCHOOLING_SQL = """
SELECT s.record_id, s.household_id, s.birth_date, h.area FROM record AS h
JOIN searchable AS s ON s.household_id = h.id AND s.kind = 'person'
WHERE h.kind = 'household' AND h.fact_type IS NULL AND h.area >= :lo AND h.area < :hi
  AND json_extract(h.data, '$.household_type') = 'migrant'
  AND s.birth_date > :born_after AND s.birth_date <= :born_by
  AND s.record_id NOT IN (SELECT person_id FROM record WHERE kind = 'department_fact'
                          AND fact_type = 'school_enrolment' AND area >= :lo AND area < :hi)
ORDER BY s.household_id, s.record_id
"""


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # Feb 29
        return day.replace(year=day.year - years, day=28)


def ensure_street_cache(work: Path, seed: int, households: int | None = None) -> tuple[Path, bytes]:
    """The kept street cache of ``bench client-queries``, or a new one made the same way (of
    ``households``, default the street scale's 20,000)."""
    from casework.bench.client_queries import SCALES, cache_ingest, spool_pages
    from casework.wire.v1 import MAX_PAGE_LIMIT

    cache, key_path = work / "cache-street.db", work / "cache-street.key"
    if cache.exists() and key_path.exists():
        return cache, bytes.fromhex(key_path.read_text())
    street_households, streets = SCALES["street"]
    households = households or street_households
    spool = work / "pages-street-lists.bin"
    say(f"generating a street of {households:,} households …")
    records, _ = spool_pages(spool, households, seed, streets, MAX_PAGE_LIMIT)
    key = os.urandom(32)
    key_path.write_text(key.hex())
    say(f"ingesting {records:,} records …")
    cache_ingest(spool, cache, key, records)
    spool.unlink(missing_ok=True)
    return cache, key


def _time(fn: Callable[[], Any], runs: int) -> tuple[dict[str, float], Any]:
    started = time.perf_counter()
    answer = fn()
    cold = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {"first_ms": cold, "p50_ms": statistics.median(times), "p95_ms": p95}, answer


def measure(store, today: dt.date, runs: int) -> dict[str, Any]:
    from casework.cache.list_support import household_lines, person_lines
    from casework.cache.migrant_lists import permit_worklist, schooling_worklist
    from casework.cache.subsidies import area_duplicates

    bounds = {"lo": STREET, "hi": STREET + "\x7f"}

    def sql(query: str, **params: Any) -> Callable[[], list]:
        def run() -> list:
            with store.read() as conn:
                return conn.exec_driver_sql(query, {**bounds, **params}).all()
        return run

    def screen(listing: Callable[[], Any], people: Callable[[Any], set[str]],
               homes: Callable[[Any], set[str]]) -> Callable[[], Any]:
        def run() -> Any:
            found = listing()
            with store.read() as conn:
                person_lines(conn, people(found))
                household_lines(conn, homes(found))
            return found
        return run

    results: dict[str, Any] = {}
    say("duplicates …")
    app, found = _time(screen(lambda: area_duplicates(store, STREET),
                              lambda f: {g.beneficiary_person_id for p in f.pairs[:FIRST_SCREEN]
                                         for g in (p.first, p.second) if g.beneficiary_person_id},
                              lambda f: {p.first.household_id for p in f.pairs[:FIRST_SCREEN]}), runs)
    hand, rows = _time(sql(DUPLICATES_SQL), runs)
    results["duplicates"] = {"app": app, "sql": hand, "listed": len(found.pairs), "sql_listed": len(rows),
                             "same": {frozenset((p.first.id, p.second.id)) for p in found.pairs}
                             == {frozenset(r[1:]) for r in rows} and found.unchecked == 0,
                             "grants": found.grants}
    say("permits …")
    app, found = _time(screen(lambda: permit_worklist(store, today, STREET),
                              lambda f: {a.permit.person_id for a in f.permits.alerts[:FIRST_SCREEN]},
                              lambda f: {a.permit.household_id for a in f.permits.alerts[:FIRST_SCREEN]}),
                       runs)
    hand, rows = _time(sql(PERMITS_SQL, warn=(today + dt.timedelta(days=30)).isoformat()), runs)
    listed = [a.permit.person_id for a in found.permits.alerts]
    results["permits"] = {"app": app, "sql": hand, "listed": len(listed), "sql_listed": len(rows),
                          "same": listed == [r[0] for r in rows]}
    say("schooling …")
    app, found = _time(screen(lambda: schooling_worklist(store, today, STREET),
                              lambda f: {a.child.person_id for a in f.children.children[:FIRST_SCREEN]},
                              lambda f: {a.child.household_id for a in f.children.children[:FIRST_SCREEN]}),
                       runs)
    hand, rows = _time(sql(SCHOOLING_SQL, born_after=_years_before(today, 16).isoformat(),
                           born_by=_years_before(today, 6).isoformat()), runs)
    listed = [a.child.person_id for a in found.children.children]
    results["schooling"] = {"app": app, "sql": hand, "listed": len(listed), "sql_listed": len(rows),
                            "same": listed == [r[0] for r in rows]}
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", metavar="DIR", help="default: CASEWORK_HOME/bench/client-queries")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--households", type=int, help="when making a new cache (default 20,000)")
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--today", default="2026-11-01", help="the generated district's reference day")
    args = parser.parse_args(argv)
    from casework.cache.store import CacheStore

    work = Path(args.workdir) if args.workdir else paths.home() / "bench" / "client-queries"
    work.mkdir(parents=True, exist_ok=True)
    cache, key = ensure_street_cache(work, args.seed, args.households)
    with CacheStore.open(cache, key) as store:
        with store.read() as conn:
            records = conn.exec_driver_sql("SELECT count(*) FROM record").scalar_one()
        results = measure(store, dt.date.fromisoformat(args.today), args.runs)
    print(f"street {STREET}: {records:,} records; {args.runs} runs each; load average {load_average()}")
    print(f"{'list':<11} {'listed':>7} {'app first':>10} {'app p50':>9} {'app p95':>9} "
          f"{'SQL first':>10} {'SQL p50':>9} {'SQL p95':>9}  same answer")
    for name, r in results.items():
        a, s = r["app"], r["sql"]
        print(f"{name:<11} {r['listed']:>7,} {a['first_ms']:>8.0f}ms {a['p50_ms']:>7.0f}ms "
              f"{a['p95_ms']:>7.0f}ms "
              f"{s['first_ms']:>8.0f}ms {s['p50_ms']:>7.0f}ms {s['p95_ms']:>7.0f}ms  "
              f"{'yes' if r['same'] else 'NO'} ({r['sql_listed']:,} by SQL)")
    if args.json:
        print(orjson.dumps({"records": records, "load_average": load_average(), "lists": results}).decode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
