"""Every refusal is a JSON ``ErrorResponse`` (casework.wire.v1) with a machine-readable code and a
Chinese and English message, never a stack trace and never any of the data asked for.

Validation messages name the offending field but never echo its value: a mistyped field
could be a password.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from casework.hub import auth
from casework.wire import v1

log = logging.getLogger(__name__)


class ApiError(Exception):
    """A refusal with its HTTP status, error code and message."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_response(status: int, code: str, message: str,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = v1.ErrorResponse(error=v1.ErrorDetail(code=code, message=message))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def bad_cursor(cursor: str) -> ApiError:
    return ApiError(400, "bad_cursor",
                    "游标格式错误，请使用上一页返回的 cursor。"
                    "Malformed cursor: pass back the 'cursor' of the previous page (or 0).")


def unknown_parameters(names: Sequence[str]) -> ApiError:
    listed = _few(sorted(names))
    return ApiError(400, "unknown_parameter", f"未知查询参数 Unknown query parameter(s): {listed}")


LIMIT_MESSAGE = (f"limit 须为 1 至 {v1.MAX_PAGE_LIMIT} 的整数。"
                 f"'limit' must be a whole number from 1 to {v1.MAX_PAGE_LIMIT}.")
BODY_TOO_LARGE_MESSAGE = (f"请求体过大（上限 {v1.MAX_BODY_BYTES} 字节）。"
                          f"Request body too large (limit {v1.MAX_BODY_BYTES} bytes).")

# Status for each auth failure (auth.py stays free of HTTP).
AUTH_STATUS: dict[type[auth.AuthError], int] = {
    auth.InvalidCredentials: 401,
    auth.MissingToken: 401,
    auth.InvalidToken: 401,
    auth.TokenExpired: 401,
    auth.AccountLocked: 423,
    auth.TooManyLogins: 429,
    auth.AccountDisabled: 403,
    auth.DeviceRevoked: 403,
}

# Errors that Starlette raises itself (routing, methods, body limit).
HTTP_STATUS_ERRORS: dict[int, tuple[str, str]] = {
    400: ("bad_request", "请求无效。Bad request."),
    404: ("not_found", "没有这个地址。No such endpoint."),
    405: ("method_not_allowed", "该地址不支持此请求方法。Method not allowed for this endpoint."),
    413: ("body_too_large", BODY_TOO_LARGE_MESSAGE),
}


MAX_NAMED = 10  # names an error lists; a 1 MB body of unknown keys once got a 0.93 MB error
MAX_NAME_CHARS = 40


def _few(names: Sequence[str]) -> str:
    """The first few names, each cut short, and how many more there were."""
    shown = ", ".join(name[:MAX_NAME_CHARS] for name in names[:MAX_NAMED])
    more = len(names) - MAX_NAMED
    return f"{shown} (+{more} 个 more)" if more > 0 else shown


def _location(loc: Sequence[Any]) -> str:
    return ".".join(str(part) for part in loc) or "request"


def validation_error(errors: Sequence[dict[str, Any]]) -> ApiError:
    """One clear error for a request that does not match its schema."""
    first = errors[0] if errors else {"loc": (), "type": "", "msg": ""}
    loc = tuple(first.get("loc", ()))
    kind = first.get("type", "")
    if loc[:2] == ("query", "limit"):
        return ApiError(400, "bad_limit", LIMIT_MESSAGE)
    if loc[:2] == ("query", "after"):
        return bad_cursor("")
    if kind == "json_invalid":
        return ApiError(400, "bad_json", "请求体不是有效的 JSON。The request body is not valid JSON.")
    unknown = [_location(e["loc"][1:]) for e in errors if e.get("type") == "extra_forbidden"]
    if unknown:  # the likeliest cause of everything else wrong: a misspelt field
        return ApiError(422, "unknown_field", f"未知字段 Unknown field(s): {_few(unknown)}")
    where = "; ".join(f"{_location(e.get('loc', ()))}: {e.get('msg', '')}" for e in errors[:5])
    return ApiError(422, "invalid_request", f"请求内容不符合要求。Invalid request: {where}")


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(auth.AuthError)
    async def _auth_error(_request: Request, exc: auth.AuthError) -> JSONResponse:
        status = AUTH_STATUS.get(type(exc), 401)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        if status == 429:
            headers = {"Retry-After": "1"}
        return error_response(status, exc.code, exc.message, headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        error = validation_error(exc.errors())
        return error_response(error.status, error.code, error.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = HTTP_STATUS_ERRORS.get(
            exc.status_code, ("http_error", f"请求失败。Request failed (HTTP {exc.status_code}).")
        )
        return error_response(exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(OperationalError)
    async def _database_down(_request: Request, exc: OperationalError) -> JSONResponse:
        log.error("hub database unavailable: %s", exc.orig)
        return error_response(503, "database_unavailable",
                              "数据库暂不可用，请稍后再试。The hub database is unavailable; try again later.")

    @app.exception_handler(Exception)
    async def _bug(_request: Request, exc: Exception) -> JSONResponse:
        # A bug, not bad input: logged in full here, and the caller learns nothing about data.
        log.exception("unexpected error in the hub", exc_info=exc)
        return error_response(500, "internal_error", "服务器内部错误。Internal hub error.")
