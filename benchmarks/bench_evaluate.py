"""core.evaluate for 1, 3 and 6 vehicles x 1k, 10k and 100k draws (budget: 3 x 10k < 20 ms median).

Each timed evaluation starts without the safety model's kept rate runs (as after an edit of
anything safety reads: state, vehicles, road mix...); the Monte Carlo draws stay cached, as
they do in the app. A last row times a slider drag over miles and years (3 x 10k), where the
kept rate runs are reused."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import stats_ms

from core.data.catalog import load_catalog
from core.engine import evaluate
from core.safety.outcome import clear_rate_runs
from core.scenario.model import default_scenario

BUDGET_MS = 20.0


def pick_vehicles(n: int) -> tuple[str, ...]:
    cat = load_catalog()
    base = list(default_scenario().vehicles)
    others = [v for v in cat.vehicles if v not in base]
    return tuple((base + others)[:n])


def run(repeats: int = 25) -> dict[str, Any]:
    cat = load_catalog()
    rows = []
    for n_vehicles in (1, 3, 6):
        vehicles = pick_vehicles(n_vehicles)
        for draws in (1_000, 10_000, 100_000):
            sc = default_scenario().with_(vehicles=vehicles, draws=draws)
            evaluate(sc, cat)  # warm caches
            reps = max(5, repeats if draws < 100_000 else repeats // 5)
            samples = []
            for _ in range(reps):
                clear_rate_runs()
                t0 = time.perf_counter()
                evaluate(sc, cat)
                samples.append(time.perf_counter() - t0)
            rows.append({"vehicles": len(vehicles), "draws": draws, **stats_ms(samples)})
    key = next(r for r in rows if r["vehicles"] == 3 and r["draws"] == 10_000)
    base = default_scenario().with_(vehicles=pick_vehicles(3), draws=10_000)
    drag = []
    for i in range(3 * repeats):
        sc = base.with_(annual_miles=8000.0 + (i % 50) * 250.0, years=3 + i % 6)
        t0 = time.perf_counter()
        evaluate(sc, cat)
        drag.append(time.perf_counter() - t0)
    return {
        "rows": rows,
        "drag": stats_ms(drag[5:]),
        "budget_ms": BUDGET_MS,
        "three_by_10k_median_ms": key["median_ms"],
        "within_budget": key["median_ms"] < BUDGET_MS,
    }


if __name__ == "__main__":
    out = run()
    for r in out["rows"]:
        print(
            f"{r['vehicles']} vehicles x {r['draws']:>7,} draws: median {r['median_ms']:8.2f} ms  p95 {r['p95_ms']:8.2f} ms"
        )
    d = out["drag"]
    print(f"3 x 10k, a miles/years drag: median {d['median_ms']:.2f} ms  p95 {d['p95_ms']:.2f} ms")
    print(
        f"budget: 3 x 10k under {BUDGET_MS} ms median -> {out['three_by_10k_median_ms']} ms ({'OK' if out['within_budget'] else 'OVER'})"
    )
