"""Memory of the real window: RSS after start, and after a 10,000-interaction session.

Interactions are user edits through the controller (as input widgets make them), in bursts of
20 like a slider drag, each burst followed by its (debounced) recompute and repaint; tab, mode
and unit switches and undo/redo are mixed in.
"""

from __future__ import annotations

import gc
import os
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def run(interactions: int = 10_000) -> dict[str, Any]:
    import psutil

    from desktop.app import create_app
    from desktop.qt import QtCore

    app = create_app()
    QtCore.QSettings.setDefaultFormat(QtCore.QSettings.Format.IniFormat)
    QtCore.QSettings.setPath(
        QtCore.QSettings.Format.IniFormat, QtCore.QSettings.Scope.UserScope, tempfile.mkdtemp()
    )
    from core.scenario.model import default_scenario
    from desktop.main_window import MainWindow

    proc = psutil.Process()
    w = MainWindow(default_scenario(), ask=lambda k, t, d: d)
    w.files.autosave_path = Path(tempfile.mkdtemp()) / "autosave.json"
    w.resize(1280, 720)
    w.show()
    app.processEvents()
    gc.collect()
    rss_start = proc.memory_info().rss / 2**20
    rng = random.Random(7)
    base = w.controller.scenario
    rss_mid = rss_start
    for i in range(interactions):
        r = rng.random()
        if r < 0.85:
            sc = base.with_(
                annual_miles=float(rng.randrange(2000, 40000, 250)), years=rng.randrange(1, 15)
            )
            w.controller.change(sc, "bench", merge_id=1 + i // 20)
        elif r < 0.9:
            w.tabs.setCurrentIndex(rng.randrange(w.tabs.count()))
        elif r < 0.93:
            w.set_mode(rng.choice(("buyer", "policymaker")))
        elif r < 0.96:
            w.set_units(rng.choice(("us", "metric")))
        else:
            (w.undo_action if rng.random() < 0.5 else w.redo_action).trigger()
        if i % 20 == 19:
            w.controller.wait_idle()
            app.processEvents()
        if i == interactions // 10:
            gc.collect()
            rss_mid = proc.memory_info().rss / 2**20
    w.controller.wait_idle()
    gc.collect()
    app.processEvents()
    rss_end = proc.memory_info().rss / 2**20
    w.close()
    return {
        "interactions": interactions,
        "rss_after_start_mb": round(rss_start, 1),
        "rss_after_10pct_mb": round(rss_mid, 1),
        "rss_after_session_mb": round(rss_end, 1),
        "growth_after_warmup_mb": round(rss_end - rss_mid, 1),
    }


if __name__ == "__main__":
    r = run()
    print(
        f"RSS after start {r['rss_after_start_mb']} MB; after {r['interactions']:,} interactions {r['rss_after_session_mb']} MB (growth after warm-up {r['growth_after_warmup_mb']:+} MB)"
    )
