"""The Result of one evaluation: everything every view, export and report shows."""

from __future__ import annotations

from dataclasses import dataclass

from core.cost.ownership import CostResult
from core.data.catalog import Catalog
from core.data.vehicles import Vehicle
from core.feasibility.scorecard import FeasibilityResult
from core.policy.mobility import Mobility
from core.safety.outcome import SafetyResult
from core.scenario.model import Scenario


@dataclass(frozen=True)
class VehicleResult:
    vehicle: Vehicle
    cost: CostResult
    safety: SafetyResult
    feasibility: FeasibilityResult
    # who serves the owner's miles (own share, fallback mode and share by reason); set by
    # core.engine.evaluate
    mobility: Mobility | None = None


@dataclass(frozen=True)
class Comparison:
    a: str
    b: str
    p_a_cheaper: float  # share of paired Monte Carlo draws where a's total is below b's
    break_even_year: float | None
    # Both totals serve every mile of the owner's travel (the miles a vehicle cannot take are
    # costed by the fallback mode), so the pair is compared like with like; a_registrable is
    # False when a cannot be registered in the state (every one of its miles is the fallback's).
    every_mile_served: bool = True
    a_registrable: bool = True


@dataclass(frozen=True)
class Result:
    scenario: Scenario
    catalog: Catalog  # the effective catalogue (overrides and levers applied)
    vehicles: tuple[VehicleResult, ...]
    comparisons: tuple[Comparison, ...]

    def vehicle(self, vid: str) -> VehicleResult:
        for vr in self.vehicles:
            if vr.vehicle.id == vid:
                return vr
        raise KeyError(vid)
