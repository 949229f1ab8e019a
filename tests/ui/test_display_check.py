"""No display: say so before any work, instead of Qt aborting the process (issue 10, point 16)."""

import os
import subprocess
import sys

from casework.ui.display_check import display_problem


def test_no_display_on_linux_is_named_with_what_to_do():
    problem = display_problem({}, platform="linux")
    assert problem is not None and "DISPLAY" in problem and "--screenshots" in problem


def test_missing_xcb_libraries_are_named_with_their_packages():
    problem = display_problem({"DISPLAY": ":0"}, platform="linux",
                              find_library=lambda name: None if name == "xcb-cursor" else "lib.so")
    assert problem is not None and "libxcb-cursor0" in problem and "libxcb-icccm4" not in problem


def test_offscreen_wayland_and_other_systems_need_no_check():
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, platform="linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, platform="linux") is None
    assert display_problem({}, platform="win32") is None


def test_the_demo_without_a_display_stops_at_once_and_builds_nothing(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["CASEWORK_HOME"] = str(tmp_path)
    done = subprocess.run([sys.executable, "-m", "casework.cli", "demo"], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "DISPLAY" in done.stderr and "xvfb-run" in done.stderr
    assert not (tmp_path / "demo").exists()
