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


def test_selftest_passes_and_writes_png(tmp_path: Path) -> None:
    out = _run(["--selftest", "--selftest-dir", str(tmp_path)])
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    assert out.returncode == 0, summary
    assert summary["ok"] is True
    assert summary["fonts"], "no font family available to Qt"
    pngs = [n for n in summary["outputs"] if n.endswith(".png")]
    assert len(pngs) >= 9  # every chart and the window
    for name in pngs:
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for name in ("scenario.json", "report.pdf", "results.csv", "ledger.csv", "result.json"):
        assert name in summary["outputs"] and (tmp_path / name).stat().st_size > 0
    assert len(list((tmp_path / "charts").iterdir())) == 2 * (len(pngs) - 1)


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
