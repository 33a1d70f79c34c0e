"""Per-unit FMVSS compliance cost: a fixed certification cost spread over US volume, plus hardware.

    per_unit = F / (V * N) + c

F = fixed engineering / certification / tooling cost (USD), V = US units per year, N = years the
program runs, c = added safety hardware per vehicle (USD). The inverse answers "what annual volume
brings the per-unit cost under a target": V = F / (N * (target - c)), impossible when target <= c.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.data.catalog import Catalog
from core.errors import ValidationError
from core.scenario.levers import PolicyLevers
from core.uncertain import FloatArray, Sampler, Uncertain

# Param ids (feasibility_params.csv); the levers override F, V and N when set.
FIXED_COST = "certification_fixed_cost_usd"
HARDWARE = "compliance_hardware_per_unit_usd"
VOLUME = "us_kei_annual_volume"
YEARS = "compliance_program_years"


def per_unit_cost(
    fixed_usd: FloatArray | float,
    volume_per_year: FloatArray | float,
    years: FloatArray | float,
    hardware_usd: FloatArray | float,
) -> FloatArray:
    """F / (V N) + c, elementwise. V and N must be positive."""
    v = np.asarray(volume_per_year, dtype=float)
    n = np.asarray(years, dtype=float)
    if np.any(v <= 0) or np.any(n <= 0):
        raise ValidationError("compliance volume/years", (volume_per_year, years), "above 0")
    return np.asarray(np.asarray(fixed_usd, dtype=float) / (v * n) + hardware_usd, dtype=float)


def volume_for_target(
    target_usd: float, fixed_usd: float, years: float, hardware_usd: float
) -> float:
    """Annual volume at which the per-unit cost equals the target (inf if the target is <= c)."""
    if years <= 0:
        raise ValidationError("years", years, "a number above 0")
    if target_usd <= hardware_usd:
        return math.inf
    return fixed_usd / (years * (target_usd - hardware_usd))


@dataclass(frozen=True)
class CurveInputs:
    """F, V, N, c for a scenario: levers where set, else the catalogue's ranges."""

    fixed_usd: Uncertain
    volume_per_year: Uncertain
    years: Uncertain
    hardware_usd: Uncertain

    @property
    def central(self) -> float:
        return float(
            per_unit_cost(
                self.fixed_usd.central,
                self.volume_per_year.central,
                self.years.central,
                self.hardware_usd.central,
            )
        )

    def range(self) -> Uncertain:
        """Low / central / high per-unit cost (low F, c, high V, N give the low end)."""
        lo = per_unit_cost(
            self.fixed_usd.low, self.volume_per_year.high, self.years.high, self.hardware_usd.low
        )
        hi = per_unit_cost(
            self.fixed_usd.high, self.volume_per_year.low, self.years.low, self.hardware_usd.high
        )
        return Uncertain(float(lo), self.central, float(hi))

    def draw(self, sampler: Sampler) -> FloatArray:
        return per_unit_cost(
            sampler.draw(FIXED_COST, self.fixed_usd),
            sampler.draw(VOLUME, self.volume_per_year),
            sampler.draw(YEARS, self.years),
            sampler.draw(HARDWARE, self.hardware_usd),
        )

    def curve(self, volumes: FloatArray) -> FloatArray:
        """Central per-unit cost at each volume (for the cost-vs-volume chart)."""
        return per_unit_cost(
            self.fixed_usd.central, volumes, self.years.central, self.hardware_usd.central
        )


def curve_inputs(catalog: Catalog, levers: PolicyLevers) -> CurveInputs:
    """A lever set by the policymaker is a fixed value; otherwise the catalogue range is used."""

    def pick(lever: float | None, pid: str) -> Uncertain:
        return Uncertain.fixed(lever) if lever is not None else catalog.u(pid)

    return CurveInputs(
        fixed_usd=pick(levers.certification_fixed_cost_usd, FIXED_COST),
        volume_per_year=pick(levers.us_annual_volume, VOLUME),
        years=pick(levers.program_years, YEARS),
        hardware_usd=catalog.u(HARDWARE),
    )
