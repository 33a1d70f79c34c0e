"""One vehicle, one operating class, everywhere.

`operating_class(vehicle, state, levers, catalog)` decides how a vehicle is registered and driven
in a state: the kind of state rule that applies (a 25-year kei import, an FMVSS 500 low-speed
vehicle, a state medium-speed vehicle, a federal class set by a lever, or an ordinary US-certified
vehicle), the rule's status and road cap, the speed the vehicle is operated at (an LSV is governed
to the federal 25 mph), and the citation and confidence behind it. `core.policy.apply` calls it
for every vehicle and puts the answer in the Context; the cost, safety and feasibility models and
the state map all read it from there, so no model can disagree with another about a vehicle's
class.

A quadricycle imported as an LSV is a governed 25 mph LSV throughout. It becomes a medium-speed
vehicle only where a lever says so (`federal_msv_class` for new vehicles, `quadricycle_as_msv`
to register it, ungoverned, under a state's own MSV class).

Rows whose status is `unknown` are never read as unrestricted: the road cap is the param
`unknown_rule_road_cap_mph` (a stated, user-editable assumption: local roads posted 35 mph or
less), and the state check says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.data.catalog import Catalog
from core.data.state_rules import KIND_LABELS, NO_ROAD, rule_for
from core.data.tables import Row
from core.data.vehicles import Vehicle
from core.policy.pathways import pathway_of, state_override_row
from core.scenario.levers import PolicyLevers

# Kinds beyond the state-rule table: no state rule limits them (lever classes carry the lever's cap).
US_CERTIFIED = "us_certified"
FEDERAL_KEI = "federal_kei_class"
FEDERAL_MSV = "federal_msv_class"
OPERATING_LABELS = {
    **KIND_LABELS,
    US_CERTIFIED: "US-certified vehicle",
    FEDERAL_KEI: "federal kei class (policy lever)",
    FEDERAL_MSV: "federal medium-speed class (policy lever)",
}
UNKNOWN_CAP = "unknown_rule_road_cap_mph"
LOCAL_OPTION_CAP = "restricted_unspecified_road_cap_mph"
LSV_TOP_SPEED = "lsv_max_top_speed_mph"
LEVER_SOURCE = "policy lever (scenario)"


@dataclass(frozen=True)
class OperatingClass:
    kind: str  # a state_rules kind, or us_certified / federal_kei_class / federal_msv_class
    label: str
    status: str  # a state_rules status ("allowed" for US-certified and lever classes)
    road_cap_mph: float | None  # highest posted speed it may use; 0 = no public road; None = any
    top_speed_mph: float  # as operated: an LSV is governed to the federal limit
    governed: bool  # top speed held below the vehicle's own by a governor
    conditions: str
    citation: str
    url: str
    source: str
    as_of: str
    confidence: str  # high / medium / low, or "assumption" (a lever, an unknown rule)
    assumed_cap: bool = False  # the cap is the unknown-rule assumption, not a rule
    lever: bool = False  # set by a policy lever (a federal class or a state override)
    in_flux: bool = False
    pending: str = ""

    @property
    def has_roads(self) -> bool:
        return self.road_cap_mph is None or self.road_cap_mph > 0


def rule_kind(v: Vehicle, pathway: Row, levers: PolicyLevers) -> str:
    """The kind of rule a vehicle on this pathway falls under (pathways.csv `state_rule`)."""
    rule = pathway["state_rule"]
    if rule == "non_fmvss":
        return "new_non_fmvss"
    if rule == "kei_table":
        if v.age_years < levers.import_age_years:
            return "new_non_fmvss"  # too young for the exemption: no road import
        return "kei_truck_25yr" if v.body == "truck" else "kei_car_25yr"
    if rule == "lsv":
        return "lsv"
    if rule == "msv":
        return FEDERAL_MSV if levers.federal_msv_class and v.age_years < 1 else "msv"
    if rule == "federal_class":
        return FEDERAL_KEI
    return US_CERTIFIED


def operating_class(
    v: Vehicle, state: str, levers: PolicyLevers, catalog: Catalog, pathway: Row | None = None
) -> OperatingClass:
    """The vehicle's operating class in this state under these levers (see the module doc)."""
    if pathway is None:
        pathway = pathway_of(v, catalog, levers)
    kind = rule_kind(v, pathway, levers)
    top = float(v.top_speed_mph)
    if kind == "lsv":
        governed_to = catalog.central(LSV_TOP_SPEED)
        governed, top = top > governed_to, min(top, governed_to)
    else:
        governed = False
    if kind in (US_CERTIFIED, FEDERAL_KEI, FEDERAL_MSV):
        return _no_state_rule(kind, pathway, top, levers, catalog)
    row = rule_for(catalog.table("state_rules"), state, kind)
    if kind in ("kei_truck_25yr", "kei_car_25yr") and state in levers.state_overrides:
        row = state_override_row(row, levers, state)
    status = str(row["status"])
    cap: float | None = row["road_cap_mph"]
    assumed = False
    if status in NO_ROAD:
        cap = 0.0
    elif status == "unknown":
        cap, assumed = catalog.central(UNKNOWN_CAP), True
    elif status == "restricted" and cap is None:
        cap = catalog.central(LOCAL_OPTION_CAP)
    lever = bool(row.get("lever_override"))
    return OperatingClass(
        kind=kind,
        label=OPERATING_LABELS[kind],
        status=status,
        road_cap_mph=cap,
        top_speed_mph=top,
        governed=governed,
        conditions=str(row["conditions"]),
        citation=str(row["citation"]),
        url=str(row["url"] or ""),
        source=str(row["source"]),
        as_of=str(row["as_of"]),
        confidence="assumption" if (assumed or lever) else str(row["confidence"]),
        assumed_cap=assumed,
        lever=lever,
        in_flux=bool(row["in_flux"]),
        pending=str(row["pending"] or ""),
    )


def _no_state_rule(
    kind: str, pathway: Row, top: float, levers: PolicyLevers, catalog: Catalog
) -> OperatingClass:
    if kind == US_CERTIFIED:
        return OperatingClass(
            kind, OPERATING_LABELS[kind], "allowed", None, top, False,
            "titled and registered like any US-certified vehicle", str(pathway["federal_reason"]),
            "", str(pathway["source"]), str(pathway["as_of"]), _conf(str(pathway["confidence"])),
        )  # fmt: skip
    if kind == FEDERAL_KEI:
        cap = _lever_or_param(levers.kei_class_road_cap_mph, "kei_class_road_cap_mph", catalog)
    else:
        cap = _lever_or_param(levers.msv_class_road_cap_mph, "msv_class_road_cap_mph", catalog)
    return OperatingClass(
        kind, OPERATING_LABELS[kind], "allowed", cap, top, False,
        f"registrable in every state on roads posted up to {cap:g} mph (policy lever)",
        "policy lever: no such federal class exists", "", LEVER_SOURCE, "2025-12", "assumption",
        lever=True, in_flux=True,
    )  # fmt: skip


def _conf(word: str) -> str:
    """A pathway's documented / estimate / assumption as a rule confidence."""
    return {"documented": "high", "estimate": "medium"}.get(word, "assumption")


def _lever_or_param(lever: float | None, pid: str, catalog: Catalog) -> float:
    return lever if lever is not None else catalog.central(pid)
