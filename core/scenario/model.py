"""The Scenario: everything a user chose, frozen and validated. One Scenario in, one Result out."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from core.data.paths import SCENARIOS
from core.data.roads import ROAD_CLASSES
from core.data.states import STATE_CODES
from core.data.travel import FALLBACK_MODES, SECOND_CAR
from core.data.vehicles import Vehicle
from core.errors import ValidationError
from core.scenario import fields

if TYPE_CHECKING:  # the Scenario itself loads no tables (kept light for start-up)
    from core.data.catalog import Catalog
from core.scenario.levers import PolicyLevers, PolicyPackage
from core.scenario.overrides import (
    VehicleOverride,
    parse_overrides,
    vehicle_from_dict,
    vehicle_to_dict,
)

MAX_VEHICLES = fields.MAX_VEHICLES
PACKAGE_KEYS = ("name", "levers")
# The name of the scenario's own levers beside its packages (core.engine.evaluate_packages): no
# package may take it, and no two packages share a name (every view looks packages up by name).
BASELINE_NAME = "Baseline"


def package_name_key(name: str) -> str:
    """What two package names are compared by: case and surrounding spaces do not count."""
    return name.strip().casefold()


@dataclass(frozen=True)
class RoadMix:
    """Share of the owner's miles on each road class (sums to 1)."""

    shares: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.shares) != len(ROAD_CLASSES):
            raise ValidationError("road_mix", self.shares, f"{len(ROAD_CLASSES)} shares")
        for rc, s in zip(ROAD_CLASSES, self.shares, strict=True):
            fields.ROAD_MIX_SHARE.check(s, f"road_mix.{rc}")
        total = sum(self.shares)
        if abs(total - 1.0) > 1e-6:
            raise ValidationError("road_mix", round(total, 6), "shares that add up to 1 (100%)")

    @classmethod
    def normalised(cls, weights: Mapping[str, float]) -> RoadMix:
        vals = [float(weights.get(rc, 0.0)) for rc in ROAD_CLASSES]
        for rc, v in zip(ROAD_CLASSES, vals, strict=True):
            fields.ROAD_MIX_WEIGHT.check(v, f"road_mix.{rc}")
        total = sum(vals)
        if total <= 0:
            raise ValidationError(
                "road_mix", weights, "at least one road class with a share above 0"
            )
        return cls(tuple(v / total for v in vals))

    def as_dict(self) -> dict[str, float]:
        return dict(zip(ROAD_CLASSES, self.shares, strict=True))

    def matches(self, other: RoadMix) -> bool:
        """Same shares within rounding (a preset read back from a file still matches)."""
        return all(abs(a - b) < 1e-6 for a, b in zip(self.shares, other.shares, strict=True))


@dataclass(frozen=True)
class RoadMixPreset:
    """A named road mix from road_mix_presets.csv, normalised to shares that add up to 1."""

    id: str
    label: str
    mix: RoadMix
    source: str
    as_of: str


def road_mix_presets(catalog: Catalog) -> dict[str, RoadMixPreset]:
    """Every road-mix preset in the catalogue, by id, in file order."""
    if "road_mix_presets" not in catalog.tables:
        return {}
    return {
        str(row["id"]): RoadMixPreset(
            id=str(row["id"]),
            label=str(row["label"]),
            mix=RoadMix.normalised({rc: float(row[rc]) for rc in ROAD_CLASSES}),
            source=str(row["source"]),
            as_of=str(row["as_of"]),
        )
        for row in catalog.table("road_mix_presets").rows
    }


def preset_of(mix: RoadMix, presets: Mapping[str, RoadMixPreset]) -> str | None:
    """The id of the preset this mix equals, or None for a custom mix."""
    return next((pid for pid, p in presets.items() if p.mix.matches(mix)), None)


DEFAULT_FALLBACK_MODE = "ride_hail"  # why: docs/mobility.md


@dataclass(frozen=True)
class Fallback:
    """How the owner travels the miles a vehicle cannot take (core.policy.mobility).

    `mode` is one of FALLBACK_MODES (rows of resources/data/fallback_modes.csv); `vehicle` names
    the catalogue vehicle for "second_car" (a car the owner already has) and is empty otherwise.
    """

    mode: str = DEFAULT_FALLBACK_MODE
    vehicle: str = ""

    def __post_init__(self) -> None:
        if self.mode not in FALLBACK_MODES:
            raise ValidationError("fallback.mode", self.mode, "one of " + ", ".join(FALLBACK_MODES))
        if not isinstance(self.vehicle, str):
            raise ValidationError("fallback.vehicle", self.vehicle, "a vehicle id")
        if self.mode == SECOND_CAR and not self.vehicle:
            raise ValidationError(
                "fallback.vehicle", self.vehicle, "the id of the car you already own"
            )
        if self.mode != SECOND_CAR and self.vehicle:
            raise ValidationError(
                "fallback.vehicle", self.vehicle, f"empty unless fallback.mode is {SECOND_CAR}"
            )

    def to_dict(self) -> dict[str, str]:
        return {"mode": self.mode, **({"vehicle": self.vehicle} if self.vehicle else {})}

    @classmethod
    def from_dict(cls, d: Any) -> Fallback:
        if not isinstance(d, Mapping):
            raise ValidationError("fallback", d, 'an object such as {"mode": "ride_hail"}')
        for k in d:
            if k not in ("mode", "vehicle"):
                raise ValidationError(f"fallback.{k}", d[k], "a known field: mode, vehicle")
        mode = d.get("mode", DEFAULT_FALLBACK_MODE)
        if not isinstance(mode, str):
            raise ValidationError("fallback.mode", mode, "one of " + ", ".join(FALLBACK_MODES))
        return cls(mode, d.get("vehicle", ""))


