"""Kiosk soak: thousands of random visitor interactions, no exception, flat memory.

Not part of the quick run: `make soak` (pytest -m soak). Prints the figures the README quotes.
"""

from __future__ import annotations

import gc
import os
import random
from pathlib import Path

import psutil
import pytest

INTERACTIONS = int(os.environ.get("KEIWHATIF_SOAK_N", "3000"))
WARMUP = 300
MAX_GROWTH_MB = 40.0


@pytest.mark.soak
def test_kiosk_soak(make_kiosk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import create_app
    from desktop.kiosk.config import KioskConfig, hash_pin
    from desktop.qt import QtWidgets

    app = create_app()
    w = make_kiosk(
        KioskConfig(idle_seconds=600, output_folder=str(tmp_path), pin_hash=hash_pin("4711")),
        size=(1920, 1080),
    )
    rng = random.Random(20261125)
    proc = psutil.Process()

    def act() -> None:
        page = w.stack.currentWidget()
        if page is w.attract:
            w.start_over_to_step1()
        elif page is w.step1:
            rng.choice(w.pick_buttons).click()
        elif page is w.step2:
            choice = rng.random()
            if choice < 0.3:
                w.miles.set_value(w.miles.value + rng.choice((-1, 1)) * w.miles.step, emit=True)
            elif choice < 0.5:
                w.years.set_value(w.years.value + rng.choice((-1, 1)), emit=True)
            elif choice < 0.65 and w.mix_group.buttons():
                rng.choice(w.mix_group.buttons()).click()
            elif choice < 0.75:
                w.state_box.setCurrentIndex(rng.randrange(w.state_box.count()))
                w._update_scenario()
            elif choice < 0.9:
                w.show_results()
                w.wait_for_results()
            else:
                w.go_back()
        elif page is w.step3:
            r = rng.random()
            if r < 0.4:
                w.go_back()
            elif r < 0.7:
                w.start_over()
            elif r < 0.72:
                w.write_takeaway()
            else:
                w.idle_reset()
        app.processEvents()

    for _ in range(WARMUP):
        act()
    gc.collect()
    rss0 = proc.memory_info().rss / 2**20
    for _ in range(INTERACTIONS):
        act()
    gc.collect()
    app.processEvents()
    rss1 = proc.memory_info().rss / 2**20
    print(
        f"\nkiosk soak: {INTERACTIONS} interactions after {WARMUP} warm-up; RSS {rss0:.1f} -> {rss1:.1f} MB (growth {rss1 - rss0:+.1f} MB, bound {MAX_GROWTH_MB} MB)"
    )
    assert rss1 - rss0 < MAX_GROWTH_MB
    assert QtWidgets.QApplication.activeModalWidget() is None
