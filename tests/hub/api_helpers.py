"""Helpers for tests that talk to a real hub over HTTP on 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import httpx
import pytest

from casework.hub.auth import AuthSettings
from casework.hub.db import make_engine
from casework.hub.users import add_user
from casework.wire import v1

FAST = AuthSettings.fast_for_tests()
PASSWORD = "correct horse battery staple"
CHANGES = f"{v1.API_PREFIX}/sync/changes"
SUMMARY = f"{v1.API_PREFIX}/sync/summary"
TOKEN = f"{v1.API_PREFIX}/auth/token"
HEALTH = f"{v1.API_PREFIX}/health"

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def make_user(url: str, username: str, role: str = "social_worker", scope: Sequence[str] = ("440104001",),
              clearance: str = "internal", password: str = PASSWORD) -> None:
    engine = make_engine(url)
    try:
        add_user(engine, username, password, role, list(scope), clearance, settings=FAST)
    finally:
        engine.dispose()


def login(client: httpx.Client, username: str, password: str = PASSWORD,
          device_id: str = "office-pc-1") -> httpx.Response:
    return client.post(TOKEN, json={"username": username, "password": password, "device_id": device_id})


def bearer(client: httpx.Client, username: str, password: str = PASSWORD,
           device_id: str = "office-pc-1") -> dict[str, str]:
    response = login(client, username, password, device_id)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The response is exactly a wire ErrorResponse with this status and code, with a message
    in Chinese and English, and carries nothing else."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    v1.ErrorResponse.model_validate(body)
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code, body
    message = body["error"]["message"]
    assert re.search(r"[\u4e00-\u9fff]", message) and re.search(r"[A-Za-z]{3}", message), message
    return body
