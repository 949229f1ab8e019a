"""Signing in: online with the hub when it answers, otherwise an offline unlock of the cache.

The password does two jobs. The hub checks it and gives a token (kept in the credential
store); locally it unwraps the random cache key (``casework.cache.keys``), so the encrypted
cache opens with the password and only with it, with or without a network. The first online
sign-in on a computer creates the wrapped key; before that there is nothing to unlock offline.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from casework.cache.edits import OWNER_META
from casework.cache.errors import CacheCorrupt, CacheError, WrongKey
from casework.cache.keys import (
    KdfParams,
    KeyFileDamaged,
    KeyFileError,
    TooManyAttempts,
    WrongPassword,
    create_key_file,
    unlock_key_file,
)
from casework.cache.recovery import move_aside
from casework.cache.store import CacheStore
from casework.sync.credentials import TokenStore
from casework.sync.hub_client import (
    CONNECT_TIMEOUT,
    DEFAULT_TIMEOUT,
    DEVICE_REVOKED,
    AuthFailed,
    HubClient,
    HubError,
    HubUnreachable,
)
from casework.sync.profile import Profile, remember_last

log = logging.getLogger(__name__)

__all__ = [
    "AuthFailed",
    "CacheError",
    "CachePasswordMismatch",
    "HubError",
    "HubUnreachable",
    "KeyFileError",
    "NoOfflineProfile",
    "Session",
    "SignInError",
    "TooManyAttempts",
    "WrongPassword",
    "sign_in",
]


class SignInError(Exception):
    """Sign-in cannot go on; ``message`` is for the user (Chinese and English)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NoOfflineProfile(SignInError):
    """The hub cannot be reached and this user never signed in online on this computer."""


class CachePasswordMismatch(SignInError):
    """The hub accepted the password but the local cache is locked with a different one
    (the password was changed elsewhere). The cache may hold unsent work, so it is not
    discarded: the user opens it once with the earlier password."""


@dataclass
class Session:
    """A signed-in user: the open cache, the hub client, who the user is."""

    profile: Profile
    store: CacheStore
    user: dict[str, Any]  # UserInfo of casework.wire.v1, from the hub or the profile
    online: bool  # the hub answered this sign-in
    client: HubClient  # has a token when online (or one kept from an earlier sign-in)
    tokens: TokenStore
    notices: list[str] = field(default_factory=list)  # things to tell the user, zh + en

    @property
    def hub_url(self) -> str:
        return self.profile.hub_url

    @property
    def username(self) -> str:
        return self.profile.username

    def reconnect(self, password: str) -> bool:
        """Try the hub again (e.g. the network came back, or the token expired); True when now
        online. A revoked device is wiped (``wipe``) and ``AuthFailed`` raised."""
        try:
            answer = self.client.login(self.username, password, self.profile.device_id())
        except HubUnreachable:
            return False
        except AuthFailed as exc:
            if exc.code == DEVICE_REVOKED:
                self.wipe()
            raise
        self._accept_login(answer)
        return True

    def _accept_login(self, answer: dict[str, Any]) -> None:
        self.online = True
        self.user = answer["user"]
        self.profile.save_user(self.user)
        self.tokens.save(self.profile.token_account, answer["access_token"])
        if not self.tokens.persistent and self.tokens.message not in self.notices:
            self.notices.append(self.tokens.message)

    def wipe(self) -> None:
        """This device was revoked at the hub: close and delete the cache and its key, and
        forget the token. The cache cannot be opened again; the user must sign in anew."""
        self.store.close()
        deleted = self.profile.wipe()
        self.tokens.delete(self.profile.token_account)
        log.warning("device revoked by the hub: wiped the local cache of %s (%d files)",
                    self.username, len(deleted))

    def close(self) -> None:
        self.store.close()
        self.client.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _discard_unreadable_cache(profile: Profile, why: str) -> None:
    """A cache whose key is gone or does not open it can never be read again: remove it
    (online only, where the hub can fill a new one)."""
    for path in profile.cache_files():
        if path.exists():
            log.warning("removing cache %s: %s", path, why)
            path.unlink()


