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
        from core.data.catalog import load_catalog, resource_files
        from core.engine import evaluate
        from core.scenario.model import default_scenario
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

        window = MainWindow(default_scenario(), ask=lambda _kind, _text, default: default)
        window.files.autosave_path = (
            Path(tempfile.mkdtemp(prefix="keiwhatif-selftest-autosave-")) / "a.json"
        )
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

        step = "save and load a scenario"
        from core.scenario.io import load_scenario, save_scenario

        saved = out / "scenario.json"
        save_scenario(window.controller.scenario, saved)
        if load_scenario(saved, catalog) != window.controller.scenario:
            raise RuntimeError("scenario changed in a save-and-load round trip")
        written.append(saved.name)

        step = "export"
        files = window.files
        checks = {
            "report.pdf": (lambda p: files.export_pdf(p), b"%PDF-"),
            "results.csv": (lambda p: files.export_csv(p, "results"), b"\xef\xbb\xbf"),
            "ledger.csv": (lambda p: files.export_csv(p, "ledger"), b"\xef\xbb\xbf"),
        }
        for fname, (export, magic) in checks.items():
            target = out / fname
            if not export(target) or not target.read_bytes().startswith(magic):
                raise RuntimeError(f"export of {fname} failed")
            written.append(fname)
        from core.export import result_to_json

        result = window.controller.result
        if result is None:
            raise RuntimeError("no result to export")
        (out / "result.json").write_text(result_to_json(result), encoding="utf-8")
        json.loads((out / "result.json").read_text(encoding="utf-8"))
        written.append("result.json")
        charts_dir = out / "charts"
        charts_dir.mkdir(exist_ok=True)
        exported = files.export_charts(charts_dir)
        if len(exported) != 2 * len(window.chart_widgets()):
            raise RuntimeError("not every chart exported as PNG and SVG")
        written.append(f"charts/ ({len(exported)} PNG+SVG files)")

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
