"""How case values read on screen. Codes and field names come from the record-kind declarations
(``casework.domain.kinds_casework``), which carry both languages: no label table here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication

from casework.domain import registry
from casework.domain.records import Kind
from casework.ui.i18n import current_language, pick


def code(field_name: str, value: str | None, kind: str = Kind.CASE) -> str:
    """The display name of a case (or note) code in the current language."""
    if not value:
        return ""
    return registry.code_label(kind, field_name, value, current_language())


def codes(field_name: str, kind: str = Kind.CASE) -> list[tuple[str, str]]:
    """(code, display name) of every declared value of a code field, in declared order."""
    spec = registry.spec(kind).field(field_name)
    return [(c.code, pick(c.zh, c.en)) for c in (spec.codes if spec else ())]


def field_label(field_name: str, kind: str = Kind.CASE) -> str:
    spec = registry.spec(kind).field(field_name)
    return pick(spec.zh, spec.en) if spec else field_name


def value(field_name: str, raw: Any, kind: str = Kind.CASE) -> str:
    """Any field's value as text: codes by name, tags joined, nothing as a dash."""
    if raw is None or raw == "" or raw == []:
        return QCoreApplication.translate("case_text", "（空）")
    spec = registry.spec(kind).field(field_name)
    if spec is not None and spec.codes:
        return code(field_name, str(raw), kind)
    if isinstance(raw, list | tuple):
        return "、".join(str(v) for v in raw)
    return str(raw)


def local_time(iso: str | None) -> str:
    """An ISO time (UTC from the hub) as local "YYYY-MM-DD HH:MM"; the text itself if unreadable."""
    if not iso:
        return ""
    try:
        when = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")


def one_line(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
