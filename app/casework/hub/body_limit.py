"""Refuse request bodies larger than ``casework.wire.v1.MAX_BODY_BYTES`` with a JSON 413.

Checked twice: the declared ``Content-Length`` before anything is read, and the bytes as they
arrive (a chunked body declares no length). What the client still sends after the refusal is
read and dropped, up to a bound, so it can finish sending and read the answer instead of
seeing its connection reset.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casework.hub.errors import BODY_TOO_LARGE_MESSAGE, error_response
from casework.wire import v1

DRAIN_LIMIT = 16 * v1.MAX_BODY_BYTES  # beyond this the connection is simply closed


class _BodyTooLarge(HTTPException):
    """An HTTPException, so the web framework passes it on (its error handler answers 413)
    rather than turning it into a generic "could not parse the body"."""

    def __init__(self) -> None:
        super().__init__(status_code=413)


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int = v1.MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            if declared <= DRAIN_LIMIT:
                await _drain(receive, 0)
            await self._refuse(scope, receive, send)
            return

        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    if message.get("more_body", False):
                        await _drain(receive, received)
                    raise _BodyTooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _BodyTooLarge:
            if started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(413, "body_too_large", BODY_TOO_LARGE_MESSAGE,
                                  headers={"Connection": "close"})
        await response(scope, receive, send)


async def _drain(receive: Receive, already: int) -> None:
    """Read and drop the rest of the body, up to ``DRAIN_LIMIT`` bytes in all."""
    total = already
    while total <= DRAIN_LIMIT:
        message = await receive()
        if message["type"] != "http.request":
            return
        total += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
