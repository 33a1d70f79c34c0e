"""Frozen onedir start to the first painted window, against a bare PySide6 window frozen the
same way (benchmarks/bare_window.spec, same excludes and plugin trimming). Budget: ratio <= 1.5.

Cold = page cache dropped before each run (needs root; otherwise only warm runs are reported).
Also reports the onedir and archive sizes.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dist" / "keiwhatif" / "keiwhatif"
BARE_DIST = ROOT / "build" / "bench-dist"
BARE = BARE_DIST / "bare_window" / "bare_window"
BUDGET_RATIO = 1.5


def _drop_caches() -> bool:
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w") as fh:
            fh.write("3\n")
        return True
    except OSError:
        return False


def _first_paint(exe: Path, cold: bool) -> tuple[float, float]:
    """Seconds from launch to the first painted window, and to the app being ready."""
    env = dict(os.environ, KEIWHATIF_STARTUP_PROBE="1")
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    if cold:
        _drop_caches()
    t0 = time.time()
    out = subprocess.run([str(exe)], env=env, capture_output=True, text=True, timeout=120)
    marks = {}
    for line in out.stdout.splitlines():
        key, _, val = line.partition(" ")
        if key in ("first-paint", "ready"):
            marks[key] = float(val) - t0
    if "first-paint" not in marks:
        raise RuntimeError(
            f"{exe} printed no first-paint line: {out.stdout[-500:]} {out.stderr[-500:]}"
        )
    return marks["first-paint"], marks.get("ready", marks["first-paint"])


def _build_bare() -> None:
    if BARE.exists():
        return
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(BARE_DIST),
            "--workpath",
            str(ROOT / "build" / "bench-work"),
            str(ROOT / "benchmarks" / "bare_window.spec"),
        ],
        check=True,
        cwd=ROOT,
    )


def _size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    # lstat: PyInstaller 6 onedir links Qt libraries; count each file once, as `du` does
    return (
        sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
        / 2**20
    )


def run(runs: int = 5) -> dict[str, Any]:
    if not APP.exists():
        raise SystemExit("dist/keiwhatif is missing: run `make dist` first")
    _build_bare()
    can_drop = _drop_caches()
    res: dict[str, Any] = {"cold_measured": can_drop}
    for label, cold in (("cold", True), ("warm", False)):
        if cold and not can_drop:
            continue
        app = [_first_paint(APP, cold) for _ in range(runs)]
        bare = [_first_paint(BARE, cold)[0] for _ in range(runs)]
        first = statistics.median(a[0] for a in app)
        ready = statistics.median(a[1] for a in app)
        res[label] = {
            "app_first_paint_s": round(first, 3),
            "app_ready_s": round(ready, 3),
            "bare_first_paint_s": round(statistics.median(bare), 3),
            "ratio": round(first / statistics.median(bare), 2),
        }
    archives = sorted((ROOT / "dist").glob("keiwhatif-*.tar.gz"))
    res["onedir_mb"] = round(_size_mb(ROOT / "dist" / "keiwhatif"), 1)
    res["bare_onedir_mb"] = round(_size_mb(BARE_DIST / "bare_window"), 1)
    res["archive_mb"] = round(_size_mb(archives[-1]), 1) if archives else None
    key = res.get("cold") or res["warm"]
    res["budget_ratio"] = BUDGET_RATIO
    res["within_budget"] = key["ratio"] <= BUDGET_RATIO
    return res


if __name__ == "__main__":
    r = run()
    for label in ("cold", "warm"):
        if label in r:
            x = r[label]
            print(
                f"{label}: app first paint {x['app_first_paint_s']:.3f} s (calculator ready {x['app_ready_s']:.3f} s), bare PySide6 {x['bare_first_paint_s']:.3f} s, ratio {x['ratio']:.2f}"
            )
    print(
        f"onedir {r['onedir_mb']} MB (bare {r['bare_onedir_mb']} MB), archive {r['archive_mb']} MB; budget ratio <= {BUDGET_RATIO}: {'OK' if r['within_budget'] else 'OVER'}"
    )
