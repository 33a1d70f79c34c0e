"""Table schemas for the safety model's data files in resources/data/.

SCHEMAS lists every table this model reads (besides vehicles.csv and safety_params.csv). An
optional `validate(tables)` function checks cross-row rules and raises DataError.
"""

from __future__ import annotations

from collections.abc import Mapping

from core.data.params import CONFIDENCE
from core.data.roads import ROAD_CLASSES
from core.data.tables import Column, Table, TableSchema, check_ordered, triple_columns
from core.data.vehicles import CRASH_CLASSES, FRONT_SHAPES, VEHICLE_CLASSES
from core.errors import DataError

ROAD_SETTINGS = ("urban", "rural", "freeway")
# Shares in a table row may be rounded; a row is accepted if it adds up to 1 within this.
SHARE_SUM_TOLERANCE = 1e-6

_CONFIDENCE = Column(
    "confidence",
    "enum",
    choices=CONFIDENCE,
    doc="documented = measured/published; estimate = derived; judgement = set by reasoning",
)


ROAD_CLASS_TABLE = TableSchema(
    name="road_classes",
    key=("id",),
    doc="per road class: setting, traffic speed and relative death rate per mile",
    columns=(
        Column("id", "enum", choices=ROAD_CLASSES),
        Column("label"),
        Column(
            "setting",
            "enum",
            choices=ROAD_SETTINGS,
            doc="picks the speed exponents and pedestrian rate",
        ),
        Column("traffic_speed_mph", "float", min=5, max=90),
        Column(
            "death_index",
            "float",
            min=0.01,
            max=20,
            doc="driver death rate per mile relative to the all-roads average",
        ),
        _CONFIDENCE,
    ),
)

CRASH_PROTECTION_TABLE = TableSchema(
    name="crash_protection",
    key=("id",),
    doc="occupant crash-protection multiplier per crash class, against an FMVSS 5-star car of "
    "the same mass; and an extra single-vehicle multiplier",
    columns=(
        Column("id", "enum", choices=CRASH_CLASSES),
        Column("label"),
        *triple_columns("protection", 0.1, 20, "occupant crash-protection multiplier"),
        *triple_columns("single_vehicle", 0.1, 20, "extra single-vehicle crash multiplier"),
        _CONFIDENCE,
    ),
)

PARTNER_FLEET_TABLE = TableSchema(
    name="partner_fleet",
    key=("id",),
    doc="the vehicles a crash partner is drawn from: share of partners and curb mass",
    columns=(
        Column("id"),
        Column("label"),
        Column("share", "float", min=0, max=1),
        Column("light_vehicle", "bool", doc="counts toward risk imposed on other occupants"),
        Column("light_truck", "bool", doc="moved by the light-truck share lever"),
        Column("mass_low_kg", "float", min=100, max=60000),
        Column("mass_central_kg", "float", min=100, max=60000),
        Column("mass_high_kg", "float", min=100, max=60000),
        _CONFIDENCE,
    ),
)

FRONT_SHAPE_TABLE = TableSchema(
    name="front_shapes",
    key=("id",),
    doc="pedestrian fatality multiplier per front shape, against a low sloped front",
    columns=(
        Column("id", "enum", choices=FRONT_SHAPES),
        Column("label"),
        *triple_columns("pedestrian", 0.1, 10, "pedestrian fatality multiplier"),
        _CONFIDENCE,
    ),
)

ROAD_MIX_PRESET_TABLE = TableSchema(
    name="road_mix_presets",
    key=("id",),
    doc="named road mixes the GUI offers (shares of miles by road class, adding up to 1)",
    columns=(
        Column("id"),
        Column("label"),
        *(Column(rc, "float", min=0, max=1) for rc in ROAD_CLASSES),
        _CONFIDENCE,
    ),
)

OBSERVED_GROUPS = ("own", "others", "roads", "context")
# What each validation row compares (core/safety_validation.py computes the model side).
OBSERVED_MEASURES = (
    "driver_rate",  # driver deaths per million registered vehicle-years
    "driver_ratio",  # driver rate of vehicle a / vehicle b
    "mv_ratio",  # the same, multi-vehicle crashes only
    "protection_ratio",  # crash-protection factor of a crash class against FMVSS 5-star
    "other_driver_rate",  # other drivers killed per million registered vehicle-years
    "pedestrian_rate",  # pedestrians and cyclists killed per 100M miles
    "pedestrian_ratio",  # pedestrian rate of the row's front shape / a low sloped front
    "road_index",  # deaths per mile on some road classes / on the US-average mix
    "system_rate",  # own occupants plus pedestrians and cyclists killed per 100M miles
    "context",  # an observed figure against another observed figure (no model)
)

