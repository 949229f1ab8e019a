"""What the client-sync benchmark and the kill soak share: a generated hub database, a hub
served by a separate ``casework hub serve`` process (so hub and client do not share one
interpreter lock, as on a real network), bench users, and what a cache or the hub holds."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import orjson
from sqlalchemy import func, select, text

from casework.hub import db
from casework.hub.feed import read_changes_page
from casework.hub.scope import Viewer
from casework.hub.users import UserError, add_user, change_user, set_password
from casework.wire.v1 import MAX_PAGE_LIMIT, decode_cursor

BENCH_PASSWORD = "bench-password-1"
HUB_START_TIMEOUT = 120.0  # seconds; a big database's schema check and first connection


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def record_count(db_url: str) -> int:
    """Records in a hub database (0 when it has no schema yet)."""
    engine = db.make_engine(db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM record")).scalar_one()
    except Exception:  # no such table: an empty database
        return 0
    finally:
        engine.dispose()


def prepare_hub_db(db_url: str, households: int, seed: int, streets: list[str] | None,
                   district: str = "440104") -> int:
    """Generate the district into ``db_url`` unless it already holds records; returns the
    record count."""
    existing = record_count(db_url)
    if existing:
        say(f"hub database already holds {existing:,} records: reusing it")
        return existing
    from casework.demo.bulk_load import load_district
    from casework.demo.generator import generate_district

    say(f"generating {households:,} households into {db_url.split('@')[-1]} …")
    started = time.monotonic()
    last = [0.0]

    def progress(*values: object) -> None:
        if time.monotonic() - last[0] > 10:
            last[0] = time.monotonic()
            say(f"  … {values}")

    load_district(db_url, generate_district(households, seed, district, streets), progress=progress)
    count = record_count(db_url)
    say(f"generated {count:,} records in {time.monotonic() - started:.0f} s")
    return count


def ensure_user(db_url: str, username: str, role: str, scope: list[str], clearance: str = "internal") -> None:
    """The bench user with a known password and the given scope, whether or not it exists."""
    db.upgrade(db_url)
    engine = db.make_engine(db_url)
    try:
        try:
            add_user(engine, username, BENCH_PASSWORD, role, scope, clearance)
        except UserError:
            set_password(engine, username, BENCH_PASSWORD)
            change_user(engine, username, role=role, scope=scope, clearance=clearance)
    finally:
        engine.dispose()


@contextlib.contextmanager
def hub_process(db_url: str, log_path: Path, port: int = 0) -> Iterator[str]:
    """``casework hub serve`` in its own process on loopback, once /health answers; yields its
    URL. ``port`` 0 takes a free one; a fixed port brings a hub back at the address a client
    profile is tied to (the cold-start benchmark)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "casework.cli", "hub", "serve", "--db", db_url, "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        url = _wait_for_hub(process, log_path, f"http://127.0.0.1:{port}" if port else None)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_hub(process: subprocess.Popen, log_path: Path, url: str | None) -> str:
    """The hub's URL once /health answers (``url``, or the one its log names when it chose a port)."""
    deadline = time.monotonic() + HUB_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"hub exited: {log_path.read_text(errors='replace')[-2000:]}")
        found = url or _url_in_log(log_path)
        if found:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(found + "/api/v1/health", timeout=5, trust_env=False).is_success:
                    return found
        time.sleep(0.1)
    raise RuntimeError("hub did not start in time")


def _url_in_log(log_path: Path) -> str | None:
    found = re.search(r"(http://127\.0\.0\.1:\d+)", log_path.read_text(errors="replace"))
    return found.group(1) if found else None


def hub_visible_records(db_url: str, username: str) -> dict[str, tuple[str, int, str, dict[str, Any]]]:
    """id → (kind, version, area, data as served) of every record the user may hold, pulled
    straight from the hub's feed function (no HTTP, no client code): masked as the user sees it."""
    from casework.hub.auth import Account

    engine = db.make_engine(db_url)
    try:
        with engine.connect() as conn:
            viewer = _viewer(conn, username, Account)
            held: dict[str, tuple[str, int, str, dict[str, Any]]] = {}
            after = 0
            while True:
                page = orjson.loads(read_changes_page(conn, viewer, after, MAX_PAGE_LIMIT))
                for c in page["changes"]:
                    if c["op"] == "remove":
                        held.pop(c["id"], None)
                    else:
                        held[c["id"]] = (c["kind"], c["version"], c["area"], c["data"])
                after = decode_cursor(page["cursor"])
                if not page["has_more"]:
                    return held
    finally:
        engine.dispose()


def hub_visible_versions(db_url: str, username: str) -> dict[str, tuple[str, int]]:
    """id → (kind, version) of every record the user may hold: the reference a cache must equal."""
    visible = hub_visible_records(db_url, username)
    return {rid: (kind, version) for rid, (kind, version, _, _) in visible.items()}


def _viewer(conn, username: str, account_cls) -> Viewer:
    from casework.hub.api import viewer_of
    from casework.hub.schema import HubUser

    row = conn.execute(select(HubUser).where(HubUser.username == username)).one()
    return viewer_of(account_cls.from_row(row))


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def folder_size(paths: list[Path]) -> int:
    return sum(p.stat().st_size for p in paths if p.exists())


def max_seq(db_url: str) -> int:
    engine = db.make_engine(db_url)
    try:
        with engine.connect() as conn:
            from casework.hub.schema import Record

            return conn.execute(select(func.max(Record.seq))).scalar_one() or 0
    finally:
        engine.dispose()


def record_versions(store) -> dict[str, tuple[str, int]]:
    """id → (kind, version) of every record a ``casework.cache.store.CacheStore`` holds."""
    with store.read() as conn:
        return {record_id: (kind, int(version)) for record_id, kind, version
                in conn.exec_driver_sql("SELECT id, kind, version FROM record")}


def cached_versions(home: Path, hub_url: str, username: str, password: str) -> dict[str, tuple[str, int]]:
    """``record_versions`` of the cache under ``home``, opened offline with the password."""
    from casework import paths
    from casework.sync.session import sign_in

    paths.set_home(home)
    try:
        with sign_in(hub_url, username, password, contact_hub=False) as session:
            return record_versions(session.store)
    finally:
        paths.set_home(None)
