"""Policy levers: typed, validated inputs a policymaker sets (see core.policy for their effect).

Status quo is the default of every field: a lever left at its default changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from core.errors import ValidationError


@dataclass(frozen=True)
class PolicyLevers:
    # A federal kei / quadricycle class: such vehicles may use roads posted up to this speed.
    federal_kei_class: bool = False
    kei_class_road_cap_mph: float = 45.0
    # Import age under the FMVSS exemption (years).
    import_age_years: int = 25
    # Tariff overrides (fractions) by param id; empty = catalogue defaults.
    tariff_overrides: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    purchase_incentive_usd: float = 0.0
    # State overrides: state code -> status ("allowed", "restricted", "banned", ...).
    state_overrides: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Lower posted speed on urban roads (mph subtracted from local/collector/arterial traffic speed).
    urban_speed_reduction_mph: float = 0.0
    # Change in the light-truck share of the partner fleet (fraction points, -0.5..+0.5).
    light_truck_share_shift: float = 0.0
    # US production of kei-class cars: annual volume, certification fixed cost and years.
    us_annual_volume: float = 2500.0
    certification_fixed_cost_usd: float = 50_000_000.0
    program_years: float = 5.0

    def __post_init__(self) -> None:
        _range("levers.kei_class_road_cap_mph", self.kei_class_road_cap_mph, 20, 75)
        _range("levers.import_age_years", self.import_age_years, 5, 40)
        _range("levers.purchase_incentive_usd", self.purchase_incentive_usd, 0, 50_000)
        _range("levers.urban_speed_reduction_mph", self.urban_speed_reduction_mph, 0, 20)
        _range("levers.light_truck_share_shift", self.light_truck_share_shift, -0.5, 0.5)
        _range("levers.us_annual_volume", self.us_annual_volume, 1, 5_000_000)
        _range("levers.certification_fixed_cost_usd", self.certification_fixed_cost_usd, 0, 5e9)
        _range("levers.program_years", self.program_years, 1, 30)
        for k, v in self.tariff_overrides.items():
            _range(f"levers.tariff_overrides.{k}", v, 0, 2)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            v = getattr(self, name)
            d[name] = dict(v) if isinstance(v, Mapping) else v
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], field_prefix: str = "levers") -> PolicyLevers:
        known = set(cls.__dataclass_fields__)
        for k in d:
            if k not in known:
                raise ValidationError(
                    f"{field_prefix}.{k}", d[k], "one of " + ", ".join(sorted(known))
                )
        kw: dict[str, Any] = {}
        for k, v in d.items():
            default = getattr(cls(), k)
            if isinstance(default, Mapping):
                if not isinstance(v, Mapping):
                    raise ValidationError(f"{field_prefix}.{k}", v, "an object")
                kw[k] = MappingProxyType(dict(v))
            elif isinstance(default, bool):
                if not isinstance(v, bool):
                    raise ValidationError(f"{field_prefix}.{k}", v, "true or false")
                kw[k] = v
            elif isinstance(default, int):
                if isinstance(v, bool) or not isinstance(v, int | float) or int(v) != v:
                    raise ValidationError(f"{field_prefix}.{k}", v, "a whole number")
                kw[k] = int(v)
            else:
                if isinstance(v, bool) or not isinstance(v, int | float):
                    raise ValidationError(f"{field_prefix}.{k}", v, "a number")
                kw[k] = float(v)
        return cls(**kw)


@dataclass(frozen=True)
class PolicyPackage:
    name: str
    levers: PolicyLevers


def _range(name: str, value: float, lo: float, hi: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not (lo <= value <= hi):
        raise ValidationError(name, value, f"a number from {lo:g} to {hi:g}")
