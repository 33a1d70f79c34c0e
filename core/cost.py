"""Cost of ownership. PLACEHOLDER: the full model lands with issue #3 (same interface)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from core.context import Context
from core.uncertain import CentralSampler, Dist, FloatArray, MonteCarloSampler, TornadoBar

CATEGORIES = (
    "depreciation",
    "financing",
    "taxes_fees",
    "energy",
    "insurance",
    "maintenance",
    "repairs",
    "landed_import",
    "incentives",
)


@dataclass(frozen=True)
class CostResult:
    horizon_years: int
    annual_miles: float
    total_usd: Dist
    per_mile_usd: Dist
    per_month_usd: Dist
    by_category_usd: Mapping[str, float]  # central values; they sum to total_usd.central
    total_draws: FloatArray = field(repr=False)
    cumulative_usd: FloatArray = field(repr=False)  # central, years 0..horizon
    tornado: tuple[TornadoBar, ...] = ()


def _price_usd(ctx: Context, vid: str, sampler: CentralSampler | MonteCarloSampler) -> FloatArray:
    v = ctx.catalog.vehicle(vid)
    if v.price_currency == "USD":
        return np.full(sampler.n, v.price)
    fx = sampler.draw(
        f"fx_{v.price_currency.lower()}_per_usd",
        ctx.catalog.u(f"fx_{v.price_currency.lower()}_per_usd"),
    )
    return v.price / fx


def evaluate_cost(ctx: Context) -> dict[str, CostResult]:
    sc = ctx.scenario
    out: dict[str, CostResult] = {}
    mc = MonteCarloSampler(n=sc.draws, seed=sc.seed)
    for v in ctx.vehicles:
        central = float(_price_usd(ctx, v.id, CentralSampler())[0])
        draws = _price_usd(ctx, v.id, mc)
        total = Dist.of(central, draws)
        miles = sc.annual_miles * sc.years
        cats = dict.fromkeys(CATEGORIES, 0.0)
        cats["depreciation"] = central
        out[v.id] = CostResult(
            horizon_years=sc.years,
            annual_miles=sc.annual_miles,
            total_usd=total,
            per_mile_usd=total.scaled(1.0 / miles) if miles else total.scaled(0.0),
            per_month_usd=total.scaled(1.0 / (12 * sc.years)),
            by_category_usd=cats,
            total_draws=draws,
            cumulative_usd=np.linspace(0.0, central, sc.years + 1),
        )
    return out


def break_even_year(a: CostResult, b: CostResult) -> float | None:
    """First year at which a's cumulative central cost stops being below b's (None: never)."""
    diff = a.cumulative_usd - b.cumulative_usd
    for t in range(1, len(diff)):
        if np.sign(diff[t]) != np.sign(diff[t - 1]) and diff[t - 1] != 0:
            return float(t)
    return None
