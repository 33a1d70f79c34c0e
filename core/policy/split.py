"""The split of the owner's travel for one vehicle (the value core.policy.mobility computes and
the Context carries): its own share, the fallback's, and the fallback share by reason."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

REASONS: tuple[str, ...] = ("not_registrable", "road_not_legal", "above_top_speed", "beyond_range")
REASON_LABELS = {
    "not_registrable": "cannot be registered in the state",
    "road_not_legal": "roads it may not legally use",
    "above_top_speed": "roads faster than it can keep up with",
    "beyond_range": "days longer than its range",
}


@dataclass(frozen=True)
class Mobility:
    """One vehicle's share of the owner's travel, and who serves the rest."""

    own_share: float  # share of the owner's miles the vehicle itself drives
    fallback_mode: str  # core.data.mobility_tables.FALLBACK_MODES
    fallback_label: str  # "Ride-hailing or taxi", or the second car's name
    fallback_vehicle: str | None  # catalogue id whose risk (and, for a second car, cost) applies
    fallback_share: float  # 1 - own_share
    by_reason: Mapping[str, float]  # REASONS -> share of the owner's miles; sums to fallback_share
    own_by_class: tuple[float, ...]  # per road class (ROAD_CLASSES order), sums to own_share
    fallback_by_class: tuple[float, ...]  # per road class, sums to fallback_share
    registrable: bool  # False: no public road in the state, every mile goes to the fallback

    @property
    def fallback_mix(self) -> tuple[float, ...]:
        """The road mix of the fallback miles (shares summing to 1; zeros when there are none)."""
        if self.fallback_share <= 0.0:
            return tuple(0.0 for _ in self.fallback_by_class)
        return tuple(x / self.fallback_share for x in self.fallback_by_class)
