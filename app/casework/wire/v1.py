"""Version 1 of the hub API: request and response schemas (pydantic).

The change feed is large, so the hub writes its pages straight to JSON bytes in exactly the
``ChangesPage`` shape (records' ``data`` passed through as stored, masked where needed) and
the client decodes them with orjson; these models document that shape (/openapi.json) and
validate everything small.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

API_PREFIX = "/api/v1"
MAX_PAGE_LIMIT = 5000
DEFAULT_PAGE_LIMIT = 1000
MAX_BODY_BYTES = 1_000_000  # larger request bodies are refused with 413


class Strict(BaseModel):
    """Requests reject unknown fields: a typo is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class TokenRequest(Strict):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)
    device_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")


class UserInfo(BaseModel):
    username: str
    display_name: str
    role: str  # a casework.domain.roles.Role value
    district: str  # 6 digits
    scope: list[str]  # area prefixes: street codes (9 digits) or the district code (6 digits)
    clearance: str  # a casework.domain.classification.Level code
    departments: list[str]  # lines of business the role sees
    scope_epoch: int


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int  # seconds
    user: UserInfo


class Change(BaseModel):
    seq: int
    kind: str  # a casework.domain.records.Kind value
    id: str
    op: Literal["upsert", "remove"]
    area: str  # community code (12 digits) the record is scoped by
    version: int
    data: dict[str, Any] | None  # None for op == "remove"


class ChangesPage(BaseModel):
    changes: list[Change]
    cursor: str  # opaque; pass back as ``after`` for the next page
    has_more: bool
    scope_epoch: int


class KindSummary(BaseModel):
    count: int
    checksum: str  # casework.domain.checksum over (id, version) of the records held


class Summary(BaseModel):
    cursor: str  # the summary is of the visible set as of this cursor
    scope_epoch: int
    kinds: dict[str, KindSummary]


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    database: str  # "sqlite" | "postgresql"


class ErrorDetail(BaseModel):
    code: str  # machine-readable, e.g. "bad_cursor", "token_expired", "locked"
    message: str  # human-readable, Chinese and English


class ErrorResponse(BaseModel):
    error: ErrorDetail


def encode_cursor(seq: int) -> str:
    return str(seq)


def decode_cursor(cursor: str) -> int:
    """The sequence number in a cursor; ValueError for anything malformed."""
    if not cursor or len(cursor) > 20 or not cursor.isdigit() or not cursor.isascii():
        raise ValueError(f"malformed cursor {cursor[:40]!r}")
    return int(cursor)
