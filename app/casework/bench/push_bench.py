"""``casework bench push``: how fast the hub takes the frontline's edits, on PostgreSQL.

A fresh database (dropped afterwards) with a generated street; ``casework hub serve
--workers 2`` on a loopback port; 20 clients (threads, each its own user and HTTP connection)
push 10,000 ops in all at once, in batches of 100: per batch 40 new cases, a note on each, and
20 updates of cases made earlier — every op goes through the write service (authorised,
validated, merged, revision, feed seq, summary totals, idempotency record).

Figures:
- ops/s applied (wall time from the first push to the last answer);
- beside it, a bare insert of the same rows in the same run: the same number of records'
  envelope columns inserted into a plain copy of the ``record`` table by the same 20 clients,
  100 rows per transaction (what the database alone can take). Target: ≥ 30%;
- latency of a 100-op batch under that load (p50, p95, max);
- save-to-feed: an update pushed by one user until another user's pull returns it
  (``save_to_feed_seconds``, for the client's "save on A to B's screen" measurement).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import re
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

TARGET_RATIO = 0.30
STREET = "440104001"  # 北京街
DISTRICT = "440104"
PASSWORD = "bench-push-password-1"
BATCH = 100
CREATES_PER_BATCH = 40  # + a note each, + 20 updates


def configure(parser: argparse.ArgumentParser) -> None:
    from casework.bench.pg_temp import DEFAULT_PG

    parser.add_argument("--pg", default=DEFAULT_PG, metavar="URL",
                        help="PostgreSQL server (a database on it to connect to for CREATE DATABASE)")
    parser.add_argument("--clients", type=int, default=20, help="clients pushing at once (default 20)")
    parser.add_argument("--ops", type=int, default=10_000, help="ops in all (default 10,000)")
    parser.add_argument("--households", type=int, default=2_000,
                        help="households of the street (default 2,000)")
    parser.add_argument("--workers", type=int, default=2, help="hub worker processes (default 2)")
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class Client:
    """One pushing user: its batches, ready to send, and what came back."""

    username: str
    batches: list[list[dict[str, Any]]] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)


def plan_batches(households: list[tuple[str, str]], ops: int) -> list[list[dict[str, Any]]]:
    """Batches of 100 ops over ``households`` ((household id, a person of it)): per batch 40 new
    cases, a note on each, and 20 updates of the batch's (or the previous batch's) cases."""
    batches: list[list[dict[str, Any]]] = []
    made: list[str] = []
    turn = 0
    while sum(len(b) for b in batches) < ops:
        batch: list[dict[str, Any]] = []
        cases = []
        for _ in range(CREATES_PER_BATCH):
            household, person = households[turn % len(households)]
            turn += 1
            case_id = _new_id()
            cases.append((case_id, household))
            batch.append({"op_id": _new_id(), "kind": "case", "id": case_id, "action": "create", "data": {
                "household_id": household, "person_ids": [person], "category": "assistance",
                "status": "open", "priority": "normal", "assigned_to": "bench",
                "summary": "入户走访，了解情况。",
                "next_contact": "2026-12-20", "tags": ["bench"]}})
        for case_id, household in cases:
            batch.append({"op_id": _new_id(), "kind": "case_note", "id": _new_id(), "action": "append",
                          "data": {
                "case_id": case_id, "household_id": household, "written_at": "2026-12-02T09:30:00+08:00",
                "channel": "visit", "text": "走访记录：家中情况稳定。", "offline": False}})
        targets = (made[-BATCH:] or [c for c, _ in cases])
        for index in range(BATCH - len(batch)):
            batch.append({"op_id": _new_id(), "kind": "case", "id": targets[index % len(targets)],
                          "action": "update", "changes": {"priority": {"from": "normal", "to": "high"}}})
        made.extend(c for c, _ in cases)
        batches.append(batch[:ops - sum(len(b) for b in batches)])
    return batches


def start_hub(url: str, workers: int, timeout: float = 300.0) -> tuple[subprocess.Popen, str]:
    """``casework hub serve`` on a free loopback port, in a session of its own (so stopping it
    stops its workers); returns the process and its base URL once every worker answers."""
    import tempfile

    import httpx

    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (read if the start fails; closed with the process)
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; from casework.cli import main; sys.exit(main(sys.argv[1:]))",
         "hub", "serve", "--db", url, "--port", "0", "--workers", str(workers)],
        stdout=subprocess.PIPE, stderr=log, text=True, start_new_session=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:(\d+)", line)
    base = f"http://127.0.0.1:{found.group(1)}" if found else ""
    deadline = time.monotonic() + timeout
    answered = 0
    while found and time.monotonic() < deadline and process.poll() is None:
        try:  # several answers in a row: each worker has started (they share the socket)
            answered = answered + 1 if httpx.get(f"{base}/api/v1/health", timeout=5).status_code == 200 else 0
            if answered >= 4 * workers:
                log.close()
                return process, base
        except httpx.HTTPError:
            answered = 0
            time.sleep(0.2)
    stop_hub(process)
    log.seek(0)
    told = log.read()[-2000:]
    log.close()
    raise RuntimeError(f"the hub did not start: {line!r} {told}")


def stop_hub(process: subprocess.Popen) -> None:
    import os
    import signal

    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    if process.stdout is not None:
        process.stdout.close()


def token(base: str, username: str, device: str = "bench-pc") -> dict[str, str]:
    import httpx

    response = httpx.post(f"{base}/api/v1/auth/token", timeout=60,
                          json={"username": username, "password": PASSWORD, "device_id": device})
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def push_all(base: str, clients: list[Client], headers: dict[str, dict[str, str]]) -> float:
    """Every client pushes its batches one after the other, all clients at once; wall seconds."""
    import httpx
    import orjson

    bodies = {c.username: [orjson.dumps({"ops": b}) for b in c.batches] for c in clients}
    start = threading.Barrier(len(clients) + 1)
    failures: list[str] = []

    def run(client: Client) -> None:
        with httpx.Client(base_url=base, timeout=300,
                          headers={**headers[client.username], "content-type": "application/json"}) as http:
            start.wait()
            for body in bodies[client.username]:
                began = time.perf_counter()
                response = http.post("/api/v1/sync/push", content=body)
                client.latencies.append(time.perf_counter() - began)
                if response.status_code != 200:
                    failures.append(f"{client.username}: HTTP {response.status_code} {response.text[:200]}")
                    return
                for result in response.json()["results"]:
                    client.statuses[result["status"]] = client.statuses.get(result["status"], 0) + 1

    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    start.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - began
    if failures:
        raise RuntimeError(failures[0])
    return seconds


def bare_insert(url: str, clients: int, batches_of_rows: list[list[dict[str, Any]]],
                serialized: bool = False) -> float:
    """The same rows into a plain copy of ``record`` (its columns and indexes, no checks), 100
    rows per transaction, by ``clients`` connections at once; wall seconds. ``serialized``: each
    transaction first takes the feed lock, as every hub write does (commit-order seqs), which
    shows how much of the difference is that one lock."""
    from sqlalchemy import column, insert, table, text

    from casework.hub.db import make_engine
    from casework.hub.feed_writer import lock_feed
    from casework.hub.schema import Record

    engine = make_engine(url, pool_size=clients, max_overflow=0)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS bare_record"))
            conn.execute(text("CREATE TABLE bare_record (LIKE record INCLUDING ALL)"))
        bare = table("bare_record", *(column(c.name) for c in Record.__table__.columns))
        per_client = [batches_of_rows[i::clients] for i in range(clients)]
        start = threading.Barrier(clients + 1)

        def run(batches: list[list[dict[str, Any]]]) -> None:
            with engine.connect() as conn:
                start.wait()
                for rows in batches:
                    with conn.begin():
                        if serialized:
                            lock_feed(conn)
                        conn.execute(insert(bare), rows)

        threads = [threading.Thread(target=run, args=(b,)) for b in per_client]
        for t in threads:
            t.start()
        start.wait()
        began = time.perf_counter()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - began
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE bare_record"))
        return seconds
    finally:
        engine.dispose()


def written_rows(url: str, ops: int) -> list[list[dict[str, Any]]]:
    """The records the push wrote (as stored), in batches of 100, as the bare insert's input."""
    from sqlalchemy import select

    from casework.hub.db import make_engine
    from casework.hub.schema import Record

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(
                select(Record.__table__).where(Record.kind.in_(["case", "case_note"])).order_by(Record.seq))]
    finally:
        engine.dispose()
    # an update rewrites a record the bare insert writes once: pad with copies under new ids to
    # insert as many rows as there were ops
    padded = list(rows)
    while len(padded) < ops:
        padded.append({**rows[len(padded) % len(rows)], "id": _new_id()})
    for index, row in enumerate(padded):
        row["seq"] = index + 1
    return [padded[i:i + BATCH] for i in range(0, ops, BATCH)]


