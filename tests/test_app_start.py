"""The program starts, shows its version, self-tests, and explains a missing display in a line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from core.version import __version__

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_version_is_the_single_source() -> None:
    out = _run(["--version"])
    assert out.returncode == 0
    assert out.stdout.strip() == f"Kei What-If {__version__}"


# The self-test itself runs in tests/test_offline.py (one subprocess with the report and kiosk).


def test_no_display_gives_one_line_and_the_headless_alternative() -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    out = _run([], env=env)
    assert out.returncode == 2
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1
    assert "display" in lines[0] and "--selftest" in lines[0]


def test_selftest_names_a_broken_resource(tmp_path: Path) -> None:
    """A corrupted data file makes the self-test fail and name the file."""
    import shutil

    copy = tmp_path / "app"
    shutil.copytree(ROOT / "core", copy / "core")
    shutil.copytree(ROOT / "desktop", copy / "desktop")
    shutil.copytree(ROOT / "resources", copy / "resources")
    (copy / "resources" / "data" / "economy_params.csv").write_text("id,label\nbroken,row\n")
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "--selftest"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=120,
    )
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    assert out.returncode == 1
    assert summary["failed_step"] == "load resources"
    assert "economy_params.csv" in summary["error"]
