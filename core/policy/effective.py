"""Apply the policymaker's levers: they change inputs, and all three models see the change.

`apply(scenario, catalog) -> Context`:

* the buyer's own vehicles (scenario.custom_vehicles) join the catalogue; user overrides
  (scenario.overrides) next, then the levers;
* input checks that need the resolved vehicles: the occupancy within every vehicle's seats
  (`check_occupancy`), before any model runs;
* operating classes: `Context.operating[vid]` (core.policy.operating_class) = the kind of state
  rule, its status, road cap, citation and confidence, and the speed the vehicle is operated at.
  `Context.road_cap_mph[vid]` = its road cap: the highest posted speed the vehicle may legally
  use in the scenario's state. 0.0 means "no public road" (banned, off-road only, farm or
  collector plates only, no federal path, too young to import); None means "no cap". An unknown
  rule is never unrestricted (the `unknown_rule_road_cap_mph` assumption).
  `Context.vehicles` are the vehicles as operated (an LSV import governed to 25 mph). See
  docs/feasibility-model.md for every rule;
* `Context.speed_change_mph[road_class]`: the urban-speed lever, negative on local, collector
  and arterial roads;
* params via `catalog.with_params`: tariff overrides, extra incentives, the partner fleet's
  light-truck shift, and `compliance_cost_per_unit_usd` derived from the per-unit cost curve;
* state overrides: applied to the kei rows by the operating class. The catalogue's
  `state_rules` table itself stays as the law is today (the map shows both).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType

from core.data.catalog import Catalog
from core.data.params import EV_INCENTIVE, MICROCAR_INCENTIVE
from core.data.roads import ROAD_CLASSES
from core.data.vehicles import Vehicle
from core.errors import ValidationError
from core.policy import compliance
from core.policy.context import Context
from core.policy.mobility import compute_all, legal_on
from core.policy.operating_class import operating_class
from core.policy.pathways import pathway_of
from core.scenario.levers import PolicyLevers
from core.scenario.model import Scenario
from core.scenario.overrides import check_for_vehicle
from core.uncertain import Uncertain

# Road classes the urban-speed lever slows (structural ids from core.data.roads).
URBAN_ROAD_CLASSES = ("local_25", "collector_35", "arterial_45")

# Param ids other models own; each lever touches them only if the param exists.
COMPLIANCE_PER_UNIT = "compliance_cost_per_unit_usd"
LIGHT_TRUCK_SHIFT = "partner_light_truck_share_shift"


def not_drivable_share(road_mix: Mapping[str, float], cap_mph: float | None) -> float:
    """Share of the owner's miles on road classes posted above the cap."""
    if cap_mph is None:
        return 0.0
    return float(sum(share for rc, share in road_mix.items() if not legal_on(rc, cap_mph)))


def apply(scenario: Scenario, catalog: Catalog) -> Context:
    for own in scenario.custom_vehicles:  # the buyer's own vehicles join the catalogue
        catalog = catalog.with_vehicle(own)
    for vid, ov in scenario.vehicle_overrides.items():
        if vid in catalog.vehicles:
            check_for_vehicle(vid, ov, catalog.vehicles[vid])
    cat = catalog.with_overrides(scenario.overrides)
    levers = scenario.levers
    cat = cat.with_params(_param_changes(cat, levers))
    listed = tuple(cat.vehicle(v) for v in scenario.vehicles)
    check_occupancy(scenario.occupancy, listed)
    pathways = {v.id: pathway_of(v, cat, levers) for v in listed}
    # One operating class per vehicle, decided once; every model and the map read it.
    classes = {
        v.id: operating_class(v, scenario.state, levers, cat, pathways[v.id]) for v in listed
    }
    # The vehicles as operated: an LSV import is governed to the federal top speed everywhere.
    vehicles = tuple(
        dataclasses.replace(v, top_speed_mph=classes[v.id].top_speed_mph)
        if classes[v.id].governed
        else v
        for v in listed
    )
    slower = -float(levers.urban_speed_reduction_mph) if levers.urban_speed_reduction_mph else 0.0
    speed = {rc: (slower if rc in URBAN_ROAD_CLASSES else 0.0) for rc in ROAD_CLASSES}
    ctx = Context(
        scenario=scenario,
        catalog=cat,
        vehicles=vehicles,
        road_cap_mph=MappingProxyType({vid: oc.road_cap_mph for vid, oc in classes.items()}),
        speed_change_mph=MappingProxyType(speed),
        operating=MappingProxyType(classes),
        pathways=MappingProxyType(pathways),
        compliance_curve=compliance.curve_inputs(cat, levers),
    )
    return dataclasses.replace(ctx, mobility=compute_all(ctx))


def check_occupancy(occupancy: float, vehicles: tuple[Vehicle, ...]) -> None:
    """Average occupancy above a vehicle's seats is an input error, named once, clearly (before
    any model runs)."""
    over = [v for v in vehicles if occupancy > v.seats]
    if over:
        v = min(over, key=lambda x: x.seats)
        raise ValidationError(
            "occupancy",
            occupancy,
            f"at most {v.seats} (the {v.name} has {v.seats} seats)",
        )


def _param_changes(cat: Catalog, levers: PolicyLevers) -> dict[str, Uncertain]:
    changes: dict[str, Uncertain] = {}
    for pid, rate in levers.tariff_overrides.items():
        if pid not in cat.params:
            known = sorted(p for p in cat.params if p.startswith("duty_rate_"))
            raise ValidationError(
                f"levers.tariff_overrides.{pid}", rate, "one of " + (", ".join(known) or "none")
            )
        changes[pid] = Uncertain.fixed(float(rate))
    for pid, extra in ((MICROCAR_INCENTIVE, levers.purchase_incentive_usd),
                       (EV_INCENTIVE, levers.ev_incentive_usd)):  # fmt: skip
        if extra and pid in cat.params:
            u = cat.u(pid)
            changes[pid] = Uncertain(u.low + extra, u.central + extra, u.high + extra)
    if levers.light_truck_share_shift and LIGHT_TRUCK_SHIFT in cat.params:
        changes[LIGHT_TRUCK_SHIFT] = Uncertain.fixed(levers.light_truck_share_shift)
    # The cost model reads the per-unit compliance cost; it follows the curve (volume, fixed
    # cost, years) unless the user typed a value for it.
    p = cat.params.get(COMPLIANCE_PER_UNIT)
    if p is not None and not p.user_set and compliance.FIXED_COST in cat.params:
        changes[COMPLIANCE_PER_UNIT] = compliance.curve_inputs(cat, levers).range()
    return changes
