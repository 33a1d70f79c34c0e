"""GUI soak: drive the main window with random edits, undo/redo, tab switches and mode changes
for ``KEIWHATIF_SOAK_SECONDS`` (default 60; the release check runs 1800 under Xvfb) and check
memory levels off. Not part of the quick run: ``make soak`` (pytest -m soak).

Prints the RSS curve (one sample per ``KEIWHATIF_SOAK_SAMPLE_S``) so a report can quote it."""

from __future__ import annotations

import gc
import os
import random
import time

import psutil
import pytest
from pytestqt.qtbot import QtBot

SECONDS = float(os.environ.get("KEIWHATIF_SOAK_SECONDS", "60"))
SAMPLE_S = float(os.environ.get("KEIWHATIF_SOAK_SAMPLE_S", "10"))
# after the first third (warm-up: caches, fonts, every tab drawn once), the RSS may not grow by
# more than this from its warm-up level
MAX_LATE_GROWTH_MB = 25.0


@pytest.mark.soak
@pytest.mark.timeout(SECONDS + 600)
def test_gui_soak(qtbot: QtBot) -> None:
    from core.scenario.model import default_scenario
    from desktop.app import create_app
    from desktop.main_window import MainWindow
    from desktop.qt import QtWidgets

    app = create_app()
    w = MainWindow(default_scenario().with_(draws=2000), ask=lambda kind, text, default: default)
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    ctl = w.controller
    cat = ctl.catalog
    rng = random.Random(20261125)
    vehicle_ids = sorted(cat.vehicles)
    states = ("TX", "CA", "NY", "FL", "WA", "MT", "VT")
    proc = psutil.Process()

    def act() -> None:
        r = rng.random()
        sc = ctl.scenario
        if r < 0.35:
            ctl.change(sc.with_(annual_miles=float(rng.randrange(1000, 40000, 500))), "miles")
        elif r < 0.45:
            ctl.change(sc.with_(years=rng.randint(1, 15)), "years")
        elif r < 0.55:
            ctl.change(sc.with_(state=rng.choice(states)), "state")
        elif r < 0.62:
            picks = tuple(rng.sample(vehicle_ids, rng.randint(1, 3)))
            ctl.change(sc.with_(vehicles=picks), "vehicles")
        elif r < 0.72:
            ctl.undo_stack.undo()
        elif r < 0.8:
            ctl.undo_stack.redo()
        elif r < 0.92:
            w.tabs.setCurrentIndex(rng.randrange(w.tabs.count()))
        elif r < 0.96:
            w.set_mode(rng.choice(("buyer", "policymaker")))
        else:
            w.set_units(rng.choice(("us", "metric")))
        ctl.wait_idle(60)
        app.processEvents()

    start = time.monotonic()
    curve: list[tuple[float, float]] = []
    next_sample = 0.0
    actions = 0
    while (elapsed := time.monotonic() - start) < SECONDS:
        act()
        actions += 1
        if elapsed >= next_sample:
            gc.collect()
            curve.append((elapsed, proc.memory_info().rss / 2**20))
            next_sample += SAMPLE_S
    gc.collect()
    curve.append((time.monotonic() - start, proc.memory_info().rss / 2**20))
    print(
        f"\ngui soak: {actions} actions in {curve[-1][0]:.0f} s; undo steps kept: {ctl.undo_stack.count()}"
    )
    print("gui soak RSS curve (s, MB): " + ", ".join(f"{t:.0f}:{m:.1f}" for t, m in curve))
    warm = [m for t, m in curve if t >= SECONDS / 3]
    assert warm, curve
    growth = max(warm) - warm[0]
    print(
        f"gui soak: after warm-up RSS {warm[0]:.1f} -> max {max(warm):.1f} MB (growth {growth:+.1f}, bound {MAX_LATE_GROWTH_MB})"
    )
    assert growth < MAX_LATE_GROWTH_MB
    assert ctl.undo_stack.count() <= ctl.undo_stack.undoLimit() or ctl.undo_stack.undoLimit() == 0
    assert QtWidgets.QApplication.activeModalWidget() is None
    ctl.shutdown()
