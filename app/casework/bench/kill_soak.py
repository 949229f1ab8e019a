"""``casework bench kill-soak --kills 50``: SIGKILL ``casework sync`` at random moments of an
initial sync, sync again, and check the cache ends exactly as a clean sync leaves it.

Each trial starts from an empty profile and kills one to three ``casework sync`` processes
at random times (uniform over a clean sync's duration, small pages so there are many page
boundaries to land between), then lets one run finish. The end state — every record id with
its version, per the cache itself — must equal the hub's visible set read straight from the
hub's feed, and the finishing sync must report its summary check passed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from casework import paths

# The hub side is imported inside the functions: ``casework bench`` imports every benchmark
# module just to list its options.
BENCH_PASSWORD = "bench-password-1"  # casework.bench.sync_support.BENCH_PASSWORD

STREET = "440104001"
USER = "soak_street"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kills", type=int, default=50, help="SIGKILLs to deliver in total (default 50)")
    parser.add_argument("--households", type=int, default=400, help="households in the soak street")
    parser.add_argument("--page-limit", type=int, default=20, help="records per page (small: many pages)")
    parser.add_argument("--seed", type=int, default=1348)
    parser.add_argument("--db", metavar="URL", help="hub database (default: a SQLite file in the workdir)")
    parser.add_argument("--workdir", metavar="DIR", help="default: a temporary folder")


def cached_cursor(home: Path, hub_url: str) -> int:
    """The cache's cursor after a kill; 0 when the kill came before the cache key existed."""
    from casework.sync.session import NoOfflineProfile, sign_in

    paths.set_home(home)
    try:
        with sign_in(hub_url, USER, BENCH_PASSWORD, contact_hub=False) as session:
            return session.store.cursor
    except NoOfflineProfile:
        return 0
    finally:
        paths.set_home(None)


def _sync_command(home: Path, hub_url: str, page_limit: int) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ, "CASEWORK_HOME": str(home), "CASEWORK_PASSWORD": BENCH_PASSWORD,
           "CASEWORK_SYNC_PAGE_LIMIT": str(page_limit)}
    return [sys.executable, "-m", "casework.cli", "sync", "--hub", hub_url, "--user", USER], env


def run_sync(home: Path, hub_url: str, page_limit: int) -> tuple[int, float, float, str]:
    """One ``casework sync`` to the end: (exit code, seconds, seconds until the first page was
    written — its first progress line — and the output)."""
    command, env = _sync_command(home, hub_url, page_limit)
    started = time.monotonic()
    first_page = 0.0
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    for line in process.stderr:  # progress lines come on stderr, one per page at most 5 a second
        if not first_page and "同步" in line:
            first_page = time.monotonic() - started
        lines.append(line)
    stdout = process.stdout.read()
    process.wait(timeout=600)
    process.stdout.close()
    process.stderr.close()
    return process.returncode, time.monotonic() - started, first_page, stdout + "".join(lines)


def kill_sync_after(home: Path, hub_url: str, page_limit: int, delay: float) -> bool:
    """Start ``casework sync`` and SIGKILL it after ``delay`` s; False if it finished first."""
    command, env = _sync_command(home, hub_url, page_limit)
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        return True


def run(args: argparse.Namespace) -> int:
    from casework.bench.sync_support import (
        cached_versions,
        ensure_user,
        hub_process,
        hub_visible_versions,
        prepare_hub_db,
        say,
    )

    rng = random.Random(args.seed)
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="casework-kill-soak-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db_url = args.db or f"sqlite:///{workdir / 'hub.db'}"
    prepare_hub_db(db_url, args.households, args.seed, [STREET])
    ensure_user(db_url, USER, "social_worker", [STREET])
    reference = hub_visible_versions(db_url, USER)
    say(f"hub: {len(reference):,} records visible to {USER}")
    report: dict[str, Any] = {"kills": 0, "trials": 0, "finished_before_kill": 0, "mismatches": 0,
                              "kill_cursors": []}
    with hub_process(db_url, workdir / "hub.log") as url:
        clean_home = workdir / "clean"
        shutil.rmtree(clean_home, ignore_errors=True)
        code, clean_seconds, first_page, output = run_sync(clean_home, url, args.page_limit)
        clean = cached_versions(clean_home, url, USER, BENCH_PASSWORD)
        if code != 0 or clean != reference:
            print(f"the clean sync itself is wrong (exit {code}):\n{output}")
            return 1
        say(f"clean sync: {clean_seconds:.1f} s (process start included; first page written at "
            f"{first_page:.1f} s), {len(clean):,} records")
        while report["kills"] < args.kills:
            home = workdir / f"trial-{report['trials']}"
            shutil.rmtree(home, ignore_errors=True)
            report["trials"] += 1
            for _ in range(rng.randint(1, 3)):
                if report["kills"] >= args.kills:
                    break
                # Three kills in four land while pages are written, the rest anywhere (start-up,
                # sign-in and key creation included).
                earliest = first_page if rng.random() < 0.75 else 0.2
                if kill_sync_after(home, url, args.page_limit, rng.uniform(earliest, clean_seconds)):
                    report["kills"] += 1
                    report["kill_cursors"].append(cached_cursor(home, url))
                else:
                    report["finished_before_kill"] += 1
            code, _, _, output = run_sync(home, url, args.page_limit)
            ended = cached_versions(home, url, USER, BENCH_PASSWORD)
            if code != 0 or ended != reference:
                report["mismatches"] += 1
                missing = len(set(reference) - set(ended))
                extra = len(set(ended) - set(reference))
                print(f"trial {report['trials']}: exit {code}, {missing} missing, {extra} extra, "
                      f"{sum(1 for k in reference if k in ended and ended[k] != reference[k])} "
                      f"other versions\n{output[-1500:]}")
            shutil.rmtree(home, ignore_errors=True)
            say(f"  trial {report['trials']}: {report['kills']} kills so far, "
                f"{report['mismatches']} mismatches")
    cursors = sorted(report["kill_cursors"])
    top = max(cursors) if cursors else 0
    spread = len({c * 10 // max(top, 1) for c in cursors})
    print(f"kill soak: {report['kills']} SIGKILLs over {report['trials']} trials "
          f"({report['finished_before_kill']} runs finished before their kill), "
          f"{len(reference):,} records, pages of {args.page_limit}")
    print(f"  cursors at the kills: min {cursors[0] if cursors else 0}, median "
          f"{cursors[len(cursors) // 2] if cursors else 0}, max {top}; {spread} of 10 deciles hit; "
          f"{sum(1 for c in cursors if c == 0)} before the first page")
    print(f"  end state equal to a clean sync: {report['trials'] - report['mismatches']}/{report['trials']} "
          f"trials" + ("" if report["mismatches"] == 0 else "  ← FAILED"))
    return 0 if report["mismatches"] == 0 else 1
