"""The buyer's own numbers for one vehicle, and vehicles of their own (issue #17).

``vehicle_overrides`` in a scenario maps a vehicle id to the figures the buyer knows better than
the catalogue: the price paid or quoted, the fuel economy, an insurance quote (full coverage or
liability-only), repairs and maintenance per year, the expected resale and the loan APR. Any
field left out keeps the model's default. ``custom_vehicles`` holds whole vehicle rows the buyer
copied from the catalogue, renamed and edited ("the exact car on the dealer's lot"); they are
saved inside the scenario file, so the file is self-contained.

Every problem is one ValidationError whose field names the vehicle and the field, e.g.
``vehicle_overrides.versa_2025.price_usd: -5 is not allowed; expected a number from 1 to ...``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from core.data.vehicles import VEHICLES, Vehicle
from core.errors import ValidationError

COVERAGES = ("full", "liability")
COVERAGE_LABELS = {"full": "Full coverage", "liability": "Liability only"}


@dataclass(frozen=True)
class OverrideField:
    label: str
    unit: str
    lo: float
    hi: float


# Validation bounds (what a person could plausibly type), not model figures.
OVERRIDE_FIELDS: dict[str, OverrideField] = {
    "price_usd": OverrideField("Price paid or quoted", "USD, delivered in the US", 1.0, 1e7),
    "mpg": OverrideField("Fuel economy", "mpg (US)", 1.0, 300.0),
    "kwh_per_100mi": OverrideField("Electricity use", "kWh per 100 mi", 1.0, 200.0),
    "insurance_usd_per_year": OverrideField("Insurance quote", "USD a year", 0.0, 1e5),
    "upkeep_usd_per_year": OverrideField("Repairs and maintenance", "USD a year", 0.0, 1e5),
    "resale_usd": OverrideField("Expected resale", "USD when sold", 0.0, 1e7),
    "loan_apr": OverrideField("Loan APR", "fraction a year (0.07 = 7%)", 0.0, 0.40),
}
_ID = re.compile(r"^[a-z0-9][a-z0-9_]{0,47}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _number(fld: str, v: Any, spec: OverrideField) -> float:
    allowed = f"a number from {spec.lo:g} to {spec.hi:g} ({spec.unit})"
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        raise ValidationError(fld, v, allowed)
    if not spec.lo <= v <= spec.hi:
        raise ValidationError(fld, v, allowed)
    return float(v)


@dataclass(frozen=True)
class VehicleOverride:
    """The buyer's figures for one vehicle; None = the model's default."""

    price_usd: float | None = None
    mpg: float | None = None
    kwh_per_100mi: float | None = None
    insurance_usd_per_year: float | None = None
    insurance_coverage: str = "full"
    upkeep_usd_per_year: float | None = None
    resale_usd: float | None = None
    loan_apr: float | None = None

    @classmethod
    def from_dict(cls, vid: str, d: Any) -> VehicleOverride:
        base = f"vehicle_overrides.{vid}"
        if not isinstance(d, Mapping):
            raise ValidationError(base, d, "an object of field -> value")
        kw: dict[str, Any] = {}
        for k, v in d.items():
            fld = f"{base}.{k}"
            if k == "insurance_coverage":
                if v not in COVERAGES:
                    raise ValidationError(fld, v, "one of " + ", ".join(COVERAGES))
                kw[k] = v
            elif k in OVERRIDE_FIELDS:
                if v is not None:
                    kw[k] = _number(fld, v, OVERRIDE_FIELDS[k])
            else:
                known = ", ".join([*OVERRIDE_FIELDS, "insurance_coverage"])
                raise ValidationError(fld, v, "a known field: " + known)
        if kw.get("mpg") is not None and kw.get("kwh_per_100mi") is not None:
            raise ValidationError(
                f"{base}.kwh_per_100mi", kw["kwh_per_100mi"], "either mpg or kwh_per_100mi"
            )
        return cls(**kw)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: getattr(self, k) for k in OVERRIDE_FIELDS}
        out = {k: v for k, v in out.items() if v is not None}
        if self.insurance_coverage != "full":
            out["insurance_coverage"] = self.insurance_coverage
        return out

    @property
    def is_empty(self) -> bool:
        return not self.to_dict()

    def set_fields(self) -> dict[str, float]:
        """The numeric fields the buyer set."""
        return {k: v for k, v in self.to_dict().items() if k in OVERRIDE_FIELDS}


def parse_overrides(d: Any) -> dict[str, VehicleOverride]:
    if not isinstance(d, Mapping):
        raise ValidationError("vehicle_overrides", d, "an object of vehicle id -> your figures")
    out: dict[str, VehicleOverride] = {}
    for vid, ov in d.items():
        if not isinstance(vid, str) or not vid:
            raise ValidationError("vehicle_overrides", vid, "vehicle ids")
        parsed = VehicleOverride.from_dict(vid, ov)
        if not parsed.is_empty:
            out[vid] = parsed
    return out


def check_for_vehicle(vid: str, ov: VehicleOverride, vehicle: Vehicle) -> None:
    """Rules that need the vehicle: fuel economy in the unit of its powertrain."""
    if vehicle.is_ev and ov.mpg is not None:
        raise ValidationError(
            f"vehicle_overrides.{vid}.mpg", ov.mpg, "kwh_per_100mi for an electric vehicle"
        )
    if not vehicle.is_ev and ov.kwh_per_100mi is not None:
        raise ValidationError(
            f"vehicle_overrides.{vid}.kwh_per_100mi",
            ov.kwh_per_100mi,
            "mpg for a vehicle that burns fuel",
        )


# -- custom vehicles ---------------------------------------------------------------------------
VEHICLE_FIELDS = tuple(f.name for f in fields(Vehicle))
_ROW_NAME = {"vclass": "class"}  # Vehicle attribute -> vehicles.csv column


def vehicle_to_dict(v: Vehicle) -> dict[str, Any]:
    return {_ROW_NAME.get(k, k): getattr(v, k) for k in VEHICLE_FIELDS}


def vehicle_from_dict(d: Any, index: int) -> Vehicle:
    """A custom vehicle from its saved row, checked against the catalogue's column rules."""
    base = f"custom_vehicles[{index}]"
    if not isinstance(d, Mapping):
        raise ValidationError(base, d, "an object with the vehicle's fields")
    vid = d.get("id")
    if not isinstance(vid, str) or not _ID.match(vid):
        raise ValidationError(f"{base}.id", vid, "lower-case letters, digits and _ (max 48)")
    where = f"custom_vehicles.{vid}"
    columns = {c.name: c for c in VEHICLES.all_columns}
    for k in d:
        if k not in columns:
            raise ValidationError(f"{where}.{k}", d[k], "a vehicle column of vehicles.csv")
    row: dict[str, Any] = {}
    for name, col in columns.items():
        v = d.get(name)
        fld = f"{where}.{name}"
        if v is None or v == "":
            if col.required:
                raise ValidationError(fld, v, "a value (this field is required)")
            row[name] = None
            continue
        if col.kind in ("float", "int"):
            lo = -math.inf if col.min is None else col.min
            hi = math.inf if col.max is None else col.max
            allowed = f"a number from {lo:g} to {hi:g}"
            if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
                raise ValidationError(fld, v, allowed)
            if not lo <= v <= hi or (col.kind == "int" and int(v) != v):
                raise ValidationError(fld, v, allowed)
            row[name] = int(v) if col.kind == "int" else float(v)
        elif col.kind == "bool":
            if not isinstance(v, bool):
                raise ValidationError(fld, v, "true or false")
            row[name] = v
        elif col.kind == "enum":
            if v not in col.choices:
                raise ValidationError(fld, v, "one of " + ", ".join(col.choices))
            row[name] = v
        else:
            if not isinstance(v, str):
                raise ValidationError(fld, v, "text")
            if col.kind == "date" and not _DATE.match(v):
                raise ValidationError(fld, v, "a date like 2026-12 or 2026-12-01")
            row[name] = v
    if not row["price_low"] <= row["price"] <= row["price_high"]:
        raise ValidationError(f"{where}.price", row["price"], "price_low <= price <= price_high")
    return Vehicle.from_row(row)


def custom_copy(v: Vehicle, new_id: str, name: str, source: str, as_of: str) -> Vehicle:
    """A copy of a catalogue vehicle under the buyer's id and name."""
    row = vehicle_to_dict(v)
    row.update(id=new_id, name=name, source=source, as_of=as_of)
    return vehicle_from_dict(row, 0)
