"""Apply the policymaker's levers: they change inputs, and all three models see the change."""

from __future__ import annotations

from types import MappingProxyType

from core.catalog import Catalog
from core.context import Context
from core.roads import ROAD_CLASSES
from core.scenario import Scenario


def road_cap_mph(vehicle_class: str, scenario: Scenario, catalog: Catalog) -> float | None:
    """Highest posted speed a vehicle of this class may use (None = no cap)."""
    if vehicle_class == "lsv":
        return catalog.central("lsv_road_cap_mph") if "lsv_road_cap_mph" in catalog.params else None
    return None


def apply(scenario: Scenario, catalog: Catalog) -> Context:
    cat = catalog.with_overrides(scenario.overrides)
    vehicles = tuple(cat.vehicle(v) for v in scenario.vehicles)
    caps = {v.id: road_cap_mph(v.vclass, scenario, cat) for v in vehicles}
    return Context(
        scenario=scenario,
        catalog=cat,
        vehicles=vehicles,
        road_cap_mph=MappingProxyType(caps),
        speed_change_mph=MappingProxyType({rc: 0.0 for rc in ROAD_CLASSES}),
    )
