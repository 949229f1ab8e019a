"""Import the client core (SQLAlchemy, the cache, the hub client: about 1 s) in a
background thread while Qt starts and the unlock dialog waits for the password, so the first
window appears at once and signing in does not pay for the imports afterwards.

The main thread never imports these itself before it needs them; when it does, Python's
per-module import lock makes it wait for the background import instead of doing it twice.
What signing in needs comes first; the main window's widgets come last (the main thread only
needs them once signed in, and they import while argon2id runs, which leaves the interpreter
lock free).
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

# What signing in needs (the session; the HTTP transport httpx imports on its first client),
# then what syncing, the first search and the main window import.
SIGN_IN_MODULES = ("casework.sync.session", "httpcore")
LATER_MODULES = ("casework.sync.pull", "casework.cache.search", "casework.cache.household_view",
                 "casework.ui.main_window")


def _warm_keyring() -> None:
    """The credential store picks its backend on first use by loading every installed keyring
    plugin (~0.1 s); signing in asks for it right after the password."""
    import keyring

    keyring.get_keyring()


def _load_readings() -> None:
    """pypinyin's dictionaries, which indexing names during a sync needs: loading them holds
    the GIL for ~60 ms at once, a visible stall if the first sync did it with the window up."""
    from casework.cache.search_index import load_readings

    load_readings()


def _steps() -> list[tuple[str, Callable[[], object]]]:
    def load(name: str) -> tuple[str, Callable[[], object]]:
        return name, lambda: importlib.import_module(name)

    # The credential store first: signing in asks for it as soon as the session module is in,
    # and two threads picking a backend at once would both pay for it.
    return ([("keyring backend", _warm_keyring)] + [load(name) for name in SIGN_IN_MODULES]
            + [load(name) for name in LATER_MODULES] + [("pinyin readings", _load_readings)])


def start() -> threading.Thread:
    def run() -> None:
        for name, step in _steps():
            try:
                step()
            except Exception:  # the main thread meets the same error where it matters
                log.exception("preloading %s failed", name)

    thread = threading.Thread(target=run, name="casework-preload", daemon=True)
    thread.start()
    return thread
