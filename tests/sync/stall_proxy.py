"""A loopback TCP proxy in front of a real hub that can stop passing the hub's answers on.

It injects a real network fault — a link that goes silent mid-sync, so the client's read
times out — without touching the hub or the client: bytes pass through unchanged until
``stall()``; after it, requests still reach the hub but no answer comes back.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from urllib.parse import urlparse


class StallingProxy:
    def __init__(self, upstream_url: str) -> None:
        target = urlparse(upstream_url)
        self._upstream = (target.hostname, target.port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._stalled = threading.Event()
        self._closed = threading.Event()
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def stall(self) -> None:
        """From now on the hub's answers are held back (the client sees silence)."""
        self._stalled.set()

    def resume(self) -> None:
        """Pass answers again on new connections (held connections stay silent)."""
        self._stalled.clear()

    def close(self) -> None:
        self._closed.set()
        self._listener.close()
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.close()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self._upstream)
            self._sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, True), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, answers: bool) -> None:
        held = False
        with contextlib.suppress(OSError):
            while not self._closed.is_set():
                data = source.recv(65536)
                if not data:
                    break
                held = held or (answers and self._stalled.is_set())
                if not held:
                    sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)
