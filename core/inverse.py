"""The inverse questions, answered by solving rather than guessing.

* `volume_for_unit_cost`: what US annual volume brings the per-unit compliance cost under $X?
  Closed form from the curve F / (V N) + c (core.policy.compliance).
* `incentive_to_beat` / `tariff_to_beat`: what purchase incentive, or what duty rate, makes the
  microcar cheaper than a rival over N years? Bisection on the lever, each step a totals-only
  cost run (`evaluate_standing`: the figures `core.engine.evaluate` would give). "Cheaper" means
  what it means everywhere else (issue 13): cheaper in more than half of the paired Monte Carlo
  draws (`Comparison.p_a_cheaper` > 0.5), with the scenario's own draws, so the answer holds
  when plugged back into `evaluate`.

Each answer can be plugged back in: set the lever to `value` and the stated condition holds.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from core.cost.landed import duty_param_id
from core.cost.ownership import evaluate_cost
from core.data.catalog import Catalog, load_catalog
from core.errors import ValidationError
from core.policy import effective as policy
from core.policy.compliance import curve_inputs, per_unit_cost, volume_for_target
from core.scenario.levers import PolicyLevers
from core.scenario.model import Scenario

MAX_INCENTIVE_USD = 50_000.0  # the purchase_incentive_usd lever's own upper bound
MAX_DUTY_RATE = 2.0  # the tariff lever's own upper bound

TotalCost = Callable[[Scenario], dict[str, float]]


@dataclass(frozen=True)
class Standing:
    """How the microcar stands against the rival in one evaluation."""

    share_cheaper: float  # share of paired draws in which the microcar costs less
    gap_usd: float  # headline (median) total of the microcar minus the rival's; < 0: cheaper

    @property
    def cheaper(self) -> bool:
        return self.share_cheaper > 0.5


Compare = Callable[[Scenario, str, str], Standing]


@dataclass(frozen=True)
class InverseAnswer:
    question: str
    value: float | None  # the solved lever value; None = no value in range works
    achievable: bool
    explanation: str
    low: float | None = None  # the same answer with inputs at their low / high ends, if known
    high: float | None = None


def volume_for_unit_cost(
    target_usd: float, catalog: Catalog | None = None, levers: PolicyLevers | None = None
) -> InverseAnswer:
    """Annual volume at which F / (V N) + c falls to the target (fixed cost and years as set)."""
    if not math.isfinite(target_usd) or target_usd <= 0:
        raise ValidationError("target_usd", target_usd, "a positive number of dollars")
    cat = catalog if catalog is not None else load_catalog()
    c = curve_inputs(cat, levers or PolicyLevers())
    q = f"US annual volume for a per-unit compliance cost under ${target_usd:,.0f}"
    v = volume_for_target(target_usd, c.fixed_usd.central, c.years.central, c.hardware_usd.central)
    # Cheap end: low fixed cost, long program, low hardware; dear end the opposite.
    lo = volume_for_target(target_usd, c.fixed_usd.low, c.years.high, c.hardware_usd.low)
    hi = volume_for_target(target_usd, c.fixed_usd.high, c.years.low, c.hardware_usd.high)
    if math.isinf(v):
        return InverseAnswer(
            q, None, False,
            f"impossible: the hardware alone costs ${c.hardware_usd.central:,.0f} per car",
            None if math.isinf(lo) else lo, None,
        )  # fmt: skip
    return InverseAnswer(
        q, v, True,
        f"{v:,.0f} cars a year for {c.years.central:g} years spreads "
        f"${c.fixed_usd.central:,.0f} to ${target_usd - c.hardware_usd.central:,.0f} each "
        f"(+ ${c.hardware_usd.central:,.0f} hardware)",
        None if math.isinf(lo) else lo, None if math.isinf(hi) else hi,
    )  # fmt: skip


def unit_cost_at(volume: float, catalog: Catalog, levers: PolicyLevers | None = None) -> float:
    c = curve_inputs(catalog, levers or PolicyLevers())
    return float(
        per_unit_cost(c.fixed_usd.central, volume, c.years.central, c.hardware_usd.central)
    )


def evaluate_totals(catalog: Catalog | None = None) -> TotalCost:
    """Headline (median) total cost of every vehicle in a scenario, from the one entry point."""

    def totals(sc: Scenario) -> dict[str, float]:
        from core.engine import evaluate  # late: engine imports the models

        res = evaluate(sc, catalog)
        return {vr.vehicle.id: vr.cost.total_usd.headline for vr in res.vehicles}

    return totals


def evaluate_standing(catalog: Catalog | None = None) -> Compare:
    """The microcar's share of cheaper paired draws and the headline gap, as `evaluate` has them
    (`Comparison.p_a_cheaper`: the share of draws where the microcar's total is below the
    rival's, ties counting for neither), from the cost model alone: the levers applied as
    `evaluate` applies them, then a totals-only cost run (the same totals and draws as a full
    run's, without safety, feasibility, the tornado or the curves a solver never reads)."""
    cat = catalog if catalog is not None else load_catalog()

    def compare(sc: Scenario, micro: str, rival: str) -> Standing:
        cost = evaluate_cost(policy.apply(sc, cat), totals_only=True)
        a, b = cost[micro], cost[rival]
        share = float(np.mean(a.total_draws < b.total_draws))
        return Standing(share, a.total_usd.headline - b.total_usd.headline)

    return compare


def _from_totals(totals: TotalCost) -> Compare:
    """A stand-in cost model given as totals: cheaper in every draw or in none."""

    def compare(sc: Scenario, micro: str, rival: str) -> Standing:
        t = totals(sc)
        gap = t[micro] - t[rival]
        return Standing(1.0 if gap < 0 else 0.0, gap)

    return compare


def _sign(st: Standing) -> float:
    return 0.5 - st.share_cheaper  # < 0: cheaper in more than half the draws


def _bisect(f: Callable[[float], float], lo: float, hi: float, tol: float) -> float:
    """Boundary where f changes sign, f(lo) and f(hi) of opposite signs; returns the hi side."""
    f_lo = f(lo)
    for _ in range(200):
        if hi - lo <= tol:
            break
        mid = 0.5 * (lo + hi)
        f_mid = f(mid)
        if (f_mid < 0) == (f_lo < 0):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
    return hi


def _pair(scenario: Scenario, micro: str, rival: str, years: int | None) -> Scenario:
    if micro == rival:
        raise ValidationError("rival", rival, "a different vehicle from the microcar")
    return scenario.with_(vehicles=(micro, rival), years=years or scenario.years, packages=())


def incentive_to_beat(
    scenario: Scenario,
    micro: str,
    rival: str,
    years: int | None = None,
    totals: TotalCost | None = None,
    tol_usd: float = 1.0,
    compare: Compare | None = None,
    catalog: Catalog | None = None,
) -> InverseAnswer:
    """Smallest extra purchase incentive (lever) that makes `micro` cheaper than `rival` in more
    than half of the paired draws (`totals` is a stand-in for tests: cheaper by the medians)."""
    sc = _pair(scenario, micro, rival, years)
    cmp = compare or (_from_totals(totals) if totals is not None else evaluate_standing(catalog))
    q = f"purchase incentive that makes {micro} cheaper than {rival} over {sc.years} years"

    def at(x: float) -> Scenario:
        return sc.with_(levers=replace(sc.levers, purchase_incentive_usd=x))

    base = sc.levers.purchase_incentive_usd
    g0 = cmp(at(base), micro, rival)
    if g0.cheaper:
        return InverseAnswer(
            q, base, True,
            f"already cheaper with no extra incentive (in {g0.share_cheaper:.0%} of draws)",
        )  # fmt: skip
    g1 = cmp(at(MAX_INCENTIVE_USD), micro, rival)
    if not g1.cheaper:
        why = (
            "the cost model does not respond to the incentive"
            if g1.gap_usd == g0.gap_usd
            else (
                f"still dearer in {1 - g1.share_cheaper:.0%} of draws "
                f"at ${MAX_INCENTIVE_USD:,.0f} (median gap ${g1.gap_usd:,.0f})"
            )
        )
        return InverseAnswer(q, None, False, f"no incentive up to the lever's maximum works: {why}")
    x = _bisect(lambda x: _sign(cmp(at(x), micro, rival)), base, MAX_INCENTIVE_USD, tol_usd)
    return InverseAnswer(
        q, x, True,
        f"an extra ${x:,.0f} incentive makes it cheaper in more than half the draws over "
        f"{sc.years} years (today cheaper in {g0.share_cheaper:.0%}; median gap ${g0.gap_usd:,.0f})",
    )  # fmt: skip


def tariff_to_beat(
    scenario: Scenario,
    micro: str,
    rival: str,
    years: int | None = None,
    catalog: Catalog | None = None,
    totals: TotalCost | None = None,
    tol_rate: float = 1e-4,
    compare: Compare | None = None,
) -> InverseAnswer:
    """Highest duty rate on the microcar's customs class at which it is still cheaper in more
    than half of the paired draws."""
    sc = _pair(scenario, micro, rival, years)
    cat = catalog if catalog is not None else load_catalog()
    cmp = compare or (_from_totals(totals) if totals is not None else evaluate_standing(cat))
    v = cat.vehicle(micro)
    pid = duty_param_id(v)
    q = f"duty rate ({pid}) at which {micro} stays cheaper than {rival} over {sc.years} years"
    if pid not in cat.params:
        return InverseAnswer(q, None, False, f"no duty parameter {pid} in the catalogue")

    def at(r: float) -> Scenario:
        t = dict(sc.levers.tariff_overrides)
        t[pid] = r
        return sc.with_(levers=replace(sc.levers, tariff_overrides=t))

    g0 = cmp(at(0.0), micro, rival)
    if not g0.cheaper:
        return InverseAnswer(
            q, None, False,
            f"dearer in {1 - g0.share_cheaper:.0%} of draws even with no duty "
            f"(median gap ${g0.gap_usd:,.0f})",
        )  # fmt: skip
    g1 = cmp(at(MAX_DUTY_RATE), micro, rival)
    if g1.cheaper:
        return InverseAnswer(q, MAX_DUTY_RATE, True, "cheaper even at a 200% duty")
    r = _bisect(lambda r: _sign(cmp(at(r), micro, rival)), 0.0, MAX_DUTY_RATE, tol_rate)
    r_ok = max(0.0, r - tol_rate)  # the cheaper side of the boundary
    return InverseAnswer(
        q, r_ok, True,
        f"cheaper in more than half the draws at any duty up to {r_ok:.2%} "
        f"(today {cat.central(pid):.2%})",
    )  # fmt: skip
