"""The casework part of ``casework demo --screenshots``: a household's cases, a case page with
its notes, the conflict panel before the choice and the case after it — in both languages and
at both window sizes, driven through the real app and a real push.

The conflict is made as it happens in the field: the app has pulled a case; the supervisor
changes its summary at the hub (``apply_ops``); the worker, not having pulled that, edits the
same summary and saves (Ctrl+S), then syncs: the push meets the supervisor's change and the
hub keeps both. The walk then keeps the worker's text ("用我的") and syncs again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from casework.demo.casework_seed import supervisor_edit
from casework.demo.demo_hub import demo_db_url
from casework.ui import i18n
from casework.ui.conflict_panel import Choice
from casework.ui.navigation import Place, PlaceKind

Save = Callable[[Any, Path, str], Path]
BothSizes = Callable[[Any, Path, str, Callable[[], object]], None]


def walk_cases(window: Any, out: Path, db_path: Path, household_id: str, person_id: str, *,
               both_sizes: BothSizes, save: Save, wait_until: Callable[..., None],
               open_place: Callable[[Any, Place], None]) -> None:
    area = window.casework
    page = area.case_page
    _open_household(window, household_id, person_id, wait_until, open_place)
    both_sizes(window, out, "07-household-cases", lambda: None)
    model = area.cases_panel.model
    cases = [model.case(r) for r in range(model.rowCount())]
    case_id = next(c.id for c in cases if c.category == "disability")
    _open_case(window, case_id, wait_until)
    both_sizes(window, out, "08-case-notes", lambda: None)

    stamp = dt.datetime.now().strftime("%m-%d %H:%M")
    summary = page.detail.case.summary.split("（")[0]
    theirs = f"{summary}（主管 {stamp}：下周安排陪诊志愿者）"
    supervisor_edit(demo_db_url(db_path), case_id, "summary", theirs)
    page.summary.setPlainText(f"{summary}（社工 {stamp}：已联系姐姐，每月回来一次）")
    page.save()
    wait_until(lambda: page.detail is not None and page.detail.case.pending, "the worker's edit saved")
    _sync(window, wait_until)
    wait_until(lambda: page.conflicts.isVisible(), "the conflict after the push")
    both_sizes(window, out, "09-case-conflict", lambda: None)

    first = i18n.current_language()
    other = "en" if first == "zh" else "zh"
    window.set_language(other)
    _open_household(window, household_id, person_id, wait_until, open_place)
    both_sizes(window, out, f"{other}-07-household-cases", lambda: None)
    _open_case(window, case_id, wait_until)
    wait_until(lambda: page.conflicts.isVisible(), "the conflict panel")
    both_sizes(window, out, f"{other}-09-case-conflict", lambda: None)
    window.set_language(first)
    _open_case(window, case_id, wait_until)

    page.conflicts.button("summary", Choice.MINE).click()
    wait_until(lambda: not page.conflicts.isVisible() and page.detail.case.pending, "the choice saved")
    _sync(window, wait_until)
    wait_until(lambda: not page.detail.case.pending and not page.detail.case.conflicts, "the choice pushed")
    save(window, out, "10-case-resolved.png")


def _sync(window: Any, wait_until: Callable[..., None]) -> None:
    wait_until(lambda: not window.sync.syncing, "a running sync")
    window.sync.sync_now()
    wait_until(lambda: not window.sync.syncing, "the sync")


def _open_household(window: Any, household_id: str, person_id: str, wait_until: Callable[..., None],
                    open_place: Callable[[Any, Place], None]) -> None:
    open_place(window, Place(PlaceKind.HOUSEHOLD, household_id, person_id))
    panel = window.casework.cases_panel
    wait_until(lambda: panel.household_id == household_id and panel.model.rowCount() > 0,
               "the household's cases")


def _open_case(window: Any, case_id: str, wait_until: Callable[..., None]) -> None:
    page = window.casework.case_page
    window.casework.open_case(case_id)
    wait_until(lambda: window.place_stack.currentWidget() is page and page.detail is not None
               and page.detail.case.id == case_id, f"case {case_id}")
