"""Before Qt starts: is there a display to open a window on, and can Qt's X11 plugin load?

Without one, Qt aborts the process (rc 134) with a message about ``libxcb-cursor0`` — after the
demo has spent a minute building its district. This check says what is missing and what to do
instead, and costs nothing (no Qt import).
"""

from __future__ import annotations

import ctypes.util
import os
import sys

# Libraries Qt's xcb platform plugin loads that a minimal Linux install lacks (Debian/Ubuntu names).
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
}
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc")


def display_problem(env: dict[str, str] | None = None, platform: str = sys.platform,
                    find_library=ctypes.util.find_library) -> str | None:
    """A message (Chinese and English, for a console) when no window can be opened; None when
    one can (or the platform is not Linux, where Qt finds the display itself)."""
    env = dict(os.environ) if env is None else env
    qpa = env.get("QT_QPA_PLATFORM", "")
    if not platform.startswith("linux") or qpa.startswith(HEADLESS_PLATFORMS):
        return None
    if qpa.startswith("wayland") or (not qpa and env.get("WAYLAND_DISPLAY")):
        return None
    if not env.get("DISPLAY"):
        return ("没有可用的显示器（未设置 DISPLAY）：无法打开窗口。请在桌面会话中运行，或使用 "
                "xvfb-run；只要截图时用 --screenshots DIR（无需显示器）。\n"
                "No display (DISPLAY is not set): the window cannot open. Run it in a desktop "
                "session or under xvfb-run; for screenshots only, --screenshots DIR needs no display.")
    missing = [package for name, package in XCB_LIBRARIES.items() if find_library(name) is None]
    if missing:
        listed = " ".join(missing)
        return (f"Qt 的 X11 插件缺少系统库：{listed}。请安装：sudo apt-get install {listed}\n"
                f"Qt's X11 plugin needs system libraries that are missing: {listed}. "
                f"Install them: sudo apt-get install {listed}")
    return None
