"""Command line: ``keiwhatif [--version] [--selftest] [--kiosk]`` (``python -m desktop`` too)."""

from __future__ import annotations

import argparse
import ctypes.util
import os
import sys
from collections.abc import Sequence

from core.version import APP_NAME, __version__

HEADLESS_HINT = (
    "without a screen use `keiwhatif report SCENARIO.json --pdf report.pdf` "
    "(or `keiwhatif --selftest` to check the install)"
)

# Libraries Qt's xcb platform plugin loads at start; without them Qt aborts with a long trace.
_XCB_LIBS = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
}


def display_problem() -> str | None:
    """A one-line reason the GUI cannot start here, or None."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return None
    if not sys.platform.startswith("linux"):
        return None
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return (
            f"{APP_NAME} needs a display and none was found (DISPLAY is not set); {HEADLESS_HINT}."
        )
    if os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        missing = [pkg for lib, pkg in _XCB_LIBS.items() if ctypes.util.find_library(lib) is None]
        if missing:
            return (
                f"{APP_NAME} cannot open a window: missing system libraries; run "
                f"`sudo apt-get install {' '.join(missing)}` (or {HEADLESS_HINT})."
            )
    return None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="keiwhatif", description=f"{APP_NAME}: microcar what-if calculator"
    )
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    p.add_argument("--selftest", action="store_true", help="check the install offscreen and exit")
    p.add_argument("--selftest-dir", help="keep the self-test's outputs in this folder")
    p.add_argument(
        "--kiosk", action="store_true", help="run as a full-screen touch kiosk (trade shows)"
    )
    p.add_argument(
        "--kiosk-config", help="kiosk settings file (default: ~/.config/keiwhatif/kiosk.json)"
    )
    p.add_argument(
        "--kiosk-setup",
        action="store_true",
        help="set the kiosk operator PIN (at a terminal; the kiosk will not run without one)",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["report"]:
        from desktop.cli import run_report

        return run_report(args_list[1:])
    if args_list[:1] == ["sweep"]:
        from desktop.sweep_cli import run_sweep_cli

        return run_sweep_cli(args_list[1:])
    args = build_parser().parse_args(args_list)
    if args.selftest:
        from pathlib import Path

        from desktop.selftest import run_selftest

        return run_selftest(Path(args.selftest_dir) if args.selftest_dir else None)
    if args.kiosk_setup:
        from pathlib import Path

        from desktop.kiosk import run_kiosk_setup

        return run_kiosk_setup(Path(args.kiosk_config) if args.kiosk_config else None)
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if args.kiosk:
        from pathlib import Path

        from desktop.kiosk import run_kiosk

        return run_kiosk(Path(args.kiosk_config) if args.kiosk_config else None)
    from desktop.app import run

    return run([sys.argv[0]])


if __name__ == "__main__":
    sys.exit(main())
