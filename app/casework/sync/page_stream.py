"""Change pages fetched ahead in a thread, so the network and the disk work at the same time.

While the caller writes page N to the cache, a fetch thread is already downloading and
decoding page N+1 (the cursor for N+1 is known as soon as N is decoded). A small queue bounds
memory; errors travel through the queue and surface in order, after the pages before them.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterator
from typing import Any

from casework.sync.hub_client import HubClient, HubError
from casework.wire.v1 import decode_cursor

log = logging.getLogger(__name__)

POLL_SECONDS = 0.05  # how often a waiting side looks at the stop/cancel flags


class Cancelled(Exception):
    """Raised inside the page loop when the caller's cancel event is set."""


def page_cursor(page: dict[str, Any]) -> int:
    try:
        return decode_cursor(str(page["cursor"]))
    except (KeyError, ValueError) as exc:
        raise HubError(f"中心返回了无效的游标。The hub sent a bad cursor: {exc}",
                       code="bad_page", status=200) from exc


class PageStream:
    """Pages after ``after`` up to the end of the feed, ``depth`` of them fetched ahead.

    Use as a context manager; iterate it to get decoded ``ChangesPage`` dicts. Closing it
    early (cancel, error in the caller) stops the fetch thread after its current request.
    """

    def __init__(self, client: HubClient, after: int, limit: int, *, depth: int = 2,
                 cancel: threading.Event | None = None) -> None:
        self._client = client
        self._after = after
        self._limit = limit
        self._cancel = cancel
        self._stop = threading.Event()
        self._queue: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
        self._thread = threading.Thread(target=self._fetch_all, name="casework-pull-fetch", daemon=True)

    def __enter__(self) -> PageStream:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._stop.set()
        while True:  # unblock a fetch thread waiting to put
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._thread.join(timeout=1.0)

    def _put(self, item: tuple[str, Any]) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def _fetch_all(self) -> None:
        after = self._after
        try:
            while not self._stop.is_set():
                page = self._client.changes(after, self._limit)
                cursor = page_cursor(page)
                if page.get("has_more") and cursor <= after:
                    raise HubError("中心的变更游标没有前进。The hub's change cursor did not advance.",
                                   code="bad_page", status=200)
                if not self._put(("page", page)) or not page.get("has_more"):
                    break
                after = cursor
        except BaseException as exc:  # handed to the consumer, which re-raises it in order
            self._put(("error", exc))
            return
        self._put(("end", None))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        while True:
            if self._cancel is not None and self._cancel.is_set():
                raise Cancelled
            try:
                what, value = self._queue.get(timeout=POLL_SECONDS)
            except queue.Empty:
                continue
            if what == "page":
                yield value
            elif what == "error":
                raise value
            else:
                return
