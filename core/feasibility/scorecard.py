"""Feasibility: can this buyer, in this state, legally and practically own this vehicle?

Eleven checks in a fixed order (legal -> access -> economics -> fit -> support), each pass / warn /
fail with a one-line reason, a source, an as-of date and a confidence. The verdict is the worst
check; the binding constraint is the first failing one. Rules and thresholds:
docs/feasibility-model.md; the checks themselves: core/feasibility_checks.py.
"""

from __future__ import annotations

from collections.abc import Mapping

from core.cost import landed
from core.cost.incentives import incentive_params
from core.cost.ownership import CostResult
from core.data.catalog import Catalog
from core.data.states import STATE_NAMES
from core.data.vehicles import Vehicle
from core.feasibility.checks import CHECKS, CheckInput
from core.feasibility.verdict import (
    GROUPS,
    STATUSES,
    Check,
    FeasibilityResult,
    confidence_of,
    verdict_of,
)
from core.policy.context import Context
from core.policy.effective import not_drivable_share
from core.safety.outcome import SafetyResult
from core.uncertain import CentralSampler, Dist, ReusingSampler

__all__ = [
    "GROUPS",
    "STATUSES",
    "Check",
    "FeasibilityResult",
    "cheapest_new_subcompact",
    "confidence_of",
    "evaluate_feasibility",
    "price_usd",
]


def price_usd(v: Vehicle, cat: Catalog) -> float:
    """Central price of the vehicle itself in USD, as the cost model has it (core.cost.landed):
    the US price, or the price abroad net of consumption tax / VAT (the US customs value)."""
    return landed.landed_cost_central(v, cat)["price_usd"]


REFERENCE_MIN_MODEL_YEAR = "reference_min_model_year"


def cheapest_new_subcompact(cat: Catalog) -> tuple[Vehicle, float] | None:
    """The cheapest new subcompact still sold new (model year at or after
    `reference_min_model_year`) by landed price (central inputs), and that price."""
    first_year = cat.central(REFERENCE_MIN_MODEL_YEAR)
    new = [
        v
        for v in cat.vehicles.values()
        if v.vclass == "subcompact" and v.age_years == 0 and v.model_year >= first_year
    ]
    if not new:
        return None
    priced = [(landed.landed_price_central(v, cat), v.id, v) for v in new]
    p, _, v = min(priced)
    return v, p


def _landed_usd(v: Vehicle, cost: CostResult | None, cat: Catalog) -> float:
    """The landed price net of purchase incentives a person sees: the cost model's headline
    (median of the draws); the central-input landed price when no cost result is given."""
    got = cost.landed_price_usd if cost is not None else None
    if got is not None:
        return got.headline
    net = landed.landed_price_central(v, cat)
    for pid in incentive_params(v):
        if pid in cat.params:
            net -= cat.central(pid)
    return net


def _price_and_landing(
    v: Vehicle, cost: CostResult | None, cat: Catalog
) -> tuple[float, Mapping[str, float]]:
    """The vehicle's own price in USD and its landing items, central: the cost model's (the
    buyer's own price, if given, replaces both); core.cost.landed's when no cost result is given."""
    if cost is not None:
        return cost.purchase_price_usd, cost.landed_items_usd
    central = landed.landed_cost_central(v, cat)
    return central["price_usd"], central


def _headline(state: str, verdict: str, checks: tuple[Check, ...], binding: str | None) -> str:
    name = STATE_NAMES.get(state, state)
    if binding is not None:
        c = next(c for c in checks if c.id == binding)  # built before the result exists
        return f"Not feasible in {name}: {c.label.lower()} ({c.reason})."
    warns = [c.label.lower() for c in checks if c.status == "warn"]
    if warns:
        n = len(warns)
        return f"Feasible in {name} with {n} warning{'s' if n > 1 else ''}: {', '.join(warns)}."
    return f"Feasible in {name}: every check passes."


def evaluate_feasibility(
    ctx: Context, cost: Mapping[str, CostResult], safety: Mapping[str, SafetyResult]
) -> dict[str, FeasibilityResult]:
    cat, sc = ctx.catalog, ctx.scenario
    curve = ctx.compliance_curve
    ref = cheapest_new_subcompact(cat)
    mix = sc.road_mix.as_dict()
    compliance_dist: Dist | None = None
    out: dict[str, FeasibilityResult] = {}
    for v in ctx.vehicles:
        pathway = ctx.pathways[v.id]
        cap = ctx.road_cap_mph.get(v.id)
        vcost = cost.get(v.id)
        price, landing = _price_and_landing(v, vcost, cat)
        if pathway["needs_certification"] and compliance_dist is None:
            # One curve per scenario: F, V, N, c are not vehicle-specific.
            central = float(curve.draw(CentralSampler())[0])
            draws = curve.draw(ReusingSampler(n=sc.draws, seed=sc.seed))  # kept between runs
            compliance_dist = Dist.of(central, draws)
        ci = CheckInput(
            ctx=ctx,
            vehicle=v,
            pathway=pathway,
            state=sc.state,
            operating=ctx.operating[v.id],
            cap_mph=cap,
            cost=vcost,
            price_usd=price,
            landed_usd=_landed_usd(v, vcost, cat),
            reference=ref[0] if ref else None,
            reference_price_usd=ref[1] if ref else None,
            curve=curve,
            landing=landing,
        )
        checks = tuple(check(ci) for check in CHECKS)
        verdict, binding = verdict_of(checks)
        legal_share = 0.0 if cap is not None and cap <= 0 else 1.0 - not_drivable_share(mix, cap)
        out[v.id] = FeasibilityResult(
            verdict=verdict,
            binding_constraint=binding,
            checks=checks,
            headline=_headline(sc.state, verdict, checks, binding),
            pathway=str(pathway["id"]),
            pathway_label=str(pathway["label"]),
            road_cap_mph=cap,
            legal_miles_share=max(0.0, min(1.0, legal_share)),
            landed_price_usd=ci.landed_usd,
            reference_vehicle=ref[0].id if ref else None,
            compliance_cost_per_unit_usd=compliance_dist
            if pathway["needs_certification"]
            else None,
        )
    return out
