"""policy.apply + evaluate_feasibility for 3 vehicles x 10,000 draws (share of the 20 ms budget).

Runs the default scenario and a worst case for this model: a new kei car that needs
certification (so the compliance-cost Monte Carlo runs) with every lever set.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, stats_ms

from core.data.catalog import load_catalog
from core.feasibility.scorecard import evaluate_feasibility
from core.policy import effective as policy
from core.scenario.levers import PolicyLevers
from core.scenario.model import default_scenario

SHARE_MS = 20.0 / 3  # about a third of the whole-evaluate budget


def _time(fn: Any, repeats: int) -> dict[str, float]:
    fn()  # warm caches
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return stats_ms(samples)


def run(repeats: int = 200) -> dict[str, Any]:
    cat = load_catalog()
    sc = default_scenario()
    newkei = dataclasses.replace(
        cat.vehicle(sc.vehicles[0]), id="bench_newkei", vclass="kei_car", age_years=0.0,
        import_path="registered_importer",
    )  # fmt: skip
    cat2 = cat.with_vehicle(newkei)
    worst = sc.with_(
        vehicles=("bench_newkei", *sc.vehicles[1:]),
        state="GA",
        levers=PolicyLevers(
            import_age_years=15, state_overrides={"GA": "restricted:45"},
            urban_speed_reduction_mph=10, us_annual_volume=20_000, purchase_incentive_usd=1000,
        ),
    )  # fmt: skip

    def default() -> None:
        ctx = policy.apply(sc, cat)
        evaluate_feasibility(ctx, {}, {})

    def levers() -> None:
        ctx = policy.apply(worst, cat2)
        evaluate_feasibility(ctx, {}, {})

    return {
        "machine": machine(),
        "budget_share_ms": round(SHARE_MS, 2),
        "default_3x10k": _time(default, repeats),
        "levers_new_kei_3x10k": _time(levers, repeats),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
