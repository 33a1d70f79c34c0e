"""core.safety.outcome.evaluate_safety alone: 1, 3 and 6 vehicles x 1k, 10k and 100k draws.

The whole evaluate must stay under 20 ms median for 3 vehicles x 10,000 draws; the safety model's
share of that is about a third. Run: python benchmarks/bench_safety.py [data-directory]
(a data directory other than resources/data is only for trying a changed catalogue).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, stats_ms

from core.data.catalog import load_catalog
from core.policy import effective as policy
from core.safety.outcome import evaluate_safety
from core.scenario.model import default_scenario

SHARE_MS = 20.0 / 3


def run(directory: Path | None = None, repeats: int = 40) -> dict[str, Any]:
    cat = load_catalog(directory)
    base = list(default_scenario().vehicles)
    ids = base + [v for v in cat.vehicles if v not in base]
    rows = []
    for n_vehicles in (1, 3, 6):
        vehicles = tuple(ids[:n_vehicles])
        for draws in (1_000, 10_000, 100_000):
            sc = default_scenario().with_(vehicles=vehicles, draws=draws)
            ctx = policy.apply(sc, cat)
            evaluate_safety(ctx)  # warm caches
            reps = max(5, repeats if draws < 100_000 else repeats // 5)
            samples = []
            for _ in range(reps):
                t0 = time.perf_counter()
                evaluate_safety(ctx)
                samples.append(time.perf_counter() - t0)
            rows.append({"vehicles": len(vehicles), "draws": draws, **stats_ms(samples)})
    key = next(r for r in rows if r["vehicles"] == 3 and r["draws"] == 10_000)
    return {
        "machine": machine(),
        "rows": rows,
        "share_ms": round(SHARE_MS, 2),
        "three_by_10k_median_ms": key["median_ms"],
        "within_share": key["median_ms"] < SHARE_MS,
    }


if __name__ == "__main__":
    arg = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    print(json.dumps(run(arg), indent=2))
