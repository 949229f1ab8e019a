"""``casework sync --hub URL --user NAME``: sign in, push local edits, bring the cache up to date.

The same ``sign_in`` and ``round_trip.sync`` (push, then pull) as the desktop app. Ctrl-C
cancels between batches and pages (what was written stays; the next sync resumes).
``CASEWORK_SYNC_PAGE_LIMIT`` sets the page size and ``CASEWORK_PUSH_BATCH`` the ops per push
batch, for scripts and tests that want many small pages or batches.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time

from casework.sync.cli_common import (
    EXIT_CANCELLED,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_UNREACHABLE,
    EXIT_UNVERIFIED,
    CliExit,
    add_profile_arguments,
    open_session,
    run_command,
)
from casework.sync.hub_client import AuthFailed, HubError, HubUnreachable
from casework.sync.pull import PullProgress, PullResult
from casework.sync.push import PushProgress, PushResult
from casework.sync.round_trip import sync
from casework.wire.v1 import DEFAULT_PAGE_LIMIT, MAX_PUSH_OPS

PAGE_LIMIT_ENV = "CASEWORK_SYNC_PAGE_LIMIT"
PUSH_BATCH_ENV = "CASEWORK_PUSH_BATCH"


def configure(parser: argparse.ArgumentParser) -> None:
    add_profile_arguments(parser)
    parser.add_argument("--page-limit", type=int, metavar="N",
                        default=int(os.environ.get(PAGE_LIMIT_ENV, DEFAULT_PAGE_LIMIT)),
                        help=f"records per page (default {DEFAULT_PAGE_LIMIT}, or ${PAGE_LIMIT_ENV})")
    parser.add_argument("--deep-check", action="store_true",
                        help="recount the cache's records for the check against the hub (a full scan; "
                             "finds a cache damaged or changed outside the app)")


class ProgressLine:
    """One updating line on a terminal; whole lines (at most ~5 a second) when piped."""

    def __init__(self, stream=sys.stderr, interval: float = 0.2) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.interval = interval
        self.last = 0.0
        self.latest: PullProgress | None = None

    def __call__(self, p: PullProgress | PushProgress, *, final: bool = False) -> None:
        if isinstance(p, PushProgress):
            self.stream.write(f"上传 pushing: {p.done:,} / {p.total_estimate:,}\n")
            self.stream.flush()
            return
        self.latest = p
        now = time.monotonic()
        if not final and now - self.last < self.interval:
            return
        self.last = now
        percent = 100 * p.done // p.total_estimate if p.total_estimate else 100
        label = {"repair": "修复 repairing", "index": "建立搜索索引 building the search index"}.get(
            p.phase, "同步 syncing")
        text = f"{label}: {p.done:,} / {p.total_estimate:,} ({percent}%)"
        if self.tty:
            self.stream.write("\r" + text.ljust(60) + ("\n" if final else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()


def _push_report(result: PushResult) -> str:
    """What went up: pushed (answered) ops, of which conflicts and rejections, and what is left."""
    text = (f"已上传 pushed {result.sent:,} ops: {result.applied:,} applied, {result.conflicts:,} conflicts, "
            f"{result.rejected:,} rejected; {result.remaining:,} pending")
    if result.retries:
        text += f" ({result.retries} batches sent again after {sum(result.faults.values())} network faults)"
    return text


def _report(result: PullResult) -> str:
    state = "已核对 verified against the hub" if result.verified else "未能核对 NOT verified"
    parts = [f"已同步 synced {result.changes:,} changes ({result.upserts:,} upserts, "
             f"{result.removes:,} removes) in {result.pages:,} pages, {result.seconds:.1f} s; {state}"]
    if result.scope_reset:
        parts.append("权限范围已变化，缓存已重建。Scope changed: the cache was rebuilt.")
    if result.repaired_kinds:
        parts.append(f"已修复 repaired: {', '.join(result.repaired_kinds)}")
    return "\n".join(parts)


def _sync(args: argparse.Namespace) -> int:
    session = open_session(args, contact_hub=True)
    with session:
        if not session.online:
            raise CliExit(EXIT_UNREACHABLE,
                          "中心无法连接，未同步。The hub cannot be reached: nothing synced.")
        cancel = threading.Event()

        def on_interrupt(_signum, _frame) -> None:
            if cancel.is_set():
                raise KeyboardInterrupt
            print("\n正在取消… cancelling after this page (Ctrl-C again to stop now)", file=sys.stderr)
            cancel.set()

        previous = signal.signal(signal.SIGINT, on_interrupt)
        line = ProgressLine()
        try:
            both = sync(session, progress=line, cancel=cancel, page_limit=args.page_limit,
                        deep_check=args.deep_check,
                        push_batch=int(os.environ.get(PUSH_BATCH_ENV, MAX_PUSH_OPS)))
            result = both.pull
        except HubUnreachable as exc:
            raise CliExit(EXIT_UNREACHABLE,
                          f"{exc.message}\n已写入的页面保留 pages written are kept.") from exc
        except AuthFailed as exc:
            raise CliExit(EXIT_REFUSED, exc.message) from exc
        except HubError as exc:
            raise CliExit(EXIT_FAILED, exc.message) from exc
        finally:
            signal.signal(signal.SIGINT, previous)
        if result.cancelled:
            print(f"\n已取消 cancelled: {result.changes:,} changes kept; the next sync resumes.",
                  file=sys.stderr)
            return EXIT_CANCELLED
        if line.latest is not None:
            line(line.latest, final=True)
        print(_push_report(both.push))
        print(_report(result))
        return EXIT_OK if result.verified else EXIT_UNVERIFIED


def run(args: argparse.Namespace) -> int:
    return run_command(_sync, args)
