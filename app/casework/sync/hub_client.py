"""The client's HTTP connection to the hub (``/api/v1``, schemas in ``casework.wire.v1``).

One ``httpx.Client`` per hub with compression (zstd, else gzip) and timeouts, and three errors
the rest of the client can act on: the hub cannot be reached (work offline), the credentials
were refused (sign in again), or the hub answered with an error (show it). Change pages are
decoded with orjson: they are the bulk of the traffic.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx
import orjson

from casework import __version__
from casework.wire.v1 import API_PREFIX, encode_cursor

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30.0  # seconds to wait for a response (a 5,000-record page on a slow link)
CONNECT_TIMEOUT = 5.0  # seconds to wait for the hub to answer at all before going offline
# The hub answers the summary from running totals (milliseconds), but a hub that has just
# upgraded a large database or is repairing its totals may hold it up: a longer read timeout.
SUMMARY_TIMEOUT = 120.0
DEVICE_REVOKED = "device_revoked"  # AuthFailed.code when the hub has revoked this device


class HubClientError(Exception):
    """Base of the errors a hub call raises; ``message`` is for the user (Chinese and English)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class HubUnreachable(HubClientError):
    """No answer from the hub (refused, timed out, network down): the client works offline."""


class AuthFailed(HubClientError):
    """The hub refused the password or the token (``code`` from the hub, e.g. ``token_expired``,
    ``locked``)."""

    def __init__(self, message: str, code: str = "unauthorized", status: int = 401) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


class HubError(HubClientError):
    """The hub answered with an error other than authentication (4xx/5xx)."""

    def __init__(self, message: str, code: str, status: int) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


def _error_detail(response: httpx.Response) -> tuple[str, str]:
    """(code, message) from the hub's JSON error body, or from the bare status."""
    try:
        body = orjson.loads(response.content)
        detail = body["error"]
        return str(detail["code"]), str(detail["message"])
    except (orjson.JSONDecodeError, KeyError, TypeError):
        text = response.text[:200].strip() or response.reason_phrase
        return f"http_{response.status_code}", text


class HubClient:
    """Calls to one hub. ``token`` is the bearer token from ``login`` (or from the credential
    store); the client never writes it anywhere itself."""

    def __init__(self, base_url: str, token: str | None = None, *,
                 timeout: float = DEFAULT_TIMEOUT, connect_timeout: float = CONNECT_TIMEOUT,
                 summary_timeout: float = SUMMARY_TIMEOUT) -> None:
        self.base_url = base_url.rstrip("/")
        self._summary_timeout = httpx.Timeout(max(summary_timeout, timeout), connect=connect_timeout)
        self.token = token
        self.wire_bytes = 0  # bytes received as sent (compressed), for the benchmarks
        self._http = httpx.Client(
            base_url=self.base_url + API_PREFIX,
            timeout=httpx.Timeout(timeout, connect=connect_timeout),
            headers={"Accept-Encoding": "zstd, gzip", "User-Agent": f"casework/{__version__}"},
            trust_env=False,  # the hub is addressed directly; no proxy from the environment
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- calls ---------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        return orjson.loads(self._request("GET", "/health", auth=False).content)

    def login(self, username: str, password: str, device_id: str) -> dict[str, Any]:
        """The token response (``access_token``, ``expires_in``, ``user``); keeps the token."""
        body = {"username": username, "password": password, "device_id": device_id}
        response = self._request("POST", "/auth/token", json=body, auth=False, login=True)
        answer = orjson.loads(response.content)
        self.token = answer["access_token"]
        return answer

    def changes_raw(self, after: int, limit: int) -> bytes:
        """The JSON bytes of one ``ChangesPage`` after sequence ``after`` (decompressed)."""
        params = {"after": encode_cursor(after), "limit": str(limit)}
        return self._request("GET", "/sync/changes", params=params).content

    def changes(self, after: int, limit: int) -> dict[str, Any]:
        """One ``ChangesPage`` as a dict."""
        return orjson.loads(self.changes_raw(after, limit))

    def summary(self) -> dict[str, Any]:
        """The ``Summary`` of what this user may hold: per kind a count and a checksum."""
        return orjson.loads(self._request("GET", "/sync/summary", timeout=self._summary_timeout).content)

    def push(self, ops: list[dict[str, Any]], timeout: float | None = None) -> dict[str, Any]:
        """Send one batch of outbox ops (``PushRequest``); the ``PushResponse`` as a dict.
        ``timeout`` (seconds to wait for the answer) replaces the client's for this call."""
        content = orjson.dumps({"ops": ops})
        options: dict[str, Any] = {} if timeout is None else {
            "timeout": httpx.Timeout(timeout, connect=self._http.timeout.connect)}
        response = self._request("POST", "/sync/push", content=content,
                                 extra_headers={"Content-Type": "application/json"}, **options)
        return orjson.loads(response.content)

    # -- plumbing ------------------------------------------------------------------------

    def _request(self, method: str, path: str, *, auth: bool = True, login: bool = False,
                 extra_headers: dict[str, str] | None = None, **kwargs: Any) -> httpx.Response:
        headers = dict(extra_headers or {})
        if auth:
            if not self.token:
                raise AuthFailed("尚未登录中心。Not signed in to the hub.", code="no_token")
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self._http.request(method, path, headers=headers, **kwargs)
        except httpx.TimeoutException as exc:
            raise HubUnreachable(
                f"连接中心超时（{self.base_url}）。The hub did not answer in time: "
                f"{exc.__class__.__name__}."
            ) from exc
        except httpx.TransportError as exc:
            raise HubUnreachable(
                f"无法连接中心（{self.base_url}）。Cannot reach the hub: {exc.__class__.__name__}: {exc}"
            ) from exc
        self.wire_bytes += response.num_bytes_downloaded
        if response.is_success:
            return response
        code, message = _error_detail(response)
        status = response.status_code
        if status in (401, 403) or (login and status in (423, 429)):
            log.info("hub refused credentials: %s %s (%s)", method, path, code)
            raise AuthFailed(message, code=code, status=status)
        log.warning("hub error %s on %s %s: %s", status, method, path, code)
        raise HubError(f"中心返回错误 {status}：{message} (hub error {status}: {code})",
                       code=code, status=status)
