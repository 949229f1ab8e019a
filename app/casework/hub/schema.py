"""The hub's database schema (SQLAlchemy 2). The same tables on SQLite and PostgreSQL.

Records of every kind live in one table, ``record``: a typed envelope (kind, version, feed
sequence, area codes, department, classification, household) around the record's data as a
JSON document whose shape ``casework.domain.records`` defines. One table gives one change
feed, one masking path and a feed that can pass stored JSON through untouched.

Feed order: ``seq`` comes from the single-row ``feed_counter``, bumped inside the writing
transaction; the row lock is held until commit, so a change committed later never gets a
smaller number (see ``casework.hub.feed_writer``).

A record whose street changes (its household moved) leaves a row in ``record_exit`` for the
old area, so users scoped there get a ``remove``. A deleted record stays in ``record`` as a
tombstone (``deleted``) at a new seq, which the feed serves as a ``remove``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Record(Base):
    __tablename__ = "record"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    district: Mapped[str] = mapped_column(String(6))
    street: Mapped[str] = mapped_column(String(9))
    area: Mapped[str] = mapped_column(String(12))  # community code
    department: Mapped[str] = mapped_column(String(24))
    classification: Mapped[int] = mapped_column(SmallInteger)  # domain Level of the most sensitive field
    household_id: Mapped[str | None] = mapped_column(String(36))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[str] = mapped_column(Text)  # compact JSON
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (
        Index("ix_record_street_seq", "street", "seq"),
        Index("ix_record_district_seq", "district", "seq"),
        Index("ix_record_household", "household_id"),
        Index("ix_record_kind", "kind"),
    )


class RecordExit(Base):
    """A record left an area: users scoped to that area get a ``remove`` at this seq."""

    __tablename__ = "record_exit"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    record_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)  # the record's version when it left
    district: Mapped[str] = mapped_column(String(6))
    street: Mapped[str] = mapped_column(String(9))
    area: Mapped[str] = mapped_column(String(12))
    department: Mapped[str] = mapped_column(String(24))

    __table_args__ = (
        Index("ix_record_exit_street_seq", "street", "seq"),
        Index("ix_record_exit_district_seq", "district", "seq"),
    )


class FeedCounter(Base):
    """One row per counter; ``feed`` numbers every committed change in commit order."""

    __tablename__ = "feed_counter"

    name: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class SummaryTotal(Base):
    """Running count and checksum of the live (not deleted) records of one street, department
    and kind, kept by the feed writer in the writing transaction, so ``/sync/summary`` reads a
    few rows instead of hashing every record a viewer holds (see ``casework.hub.summary``).

    ``checksum`` is the sum of ``casework.domain.checksum.record_hash`` over the group's
    (id, version) modulo 2**64, stored as a signed 64-bit integer (values from 2**63 on are
    stored minus 2**64) because SQL has no unsigned BIGINT."""

    __tablename__ = "summary_total"

    street: Mapped[str] = mapped_column(String(9), primary_key=True)
    department: Mapped[str] = mapped_column(String(24), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    district: Mapped[str] = mapped_column(String(6))
    count: Mapped[int] = mapped_column(BigInteger)
    checksum: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_summary_total_district", "district"),)


class HubUser(Base):
    __tablename__ = "hub_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(32))
    district: Mapped[str] = mapped_column(String(6))
    scope: Mapped[str] = mapped_column(Text)  # comma-separated area prefixes
    clearance: Mapped[int] = mapped_column(SmallInteger)
    scope_epoch: Mapped[int] = mapped_column(Integer, default=1)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Device(Base):
    __tablename__ = "device"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("hub_user.id", ondelete="CASCADE"))
    device_id: Mapped[str] = mapped_column(String(64))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (Index("ix_device_user_device", "user_id", "device_id", unique=True),)


class AccessToken(Base):
    """Bearer tokens, stored as their SHA-256 so a database leak yields no usable token.
    Kept in the database so several stateless hub processes accept the same tokens."""

    __tablename__ = "access_token"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("hub_user.id", ondelete="CASCADE"))
    device_id: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEvent(Base):
    """Who did what to which data, when and why."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    username: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))  # login, login_failed, sync_pull, …
    subject: Mapped[str | None] = mapped_column(String(128))
    purpose: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_audit_event_at", "at"),
        Index("ix_audit_event_subject", "subject"),
        Index("ix_audit_event_user_at", "username", "at"),
    )


class AppliedOp(Base):
    """Every op the write service answered, by the client's ``op_id``, with its first result
    (JSON of ``casework.wire.v1.OpResult``): an op seen again gets this answer and changes
    nothing, whichever device of the user replays it."""

    __tablename__ = "applied_op"

    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))  # applied | conflict | rejected
    result: Mapped[str] = mapped_column(Text)
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RecordRevision(Base):
    """One applied op on one record: who (user, device), when, which op, the version it made and
    each field's before and after (JSON ``{field: [before, after]}``). Nothing a user wrote is
    attributable to no one; conflicts name the last writer of a field from here."""

    __tablename__ = "record_revision"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(32))
    household_id: Mapped[str | None] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int | None] = mapped_column(BigInteger)
    op_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(16))
    username: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    changes: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        Index("ix_record_revision_record", "record_id", "version"),
        Index("ix_record_revision_household", "household_id"),
        Index("ix_record_revision_user_at", "username", "at"),
        Index("ix_record_revision_at", "at"),
    )
