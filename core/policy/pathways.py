"""Which legal route a vehicle takes onto US roads, and the state rule that then applies.

A vehicle's pathway follows from its class, import path and age, and from the levers (a federal
kei or medium-speed class, the import age). The pathway decides the federal entry check, which
state rule sets its road cap (kei table, LSV, MSV, the federal class) and its service network.
"""

from __future__ import annotations

from collections.abc import Mapping
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
    if v.import_path == "lsv" or v.vclass == "lsv":
        if v.top_speed_mph <= lsv_top_speed_mph:
            return "lsv"
        return "msv"
    if v.import_path == "registered_importer":
        return "ri_new_kei"
    if v.import_path in _AGE_EXEMPT_PATHS and v.age_years > 0:
        # Used: federal entry passes or fails on its age against the import-age lever.
        return "used_kei_25yr"
    return "no_path"


def pathway_of(v: Vehicle, catalog: Catalog, levers: PolicyLevers) -> Row:
    pid = pathway_for(v, levers, catalog.central("lsv_max_top_speed_mph"))
    return catalog.table("pathways")[pid]


def overridden_state_rows(rows: Mapping[str, Row], levers: PolicyLevers) -> dict[str, Row]:
    """State rows with the lever's status overrides applied (marked `lever_override`)."""
    out: dict[str, Row] = {}
    for st, value in levers.state_overrides.items():
        status, cap = parse_state_override(f"levers.state_overrides.{st}", value)
        base: dict[str, Any] = dict(rows[st])
        base["kei_status"] = status
        # "allowed" means every road; "restricted" keeps the row's cap unless one is given.
        if status == "restricted":
            base["kei_road_cap_mph"] = cap if cap is not None else base["kei_road_cap_mph"]
        else:
            base["kei_road_cap_mph"] = None
        base["daily_use"] = status in ("allowed", "restricted")
        base["kei_rule"] = f"POLICY LEVER: set to {value} (was {rows[st]['kei_status']})"
        base["lever_override"] = True
        base["source"] = "policy lever (scenario)"
        base["confidence"] = "assumption"
        out[st] = MappingProxyType(base)
    return out
