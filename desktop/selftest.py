"""``keiwhatif --selftest``: prove a build works, offscreen, and say what failed if not.

Loads every resource file, evaluates every vehicle pair, builds the main window, renders a
chart to PNG in a temporary folder, prints a one-line JSON summary and exits 0; on any failure
it prints what failed (as JSON, with the step) and exits 1.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any


def run_selftest(keep_dir: Path | None = None) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    summary: dict[str, Any] = {"ok": False}
    step = "start"
    t0 = time.perf_counter()
    try:
        from core.catalog import load_catalog, resource_files
        from core.engine import evaluate
        from core.scenario import default_scenario
        from core.version import __version__

        summary["version"] = __version__
        step = "load resources"
        catalog = load_catalog()
        summary["resource_files"] = len(list(resource_files()))
        summary["vehicles"] = len(catalog.vehicles)
        summary["parameters"] = len(catalog.params)

        step = "evaluate every vehicle pair"
        base = default_scenario().with_(draws=1000)
        pairs = 0
        for a, b in itertools.permutations(catalog.vehicles, 2):
            res = evaluate(base.with_(vehicles=(a, b)), catalog)
            for vr in res.vehicles:
                if vr.cost.total_usd.central != vr.cost.total_usd.central:  # NaN check
                    raise ValueError(f"NaN total for {vr.vehicle.id}")
            pairs += 1
        summary["pairs_evaluated"] = pairs

        step = "start Qt"
        from desktop.app import create_app, register_fonts

        app = create_app([sys.argv[0]])
        from desktop.qt import QtCore

        # never read or write the user's real settings
        QtCore.QSettings.setDefaultFormat(QtCore.QSettings.Format.IniFormat)
        QtCore.QSettings.setPath(
            QtCore.QSettings.Format.IniFormat,
            QtCore.QSettings.Scope.UserScope,
            tempfile.mkdtemp(prefix="keiwhatif-selftest-settings-"),
        )
        families = register_fonts()
        if not families:
            raise RuntimeError("no font family available to Qt")
        summary["fonts"] = families

        step = "build main window"
        from desktop.main_window import MainWindow

        window = MainWindow(default_scenario())
        window.resize(1280, 720)
        window.show()
        app.processEvents()

        step = "render chart"
        out = keep_dir or Path(tempfile.mkdtemp(prefix="keiwhatif-selftest-"))
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, widget in window.chart_widgets().items():
            path = out / f"{name}.png"
            if not widget.grab().save(str(path)) or path.stat().st_size == 0:
                raise RuntimeError(f"could not render chart {name}")
            written.append(path.name)
        shot = out / "window.png"
        window.grab().save(str(shot))
        written.append(shot.name)
        summary["outputs"] = written
        summary["output_dir"] = str(out)
        window.close()
        summary["ok"] = True
    except Exception as exc:
        summary["failed_step"] = step
        summary["error"] = f"{type(exc).__name__}: {exc}"
        summary["traceback"] = traceback.format_exc(limit=6)
    summary["seconds"] = round(time.perf_counter() - t0, 2)
    print(json.dumps(summary), flush=True)
    return 0 if summary["ok"] else 1
