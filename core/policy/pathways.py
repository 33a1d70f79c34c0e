"""Which legal route a vehicle takes onto US roads, and the state rule that then applies.

A vehicle's pathway follows from its class, import path and age, and from the levers (a federal
kei or medium-speed class, the import age). The pathway decides the federal entry check, which
state rule sets its road cap (kei table, LSV, MSV, the federal class) and its service network.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from core.data.catalog import Catalog
from core.data.tables import Row
from core.data.vehicles import Vehicle
from core.scenario.levers import PolicyLevers, parse_state_override

# Classes a federal kei / quadricycle class would cover: NEW vehicles of these classes. Used
# 25-year imports keep their state rules (they would not meet the class's standard).
KEI_CLASS_COVERS = ("kei_car", "kei_truck", "quadricycle")
# Classes a federal medium-speed class would cover.
MSV_CLASS_COVERS = ("lsv", "quadricycle")
# Import paths of vehicles that can only come in used, under the age exemption.
_AGE_EXEMPT_PATHS = ("used_25yr", "not_importable")


def pathway_for(v: Vehicle, levers: PolicyLevers, lsv_top_speed_mph: float) -> str:
    """The pathway id (a row of pathways.csv) for a vehicle under these levers."""
    if v.vclass == "subcompact":
        return "subcompact_baseline"
    if v.vclass in ("compact_pickup", "fullsize_pickup"):
        return "pickup_baseline"
    if v.vclass == "compact_used":
        return "us_market"
    if v.import_path == "us_market":
        return "us_certified_kei"
    # The levers come first: a new class is a route for new vehicles whatever their import path.
    if levers.federal_kei_class and v.vclass in KEI_CLASS_COVERS and v.age_years < 1:
        return "federal_kei_class"
    if levers.federal_msv_class and v.vclass in MSV_CLASS_COVERS and v.age_years < 1:
        return "msv"
    if v.import_path == "lsv":
        # Imported as an LSV: governed to the federal 25 mph and registered as one, unless a lever
        # registers quadricycles (ungoverned) under the states' own medium-speed classes.
        return "msv" if levers.quadricycle_as_msv and v.vclass == "quadricycle" else "lsv"
    if v.vclass == "lsv":
        # A US low-speed-class vehicle faster than 25 mph is not an LSV: a state MSV at best.
        return "lsv" if v.top_speed_mph <= lsv_top_speed_mph else "msv"
    if v.import_path == "registered_importer":
        return "ri_new_kei"
    if v.import_path in _AGE_EXEMPT_PATHS and v.age_years > 0:
        # Used: federal entry passes or fails on its age against the import-age lever.
        return "used_kei_25yr"
    return "no_path"


def pathway_of(v: Vehicle, catalog: Catalog, levers: PolicyLevers) -> Row:
    pid = pathway_for(v, levers, catalog.central("lsv_max_top_speed_mph"))
    return catalog.table("pathways")[pid]


def state_override_row(row: Row, levers: PolicyLevers, state: str) -> Row:
    """A kei state_rules row with the state-override lever applied (marked `lever_override`)."""
    value = levers.state_overrides[state]
    status, cap = parse_state_override(f"levers.state_overrides.{state}", value)
    base: dict[str, Any] = dict(row)
    base["status"] = status
    # "allowed" means every road; "restricted" keeps the row's cap unless one is given.
    if status == "restricted":
        base["road_cap_mph"] = cap if cap is not None else row["road_cap_mph"]
    else:
        base["road_cap_mph"] = None
    base["conditions"] = f"POLICY LEVER: set to {value} (the law today: {row['status']})"
    base["lever_override"] = True
    base["source"] = "policy lever (scenario)"
    base["citation"] = f"policy lever; today: {row['citation']}"
    return MappingProxyType(base)
