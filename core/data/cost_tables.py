"""Table schemas for the cost model's data files in resources/data/.

SCHEMAS lists every table this model reads (besides vehicles.csv and the param files); the
catalogue loads and validates them. `validate(tables)` checks the cross-row rules: every
low <= central <= high, every vehicle class has a row, age bands start at 0, vintage rows
name known vehicles.

Uncertain figures sit in three columns `<name>_low`, `<name>_central`, `<name>_high`;
`core.data.tables.uncertain(row, name)` turns them into an Uncertain.
"""

from __future__ import annotations

from collections.abc import Mapping

from core.data.params import CONFIDENCE
from core.data.states import STATE_CODES
from core.data.tables import Column, Table, TableSchema, check_ordered, triple_columns
from core.data.vehicles import VEHICLE_CLASSES
from core.errors import DataError

# Retained value: V(t) = price paid x max(floor, y1 x (1 - decline)^(t-1)), t = years owned.
RETAINED_TRIPLES = ("y1", "decline")
RETAINED_VALUE = TableSchema(
    name="cost_retained_value",
    key=("class",),
    doc="share of the price paid a vehicle keeps, by class (resale / depreciation)",
    columns=(
        Column("class", "enum", choices=VEHICLE_CLASSES),
        *triple_columns("y1", 0.1, 1.0, "share of the price paid kept after the first year"),
        *triple_columns("decline", 0.0, 0.5, "share of value lost each later year (never a gain)"),
        Column("floor", "float", min=0.0, max=1.0, doc="value never falls below this share"),
        Column("confidence", "enum", choices=CONFIDENCE),
    ),
)

# Running costs by class (insurance: INSURANCE; registration and taxes: STATE_FEES).
RUNNING_TRIPLES = ("maintenance", "repairs")
RUNNING = TableSchema(
    name="cost_running",
    key=("class",),
    doc="maintenance and repairs by class",
    columns=(
        Column("class", "enum", choices=VEHICLE_CLASSES),
        *triple_columns("maintenance", 0, 1, "scheduled maintenance and tires, USD/mile, new"),
        *triple_columns("repairs", 0, 1, "unscheduled repairs, USD/mile, out of warranty"),
        Column("confidence", "enum", choices=CONFIDENCE),
    ),
)

# Insurance by class, national averages (issue #17). Full coverage in year t =
# liability + physical_base + physical_rate x value at the start of year t; liability-only =
# liability. Each part is scaled by the state's factor (INSURANCE_STATES).
INSURANCE_TRIPLES = ("liability", "physical_base", "physical_rate")
INSURANCE = TableSchema(
    name="insurance_rates",
    key=("class",),
    doc="insurance premiums by class (national): liability part and physical-damage part",
    columns=(
        Column("class", "enum", choices=VEHICLE_CLASSES),
        *triple_columns("liability", 0, 10000, "liability-only (state minimum) premium, USD/yr"),
        *triple_columns("physical_base", 0, 10000, "collision + comprehensive, fixed part, USD/yr"),
        *triple_columns(
            "physical_rate", 0, 0.2, "collision + comprehensive per USD of value, per yr"
        ),
        Column("confidence", "enum", choices=CONFIDENCE),
    ),
)

# Published state averages; the model uses their ratio to the national average of the same
# source (params insurance_state_ref_full_usd / insurance_state_ref_minimum_usd).
INSURANCE_STATES = TableSchema(
    name="insurance_states",
    key=("state",),
    doc="average premiums by state: full coverage and minimum (liability-only) coverage",
    columns=(
        Column("state", "enum", choices=STATE_CODES, doc="two-letter code"),
        Column("full_usd", "float", min=1, max=20000, doc="average full-coverage premium, USD/yr"),
        Column("minimum_usd", "float", min=1, max=20000, doc="average minimum-coverage premium"),
        Column("confidence", "enum", choices=CONFIDENCE),
    ),
)

