"""Administering hub users: who they are, what they may see (role, scope, clearance), devices.

Scope is a set of area prefixes: some street codes (9 digits) of one district, or the
district code (6 digits) for district-wide roles. Any change to what a user may see bumps
their ``scope_epoch``, which tells their client to drop what it may no longer hold and fetch
what it newly may.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update

from casework.domain import areas
from casework.domain.classification import Level
from casework.domain.roles import Role
from casework.hub.auth import AuthSettings, audit, hash_password
from casework.hub.password_policy import weakness
from casework.hub.schema import AccessToken, Device, HubUser, utcnow

USERNAME_PATTERN = re.compile(r"^[\w.@-]{1,64}$")
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256  # what the login request accepts (casework.wire.v1.TokenRequest)
ADMIN_ACTOR = "hub-admin"  # the audit trail's name for changes made with the administration tools


class UserError(ValueError):
    """A user cannot be added or changed as asked; the message says why (Chinese and English)."""


def parse_role(role: str | Role) -> Role:
    try:
        return Role(role)
    except ValueError:
        known = ", ".join(f"{r.value} ({r.label_zh})" for r in Role)
        raise UserError(f"未知角色 Unknown role {role!r}; use one of {known}") from None


def parse_clearance(clearance: str | Level) -> Level:
    if isinstance(clearance, Level):
        return clearance
    try:
        return Level.parse(clearance)
    except ValueError as exc:
        raise UserError(f"未知密级 {exc}") from None


def parse_scope(scope: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """(district, prefixes) for a scope of street codes of one district, or [district code]."""
    codes = list(dict.fromkeys(code.strip() for code in scope if code.strip()))
    if not codes:
        raise UserError("范围为空 Empty scope: give street codes or a district code")
    if len(codes) == 1 and len(codes[0]) == 6:
        try:
            return areas.district(codes[0]).code, (codes[0],)
        except ValueError as exc:
            raise UserError(f"未知区 {exc}") from None
    districts = set()
    for code in codes:
        if len(code) != 9:
            raise UserError(
                f"范围代码无效 Invalid scope code {code!r}: give 9-digit street codes, "
                "or one 6-digit district code alone"
            )
        try:
            districts.add(areas.street(code).district_code)
        except ValueError as exc:
            raise UserError(f"未知街道 {exc}") from None
    if len(districts) > 1:
        raise UserError(f"街道须属于同一个区 Streets must belong to one district, got {sorted(districts)}")
    return districts.pop(), tuple(sorted(codes))


def _check_username(username: str) -> None:
    if not USERNAME_PATTERN.match(username):
        raise UserError(
            f"用户名无效 Invalid username {username!r}: 1–64 letters, digits, '.', '_', '-', '@'"
        )


def _check_password(password: str, *names: str, judge: bool = True) -> None:
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise UserError(
            f"密码长度须为 {MIN_PASSWORD_LENGTH}–{MAX_PASSWORD_LENGTH} 个字符 "
            f"The password must have {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters"
        )
    reason = weakness(password, [name for name in names if name]) if judge else None
    if reason:
        raise UserError(reason)


def add_user(engine: Engine, username: str, password: str, role: str | Role, scope: Sequence[str],
             clearance: str | Level, display_name: str | None = None, *,
             settings: AuthSettings | None = None, published_password: bool = False) -> None:
    """Create a user; ``UserError`` for a bad role, scope, clearance, name or password.

    ``published_password``: the demo's accounts, whose passwords are printed for anyone to
    use on a loopback demo hub, skip the strength check (their length is still checked)."""
    _check_username(username)
    role = parse_role(role)
    level = parse_clearance(clearance)
    district, prefixes = parse_scope(scope)
    _check_password(password, username, display_name or "", judge=not published_password)
    display_name = (display_name or username).strip()[:64] or username
    password_hash = hash_password(password, settings)
    with engine.begin() as conn:
        if conn.execute(select(HubUser.id).where(HubUser.username == username)).first():
            raise UserError(f"用户已存在 User {username!r} already exists")
        conn.execute(insert(HubUser).values(
            username=username, display_name=display_name, password_hash=password_hash,
            role=role.value, district=district, scope=",".join(prefixes), clearance=int(level),
            scope_epoch=1, failed_logins=0, disabled=False, created_at=utcnow(),
        ))
        audit(conn, ADMIN_ACTOR, "user_added", subject=username,
              detail=f"role={role.value} scope={','.join(prefixes)} clearance={level.code}")


def change_user(engine: Engine, username: str, *, role: str | Role | None = None,
                scope: Sequence[str] | None = None, clearance: str | Level | None = None,
                display_name: str | None = None, disabled: bool | None = None) -> int:
    """Change what a user may see; returns their scope epoch (bumped when anything that
    decides their visible records changed)."""
    values: dict[str, Any] = {}
    if role is not None:
        values["role"] = parse_role(role).value
    if scope is not None:
        values["district"], prefixes = parse_scope(scope)
        values["scope"] = ",".join(prefixes)
    if clearance is not None:
        values["clearance"] = int(parse_clearance(clearance))
    with engine.begin() as conn:
        row = conn.execute(select(HubUser).where(HubUser.username == username)).first()
        if row is None:
            raise UserError(f"没有该用户 No user {username!r}")
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        epoch = row.scope_epoch + 1 if changed else row.scope_epoch
        if display_name is not None:
            changed["display_name"] = display_name.strip()[:64] or username
        if disabled is not None:
            changed["disabled"] = disabled
        if changed:
            conn.execute(update(HubUser).where(HubUser.id == row.id).values(scope_epoch=epoch, **changed))
            audit(conn, ADMIN_ACTOR, "user_changed", subject=username,
                  detail=" ".join(f"{k}={v}" for k, v in sorted(changed.items())))
    return epoch


def set_password(engine: Engine, username: str, password: str, *,
                 settings: AuthSettings | None = None) -> None:
    """A new password; also lifts a lockout."""
    _check_password(password, username)
    password_hash = hash_password(password, settings)
    with engine.begin() as conn:
        done = conn.execute(update(HubUser).where(HubUser.username == username).values(
            password_hash=password_hash, failed_logins=0, locked_until=None)).rowcount
        if not done:
            raise UserError(f"没有该用户 No user {username!r}")
        audit(conn, ADMIN_ACTOR, "password_set", subject=username)


def unlock_user(engine: Engine, username: str) -> bool:
    """Lift a lockout after too many failed logins (the password stays); True when the user
    was locked or had failures counted."""
    with engine.begin() as conn:
        row = conn.execute(select(HubUser).where(HubUser.username == username)).first()
        if row is None:
            raise UserError(f"没有该用户 No user {username!r}")
        conn.execute(update(HubUser).where(HubUser.id == row.id).values(failed_logins=0, locked_until=None))
        audit(conn, ADMIN_ACTOR, "user_unlocked", subject=username)
    return bool(row.failed_logins or row.locked_until)


def set_disabled(engine: Engine, username: str, disabled: bool) -> None:
    """Disable (refuse every login and token from now on) or enable a user's account."""
    with engine.begin() as conn:
        user_id = conn.execute(select(HubUser.id).where(HubUser.username == username)).scalar_one_or_none()
        if user_id is None:
            raise UserError(f"没有该用户 No user {username!r}")
        conn.execute(update(HubUser).where(HubUser.id == user_id).values(disabled=disabled))
        if disabled:
            conn.execute(delete(AccessToken).where(AccessToken.user_id == user_id))
        audit(conn, ADMIN_ACTOR, "user_disabled" if disabled else "user_enabled", subject=username)


