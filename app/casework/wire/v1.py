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
    idle_lock_max_minutes: int = 30  # the hub's policy: the app locks after at most this idle time


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


# --- push: the client's edits, applied by the hub's one write service -----------------------

MAX_PUSH_OPS = 200  # ops in one push batch; a client sends more as several batches
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


class FieldChange(Strict):
    """One field of an update: the value the edit was based on, and the new value."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    base: Any = Field(alias="from")
    to: Any


class PushOp(Strict):
    """One edit. ``create`` and ``append`` carry the whole ``data``; ``update`` carries, field by
    field, the value it was based on and the new one (``changes``) and the record version it
    was based on. ``resolves`` names fields whose conflict this update settles (the user chose).
    """

    op_id: str = Field(pattern=UUID_PATTERN)
    kind: str = Field(min_length=1, max_length=32)
    id: str = Field(pattern=UUID_PATTERN)
    action: Literal["create", "update", "append"]
    base_version: int | None = Field(default=None, ge=0, le=2**31 - 1)
    data: dict[str, Any] | None = None
    changes: dict[str, FieldChange] | None = None
    resolves: list[str] | None = Field(default=None, max_length=64)


class PushRequest(Strict):
    ops: list[PushOp] = Field(min_length=1, max_length=MAX_PUSH_OPS)


class FieldConflict(BaseModel):
    """A field changed on both sides from the same value to different values: both are kept."""

    field: str
    base: Any
    theirs: Any  # what the hub holds (the other person's save)
    mine: Any  # what this op wanted
    by: str | None  # who saved ``theirs``
    at: str | None  # when (ISO 8601)


class OpResult(BaseModel):
    op_id: str
    status: Literal["applied", "conflict", "rejected"]
    version: int | None = None  # the record's version after the op
    seq: int | None = None  # the feed seq of the change, when one was written
    conflicts: list[FieldConflict] | None = None
    error: ErrorDetail | None = None  # why an op was rejected


class PushResponse(BaseModel):
    results: list[OpResult]


def encode_cursor(seq: int) -> str:
    return str(seq)


MAX_CURSOR = 2**63 - 1  # sequence numbers are signed 64-bit integers in both databases


def decode_cursor(cursor: str) -> int:
    """The sequence number in a cursor; ValueError for anything malformed or out of range."""
    if not cursor or len(cursor) > 19 or not cursor.isdigit() or not cursor.isascii():
        raise ValueError(f"malformed cursor {cursor[:40]!r}")
    seq = int(cursor)
    if seq > MAX_CURSOR:
        raise ValueError(f"cursor out of range {cursor[:40]!r}")
    return seq
