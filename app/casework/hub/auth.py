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
import os
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, case, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from casework.domain.classification import Level
from casework.domain.roles import Role
from casework.hub.schema import AccessToken, AuditEvent, Device, HubUser, utcnow
from casework.wire import v1

IDLE_LOCK_ENV = "CASEWORK_IDLE_LOCK_MAX_MINUTES"


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
    # Password checks at once per hub process, and logins that may wait for one; beyond that a
    # login is refused at once (429), so a flood of guesses cannot take the CPU and threads the
    # feed needs (issue 9: 48 bogus logins pushed a page from 7 ms to 0.8 s median).
    max_concurrent_logins: int = 1
    max_waiting_logins: int = 8
    # The district's policy for the desktop app: it locks after at most this many idle minutes.
    idle_lock_max_minutes: int = 30

    @classmethod
    def from_environment(cls) -> AuthSettings:
        """The defaults, with the district's idle-lock policy from ``IDLE_LOCK_ENV`` when set
        (``casework hub serve --idle-lock-max``; worker processes inherit it)."""
        value = os.environ.get(IDLE_LOCK_ENV, "")
        return cls(idle_lock_max_minutes=int(value)) if value.isdigit() and int(value) > 0 else cls()

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


class TooManyLogins(AuthError):
    code = "too_many_logins"
    message = "登录请求过多，请稍后再试。Too many logins at once; try again in a moment."


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
class LoginRefused:
    """A refused login attempt and the seconds to hold back its answer."""

    error: AuthError
    delay: float


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int
    account: Account
    idle_lock_max_minutes: int = 30

    def to_wire(self) -> v1.TokenResponse:
        user = self.account.to_wire().model_copy(update={"idle_lock_max_minutes": self.idle_lock_max_minutes})
        return v1.TokenResponse(access_token=self.access_token, expires_in=self.expires_in, user=user)


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
        """A new token for the user on this device, or an ``AuthError`` (after the slowdown)."""
        outcome = self.attempt(username, password, device_id)
        if isinstance(outcome, LoginRefused):
            time.sleep(outcome.delay)
            raise outcome.error
        return outcome

    def attempt(self, username: str, password: str, device_id: str) -> IssuedToken | LoginRefused:
        """One login attempt: a token, or the refusal and how long to hold it back (the caller
        waits, so no thread or password-check slot is held while it does).

        The attempt is counted before the password is checked, in one atomic statement, so
        parallel guesses each get their own number and only the first ``max_failed_logins``
        are ever checked (issue 9: counting after the ~0.2 s check let 15-19 through)."""
        now = utcnow()
        # PostgreSQL refuses NUL in text; no username has one, and the audit must store it.
        username = username.replace("\x00", "\ufffd")
        with self.engine.begin() as conn:
            row = conn.execute(select(HubUser).where(HubUser.username == username)).first()
        if row is None:
            return self._attempt_unknown(username, password, device_id, now)
        with self.engine.begin() as conn:
            number, locked_for = self._count_attempt(conn, row.id, now)
            if locked_for is not None:
                audit(conn, username, "login_locked", device_id=device_id)
        if locked_for is not None:
            self._password_matches(self._dummy_hash, password)  # a lock costs what a check costs
            return LoginRefused(AccountLocked(locked_for), 0.0)
        if self._password_matches(row.password_hash, password):
            return self._grant(row, device_id, now, number)
        with self.engine.begin() as conn:
            if number >= self.settings.max_failed_logins:
                conn.execute(update(HubUser).where(HubUser.id == row.id)
                             .values(locked_until=now + self.settings.lockout))
            audit(conn, username, "login_failed", device_id=device_id, detail=f"failures={number}")
        return self._refusal(number)

    def _attempt_unknown(self, username: str, password: str, device_id: str,
                         now: dt.datetime) -> LoginRefused:
        """A username that does not exist fails like a wrong password, counted (from the audit
        trail) before its dummy check, and "locks" like a real one."""
        with self.engine.begin() as conn:
            audit(conn, username, "login_failed", device_id=device_id)
        with self.engine.connect() as conn:
            number = self._unknown_user_failures(conn, username, now)
        self._password_matches(self._dummy_hash, password)
        if number > self.settings.max_failed_logins:
            return LoginRefused(AccountLocked(self.settings.lockout), 0.0)
        return self._refusal(number)

    def _refusal(self, failures: int) -> LoginRefused:
        locked = failures >= self.settings.max_failed_logins
        error = AccountLocked(self.settings.lockout) if locked else InvalidCredentials.after(
            failures, self.settings.max_failed_logins)
        return LoginRefused(error, self.settings.failure_delay(failures))

    def _count_attempt(self, conn: Connection, user_id: int,
                       now: dt.datetime) -> tuple[int, dt.timedelta | None]:
        """Count this attempt (an ended lock or old failures start afresh) and return its number,
        or the time left on the lock. Attempts past the limit set the lock themselves, so a
        burst locks the account even while its first attempts are still being checked."""
        ended = HubUser.locked_until <= now
        stale = HubUser.locked_until.is_(None) & (HubUser.last_failed_at < now - self.settings.lockout)
        fresh = ended | stale | HubUser.failed_logins.is_(None)
        number = conn.execute(
            update(HubUser)
            .where(HubUser.id == user_id, HubUser.locked_until.is_(None) | ended)
            .values(failed_logins=case((fresh, 1), else_=HubUser.failed_logins + 1),
                    locked_until=None, last_failed_at=now)
            .returning(HubUser.failed_logins)
        ).scalar_one_or_none()
        if number is not None and number <= self.settings.max_failed_logins:
            return number, None
        if number is not None:
            conn.execute(update(HubUser).where(HubUser.id == user_id)
                         .values(locked_until=now + self.settings.lockout))
            return number, self.settings.lockout
        locked_until = as_utc(conn.execute(select(HubUser.locked_until)
                                           .where(HubUser.id == user_id)).scalar_one())
        return 0, (locked_until - now if locked_until is not None else self.settings.lockout)

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

    def _grant(self, row: Any, device_id: str, now: dt.datetime, number: int) -> IssuedToken | LoginRefused:
        """A token for a checked password. The attempts counted up to this one are forgiven;
        any counted after it (a parallel burst) still count, and a lock they set stays."""
        with self.engine.begin() as conn:
            if row.disabled:
                audit(conn, row.username, "login_refused", device_id=device_id, detail="disabled")
                return LoginRefused(AccountDisabled(), 0.0)
            if not _register_device(conn, row.id, device_id, now):
                audit(conn, row.username, "login_refused", device_id=device_id, detail="device_revoked")
                return LoginRefused(DeviceRevoked(), 0.0)
            conn.execute(update(HubUser).where(HubUser.id == row.id).values(failed_logins=case(
                (HubUser.failed_logins > number, HubUser.failed_logins - number), else_=0)))
            conn.execute(AccessToken.__table__.delete().where(
                AccessToken.user_id == row.id, AccessToken.expires_at <= now))
            token = secrets.token_urlsafe(32)
            conn.execute(insert(AccessToken).values(
                token_hash=token_digest(token), user_id=row.id, device_id=device_id,
                expires_at=now + self.settings.token_ttl, created_at=now,
            ))
            audit(conn, row.username, "login", device_id=device_id)
        return IssuedToken(token, int(self.settings.token_ttl.total_seconds()),
                           Account.from_row(row, device_id), self.settings.idle_lock_max_minutes)

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