OBSERVED_TABLE = TableSchema(
    name="safety_observed",
    key=("id",),
    doc="observed US figures the safety model is checked against (docs/safety-validation.md)",
    columns=(
        Column("id"),
        Column("group", "enum", choices=OBSERVED_GROUPS),
        Column("label"),
        Column("chart_label", doc="a short label for the chart's axis"),
        Column("measure", "enum", choices=OBSERVED_MEASURES),
        Column("observed", "float", min=0, doc="the published figure"),
        Column("unit"),
        Column("vehicle", required=False, doc="catalogue vehicle id; else mass and classes"),
        Column("mass_kg", "float", required=False, min=100, max=10000),
        Column("mass_b_kg", "float", required=False, min=100, max=10000, doc="ratio rows"),
        Column("crash_class", "enum", required=False, choices=CRASH_CLASSES),
        Column("front_shape", "enum", required=False, choices=FRONT_SHAPES),
        Column("roads", required=False, doc="road classes, separated by ;"),
        Column(
            "edition_average",
            "float",
            required=False,
            min=1,
            doc="all-vehicle rate of the same IIHS edition (the model is scaled to it)",
        ),
        Column("comparison", "float", required=False, min=0, doc="context rows: the other figure"),
        _CONFIDENCE,
    ),
)

CLOSEST_CLASS_TABLE = TableSchema(
    name="safety_closest_class",
    key=("vehicle_class",),
    doc="per vehicle class: the IIHS rows (safety_observed.csv) nearest to it, for the "
    "catalogue part of docs/safety-validation.md",
    columns=(
        Column("vehicle_class", "enum", choices=VEHICLE_CLASSES),
        Column("own_row", ref=OBSERVED_TABLE.name, doc="an IIHS driver-rate row"),
        Column("others_row", ref=OBSERVED_TABLE.name, doc="an IIHS other-driver-rate row"),
        _CONFIDENCE,
    ),
)

SCHEMAS: tuple[TableSchema, ...] = (
    ROAD_CLASS_TABLE,
    CRASH_PROTECTION_TABLE,
    PARTNER_FLEET_TABLE,
    FRONT_SHAPE_TABLE,
    ROAD_MIX_PRESET_TABLE,
    OBSERVED_TABLE,
    CLOSEST_CLASS_TABLE,
)

# The preset whose mix defines "the average road" the death-rate anchor describes.
US_AVERAGE_PRESET = "us_average"


def _covers(table: Table, ids: tuple[str, ...]) -> None:
    missing = [i for i in ids if i not in table.by_key]
    if missing:
        raise DataError(table.schema.file, "rows missing for " + ", ".join(missing), None, "id")


def validate(tables: Mapping[str, Table]) -> None:
    """Cross-row rules: every enum value has a row, ranges are ordered, shares add up to 1."""
    roads = tables[ROAD_CLASS_TABLE.name]
    _covers(roads, ROAD_CLASSES)
    protection = tables[CRASH_PROTECTION_TABLE.name]
    _covers(protection, CRASH_CLASSES)
    for row in protection.rows:
        check_ordered(protection.schema.file, row, "protection")
        check_ordered(protection.schema.file, row, "single_vehicle")
    fronts = tables[FRONT_SHAPE_TABLE.name]
    _covers(fronts, FRONT_SHAPES)
    for row in fronts.rows:
        check_ordered(fronts.schema.file, row, "pedestrian")
    fleet = tables[PARTNER_FLEET_TABLE.name]
    for row in fleet.rows:
        check_ordered(fleet.schema.file, row, "mass", "_kg")
    total = sum(float(r["share"]) for r in fleet.rows)
    if abs(total - 1.0) > SHARE_SUM_TOLERANCE:
        raise DataError(fleet.schema.file, f"shares add up to {total:g}, not 1", None, "share")
    if not any(r["light_vehicle"] for r in fleet.rows):
        raise DataError(
            fleet.schema.file, "needs at least one light vehicle", None, "light_vehicle"
        )
    _validate_observed(tables[OBSERVED_TABLE.name])
    closest = tables[CLOSEST_CLASS_TABLE.name]
    _covers(closest, VEHICLE_CLASSES)
    observed = tables[OBSERVED_TABLE.name]
    for row in closest.rows:
        for col, measure in (("own_row", "driver_rate"), ("others_row", "other_driver_rate")):
            if observed[row[col]]["measure"] != measure:
                raise DataError(closest.schema.file, f"needs a {measure} row", row["_row"], col)
    presets = tables[ROAD_MIX_PRESET_TABLE.name]
    if US_AVERAGE_PRESET not in presets.by_key:
        raise DataError(presets.schema.file, f"row {US_AVERAGE_PRESET!r} is required", None, "id")
    for row in presets.rows:
        s = sum(float(row[rc]) for rc in ROAD_CLASSES)
        if abs(s - 1.0) > SHARE_SUM_TOLERANCE:
            raise DataError(
                presets.schema.file, f"shares add up to {s:g}, not 1", row["_row"], ROAD_CLASSES[0]
            )


def _validate_observed(table: Table) -> None:
    """Each validation row names what the model needs to compute its side."""
    for row in table.rows:
        measure = row["measure"]
        roads = row["roads"]
        if measure == "context" and row["comparison"] is None:
            raise DataError(table.schema.file, "context rows need a comparison", row["_row"])
        if measure in ("driver_ratio", "mv_ratio") and None in (row["mass_kg"], row["mass_b_kg"]):
            raise DataError(table.schema.file, "ratio rows need both masses", row["_row"])
        if measure == "road_index":
            bad = [r for r in (roads or "").split(";") if r not in ROAD_CLASSES]
            if not roads or bad:
                raise DataError(table.schema.file, "road classes expected", row["_row"], "roads")
        if measure != "context" and row["vehicle"] is None and row["crash_class"] is None:
            raise DataError(
                table.schema.file, "a vehicle or a crash class is needed", row["_row"], "vehicle"
            )
