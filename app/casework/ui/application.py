"""The QApplication: names, a font that has Chinese glyphs, the style sheet and the language.

Kept apart from the windows so tests (which get their QApplication from pytest-qt) and the app
set up Qt the same way: ``configure_application(app, language)``.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from casework import __version__
from casework.ui import i18n

# Preferred interface fonts with complete simplified-Chinese coverage, best first.
CJK_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
             "Source Han Sans SC", "WenQuanYi Micro Hei")
BASE_POINT_SIZE = 10
# How often Python hands the interpreter lock between threads. The default 5 ms lets sync
# workers keep the UI thread waiting several slices in a row; 2 ms keeps the event loop ticking.
SWITCH_INTERVAL_S = 0.002


def pick_cjk_font() -> str | None:
    """The first installed font family from ``CJK_FONTS``, or None (Qt then falls back)."""
    installed = set(QFontDatabase.families())
    return next((family for family in CJK_FONTS if family in installed), None)


def configure_application(app: QApplication, language: str) -> None:
    app.setApplicationName("casework")
    app.setApplicationDisplayName(app.translate("application", "街道个案工作台"))
    app.setApplicationVersion(__version__)
    app.setOrganizationName("casework")
    family = pick_cjk_font()
    font = QFont(family) if family else app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    style_file = i18n.resources_dir() / "styles" / "casework.qss"
    if style_file.exists():
        app.setStyleSheet(style_file.read_text(encoding="utf-8"))
    i18n.install_language(app, language)
    # Re-read the display name now that the translator is in place.
    app.setApplicationDisplayName(app.translate("application", "街道个案工作台"))


def settle_memory() -> None:
    """Call once the window is built: move everything loaded so far (Qt bindings, SQLAlchemy,
    the window) out of the garbage collector's sight. A full collection otherwise walks those
    ~100,000 objects while a sync churns through pages, and the UI thread stalls for 100–300 ms
    (measured with ``casework bench ui``). No collection first: at this point it finds ~100
    unreachable objects (measured on a cold start) for 40–100 ms of the UI thread, just as
    the window starts taking keystrokes; freezing them costs a few kilobytes."""
    gc.freeze()


def create_application(language: str, argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    configure_application(app, language)
    return app
