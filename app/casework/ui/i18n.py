"""Interface language. Chinese is the source language of every string (``self.tr("搜索")``);
English comes from Qt's translation files in ``resources/translations``.

Domain codes carry both labels (``Department.label_zh``/``label_en``); ``pick`` chooses by the
current language, so data labels and interface strings switch together.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES: dict[str, str] = {"zh": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh"

_current = DEFAULT_LANGUAGE
_installed: list[QTranslator] = []


def resources_dir() -> Path:
    """The top-level ``resources`` folder (translations, styles): beside ``app/`` in a checkout,
    or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[3] / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def current_language() -> str:
    return _current


def pick(zh: str, en: str) -> str:
    """The label for the current language."""
    return en if _current == "en" else zh


# Where the English half of a bilingual message begins: after a Chinese sentence's end.
_ENGLISH_HALF = re.compile(r"(?<=[。！？）])\s*(?=[A-Z])")


def one_language(message: str, language: str | None = None) -> str:
    """The half of a bilingual message from the client core ("密码错误。 Wrong password.") in the
    interface language; a message in one language comes back as it is."""
    language = language or _current
    parts = _ENGLISH_HALF.split(message, maxsplit=1)
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        return message
    return parts[1].strip() if language == "en" else parts[0].strip()


def install_language(app: QCoreApplication, language: str) -> str:
    """Switch the application's translators to ``language`` (zh or en); returns the language in
    effect. Qt's own strings (standard buttons) follow too."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; use one of {', '.join(LANGUAGES)}")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_name = "qtbase_zh_CN" if language == "zh" else "qtbase_en"
    _load(app, qt_name, qt_translations)
    if language == "en" and not _load(app, "casework_en", str(translations_dir())):
        raise FileNotFoundError(
                f"英文翻译文件缺失 / English translation missing: {translations_dir() / 'casework_en.qm'}")
    QLocale.setDefault(QLocale(QLocale.Language.Chinese if language == "zh" else QLocale.Language.English,
                               QLocale.Country.China if language == "zh" else QLocale.Country.UnitedStates))
    _current = language
    return language


def _load(app: QCoreApplication, name: str, folder: str) -> bool:
    translator = QTranslator(app)
    if not translator.load(name, folder):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
