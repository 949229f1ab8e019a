"""``casework demo --screenshots`` as a user runs it: a separate process, offscreen, in its own
CASEWORK_HOME; it builds the demo district, walks the real app and writes a PNG of each step."""

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

pytestmark = [pytest.mark.slow, pytest.mark.gui]

SHOTS = ("01-login.png", "02-search.png", "03-household-disabled-member.png", "04-migrant-household.png",
         "05-rental-housing.png", "06-offline.png")
EXPECTED_LOG = ("pull stopped after",)  # the sync that finds the hub stopped says so


def test_the_screenshot_walk_writes_every_picture_and_warns_of_nothing_unexpected(tmp_path, qapp):
    home, shots = tmp_path / "home", tmp_path / "shots"
    env = {**os.environ, "CASEWORK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "casework.cli", "demo", "--households", "240",
                           "--screenshots", str(shots)], env=env, capture_output=True, text=True,
                          timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (home / "demo" / "hub.db").exists(), "the demo district is kept for the next run"
    for name in SHOTS:
        image = QImage(str(shots / name))
        assert not image.isNull(), name
        assert image.width() >= 500 and image.height() >= 200, (name, image.size())
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, f"{name} looks blank"
    unexpected = [line for line in done.stderr.splitlines()
                  if ("WARNING" in line or "Traceback" in line or "Error" in line)
                  and not any(ok in line for ok in EXPECTED_LOG)]
    assert not unexpected, unexpected
