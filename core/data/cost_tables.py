"""Table schemas for the cost model's data files in resources/data/.

SCHEMAS lists every table this model reads (besides vehicles.csv and the param files); the
catalogue loads and validates them. `validate(tables)` checks the cross-row rules: every
low <= central <= high, every vehicle class has a row, age bands start at 0, vintage rows
name known vehicles.

Uncertain figures sit in three columns `<name>_low`, `<name>_central`, `<name>_high`;
`uncertain(row, name)` turns them into an Uncertain.
"""

from __future__ import annotations

from collections.abc import Mapping

from core.data.params import CONFIDENCE
from core.data.tables import Column, Row, Table, TableSchema
from core.data.vehicles import VEHICLE_CLASSES
from core.errors import DataError
from core.uncertain import Uncertain


def _triple(name: str, lo: float, hi: float, doc: str) -> tuple[Column, ...]:
    return tuple(
        Column(f"{name}_{part}", "float", min=lo, max=hi, doc=f"{doc} ({part})")
        for part in ("low", "central", "high")
    )


# Retained value: V(t) = price paid x max(floor, y1 x (1 - decline)^(t-1)), t = years owned.
RETAINED_TRIPLES = ("y1", "decline")
RETAINED_VALUE = TableSchema(
    name="cost_retained_value",
    key=("class",),
    doc="share of the price paid a vehicle keeps, by class (resale / depreciation)",
    columns=(
        Column("class", "enum", choices=VEHICLE_CLASSES),
        *_triple("y1", 0.1, 1.0, "share of the price paid kept after the first year"),
        *_triple("decline", 0.0, 0.5, "share of value lost each later year (never a gain)"),
        Column("floor", "float", min=0.0, max=1.0, doc="value never falls below this share"),
        Column("confidence", "enum", choices=CONFIDENCE),
    ),
)

# Running costs by class. Insurance_t = base + rate x value at the start of year t.
RUNNING_TRIPLES = ("insurance_base", "insurance_rate", "maintenance", "repairs", "registration")
RUNNING = TableSchema(
    name="cost_running",
    key=("class",),
    doc="insurance, maintenance, repairs and registration by class",
    columns=(
        Column("class", "enum", choices=VEHICLE_CLASSES),
        *_triple("insurance_base", 0, 10000, "insurance not tied to value, USD/yr"),
        *_triple("insurance_rate", 0, 0.2, "insurance per USD of value, per year"),
        *_triple("maintenance", 0, 1, "scheduled maintenance and tires, USD/mile, new"),
        *_triple("repairs", 0, 1, "unscheduled repairs, USD/mile, out of warranty"),
        *_triple("registration", 0, 5000, "flat annual registration and licence, USD/yr"),
        Column("confidence", "enum", choices=CONFIDENCE),
    ),
)

# Multipliers on the class maintenance/repairs rates by the vehicle's age (years since built).
AGE_FACTORS = TableSchema(
    name="cost_age_factors",
    key=("age_from",),
    doc="maintenance and repair multipliers by vehicle age band",
    columns=(
        Column("age_from", "int", min=0, max=100, doc="band starts at this vehicle age (years)"),
        Column("maintenance_factor", "float", min=0, max=10),
        Column("repairs_factor", "float", min=0, max=10),
        Column("confidence", "enum", choices=CONFIDENCE),
    ),
)

# 25-year imports sold by US dealers: the parts of their US price (core.cost.landed adds freight,
# duty at the effective rate and customs fees from the param files).
VINTAGE_TRIPLES = ("export_price_jpy", "dealer_margin_usd")
VINTAGE_IMPORTS = TableSchema(
    name="vintage_imports",
    key=("vehicle_id",),
    doc="25-year imports sold by US dealers: Japanese auction/export price and dealer margin",
    columns=(
        Column("vehicle_id", ref="vehicles", doc="a vehicles.csv id (import_path used_25yr)"),
        *_triple(
            "export_price_jpy",
            0,
            10_000_000,
            "price paid at a Japanese auction, no consumption tax (JPY)",
        ),
        *_triple(
            "dealer_margin_usd",
            0,
            50_000,
            "US importer/dealer margin on top of the landed cost (USD)",
        ),
        Column("confidence", "enum", choices=CONFIDENCE),
    ),
)

SCHEMAS: tuple[TableSchema, ...] = (RETAINED_VALUE, RUNNING, AGE_FACTORS, VINTAGE_IMPORTS)


def uncertain(row: Row, name: str) -> Uncertain:
    return Uncertain(row[f"{name}_low"], row[f"{name}_central"], row[f"{name}_high"])


def validate(tables: Mapping[str, Table]) -> None:
    for schema, triples in ((RETAINED_VALUE, RETAINED_TRIPLES), (RUNNING, RUNNING_TRIPLES)):
        table = tables[schema.name]
        for row in table.rows:
            for name in triples:
                lo, c, hi = (row[f"{name}_{p}"] for p in ("low", "central", "high"))
                if not lo <= c <= hi:
                    raise DataError(
                        schema.file, "need low <= central <= high", row["_row"], f"{name}_central"
                    )
        missing = [c for c in VEHICLE_CLASSES if c not in table.by_key]
        if missing:
            raise DataError(schema.file, "no row for class " + ", ".join(missing), None, "class")
    for row in tables[VINTAGE_IMPORTS.name].rows:
        for name in VINTAGE_TRIPLES:
            lo, c, hi = (row[f"{name}_{p}"] for p in ("low", "central", "high"))
            if not lo <= c <= hi:
                raise DataError(
                    VINTAGE_IMPORTS.file, "need low <= central <= high", row["_row"],
                    f"{name}_central",
                )  # fmt: skip
    ages = tables[AGE_FACTORS.name]
    if 0 not in ages.by_key:
        raise DataError(AGE_FACTORS.file, "the first age band must start at 0", None, "age_from")
