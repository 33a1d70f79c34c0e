"""Table schemas for the feasibility model's data files in resources/data/.

SCHEMAS lists every table this model reads (besides vehicles.csv and feasibility_params.csv).
`validate(tables)` checks the cross-row rules (51 states, every pathway the code names).
"""

from __future__ import annotations

from collections.abc import Mapping

from core.data.params import CONFIDENCE
from core.data.states import STATE_CODES
from core.data.tables import Column, Table, TableSchema
from core.errors import DataError

# What a 25+-year-old kei vehicle may do on public roads in a state. "unclear" = sources conflict
# or are missing: the row names them instead of guessing.
KEI_STATUSES = ("allowed", "restricted", "off_road_only", "banned", "unclear")
CHECK_STATUSES = ("pass", "warn", "fail")
# Which state rule decides road access for a pathway.
STATE_RULES = ("kei_table", "lsv", "msv", "federal_class", "none")
SERVICE_LEVELS = ("franchised", "specialist", "none")
# Pathway ids the code maps vehicles to (core.policy.pathways); each must have a row.
PATHWAY_IDS = (
    "used_kei_25yr",
    "ri_new_kei",
    "low_volume_555",
    "us_certified_kei",
    "lsv",
    "msv",
    "federal_kei_class",
    "subcompact_baseline",
    "pickup_baseline",
    "us_market",
    "no_path",
)

STATES = TableSchema(
    name="states",
    key=("state",),
    doc="titling and road status of 25+-year-old kei vehicles, LSV and MSV rules, per state + DC",
    columns=(
        Column("state", choices=STATE_CODES, kind="enum", doc="two-letter code"),
        Column("kei_status", "enum", choices=KEI_STATUSES),
        Column(
            "kei_road_cap_mph",
            "float",
            required=False,
            min=0,
            max=90,
            doc="highest posted speed a kei vehicle may use; blank = none stated",
        ),
        Column("daily_use", "bool", doc="false where only antique/collector plates are possible"),
        Column("kei_rule", doc="the rule in words"),
        Column("lsv_allowed", "bool", doc="state lets FMVSS 500 low-speed vehicles on roads"),
        Column("lsv_road_cap_mph", "float", required=False, min=0, max=90),
        Column("msv_allowed", "bool", doc="state titles medium-speed vehicles"),
        Column("msv_road_cap_mph", "float", required=False, min=0, max=90),
        Column("in_flux", "bool", doc="rule changed since 2021 or a change is pending"),
        Column("pending", required=False, doc="pending bills, vetoes, reversals"),
        Column("confidence", "enum", choices=CONFIDENCE),
        Column("lsv_msv_source", doc="source of the LSV / MSV columns"),
        Column("lsv_msv_as_of", "date"),
    ),
)

PATHWAYS = TableSchema(
    name="pathways",
    key=("id",),
    doc="legal routes onto US roads and the baselines",
    columns=(
        Column("id", "enum", choices=PATHWAY_IDS),
        Column("label"),
        Column("federal_status", "enum", choices=CHECK_STATUSES),
        Column("federal_reason"),
        Column("needs_certification", "bool", doc="pays a per-unit FMVSS compliance cost"),
        Column("min_age_years", "float", required=False, min=0, max=100),
        Column("annual_cap_units", "float", required=False, min=0),
        Column("state_rule", "enum", choices=STATE_RULES),
        Column("service", "enum", choices=SERVICE_LEVELS),
        Column("in_flux", "bool"),
        Column("confidence", "enum", choices=CONFIDENCE),
    ),
)

INCENTIVE_PROGRAMS = TableSchema(
    name="incentive_programs",
    key=("id",),
    doc="federal purchase incentives, with the date each ended (blank = still open)",
    columns=(
        Column("id"),
        Column("label"),
        Column("amount_usd", "float", min=0, max=100_000),
        Column("applies_to", "enum", choices=("ev_new", "ev_used", "ev_commercial", "microcar")),
        Column("ended", "date", required=False),
    ),
)

SCHEMAS: tuple[TableSchema, ...] = (STATES, PATHWAYS, INCENTIVE_PROGRAMS)


def validate(tables: Mapping[str, Table]) -> None:
    states = tables["states"]
    missing = [s for s in STATE_CODES if s not in states.by_key]
    if missing or len(states) != len(STATE_CODES):
        raise DataError(
            "states.csv", f"needs one row for each of the 50 states and DC; missing {missing}"
        )
    for row in states.rows:
        if row["kei_status"] == "restricted" and row["kei_road_cap_mph"] == 0:
            raise DataError("states.csv", "restricted with a 0 mph cap: use banned", row["_row"])
        if row["lsv_allowed"] and row["lsv_road_cap_mph"] is None:
            raise DataError(
                "states.csv", "LSVs allowed but no cap", row["_row"], "lsv_road_cap_mph"
            )
    pathways = tables["pathways"]
    for pid in PATHWAY_IDS:
        if pid not in pathways.by_key:
            raise DataError("pathways.csv", f"missing the pathway {pid!r}")
