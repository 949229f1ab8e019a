"""``casework bench push-soak``: push under faults, then count at the hub that every op was
applied exactly once — 0 lost, 0 duplicated.

Against a real hub (``casework hub serve`` in its own process, SQLite in the workdir):

1. Kills: a client's outbox gets a few dozen edits (notes, case updates, audit events of
   opened households); ``casework sync`` — a real process — starts, and at a random moment of
   its push gets SIGKILL: a pass-through proxy counts its push requests, and the kill comes a
   random 0–``KILL_JITTER`` s after a random one of them arrives (while the hub applies that
   batch, while its answer travels, or while the client settles it). Each kill is classed by
   what the hub and the cache hold after it: mid-push (ops not yet answered), answer lost (the
   hub answered every op, the cache had not settled them all) or after the push (killed in the
   pull); ``--kills`` counts the first two. One to three kills a trial, then a sync runs to
   its end.
2. Faults: another client pushes its outbox (``--ops`` edits in all) through ``FaultProxy``,
   which answers a share of push requests with a fault: the connection dropped mid-answer, a
   502 after the hub applied the batch, a 503 before it saw it, or an answer held past the
   client's timeout. The push retries; when it gives up, the soak pushes again.
3. Latency: the time from a save on client A to the change in client B's cache, A's sync and
   B's next sync included.

Then every op's trace in the hub's tables is counted (``push_check.check_hub``).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casework import paths

STREET = "440104001"
KILL_JITTER = 0.15  # seconds after a push request's arrival; about one batch's round trip
KILL_USER = "soak_push_a"
FAULT_USER = "soak_push_b"
PEER_USER = "soak_push_c"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kills", type=int, default=50, help="SIGKILLs of a pushing client (default 50)")
    parser.add_argument("--ops", type=int, default=1000,
                        help="ops pushed through the fault proxy (default 1000)")
    parser.add_argument("--ops-per-trial", type=int, default=40, help="edits queued before each kill trial")
    parser.add_argument("--batch", type=int, default=10, help="ops per push batch (small: many batches)")
    parser.add_argument("--fault-rate", type=float, default=0.35, help="share of push requests faulted")
    parser.add_argument("--timeout", type=float, default=1.0, help="the faulted client's read timeout (s)")
    parser.add_argument("--latency-trials", type=int, default=20)
    parser.add_argument("--households", type=int, default=60)
    parser.add_argument("--seed", type=int, default=817)
    parser.add_argument("--workdir", metavar="DIR", help="default: a temporary folder")
    parser.add_argument("--cheap-keys", action="store_true",
                        help="cheap key-file parameters for the soak's throwaway profiles (the test suite)")


@dataclass
class SoakReport:
    kills: int = 0
    kill_trials: int = 0
    finished_before_kill: int = 0
    push_kills: int = 0  # kills that landed in the push (mid-push or answer lost)
    ops_tried: int = 0
    kill_ops: int = 0
    fault_ops: int = 0
    faults: dict[str, int] = field(default_factory=dict)  # injected by the proxy, by type
    push_gave_up: int = 0  # pushes that ran out of retries (pushed again)
    applied: int = 0
    lost: int = 0
    duplicated: int = 0
    not_applied: dict[str, int] = field(default_factory=dict)
    left_in_outbox: int = 0  # pending or rejected at the end, both clients
    latencies: list[float] = field(default_factory=list)
    # At each kill, the share of the trial's ops the hub had answered: 0 (none yet), 1 (all),
    # or in between — the kills land all over the push.
    kill_shares: list[float] = field(default_factory=list)
    kill_moments: dict[str, int] = field(default_factory=dict)  # mid_push | answer_lost | after_push
    examples: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.duplicated == 0 and self.left_in_outbox == 0 and not self.not_applied


@contextmanager
def _home(home: Path):
    paths.set_home(home)
    try:
        yield
    finally:
        paths.set_home(None)


CHEAP_KEYS = [False]  # --cheap-keys: new key files with KdfParams.fast() (tests only)


def _session(home: Path, hub_url: str, user: str, **options: Any):
    from casework.bench.sync_support import BENCH_PASSWORD
    from casework.cache.keys import KdfParams
    from casework.sync.session import sign_in

    if CHEAP_KEYS[0]:
        options.setdefault("kdf_params", KdfParams.fast())
    with _home(home):
        return sign_in(hub_url, user, BENCH_PASSWORD, **options)


def _sync_process(home: Path, hub_url: str, user: str, batch: int) -> subprocess.Popen:
    from casework.bench.sync_support import BENCH_PASSWORD

    env = {**os.environ, "CASEWORK_HOME": str(home), "CASEWORK_PASSWORD": BENCH_PASSWORD,
           "CASEWORK_PUSH_BATCH": str(batch), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "casework.cli", "sync", "--hub", hub_url, "--user", user]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finish(process: subprocess.Popen) -> tuple[int, str]:
    output, _ = process.communicate(timeout=600)
    return process.returncode, output


def _leftovers(home: Path, hub_url: str, user: str) -> int:
    from casework.cache import outbox

    session = _session(home, hub_url, user, contact_hub=False)
    with session:
        return outbox.pending_count(session.store, audit=True) + len(outbox.rejected(session.store))


def _prepared_client(home: Path, hub_url: str, user: str, cases: int, **options: Any):
    """A signed-in, synced client with ``cases`` cases of its own at the hub; (session, cases,
    households, the ops that made them)."""
    from casework.bench import push_check
    from casework.sync.round_trip import sync

    session = _session(home, hub_url, user, **options)
    sync(session)
    households = push_check.household_ids(session.store, 8)
    case_ids = push_check.new_cases(session.store, households, user, cases)
    made = push_check._pending(session.store)
    sync(session)
    tried = [push_check.Tried(e.op_id, e.kind, e.action, e.record_id) for e in made]
    return session, case_ids, households, tried


def _answered(db_url: str, user: str) -> int:
    """Ops of ``user`` the hub has answered (applied or in conflict)."""
    from sqlalchemy import text

    from casework.hub import db

    engine = db.make_engine(db_url)
    try:
        with engine.connect() as conn:
            query = text("SELECT count(*) FROM applied_op WHERE username = :u")
            return conn.execute(query, {"u": user}).scalar_one()
    finally:
        engine.dispose()


def kill_phase(hub_url: str, db_url: str, workdir: Path, args: argparse.Namespace, rng: random.Random,
               report: SoakReport) -> list[Any]:
    """SIGKILL ``casework sync`` at random moments of its push; returns the ops tried."""
    from casework.bench import push_check
    from casework.bench.fault_proxy import FaultProxy
    from casework.bench.sync_support import say

    home = workdir / "kills"
    with FaultProxy(hub_url) as proxy:
        session, case_ids, households, tried = _prepared_client(home, proxy.url, KILL_USER, 4)
        session.close()

        def queue(label: str) -> None:
            with _home(home):
                s = _session(home, proxy.url, KILL_USER, contact_hub=False)
                with s:
                    tried.extend(push_check.write_ops(s.store, rng, args.ops_per_trial, case_ids, households,
                                                      KILL_USER, label))

        while report.push_kills < args.kills:
            report.kill_trials += 1
            before = _answered(db_url, KILL_USER)
            queue(f"trial {report.kill_trials}")
            for _ in range(rng.randint(1, 3)):
                if report.push_kills >= args.kills:
                    break
                unanswered = args.ops_per_trial - (_answered(db_url, KILL_USER) - before)
                batches = max(1, -(-unanswered // args.batch))  # at least this many requests to come
                target = proxy.watched + rng.randint(1, batches)
                process = _sync_process(home, proxy.url, KILL_USER, args.batch)
                while proxy.watched < target and process.poll() is None:
                    time.sleep(0.005)
                if proxy.watched >= target:
                    time.sleep(rng.uniform(0, KILL_JITTER))
                if process.poll() is not None:  # its push ended first: nothing left to kill it in
                    _finish(process)
                    report.finished_before_kill += 1
                    break
                os.kill(process.pid, signal.SIGKILL)
                report.kills += 1
                _finish(process)
                share = (_answered(db_url, KILL_USER) - before) / args.ops_per_trial
                report.kill_shares.append(share)
                unsettled = _leftovers(home, proxy.url, KILL_USER)
                moment = "after_push" if not unsettled else "answer_lost" if share >= 1 else "mid_push"
                report.kill_moments[moment] = report.kill_moments.get(moment, 0) + 1
                report.push_kills += moment != "after_push"
            code, output = _finish(_sync_process(home, proxy.url, KILL_USER, args.batch))
            if code != 0:
                report.examples.append(f"kill trial {report.kill_trials}: the finishing sync exited {code}: "
                                       f"{output[-300:]}")
            if report.kill_trials % 5 == 0:
                say(f"  {report.push_kills} kills in the push ({report.kills} in all), "
                    f"{report.kill_trials} trials")
        report.left_in_outbox += _leftovers(home, proxy.url, KILL_USER)
    report.kill_ops = len(tried)
    return tried


def fault_phase(hub_url: str, workdir: Path, args: argparse.Namespace, rng: random.Random,
                report: SoakReport) -> list[Any]:
    """Push ``--ops`` edits through the fault proxy until all are answered; the ops tried."""
    from casework.bench import push_check
    from casework.bench.fault_proxy import FAULTS, Fault, FaultProxy
    from casework.bench.sync_support import say
    from casework.sync.hub_client import HubUnreachable
    from casework.sync.pull import pull
    from casework.sync.push import push

    order = list(FAULTS)
    rng.shuffle(order)
    turn = [0]

    def plan(method: str, path: str) -> Fault:
        if method != "POST" or not path.endswith("/sync/push") or rng.random() >= args.fault_rate:
            return Fault.PASS
        turn[0] += 1
        return order[turn[0] % len(order)]  # each fault in turn: every type is met

    home = workdir / "faults"
    with FaultProxy(hub_url, plan, stall_seconds=args.timeout * 1.5) as proxy:
        session, case_ids, households, tried = _prepared_client(home, proxy.url, FAULT_USER, 5)
        with session:
            tried.extend(push_check.write_ops(session.store, rng, args.ops, case_ids, households, FAULT_USER,
                                              "faults"))
            report.fault_ops = len(tried)
            while True:
                try:
                    result = push(session, batch_size=args.batch, backoff=0.05, timeout=args.timeout)
                except HubUnreachable:
                    report.push_gave_up += 1
                    continue
                if result.complete:
                    break
            pull(session)
            say(f"fault phase: {len(tried)} ops pushed; faults injected {dict(proxy.injected)}")
        report.faults = dict(proxy.injected)
        report.left_in_outbox += _leftovers(home, proxy.url, FAULT_USER)
    return tried


def latency_phase(hub_url: str, workdir: Path, trials: int) -> list[float]:
    """Seconds from a save on client A to the change in client B's cache, both syncs included."""
    from casework.cache import cases, edits
    from casework.sync.round_trip import sync

    home = workdir / "latency"
    a, case_ids, _, _ = _prepared_client(home, hub_url, FAULT_USER, 1)
    b = _session(home, hub_url, PEER_USER)
    found = []
    with a, b:
        sync(b)
        for i in range(trials):
            value = f"延迟测试 {i}"
            started = time.perf_counter()
            edits.update_record(a.store, "case", case_ids[0], {"summary": value}, user=FAULT_USER)
            sync(a)
            sync(b)
            seen = cases.case(b.store, case_ids[0])
            if seen is None or seen.summary != value:
                raise RuntimeError(f"client B does not show the change after its sync: {seen}")
            found.append(time.perf_counter() - started)
    return found


