"""Import the client core (SQLAlchemy, the cache, the hub client: about 1 s) in a
background thread while Qt starts and the unlock dialog waits for the password, so the first
window appears at once and signing in does not pay for the imports afterwards.

The main thread never imports these itself before it needs them; when it does, Python's
per-module import lock makes it wait for the background import instead of doing it twice.
"""

from __future__ import annotations

import importlib
import logging
import threading

log = logging.getLogger(__name__)

# What signing in, syncing and the first search import (see casework.ui.services).
HEAVY_MODULES = ("casework.sync.session", "casework.sync.pull", "casework.cache.search",
                 "casework.cache.household_view")


def start() -> threading.Thread:
    def run() -> None:
        for name in HEAVY_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # the main thread's own import will raise it where it matters
                log.exception("preloading %s failed", name)

    thread = threading.Thread(target=run, name="casework-preload", daemon=True)
    thread.start()
    return thread
