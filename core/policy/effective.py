"""Apply the policymaker's levers: they change inputs, and all three models see the change.

`apply(scenario, catalog) -> Context`:

* the buyer's own vehicles (scenario.custom_vehicles) join the catalogue; user overrides
  (scenario.overrides) next, then the levers;
* road caps: `Context.road_cap_mph[vid]` = the highest posted speed the vehicle may legally use
  in the scenario's state. 0.0 means "no public road" (banned, off-road only, no federal path,
  too young to import); None means "no cap". See docs/feasibility-model.md for every rule;
* `Context.speed_change_mph[road_class]`: the urban-speed lever, negative on local, collector
  and arterial roads;
* params via `catalog.with_params`: tariff overrides, extra incentives, the partner fleet's
  light-truck shift, and `compliance_cost_per_unit_usd` derived from the per-unit cost curve;
* state overrides: `effective_state_row` gives a state's row with the lever applied. The
  catalogue's `states` table itself stays as the law is today (the map shows both).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from core.data.catalog import Catalog
from core.data.params import EV_INCENTIVE, MICROCAR_INCENTIVE
from core.data.roads import ROAD_CLASS_POSTED_MPH, ROAD_CLASSES
from core.data.tables import Row
from core.data.vehicles import Vehicle
from core.errors import ValidationError
from core.policy import compliance
from core.policy.context import Context
from core.policy.pathways import overridden_state_rows, pathway_of
from core.scenario.levers import PolicyLevers
from core.scenario.model import Scenario
from core.scenario.overrides import check_for_vehicle
from core.uncertain import Uncertain

# Road classes the urban-speed lever slows (structural ids from core.data.roads).
URBAN_ROAD_CLASSES = ("local_25", "collector_35", "arterial_45")

# Param ids other models own; each lever touches them only if the param exists.
COMPLIANCE_PER_UNIT = "compliance_cost_per_unit_usd"
LIGHT_TRUCK_SHIFT = "partner_light_truck_share_shift"


def road_cap_mph(
    vehicle: Vehicle,
    state_row: Row,
    levers: PolicyLevers,
    catalog: Catalog,
    pathway: Row | None = None,
) -> float | None:
    """Highest posted speed (mph) the vehicle may use in this state; 0 = none; None = no cap."""
    if pathway is None:
        pathway = pathway_of(vehicle, catalog, levers)
    if pathway["id"] == "no_path":
        return 0.0
    if pathway["id"] == "used_kei_25yr" and vehicle.age_years < levers.import_age_years:
        return 0.0
    rule = pathway["state_rule"]
    if rule == "kei_table":
        status = state_row["kei_status"]
        if status in ("banned", "off_road_only"):
            return 0.0
        cap: float | None = state_row["kei_road_cap_mph"]
        if status == "restricted" and cap is None:
            return catalog.central("restricted_unspecified_road_cap_mph")
        # allowed: the stated cap (e.g. no interstates = 55) or none; unclear: the check warns
        # and the stated cap, if any, applies (never a guessed one).
        return cap
    if rule == "lsv":
        if not state_row["lsv_allowed"]:
            return 0.0
        lsv_cap: float | None = state_row["lsv_road_cap_mph"]
        return lsv_cap if lsv_cap is not None else catalog.central("lsv_road_cap_mph")
    if rule == "msv":
        if levers.federal_msv_class:
            return _lever_or_param(levers.msv_class_road_cap_mph, "msv_class_road_cap_mph", catalog)
        if not state_row["msv_allowed"]:
            return 0.0
        msv_cap: float | None = state_row["msv_road_cap_mph"]
        if msv_cap is None:
            return catalog.central("restricted_unspecified_road_cap_mph")
        return msv_cap
    if rule == "federal_class":
        return _lever_or_param(levers.kei_class_road_cap_mph, "kei_class_road_cap_mph", catalog)
    return None


def not_drivable_share(road_mix: Mapping[str, float], cap_mph: float | None) -> float:
    """Share of the owner's miles on road classes posted above the cap."""
    if cap_mph is None:
        return 0.0
    return float(
        sum(share for rc, share in road_mix.items() if ROAD_CLASS_POSTED_MPH[rc] > cap_mph)
    )


def apply(scenario: Scenario, catalog: Catalog) -> Context:
    for own in scenario.custom_vehicles:  # the buyer's own vehicles join the catalogue
        catalog = catalog.with_vehicle(own)
    for vid, ov in scenario.vehicle_overrides.items():
        if vid in catalog.vehicles:
            check_for_vehicle(vid, ov, catalog.vehicles[vid])
    cat = catalog.with_overrides(scenario.overrides)
    levers = scenario.levers
    cat = cat.with_params(_param_changes(cat, levers))
    vehicles = tuple(cat.vehicle(v) for v in scenario.vehicles)
    state_row = effective_state_row(cat, levers, scenario.state)
    pathways = {v.id: pathway_of(v, cat, levers) for v in vehicles}
    caps = {v.id: road_cap_mph(v, state_row, levers, cat, pathways[v.id]) for v in vehicles}
    slower = -float(levers.urban_speed_reduction_mph) if levers.urban_speed_reduction_mph else 0.0
    speed = {rc: (slower if rc in URBAN_ROAD_CLASSES else 0.0) for rc in ROAD_CLASSES}
    return Context(
        scenario=scenario,
        catalog=cat,
        vehicles=vehicles,
        road_cap_mph=MappingProxyType(caps),
        speed_change_mph=MappingProxyType(speed),
        state_row=state_row,
        pathways=MappingProxyType(pathways),
        compliance_curve=compliance.curve_inputs(cat, levers),
    )


def _lever_or_param(lever: float | None, pid: str, catalog: Catalog) -> float:
    return lever if lever is not None else catalog.central(pid)


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


def effective_state_row(cat: Catalog, levers: PolicyLevers, state: str) -> Row:
    """The state's row as the models see it: the state-override lever applied, if any."""
    table = cat.table("states")
    if state in levers.state_overrides:
        return overridden_state_rows(table.by_key, levers)[state]
    return table[state]