def revoke_device(engine: Engine, username: str, device_id: str) -> None:
    """Refuse the device from now on. Its tokens are kept, marked by the device's revoked
    state: the next request with one is refused with ``device_revoked`` (not a mere
    ``invalid_token``), which is what tells the client to wipe its cache (issue 9)."""
    with engine.begin() as conn:
        user_id = conn.execute(select(HubUser.id).where(HubUser.username == username)).scalar_one_or_none()
        if user_id is None:
            raise UserError(f"没有该用户 No user {username!r}")
        where = (Device.user_id == user_id) & (Device.device_id == device_id)
        if not conn.execute(update(Device).where(where).values(revoked=True)).rowcount:
            conn.execute(insert(Device).values(user_id=user_id, device_id=device_id, revoked=True,
                                               first_seen=utcnow(), last_seen=utcnow()))
        audit(conn, ADMIN_ACTOR, "device_revoked", device_id=device_id, subject=username)


def list_users(engine: Engine) -> list[dict[str, Any]]:
    """Every user with role, scope and clearance (no secrets), ordered by username."""
    with engine.connect() as conn:
        rows = conn.execute(select(HubUser).order_by(HubUser.username)).all()
    return [
        {"username": r.username, "display_name": r.display_name, "role": r.role,
         "district": r.district, "scope": r.scope.split(","), "clearance": Level(r.clearance).code,
         "scope_epoch": r.scope_epoch, "disabled": r.disabled}
        for r in rows
    ]
