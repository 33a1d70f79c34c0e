"""The nation result as tables: uptake and outcomes per state and package, the nation as "US".

`nation_result` runs the uptake and outcome models on a sweep with the scenario's seed (the
choice model's draws are paired with the sweep's); `outcome_rows` flattens it for CSV and the
GUI table (the nation's row with its population-weighted uptake); `package_brief` gathers what
the 2-page package brief prints.

Every figure is read from the catalogue the sweep's models read (`Cell.context.catalog`: the
scenario's own overrides applied), never from the base catalogue: an override of the Japan kei
share, the VSL or the certification cost moves uptake and the maker's case as it moves cost and
safety.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.data.catalog import Catalog
from core.errors import ValidationError
from core.nation.business import BusinessCase, business_case
from core.nation.data import nation_data
from core.nation.deaths import (
    DeathsAnswer,
    displaced_share_for_fewer_deaths,
    speed_cut_for_fewer_deaths,
)
from core.nation.outcomes import NationResult, evaluate_nation
from core.nation.sweep import Sweep, package_levers
from core.nation.uptake import GROUPS, choice_inputs, sampler_for
from core.scenario.model import Scenario

US = "US"
NOT_MAKER_COSTS = ("compliance", "dealer_margin")


def nation_result(sweep: Sweep, catalog: Catalog | None = None) -> NationResult:
    """Uptake and outcomes of the sweep. `catalog` is not read (kept for callers): the choice
    model's parameters come from the catalogue the sweep evaluated with (its overrides applied;
    the levers change none of the nation parameters or the VSL, so the first cell's serves)."""
    if not sweep.cells:
        return NationResult((), (), {})
    first = sweep.cells[0]
    sc = first.scenario
    data = nation_data(first.context.catalog)
    inputs = choice_inputs(data, sampler_for(sc.draws, sc.seed))
    return evaluate_nation(sweep.cells, data, inputs)


def outcome_rows(
    sweep: Sweep, catalog: Catalog | None = None, result: NationResult | None = None
) -> list[dict[str, Any]]:
    res = result if result is not None else nation_result(sweep, catalog)
    out: list[dict[str, Any]] = []
    ups = {(u.state, u.package): u for u in res.uptake}
    for o in (*res.outcomes, *res.nation.values()):
        row: dict[str, Any] = {"state": o.state, "package": o.package}
        up = ups.get((o.state, o.package))
        if up is not None:
            row["micro"] = up.micro
            row["rival"] = up.rival
            row["legal_share"] = up.legal_share
        for g in GROUPS:
            if up is not None:
                dist = up.share_dist(g)
            elif o.state == US and o.package in res.share:
                dist = res.share_dist(o.package, g)
            else:
                continue
            row[f"uptake_{g}_p10"] = dist.p10
            row[f"uptake_{g}_p50"] = dist.p50
            row[f"uptake_{g}_p90"] = dist.p90
        for k, dist in o.dists().items():
            row[f"{k}_p10"] = dist.p10
            row[f"{k}_p50"] = dist.p50
            row[f"{k}_p90"] = dist.p90
        out.append(row)
    return out


@dataclass(frozen=True)
class PackageBrief:
    """What the 2-page package brief prints, built once for the tab and the command."""

    package: str
    scenario: Scenario  # the swept scenario under the package's levers, no packages
    result: NationResult
    business: tuple[BusinessCase, ...]
    answers: tuple[DeathsAnswer, ...]  # the deaths inverse questions, in the scenario's state


def package_brief(
    sweep: Sweep,
    catalog: Catalog,
    scenario: Scenario,
    package: str,
    result: NationResult | None = None,
) -> PackageBrief:
    """The brief's parts for one package of a sweep of `scenario` (the one swept: its packages
    name the sweep's). `result`: the sweep's nation result when already computed."""
    levers = dict(package_levers(scenario))
    if package not in levers or package not in sweep.packages:
        raise ValidationError("package", package, "one of " + ", ".join(sweep.packages))
    at = scenario.with_(levers=levers[package], packages=())
    return PackageBrief(
        package=package,
        scenario=at,
        result=result if result is not None else nation_result(sweep, catalog),
        business=business_cases(sweep, catalog, package),
        answers=(
            displaced_share_for_fewer_deaths(at, catalog),
            speed_cut_for_fewer_deaths(at, catalog),
        ),
    )


def business_cases(sweep: Sweep, catalog: Catalog | None, package: str) -> tuple[BusinessCase, ...]:
    """The maker's case for the microcar under a package, imported and US-built. `catalog` is
    not read: the cell's own catalogue and compliance curve are (overrides and levers applied)."""
    cell = next((c for c in sweep.cells if c.package == package), None)
    if cell is None:
        return ()
    cost = cell.cost[cell.micro]
    data = nation_data(cell.context.catalog)
    curve = cell.context.compliance_curve
    # the maker's per-unit landing costs: not compliance (on the curve below) and not the
    # dealer's margin (the dealer's, not the maker's)
    landed = float(sum(v for k, v in cost.landed_items_usd.items() if k not in NOT_MAKER_COSTS))
    out = []
    for route in ("imported", "us_built"):
        out.append(
            business_case(
                route,
                cost.purchase_price_usd,
                landed if route == "imported" else 0.0,
                curve,
                data,
                sampler_for(cell.scenario.draws, cell.scenario.seed),
                incentive_usd=cell.scenario.levers.purchase_incentive_usd,
            )
        )
    return tuple(out)
