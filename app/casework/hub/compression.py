"""Compression of feed pages, negotiated from the client's Accept-Encoding.

zstd at level 1 compresses a 5,000-record page (~2.5 MB of JSON) in a few milliseconds and
smaller than gzip at level 5, which takes ~80 ms — gzip alone cost the HTTP feed more than
half its rate. Clients that do not accept zstd get gzip (``GZipMiddleware`` skips a
response that already carries a Content-Encoding).
"""

from __future__ import annotations

import zstandard
from starlette.requests import Request
from starlette.responses import Response

ZSTD_LEVEL = 1
MINIMUM_BYTES = 1024


def accepts(request: Request, encoding: str) -> bool:
    """Whether Accept-Encoding lists ``encoding`` without refusing it (``;q=0``)."""
    for part in request.headers.get("accept-encoding", "").lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() == encoding:
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def json_response(request: Request, body: bytes) -> Response:
    """``body`` as an application/json response, zstd-compressed when the client accepts it."""
    headers = {"Vary": "Accept-Encoding"}
    if len(body) >= MINIMUM_BYTES and accepts(request, "zstd"):
        body = zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(body)
        headers["Content-Encoding"] = "zstd"
    return Response(content=body, media_type="application/json", headers=headers)
