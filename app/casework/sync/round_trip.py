"""One sync: push the outbox first, then pull — the CLI's and the app's sync both call this.

Pushing first means the pull already brings back what this client just saved (merged with
everyone else's edits), so the answered outbox entries can be let go at the end of the same
sync (``outbox.prune``), and a conflict the push met arrives with the record it belongs to.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from casework.cache import outbox
from casework.sync.pull import PullResult, pull
from casework.sync.push import PushResult, SessionLike, push
from casework.wire.v1 import DEFAULT_PAGE_LIMIT, MAX_PUSH_OPS


@dataclass
class SyncResult:
    push: PushResult
    pull: PullResult

    @property
    def cancelled(self) -> bool:
        return self.push.cancelled or self.pull.cancelled


def sync(session: SessionLike, progress: Callable[[Any], None] | None = None,
         cancel: threading.Event | None = None, *, page_limit: int = DEFAULT_PAGE_LIMIT,
         deep_check: bool = False, push_batch: int = MAX_PUSH_OPS) -> SyncResult:
    """Push, then pull (``progress`` gets ``PushProgress`` then ``PullProgress`` reports). Errors
    propagate as from ``push`` and ``pull``; what either committed before stays."""
    pushed = push(session, progress=progress, cancel=cancel, batch_size=push_batch)
    if pushed.cancelled:
        return SyncResult(pushed, PullResult(cancelled=True))
    pulled = pull(session, progress=progress, cancel=cancel, page_limit=page_limit, deep_check=deep_check)
    if pulled.complete:
        outbox.prune(session.store)
    return SyncResult(pushed, pulled)
