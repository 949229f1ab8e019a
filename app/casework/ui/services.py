"""The app's service object: everything the widgets ask of the cache and the hub, in one place.

Widgets never import SQL or HTTP code; they call these methods through background operations
(``casework.ui.operations``), so every method here may block and none touches Qt. It adapts the
client core (``casework.sync``, ``casework.cache``) to what the screens need: a signed-in user in
one small value, error messages a worker can read, the last sync time, and a pull that knows
whether the hub answered.

The client core takes ~1.5 s to import (SQLAlchemy, httpx), so this module imports
it inside the methods — which run on workers — and ``casework.ui.preload`` warms it in the
background: creating the service and showing the first dialog cost nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from casework.sync.profile import Profile, last_profile, normalize_hub_url
from casework.ui.view_records import EnterpriseRecords, HouseholdRecords, RentalRecords

if TYPE_CHECKING:
    from casework.cache.views import EnterpriseView, HouseholdView, RentalHousingView
    from casework.sync.session import Session

log = logging.getLogger(__name__)

LAST_SYNC_FILE = "last_sync.json"
DEFAULT_IDLE_LOCK_MAX = 30  # minutes, when the hub (an older one) states no policy
FIRST_SYNC_FILE = "first_sync.json"  # the visible total a first sync expects, until one completes


@dataclass(frozen=True)
class SignedIn:
    """Who is signed in, for the window and the status bar."""

    hub_url: str
    username: str
    display_name: str
    role: str
    clearance: str
    online: bool
    notices: tuple[str, ...] = ()
    idle_lock_max_minutes: int = DEFAULT_IDLE_LOCK_MAX  # the hub's policy (kept in the profile offline)


@dataclass(frozen=True)
class PasswordCheck:
    """The lock page's answer: right or wrong, and how long until another try is allowed."""

    ok: bool
    retry_after: float = 0.0


@dataclass(frozen=True)
class SyncOutcome:
    """What one sync attempt did: ``online`` is False when the hub could not be reached."""

    online: bool
    changes: int = 0
    complete: bool = False
    verified: bool = False
    cancelled: bool = False
    last_sync: dt.datetime | None = None
    pending: int = 0
    message: str = ""
    repaired_kinds: list[str] = field(default_factory=list)
    first_sync: FirstSync | None = None  # set while no sync of this cache has completed


@dataclass(frozen=True)
class FirstSync:
    """A first sync that has not finished: the cache holds only part of what the user may see,
    so "not found" may only mean "not synced yet" (issue 10: 23,000 of 35,750 records)."""

    held: int
    total: int  # 0 when the hub has not told us yet

    @property
    def percent(self) -> int | None:
        if self.total <= 0:
            return None
        return min(99, int(100 * self.held / self.total))


class NotSignedIn(RuntimeError):
    pass


class FirstSyncRunning(RuntimeError):
    """The first sync of this cache is still writing and its search index is built at the end:
    a read now would have to build it under the running sync and wait for it to finish."""


