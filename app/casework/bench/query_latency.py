"""Query latency on a filled cache, shared by ``casework bench client-queries`` and ``casework
bench client-sync`` so both time the same queries the same way and their figures compare.

Inputs are sampled from the cache itself (records at random rowids, a fixed seed), so a
benchmark can time queries on whatever cache it just built — by ingesting pages or by a real
sync — without keeping anything from the generator. Each kind of search goes through
``casework.cache.search.search_people`` and the household query through
``casework.cache.household_view.household_view``: the code path the app uses.

Issue 3's targets live here too, as both benchmarks report them: every search kind p95
<= 50 ms and household query p95 <= 20 ms (at district scale); initial sync or ingest within
3x of the bare limit; 1,000 changes in <= 1 s.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from casework.cache.store import CacheStore

SAMPLE = 2000  # people and households drawn from the cache to query for
LINK_SAMPLE = 200  # rental homes and enterprises (rare: ~1% and ~0.2% of records; no target)
PROBE_BUDGET = 200_000  # rowids looked at, at most
PROBE_BATCH = 900  # rowids per SELECT (under SQLite's 999 parameters)
SEARCH_P95_MS = 50.0
HOUSEHOLD_P95_MS = 20.0
RATIO_MAX = 3.0  # initial sync (or ingest) / the bare limit
INCREMENTAL_MAX_S = 1.0  # 1,000 changes
HOUSEHOLD = "household view"


@dataclass
class Samples:
    """Records drawn from a cache: people as ``{"id", "area", "data"}``, households as
    (id, address text), rental housing and enterprise ids."""

    people: list[dict[str, Any]] = field(default_factory=list)
    households: list[tuple[str, str]] = field(default_factory=list)
    rentals: list[str] = field(default_factory=list)
    enterprises: list[str] = field(default_factory=list)


def sample_cache(store: CacheStore, seed: int, size: int = SAMPLE) -> Samples:
    """Up to ``size`` people and households and up to LINK_SAMPLE rental homes and enterprises,
    read at random rowids of the cache's record table (uniform over records; the same cache
    and seed give the same sample). Point reads by rowid stay cheap at district scale, where
    scanning 9M records for their kind would not."""
    samples = Samples()
    with store.read() as conn:
        top = conn.exec_driver_sql("SELECT max(rid) FROM record").scalar() or 0
        rids = random.Random(seed).sample(range(1, top + 1), min(top, PROBE_BUDGET))
        for start in range(0, len(rids), PROBE_BATCH):
            batch = rids[start:start + PROBE_BATCH]
            rows = conn.exec_driver_sql(
                f"SELECT rid, kind, id, area, data FROM record WHERE rid IN ({','.join('?' * len(batch))})",
                tuple(batch)).all()
            order = {rid: i for i, rid in enumerate(batch)}
            for _rid, kind, record_id, area, data in sorted(rows, key=lambda r: order[r[0]]):
                _offer(samples, kind, record_id, area, data, size)
            if (min(len(samples.people), len(samples.households)) >= size
                    and min(len(samples.rentals), len(samples.enterprises)) >= min(size, LINK_SAMPLE)):
                break
    return samples


def _offer(samples: Samples, kind: str, record_id: str, area: str, data: str, size: int) -> None:
    if kind == "person" and len(samples.people) < size:
        person = orjson.loads(data)
        if person.get("name"):
            samples.people.append({"id": record_id, "area": area, "data": person})
    elif kind == "household" and len(samples.households) < size:
        address = (orjson.loads(data).get("address") or {}).get("text") or ""
        samples.households.append((record_id, address))
    elif kind == "rental_housing" and len(samples.rentals) < min(size, LINK_SAMPLE):
        samples.rentals.append(record_id)
    elif kind == "enterprise" and len(samples.enterprises) < min(size, LINK_SAMPLE):
        samples.enterprises.append(record_id)


def query_inputs(samples: Samples, count: int, seed: int) -> dict[str, list[Any]]:
    """Text a worker would type, per search kind, drawn from the sampled people."""
    from casework.cache.pinyin import name_initials, name_readings

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
        "pinyin initials": [name_initials(n)[0] for n in pick(names) if name_initials(n)],
        "pinyin (full)": ["".join(name_readings(n)[0]) for n in pick(names) if name_readings(n)],
        "pinyin (surname only)": [name_readings(n)[0][0] for n in pick(names) if name_readings(n)],
        "pinyin (initial + full given name)": [r[0][0] + "".join(r[1:]) for r in
                                               (name_readings(n)[0] for n in pick(names) if name_readings(n))
                                               if len(r) > 1],
        "id number (whole)": pick(ids),
        "id number (last 6)": [i[-6:] for i in pick(ids)],
        "id number (last 4)": [i[-4:] for i in pick(ids)],
        "phone (whole)": pick(phones),
        "phone (last 4)": [p[-4:] for p in pick(phones)],
        "address fragment": [a[-9:-3] for a in pick(addresses)],
    }


def timed_ms(fn: Callable[[Any], Any], inputs: list[Any]) -> tuple[list[float], list[Any]]:
    """Wall milliseconds of ``fn`` on each input (after a warm-up on the first ten), and the results."""
    for item in inputs[:10]:
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


def measure_queries(store: CacheStore, samples: Samples, count: int, seed: int) -> dict[str, Any]:
    """p50/p95/max and how often something was found, per search kind, for the household query
    and the two link views; ``count`` timed queries each."""
    from casework.cache.household_view import enterprise_view, household_view, rental_housing_view
    from casework.cache.search import search_people

    rng = random.Random(seed + 1)
    figures: dict[str, Any] = {}
    for kind, inputs in query_inputs(samples, count, seed).items():
        if not inputs:
            continue
        times, results = timed_ms(lambda text: search_people(store, text), inputs)
        figures[kind] = percentiles(times) | {
            "found_share": sum(1 for r in results if r) / len(results),
            "mean_hits": sum(len(r) for r in results) / len(results)}
    if samples.households:
        households = [rng.choice(samples.households)[0] for _ in range(count)]
        times, results = timed_ms(lambda hid: household_view(store, hid), households)
        found = [r for r in results if r]
        figures[HOUSEHOLD] = percentiles(times) | {
            "found_share": len(found) / len(results),
            "mean_members": sum(len(r.members) for r in found) / max(1, len(found)),
            "mean_facts": sum(sum(len(m.facts) for m in r.members) for r in found) / max(1, len(found))}
    for name, pool, view in (("rental housing view", samples.rentals, rental_housing_view),
                             ("enterprise view", samples.enterprises, enterprise_view)):
        if pool:
            ids = [rng.choice(pool) for _ in range(count)]
            times, results = timed_ms(lambda rid, view=view: view(store, rid), ids)
            figures[name] = percentiles(times) | {"found_share": sum(1 for r in results if r) / len(results)}
    return figures


def target_of(query: str) -> float | None:
    """The p95 target in ms of a kind of query (None: the link views have none)."""
    if query == HOUSEHOLD:
        return HOUSEHOLD_P95_MS
    return None if "view" in query else SEARCH_P95_MS


def query_targets(queries: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per query with a target: ``{"target_p95_ms", "p95_ms", "met"}`` (for the --json output)."""
    return {name: {"target_p95_ms": target, "p95_ms": q["p95_ms"], "met": q["p95_ms"] <= target}
            for name, q in queries.items() if (target := target_of(name)) is not None}


def print_queries(queries: dict[str, Any], indent: str = "  ") -> None:
    """One line per query: p50/p95/max, share found, target and whether it is met."""
    print(f"{indent}{'query':28} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'found':>6}  target")
    for name, q in queries.items():
        target = target_of(name)
        verdict = "" if target is None else (
            f"p95 <= {target:.0f}: {'met' if q['p95_ms'] <= target else 'NOT met'}")
        print(f"{indent}{name:28} {q['p50_ms']:8.2f} {q['p95_ms']:8.2f} {q['max_ms']:8.2f}"
              f" {q['found_share']:6.0%}  {verdict}")


def load_average() -> float:
    """The 1-minute load average, reported beside wall-time latencies (2 cores, shared)."""
    return round(os.getloadavg()[0], 2)
