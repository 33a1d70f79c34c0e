"""The inverse questions on deaths (docs/nation-model.md §3.2).

Total deaths change with uptake only in scale: dDeaths = B * d, where d is the change per buyer
(the microcar's occupant and others' deaths over all of the owner's travel, its fallback mode
serving the miles it may not or cannot drive, minus the rival's, counted the same way). So no uptake turns an increase into a decrease; what can are:

* which vehicles the buyers leave: with a share f of buyers leaving rival B (say a pickup) and
  1 - f leaving rival A (a subcompact), d(f) = (1 - f) d_A + f d_B, zero at f* = d_A / (d_A - d_B);
* slower streets: the urban speed lever s (mph off local, collector and arterial roads), solved
  by bisection on the safety model (all the answer reads), smallest s in the lever's range with
  median d(s) <= 0.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from core.data.catalog import Catalog, load_catalog
from core.nation.sweep import per_buyer_change
from core.policy import effective as policy
from core.safety.outcome import SafetyResult, evaluate_safety
from core.scenario import fields
from core.scenario.model import Scenario

SPEED_LEVER = "urban_speed_reduction_mph"


def _bound(name: str) -> tuple[float, float]:
    b = fields.LEVERS[name]
    return float(b.lo), float(b.hi)


@dataclass(frozen=True)
class DeathsAnswer:
    question: str
    value: float | None  # the solved share or mph; None: nothing in range works
    achievable: bool
    explanation: str


def _safety(scenario: Scenario, catalog: Catalog) -> dict[str, SafetyResult]:
    """The safety model alone (the answers read nothing else): the same results as a full
    `core.engine.evaluate`, without the cost and feasibility runs."""
    return evaluate_safety(policy.apply(scenario.with_(packages=()), catalog))


def _change(safety: dict[str, SafetyResult], micro: str, rival: str) -> float:
    return float(np.median(per_buyer_change(safety[micro], safety[rival])))


def displaced_share_for_fewer_deaths(
    scenario: Scenario, catalog: Catalog | None = None
) -> DeathsAnswer:
    """Share of buyers who must come from the third vehicle (rather than the second) so that the
    package lowers deaths. Needs three vehicles: microcar, rival A, rival B."""
    if len(scenario.vehicles) < 3:
        return DeathsAnswer("displaced mix", None, False, "needs a microcar and two rivals")
    m, a, b = scenario.vehicles[:3]
    res = _safety(scenario, catalog if catalog is not None else load_catalog())
    d_a, d_b = _change(res, m, a), _change(res, m, b)
    q = f"share of {m} buyers who must come from {b} rather than {a} for fewer deaths"
    if d_a <= 0:
        return DeathsAnswer(q, 0.0, True, f"already fewer deaths against {a} ({d_a:+.2e}/buyer)")
    if d_b >= d_a or d_b >= 0:
        return DeathsAnswer(q, None, False, f"more deaths against either rival ({d_b:+.2e} vs {b})")
    f = d_a / (d_a - d_b)
    return DeathsAnswer(
        q,
        f,
        True,
        f"{f:.0%} of buyers leaving {b} (per buyer {d_a:+.2e} vs {a}, {d_b:+.2e} vs {b})",
    )


def speed_cut_for_fewer_deaths(
    scenario: Scenario, catalog: Catalog | None = None, tol_mph: float = 0.25
) -> DeathsAnswer:
    """Smallest urban speed reduction at which the microcar is no deadlier per buyer than the
    rival it displaces (both on the same, slower streets), in the scenario's state."""
    if len(scenario.vehicles) < 2:
        return DeathsAnswer("speed cut", None, False, "needs a microcar and a rival")
    m, r = scenario.vehicles[:2]
    lo, hi = _bound(SPEED_LEVER)
    lo = max(lo, scenario.levers.urban_speed_reduction_mph)
    q = f"urban speed cut at which {m} is no deadlier per buyer than {r} in {scenario.state}"
    cat = catalog if catalog is not None else load_catalog()

    def at(s: float) -> float:
        lv = replace(scenario.levers, urban_speed_reduction_mph=s)
        return _change(_safety(scenario.with_(levers=lv), cat), m, r)

    f_lo = at(lo)
    if f_lo <= 0:
        return DeathsAnswer(q, lo, True, f"already no deadlier at {lo:g} mph off ({f_lo:+.2e})")
    f_hi = at(hi)
    if f_hi > 0:
        return DeathsAnswer(
            q, None, False, f"still deadlier with {hi:g} mph off ({f_hi:+.2e} deaths per buyer)"
        )
    while hi - lo > tol_mph:
        mid = 0.5 * (lo + hi)
        if at(mid) > 0:
            lo = mid
        else:
            hi = mid
    return DeathsAnswer(
        q, hi, True, f"{hi:.1f} mph off urban roads makes the change per buyer <= 0"
    )