def soak(args: argparse.Namespace) -> SoakReport:
    """The whole soak against a hub process of its own; the figures."""
    from casework.bench import push_check
    from casework.bench.sync_support import ensure_user, hub_process, prepare_hub_db

    started = time.monotonic()
    CHEAP_KEYS[0] = bool(getattr(args, "cheap_keys", False))
    rng = random.Random(args.seed)
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="casework-push-soak-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db_url = f"sqlite:///{workdir / 'hub.db'}"
    prepare_hub_db(db_url, args.households, args.seed, [STREET])
    for user in (KILL_USER, FAULT_USER, PEER_USER):
        ensure_user(db_url, user, "social_worker", [STREET])
    report = SoakReport()
    with hub_process(db_url, workdir / "hub.log") as url:
        tried = kill_phase(url, db_url, workdir, args, rng, report) if args.kills > 0 else []
        tried += fault_phase(url, workdir, args, rng, report) if args.ops > 0 else []
        if args.latency_trials > 0:
            report.latencies = latency_phase(url, workdir, args.latency_trials)
    check = push_check.check_hub(db_url, tried)
    report.ops_tried, report.applied = check.tried, check.applied
    report.lost, report.duplicated, report.not_applied = check.lost, check.duplicated, check.not_applied
    report.examples += check.examples
    report.seconds = time.monotonic() - started
    return report


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def run(args: argparse.Namespace) -> int:
    report = soak(args)
    faults = ", ".join(f"{name} {count}" for name, count in sorted(report.faults.items())) or "none"
    print(f"push soak ({report.seconds:.0f} s): {report.ops_tried:,} ops tried "
          f"({report.kill_ops:,} under kills, {report.fault_ops:,} through the fault proxy)")
    moments = report.kill_moments
    print(f"  kills: {report.kills} SIGKILLs of casework sync over {report.kill_trials} trials, "
          f"{report.push_kills} in its push: {moments.get('mid_push', 0)} mid-push, "
          f"{moments.get('answer_lost', 0)} after the hub answered every op but before the cache settled "
          f"them; {moments.get('after_push', 0)} after the push (in the pull); "
          f"{report.finished_before_kill} runs finished before their kill")
    shares = report.kill_shares
    if shares:
        print(f"  at the kills, the trial's ops the hub had answered: none {sum(s == 0 for s in shares)}, "
              f"some {sum(0 < s < 1 for s in shares)}, all {sum(s >= 1 for s in shares)} (kills)")
    print(f"  faults injected: {sum(report.faults.values())} ({faults}); "
          f"{report.push_gave_up} pushes ran out of retries and were pushed again")
    print(f"  at the hub: {report.applied:,} applied exactly once, {report.lost} lost, "
          f"{report.duplicated} duplicated"
          + (f", not applied: {report.not_applied}" if report.not_applied else ""))
    print(f"  left in the clients' outboxes: {report.left_in_outbox}")
    if report.latencies:
        ms = [s * 1000 for s in report.latencies]
        print(f"  save on A → change in B's cache (A's sync and B's next sync included), {len(ms)} "
              f"trials: median {statistics.median(ms):.0f} ms, p95 {_percentile(ms, 0.95):.0f} ms, "
              f"max {max(ms):.0f} ms")
    for example in report.examples:
        print(f"  ! {example}")
    print("  OK" if report.ok else "  FAILED")
    return 0 if report.ok else 1
