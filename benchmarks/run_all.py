"""`make bench`: every benchmark, a table on screen, and benchmarks/results.json."""

from __future__ import annotations

import datetime as _dt
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import bench_evaluate  # noqa: E402
import bench_memory  # noqa: E402
import bench_nation  # noqa: E402
import bench_repaint  # noqa: E402
import bench_startup  # noqa: E402
from common import machine  # noqa: E402


def main() -> int:
    results = {"date": _dt.datetime.now().isoformat(timespec="seconds"), "machine": machine()}
    print("core.evaluate ...", flush=True)
    results["evaluate"] = bench_evaluate.run()
    print("nation sweep ...", flush=True)
    results["nation"] = bench_nation.run()
    print("repaint latency ...", flush=True)
    results["repaint"] = bench_repaint.run()
    print("memory ...", flush=True)
    results["memory"] = bench_memory.run()
    print("frozen start-up ...", flush=True)
    results["startup"] = bench_startup.run()
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    print(
        f"\nMachine: {results['machine']['cpu']} ({results['machine']['cores']} cores), Python {results['machine']['python']}"
    )
    print("| benchmark | figure | budget |")
    print("|---|---|---|")
    for r in results["evaluate"]["rows"]:
        print(
            f"| core.evaluate {r['vehicles']} vehicles x {r['draws']:,} draws | median {r['median_ms']} ms, p95 {r['p95_ms']} ms | {'< 20 ms median' if (r['vehicles'], r['draws']) == (3, 10_000) else ''} |"
        )
    dg = results["evaluate"]["drag"]
    print(
        f"| core.evaluate 3 vehicles x 10,000 draws, a miles/years drag | median {dg['median_ms']} ms, p95 {dg['p95_ms']} ms | < 20 ms median |"
    )
    nt = results["nation"]
    print(
        f"| nation sweep 51 states x 4 packages x 3 vehicles x 10,000 draws | cold {nt['cold_s']} s, warm {nt['warm_s']} s ({nt['cost_runs']} cost runs); every state's own cost {nt['every_state_cost_s']} s | <= 5 s |"
    )
    rp = results["repaint"]
    print(
        f"| input change to repainted charts ({rp['n']} changes) | p50 {rp['median_ms']} ms, p95 {rp['p95_ms']} ms | p95 < 50 ms |"
    )
    st = results["startup"]
    for label in ("cold", "warm"):
        if label in st:
            x = st[label]
            print(
                f"| frozen start to first painted window, {label} | {x['app_first_paint_s']} s vs bare PySide6 {x['bare_first_paint_s']} s (ratio {x['ratio']}); calculator ready {x['app_ready_s']} s | ratio <= 1.5 |"
            )
    print(
        f"| onedir / archive size | {st['onedir_mb']} MB / {st['archive_mb']} MB (bare PySide6 onedir {st['bare_onedir_mb']} MB) | as small as possible |"
    )
    m = results["memory"]
    print(
        f"| memory | {m['rss_after_start_mb']} MB after start, {m['rss_after_session_mb']} MB after {m['interactions']:,} interactions ({m['growth_after_warmup_mb']:+} MB after warm-up) | flat |"
    )
    print("\nwritten: benchmarks/results.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
