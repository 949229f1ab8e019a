"""Push: send the outbox to the hub, oldest first, in batches, and settle each answer locally.

An op leaves the ``pending`` state only in the local transaction that records the hub's answer
to it (``outbox.settle``): applied, in conflict (kept until the pull brings the record with its
conflicts) or rejected (kept, with the hub's reason, until the user lets it go). Anything that
interrupts a push — the client killed, the connection dropped mid-answer, a 502/503 from a proxy,
an answer that never comes, the hub restarted — leaves the ops pending, and the next attempt
sends them again with the same ``op_id``: the hub answers an op it has seen with its first
result and changes nothing. So there is no duplicate and no loss, only a resend.

Within one push, transient failures are retried a few times with backoff before giving up with
``HubUnreachable`` (the next sync resumes). A batch the hub refuses whole as malformed (4xx) is
sent op by op, so one bad op is rejected alone and never blocks the ones behind it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx
import orjson
from pydantic import ValidationError

from casework.cache import outbox
from casework.cache.outbox import OutboxEntry
from casework.sync.hub_client import HubClient, HubError, HubUnreachable
from casework.wire.v1 import MAX_BODY_BYTES, MAX_PUSH_OPS, PushOp

log = logging.getLogger(__name__)

TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})  # a proxy or a busy/restarting hub: try again
MAX_BATCH_BYTES = MAX_BODY_BYTES - 64_000  # room for the envelope under the hub's body limit
ATTEMPTS = 4  # sends of one batch before the push gives up (the next sync resumes)
BACKOFF = 0.5  # seconds before the first retry; doubled each time


Answer = tuple[OutboxEntry, dict[str, Any]]  # an entry and the hub's OpResult for it


class SessionLike(Protocol):
    store: Any
    client: HubClient


@dataclass(frozen=True)
class PushProgress:
    """Ops answered so far and how many there are, for the sync's progress bar."""

    done: int
    total_estimate: int
    phase: str = "push"


@dataclass
class PushResult:
    batches: int = 0  # batches answered
    sent: int = 0  # ops answered (resends of an interrupted batch count once)
    applied: int = 0
    conflicts: int = 0
    rejected: int = 0
    retries: int = 0  # batches sent again after a transient failure
    faults: dict[str, int] = field(default_factory=dict)  # transient failures met, by type
    remaining: int = 0  # ops still pending at the end
    complete: bool = False  # nothing pending is left
    cancelled: bool = False
    seconds: float = 0.0


def _fault_of(exc: HubUnreachable) -> str:
    cause = exc.__cause__
    if isinstance(cause, httpx.TimeoutException):
        return "timeout"
    if isinstance(cause, httpx.ConnectError):
        return "refused"
    return "dropped"  # the connection closed or broke mid-request or mid-answer


def _refusal(entry: OutboxEntry, code: str, message: str) -> dict[str, Any]:
    return {"op_id": entry.op_id, "status": outbox.REJECTED, "error": {"code": code, "message": message}}


