"""How values look on screen: partly masked identity numbers, ages, dates, sync times.

Pure functions (no widgets), so they are tested directly and every view formats alike.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from casework.domain.areas import CITY_NAME, DISTRICTS, OTHER_DISTRICT_NAMES
from casework.domain.display_masks import MASK_CHAR as MASK_CHAR  # re-exported for the views
from casework.domain.display_masks import mask_id_number as mask_id_number
from casework.domain.display_masks import mask_phone as mask_phone

_DISTRICT_NAMES = tuple(d.name for d in DISTRICTS.values()) + tuple(OTHER_DISTRICT_NAMES.values())


def short_address(text: str | None) -> str:
    """An address without the city and district every address in a district shares
    (广州市越秀区北京街… → 北京街…), for narrow table columns; the full text goes in a tooltip."""
    if not text:
        return ""
    rest = text.removeprefix(CITY_NAME)
    for name in _DISTRICT_NAMES:
        if rest.startswith(name):
            return rest[len(name):]
    return text


def age_on(birth_date: str | None, today: dt.date | None = None) -> int | None:
    """Full years of age on ``today`` for an ISO birth date; None when unknown or malformed."""
    if not birth_date:
        return None
    try:
        born = dt.date.fromisoformat(birth_date)
    except ValueError:
        return None
    today = today or dt.date.today()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def format_age(birth_date: str | None, today: dt.date | None = None) -> str:
    age = age_on(birth_date, today)
    if age is None:
        return ""
    return QCoreApplication.translate("formatting", "%1 岁").replace("%1", str(age))


def format_sync_time(when: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """A last-sync time as a worker reads it: 'just now', 'today 09:41', or a date and time."""
    if when is None:
        return QCoreApplication.translate("formatting", "从未同步")
    now = now or dt.datetime.now(tz=when.tzinfo)
    local = when.astimezone() if when.tzinfo else when
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return QCoreApplication.translate("formatting", "刚刚")
    if local.date() == (now.astimezone() if now.tzinfo else now).date():
        return QCoreApplication.translate("formatting", "今天 %1").replace("%1", local.strftime("%H:%M"))
    return local.strftime("%Y-%m-%d %H:%M")
