"""The allowed range of every numeric Scenario and lever field, declared once.

The Scenario and PolicyLevers validate with these bounds, the GUI's inputs take their ranges
from them (converted to the units they display), and error messages quote them, so a file, the
command line and the window accept exactly the same values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from core.errors import ValidationError


@dataclass(frozen=True)
class Bound:
    name: str  # the field as it appears in a scenario file and in messages
    lo: float
    hi: float
    integer: bool = False

    def check(self, value: Any, name: str | None = None) -> float:
        """The value as a float, or a ValidationError naming the field and the allowed range."""
        fld = name or self.name
        kind = "a whole number" if self.integer else "a number"
        expected = f"{kind} from {self.lo:g} to {self.hi:g}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError(fld, value, expected)
        try:
            finite = math.isfinite(value)
        except OverflowError:  # an int too large for a float
            finite = False
        if not finite or not (self.lo <= value <= self.hi):
            raise ValidationError(fld, value, expected)
        if self.integer and int(value) != value:
            raise ValidationError(fld, value, expected)
        return float(value)


def _bounds(*items: Bound) -> dict[str, Bound]:
    return {b.name: b for b in items}


MAX_VEHICLES = 6
MAX_PACKAGES = 3

SCENARIO: dict[str, Bound] = _bounds(
    Bound("annual_miles", 0.0, 100_000.0),
    Bound("years", 1, 20, integer=True),
    Bound("loan_apr", 0.0, 0.40),
    Bound("loan_term_months", 1, 120, integer=True),
    Bound("down_payment_share", 0.0, 1.0),
    Bound("occupancy", 1.0, 9.0),
    Bound("draws", 100, 200_000, integer=True),
    Bound("seed", 0, 2**32 - 1, integer=True),
)
# A road-mix share in a file (shares are normalised, so a weight may exceed 1 before that).
ROAD_MIX_SHARE = Bound("road_mix", 0.0, 1.0)
ROAD_MIX_WEIGHT = Bound("road_mix", 0.0, 1e9)
# A parameter override outside the parameter's own [min, max] is refused by the catalogue;
# this only keeps a file's numbers finite and sane before that check.
OVERRIDE = Bound("overrides", -1e12, 1e12)

LEVERS: dict[str, Bound] = _bounds(
    Bound("kei_class_road_cap_mph", 15, 75),
    Bound("msv_class_road_cap_mph", 15, 55),
    Bound("import_age_years", 5, 40),
    Bound("purchase_incentive_usd", 0, 50_000),
    Bound("ev_incentive_usd", 0, 50_000),
    Bound("urban_speed_reduction_mph", 0, 20),
    Bound("light_truck_share_shift", -0.5, 0.5),
    Bound("us_annual_volume", 1, 5_000_000),
    Bound("certification_fixed_cost_usd", 0, 5e9),
    Bound("program_years", 1, 30),
)
TARIFF_RATE = Bound("tariff_overrides", 0, 2)
STATE_ROAD_CAP_MPH = Bound("state_overrides", 15, 80)
