"""``casework bench ui``: does the window stay responsive?

Three figures, each beside a bare limit measured in the same run:

1. The longest gap between event-loop ticks during a full sync of a street, seen by a probe
   QTimer (5 ms) in the real main window while the real sync runs against a hub in its own
   process — beside the same probe on an idle window. Target: < 100 ms.
2. Search as you type at district scale: keystrokes go to the real search box; the time from
   each keystroke to its results in the table — beside the bare query time of the same text
   through the service. Target: results within 100 ms.
3. Cold start to a usable window with a street in the cache (a fresh process: Qt, unlock,
   window, first paint) — beside a bare ``QApplication`` process start, with the app's CPU
   seconds (less sensitive to a busy machine than the wall time). Target: < 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from casework import paths
from casework.bench import ui_district

STREET = "440104001"
PROBE_MS = 5
TARGETS = {"sync_gap_ms": 100.0, "search_ms": 100.0, "cold_start_s": 2.0}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--households", type=int, default=20_000,
                        help="households of the street synced for figures 1 and 3 (default 20,000)")
    parser.add_argument("--street-db", metavar="URL",
                        help="hub database of the street (reused when it holds records)")
    parser.add_argument("--district-db", metavar="URL",
                        help="hub database of the district (reused when it holds records, e.g. the "
                             "PostgreSQL one `casework bench client-sync --scale district` made)")
    parser.add_argument("--district-households", type=int, default=500_000,
                        help="households of the district cache for figure 2 (default 500,000)")
    parser.add_argument("--skip", choices=["sync", "search", "start"], action="append", default=[],
                        help="leave out a figure (repeatable)")
    parser.add_argument("--workdir", metavar="DIR",
                        help="where the caches go (default CASEWORK_HOME/bench/ui); the district "
                             "cache is kept there and reused")
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from casework.bench.sync_support import ensure_user, hub_process, prepare_hub_db

    workdir = Path(args.workdir) if args.workdir else paths.home() / "bench" / "ui"
    workdir.mkdir(parents=True, exist_ok=True)
    figures: dict[str, Any] = {}
    street_home = workdir / "street-home"
    street_db = args.street_db or f"sqlite:///{workdir / f'street-{args.households}.db'}"
    user = "bench_ui_street"
    if "sync" not in args.skip or "start" not in args.skip:
        prepare_hub_db(street_db, args.households, args.seed, [STREET])
        ensure_user(street_db, user, "social_worker", [STREET])
    from casework.ui.application import create_application

    create_application("zh")
    if "sync" not in args.skip:
        with hub_process(street_db, workdir / "street-hub.log") as url:
            figures["sync"] = measure_sync_gaps(url, user, street_home)
    if "search" not in args.skip:
        figures["search"] = ui_district.measure_search(workdir, args.district_households, args.seed,
                                                       args.district_db)
    if "start" not in args.skip:
        if not (street_home / "profiles").exists():
            print("cold start needs the street cache: run without --skip sync first")
        else:
            figures["start"] = measure_cold_start(street_db, user, street_home)
    print_report(figures)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    return 0


# -- 1. event-loop gaps during a street sync ---------------------------------------------------

def measure_sync_gaps(hub_url: str, user: str, home: Path) -> dict[str, Any]:
    from casework.bench.sync_support import BENCH_PASSWORD, say
    from casework.ui import preload
    from casework.ui.settings import Settings
    from casework.ui.startup import make_parts, open_window

    shutil.rmtree(home, ignore_errors=True)
    paths.set_home(home)
    preload.start()  # as `casework app` does at launch (it ends long before a user starts a sync)
    parts = make_parts(Settings())
    settings = parts.settings
    settings.auto_sync_minutes = 0
    signed_in = parts.services.sign_in(hub_url, user, BENCH_PASSWORD)
    window = open_window(parts, signed_in, start_sync=False)  # as the app opens it
    probe = EventLoopProbe()
    probe.run_for(2.0)
    idle = probe.summary()
    say("syncing the street in the window …")
    probe.reset()
    probe.start()
    started = time.perf_counter()
    outcome: list[Any] = []
    window.sync.synced.connect(outcome.append)
    window.sync.sync_now()
    probe.wait_until(lambda: bool(outcome), timeout=1800)
    seconds = time.perf_counter() - started
    probe.stop()
    during = probe.summary()
    window.close()
    parts.close()
    paths.set_home(None)
    return {"records": outcome[0].changes, "sync_seconds": round(seconds, 2), "idle": idle,
            "during_sync": during}


class EventLoopProbe:
    """A 5 ms timer; the gaps between its ticks are how long the UI thread was busy."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(PROBE_MS)
        self._timer.timeout.connect(self._tick)
        self.ticks: list[float] = []

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def reset(self) -> None:
        self.ticks.clear()

    def run_for(self, seconds: float) -> None:
        self.start()
        self.spin(seconds)
        self.stop()

    @staticmethod
    def spin(seconds: float) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(round(seconds * 1000), loop.quit)
        loop.exec()

    def wait_until(self, condition: Any, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not condition() and time.monotonic() < deadline:
            self.spin(0.05)

    def summary(self) -> dict[str, float]:
        gaps = sorted((b - a) * 1000 for a, b in zip(self.ticks, self.ticks[1:], strict=False))
        if not gaps:
            return {"ticks": 0}
        return {"ticks": len(self.ticks), "max_gap_ms": round(gaps[-1], 1),
                "p99_gap_ms": round(gaps[int(len(gaps) * 0.99)], 1),
                "median_gap_ms": round(statistics.median(gaps), 1)}


# -- 3. cold start --------------------------------------------------------------------------------

def measure_cold_start(street_db: str, user: str, home: Path, runs: int = 5) -> dict[str, Any]:
    """Offline (nothing answers at the profile's hub address) and online (the hub is back on
    the same address, as the profile is kept per hub address). Python's bytecode is cached as
    an installed app has it (one warm-up start writes it; not counted). Besides the wall times
    (median and best of ``runs``), the app's CPU seconds until its window is painted: other
    processes busy on this machine lengthen the first, hardly the second."""
    hub_url = json.loads((home / "last_profile.json").read_text())["hub_url"]
    bare = [time_process([sys.executable, "-c", _BARE_QT], ("READY",))[0][0] for _ in range(runs + 1)][1:]
    time_app_start(home)  # warm-up: writes the bytecode cache
    offline = [time_app_start(home) for _ in range(runs)]
    from casework.bench.sync_support import hub_process

    with hub_process(street_db, home.parent / "start-hub.log", port=int(hub_url.rsplit(":", 1)[1])):
        online = [time_app_start(home) for _ in range(runs)]

    def median(values: list[tuple[float, float, float]], i: int) -> float:
        return round(statistics.median(v[i] for v in values), 3)

    def best(values: list[tuple[float, float, float]], i: int) -> float:
        return round(min(v[i] for v in values), 3)

    return {"bare_qt_s": round(statistics.median(bare), 3),
            "offline_dialog_s": median(offline, 0), "offline_window_s": median(offline, 1),
            "offline_window_best_s": best(offline, 1), "offline_window_cpu_s": median(offline, 2),
            "online_dialog_s": median(online, 0), "online_window_s": median(online, 1),
            "online_window_best_s": best(online, 1), "online_window_cpu_s": median(online, 2),
            "runs": runs, "load_average": round(os.getloadavg()[0], 1)}


_BARE_QT = ("import os; os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen');"
            "from PySide6.QtWidgets import QApplication, QWidget; app = QApplication([]);"
            "w = QWidget(); w.show(); print('READY', flush=True)")


def time_app_start(home: Path) -> tuple[float, float, float]:
    """Seconds from launch to the unlock dialog and to the painted main window, and the CPU
    seconds the app had used by then (all its threads)."""
    from casework.bench.sync_support import BENCH_PASSWORD

    marks = time_process([sys.executable, "-m", "casework.bench.ui_coldstart", str(home)],
                         ("DIALOG", "READY"), env={"CASEWORK_PASSWORD": BENCH_PASSWORD})
    cpu = float(marks[1][1].split("cpu=")[1].split()[0])
    return marks[0][0], marks[1][0], cpu


def time_process(command: list[str], marks: tuple[str, ...], env: dict[str, str] | None = None,
                 ) -> list[tuple[float, str]]:
    """Seconds from launch until each of ``marks`` starts a line of the process's output, with
    that line. The process runs with Python's bytecode cache on (in a folder of its own), as
    installed apps do."""
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {}),
                "PYTHONPYCACHEPREFIX": str(paths.home() / "bench" / "pycache")}
    full_env.pop("PYTHONDONTWRITEBYTECODE", None)
    seen: list[tuple[float, str]] = []
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, env=full_env, text=True)
        assert process.stdout is not None
        for line in process.stdout:
            if len(seen) < len(marks) and line.startswith(marks[len(seen)]):
                seen.append((time.perf_counter() - started, line.strip()))
        process.wait(timeout=60)
        if len(seen) < len(marks):
            errors.seek(0)
            raise RuntimeError(f"{command[1:3]} never printed {marks[len(seen)]}: "
                               f"{errors.read().decode()[-2000:]}")
    return seen