class _Pusher:
    def __init__(self, session: SessionLike, progress: Callable[[PushProgress], None] | None,
                 cancel: threading.Event | None, batch_size: int, attempts: int, backoff: float,
                 timeout: float | None) -> None:
        if not 1 <= batch_size <= MAX_PUSH_OPS:
            raise ValueError(f"batch_size must be 1..{MAX_PUSH_OPS}, got {batch_size}")
        self.store, self.client = session.store, session.client
        self.progress, self.cancel = progress, cancel or threading.Event()
        self.batch_size, self.attempts, self.backoff = batch_size, max(1, attempts), backoff
        self.timeout = timeout
        self.result = PushResult()

    # -- one batch ---------------------------------------------------------------------------

    def sendable(self, entries: list[OutboxEntry]) -> tuple[list[OutboxEntry], list[Answer]]:
        """The entries that fit one request, in order, and local refusals of ops that can never
        be sent (not a valid wire op, or larger than a request may be)."""
        batch: list[OutboxEntry] = []
        refused: list[Answer] = []
        size = 0
        for entry in entries:
            try:
                PushOp.model_validate(entry.op)
            except ValidationError as exc:
                why = f"本机数据无效 invalid op: {exc.errors()[:1]}"
                refused.append((entry, _refusal(entry, "invalid_op", why)))
                continue
            op_bytes = len(orjson.dumps(entry.op)) + 1
            if op_bytes > MAX_BATCH_BYTES:
                why = "此修改过大，无法上传。 This edit is too large to send."
                refused.append((entry, _refusal(entry, "too_large", why)))
                continue
            if batch and size + op_bytes > MAX_BATCH_BYTES:
                break
            batch.append(entry)
            size += op_bytes
        return batch, refused

    def send(self, entries: list[OutboxEntry]) -> list[Answer]:
        """The hub's answer to each entry; retries transient failures, splits a refused batch."""
        for attempt in range(self.attempts):
            try:
                return self.match(entries, self.client.push([dict(e.op) for e in entries], self.timeout))
            except HubUnreachable as exc:
                fault, failure = _fault_of(exc), exc
            except HubError as exc:
                if exc.status in TRANSIENT_STATUSES:
                    fault, failure = f"http_{exc.status}", exc
                elif 400 <= exc.status < 500 and len(entries) > 1:
                    log.warning("hub refused a batch of %d ops whole (%s): sending them one by one",
                                len(entries), exc.code)
                    return [answer for entry in entries for answer in self.send([entry])]
                elif 400 <= exc.status < 500:
                    return [(entries[0], _refusal(entries[0], exc.code, exc.message))]
                else:
                    raise
            self.result.faults[fault] = self.result.faults.get(fault, 0) + 1
            if attempt + 1 == self.attempts or self.cancel.wait(self.backoff * 2 ** attempt):
                raise HubUnreachable(f"{failure.message}\n待上传的修改已保留，下次同步时重新发送。"
                                     " Unsent edits are kept and go with the next sync.") from failure
            self.result.retries += 1
            log.info("push of %d ops failed (%s); sending them again (attempt %d)", len(entries), fault,
                     attempt + 2)
        raise AssertionError("unreachable")

    @staticmethod
    def match(entries: list[OutboxEntry], response: dict[str, Any]) -> list[Answer]:
        results = response.get("results") if isinstance(response, dict) else None
        if not isinstance(results, list) or [r.get("op_id") for r in results] != [e.op_id for e in entries]:
            raise HubError("中心的回答与所发送的修改不符。 The hub's answer does not match the ops sent.",
                           code="push_mismatch", status=200)
        for result in results:
            if result.get("status") not in (outbox.APPLIED, outbox.CONFLICT, outbox.REJECTED):
                raise HubError(f"中心回答了未知状态 unknown op status {result.get('status')!r}",
                               code="push_mismatch", status=200)
        return list(zip(entries, results, strict=True))

    def settle(self, answers: list[Answer]) -> None:
        with self.store._write() as conn:
            outbox.settle(conn, answers)
        for _entry, result in answers:
            self.result.sent += 1
            status = result["status"]
            if status == outbox.APPLIED:
                self.result.applied += 1
            elif status == outbox.CONFLICT:
                self.result.conflicts += 1
            else:
                self.result.rejected += 1
                log.warning("hub rejected op %s: %s", result["op_id"], result.get("error"))

    # -- the whole outbox --------------------------------------------------------------------

    def run(self) -> None:
        outbox.prune(self.store)
        total = outbox.pending_count(self.store, audit=True)
        while True:
            if self.cancel.is_set():
                self.result.cancelled = True
                break
            entries = outbox.batch(self.store, self.batch_size)
            if not entries:
                self.result.complete = True
                break
            batch, refused = self.sendable(entries)
            if refused:
                self.settle(refused)
            if batch:
                self.settle(self.send(batch))
                self.result.batches += 1
            total = max(total, self.result.sent)
            if self.progress is not None:
                self.progress(PushProgress(self.result.sent, total))


def push(session: SessionLike, progress: Callable[[PushProgress], None] | None = None,
         cancel: threading.Event | None = None, *, batch_size: int = MAX_PUSH_OPS,
         attempts: int = ATTEMPTS, backoff: float = BACKOFF, timeout: float | None = None) -> PushResult:
    """Send every pending op of the session's outbox, oldest first, in batches of at most
    ``batch_size``; each answer is settled locally as it comes. ``cancel`` stops between batches;
    ``timeout`` (seconds for each batch's answer) replaces the client's own.
    Raises ``HubUnreachable`` when a batch could not be answered after ``attempts`` tries,
    ``AuthFailed`` when the token is refused, ``HubError`` for anything else the hub refuses:
    what was answered before stays settled, the rest stays pending for the next sync."""
    started = time.monotonic()
    pusher = _Pusher(session, progress, cancel, batch_size, attempts, backoff, timeout)
    try:
        pusher.run()
    finally:
        pusher.result.remaining = outbox.pending_count(session.store, audit=True)
        pusher.result.seconds = time.monotonic() - started
    return pusher.result
