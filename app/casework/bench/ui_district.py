"""Figure 2 of ``casework bench ui``: search as you type with a whole district in the cache.

The district cache is made the way a user gets one — a supervisor syncs a generated district
from a hub in its own process — and kept in the bench folder for later runs (it takes minutes).
Keystrokes go into the real search box of the real window: Chinese characters as input-method
commits (as a Pinyin IME delivers them), digits and letters as key presses, at a brisk typist's
pace. Each keystroke's time to its rows in the table is recorded; beside it, the bare query
time of the same text through the service, without the UI.
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path
from typing import Any

import orjson

DISTRICT = "440104"
USER = "bench_ui_district"
KEY_INTERVAL_S = 0.12  # ~8 keys a second
SAMPLES_PER_KIND = 12


def measure_search(workdir: Path, households: int, seed: int, db_url: str | None = None) -> dict[str, Any]:
    from casework import paths
    from casework.bench.sync_support import BENCH_PASSWORD, ensure_user, hub_process, prepare_hub_db, say

    db_url = db_url or f"sqlite:///{workdir / f'district-{households}.db'}"
    home = workdir / f"district-{households}-home"
    filled = home / "district-cache-complete"
    prepare_hub_db(db_url, households, seed, None, DISTRICT)
    ensure_user(db_url, USER, "supervisor", [DISTRICT])
    samples = pick_samples(db_url, seed)
    paths.set_home(home)
    from casework.ui.settings import Settings
    from casework.ui.startup import make_parts

    parts = make_parts(Settings())
    parts.settings.auto_sync_minutes = 0
    parts.settings.offline_retry_seconds = 0
    known = parts.services.last_profile()
    if known is not None and filled.exists():  # the cache of an earlier run: unlock it offline
        parts.services.sign_in(known[0], USER, BENCH_PASSWORD)
    else:
        with hub_process(db_url, workdir / "district-hub.log") as url:
            parts.services.sign_in(url, USER, BENCH_PASSWORD)  # creates the profile and its key
            hub_url = parts.services.signed_in().hub_url
            parts.services.sign_out()
        say(f"filling the district cache once from the hub's feed (kept in {home}) …")
        started = time.monotonic()
        count = fill_from_feed(db_url, hub_url, USER, BENCH_PASSWORD, say)
        say(f"  {count:,} records in {time.monotonic() - started:.0f} s")
        filled.write_text(str(count))
        parts.services.sign_in(hub_url, USER, BENCH_PASSWORD)  # offline: that hub has stopped
    signed_in = parts.services.signed_in()
    try:
        return type_samples(parts, signed_in, samples)
    finally:
        parts.close()
        paths.set_home(None)


def fill_from_feed(db_url: str, hub_url: str, username: str, password: str, say: Any) -> int:
    """Write the user's whole change feed into their cache: the very pages ``GET /sync/changes``
    serves (``casework.hub.feed.read_changes_page``), read in-process instead of over HTTP — the
    same cache a sync builds, in a fraction of the time at district scale."""
    from sqlalchemy import select

    from casework.cache.keys import unlock_key_file
    from casework.cache.store import CacheStore
    from casework.hub import db
    from casework.hub.api import viewer_of
    from casework.hub.auth import Account
    from casework.hub.feed import read_changes_page
    from casework.hub.schema import HubUser
    from casework.sync.profile import Profile
    from casework.wire.v1 import MAX_PAGE_LIMIT, decode_cursor

    profile = Profile.of(hub_url, username)
    store = CacheStore.open(profile.cache_file, unlock_key_file(profile.key_file, password))
    engine = db.make_engine(db_url)
    written, after, last_report = 0, store.cursor, time.monotonic()
    try:
        with engine.connect() as conn:
            row = conn.execute(select(HubUser).where(HubUser.username == username)).one()
            viewer = viewer_of(Account.from_row(row))
            while True:
                page = orjson.loads(read_changes_page(conn, viewer, after, MAX_PAGE_LIMIT))
                after = decode_cursor(page["cursor"])
                store.apply_page(page["changes"], after, int(page["scope_epoch"]))
                written += len(page["changes"])
                if time.monotonic() - last_report > 10:
                    last_report = time.monotonic()
                    say(f"  {written:,} records")
                if not page["has_more"]:
                    break
        say("  building the search index …")
        store.ensure_indexes()
    finally:
        engine.dispose()
        store.close()
    return written


def _progress_printer(say: Any) -> Any:
    last = [0.0]

    def show(progress: Any) -> None:
        if time.monotonic() - last[0] > 5:
            last[0] = time.monotonic()
            say(f"  {progress.done:,} / ~{progress.total_estimate:,}")
    return show


def pick_samples(db_url: str, seed: int) -> dict[str, list[str]]:
    """What users type, by kind, from people of the district (read from the hub database)."""
    from pypinyin import Style, lazy_pinyin
    from sqlalchemy import select

    from casework.hub.db import make_engine
    from casework.hub.schema import Record

    rng = random.Random(seed)
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(Record.data).where(Record.kind == "person")
                                .order_by(Record.seq).limit(50_000)).scalars().all()
            households = conn.execute(select(Record.data).where(Record.kind == "household")
                                      .order_by(Record.seq).limit(5_000)).scalars().all()
    finally:
        engine.dispose()
    people = [orjson.loads(r) for r in rng.sample(rows, min(len(rows), 400))]
    people = [p for p in people if p.get("name") and p.get("id_number") and p.get("phone")]
    picked = people[:SAMPLES_PER_KIND]
    addresses = [orjson.loads(h)["address"]["text"] for h in rng.sample(households, SAMPLES_PER_KIND)]
    return {
        "name": [p["name"] for p in picked],
        "pinyin_initials": ["".join(s[0] for s in lazy_pinyin(p["name"], style=Style.FIRST_LETTER))
                            for p in picked],
        "id_number_tail_4": [p["id_number"][-4:] for p in picked],
        "id_number_tail_6": [p["id_number"][-6:] for p in picked],
        "id_number_full": [p["id_number"] for p in picked],
        "phone_tail_4": [p["phone"][-4:] for p in picked],
        "address": [_address_fragment(text) for text in addresses],
    }


def _address_fragment(text: str) -> str:
    """The road and number of an address (what a worker types), e.g. 大南路12号."""
    for marker in ("社区", "街"):
        if marker in text:
            text = text.rsplit(marker, 1)[1]
    return text.split("号")[0] + "号" if "号" in text else text[-6:]


def type_samples(parts: Any, signed_in: Any, samples: dict[str, list[str]]) -> dict[str, Any]:
    from casework.bench.ui_bench import EventLoopProbe
    from casework.ui.search_panel import FIRST_LIMIT
    from casework.ui.startup import open_window

    window = open_window(parts, signed_in, start_sync=False)
    EventLoopProbe.spin(0.5)
    results: dict[str, Any] = {}
    for kind, texts in samples.items():
        ui_ms: list[float] = []
        final_ms: list[float] = []
        bare_ms: list[float] = []
        for text in texts:
            shown: list[tuple[str, float]] = []
            window.search.results_shown.connect(lambda q, s, box=shown: box.append((q, s * 1000)))
            window.search.field.clear()
            type_text(window.search.field, text)
            deadline = time.monotonic() + 10
            while not any(q == text for q, _ in shown) and time.monotonic() < deadline:
                EventLoopProbe.spin(0.01)
            window.search.results_shown.disconnect()
            ui_ms.extend(ms for _, ms in shown)
            final_ms.extend(ms for q, ms in shown if q == text)
            started = time.perf_counter()
            parts.services.search(text, FIRST_LIMIT)  # the query the panel runs for the text
            bare_ms.append((time.perf_counter() - started) * 1000)
        results[kind] = {"keystrokes": _stats(ui_ms), "final_text": _stats(final_ms),
                         "bare_query": _stats(bare_ms), "example": texts[0]}
    window.close()
    return results


def type_text(field: Any, text: str) -> None:
    """Type into a QLineEdit as a user does: CJK characters as input-method commits, the rest as
    key presses; a pause between keys lets the debounce and the query run as they would."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QInputMethodEvent, QKeyEvent
    from PySide6.QtWidgets import QApplication

    from casework.bench.ui_bench import EventLoopProbe

    field.setFocus()
    for ch in text:
        if ord(ch) > 0x7F:
            event = QInputMethodEvent("", [])
            event.setCommitString(ch)
            QApplication.sendEvent(field, event)
        else:
            key = Qt.Key(ord(ch.upper())) if ch.isalnum() else Qt.Key.Key_unknown
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(field, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))
        EventLoopProbe.spin(KEY_INTERVAL_S)


def _stats(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 1),
            "max_ms": round(ordered[-1], 1)}


def print_search_report(figures: dict[str, Any], target_ms: float) -> None:
    print("  2. search as you type, district cache — keystroke to rows on screen (all keystrokes / "
          "the finished text) beside the bare query:")
    worst = 0.0
    for kind, f in figures.items():
        keys, final, bare = f["keystrokes"], f["final_text"], f["bare_query"]
        worst = max(worst, keys.get("p95_ms", 0.0))
        print(f"     {kind:18} e.g. {f['example']!s:20} keys p50 {keys.get('p50_ms')} / p95 "
              f"{keys.get('p95_ms')} / max {keys.get('max_ms')} ms; finished text p95 "
              f"{final.get('p95_ms')} ms; bare query p95 {bare.get('p95_ms')} ms")
    print(f"     worst p95 over every keystroke: {worst} ms; target < {target_ms:.0f} ms → "
          f"{'met' if worst < target_ms else 'NOT met'}")
