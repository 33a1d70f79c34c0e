"""The sweep: one scenario and its policy packages across the 51 states (and any grid of fields).

Each (grid point, package, state) is the same calculation as `core.engine.evaluate_packages` for
that state: the scenario with the state set and the package's levers, the same seed and draws.
Two things make 204 evaluations fast enough to wait for:

* the Monte Carlo draws of every input are kept between evaluations (`ReusingSampler` in
  core.uncertain): all states share them, so a state costs its arithmetic, not new draws, and the
  cost model runs in its totals-only mode (no tornado, percentile curves or breakdowns: the
  sweep reads the totals, the landed price and the paired draws, equal to the full run's);
* the cost and safety models read the state only through each vehicle's legal road cap and
  operated top speed (core.policy.context) and, for cost, the state's rows of the state tax,
  fee and insurance tables (`COST_STATE_TABLES`, when the catalogue has them), so states alike
  in those share one run. The keys are everything the models read that can differ between
  states; tests/test_nation_sweep.py compares every state with a full `evaluate` to keep that
  true (a model that starts reading another state table must be added here).

The feasibility scorecard runs for every cell (its checks are per state); the uptake model reads
its legal checks (may the vehicle enter the US and be titled there at all). The legal share of
miles comes from the safety model, as everywhere.

The result is a tidy long table: one row per (grid point, state, package, vehicle), plain
dicts (`rows`), or a pandas DataFrame (`to_frame`, pandas imported only when called).
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from core.cost.ownership import CostResult, evaluate_cost
from core.data.catalog import Catalog, load_catalog
from core.data.states import STATE_CODES
from core.data.vehicles import Vehicle
from core.errors import ValidationError
from core.feasibility.scorecard import FeasibilityResult, evaluate_feasibility
from core.policy import effective as policy
from core.policy.context import Context
from core.safety.outcome import SafetyResult, evaluate_safety
from core.scenario.io import apply_sets, scenario_from_data, scenario_to_dict
from core.scenario.levers import PolicyLevers
from core.scenario.model import BASELINE_NAME, Scenario
from core.uncertain import Dist

BASELINE = BASELINE_NAME  # the scenario's own name for the no-package column
PER_10K = 10_000.0
LEGAL = "legal"  # the feasibility category of the checks that gate a sale
OVER_CHOICES = ("state", "package")
# Tables keyed by state that the cost model reads directly (taxes, fees, insurance).
COST_STATE_TABLES = ("state_fees", "insurance_states")

Progress = Callable[[int, int], None]  # (done, total)
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class Cell:
    """One evaluation of the sweep: a state under a package (at a grid point)."""

    point: Mapping[str, Any]  # grid field -> value ({} without a grid)
    state: str
    package: str
    scenario: Scenario  # as evaluated: state and the package's levers set, no packages
    vehicles: tuple[Vehicle, ...]  # as operated there
    cost: Mapping[str, CostResult] = field(repr=False)
    safety: Mapping[str, SafetyResult] = field(repr=False)
    # what the models read: the catalogue with the scenario's overrides and the package's lever
    # effects applied (`context.catalog`), the compliance curve, each vehicle's mobility
    context: Context = field(repr=False, compare=False)
    feasibility: Mapping[str, FeasibilityResult] = field(repr=False, default_factory=dict)

    def may_be_sold(self, vid: str) -> bool:
        """No legal check fails: the vehicle may enter the US and be titled in the state."""
        f = self.feasibility.get(vid)
        if f is None:
            return True
        return not any(c.group == LEGAL and c.status == "fail" for c in f.checks)

    @property
    def micro(self) -> str:
        return self.vehicles[0].id

    @property
    def rival(self) -> str:
        return self.vehicles[1].id if len(self.vehicles) > 1 else self.vehicles[0].id


@dataclass(frozen=True)
class Sweep:
    cells: tuple[Cell, ...]
    packages: tuple[str, ...]
    states: tuple[str, ...]
    cancelled: bool = False
    cost_runs: int = 0
    safety_runs: int = 0

    def cell(self, state: str, package: str, point: Mapping[str, Any] | None = None) -> Cell:
        want = dict(point or {})
        for c in self.cells:
            if c.state == state and c.package == package and dict(c.point) == want:
                return c
        raise KeyError((state, package, want))


def package_levers(scenario: Scenario) -> list[tuple[str, PolicyLevers]]:
    """The baseline (the scenario's own levers) and each package, as evaluate_packages has them."""
    return [(BASELINE, scenario.levers)] + [(p.name, p.levers) for p in scenario.packages]


def grid_points(grid: Mapping[str, Sequence[Any]] | None) -> list[dict[str, Any]]:
    """Every combination of the grid's values ({} when there is no grid)."""
    if not grid:
        return [{}]
    keys = list(grid)
    return [dict(zip(keys, combo, strict=True)) for combo in itertools.product(*grid.values())]


def _at_point(scenario: Scenario, point: Mapping[str, Any], catalog: Catalog) -> Scenario:
    if not point:
        return scenario
    sets = [f"{k}={json.dumps(v)}" for k, v in point.items()]
    data = apply_sets(scenario_to_dict(scenario), sets)
    return scenario_from_data(data, "grid", catalog)


def _safety_key(ctx: Context, pkg: int, point: int) -> tuple[Any, ...]:
    """What the safety model reads from the context that can differ from state to state."""
    caps = tuple(sorted((k, v) for k, v in ctx.road_cap_mph.items()))
    ops = tuple((v.id, repr(v)) for v in ctx.vehicles)
    speeds = tuple(sorted(ctx.speed_change_mph.items()))
    return (point, pkg, caps, ops, speeds)


def _cost_key(ctx: Context, pkg: int, point: int) -> tuple[Any, ...]:
    """The safety key plus the state's rows of the state tables the cost model reads."""
    state = ctx.scenario.state
    rows_: list[tuple[str, str]] = []
    for name in COST_STATE_TABLES:
        if name in ctx.catalog.tables:
            row = ctx.catalog.table(name).get(state)
            # no row for the state: never share (the state code itself joins the key)
            rows_.append((name, repr(sorted(row.items())) if row is not None else state))
    return (*_safety_key(ctx, pkg, point), tuple(rows_))


def run_sweep(
    scenario: Scenario,
    catalog: Catalog | None = None,
    states: Iterable[str] | None = None,
    grid: Mapping[str, Sequence[Any]] | None = None,
    with_packages: bool = True,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    workers: int | None = None,
) -> Sweep:
    """Evaluate the scenario and its packages in each state (and at each grid point).

    `progress(done, total)` is called after each evaluation, in order; when `cancelled()` turns
    true the sweep stops and returns what it has, marked cancelled. `workers` > 1 threads
    evaluate states side by side; the default is one, in the caller's thread: since the cost
    runs keep only totals, the Python between numpy calls dominates and two threads on two
    cores measured slower (benchmarks/bench_nation.py). The answer does not depend on them:
    every draw is keyed by the seed and the input's name.
    """
    cat = catalog if catalog is not None else load_catalog()
    st = tuple(states) if states is not None else STATE_CODES
    for s in st:
        if s not in STATE_CODES:
            raise ValidationError("state", s, "a US state code such as TX or DC")
    pk = package_levers(scenario) if with_packages else package_levers(scenario)[:1]
    points = grid_points(grid)
    bases = [_at_point(scenario, point, cat) for point in points]
    jobs = [(pi, ki, s) for pi in range(len(points)) for ki in range(len(pk)) for s in st]
    memo: dict[tuple[Any, ...], dict[str, SafetyResult]] = {}
    cost_memo: dict[tuple[Any, ...], dict[str, CostResult]] = {}
    lock = threading.Lock()

    def one(job: tuple[int, int, str]) -> Cell:
        pi, ki, s = job
        name, levers = pk[ki]
        sc = bases[pi].with_(state=s, levers=levers, packages=())
        ctx = policy.apply(sc, cat)
        ckey = _cost_key(ctx, ki, pi)
        with lock:
            cost = cost_memo.get(ckey)
        if cost is None:
            cost = evaluate_cost(ctx, totals_only=True)
            with lock:
                cost = cost_memo.setdefault(ckey, cost)
        key = _safety_key(ctx, ki, pi)
        with lock:
            safety = memo.get(key)
        if safety is None:
            safety = evaluate_safety(ctx)
            with lock:
                safety = memo.setdefault(key, safety)
        feas = evaluate_feasibility(ctx, cost, safety)
        return Cell(
            point=dict(points[pi]),
            state=s,
            package=name,
            scenario=sc,
            vehicles=ctx.vehicles,
            cost=cost,
            safety=safety,
            context=ctx,
            feasibility=feas,
        )

    n_workers = max(1, workers if workers is not None else 1)
    cells: list[Cell] = []
    stopped = False
    if n_workers == 1:  # in the caller's thread: no pool (the GUI's own sweep thread)
        for job in jobs:
            if cancelled is not None and cancelled():
                stopped = True
                break
            cells.append(one(job))
            if progress is not None:
                progress(len(cells), len(jobs))
    else:
        stopped = _in_pool(one, jobs, cells, n_workers, progress, cancelled)
    return Sweep(
        tuple(cells),
        tuple(n for n, _ in pk),
        st,
        stopped,
        cost_runs=len(cost_memo),
        safety_runs=len(memo),
    )


def _in_pool(
    one: Callable[[tuple[int, int, str]], Cell],
    jobs: list[tuple[int, int, str]],
    cells: list[Cell],
    n_workers: int,
    progress: Callable[[int, int], None] | None,
    cancelled: Cancelled | None,
) -> bool:
    """Evaluate the jobs on `n_workers` threads, appending cells in order; True if cancelled."""
    stopped = False
    with ThreadPoolExecutor(max_workers=n_workers, thread_name_prefix="sweep") as pool:
        window = 2 * n_workers  # submitted ahead of the one being read: Cancel stops soon
        futures: list[Future[Cell]] = []
        for i in range(len(jobs)):
            while len(futures) < min(len(jobs), i + window):
                futures.append(pool.submit(one, jobs[len(futures)]))
            if cancelled is not None and cancelled():
                stopped = True
                break
            cells.append(futures[i].result())
            if progress is not None:
                progress(len(cells), len(jobs))
        if stopped:
            for f in futures:
                f.cancel()
    return stopped


# -- the tidy table ------------------------------------------------------------------------------
def _median(x: np.ndarray[Any, Any]) -> float:
    return Dist.from_draws(x).p50 if x.size else 0.0


def rows(sweep: Sweep) -> list[dict[str, Any]]:
    """One row per (grid point, state, package, vehicle); gaps are against the first vehicle."""
    out: list[dict[str, Any]] = []
    for c in sweep.cells:
        first = c.micro
        c0, s0 = c.cost[first], c.safety[first]
        for v in c.vehicles:
            cr, sr = c.cost[v.id], c.safety[v.id]
            gap = cr.total_draws - c0.total_draws
            out.append(
                {
                    **c.point,
                    "state": c.state,
                    "package": c.package,
                    "vehicle": v.id,
                    "vehicle_name": v.name,
                    "vclass": v.vclass,
                    "may_be_sold": c.may_be_sold(v.id),
                    "feasibility": c.feasibility[v.id].verdict if v.id in c.feasibility else "",
                    "legal_share": 1.0 - sr.miles_not_legally_drivable_share,
                    "drivable_share": 1.0 - sr.miles_not_drivable_share,
                    "total_cost_p10": cr.total_usd.p10,
                    "total_cost_p50": cr.total_usd.p50,
                    "total_cost_p90": cr.total_usd.p90,
                    "cost_minus_first_p50": _median(gap),
                    "share_first_cheaper": float(np.mean(c0.total_draws < cr.total_draws))
                    if v.id != first
                    else 0.0,
                    "occupant_deaths_per_10k_p10": sr.occupant_deaths_per_10k_owners.p10,
                    "occupant_deaths_per_10k_p50": sr.occupant_deaths_per_10k_owners.p50,
                    "occupant_deaths_per_10k_p90": sr.occupant_deaths_per_10k_owners.p90,
                    "others_deaths_per_10k_p10": sr.others_deaths_per_10k_owners.p10,
                    "others_deaths_per_10k_p50": sr.others_deaths_per_10k_owners.p50,
                    "others_deaths_per_10k_p90": sr.others_deaths_per_10k_owners.p90,
                    "societal_deaths_minus_first_p50": _median(
                        (sr.occupant_draws + sr.others_draws)
                        - (s0.occupant_draws + s0.others_draws)
                    ),
                }
            )
    return out


MAP_METRICS: dict[str, str] = {
    "legal_share": "Legal share of the owner's miles (microcar)",
    "cost_gap": "Cost of the microcar minus the rival's (median, USD)",
    "risk_change": "Deaths per 10,000 buyers, microcar (the fallback mode serving the miles it "
    "may not or cannot drive) minus rival (occupants + others, median)",
}


def map_values(sweep: Sweep, package: str, metric: str) -> dict[str, float]:
    """State -> the metric for the microcar (first vehicle) against the rival (second)."""
    if metric not in MAP_METRICS:
        raise ValidationError("metric", metric, "one of " + ", ".join(MAP_METRICS))
    out: dict[str, float] = {}
    for c in sweep.cells:
        if c.package != package or c.point != (sweep.cells[0].point if sweep.cells else {}):
            continue
        m, r = c.micro, c.rival
        if metric == "legal_share":
            out[c.state] = 1.0 - c.safety[m].miles_not_legally_drivable_share
        elif metric == "cost_gap":
            out[c.state] = _median(c.cost[m].total_draws - c.cost[r].total_draws)
        else:
            out[c.state] = _median(per_buyer_change(c.safety[m], c.safety[r]) * PER_10K)
    return out


def per_buyer_change(micro: SafetyResult, rival: SafetyResult) -> np.ndarray[Any, Any]:
    """Deaths per buyer over the years kept (occupants and others), the microcar minus the rival.
    Every mile is counted once: each result already covers all of the owner's travel, the miles
    a vehicle may or can not take going to the scenario's fallback mode (docs/mobility.md)."""
    m = micro.occupant_draws + micro.others_draws
    r = rival.occupant_draws + rival.others_draws
    return np.asarray((m - r) / PER_10K)


def to_frame(table: Sequence[Mapping[str, Any]]) -> Any:
    """The rows as a pandas DataFrame (pandas is imported here, never at start-up)."""
    import pandas as pd

    return pd.DataFrame(list(table))


def parse_over(text: str) -> tuple[str, ...]:
    parts = tuple(p.strip() for p in text.split(",") if p.strip())
    for p in parts:
        if p not in OVER_CHOICES:
            raise ValidationError("--over", p, "state and/or package")
    return parts
