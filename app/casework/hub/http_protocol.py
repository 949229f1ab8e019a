"""uvicorn's HTTP/1.1 protocol with JSON refusals: every answer of the hub is JSON.

A request that the HTTP layer itself cannot parse (raw non-ASCII in the target or a header
name, a header block over h11's size limit, a malformed Content-Length, garbage) never
reaches the app; uvicorn answers it with a text/plain 400. Clients read every refusal as an
``ErrorResponse`` (casework.wire.v1), so this protocol answers with one.
"""

from __future__ import annotations

import h11
import orjson
from uvicorn.protocols.http.h11_impl import H11Protocol

from casework.wire import v1

UNPARSABLE = v1.ErrorResponse(error=v1.ErrorDetail(
    code="bad_request",
    message="请求无法解析（请求行或请求头无效或过大）。"
            "The HTTP request could not be parsed (invalid or oversized request line or headers).",
))


class JsonErrorH11Protocol(H11Protocol):
    """H11Protocol whose answer to an unparsable request is a JSON ``bad_request``."""

    def send_400_response(self, msg: str) -> None:
        body = orjson.dumps(UNPARSABLE.model_dump())
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        for event in (h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
                      h11.Data(data=body), h11.EndOfMessage()):
            self.transport.write(self.conn.send(event))
        self.transport.close()
