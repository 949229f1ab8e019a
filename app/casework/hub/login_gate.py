"""A bound on password checks per hub process.

An argon2 check is built to be expensive (~0.2 s of CPU and 64 MiB). Run in the thread pool
that also serves the feed, a flood of bogus logins took every thread and both cores (issue 9:
a real user's page went from 7 ms to 0.8 s median, 6.7 s max). Here logins run on threads of
their own, a few at once, with a short queue; a login beyond the queue is refused at once
with ``TooManyLogins`` (429), and the failure slowdown is waited out without holding a slot.
"""

from __future__ import annotations

import anyio
import anyio.to_thread

from casework.hub.auth import Authenticator, IssuedToken, LoginRefused, TooManyLogins

RETRY_AFTER_SECONDS = 1


class LoginGate:
    """Admits at most ``max_concurrent_logins`` checks at once and ``max_waiting_logins`` more
    waiting; used from the event loop only (the counter needs no lock there)."""

    def __init__(self, authenticator: Authenticator) -> None:
        settings = authenticator.settings
        self.authenticator = authenticator
        self._limiter = anyio.CapacityLimiter(max(1, settings.max_concurrent_logins))
        self._admitted = max(1, settings.max_concurrent_logins) + max(0, settings.max_waiting_logins)
        self._in_flight = 0

    async def login(self, username: str, password: str, device_id: str) -> IssuedToken:
        if self._in_flight >= self._admitted:
            raise TooManyLogins()
        self._in_flight += 1
        try:
            outcome = await anyio.to_thread.run_sync(
                self.authenticator.attempt, username, password, device_id, limiter=self._limiter)
        finally:
            self._in_flight -= 1
        if isinstance(outcome, LoginRefused):
            await anyio.sleep(outcome.delay)
            raise outcome.error
        return outcome
