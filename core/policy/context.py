"""What every model receives: the effective inputs after the policy levers were applied."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from core.data.catalog import Catalog
from core.data.tables import Row
from core.data.vehicles import Vehicle
from core.policy.compliance import CurveInputs
from core.policy.operating_class import OperatingClass
from core.policy.split import Mobility
from core.scenario.model import Scenario


@dataclass(frozen=True)
class Context:
    scenario: Scenario  # as the user set it (levers included)
    catalog: Catalog  # with user overrides and lever effects applied
    # In scenario order, as operated: lever effects applied, an LSV import governed to 25 mph.
    vehicles: tuple[Vehicle, ...]
    # Highest posted speed (mph) each vehicle may legally use in the scenario's state,
    # None = no cap, 0 = no public road: `operating[vid].road_cap_mph`.
    road_cap_mph: Mapping[str, float | None]
    # Road-class traffic speed changes (mph, negative = slower) from the urban speed lever.
    speed_change_mph: Mapping[str, float]
    # Each vehicle's operating class in the scenario's state (core.policy.operating_class): the
    # rule kind, status, road cap, citation, confidence and the top speed it is operated at.
    operating: Mapping[str, OperatingClass]
    # Each vehicle's legal pathway (pathways.csv row) under the levers.
    pathways: Mapping[str, Row]
    # The per-unit compliance cost curve's inputs (volume, fixed cost, years) under the levers.
    compliance_curve: CurveInputs
    # Who serves the owner's miles, per vehicle: its own share and the fallback's, by reason
    # (core.policy.mobility, computed once by policy.apply; cost and safety read it).
    mobility: Mapping[str, Mobility] = field(default_factory=lambda: MappingProxyType({}))
