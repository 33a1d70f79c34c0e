"""Policy levers: typed, validated inputs a policymaker sets (see core.policy.effective for their effect).

Status quo is the default of every field: a lever left at its default changes nothing. Where the
status quo is a figure (certification cost, volume, program length, a class's road cap) the
default is None, meaning "use the catalogue's value" (resources/data/feasibility_params.csv), so
the figure keeps its source and range. Where the default is the law itself it is written here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from core.data.states import STATE_CODES
from core.errors import ValidationError
from core.scenario import fields

# Kei status a state override may set (same words as state_rules.csv; "restricted:35" adds a cap).
OVERRIDE_STATUSES = ("allowed", "restricted", "off_road_only", "banned")
# Duty params a tariff override may set (cost_params.csv, written by the cost model).
TARIFF_PARAM_PREFIX = "duty_rate_"

_BOOL = "bool"
_INT = "int"
_FLOAT = "float"
_OPT_FLOAT = "float?"
_MAP = "map"


@dataclass(frozen=True)
class PolicyLevers:
    # A federal kei / quadricycle class: new kei cars, kei trucks and quadricycles become
    # registrable nationwide on roads posted up to the class cap (None = catalogue default,
    # param kei_class_road_cap_mph).
    federal_kei_class: bool = False
    kei_class_road_cap_mph: float | None = None
    # A federal medium-speed class: LSV-type vehicles and quadricycles may use roads up to the cap
    # (None = param msv_class_road_cap_mph).
    federal_msv_class: bool = False
    msv_class_road_cap_mph: float | None = None
    # Register quadricycles imported as LSVs under the states' own medium-speed classes, without
    # the 25 mph governor (False = the law today: an imported quadricycle is a governed LSV).
    quadricycle_as_msv: bool = False
    # Import age under the FMVSS exemption (years). 25 is the law itself: 49 CFR 591.5(i).
    import_age_years: int = 25
    # Tariff overrides: duty param id (duty_rate_car_jp ...) -> rate as a fraction.
    tariff_overrides: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    # Extra purchase incentives (USD), added to the catalogue's. 0 = none: no federal microcar
    # incentive exists, and the federal EV credit ended for vehicles acquired after 2025-09-30.
    purchase_incentive_usd: float = 0.0
    ev_incentive_usd: float = 0.0
    # State overrides: state code -> "allowed", "restricted", "restricted:<mph>", "off_road_only"
    # or "banned" (the kei status in that state).
    state_overrides: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Lower posted speed on urban roads (mph subtracted from local/collector/arterial speeds).
    urban_speed_reduction_mph: float = 0.0
    # Change in the light-truck share of the partner fleet (fraction points, -0.5..+0.5).
    light_truck_share_shift: float = 0.0
    # US production of kei-class cars (None = catalogue defaults us_kei_annual_volume,
    # certification_fixed_cost_usd, compliance_program_years).
    us_annual_volume: float | None = None
    certification_fixed_cost_usd: float | None = None
    program_years: float | None = None

    def __post_init__(self) -> None:
        for name, bound in fields.LEVERS.items():
            value = getattr(self, name)
            if value is not None:  # None = "use the catalogue's default"
                bound.check(value, f"levers.{name}")
        for k, v in self.tariff_overrides.items():
            if not isinstance(k, str) or not k.startswith(TARIFF_PARAM_PREFIX):
                raise ValidationError(
                    f"levers.tariff_overrides.{k}", v, "a duty param id such as duty_rate_car_jp"
                )
            fields.TARIFF_RATE.check(v, f"levers.tariff_overrides.{k}")

        for st, status in self.state_overrides.items():
            if st not in STATE_CODES:
                raise ValidationError(f"levers.state_overrides.{st}", status, "a state code")
            parse_state_override(f"levers.state_overrides.{st}", status)

    @property
    def is_status_quo(self) -> bool:
        return self == PolicyLevers()

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            v = getattr(self, name)
            d[name] = dict(v) if isinstance(v, Mapping) else v
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], field_prefix: str = "levers") -> PolicyLevers:
        kw: dict[str, Any] = {}
        for k, v in d.items():
            kind = _KINDS.get(k)
            name = f"{field_prefix}.{k}"
            if kind is None:
                raise ValidationError(name, v, "one of " + ", ".join(sorted(_KINDS)))
            if kind == _MAP:
                if not isinstance(v, Mapping):
                    raise ValidationError(name, v, "an object")
                kw[k] = MappingProxyType(dict(v))
            elif kind == _BOOL:
                if not isinstance(v, bool):
                    raise ValidationError(name, v, "true or false")
                kw[k] = v
            elif kind == _INT:
                if (
                    isinstance(v, bool)
                    or not isinstance(v, int | float)
                    or not math.isfinite(v)
                    or int(v) != v
                ):
                    raise ValidationError(name, v, "a whole number")
                kw[k] = int(v)
            elif kind == _OPT_FLOAT and v is None:
                kw[k] = None
            else:
                if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
                    raise ValidationError(name, v, "a number")
                kw[k] = float(v)
        try:
            return cls(**kw)
        except ValidationError as exc:
            if field_prefix == "levers":
                raise
            raise ValidationError(
                exc.field.replace("levers", field_prefix, 1), exc.value, exc.allowed
            ) from None


_KINDS: dict[str, str] = {
    "federal_kei_class": _BOOL,
    "kei_class_road_cap_mph": _OPT_FLOAT,
    "federal_msv_class": _BOOL,
    "msv_class_road_cap_mph": _OPT_FLOAT,
    "quadricycle_as_msv": _BOOL,
    "import_age_years": _INT,
    "tariff_overrides": _MAP,
    "purchase_incentive_usd": _FLOAT,
    "ev_incentive_usd": _FLOAT,
    "state_overrides": _MAP,
    "urban_speed_reduction_mph": _FLOAT,
    "light_truck_share_shift": _FLOAT,
    "us_annual_volume": _OPT_FLOAT,
    "certification_fixed_cost_usd": _OPT_FLOAT,
    "program_years": _OPT_FLOAT,
}


@dataclass(frozen=True)
class PolicyPackage:
    name: str
    levers: PolicyLevers


def parse_state_override(name: str, value: object) -> tuple[str, float | None]:
    """'allowed' -> ("allowed", None); 'restricted:35' -> ("restricted", 35.0)."""
    if not isinstance(value, str):
        raise ValidationError(name, value, _OVERRIDE_HELP)
    status, _, cap = value.partition(":")
    if status not in OVERRIDE_STATUSES or (cap and status != "restricted"):
        raise ValidationError(name, value, _OVERRIDE_HELP)
    if not cap:
        return status, None
    try:
        mph = float(cap)
    except ValueError:
        raise ValidationError(name, value, _OVERRIDE_HELP) from None
    fields.STATE_ROAD_CAP_MPH.check(mph, name)
    return status, mph


_OVERRIDE_HELP = (
    "one of " + ", ".join(OVERRIDE_STATUSES) + ", or restricted:<mph> such as restricted:35"
)
