"""The manufacturer's business case for a microcar (docs/nation-model.md §4).

Per unit, at US volume V a year for N years (the compliance curve of core.policy.compliance):

    unit cost (imported) = k * P + F_cert / (V N) + c + L
    unit cost (US-built) = k * f_us * P + (F_cert + F_plant) / (V N) + c
    margin               = P + I - unit cost

P = the vehicle's price in USD (the cost model's purchase price), k = 1 - gross margin on small
cars (variable cost share), c = compliance hardware, L = landed items per import (export fees,
freight, duty, fees: the cost model's, or the shipping figure when it has none), f_us = US build
cost factor, F = fixed costs, I = a per-unit incentive assumed to reach the maker in full.
Solved like core.inverse (closed form):

    break-even volume    V* = F / (N (P + I - k' P - c - L))   (none when the bracket is <= 0)
    break-even incentive I* = k' P + c + L + F / (V N) - P     (at volume V; 0 if negative)

and the same with the pickup's margin as the target instead of 0. Both are the compliance
curve with the variable cost in place of its hardware c: unit cost = `per_unit_cost(F, V, N,
variable)`, V* = `volume_for_target(P + I, F, N, variable)`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.data.catalog import Catalog
from core.nation.data import NationData
from core.policy.compliance import (
    FIXED_COST,
    HARDWARE,
    VOLUME,
    YEARS,
    CurveInputs,
    per_unit_cost,
    volume_for_target,
)
from core.uncertain import Dist, FloatArray, Sampler

GROSS_MARGIN = "nation_gross_margin_small_car"
PICKUP_MARGIN = "nation_pickup_margin_usd"
US_FACTOR = "nation_us_build_cost_factor"
PLANT_FIXED = "nation_us_plant_fixed_usd"
SHIPPING = "nation_shipping_usd"
ROUTES = ("imported", "us_built")


@dataclass(frozen=True)
class BusinessCase:
    route: str
    price_usd: float
    incentive_usd: float
    volume_per_year: float
    unit_cost_usd: Dist
    margin_usd: Dist
    pickup_margin_usd: Dist
    break_even_volume: float | None  # central inputs; None = no volume breaks even
    break_even_incentive_usd: float  # at the volume, central inputs
    incentive_to_match_pickup_usd: float  # at the volume, central inputs


def _fixed(route: str, f_cert: FloatArray, f_plant: FloatArray) -> FloatArray:
    return np.asarray(f_cert + (f_plant if route == "us_built" else 0.0))


def _variable(
    route: str, price: float, gm: FloatArray, us: FloatArray, c: FloatArray, landed: FloatArray
) -> FloatArray:
    k = 1.0 - gm
    if route == "us_built":
        return np.asarray(k * us * price + c)
    return np.asarray(k * price + c + landed)


def break_even_volume(fixed: float, years: float, headroom: float) -> float | None:
    """V* = F / (N * headroom): the compliance curve's volume at which the fixed cost per unit
    uses up the headroom; None when each unit loses money before fixed costs (or N <= 0)."""
    if years <= 0:
        return None
    v = volume_for_target(headroom, fixed, years, 0.0)
    return None if math.isinf(v) else v


def business_case(
    route: str,
    price_usd: float,
    landed_items_usd: float,
    curve: CurveInputs,
    data: NationData,
    sampler: Sampler,
    incentive_usd: float = 0.0,
    volume_per_year: float | None = None,
) -> BusinessCase:
    if route not in ROUTES:
        raise ValueError(route)
    cat: Catalog = data.catalog

    def d(pid: str) -> FloatArray:
        return sampler.draw(pid, cat.u(pid))

    f_cert = sampler.draw(FIXED_COST, curve.fixed_usd)
    years = sampler.draw(YEARS, curve.years)
    hw = sampler.draw(HARDWARE, curve.hardware_usd)
    vol = (
        np.full_like(f_cert, volume_per_year)
        if volume_per_year is not None
        else sampler.draw(VOLUME, curve.volume_per_year)
    )
    landed = np.full_like(f_cert, landed_items_usd) if landed_items_usd > 0 else d(SHIPPING)
    gm, us, plant, pick = d(GROSS_MARGIN), d(US_FACTOR), d(PLANT_FIXED), d(PICKUP_MARGIN)
    fixed = _fixed(route, f_cert, plant)
    var = _variable(route, price_usd, gm, us, hw, landed)
    unit = per_unit_cost(fixed, vol, years, var)  # the curve, with the variable cost as c
    margin = price_usd + incentive_usd - unit

    # central inputs for the solved answers
    def c(pid: str) -> float:
        return cat.central(pid)

    v_c = volume_per_year if volume_per_year is not None else curve.volume_per_year.central
    land_c = landed_items_usd if landed_items_usd > 0 else c(SHIPPING)
    fixed_c = curve.fixed_usd.central + (c(PLANT_FIXED) if route == "us_built" else 0.0)
    var_c = float(
        _variable(
            route,
            price_usd,
            np.array([c(GROSS_MARGIN)]),
            np.array([c(US_FACTOR)]),
            np.array([curve.hardware_usd.central]),
            np.array([land_c]),
        )[0]
    )
    n_c = curve.years.central
    unit_c = float(per_unit_cost(fixed_c, v_c, n_c, var_c))
    be_incentive = max(0.0, unit_c - price_usd)
    match_pickup = max(0.0, unit_c + c(PICKUP_MARGIN) - price_usd)
    be_volume = break_even_volume(fixed_c, n_c, price_usd + incentive_usd - var_c)
    return BusinessCase(
        route=route,
        price_usd=price_usd,
        incentive_usd=incentive_usd,
        volume_per_year=v_c,
        unit_cost_usd=Dist.from_draws(unit),
        margin_usd=Dist.from_draws(margin),
        pickup_margin_usd=Dist.from_draws(pick),
        break_even_volume=be_volume,
        break_even_incentive_usd=be_incentive,
        incentive_to_match_pickup_usd=match_pickup,
    )
