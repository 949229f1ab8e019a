"""Logging in to the hub over real HTTP: tokens, expiry, slowdown, lockout, devices, audit."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable, Iterator

import httpx
import pytest
from sqlalchemy import select

from casework.hub.auth import AuthSettings
from casework.hub.db import make_engine
from casework.hub.schema import AccessToken, AuditEvent, Device, HubUser
from casework.hub.server import RunningHub, start_hub
from casework.hub.users import add_user, change_user, revoke_device
from tests.helpers import scratch_database
from tests.hub.api_helpers import (
    BACKENDS,
    CHANGES,
    FAST,
    PASSWORD,
    assert_error,
    bearer,
    login,
    make_user,
)

StartHub = Callable[..., RunningHub]


@pytest.fixture(scope="module", params=BACKENDS)
def db_url(request, tmp_path_factory) -> Iterator[str]:
    """One database per backend for this module: every test uses its own usernames."""
    with scratch_database(request.param, tmp_path_factory.mktemp("auth")) as url:
        yield url


@pytest.fixture(scope="module")
def hub(db_url) -> Iterator[RunningHub]:
    with start_hub(db_url, settings=FAST) as running:
        yield running


@pytest.fixture
def start(db_url) -> Iterator[StartHub]:
    """More hub processes on the same database, with their own settings."""
    running: list[RunningHub] = []

    def _start(settings: AuthSettings = FAST) -> RunningHub:
        running.append(start_hub(db_url, settings=settings))
        return running[-1]

    yield _start
    for extra in running:
        extra.stop()


@pytest.fixture
def client(hub) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=hub.url, timeout=10) as c:
        yield c


def user_id(url: str, username: str) -> int:
    return rows(url, select(HubUser.id).where(HubUser.username == username))[0].id


def rows(url: str, stmt):
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(stmt).all()
    finally:
        engine.dispose()


def test_a_user_logs_in_and_gets_a_bearer_token_with_role_scope_and_clearance(db_url, client):
    make_user(db_url, "wang.fang", "disability_officer", ["440104"], "secret")
    response = login(client, "wang.fang")
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == int(FAST.token_ttl.total_seconds())
    assert len(body["access_token"]) >= 40
    user = body["user"]
    assert user["username"] == "wang.fang" and user["role"] == "disability_officer"
    assert user["scope"] == ["440104"] and user["district"] == "440104"
    assert user["clearance"] == "secret" and user["scope_epoch"] == 1
    assert "disability" in user["departments"] and "tax" not in user["departments"]
    assert client.get(CHANGES, headers={"Authorization": f"Bearer {body['access_token']}"}).status_code == 200


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(db_url, client):
    make_user(db_url, "li.na")
    wrong_password = login(client, "li.na", "not the password")
    unknown_user = login(client, "nobody.here", PASSWORD)
    assert_error(wrong_password, 401, "invalid_credentials")
    assert_error(unknown_user, 401, "invalid_credentials")
    assert wrong_password.json() == unknown_user.json()
    assert wrong_password.headers.get("www-authenticate") == unknown_user.headers.get("www-authenticate")
    assert wrong_password.headers.get("www-authenticate") == "Bearer"


def test_repeated_failures_lock_the_account_even_against_the_right_password(db_url, client):
    make_user(db_url, "chen.jie")
    for _ in range(FAST.max_failed_logins - 1):
        assert_error(login(client, "chen.jie", "guess"), 401, "invalid_credentials")
    locking = assert_error(login(client, "chen.jie", "guess"), 423, "locked")
    assert "锁定" in locking["error"]["message"] and "locked" in locking["error"]["message"]
    assert "15" in locking["error"]["message"]  # says how long
    assert_error(login(client, "chen.jie", PASSWORD), 423, "locked")
    user = rows(db_url, select(HubUser.failed_logins, HubUser.locked_until)
                .where(HubUser.username == "chen.jie"))[0]
    assert user.failed_logins == FAST.max_failed_logins and user.locked_until is not None


def test_a_lock_ends_after_the_lockout_time_and_the_count_starts_afresh(db_url, start):
    hub = start(AuthSettings.fast_for_tests(lockout=dt.timedelta(seconds=0.6)))
    make_user(db_url, "zhou.min")
    with httpx.Client(base_url=hub.url) as client:
        for _ in range(FAST.max_failed_logins):
            login(client, "zhou.min", "guess")
        assert_error(login(client, "zhou.min", PASSWORD), 423, "locked")
        time.sleep(0.7)
        assert login(client, "zhou.min", PASSWORD).status_code == 200
        assert_error(login(client, "zhou.min", "guess"), 401, "invalid_credentials")  # not locked again


def test_unknown_usernames_lock_like_real_ones_so_a_lock_reveals_nothing(client):
    for _ in range(FAST.max_failed_logins - 1):
        assert_error(login(client, "ghost", "guess"), 401, "invalid_credentials")
    assert_error(login(client, "ghost", "guess"), 423, "locked")
    assert_error(login(client, "ghost", PASSWORD), 423, "locked")


def test_each_failed_login_is_answered_more_slowly_than_the_one_before(db_url, start):
    settings = AuthSettings.fast_for_tests(failure_delay_step=0.05, failure_delay_max=0.2)
    hub = start(settings)
    make_user(db_url, "slow.down")
    elapsed = []
    with httpx.Client(base_url=hub.url) as client:
        for _ in range(4):
            began = time.perf_counter()
            login(client, "slow.down", "guess")
            elapsed.append(time.perf_counter() - began)
        began = time.perf_counter()
        assert login(client, "slow.down", PASSWORD).status_code == 200  # success is not held back
        success = time.perf_counter() - began
    for attempt, seconds in enumerate(elapsed, start=1):
        assert seconds >= settings.failure_delay(attempt)  # at least 0.05, 0.1, 0.2, 0.2 s
    assert success < settings.failure_delay(4)


def test_a_token_stops_working_when_it_expires(db_url, start):
    hub = start(AuthSettings.fast_for_tests(token_ttl=dt.timedelta(seconds=0.6)))
    make_user(db_url, "short.lived")
    with httpx.Client(base_url=hub.url) as client:
        headers = bearer(client, "short.lived")
        assert client.get(CHANGES, headers=headers).status_code == 200
        time.sleep(0.7)
        assert_error(client.get(CHANGES, headers=headers), 401, "token_expired")


def test_the_hub_stores_only_a_hash_of_each_token(db_url, client):
    make_user(db_url, "hash.only")
    token = bearer(client, "hash.only")["Authorization"].removeprefix("Bearer ")
    stored = [r.token_hash for r in rows(db_url, select(AccessToken.token_hash)
                                         .where(AccessToken.user_id == user_id(db_url, "hash.only")))]
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]
    assert token not in stored


def test_passwords_are_stored_as_argon2id_hashes(db_url, hub):
    make_user(db_url, "argon.user")
    (stored,) = rows(db_url, select(HubUser.password_hash).where(HubUser.username == "argon.user"))[0]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_production_password_hashing_and_lockout_defaults_are_sound():
    settings = AuthSettings()
    assert settings.argon2_memory_kib >= 64 * 1024 and settings.argon2_time_cost >= 3
    assert settings.max_failed_logins <= 10 and settings.lockout >= dt.timedelta(minutes=15)
    assert settings.failure_delay(1) > 0 and settings.failure_delay(3) > settings.failure_delay(1)
    assert settings.token_ttl <= dt.timedelta(hours=24)


def test_a_revoked_device_is_refused_at_login_and_its_tokens_stop_working(db_url, client):
    make_user(db_url, "lost.laptop")
    headers = bearer(client, "lost.laptop", device_id="laptop-7")
    other_device = bearer(client, "lost.laptop", device_id="office-pc-2")
    devices = rows(db_url, select(Device.device_id).where(Device.user_id == user_id(db_url, "lost.laptop")))
    assert len(devices) == 2
    engine = make_engine(db_url)
    revoke_device(engine, "lost.laptop", "laptop-7")
    engine.dispose()
    # Its tokens stay, marked revoked: the next request learns why (and the client wipes its cache).
    assert_error(client.get(CHANGES, headers=headers), 403, "device_revoked")
    assert_error(login(client, "lost.laptop", device_id="laptop-7"), 403, "device_revoked")
    assert client.get(CHANGES, headers=other_device).status_code == 200


def test_a_token_of_a_device_revoked_while_it_is_valid_is_refused_with_device_revoked(db_url, client):
    make_user(db_url, "field.tablet")
    headers = bearer(client, "field.tablet", device_id="tablet-3")
    engine = make_engine(db_url)
    with engine.begin() as conn:  # revoked by another route than revoke_device: tokens remain
        conn.execute(Device.__table__.update().values(revoked=True)
                     .where(Device.user_id == user_id(db_url, "field.tablet")))
    engine.dispose()
    assert_error(client.get(CHANGES, headers=headers), 403, "device_revoked")


def test_logins_and_failed_logins_are_audited_with_user_and_device(db_url, client):
    make_user(db_url, "audited")
    login(client, "audited", "guess", device_id="pc-a")
    login(client, "audited", PASSWORD, device_id="pc-a")
    login(client, "nobody.audited", "guess", device_id="pc-b")
    events = rows(db_url, select(AuditEvent.username, AuditEvent.action, AuditEvent.device_id)
                  .where(AuditEvent.action.like("login%"),
                         AuditEvent.username.in_(["audited", "nobody.audited"]))
                  .order_by(AuditEvent.id))
    assert [tuple(e) for e in events] == [
        ("audited", "login_failed", "pc-a"), ("audited", "login", "pc-a"),
        ("nobody.audited", "login_failed", "pc-b"),
    ]
    details = rows(db_url, select(AuditEvent.detail).where(AuditEvent.action == "login_failed"))
    assert all(PASSWORD not in (d.detail or "") and "guess" not in (d.detail or "") for d in details)


def test_a_token_from_one_hub_process_works_on_another_and_they_share_the_lockout(db_url, start):
    first, second = start(), start()
    make_user(db_url, "two.hubs")
    with httpx.Client(base_url=first.url) as a, httpx.Client(base_url=second.url) as b:
        headers = bearer(a, "two.hubs")
        assert b.get(CHANGES, headers=headers).status_code == 200
        for attempt in range(FAST.max_failed_logins):
            login(a if attempt % 2 else b, "two.hubs", "guess")
        assert_error(login(a, "two.hubs"), 423, "locked")
        assert_error(login(b, "two.hubs"), 423, "locked")


def test_a_disabled_account_cannot_log_in_or_use_its_tokens(db_url, client):
    make_user(db_url, "left.office")
    headers = bearer(client, "left.office")
    engine = make_engine(db_url)
    change_user(engine, "left.office", disabled=True)
    engine.dispose()
    assert_error(client.get(CHANGES, headers=headers), 403, "account_disabled")
    assert_error(login(client, "left.office"), 403, "account_disabled")


def test_odd_usernames_and_tokens_are_refused_cleanly_not_with_a_server_error(client):
    assert_error(login(client, "nul\x00name", PASSWORD), 401, "invalid_credentials")
    assert_error(login(client, "名字" * 30, PASSWORD), 401, "invalid_credentials")
    for token in ("x" * 300, "Ω-not-ascii", "a b", "🙂"):
        response = client.get(CHANGES, headers={"Authorization": f"Bearer {token}".encode()})
        assert response.status_code in (400, 401), (token, response.text)
        assert "error" in response.json()


def test_an_unknown_username_costs_as_much_time_as_a_wrong_password(db_url, start):
    """No timing side channel: an unknown user is checked against a dummy hash of the same cost."""
    costly = AuthSettings.fast_for_tests(argon2_time_cost=2, argon2_memory_kib=16 * 1024,
                                         failure_delay_step=0.0, failure_delay_max=0.0)
    hub = start(costly)
    engine = make_engine(db_url)
    add_user(engine, "timed.user", PASSWORD, "social_worker", ["440104001"], "internal", settings=costly)
    engine.dispose()
    with httpx.Client(base_url=hub.url) as client:
        login(client, "warm.up", "guess")

        def median_seconds(username: str) -> float:
            times = []
            for _ in range(3):
                began = time.perf_counter()
                assert login(client, username, "guess").status_code == 401
                times.append(time.perf_counter() - began)
            return sorted(times)[1]

        wrong_password, unknown_user = median_seconds("timed.user"), median_seconds("timed.nobody")
    assert wrong_password > 0.005  # the argon2 check is what is being timed
    assert unknown_user > 0.5 * wrong_password, (unknown_user, wrong_password)