def save_to_feed_seconds(base: str, writer: dict[str, str], reader: dict[str, str], case_id: str,
                         priority: tuple[str, str], timeout: float = 30.0) -> float:
    """Seconds from pushing a change as one user until another user's pull of the feed returns
    it: the hub's part of "saved on A, seen on B after B's next sync"."""
    import httpx

    with httpx.Client(base_url=base, timeout=30) as http:
        summary = http.get("/api/v1/sync/summary", headers=reader).json()
        cursor = summary["cursor"]
        began = time.perf_counter()
        response = http.post("/api/v1/sync/push", headers=writer, json={"ops": [{
            "op_id": _new_id(), "kind": "case", "id": case_id, "action": "update",
            "changes": {"priority": {"from": priority[0], "to": priority[1]}}}]})
        response.raise_for_status()
        while time.perf_counter() - began < timeout:
            page = http.get("/api/v1/sync/changes", params={"after": cursor}, headers=reader).json()
            for change in page["changes"]:
                if change["id"] == case_id and change["data"]["priority"] == priority[1]:
                    return time.perf_counter() - began
            cursor = page["cursor"]
    raise TimeoutError("the change never reached the other user's feed")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from casework.bench.pg_temp import temporary_database
    from casework.demo.bulk_load import load_district
    from casework.demo.generator import generate_district
    from casework.hub.auth import AuthSettings
    from casework.hub.db import make_engine
    from casework.hub.schema import Record
    from casework.hub.users import add_user

    results: dict[str, Any] = {"machine": platform.platform(), "clients": args.clients, "ops": args.ops,
                               "hub_workers": args.workers}
    with temporary_database(args.pg, prefix="casework_push_bench") as url:
        _say(f"[push] generating {args.households:,} households of street {STREET} …")
        load_district(url, generate_district(args.households, args.seed, DISTRICT, [STREET]))
        engine = make_engine(url)
        try:
            with engine.connect() as conn:
                people = conn.execute(select(Record.household_id, Record.id)
                                      .where(Record.kind == "person").order_by(Record.id)).all()
            fast = AuthSettings.fast_for_tests()
            names = [f"bench_push_{i:02d}" for i in range(args.clients)] + ["bench_reader"]
            for name in names:
                add_user(engine, name, PASSWORD, "social_worker", [STREET], "internal", settings=fast)
        finally:
            engine.dispose()
        first_person: dict[str, str] = {}
        for household, person in people:
            first_person.setdefault(household, person)
        households = sorted(first_person.items())
        per_client = args.ops // args.clients
        clients = []
        for index in range(args.clients):
            share = households[index::args.clients]  # each client its own households
            clients.append(Client(names[index], plan_batches(share, per_client)))
        total_ops = sum(len(b) for c in clients for b in c.batches)

        process, base = start_hub(url, args.workers)
        try:
            headers = {name: token(base, name) for name in names}
            _say(f"[push] {args.clients} clients pushing {total_ops:,} ops in batches of {BATCH} "
                 f"to a hub of {args.workers} workers …")
            seconds = push_all(base, clients, headers)
            statuses: dict[str, int] = {}
            for c in clients:
                for status, count in c.statuses.items():
                    statuses[status] = statuses.get(status, 0) + count
            latencies = [t for c in clients for t in c.latencies]
            case_id = clients[0].batches[0][0]["id"]
            feed = [save_to_feed_seconds(base, headers[names[0]], headers["bench_reader"], case_id, pair)
                    for pair in [("high", "urgent"), ("urgent", "normal"), ("normal", "high")] * 3]
        finally:
            stop_hub(process)

        _say("[push] bare insert of the same rows …")
        rows = written_rows(url, total_ops)
        bare_seconds = bare_insert(url, args.clients, rows)
        serial_seconds = bare_insert(url, args.clients, rows, serialized=True)

    applied = statuses.get("applied", 0) + statuses.get("conflict", 0)
    rate = applied / seconds
    bare_rate = total_ops / bare_seconds
    results.update({
        "statuses": statuses, "push_seconds": round(seconds, 3), "ops_per_second": round(rate, 1),
        "bare_insert_seconds": round(bare_seconds, 3), "bare_rows_per_second": round(bare_rate, 1),
        "ratio": round(rate / bare_rate, 3), "target_ratio": TARGET_RATIO,
        "bare_insert_under_feed_lock_rows_per_second": round(total_ops / serial_seconds, 1),
        "ratio_to_bare_under_feed_lock": round(rate * serial_seconds / total_ops, 3),
        "batch_latency_seconds": {"p50": round(_percentile(latencies, 0.50), 4),
                                  "p95": round(_percentile(latencies, 0.95), 4),
                                  "max": round(max(latencies), 4), "batches": len(latencies)},
        "save_to_feed_seconds": {"p50": round(_percentile(feed, 0.5), 4), "max": round(max(feed), 4)},
    })
    results["target_met"] = results["ratio"] >= TARGET_RATIO
    print(f"push: {applied:,} ops applied in {seconds:.2f} s = {rate:,.0f} ops/s "
          f"(statuses {statuses})")
    print(f"bare insert under the feed lock: {results['bare_insert_under_feed_lock_rows_per_second']:,.0f} "
          f"rows/s; ratio {results['ratio_to_bare_under_feed_lock']:.1%}")
    print(f"bare insert of the same rows: {bare_rate:,.0f} rows/s; ratio {results['ratio']:.1%} "
          f"(target {TARGET_RATIO:.0%}: {'met' if results['target_met'] else 'NOT met'})")
    lat = results["batch_latency_seconds"]
    print(f"100-op batch latency: p50 {lat['p50'] * 1000:.0f} ms, p95 {lat['p95'] * 1000:.0f} ms, "
          f"max {lat['max'] * 1000:.0f} ms over {lat['batches']} batches")
    feed_p50 = results["save_to_feed_seconds"]["p50"]
    print(f"save on one client to the other's pull: p50 {feed_p50 * 1000:.0f} ms")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(results, out, ensure_ascii=False, indent=2)
    return 0 if applied == total_ops else 1
