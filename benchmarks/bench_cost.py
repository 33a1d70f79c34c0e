"""The cost model alone: 3 vehicles x 10,000 draws (central + Monte Carlo + tornado runs).

Budget: the whole evaluate for 3 x 10k must stay under 20 ms median; the cost model's share is
about a third. "cold" clears the reused Monte Carlo draws before each run (first evaluation of
a scenario); "warm" keeps them (the GUI re-evaluating after one input changed).
Run: python benchmarks/bench_cost.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import stats_ms

from core.cost.ownership import evaluate_cost
from core.data.catalog import load_catalog
from core.policy import effective as policy
from core.scenario.model import default_scenario
from core.uncertain import clear_draw_cache

SHARE_BUDGET_MS = 20.0 / 3


def _time(fn: Any, before: Any, repeats: int) -> dict[str, float]:
    samples = []
    for _ in range(repeats):
        before()
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return stats_ms(samples)


def run(repeats: int = 50) -> dict[str, Any]:
    cat = load_catalog()
    rows = []
    for vehicles in (
        default_scenario().vehicles,  # 25-yr kei import, Versa, F-150
        ("nbox_2025", "versa_2025", "f150_xlt_2025"),
        ("ami_2025", "hijet_truck_2025", "corolla_2018_used"),
    ):
        for years in (5, 10):
            sc = default_scenario().with_(vehicles=vehicles, draws=10_000, years=years)
            ctx = policy.apply(sc, cat)
            evaluate_cost(ctx)
            cold = _time(lambda ctx=ctx: evaluate_cost(ctx), clear_draw_cache, repeats)
            warm = _time(lambda ctx=ctx: evaluate_cost(ctx), lambda: None, repeats)
            rows.append(
                {"vehicles": ",".join(vehicles), "years": years, "cold": cold, "warm": warm}
            )
    key = rows[0]
    return {
        "rows": rows,
        "share_budget_ms": SHARE_BUDGET_MS,
        "default_cold_median_ms": key["cold"]["median_ms"],
        "default_warm_median_ms": key["warm"]["median_ms"],
    }


if __name__ == "__main__":
    out = run()
    for r in out["rows"]:
        print(
            f"{r['vehicles']:<45} {r['years']:>2} yr: cold median {r['cold']['median_ms']:6.2f} ms"
            f" (p95 {r['cold']['p95_ms']:6.2f}); warm median {r['warm']['median_ms']:6.2f} ms"
        )
    print(
        f"default scenario, 3 x 10k: cold {out['default_cold_median_ms']:.2f} ms, "
        f"warm {out['default_warm_median_ms']:.2f} ms (share of the 20 ms budget: "
        f"{out['share_budget_ms']:.1f} ms)"
    )
