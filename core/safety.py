"""Safety exposure. PLACEHOLDER: the full model lands with issue #4 (same interface)."""

from __future__ import annotations

from dataclasses import dataclass

from core.context import Context
from core.uncertain import Dist


@dataclass(frozen=True)
class SafetyResult:
    occupant_deaths_per_10k_owners: Dist
    others_deaths_per_10k_owners: Dist
    occupant_deaths_per_100m_miles: Dist
    serious_injuries_per_10k_owners: Dist
    miles_not_legally_drivable_share: float


def evaluate_safety(ctx: Context) -> dict[str, SafetyResult]:
    zero = Dist(0.0, 0.0, 0.0, 0.0)
    return {v.id: SafetyResult(zero, zero, zero, zero, 0.0) for v in ctx.vehicles}
