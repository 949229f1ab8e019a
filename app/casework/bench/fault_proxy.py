"""A fault-injecting HTTP proxy on loopback, between a real client and a real hub.

Each request is read whole from the client and, unless it is answered by a fault, sent to the
hub on a connection of its own (``Connection: close``, so the hub's answer ends where its
connection does). ``plan(method, path)`` decides each request's fate:

- ``pass``: the hub's answer goes back unchanged;
- ``drop_mid_response``: the hub handles the request, the client gets the status line, the
  headers and half the body, then the connection closes;
- ``http_502``: the hub handles the request, the client gets ``502 Bad Gateway`` instead;
- ``http_503``: the hub never sees the request; the client gets ``503 Service Unavailable``;
- ``stall``: the hub handles the request, the answer is held past the client's timeout, then
  the connection closes with nothing sent.

Three of the five faults come *after* the hub committed: the client cannot know whether its
batch landed, which is what a resend by ``op_id`` must survive.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections import Counter
from collections.abc import Callable
from enum import StrEnum
from urllib.parse import urlparse


class Fault(StrEnum):
    PASS = "pass"
    DROP_MID_RESPONSE = "drop_mid_response"
    HTTP_502 = "http_502"
    HTTP_503 = "http_503"
    STALL = "stall"


FAULTS = tuple(f for f in Fault if f is not Fault.PASS)
_REASONS = {Fault.HTTP_502: b"502 Bad Gateway", Fault.HTTP_503: b"503 Service Unavailable"}
MAX_HEAD = 64 * 1024


def _canned(fault: Fault) -> bytes:
    body = _REASONS[fault] + b" (fault proxy)"
    return (b"HTTP/1.1 " + _REASONS[fault] + b"\r\nContent-Type: text/plain\r\nConnection: close\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


def _read_request(sock: socket.socket) -> tuple[bytes, bytes] | None:
    """(head, body) of one request; None when the client closed first."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
        if len(data) > MAX_HEAD:
            raise ValueError("request head too large")
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        body += chunk
    return head, body


def _closing(head: bytes) -> bytes:
    """The head with ``Connection: close`` (one request per upstream connection)."""
    lines = [ln for ln in head.split(b"\r\n") if not ln.lower().startswith(b"connection:")]
    return b"\r\n".join([*lines, b"Connection: close"])


class FaultProxy:
    """``url`` is the address to give the client. ``injected`` counts faults by type,
    ``forwarded`` requests the hub saw, ``watched`` those ``watch`` matched; ``seen`` is set at the
    first of them (clear it to watch again)."""

    def __init__(self, upstream_url: str, plan: Callable[[str, str], Fault] | None = None, *,
                 stall_seconds: float = 3.0, watch: str = "/sync/push") -> None:
        target = urlparse(upstream_url)
        self._upstream = (target.hostname or "127.0.0.1", int(target.port or 80))
        self.plan = plan or (lambda _method, _path: Fault.PASS)
        self.stall_seconds = stall_seconds
        self.watch = watch
        self.seen = threading.Event()
        self.watched = 0  # requests ``watch`` matched so far
        self.injected: Counter[str] = Counter()
        self.forwarded = 0
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True, name="fault-proxy").start()

    def close(self) -> None:
        self._closed.set()
        with contextlib.suppress(OSError):
            self._listener.close()

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        with contextlib.closing(client), contextlib.suppress(OSError, ValueError):
            request = _read_request(client)
            if request is None:
                return
            head, body = request
            method, path, *_ = [*head.split(b"\r\n", 1)[0].decode("latin-1").split(" "), "", ""]
            if self.watch in path:
                with self._lock:
                    self.watched += 1
                self.seen.set()
            fault = self.plan(method, path)
            if fault is not Fault.PASS:
                with self._lock:
                    self.injected[fault.value] += 1
            if fault is Fault.HTTP_503:
                client.sendall(_canned(fault))
                return
            answer = self._forward(_closing(head) + b"\r\n\r\n" + body)
            if fault is Fault.PASS:
                client.sendall(answer)
            elif fault is Fault.HTTP_502:
                client.sendall(_canned(fault))
            elif fault is Fault.DROP_MID_RESPONSE:
                split = answer.find(b"\r\n\r\n") + 4
                client.sendall(answer[:split + max(1, (len(answer) - split) // 2)])
            else:  # STALL: hold the answer past the client's patience, then hang up
                self._closed.wait(self.stall_seconds)

    def _forward(self, request: bytes) -> bytes:
        with socket.create_connection(self._upstream, timeout=120) as upstream:
            upstream.sendall(request)
            chunks = []
            while chunk := upstream.recv(65536):
                chunks.append(chunk)
        with self._lock:
            self.forwarded += 1
        return b"".join(chunks)
