"""``casework bench``: performance benchmarks, each a subcommand in its own module.

To add one, write a module with ``configure(parser)`` and ``run(args) -> int`` (like the
top-level commands) and list it in ``BENCHMARKS``. Every listed module is imported to
declare its options, so keep heavy imports (the hub, Qt) inside ``run``.
"""

from __future__ import annotations

import argparse
import importlib

# name → (module, one-line help)
BENCHMARKS: dict[str, tuple[str, str]] = {
    "hub": ("casework.bench.hub_bench",
            "generation and change-feed serving rate on PostgreSQL, beside a bare SELECT"),
    "ui": ("casework.bench.ui_bench",
           "desktop app responsiveness: event-loop gaps during sync, search as you type, cold start"),
    "client-sync": ("casework.bench.client_sync",
                    "client initial and incremental sync beside the bare decode-and-insert limit"),
    "client-queries": ("casework.bench.client_queries",
                       "encrypted cache ingest beside the bare limit; search and household query latency"),
    "kill-soak": ("casework.bench.kill_soak",
                  "SIGKILL casework sync at random moments; the end state must equal a clean sync"),
    "push": ("casework.bench.push_bench",
             "20 clients pushing 10,000 ops to a 2-worker hub on PostgreSQL, beside a bare insert"),
    "push-soak": ("casework.bench.push_soak",
                  "push under SIGKILLs and a fault proxy; every op applied at the hub exactly once"),
}


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="benchmark", metavar="BENCHMARK", required=True)
    for name, (module_name, help_text) in BENCHMARKS.items():
        bench_parser = sub.add_parser(name, help=help_text, description=help_text)
        module = importlib.import_module(module_name)
        module.configure(bench_parser)
        bench_parser.set_defaults(_bench_run=module.run)


def run(args: argparse.Namespace) -> int:
    return int(args._bench_run(args) or 0)