@dataclass(frozen=True)
class Scenario:
    vehicles: tuple[str, ...]
    state: str
    annual_miles: float
    years: int
    road_mix: RoadMix
    financed: bool = True
    loan_apr: float = 0.07
    loan_term_months: int = 60
    down_payment_share: float = 0.10
    occupancy: float = 1.5
    overrides: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    levers: PolicyLevers = field(default_factory=PolicyLevers)
    packages: tuple[PolicyPackage, ...] = ()
    draws: int = 10_000
    seed: int = 20261125
    name: str = ""
    # The buyer's own numbers per vehicle id, and vehicles of their own (core.scenario.overrides)
    vehicle_overrides: Mapping[str, VehicleOverride] = field(
        default_factory=lambda: MappingProxyType({})
    )
    custom_vehicles: tuple[Vehicle, ...] = ()
    fallback: Fallback = field(default_factory=Fallback)

    def __post_init__(self) -> None:
        if not isinstance(self.vehicles, tuple) or not (1 <= len(self.vehicles) <= MAX_VEHICLES):
            raise ValidationError("vehicles", self.vehicles, f"1 to {MAX_VEHICLES} vehicle ids")
        if len(set(self.vehicles)) != len(self.vehicles):
            raise ValidationError("vehicles", self.vehicles, "different vehicles (no repeats)")
        if self.state not in STATE_CODES:
            raise ValidationError("state", self.state, "a US state code such as TX or DC")
        if not isinstance(self.financed, bool):
            raise ValidationError("financed", self.financed, "true or false")
        for name, bound in fields.SCENARIO.items():
            bound.check(getattr(self, name))
        if not isinstance(self.name, str):
            raise ValidationError("name", self.name, "text")
        try:
            self.name.encode("utf-8")
        except UnicodeEncodeError:
            raise ValidationError("name", "…", "text without lone surrogates") from None
        if len(self.packages) > fields.MAX_PACKAGES:
            raise ValidationError(
                "packages", len(self.packages), f"at most {fields.MAX_PACKAGES} policy packages"
            )
        seen: set[str] = set()
        for i, pkg in enumerate(self.packages):
            if not isinstance(pkg, PolicyPackage) or not isinstance(pkg.name, str):
                raise ValidationError(f"packages[{i}]", pkg, "a named policy package")
            key = package_name_key(pkg.name)
            if key == package_name_key(BASELINE_NAME):
                raise ValidationError(
                    f"packages[{i}].name", pkg.name, f"a name other than {BASELINE_NAME!r}"
                )
            if key in seen:
                raise ValidationError(
                    f"packages[{i}].name", pkg.name, "a name no other package has (no repeats)"
                )
            seen.add(key)
        for k, v in self.overrides.items():
            if not isinstance(k, str):
                raise ValidationError("overrides", k, "parameter ids")
            fields.OVERRIDE.check(v, f"overrides.{k}")
        if not isinstance(self.fallback, Fallback):
            raise ValidationError("fallback", self.fallback, "a Fallback")
        for vid, ov in self.vehicle_overrides.items():
            if not isinstance(vid, str) or not isinstance(ov, VehicleOverride):
                raise ValidationError("vehicle_overrides", vid, "vehicle id -> your figures")
        ids = [v.id for v in self.custom_vehicles]
        if len(set(ids)) != len(ids):
            raise ValidationError("custom_vehicles", ids, "different ids (no repeats)")

    def override_for(self, vid: str) -> VehicleOverride | None:
        return self.vehicle_overrides.get(vid)

    # -- conversion ----------------------------------------------------------------------------
    def with_(self, **changes: Any) -> Scenario:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "vehicles": list(self.vehicles),
            "state": self.state,
            "annual_miles": self.annual_miles,
            "years": self.years,
            "road_mix": self.road_mix.as_dict(),
            "financed": self.financed,
            "loan_apr": self.loan_apr,
            "loan_term_months": self.loan_term_months,
            "down_payment_share": self.down_payment_share,
            "occupancy": self.occupancy,
            "overrides": dict(self.overrides),
            "levers": self.levers.to_dict(),
            "packages": [{"name": p.name, "levers": p.levers.to_dict()} for p in self.packages],
            "draws": self.draws,
            "seed": self.seed,
            "vehicle_overrides": {k: v.to_dict() for k, v in self.vehicle_overrides.items()},
            "custom_vehicles": [vehicle_to_dict(v) for v in self.custom_vehicles],
            "fallback": self.fallback.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Scenario:
        if not isinstance(d, Mapping):
            raise ValidationError("scenario", type(d).__name__, "a JSON object")
        known = {
            "name",
            "vehicles",
            "state",
            "annual_miles",
            "years",
            "road_mix",
            "financed",
            "loan_apr",
            "loan_term_months",
            "down_payment_share",
            "occupancy",
            "overrides",
            "levers",
            "packages",
            "draws",
            "seed",
            "vehicle_overrides",
            "custom_vehicles",
            "fallback",
        }
        for k in d:
            if k not in known and k != "schema_version":
                raise ValidationError(k, d[k], "a known field: " + ", ".join(sorted(known)))
        for req in ("vehicles", "state", "annual_miles", "years", "road_mix"):
            if req not in d:
                raise ValidationError(req, None, "a value (this field is required)")
        vehicles = d["vehicles"]
        if not isinstance(vehicles, list) or not all(isinstance(v, str) for v in vehicles):
            raise ValidationError("vehicles", vehicles, "a list of vehicle ids")
        rm = d["road_mix"]
        if not isinstance(rm, Mapping):
            raise ValidationError("road_mix", rm, "an object of road class -> share")
        for k in rm:
            if k not in ROAD_CLASSES:
                raise ValidationError(f"road_mix.{k}", rm[k], "one of " + ", ".join(ROAD_CLASSES))
        road_mix = RoadMix(tuple(_float(f"road_mix.{rc}", rm.get(rc, 0.0)) for rc in ROAD_CLASSES))
        overrides = d.get("overrides", {})
        if not isinstance(overrides, Mapping):
            raise ValidationError("overrides", overrides, "an object of parameter id -> number")
        levers_d = d.get("levers", {})
        if not isinstance(levers_d, Mapping):
            raise ValidationError("levers", levers_d, "an object")
        packages_d = d.get("packages", [])
        if not isinstance(packages_d, list):
            raise ValidationError("packages", packages_d, "a list")
        packages = []
        for i, p in enumerate(packages_d):
            if not isinstance(p, Mapping) or not isinstance(p.get("name", ""), str):
                raise ValidationError(f"packages[{i}]", p, "an object with name and levers")
            for k in p:
                if k not in PACKAGE_KEYS:
                    raise ValidationError(
                        f"packages[{i}].{k}", p[k], "a known field: " + ", ".join(PACKAGE_KEYS)
                    )
            lv = p.get("levers", {})
            if not isinstance(lv, Mapping):
                raise ValidationError(f"packages[{i}].levers", lv, "an object")
            packages.append(
                PolicyPackage(
                    str(p.get("name", f"Package {i + 1}")),
                    PolicyLevers.from_dict(lv, f"packages[{i}].levers"),
                )
            )
        kw: dict[str, Any] = {
            "vehicles": tuple(vehicles),
            "state": d["state"],
            "annual_miles": d["annual_miles"],
            "years": d["years"],
            "road_mix": road_mix,
            "overrides": MappingProxyType(dict(overrides)),
            "levers": PolicyLevers.from_dict(levers_d),
            "packages": tuple(packages),
            "vehicle_overrides": MappingProxyType(parse_overrides(d.get("vehicle_overrides", {}))),
        }
        customs = d.get("custom_vehicles", [])
        if not isinstance(customs, list):
            raise ValidationError("custom_vehicles", customs, "a list of vehicle objects")
        kw["custom_vehicles"] = tuple(vehicle_from_dict(c, i) for i, c in enumerate(customs))
        if "fallback" in d:
            kw["fallback"] = Fallback.from_dict(d["fallback"])
        for k in (
            "financed",
            "loan_apr",
            "loan_term_months",
            "down_payment_share",
            "occupancy",
            "draws",
            "seed",
            "name",
        ):
            if k in d:
                kw[k] = d[k]
        for k in ("years", "loan_term_months", "draws", "seed"):
            if k in kw and isinstance(kw[k], float) and kw[k].is_integer():
                kw[k] = int(kw[k])
        if not isinstance(kw.get("name", ""), str):
            raise ValidationError("name", kw["name"], "text")
        return cls(**kw)


def _float(fld: str, v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise ValidationError(fld, v, "a number from 0 to 1")
    return float(v)


def default_scenario() -> Scenario:
    """The built-in default scenario (resources/scenarios/default.json)."""
    return load_preset("default")


def load_preset(name: str, directory: Path | None = None) -> Scenario:
    path = (directory or SCENARIOS) / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("description", None)
    data.pop("source", None)
    return Scenario.from_dict(data)
