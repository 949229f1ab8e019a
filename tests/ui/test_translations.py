"""Every visible string is translatable, translated, and compiled into the .qm the app loads."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from casework.ui import i18n, labels

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources/translations/casework_en.ts"
BIN = Path(sys.executable).parent


def sources(ts_text: str) -> set[str]:
    return set(re.findall(r"<source>(.*?)</source>", ts_text, re.S))


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory) -> str:
    """The strings lupdate finds in the code today."""
    lupdate = BIN / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip(f"{lupdate} is not installed")
    out = tmp_path_factory.mktemp("ts") / "fresh.ts"
    files = sorted(str(p) for p in (ROOT / "app/casework/ui").glob("*.py"))
    subprocess.run([str(lupdate), *files, "-ts", str(out), "-source-language", "zh_CN",
                    "-target-language", "en", "-silent"], check=True)
    return out.read_text(encoding="utf-8")


def test_the_translation_file_has_every_string_of_the_code(fresh_ts):
    missing = sources(fresh_ts) - sources(TS.read_text(encoding="utf-8"))
    assert not missing, f"run pyside6-lupdate (resources/translations/README.md): {sorted(missing)}"


def test_every_string_has_an_english_translation():
    text = TS.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    assert "<translation></translation>" not in text


def test_the_compiled_file_matches_the_translation_file(tmp_path):
    lrelease = BIN / "pyside6-lrelease"
    if not lrelease.exists():
        pytest.skip(f"{lrelease} is not installed")
    shutil.copy(TS, tmp_path / "casework_en.ts")
    subprocess.run([str(lrelease), str(tmp_path / "casework_en.ts"), "-qm", str(tmp_path / "en.qm"),
                    "-silent"], check=True)
    assert (tmp_path / "en.qm").read_bytes() == (TS.with_suffix(".qm")).read_bytes(), \
        "casework_en.qm is stale: run pyside6-lrelease"


@pytest.mark.gui
def test_switching_to_english_translates_interface_strings_and_back(qapp):
    try:
        i18n.install_language(qapp, "en")
        assert QCoreApplication.translate("labels", "职工医保") == "employee medical insurance"
        assert labels.relation("head") == "Head"  # from the record-kind declaration
        assert i18n.pick("公安局", "Public security") == "Public security"
    finally:
        i18n.install_language(qapp, "zh")
    assert QCoreApplication.translate("labels", "职工医保") == "职工医保"
    assert labels.relation("head") == "户主"
