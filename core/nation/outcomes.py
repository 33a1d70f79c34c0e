"""What a package does to the system at the modelled uptake (docs/nation-model.md §3).

For one year's buyers in a state (B = microcar buyers, draws), over the years they keep it:

* money saved       M  = B * dC                                   (USD; dC = C_rival - C_micro)
* occupant deaths   dO = B * (O_micro - O_rival) / 10,000
* others' deaths    dX = B * (X_micro - X_rival) / 10,000
  (O, X: deaths per 10,000 owners over the years kept, covering all of the owner's travel: the
  safety model already adds the miles a vehicle cannot take, travelled by the scenario's
  fallback mode (docs/mobility.md), so no mile disappears and none is counted twice. A
  displaced heavy rival lowers X: fewer heavy vehicles.)
* fuel              dG = B * years * miles * (d * g_micro + (1 - d) * g_rival - g_rival)  gallons
  (d: the share of the owner's miles the microcar itself drives: legal roads, within its top
  speed, on days within its range (the mobility split's own share, docs/mobility.md); the
  fallback miles' fuel is approximated by the rival's per-mile use)
* electricity       dE = the same with kWh per mile
* CO2               dCO2 = dG * 8,887 g + dE * grid g/kWh
* fiscal cost       I  = B * incentive paid per microcar under the package (central)

National figures are the sums of the state draws, draw by draw (the draws are paired across
states), so they add up exactly; P10-P90 are taken after summing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from core.cost.ownership import energy_use_per_mile
from core.nation.data import NationData
from core.nation.sweep import Cell
from core.nation.uptake import GROUPS, PER_10K, ChoiceInputs, Uptake, state_uptake
from core.uncertain import Dist, FloatArray, percentile_rows

CO2_GASOLINE = "nation_co2_g_per_gal_gasoline"
CO2_GRID = "nation_grid_co2_g_per_kwh"
G_PER_TONNE = 1_000_000.0
OUTCOMES = (
    "buyers",
    "money_saved_usd",
    "occupant_deaths",
    "others_deaths",
    "total_deaths",
    "gallons",
    "kwh",
    "co2_tonnes",
    "fiscal_cost_usd",
)


@dataclass(frozen=True)
class Outcome:
    """One state (or the nation) under one package: each outcome as draws."""

    state: str  # "US" for the nation
    package: str
    draws: Mapping[str, FloatArray]  # OUTCOMES -> (n,)

    def dist(self, name: str) -> Dist:
        return Dist.from_draws(self.draws[name])

    def dists(self) -> dict[str, Dist]:
        """Every outcome's P10 / P50 / P90 (central = P50, as `dist`), from one sort of the
        stacked draws."""
        q = percentile_rows(np.stack([np.ravel(self.draws[k]) for k in OUTCOMES]))
        return {k: Dist(float(p50), float(p10), float(p50), float(p90))
                for k, (p10, p50, p90) in zip(OUTCOMES, q, strict=True)}  # fmt: skip


def _energy(v_energy: tuple[str, float]) -> tuple[float, float]:
    kind, use = v_energy
    return (use, 0.0) if kind == "fuel" else (0.0, use)


def state_outcome(cell: Cell, up: Uptake, data: NationData, grid_g: FloatArray) -> Outcome:
    sc = cell.scenario
    m, r = cell.micro, cell.rival
    sm, sr = cell.safety[m], cell.safety[r]
    vm = next(v for v in cell.vehicles if v.id == m)
    vr = next(v for v in cell.vehicles if v.id == r)
    d = 1.0 - sm.fallback_share  # the share it drives: legal, within its speed and its range
    b = up.total_buyers
    # per owner, all travel served (fallback miles included by the safety model)
    occ = b * (sm.occupant_draws - sr.occupant_draws) / PER_10K
    oth = b * (sm.others_draws - sr.others_draws) / PER_10K
    gal_m, kwh_m = _energy(energy_use_per_mile(vm))
    gal_r, kwh_r = _energy(energy_use_per_mile(vr))
    miles = sc.annual_miles * sc.years
    gal = b * miles * (d * gal_m + (1 - d) * gal_r - gal_r)
    kwh = b * miles * (d * kwh_m + (1 - d) * kwh_r - kwh_r)
    co2 = (gal * data.central(CO2_GASOLINE) + kwh * grid_g) / G_PER_TONNE
    incentive = cell.cost[m].incentives_usd
    draws = {
        "buyers": b,
        "money_saved_usd": b * up.cost_gap,
        "occupant_deaths": occ,
        "others_deaths": oth,
        "total_deaths": occ + oth,
        "gallons": gal,
        "kwh": kwh,
        "co2_tonnes": co2,
        "fiscal_cost_usd": b * incentive,
    }
    return Outcome(cell.state, cell.package, draws)


def national(outcomes: Iterable[Outcome], package: str) -> Outcome:
    """The nation: the states' draws summed draw by draw."""
    parts = [o for o in outcomes if o.package == package]
    draws = {k: np.asarray(sum(o.draws[k] for o in parts)) for k in OUTCOMES}
    return Outcome("US", package, draws)


def national_share(ups: Iterable[Uptake], package: str, group: str) -> FloatArray:
    """The nation's uptake in a buyer group, draw by draw: the swept states' microcar buyers
    over all of their buyers in the group (population-weighted; a state where the microcar may
    not be sold counts its buyers, none of whom chooses it)."""
    parts = [u for u in ups if u.package == package]
    chose = np.asarray(sum(u.buyers[group] for u in parts), dtype=float)
    pool = np.asarray(sum(u.pool[group] for u in parts), dtype=float)
    # no buyers in the group at all: none chose the microcar
    share: FloatArray = np.divide(chose, pool, out=np.zeros_like(chose), where=pool > 0)
    return share


@dataclass(frozen=True)
class NationResult:
    uptake: tuple[Uptake, ...]
    outcomes: tuple[Outcome, ...]  # per state and package
    nation: Mapping[str, Outcome]  # package -> national outcome
    # package -> buyer group -> (draws,) the nation's uptake share (`national_share`)
    share: Mapping[str, Mapping[str, FloatArray]] = field(default_factory=dict)

    def share_dist(self, package: str, group: str) -> Dist:
        return Dist.from_draws(self.share[package][group])


def evaluate_nation(cells: Iterable[Cell], data: NationData, inputs: ChoiceInputs) -> NationResult:
    """Uptake and outcomes for every state and package of a sweep (first grid point)."""
    ups: list[Uptake] = []
    outs: list[Outcome] = []
    packages: list[str] = []
    grid_key = None
    for cell in cells:
        if grid_key is None:
            grid_key = dict(cell.point)
        if dict(cell.point) != grid_key:
            continue
        up = state_uptake(
            cell.state,
            cell.package,
            cell.micro,
            cell.rival,
            cell.cost,
            cell.safety,
            inputs,
            data.share(cell.state),
            sold=cell.may_be_sold(cell.micro),
        )
        ups.append(up)
        outs.append(state_outcome(cell, up, data, inputs.grid_g))
        if cell.package not in packages:
            packages.append(cell.package)
    nation = {p: national(outs, p) for p in packages}
    share = {p: {g: national_share(ups, p, g) for g in GROUPS} for p in packages}
    return NationResult(tuple(ups), tuple(outs), nation, share)