# How a state taxes a vehicle purchase (all apply to the price paid, landing costs included).
TAX_KINDS = (
    "sales",  # general sales / use tax
    "motor_vehicle_sales",  # a separate motor-vehicle sales or use tax
    "highway_use",  # NC highway use tax
    "excise",  # motor vehicle excise or titling tax
    "title_ad_valorem",  # GA TAVT
    "usage_tax",  # KY
    "document_fee",  # DE
    "registration_fee",  # IA fee for new registration
    "infrastructure_fee",  # SC (capped)
    "purchase_use",  # VT
    "privilege",  # OR (new vehicles), WV
    "none",
)
# One row per state and DC: taxes at purchase, title, and the yearly fees and taxes.
STATE_FEES = TableSchema(
    name="state_fees",
    key=("state",),
    doc="vehicle taxes and fees by state: purchase tax, title, registration, property tax",
    columns=(
        Column("state", "enum", choices=STATE_CODES, doc="two-letter code"),
        Column("tax_kind", "enum", choices=TAX_KINDS),
        Column("tax_rate", "float", min=0, max=0.2, doc="state rate on the purchase price"),
        Column("local_rate", "float", min=0, max=0.1, doc="average local rate on vehicles"),
        Column("tax_cap_usd", "float", required=False, min=0, max=100000, doc="maximum tax"),
        Column("tax_new_only", "bool", doc="the tax applies only to new vehicles"),
        Column("title_fee_usd", "float", min=0, max=5000, doc="title (and first-plate) fees"),
        Column("registration_usd", "float", min=0, max=5000, doc="registration, USD a year"),
        Column(
            "heavy_from_lb",
            "float",
            required=False,
            min=0,
            max=20000,
            doc="curb weight from which registration_heavy_usd applies",
        ),
        Column("registration_heavy_usd", "float", required=False, min=0, max=5000),
        Column(
            "old_from_years",
            "float",
            required=False,
            min=0,
            max=100,
            doc="vehicle age from which registration_old_usd replaces every fee by value",
        ),
        Column("registration_old_usd", "float", required=False, min=0, max=5000),
        Column("ev_fee_usd", "float", min=0, max=5000, doc="extra yearly fee for an EV"),
        Column(
            "efficient_from_mpg",
            "float",
            required=False,
            min=1,
            max=200,
            doc="rated mpg from which efficient_fee_usd applies (fuel vehicles)",
        ),
        Column("efficient_fee_usd", "float", required=False, min=0, max=5000),
        Column(
            "value_fee_rate",
            "float",
            required=False,
            min=0,
            max=0.1,
            doc="yearly registration fee or excise by value, share of current value",
        ),
        Column(
            "property_tax_rate",
            "float",
            min=0,
            max=0.1,
            doc="yearly personal property tax on the vehicle, share of current value",
        ),
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
        *triple_columns(
            "export_price_jpy",
            0,
            10_000_000,
            "price paid at a Japanese auction, no consumption tax (JPY)",
        ),
        *triple_columns(
            "dealer_margin_usd",
            0,
            50_000,
            "US importer/dealer margin on top of the landed cost (USD)",
        ),
        Column("confidence", "enum", choices=CONFIDENCE),
    ),
)

SCHEMAS: tuple[TableSchema, ...] = (
    RETAINED_VALUE,
    RUNNING,
    AGE_FACTORS,
    INSURANCE,
    INSURANCE_STATES,
    STATE_FEES,
    VINTAGE_IMPORTS,
)


def _check_triples(table: Table, triples: tuple[str, ...]) -> None:
    for row in table.rows:
        for name in triples:
            check_ordered(table.schema.file, row, name)


def validate(tables: Mapping[str, Table]) -> None:
    for schema, triples in (
        (RETAINED_VALUE, RETAINED_TRIPLES),
        (RUNNING, RUNNING_TRIPLES),
        (INSURANCE, INSURANCE_TRIPLES),
    ):
        table = tables[schema.name]
        _check_triples(table, triples)
        missing = [c for c in VEHICLE_CLASSES if c not in table.by_key]
        if missing:
            raise DataError(schema.file, "no row for class " + ", ".join(missing), None, "class")
    for schema in (STATE_FEES, INSURANCE_STATES):
        table = tables[schema.name]
        missing = [s for s in STATE_CODES if s not in table.by_key]
        if missing:
            raise DataError(schema.file, "no row for state " + ", ".join(missing), None, "state")
    for row in tables[STATE_FEES.name].rows:
        for a, b in (
            ("heavy_from_lb", "registration_heavy_usd"),
            ("old_from_years", "registration_old_usd"),
            ("efficient_from_mpg", "efficient_fee_usd"),
        ):
            if (row[a] is None) != (row[b] is None):
                raise DataError(STATE_FEES.file, f"set both {a} and {b} or neither", row["_row"], b)
    for row in tables[INSURANCE_STATES.name].rows:
        if row["minimum_usd"] > row["full_usd"]:
            raise DataError(
                INSURANCE_STATES.file, "minimum above full coverage", row["_row"], "minimum_usd"
            )
    _check_triples(tables[VINTAGE_IMPORTS.name], VINTAGE_TRIPLES)
    ages = tables[AGE_FACTORS.name]
    if 0 not in ages.by_key:
        raise DataError(AGE_FACTORS.file, "the first age band must start at 0", None, "age_from")
