"""Table schemas for the feasibility model's data files in resources/data/.

SCHEMAS lists every table this model reads (besides vehicles.csv and feasibility_params.csv).
`validate(tables)` checks the cross-row rules (every state and kind has a rule, every pathway
the code names has a row).
"""

from __future__ import annotations

from collections.abc import Mapping

from core.data import state_rules
from core.data.params import CONFIDENCE
from core.data.tables import Column, Table, TableSchema
from core.errors import DataError

CHECK_STATUSES = ("pass", "warn", "fail")
# Which state rule decides road access for a pathway (core.policy.operating_class): the kei
# table (state_rules kinds kei_truck_25yr / kei_car_25yr), lsv, msv, a federal class, the rows
# for new vehicles not built to FMVSS, or none (US-certified).
PATHWAY_STATE_RULES = ("kei_table", "lsv", "msv", "federal_class", "non_fmvss", "none")
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
        Column("state_rule", "enum", choices=PATHWAY_STATE_RULES),
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

SCHEMAS: tuple[TableSchema, ...] = (state_rules.STATE_RULES, PATHWAYS, INCENTIVE_PROGRAMS)


def validate(tables: Mapping[str, Table]) -> None:
    state_rules.validate(tables["state_rules"])
    pathways = tables["pathways"]
    for pid in PATHWAY_IDS:
        if pid not in pathways.by_key:
            raise DataError("pathways.csv", f"missing the pathway {pid!r}")
