"""The nation sweep: 51 states x 4 packages (baseline + 3) x 3 vehicles at 10k draws.

Budget (issue 19): 5 s. Measured cold (no reused draws) and warm, and once more with every
state's cost evaluated on its own (as when the cost model reads per-state taxes and fees, which
the sweep's cost key then tells apart), to show what the sharing of runs between alike states
buys. Run: .venv/bin/python benchmarks/bench_nation.py
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine

from core.data.catalog import load_catalog
from core.nation import sweep as sweep_mod
from core.nation.report import nation_result
from core.safety.outcome import clear_rate_runs
from core.scenario.levers import PolicyPackage
from core.scenario.model import Scenario, load_preset
from core.uncertain import clear_draw_cache

BUDGET_S = 5.0


def scenario() -> Scenario:
    sc = load_preset("policy_kei_class").with_(draws=10_000)
    first = sc.packages[0]
    slow = PolicyPackage(
        "Kei class + 10 mph slower streets",
        replace(first.levers, urban_speed_reduction_mph=10.0),
    )
    return sc.with_(packages=(*sc.packages, slow))


def _timed(sc: Scenario, cold: bool) -> tuple[float, Any]:
    cat = load_catalog()
    if cold:
        clear_draw_cache()
        clear_rate_runs()
    t0 = time.perf_counter()
    sw = sweep_mod.run_sweep(sc, cat)
    return time.perf_counter() - t0, sw


def run() -> dict[str, Any]:
    sc = scenario()
    assert len(sc.vehicles) == 3 and len(sc.packages) == 3
    cold, sw = _timed(sc, cold=True)
    warm, _ = _timed(sc, cold=False)
    t0 = time.perf_counter()
    nation_result(sw, load_catalog())
    uptake_s = time.perf_counter() - t0
    saved = sweep_mod.COST_STATE_TABLES
    sweep_mod.COST_STATE_TABLES = ("state_rules",)  # every state's cost on its own
    try:
        per_state, sw2 = _timed(sc, cold=False)
    finally:
        sweep_mod.COST_STATE_TABLES = saved
    return {
        "cells": len(sw.cells),
        "cost_runs": sw.cost_runs,
        "safety_runs": sw.safety_runs,
        "cold_s": round(cold, 2),
        "warm_s": round(warm, 2),
        "uptake_and_outcomes_s": round(uptake_s, 2),
        "every_state_cost_s": round(per_state, 2),
        "every_state_cost_runs": sw2.cost_runs,
        "budget_s": BUDGET_S,
        "within_budget": cold <= BUDGET_S,
        "machine": machine(),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