# -- report ----------------------------------------------------------------------------------------

def print_report(figures: dict[str, Any]) -> None:
    print("\ncasework bench ui")
    if "sync" in figures:
        f = figures["sync"]
        gap = f["during_sync"].get("max_gap_ms", float("nan"))
        idle = f["idle"].get("max_gap_ms", float("nan"))
        print(f"  1. longest event-loop gap during a street sync ({f['records']:,} records, "
              f"{f['sync_seconds']} s): {gap} ms (p99 {f['during_sync'].get('p99_gap_ms')} ms); "
              f"idle window: {idle} ms; ratio {gap / idle:.1f}×; target < {TARGETS['sync_gap_ms']:.0f} ms "
              f"→ {'met' if gap < TARGETS['sync_gap_ms'] else 'NOT met'}")
    if "search" in figures:
        ui_district.print_search_report(figures["search"], TARGETS["search_ms"])
    if "start" in figures:
        f = figures["start"]
        worst = max(f["offline_window_s"], f["online_window_s"])
        print(f"  3. cold start with a street in the cache (median of {f['runs']}; load average "
              f"{f['load_average']} on this machine): unlock dialog on screen after "
              f"{f['offline_dialog_s']} s; main window painted after {f['offline_window_s']} s offline "
              f"(best {f['offline_window_best_s']} s), {f['online_window_s']} s online (best "
              f"{f['online_window_best_s']} s), the password entered as the dialog appears; app CPU "
              f"by then {f['offline_window_cpu_s']} s offline, {f['online_window_cpu_s']} s online; "
              f"bare Qt process {f['bare_qt_s']} s (ratio {worst / f['bare_qt_s']:.1f}×); target < "
              f"{TARGETS['cold_start_s']} s → {'met' if worst < TARGETS['cold_start_s'] else 'NOT met'}")
