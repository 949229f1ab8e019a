"""Running the hub: ``start_hub`` in a background thread for tests, the demo and benchmarks, and
``casework hub serve`` in the foreground."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import text

from casework.cli import main
from casework.hub.db import make_engine, upgrade
from casework.hub.server import start_hub
from tests.hub.api_helpers import CHANGES, FAST, HEALTH, bearer, make_user


def port_is_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_start_hub_creates_the_schema_and_answers_on_a_free_loopback_port_within_seconds(hub_db_url):
    began = time.perf_counter()
    with start_hub(hub_db_url, settings=FAST) as hub:
        started = time.perf_counter() - began
        assert hub.url == f"http://127.0.0.1:{hub.port}" and hub.port > 0
        response = httpx.get(hub.url + HEALTH)
        assert response.status_code == 200 and response.json()["status"] == "ok"
    assert started < 5, f"start_hub took {started:.2f} s"  # typically 0.1–0.6 s on a fresh database


def test_two_hubs_on_one_database_serve_side_by_side(hub_db_url):
    with start_hub(hub_db_url, settings=FAST) as first, start_hub(hub_db_url, settings=FAST) as second:
        assert first.port != second.port
        assert httpx.get(first.url + HEALTH).status_code == httpx.get(second.url + HEALTH).status_code == 200


def test_stopping_the_hub_frees_its_port_and_returns_its_database_connections(tmp_path):
    hub = start_hub(f"sqlite:///{tmp_path / 'hub.db'}", settings=FAST)
    assert httpx.get(hub.url + HEALTH).status_code == 200
    assert port_is_open(hub.port)
    hub.stop()
    assert not port_is_open(hub.port)
    assert hub.app.state.engine.pool.checkedout() == 0


def test_leaving_the_with_block_stops_the_hub_even_after_an_error(tmp_path):
    with pytest.raises(RuntimeError, match="boom"), start_hub(f"sqlite:///{tmp_path / 'hub.db'}",
                                                             settings=FAST) as hub:
        port = hub.port
        raise RuntimeError("boom")
    assert not port_is_open(port)


def test_start_hub_refuses_a_port_that_is_taken(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(OSError):
            start_hub(f"sqlite:///{tmp_path / 'hub.db'}", port=taken.getsockname()[1], settings=FAST)


@contextlib.contextmanager
def hub_serve(*options: str) -> Iterator[tuple[subprocess.Popen, str]]:
    """``casework hub serve --port 0 OPTIONS`` as a child process, with its first output line;
    killed on the way out if the test did not stop it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "casework.cli", "hub", "serve", "--port", "0", *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        first_line = process.stdout.readline()
        assert first_line.startswith("casework hub: http://127.0.0.1:"), first_line + process.stderr.read()
        yield process, first_line
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()


def test_casework_hub_serve_runs_the_api_on_the_default_database_until_interrupted(casework_home):
    with hub_serve() as (process, first_line):
        url = first_line.split()[2]
        assert str(casework_home) in first_line  # the SQLite file under CASEWORK_HOME
        health = httpx.get(url + HEALTH, timeout=30)
        assert health.status_code == 200 and health.json()["database"] == "sqlite"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    assert (casework_home / "hub" / "hub.db").exists()


def test_casework_hub_serve_refuses_a_database_written_by_a_newer_hub(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    upgrade(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    engine.dispose()
    assert main(["hub", "serve", "--db", url, "--port", "0"]) == 2
    assert "newer" in capsys.readouterr().err


def test_casework_hub_serve_says_so_when_its_port_is_taken(tmp_path, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        code = main(["hub", "serve", "--db", f"sqlite:///{tmp_path / 'hub.db'}",
                     "--port", str(taken.getsockname()[1])])
    assert code == 2 and "cannot listen" in capsys.readouterr().err


def _workers_of(pid: int) -> set[int]:
    """Worker processes of the hub ``pid`` (Linux /proc): its children started by
    multiprocessing's spawn, not multiprocessing's resource tracker."""
    workers = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    command = f.read()
            except OSError:
                continue
            if parent == pid and b"spawn_main" in command:
                workers.add(int(entry))
    return workers


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="counts worker processes through /proc")
def test_casework_hub_serve_with_workers_serves_one_port_from_several_processes(hub_db_url):
    upgrade(hub_db_url)
    make_user(hub_db_url, "worker_test")
    with hub_serve("--db", hub_db_url, "--workers", "2") as (process, first_line):
        assert "2 worker processes" in first_line, first_line
        url = first_line.split()[2]
        deadline = time.monotonic() + 60
        while len(_workers_of(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(_workers_of(process.pid)) >= 2
        with httpx.Client(base_url=url, timeout=30) as client:
            while time.monotonic() < deadline:
                try:
                    if client.get(HEALTH).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            headers = bearer(client, "worker_test")
            with ThreadPoolExecutor(8) as pool:
                responses = list(pool.map(lambda _: client.get(CHANGES, headers=headers), range(16)))
        assert [r.status_code for r in responses] == [200] * 16
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
