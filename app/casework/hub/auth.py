"""Who is asking: password logins, bearer tokens, failed-login slowdown and lockout.

Everything lives in the database (hashed tokens, failure counters, lock times, devices), so
several stateless hub processes on one PostgreSQL accept the same tokens and share one lock.

Passwords are hashed with argon2id. Tokens are opaque random strings; the hub stores only
their SHA-256, so a copy of the database yields no usable token.

A login gives the same answer for an unknown user and a wrong password, with the same cost
(the unknown user's attempt is checked against a dummy hash) and the same slowdown and lock
(counted from the audit trail), so the endpoint does not reveal which usernames exist.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from casework.domain.classification import Level
from casework.domain.roles import Role
from casework.hub.schema import AccessToken, AuditEvent, Device, HubUser, utcnow
from casework.wire import v1


@dataclass(frozen=True)
class AuthSettings:
    """Login and token policy. The defaults are production values; tests lower the argon2
    cost and the slowdown (``fast_for_tests``) but keep the same code paths."""

    token_ttl: dt.timedelta = dt.timedelta(hours=10)  # one working day
    max_failed_logins: int = 5  # consecutive failures that lock the account
    lockout: dt.timedelta = dt.timedelta(minutes=15)
    failure_delay_step: float = 0.5  # seconds before answering a failed login; doubles each time
    failure_delay_max: float = 4.0
    # argon2id, RFC 9106 "second recommended" (low-memory) parameters.
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    argon2_parallelism: int = 4

    @classmethod
    def fast_for_tests(cls, **overrides: Any) -> AuthSettings:
        """Cheap hashing and millisecond slowdowns: for the test suite only."""
        values: dict[str, Any] = {
            "argon2_time_cost": 1, "argon2_memory_kib": 64, "argon2_parallelism": 1,
            "failure_delay_step": 0.001, "failure_delay_max": 0.01,
        }
        values.update(overrides)
        return cls(**values)

    def hasher(self) -> PasswordHasher:
        return PasswordHasher(time_cost=self.argon2_time_cost, memory_cost=self.argon2_memory_kib,
                              parallelism=self.argon2_parallelism)

    def failure_delay(self, failures: int) -> float:
        """Seconds to hold back the answer to the ``failures``-th consecutive failed login."""
        if failures <= 0:
            return 0.0
        return min(self.failure_delay_step * 2 ** (failures - 1), self.failure_delay_max)


def hash_password(password: str, settings: AuthSettings | None = None) -> str:
    return (settings or AuthSettings()).hasher().hash(password)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def as_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; the hub writes UTC only."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.UTC)


# --- failures a caller is told about ---------------------------------------------------------


class AuthError(Exception):
    """A refused login or request. ``code`` is the wire error code; the HTTP status is chosen
    in ``casework.hub.errors`` so this module stays free of HTTP."""

    code = "auth_failed"
    message = "认证失败。Authentication failed."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)
        self.message = message or self.message


class InvalidCredentials(AuthError):
    code = "invalid_credentials"
    message = "用户名或密码错误。Wrong username or password."

    @classmethod
    def after(cls, failures: int, limit: int) -> InvalidCredentials:
        """The refusal with the attempts left before the lock: a warning before it, not after
        (an unknown name is counted and warned the same way, so this tells nothing about it)."""
        left = max(0, limit - failures)
        return cls(f"用户名或密码错误，还可尝试 {left} 次，之后账户将被锁定。"
                   f"Wrong username or password: {left} attempt(s) left before the account locks.")


class AccountLocked(AuthError):
    code = "locked"

    def __init__(self, remaining: dt.timedelta) -> None:
        minutes = max(1, math.ceil(remaining.total_seconds() / 60))
        super().__init__(
            f"登录失败次数过多，账户已锁定，请 {minutes} 分钟后再试。"
            f"Too many failed logins: the account is locked; try again in {minutes} minute(s)."
        )
        self.remaining = remaining


class AccountDisabled(AuthError):
    code = "account_disabled"
    message = "该账户已停用，请联系系统管理员。This account is disabled; contact the hub administrator."


class DeviceRevoked(AuthError):
    code = "device_revoked"
    message = ("该设备已被撤销授权，请联系系统管理员。"
               "This device has been revoked; contact the hub administrator.")


class MissingToken(AuthError):
    code = "missing_token"
    message = ("缺少访问令牌，请先登录。"
               "Missing access token: send 'Authorization: Bearer <token>' after logging in.")


class InvalidToken(AuthError):
    code = "invalid_token"
    message = "访问令牌无效，请重新登录。The access token is not valid; log in again."


class TokenExpired(AuthError):
    code = "token_expired"
    message = "访问令牌已过期，请重新登录。The access token has expired; log in again."


# --- the signed-in user ----------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    """A hub user as the API sees them (no password hash, no counters)."""

    id: int
    username: str
    display_name: str
    role: Role
    district: str
    scope: tuple[str, ...]
    clearance: Level
    scope_epoch: int
    device_id: str | None = None
    departments: frozenset[str] = field(default=frozenset())

    @classmethod
    def from_row(cls, row: Any, device_id: str | None = None) -> Account:
        role = Role(row.role)
        return cls(
            id=row.id, username=row.username, display_name=row.display_name, role=role,
            district=row.district, scope=tuple(p for p in row.scope.split(",") if p),
            clearance=Level(row.clearance), scope_epoch=row.scope_epoch, device_id=device_id,
            departments=frozenset(d.value for d in role.departments),
        )

    def to_wire(self) -> v1.UserInfo:
        return v1.UserInfo(
            username=self.username, display_name=self.display_name, role=self.role.value,
            district=self.district, scope=list(self.scope), clearance=self.clearance.code,
            departments=sorted(self.departments), scope_epoch=self.scope_epoch,
        )


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int
    account: Account

    def to_wire(self) -> v1.TokenResponse:
        return v1.TokenResponse(access_token=self.access_token, expires_in=self.expires_in,
                                user=self.account.to_wire())


def audit(conn: Connection, username: str, action: str, *, device_id: str | None = None,
          subject: str | None = None, detail: str | None = None) -> None:
    conn.execute(insert(AuditEvent).values(
        at=utcnow(), username=username[:64], device_id=device_id, action=action,
        subject=subject, detail=detail,
    ))


# --- logging in ------------------------------------------------------------------------------


class Authenticator:
    """Logins and token checks against one hub database."""

    def __init__(self, engine: Engine, settings: AuthSettings | None = None) -> None:
        self.engine = engine
        self.settings = settings or AuthSettings()
        self._hasher = self.settings.hasher()
        # Unknown usernames are checked against this, so they cost what a real check costs.
        self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))

    def login(self, username: str, password: str, device_id: str) -> IssuedToken:
        """A new token for the user on this device, or an ``AuthError``."""
        now = utcnow()
        error: AuthError | None = None
        delay = 0.0
        # PostgreSQL refuses NUL in text; no username has one, and the audit must store it.
        username = username.replace("\x00", "\ufffd")
        with self.engine.begin() as conn:  # the failure is recorded even though we refuse
            row = conn.execute(select(HubUser).where(HubUser.username == username)).first()
            if row is None:
                failures = self._unknown_user_failures(conn, username, now)
            else:
                failures = self._expire_stale_failures(conn, row, now)
            locked_for = self._locked_for(row, failures, now)
            # Always one argon2 check, against the dummy hash where there is no real one to
            # check: an unknown user or a lock costs what a wrong password costs.
            checked_hash = row.password_hash if row is not None and locked_for is None else self._dummy_hash
            matches = self._password_matches(checked_hash, password) and checked_hash != self._dummy_hash
            if locked_for is not None:
                audit(conn, username, "login_locked", device_id=device_id)
                error = AccountLocked(locked_for)
            elif not matches:
                failures = self._record_failure(conn, row, username, device_id, now)
                delay = self.settings.failure_delay(failures)
                locked = failures >= self.settings.max_failed_logins
                error = AccountLocked(self.settings.lockout) if locked else InvalidCredentials.after(
            failures, self.settings.max_failed_logins)
        if error is not None:
            time.sleep(delay)  # after commit: no lock is held while the caller waits
            raise error
        return self._grant(row, device_id, now)

    def _password_matches(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def _unknown_user_failures(self, conn: Connection, username: str, now: dt.datetime) -> int:
        """Recent failures for a username that does not exist, from the audit trail."""
        return conn.execute(
            select(func.count()).select_from(AuditEvent).where(
                AuditEvent.at > now - self.settings.lockout,
                AuditEvent.action == "login_failed",
                AuditEvent.username == username[:64],
            )
        ).scalar_one()

    def _expire_stale_failures(self, conn: Connection, row: Any, now: dt.datetime) -> int:
        """The user's current failure count; an ended lock or an old failure starts afresh."""
        locked_until = as_utc(row.locked_until)
        last_failed = as_utc(row.last_failed_at)
        ended = locked_until is not None and locked_until <= now
        stale = locked_until is None and last_failed is not None and now - last_failed > self.settings.lockout
        if (ended or stale) and row.failed_logins:
            conn.execute(update(HubUser).where(HubUser.id == row.id)
                         .values(failed_logins=0, locked_until=None))
            return 0
        return row.failed_logins

    def _locked_for(self, row: Any, failures: int, now: dt.datetime) -> dt.timedelta | None:
        if row is not None:
            locked_until = as_utc(row.locked_until)
            return locked_until - now if locked_until is not None and locked_until > now else None
        # An unknown username "locks" like a real one, so a lock does not prove the user exists.
        return self.settings.lockout if failures >= self.settings.max_failed_logins else None

    def _record_failure(self, conn: Connection, row: Any, username: str, device_id: str,
                        now: dt.datetime) -> int:
        if row is None:
            failures = self._unknown_user_failures(conn, username, now) + 1
        else:
            failures = conn.execute(
                update(HubUser).where(HubUser.id == row.id)
                .values(failed_logins=HubUser.failed_logins + 1, last_failed_at=now)
                .returning(HubUser.failed_logins)
            ).scalar_one()
            if failures >= self.settings.max_failed_logins:
                conn.execute(update(HubUser).where(HubUser.id == row.id)
                             .values(locked_until=now + self.settings.lockout))
        audit(conn, username, "login_failed", device_id=device_id, detail=f"failures={failures}")
        return failures

    def _grant(self, row: Any, device_id: str, now: dt.datetime) -> IssuedToken:
        with self.engine.begin() as conn:
            if row.disabled:
                audit(conn, row.username, "login_refused", device_id=device_id, detail="disabled")
                raise AccountDisabled()
            if not _register_device(conn, row.id, device_id, now):
                audit(conn, row.username, "login_refused", device_id=device_id, detail="device_revoked")
                raise DeviceRevoked()
            conn.execute(update(HubUser).where(HubUser.id == row.id)
                         .values(failed_logins=0, locked_until=None))
            conn.execute(AccessToken.__table__.delete().where(
                AccessToken.user_id == row.id, AccessToken.expires_at <= now))
            token = secrets.token_urlsafe(32)
            conn.execute(insert(AccessToken).values(
                token_hash=token_digest(token), user_id=row.id, device_id=device_id,
                expires_at=now + self.settings.token_ttl, created_at=now,
            ))
            audit(conn, row.username, "login", device_id=device_id)
        return IssuedToken(token, int(self.settings.token_ttl.total_seconds()),
                           Account.from_row(row, device_id))

    # --- checking a token --------------------------------------------------------------------

    def account_for_token(self, conn: Connection, token: str | None) -> Account:
        """The user a bearer token belongs to, or an ``AuthError``."""
        if not token:
            raise MissingToken()
        if len(token) > 256 or not token.isascii():
            raise InvalidToken()
        found = conn.execute(
            select(AccessToken.expires_at, AccessToken.device_id.label("token_device_id"),
                   Device.revoked.label("device_revoked"), *HubUser.__table__.c)
            .join(HubUser, HubUser.id == AccessToken.user_id)
            .outerjoin(Device, (Device.user_id == HubUser.id) & (Device.device_id == AccessToken.device_id))
            .where(AccessToken.token_hash == token_digest(token))
        ).first()
        if found is None:
            raise InvalidToken()
        if as_utc(found.expires_at) <= utcnow():
            raise TokenExpired()
        if found.device_revoked:
            raise DeviceRevoked()
        if found.disabled:
            raise AccountDisabled()
        return Account.from_row(found, found.token_device_id)


def _register_device(conn: Connection, user_id: int, device_id: str, now: dt.datetime) -> bool:
    """Record that the user signs in from this device; False when the device is revoked."""
    insert_device = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    # ON CONFLICT DO NOTHING: two first logins from one device may race; both are fine.
    conn.execute(insert_device(Device).values(
        user_id=user_id, device_id=device_id, revoked=False, first_seen=now, last_seen=now,
    ).on_conflict_do_nothing(index_elements=["user_id", "device_id"]))
    where = (Device.user_id == user_id) & (Device.device_id == device_id)
    if conn.execute(select(Device.revoked).where(where)).scalar_one():
        return False
    conn.execute(update(Device).where(where).values(last_seen=now))
    return True