def _cache_key_online(profile: Profile, password: str, kdf_params: KdfParams | None, wait: bool) -> bytes:
    if profile.exists():
        try:
            return unlock_key_file(profile.key_file, password, wait=wait)
        except WrongPassword as exc:
            raise CachePasswordMismatch(
                "中心接受了此密码，但本机缓存是用另一个（之前的）密码加密的。请先用之前的密码离线打开一次。"
                " The hub accepted this password but the local cache is locked with a different "
                "(earlier) password; open it once with the earlier password."
            ) from exc
        except KeyFileDamaged:
            _discard_unreadable_cache(profile, "its key file is damaged")
    else:
        _discard_unreadable_cache(profile, "its key file is missing")
    log.info("creating the cache key of %s on this computer", profile.username)
    return create_key_file(profile.key_file, password, kdf_params)


def _open_store(profile: Profile, key: bytes, online: bool, notices: list[str]) -> CacheStore:
    try:
        return CacheStore.open(profile.cache_file, key)
    except WrongKey:
        if not online:
            raise
        _discard_unreadable_cache(profile, "its key does not open it")
        return CacheStore.open(profile.cache_file, key)
    except CacheCorrupt:
        if not online:  # offline nothing could refill it: keep it (and the unsent edits) for later
            raise
        notices.append(move_aside(profile.cache_file, key).notice)  # the sync that follows refills it
        return CacheStore.open(profile.cache_file, key)


def sign_in(hub_url: str, username: str, password: str, *, contact_hub: bool = True,
            token_store: TokenStore | None = None, timeout: float = DEFAULT_TIMEOUT,
            connect_timeout: float = CONNECT_TIMEOUT, wait: bool = True,
            kdf_params: KdfParams | None = None) -> Session:
    """Sign in and open the cache.

    Online when the hub answers (``contact_hub=False`` skips it, for commands that only read
    the cache). Raises ``AuthFailed`` when the hub refuses the password, ``WrongPassword``
    when an offline unlock fails (repeated failures slow down: with ``wait=False``,
    ``TooManyAttempts`` instead of sleeping), ``NoOfflineProfile`` when offline with no
    profile here, ``CachePasswordMismatch``, or a ``KeyFileError``/``CacheError`` (each with a
    ``message``). ``kdf_params`` sets the argon2id cost of a new key file (tests make it cheap).
    """
    profile = Profile.of(hub_url, username)
    tokens = token_store if token_store is not None else TokenStore()
    client = HubClient(profile.hub_url, timeout=timeout, connect_timeout=connect_timeout)
    notices: list[str] = []
    answer: dict[str, Any] | None = None
    unreachable: HubUnreachable | None = None
    try:
        if contact_hub:
            try:
                answer = client.login(username, password, profile.device_id())
            except HubUnreachable as exc:
                unreachable = exc
                log.info("hub unreachable, trying offline unlock: %s", exc.message)
                notices.append("无法连接中心，已离线打开本机缓存。"
                               " The hub cannot be reached: working offline on this computer's cache.")
            except AuthFailed as exc:
                if exc.code == DEVICE_REVOKED:
                    wiped = profile.wipe()
                    tokens.delete(profile.token_account)
                    log.warning("device revoked by the hub: wiped the local cache of %s (%d files)",
                                username, len(wiped))
                raise
        if answer is not None:
            key = _cache_key_online(profile, password, kdf_params, wait)
        else:
            if not profile.exists() and unreachable is not None:
                raise NoOfflineProfile(  # the cause first: the hub, not the user
                    f"无法连接中心 {profile.hub_url}：{unreachable.message}\n"
                    "此用户尚未在本机联网登录过，首次登录需要连接中心。"
                    " The hub cannot be reached; this user has never signed in on this computer,"
                    " and a first sign-in needs the hub."
                )
            if not profile.exists():
                raise NoOfflineProfile(
                    "此用户尚未在本机联网登录过，离线无法打开。"
                    " This user has never signed in online on this computer; the hub is needed once."
                )
            key = unlock_key_file(profile.key_file, password, wait=wait)
            client.token = tokens.load(profile.token_account)
        store = _open_store(profile, key, online=answer is not None, notices=notices)
    except BaseException:
        client.close()
        raise
    if store.meta(OWNER_META) != username:  # whose edits the outbox holds (``cache.edits``)
        store.set_meta(OWNER_META, username)
    session = Session(profile=profile, store=store, user=profile.load_user() or {"username": username},
                      online=False, client=client, tokens=tokens, notices=notices)
    if answer is not None:
        session._accept_login(answer)
    remember_last(profile)
    return session
