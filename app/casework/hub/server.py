"""Running the hub in-process: uvicorn on a loopback port in a background thread.

Used by the tests, the demo and the benchmarks, which need a real hub over real HTTP without
a second program to manage. ``casework hub serve`` runs the same app in the foreground.
"""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

import uvicorn
from fastapi import FastAPI

from casework.hub.api import create_app
from casework.hub.auth import AuthSettings
from casework.hub.http_protocol import JsonErrorH11Protocol

LISTEN_BACKLOG = 2048
START_TIMEOUT = 10.0  # seconds; a healthy start takes a few milliseconds after the schema check


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening socket; port 0 lets the system pick a free one. It listens at once, so a
    client that connects before the server loop runs waits instead of being refused."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto IPPROTO_TCP (not 0): asyncio sets TCP_NODELAY on accepted connections only then;
    # without it a response's headers and body wait on delayed ACKs (~40 ms per request).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(LISTEN_BACKLOG)
    except OSError:
        sock.close()
        raise
    return sock


def server_config(app: FastAPI | str, *, quiet: bool, workers: int = 1) -> uvicorn.Config:
    """uvicorn's settings for the hub; ``app`` is the app itself, or the import string of an app
    factory when ``workers`` > 1 (each worker process builds its own)."""
    return uvicorn.Config(
        app,
        factory=isinstance(app, str),
        workers=workers,
        lifespan="off",
        ws="none",  # no websockets: nothing to load, nothing to attack
        http=JsonErrorH11Protocol,  # even a request uvicorn cannot parse gets a JSON refusal
        log_config=None if quiet else uvicorn.config.LOGGING_CONFIG,
        log_level="warning" if quiet else "info",
        access_log=not quiet,
        timeout_graceful_shutdown=3,
    )


def _url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class RunningHub:
    """A hub serving in a background thread. ``url`` is its base address; ``stop()`` (or
    leaving the ``with`` block) shuts it down and closes its database connections."""

    def __init__(self, app: FastAPI, host: str, port: int) -> None:
        self.app = app
        self._socket = bind_socket(host, port)
        self.host = host
        self.port = self._socket.getsockname()[1]
        self.url = _url(host, self.port)
        self._server = uvicorn.Server(server_config(app, quiet=True))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]},
                                        name=f"hub-{self.port}", daemon=True)

    def start(self) -> RunningHub:
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"hub did not start on {self.url}")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self._socket.close()
        self.app.state.pull_audit.close()
        self.app.state.engine.dispose()

    def __enter__(self) -> RunningHub:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def start_hub(db_url: str, host: str = "127.0.0.1", port: int = 0, *,
              settings: AuthSettings | None = None) -> RunningHub:
    """Start a hub on ``db_url`` (schema created or migrated first) and return once it accepts
    connections."""
    return RunningHub(create_app(db_url, settings=settings), host, port).start()