class CaseworkService:
    """One signed-in session at a time. The database worker (search, views) and the network
    worker (sync) use the cache at once: it is one writer and several readers under WAL, each
    on its own pooled connection. The lock only guards swapping the session."""

    def __init__(self) -> None:
        self._session: Session | None = None
        self._password: str | None = None  # kept to reconnect after an offline spell
        self._syncing = threading.Event()
        self._key_file: Path | None = None
        self._last_sync_file: Path | None = None
        self._session_lock = threading.Lock()

    # -- signing in --------------------------------------------------------------------------

    @staticmethod
    def last_profile() -> tuple[str, str] | None:
        """(hub URL, user name) of the last sign-in on this computer, if any."""
        profile = last_profile()
        return (profile.hub_url, profile.username) if profile and profile.exists() else None

    def sign_in(self, hub_url: str, username: str, password: str) -> SignedIn:
        """Online when the hub answers, else an offline unlock of this user's cache. The cache
        key's argon2id derivation starts first, on another core, while the client core finishes
        importing and the hub checks the password (~0.3 s of every start, see ``derive_ahead``)."""
        from casework.cache.keys import derive_ahead

        hub_url = normalize_hub_url(hub_url)
        discard = derive_ahead(Profile.of(hub_url, username).key_file, password)
        try:
            from casework.sync.session import sign_in

            session = sign_in(hub_url, username, password)
        finally:
            discard()
        with self._session_lock:
            if self._session is not None:
                self._session.close()
            self._session = session
            self._password = password
            # Where this profile's files are, fixed at sign-in (paths follow CASEWORK_HOME).
            self._key_file = session.profile.key_file
            self._last_sync_file = session.profile.folder / LAST_SYNC_FILE
        return self.signed_in()

    def signed_in(self) -> SignedIn:
        session = self._require()
        user = session.user
        return SignedIn(hub_url=session.hub_url, username=session.username,
                        display_name=str(user.get("display_name") or session.username),
                        role=str(user.get("role", "")), clearance=str(user.get("clearance", "")),
                        online=session.online, notices=tuple(session.notices),
                        idle_lock_max_minutes=_positive_int(user.get("idle_lock_max_minutes"),
                                                            DEFAULT_IDLE_LOCK_MAX))

    def try_password(self, password: str) -> PasswordCheck:
        """For the lock page: never waits out the slowdown after wrong passwords (the page
        counts it down instead of showing "checking…" for a minute)."""
        from casework.cache.keys import TooManyAttempts, WrongPassword, unlock_key_file

        self._require()
        assert self._key_file is not None
        try:
            unlock_key_file(self._key_file, password, wait=False)
        except TooManyAttempts as exc:
            return PasswordCheck(False, exc.retry_after)
        except WrongPassword as exc:
            return PasswordCheck(False, exc.retry_after)
        return PasswordCheck(True)

    def verify_password(self, password: str) -> bool:
        """For unlocking after idle: the password unwraps this profile's cache key."""
        from casework.cache.keys import WrongPassword, unlock_key_file

        self._require()
        assert self._key_file is not None
        try:
            unlock_key_file(self._key_file, password)
        except WrongPassword:
            return False
        return True

    def sign_out(self) -> None:
        with self._session_lock:
            if self._session is not None:
                self._session.close()
            self._session = None
            self._password = None

    # -- reading the cache ---------------------------------------------------------------------

    def search(self, text: str, limit: int = 200) -> list[Any]:
        """``PersonHit``s (``casework.cache.views``), best first."""
        from casework.cache.search import search_people

        return search_people(self._readable_store(), text, limit=limit)

    def household(self, household_id: str) -> HouseholdRecords | None:
        from casework.cache.household_view import household_view

        view = household_view(self._readable_store(), household_id)
        return None if view is None else household_records(view)

    def rental_housing(self, rental_id: str) -> RentalRecords | None:
        from casework.cache.household_view import rental_housing_view

        view = rental_housing_view(self._readable_store(), rental_id)
        return None if view is None else rental_records(view)

    def enterprise(self, enterprise_id: str) -> EnterpriseRecords | None:
        from casework.cache.household_view import enterprise_view

        view = enterprise_view(self._readable_store(), enterprise_id)
        return None if view is None else enterprise_records(view)

    def first_sync_running(self) -> bool:
        store = self._require().store
        return self._syncing.is_set() and not store.index_ready

    def _readable_store(self) -> Any:
        """The cache for a read, unless the first sync is still writing it (``FirstSyncRunning``).
        A cache whose first sync was cut short builds its index on the first read instead."""
        if self.first_sync_running():
            raise FirstSyncRunning("首次同步尚未完成，完成后即可查询。 The first sync is still running; "
                                   "search and households are available when it ends.")
        return self._require().store

    def cache_store(self) -> Any:
        """The signed-in user's cache, for the typed services of each area (``CaseService``);
        called on workers only."""
        return self._readable_store()

    def pending_changes(self) -> int:
        return self._require().store.pending_changes()

    def first_sync_state(self) -> FirstSync | None:
        """None once a sync of this cache has completed; else how much of the first one is held."""
        if self.last_sync() is not None:
            return None
        held = sum(count for count, _checksum in self._require().store.holdings().values())
        return FirstSync(held, self._first_sync_total())

    def _first_sync_total(self) -> int:
        try:
            return int(orjson.loads(self._first_sync_path().read_bytes())["total"])
        except (FileNotFoundError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            return 0

    def _first_sync_path(self) -> Path:
        assert self._last_sync_file is not None
        return self._last_sync_file.with_name(FIRST_SYNC_FILE)

    def last_sync(self) -> dt.datetime | None:
        self._require()
        assert self._last_sync_file is not None
        try:
            value = orjson.loads(self._last_sync_file.read_bytes())
            return dt.datetime.fromisoformat(value["at"])
        except (FileNotFoundError, orjson.JSONDecodeError, KeyError, ValueError):
            return None

    # -- syncing -------------------------------------------------------------------------------

    def sync(self, progress: Callable[[Any], None] | None = None,
             cancel: threading.Event | None = None) -> SyncOutcome:
        """Pull from the hub. Reconnects first when the session is offline; a hub that does not
        answer gives ``online=False`` (not an error): the app keeps working from the cache."""
        session = self._require()
        self._syncing.set()
        first = self.last_sync() is None
        expected = [self._first_sync_total()] if first else [0]

        def report(step: Any) -> None:
            if step.phase == "pull":
                expected[0] = max(expected[0], step.total_estimate)
            if progress is not None:
                progress(step)

        try:
            outcome = self._sync(session, report if first else progress, cancel)
        finally:
            self._syncing.clear()
            if first and expected[0] > self._first_sync_total():
                self._first_sync_path().write_bytes(orjson.dumps({"total": expected[0]}))
        if first and not outcome.complete:
            outcome = dataclasses.replace(outcome, first_sync=self.first_sync_state())
        return outcome

    def _sync(self, session: Session, progress: Callable[[Any], None] | None,
              cancel: threading.Event | None) -> SyncOutcome:
        from casework.sync.hub_client import AuthFailed, HubUnreachable

        try:
            if not session.online and not self._reconnect(session):
                return SyncOutcome(online=False, last_sync=self.last_sync(), pending=self.pending_changes())
            result = self._pull(session, progress, cancel)
        except HubUnreachable as exc:
            session.online = False
            return SyncOutcome(online=False, last_sync=self.last_sync(), pending=self.pending_changes(),
                               message=exc.message)
        except AuthFailed as exc:
            # The token expired or was revoked: sign in again with the password we hold.
            if self._password is None or not self._reconnect(session):
                raise
            log.info("hub refused the token (%s); signed in again", exc.code)
            result = self._pull(session, progress, cancel)
        when = dt.datetime.now(dt.UTC) if result.complete else self.last_sync()
        if result.complete:
            self._save_last_sync(when)
        return SyncOutcome(online=True, changes=result.changes, complete=result.complete,
                           verified=result.verified, cancelled=result.cancelled, last_sync=when,
                           pending=self.pending_changes(), repaired_kinds=list(result.repaired_kinds))

    def _pull(self, session: Session, progress: Callable[[Any], None] | None,
              cancel: threading.Event | None) -> Any:
        """Push the outbox, then pull (``casework.sync.round_trip``); the pull's result."""
        from casework.sync.round_trip import sync

        return sync(session, progress=progress, cancel=cancel).pull

    def _reconnect(self, session: Session) -> bool:
        if self._password is None:
            return False
        return session.reconnect(self._password)

    def _save_last_sync(self, when: dt.datetime) -> None:
        path = self._last_sync_file
        assert path is not None
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(orjson.dumps({"at": when.isoformat()}))
        tmp.replace(path)

    # -- messages --------------------------------------------------------------------------------

    @staticmethod
    def describe_error(exc: BaseException) -> str:
        """A message for the user (Chinese and English) for the errors signing in and syncing
        raise; anything else is a bug and says so with its type."""
        from casework.cache.keys import WrongPassword
        from casework.sync.hub_client import HubClientError
        from casework.sync.session import SignInError

        if isinstance(exc, WrongPassword):
            return "密码错误，无法打开本机缓存。 Wrong password: the local cache stays locked."
        if isinstance(exc, SignInError | HubClientError):
            return exc.message
        if isinstance(exc, FirstSyncRunning):
            return str(exc)
        return f"意外错误 Unexpected error: {exc.__class__.__name__}: {exc}"

    # -- plumbing --------------------------------------------------------------------------------

    def _require(self) -> Session:
        if self._session is None:
            raise NotSignedIn("not signed in")
        return self._session

    def close(self) -> None:
        self.sign_out()


def _positive_int(value: Any, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


# -- the cache's views as the domain-shaped records the presenters read ----------------------------

def household_records(view: HouseholdView) -> HouseholdRecords:
    facts, certificates, grants = [], [], [(g.id, g.data) for g in view.grants]
    enterprises: dict[str, dict[str, Any]] = {}
    for member in view.members:
        for fact in member.facts:
            target = {"department_fact": facts, "disability_certificate": certificates}.get(fact.kind, grants)
            target.append((fact.id, fact.data))
        enterprises.update((e.id, e.data) for e in member.employers)
    rental = view.rental_housing
    return HouseholdRecords(
        household=(view.id, view.data), members=tuple((m.id, m.data) for m in view.members),
        facts=tuple(facts), certificates=tuple(certificates), grants=tuple(dict(grants).items()),
        rental_housing=(rental.id, rental.data) if rental is not None else None, enterprises=enterprises)


def rental_records(view: RentalHousingView) -> RentalRecords:
    home = view.home
    return RentalRecords(rental_housing=(home.id, home.data),
                         tenants=tuple({t.person_id: t.data for t in view.tenants}.items()),
                         landlord_household_id=home.landlord.household_id if home.landlord else None)


def enterprise_records(view: EnterpriseView) -> EnterpriseRecords:
    return EnterpriseRecords(enterprise=(view.enterprise.id, view.enterprise.data),
                             workers=tuple((w.person_id, w.data) for w in view.workers))
