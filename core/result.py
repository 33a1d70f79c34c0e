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
from core.uncertain import Dist


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
    break_even_year: float | None  # where the headline (median) cumulative curves cross
    p_b_cheaper: float | None = None  # share where b's total is below a's (ties count for none)
    # Whether both totals serve every mile of the owner's travel (each one's own miles plus its
    # fallback miles add up to the scenario's), so the pair is compared like with like (set by
    # core.engine.evaluate from the cost results); a_registrable is False when a cannot be
    # registered in the state (every one of its miles is the fallback's).
    every_mile_served: bool = True
    a_registrable: bool = True
    # b's total minus a's in each paired draw (positive: a costs less); its headline is what
    # a saves against b. The paired figure behind "cheaper", not a difference of two medians.
    # None only for a comparison made by hand (core.engine.evaluate always sets it).
    cost_gap_usd: Dist | None = None

    def cheaper(self) -> tuple[str, str, float] | None:
        """(cheaper id, dearer id, share of paired draws) when one vehicle is cheaper in more
        than half the draws; None when neither is. "A is cheaper" is said only this way."""
        p_b = 1.0 - self.p_a_cheaper if self.p_b_cheaper is None else self.p_b_cheaper
        if self.p_a_cheaper > 0.5:
            return self.a, self.b, self.p_a_cheaper
        if p_b > 0.5:
            return self.b, self.a, p_b
        return None


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
