"""The one entry point for a calculation: evaluate(scenario, catalog) -> Result (also `core.evaluate`)."""

from __future__ import annotations

import math

import numpy as np

from core.cost.ownership import CostResult, break_even_year, evaluate_cost
from core.data.catalog import Catalog, load_catalog
from core.feasibility.scorecard import evaluate_feasibility
from core.policy import effective as policy
from core.result import Comparison, Result, VehicleResult
from core.safety.outcome import evaluate_safety
from core.scenario.model import BASELINE_NAME, Scenario
from core.uncertain import Dist


def serves_every_mile(c: CostResult) -> bool:
    """Whether a total counts every mile of the owner's travel: the vehicle's own miles and the
    fallback's add up to the scenario's annual miles."""
    return math.isclose(
        c.own_miles_per_year + c.fallback_miles_per_year, c.annual_miles, rel_tol=1e-9, abs_tol=1e-9
    )


def cost_gap(a: CostResult, b: CostResult) -> Dist:
    """b's total minus a's, per paired draw (common inputs share their draws): what a saves."""
    return Dist.of(b.total_usd.central - a.total_usd.central, b.total_draws - a.total_draws)


def evaluate(scenario: Scenario, catalog: Catalog | None = None) -> Result:
    catalog = catalog if catalog is not None else load_catalog()
    ctx = policy.apply(scenario, catalog)
    cost = evaluate_cost(ctx)
    safety = evaluate_safety(ctx)
    feas = evaluate_feasibility(ctx, cost, safety)
    vehicles = tuple(
        VehicleResult(v, cost[v.id], safety[v.id], feas[v.id], ctx.mobility[v.id])
        for v in ctx.vehicles
    )
    first = ctx.vehicles[0].id
    comparisons = tuple(
        Comparison(
            a=first,
            b=v.id,
            p_a_cheaper=float(np.mean(cost[first].total_draws < cost[v.id].total_draws)),
            break_even_year=break_even_year(cost[first], cost[v.id]),
            p_b_cheaper=float(np.mean(cost[v.id].total_draws < cost[first].total_draws)),
            every_mile_served=serves_every_mile(cost[first]) and serves_every_mile(cost[v.id]),
            a_registrable=ctx.mobility[first].registrable,
            cost_gap_usd=cost_gap(cost[first], cost[v.id]),
        )
        for v in ctx.vehicles[1:]
    )
    return Result(
        scenario=scenario, catalog=ctx.catalog, vehicles=vehicles, comparisons=comparisons
    )


def evaluate_packages(
    scenario: Scenario, catalog: Catalog | None = None
) -> list[tuple[str, Result]]:
    """The baseline (the scenario's own levers) and each policy package, side by side.

    Every package is evaluated with the same seed, so differences between columns come from the
    levers, not from different random draws.
    """
    catalog = catalog if catalog is not None else load_catalog()
    out = [(BASELINE_NAME, evaluate(scenario, catalog))]
    for pkg in scenario.packages:
        out.append((pkg.name, evaluate(scenario.with_(levers=pkg.levers, packages=()), catalog)))
    return out
