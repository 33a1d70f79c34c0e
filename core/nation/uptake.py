"""Who would buy: a transparent choice model of microcar uptake in a state under a package.

Equation by equation (docs/nation-model.md §2); every input is a Monte Carlo draw, paired with
the cost and safety draws of the same evaluation, so the answer is a P10-P90 range:

1. cost gap      dC = C_rival - C_micro                (USD over the years kept; > 0: cheaper)
2. harm gap      dH = VSL * (D_micro - D_rival) / 10,000 (USD; D = occupant deaths per 10k owners)
3. value         x  = v * dC - w * dH                  (v: share of savings counted, w: safety weight)
4. slope         b  = e / (P * (1 - p0 / S))           (e: segment price elasticity at price P)
5. anchor        a  = ln(p0 / (S - p0))                (x = 0 gives today's small-car share p0)
6. legal factor  F  = L ** g                           (L: legal share of the owner's miles)
7. uptake        u  = S * F / (1 + exp(-(a + b x)))    (S: the Japan kei share, the ceiling)

for two buyer groups: new-vehicle buyers (p0, g of a main vehicle) and second-vehicle buyers
(their own p0 and a weaker g). u lies in [0, S] and rises with the cost gap (b > 0, v > 0).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from core.cost.ownership import CostResult
from core.errors import ValidationError
from core.nation.data import NationData
from core.safety.outcome import P_VSL, SafetyResult
from core.uncertain import Dist, FloatArray, MonteCarloSampler, Sampler

PER_10K = 10_000.0
GROUPS = ("new", "second")
CEILING = "nation_kei_share_japan"
ELASTICITY = "nation_segment_price_elasticity"
PRICE = "nation_small_car_price_usd"
VALUATION = "nation_cost_valuation"
SAFETY_WEIGHT = "nation_safety_weight"
BASE_SHARE = {"new": "nation_small_car_base_share", "second": "nation_second_base_share"}
LEGAL_EXPONENT = {"new": "nation_legal_exponent_new", "second": "nation_legal_exponent_second"}
BUYERS = {"new": "nation_new_vehicle_sales", "second": "nation_second_vehicle_buyers"}


@dataclass(frozen=True)
class ChoiceInputs:
    """The draws of the choice model's own parameters (shared by every state: paired)."""

    ceiling: FloatArray
    elasticity: FloatArray
    price: FloatArray
    valuation: FloatArray
    safety_weight: FloatArray
    vsl: FloatArray
    base_share: Mapping[str, FloatArray]
    legal_exponent: Mapping[str, FloatArray]
    buyers: Mapping[str, FloatArray]  # national buyers per year, per group
    grid_g: FloatArray  # g CO2 per kWh (outcomes)


def choice_inputs(data: NationData, sampler: Sampler) -> ChoiceInputs:
    def d(pid: str) -> FloatArray:
        return sampler.draw(pid, data.u(pid))

    return ChoiceInputs(
        ceiling=d(CEILING),
        elasticity=d(ELASTICITY),
        price=d(PRICE),
        valuation=d(VALUATION),
        safety_weight=d(SAFETY_WEIGHT),
        vsl=d(P_VSL),
        base_share={g: d(BASE_SHARE[g]) for g in GROUPS},
        legal_exponent={g: d(LEGAL_EXPONENT[g]) for g in GROUPS},
        buyers={g: d(BUYERS[g]) for g in GROUPS},
        grid_g=d("nation_grid_co2_g_per_kwh"),
    )


def sampler_for(draws: int, seed: int) -> MonteCarloSampler:
    return MonteCarloSampler(n=draws, seed=seed)


def uptake_share(
    cost_gap_usd: FloatArray | float,
    harm_gap_usd: FloatArray | float,
    legal_share: FloatArray | float,
    *,
    ceiling: FloatArray | float,
    base_share: FloatArray | float,
    elasticity: FloatArray | float,
    price_usd: FloatArray | float,
    valuation: FloatArray | float,
    safety_weight: FloatArray | float,
    legal_exponent: FloatArray | float,
) -> FloatArray:
    """Equations 3-7, elementwise: the share of a group's buyers who choose the microcar."""
    s = np.asarray(ceiling, dtype=float)
    p0 = np.asarray(base_share, dtype=float)
    if np.any(s <= 0) or np.any(s > 1) or np.any(p0 <= 0) or np.any(p0 >= s):
        raise ValidationError("base_share", base_share, "above 0 and below the ceiling (<= 1)")
    legal = np.clip(np.asarray(legal_share, dtype=float), 0.0, 1.0)
    x = np.asarray(valuation, dtype=float) * np.asarray(cost_gap_usd, dtype=float) - np.asarray(
        safety_weight, dtype=float
    ) * np.asarray(harm_gap_usd, dtype=float)
    b = np.asarray(elasticity, dtype=float) / (np.asarray(price_usd, dtype=float) * (1 - p0 / s))
    a = np.log(p0 / (s - p0))
    z = np.clip(a + b * x, -700.0, 700.0)
    return np.asarray(s * legal ** np.asarray(legal_exponent, dtype=float) / (1 + np.exp(-z)))


@dataclass(frozen=True)
class Uptake:
    """Uptake in one state under one package, per buyer group, as draws and ranges."""

    state: str
    package: str
    micro: str
    rival: str
    legal_share: float
    share: Mapping[str, FloatArray]  # group -> (draws,) share of the group's buyers
    buyers: Mapping[str, FloatArray]  # group -> (draws,) microcar buyers per year in the state
    cost_gap: FloatArray  # (draws,) rival minus micro, USD per owner over the years kept
    harm_gap: FloatArray  # (draws,) USD per owner
    # group -> (draws,) all of the group's buyers a year in the state: the share's denominator
    pool: Mapping[str, FloatArray]

    def share_dist(self, group: str) -> Dist:
        return Dist.from_draws(self.share[group])

    @property
    def total_buyers(self) -> FloatArray:
        return np.asarray(sum(self.buyers[g] for g in GROUPS))


def state_uptake(
    state: str,
    package: str,
    micro: str,
    rival: str,
    cost: Mapping[str, CostResult],
    safety: Mapping[str, SafetyResult],
    inputs: ChoiceInputs,
    population_share: float,
    sold: bool = True,
) -> Uptake:
    """Equations 1-7 for one state: the cost and harm gaps from the evaluation's paired draws."""
    gap = cost[rival].total_draws - cost[micro].total_draws
    harm = inputs.vsl * (safety[micro].occupant_draws - safety[rival].occupant_draws) / PER_10K
    # 0 when a legal check fails: a vehicle that may not be imported or titled has no buyers
    legal = (1.0 - safety[micro].miles_not_legally_drivable_share) if sold else 0.0
    shares: dict[str, FloatArray] = {}
    buyers: dict[str, FloatArray] = {}
    pool = {g: inputs.buyers[g] * population_share for g in GROUPS}
    for g in GROUPS:
        shares[g] = uptake_share(
            gap,
            harm,
            legal,
            ceiling=inputs.ceiling,
            base_share=inputs.base_share[g],
            elasticity=inputs.elasticity,
            price_usd=inputs.price,
            valuation=inputs.valuation,
            safety_weight=inputs.safety_weight,
            legal_exponent=inputs.legal_exponent[g],
        )
        buyers[g] = shares[g] * inputs.buyers[g] * population_share  # = shares[g] * pool[g]
    return Uptake(state, package, micro, rival, legal, shares, buyers, gap, harm, pool)
