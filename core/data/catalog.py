"""The validated, typed catalogue of every default figure, loaded from resources/data/."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from core.data import cost_tables as cost_data
from core.data import feasibility_tables as feasibility_data
from core.data import mobility_tables, nation_tables
from core.data import safety_tables as safety_data
from core.data.params import PARAM_FILES, Param, param_schema
from core.data.paths import DATA
from core.data.tables import Table, TableSchema, check_refs, load_table
from core.data.vehicles import VEHICLES, Vehicle
from core.errors import DataError, ValidationError
from core.uncertain import Uncertain


def all_schemas() -> tuple[TableSchema, ...]:
    """Every table the app loads, in load order."""
    return (
        VEHICLES,
        *(param_schema(n) for n in PARAM_FILES),
        *cost_data.SCHEMAS,
        *safety_data.SCHEMAS,
        *feasibility_data.SCHEMAS,
        *mobility_tables.SCHEMAS,
        *nation_tables.SCHEMAS,
    )


@dataclass(frozen=True)
class SourceEntry:
    """One default figure as the Sources view lists it."""

    kind: str  # "parameter", "vehicle" or a table name
    id: str
    label: str
    value: str
    unit: str
    source: str
    as_of: str
    confidence: str
    user_set: bool = False


@dataclass(frozen=True)
class Catalog:
    vehicles: Mapping[str, Vehicle]
    params: Mapping[str, Param]
    tables: Mapping[str, Table]
    directory: Path

    # -- lookups -----------------------------------------------------------------------------
    def vehicle(self, vid: str) -> Vehicle:
        v = self.vehicles.get(vid)
        if v is None:
            raise ValidationError("vehicle", vid, "one of " + ", ".join(sorted(self.vehicles)))
        return v

    def param(self, pid: str) -> Param:
        p = self.params.get(pid)
        if p is None:
            raise KeyError(f"no parameter {pid!r} in {', '.join(PARAM_FILES)}")
        return p

    def u(self, pid: str) -> Uncertain:
        return self.param(pid).value

    def central(self, pid: str) -> float:
        return self.param(pid).value.central

    def table(self, name: str) -> Table:
        return self.tables[name]

    # -- derived catalogues ------------------------------------------------------------------
    def with_overrides(self, overrides: Mapping[str, float], field: str = "overrides") -> Catalog:
        """User-set central values; each keeps its default's relative low/high spread, cut to
        the parameter's [min, max]."""
        if not overrides:
            return self
        params = dict(self.params)
        for pid, value in overrides.items():
            p = params.get(pid)
            if p is None:
                raise ValidationError(f"{field}.{pid}", value, "a known parameter id")
            if not isinstance(value, int | float) or isinstance(value, bool) or value != value:
                raise ValidationError(f"{field}.{pid}", value, p.allowed())
            if (p.min is not None and value < p.min) or (p.max is not None and value > p.max):
                raise ValidationError(f"{field}.{pid}", value, p.allowed())
            # the default's relative spread, cut to what the parameter allows: draws never
            # leave [min, max] (a share of 1 with a +20% spread would draw shares above 1)
            scaled = p.value.scaled_to(float(value)).clipped(p.min, p.max)
            params[pid] = dataclasses.replace(p, value=scaled, user_set=True)
        return dataclasses.replace(self, params=MappingProxyType(params))

    def with_params(self, values: Mapping[str, Uncertain]) -> Catalog:
        """Replace whole ranges (used by policy levers)."""
        params = dict(self.params)
        for pid, u in values.items():
            p = self.param(pid)
            params[pid] = dataclasses.replace(p, value=u.clipped(p.min, p.max))
        return dataclasses.replace(self, params=MappingProxyType(params))

    def with_vehicle(self, vehicle: Vehicle) -> Catalog:
        vehicles = dict(self.vehicles)
        vehicles[vehicle.id] = vehicle
        return dataclasses.replace(self, vehicles=MappingProxyType(vehicles))

    def sources(self) -> list[SourceEntry]:
        out: list[SourceEntry] = []
        for p in self.params.values():
            v = p.value
            val = f"{v.central:g}" if v.is_fixed else f"{v.central:g} ({v.low:g}–{v.high:g})"
            out.append(
                SourceEntry(
                    "parameter",
                    p.id,
                    p.label,
                    val,
                    p.unit,
                    p.source,
                    p.as_of,
                    p.confidence,
                    p.user_set,
                )
            )
        for veh in self.vehicles.values():
            out.append(
                SourceEntry(
                    "vehicle",
                    veh.id,
                    veh.name,
                    f"{veh.price:,.0f}",
                    veh.price_currency,
                    veh.source,
                    veh.as_of,
                    "documented",
                )
            )
        for name, t in self.tables.items():
            if name == "vehicles" or name in PARAM_FILES:
                continue
            for row in t.rows:
                key = ", ".join(str(row[k]) for k in t.schema.key)
                out.append(
                    SourceEntry(
                        name,
                        key,
                        key,
                        _row_summary(row, t.schema),
                        "",
                        row["source"],
                        row["as_of"],
                        str(row.get("confidence", "documented")),
                    )
                )
        return out


def _row_summary(row: Mapping[str, object], schema: TableSchema) -> str:
    skip = set(schema.key) | {"source", "as_of", "_row", "confidence"}
    parts = [f"{k}={v}" for k, v in row.items() if k not in skip and v not in (None, "")]
    return "; ".join(parts)[:160]


def load_catalog(directory: Path | None = None) -> Catalog:
    """Load and validate every file; raise DataError naming file, row and column."""
    if directory is None:
        return _default_catalog()
    return _load(Path(directory))


@functools.lru_cache(maxsize=1)
def _default_catalog() -> Catalog:
    return _load(DATA)


def _load(directory: Path) -> Catalog:
    tables: dict[str, Table] = {}
    for schema in all_schemas():
        tables[schema.name] = load_table(schema, directory)
    check_refs(tables)
    params: dict[str, Param] = {}
    for name in PARAM_FILES:
        for row in tables[name].rows:
            pid = row["id"]
            if pid in params:
                raise DataError(
                    f"{name}.csv",
                    f"id {pid!r} is also defined in {params[pid].file}",
                    row["_row"],
                    "id",
                )
            try:
                params[pid] = Param.from_row(row, f"{name}.csv")
            except ValueError as exc:
                raise DataError(f"{name}.csv", str(exc), row["_row"], "central") from None
            p = params[pid]
            if (p.min is not None and p.value.low < p.min) or (
                p.max is not None and p.value.high > p.max
            ):
                raise DataError(f"{name}.csv", "low/high outside min/max", row["_row"], "low")
    vehicles: dict[str, Vehicle] = {}
    for row in tables["vehicles"].rows:
        v = Vehicle.from_row(row)
        if not (v.price_low <= v.price <= v.price_high):
            raise DataError(
                "vehicles.csv", "need price_low <= price <= price_high", row["_row"], "price"
            )
        vehicles[v.id] = v
    for mod in (cost_data, safety_data, feasibility_data, mobility_tables):
        validate = getattr(mod, "validate", None)
        if validate is not None:
            validate(tables)
    return Catalog(
        vehicles=MappingProxyType(vehicles),
        params=MappingProxyType(params),
        tables=MappingProxyType(tables),
        directory=directory,
    )


def resource_files() -> Iterable[str]:
    return [s.file for s in all_schemas()]
