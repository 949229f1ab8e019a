"""Pull sync: bring the cache up to the hub's change feed, then prove it holds the visible set.

Each page is written with its cursor in one transaction (``CacheStore.apply_page``), so a
crash or a kill at any moment leaves the cache at a page boundary and the next pull resumes
there. A new scope epoch means the user's scope or clearance changed: the cache is emptied and
pulled again from the start. At the end the cache's holdings (count and checksum per kind) are
compared with ``/sync/summary``; a kind that differs is logged and refetched — a sync never
reports "complete" on a cache it has not checked (OpenSRP #817). A pull that brings nothing
new to a cache already checked at the same cursor skips asking: the summary is a full count
on the hub, and an idle client syncing every few minutes should not cost it one each time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from casework.domain.checksum import checksum_of
from casework.sync.hub_client import DEVICE_REVOKED, AuthFailed, HubClient, HubError, HubUnreachable
from casework.sync.page_stream import Cancelled, PageStream, page_cursor
from casework.wire.v1 import DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, decode_cursor

log = logging.getLogger(__name__)

VERIFIED_CURSOR_META = "sync_verified_cursor"  # the cursor at which the last check passed
VERIFY_ATTEMPTS = 4  # pull-and-compare rounds before giving up on a hub that keeps moving
MAX_EPOCH_RESETS = 3  # scope changes tolerated within one pull
EMPTY_CHECKSUM = checksum_of([])


class CacheLike(Protocol):
    """What pull needs of ``casework.cache.store.CacheStore``."""

    @property
    def cursor(self) -> int: ...
    @property
    def scope_epoch(self) -> int | None: ...
    def apply_page(self, changes: list[dict[str, Any]], cursor: int, scope_epoch: int) -> None: ...
    def reset(self) -> None: ...
    def drop_kind(self, kind: str) -> None: ...
    def holdings(self) -> dict[str, tuple[int, str]]: ...
    def recount_holdings(self) -> dict[str, tuple[int, str]]: ...
    @property
    def index_ready(self) -> bool: ...
    def meta(self, key: str, default: str | None = None) -> str | None: ...
    def set_meta(self, key: str, value: str) -> None: ...
    def ensure_indexes(self, progress: Callable[[str], None] | None = None) -> bool: ...


class SessionLike(Protocol):
    store: Any
    client: HubClient


@dataclass(frozen=True)
class PullProgress:
    """Changes written so far and the estimated total, for a progress bar. ``phase`` is
    ``"pull"`` for the feed, ``"index"`` while the search index is built after a first pull,
    ``"repair"`` while refetching kinds that failed the check."""

    done: int
    total_estimate: int
    phase: str = "pull"


@dataclass
class PullResult:
    pages: int = 0
    changes: int = 0  # upserts + removes written
    upserts: int = 0
    removes: int = 0
    cursor: int = 0  # the cache's cursor at the end
    scope_epoch: int | None = None
    complete: bool = False  # reached the end of the feed and the summary check ran
    verified: bool = False  # holdings equal the hub's summary at the same cursor
    checked: bool = False  # the summary was asked for in this pull (skipped when nothing changed)
    cancelled: bool = False
    scope_reset: bool = False  # the cache was emptied for a new scope epoch
    repaired_kinds: list[str] = field(default_factory=list)
    mismatches: list[dict[str, Any]] = field(default_factory=list)  # what the check found
    seconds: float = 0.0
    check_seconds: float = 0.0  # of which: asking for the summary and comparing holdings


ProgressCallback = Callable[[PullProgress], None]


class _LockedStore:
    """The store with every use taken under the caller's lock, page by page, so other threads
    (the app's search) can use the same cache between pages of a long pull."""

    def __init__(self, store: CacheLike, lock: AbstractContextManager[Any]) -> None:
        self._store, self._lock = store, lock

    @property
    def cursor(self) -> int:
        with self._lock:
            return self._store.cursor

    @property
    def scope_epoch(self) -> int | None:
        with self._lock:
            return self._store.scope_epoch

    def apply_page(self, changes: list[dict[str, Any]], cursor: int, scope_epoch: int) -> None:
        with self._lock:
            self._store.apply_page(changes, cursor, scope_epoch)

    def reset(self) -> None:
        with self._lock:
            self._store.reset()

    def drop_kind(self, kind: str) -> None:
        with self._lock:
            self._store.drop_kind(kind)

    def holdings(self) -> dict[str, tuple[int, str]]:
        with self._lock:
            return self._store.holdings()

    def recount_holdings(self) -> dict[str, tuple[int, str]]:
        with self._lock:
            return self._store.recount_holdings()

    @property
    def index_ready(self) -> bool:
        return self._store.index_ready

    def meta(self, key: str, default: str | None = None) -> str | None:
        with self._lock:
            return self._store.meta(key, default)

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._store.set_meta(key, value)

    def ensure_indexes(self, progress: Callable[[str], None] | None = None) -> bool:
        with self._lock:
            return self._store.ensure_indexes(progress)


class _Tracker:
    """Progress reports: ``done`` only grows; the total is an estimate until the end. A first
    pull knows it from the summary's counts; a later pull only learns it page by page."""

    def __init__(self, callback: ProgressCallback | None, estimate: int, page_limit: int) -> None:
        self.callback = callback
        self.done = 0
        self.estimate = max(estimate, 0)
        self.page_limit = page_limit

    def advance(self, n: int, has_more: bool) -> None:
        self.done += n
        self.estimate = max(self.estimate, self.done + (self.page_limit if has_more else 0))
        if self.callback is not None:
            self.callback(PullProgress(self.done, self.estimate))

    def finish(self) -> None:
        self.estimate = self.done
        if self.callback is not None:
            self.callback(PullProgress(self.done, self.done))


def _visible_total(summary: dict[str, Any]) -> int:
    return sum(int(k["count"]) for k in summary.get("kinds", {}).values())


def compare_holdings(holdings: dict[str, tuple[int, str]],
                     summary_kinds: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Kinds where the cache and the hub disagree, with both sides' count and checksum."""
    differences = []
    for kind in sorted(set(holdings) | set(summary_kinds)):
        local_count, local_sum = holdings.get(kind, (0, EMPTY_CHECKSUM))
        hub = summary_kinds.get(kind, {"count": 0, "checksum": EMPTY_CHECKSUM})
        if int(local_count) != int(hub["count"]) or str(local_sum) != str(hub["checksum"]):
            differences.append({"kind": kind, "local_count": int(local_count), "local_checksum": local_sum,
                                "hub_count": int(hub["count"]), "hub_checksum": hub["checksum"]})
    return differences


class _Puller:
    def __init__(self, store: CacheLike, client: HubClient, page_limit: int,
                 cancel: threading.Event | None, progress: ProgressCallback | None,
                 deep_check: bool = False) -> None:
        if not 1 <= page_limit <= MAX_PAGE_LIMIT:
            raise ValueError(f"page_limit must be 1..{MAX_PAGE_LIMIT}, got {page_limit}")
        self.store, self.client, self.limit = store, client, page_limit
        self.cancel, self.progress = cancel, progress
        self.deep_check = deep_check
        self.result = PullResult()
        self.epoch_resets = 0
        self.tracker = _Tracker(progress, 0, page_limit)

    def _reset_for_epoch(self, new_epoch: int) -> None:
        self.epoch_resets += 1
        if self.epoch_resets > MAX_EPOCH_RESETS:
            raise HubError("用户权限范围在同步期间反复变化，请稍后再试。"
                           " The user's scope kept changing during the sync; try again later.",
                           code="scope_unstable", status=200)
        log.warning("scope epoch changed from %s to %s: emptying the cache and pulling it again",
                    self.store.scope_epoch, new_epoch)
        self.store.reset()
        self.result.scope_reset = True

    def pull_to_end(self) -> None:
        """Pull from the cache's cursor to the end of the feed; restarts from 0 on a new epoch."""
        while True:
            restart = False
            with PageStream(self.client, self.store.cursor, self.limit, cancel=self.cancel) as pages:
                for page in pages:
                    epoch = int(page["scope_epoch"])
                    if self.store.cursor > 0 and epoch != self.store.scope_epoch:
                        self._reset_for_epoch(epoch)
                        restart = True
                        break
                    self._apply(page, epoch)
            if not restart:
                return

    def _apply(self, page: dict[str, Any], epoch: int) -> None:
        changes = page["changes"]
        self.store.apply_page(changes, page_cursor(page), epoch)
        removes = sum(1 for c in changes if c["op"] == "remove")
        self.result.pages += 1
        self.result.removes += removes
        self.result.upserts += len(changes) - removes
        self.result.changes += len(changes)
        self.tracker.advance(len(changes), bool(page.get("has_more")))

    def repair(self, kinds: list[str], target: int, expected: int) -> None:
        """Drop ``kinds`` and refetch them from the start of the feed up to ``target`` (the
        cache's cursor), leaving the cursor where it is; later changes come with the next pull."""
        for kind in kinds:
            self.store.drop_kind(kind)
        wanted = set(kinds)
        epoch = self.store.scope_epoch
        done = 0
        with PageStream(self.client, 0, self.limit, cancel=self.cancel) as pages:
            for page in pages:
                if int(page["scope_epoch"]) != epoch:
                    self._reset_for_epoch(int(page["scope_epoch"]))
                    return
                batch = [c for c in page["changes"] if c["kind"] in wanted and int(c["seq"]) <= target]
                if batch:
                    self.store.apply_page(batch, target, epoch)
                    done += len(batch)
                    if self.progress is not None:
                        self.progress(PullProgress(done, max(done, expected), phase="repair"))
                if page_cursor(page) >= target:
                    break
        self.result.repaired_kinds.extend(k for k in kinds if k not in self.result.repaired_kinds)

    def build_index(self) -> None:
        """Build the search index a first pull deferred (the cache does it once, at the end)."""
        if not self.store.index_ready and self.progress is not None:
            self.progress(PullProgress(self.tracker.done, self.tracker.done, phase="index"))
        started = time.monotonic()
        if self.store.ensure_indexes(lambda step: log.info("search index: %s", step)):
            log.info("search index built in %.1f s", time.monotonic() - started)

    def verify(self) -> bool:
        """Pull until the hub's summary is of our cursor, compare, repair; True when equal."""
        for attempt in range(VERIFY_ATTEMPTS):
            started = time.monotonic()
            summary = self.client.summary()
            self.result.check_seconds += time.monotonic() - started
            if int(summary["scope_epoch"]) != self.store.scope_epoch and self.store.cursor > 0:
                self._reset_for_epoch(int(summary["scope_epoch"]))
                self.pull_to_end()
                continue
            hub_cursor = decode_cursor(summary["cursor"])
            if hub_cursor != self.store.cursor:
                log.info("summary is at %d, cache at %d: pulling again before the check (round %d)",
                         hub_cursor, self.store.cursor, attempt + 1)
                self.pull_to_end()
                continue
            started = time.monotonic()
            held = self.store.recount_holdings() if self.deep_check else self.store.holdings()
            differences = compare_holdings(held, summary["kinds"])
            self.result.check_seconds += time.monotonic() - started
            if not differences:
                return True
            for d in differences:
                log.warning("cache differs from the hub for %s: cache %d records (checksum %s), "
                            "hub %d (checksum %s); refetching that kind",
                            d["kind"], d["local_count"], d["local_checksum"],
                            d["hub_count"], d["hub_checksum"])
            self.result.mismatches.extend(differences)
            self.repair([d["kind"] for d in differences], self.store.cursor,
                        sum(d["hub_count"] for d in differences))
        log.error("could not confirm the cache against the hub after %d rounds", VERIFY_ATTEMPTS)
        return False


def pull(session: SessionLike, progress: ProgressCallback | None = None,
         cancel: threading.Event | None = None, page_limit: int = DEFAULT_PAGE_LIMIT, *,
         store_lock: AbstractContextManager[Any] | None = None, deep_check: bool = False) -> PullResult:
    """Bring the session's cache up to date with the hub and check it against the summary.

    ``progress`` is called (in this thread) after each page; ``cancel`` is honoured between
    pages — what was written stays and the next pull resumes. ``store_lock``, when given, is
    held around each use of the cache (not across network waits). ``deep_check`` compares
    holdings recounted from the records themselves (a full scan: catches a cache changed
    behind the store's back) instead of the running figures kept as pages arrive. Hub errors
    (``HubUnreachable``, ``AuthFailed``, ``HubError``) propagate after the pages already
    written are committed.
    """
    started = time.monotonic()
    store: CacheLike = session.store if store_lock is None else _LockedStore(session.store, store_lock)
    puller = _Puller(store, session.client, page_limit, cancel, progress, deep_check)
    wiped = False
    result = puller.result
    try:
        if store.cursor == 0:  # a first pull: the summary's counts estimate the total
            puller.tracker.estimate = _visible_total(session.client.summary())
        puller.pull_to_end()
        puller.build_index()
        unchanged = result.changes == 0 and not result.scope_reset
        if not deep_check and unchanged and store.meta(VERIFIED_CURSOR_META) == str(store.cursor):
            result.verified = True  # checked at this very cursor before, and nothing came since
        else:
            result.checked = True
            result.verified = puller.verify()
            if result.verified:
                store.set_meta(VERIFIED_CURSOR_META, str(store.cursor))
        result.complete = True
        puller.tracker.finish()
    except Cancelled:
        result.cancelled = True
        log.info("pull cancelled after %d pages; the cache keeps them (cursor %d)",
                 result.pages, store.cursor)
    except Exception as exc:
        # An unreachable hub is the normal offline case, reported by the caller: not a warning.
        log.log(logging.INFO if isinstance(exc, HubUnreachable) else logging.WARNING,
                "pull stopped after %d pages; the cache keeps them (cursor %d)", result.pages, store.cursor)
        if isinstance(exc, AuthFailed) and exc.code == DEVICE_REVOKED and hasattr(session, "wipe"):
            wiped = True  # the store is gone: do not touch it again (it would come back empty)
            session.wipe()  # a revoked device keeps nothing (DHIS2: a wipe that quietly stopped)
        raise
    finally:
        if not wiped:
            result.cursor = store.cursor
            result.scope_epoch = store.scope_epoch
        result.seconds = time.monotonic() - started
    return result
