"""Classification levels of data items and user clearance (公开 < 内部 < 秘密 < 机密)."""

from __future__ import annotations

from enum import IntEnum


class Level(IntEnum):
    """A classification level; also a user's clearance. Ordered: a higher value is more sensitive.

    绝密 (top secret) never leaves the owning department, so it has no member here.
    """

    PUBLIC = 0
    INTERNAL = 1
    SECRET = 2
    CONFIDENTIAL = 3

    @property
    def code(self) -> str:
        """The wire and command-line name: ``public``, ``internal``, ``secret``, ``confidential``."""
        return self.name.lower()

    @property
    def label_zh(self) -> str:
        return _LABELS_ZH[self]

    @classmethod
    def parse(cls, text: str) -> Level:
        """Read a level from its code (``secret``) or its Chinese name (秘密)."""
        exact = _BY_TEXT.get(text)  # the hot path: every record's envelope parses levels
        if exact is not None:
            return exact
        key = text.strip().lower()
        for level in cls:
            if key in (level.code, level.label_zh):
                return level
        raise ValueError(
            f"unknown classification level {text!r}; use one of "
            + ", ".join(f"{lv.code} ({lv.label_zh})" for lv in cls)
        )


_LABELS_ZH = {
    Level.PUBLIC: "公开",
    Level.INTERNAL: "内部",
    Level.SECRET: "秘密",
    Level.CONFIDENTIAL: "机密",
}

_BY_TEXT = {text: level for level in Level for text in (level.code, level.label_zh)}
