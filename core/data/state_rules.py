"""State rules for each kind of microcar: one row per (state, kind), read from state_rules.csv.

A row says what a state allows for one kind of vehicle (a kei truck or kei car imported under the
25-year rule, a new vehicle not built to FMVSS, an FMVSS 500 low-speed vehicle, a state
medium-speed vehicle): its status, the highest posted speed it may use, the conditions, the
statute or agency text it rests on, and how sure we are (high = statute read; medium = agency
text read; low = secondary source only). A row for state "ALL" applies where a state has none.

Statuses (what the models do with them: core.policy.operating_class):
  allowed        registrable for daily use; `road_cap_mph` blank = every road, else that cap
  restricted     registrable with special limits: roads up to `road_cap_mph` (blank = set by
                 local ordinance: the `restricted_unspecified_road_cap_mph` param applies)
  limited_use    only farm, antique or collector plates: no general daily use
  off_road_only  no road registration
  banned         no title or registration
  unknown        no verified rule: never unrestricted; the `unknown_rule_road_cap_mph` assumption
                 (local roads posted 35 mph or less, user-editable) applies
"""

from __future__ import annotations

from core.data.states import STATE_CODES
from core.data.tables import Column, Row, Table, TableSchema
from core.errors import DataError

RULE_KINDS = ("kei_truck_25yr", "kei_car_25yr", "new_non_fmvss", "lsv", "msv")
KIND_LABELS = {
    "kei_truck_25yr": "kei truck imported under the 25-year rule",
    "kei_car_25yr": "kei car imported under the 25-year rule",
    "new_non_fmvss": "new vehicle not built to FMVSS",
    "lsv": "low-speed vehicle (FMVSS 500)",
    "msv": "medium-speed vehicle (state class)",
}
RULE_STATUSES = ("allowed", "restricted", "limited_use", "off_road_only", "banned", "unknown")
RULE_CONFIDENCE = ("high", "medium", "low")
ALL_STATES = "ALL"
# Statuses with no public road for daily use.
NO_ROAD = ("limited_use", "off_road_only", "banned")

STATE_RULES = TableSchema(
    name="state_rules",
    key=("state", "kind"),
    doc="what each state allows for each kind of microcar, with the statute and a confidence",
    columns=(
        Column("state", "enum", choices=(*STATE_CODES, ALL_STATES), doc="two-letter code or ALL"),
        Column("kind", "enum", choices=RULE_KINDS),
        Column("status", "enum", choices=RULE_STATUSES),
        Column(
            "road_cap_mph",
            "float",
            required=False,
            min=15,
            max=75,
            doc="highest posted speed the vehicle may use; blank = none stated",
        ),
        Column("conditions", doc="the rule in words: roads, plates, local option, farm use"),
        Column("citation", doc="statute, regulation or agency text the row rests on"),
        Column("url", required=False, doc="statute or agency page"),
        Column(
            "confidence",
            "enum",
            choices=RULE_CONFIDENCE,
            doc="high = statute read; medium = agency text read; low = secondary source",
        ),
        Column("in_flux", "bool", doc="changed since 2021 or a change is pending"),
        Column("pending", required=False, doc="pending bills, vetoes, reversals"),
    ),
)


def validate(table: Table) -> None:
    """Cross-row rules: every (state, kind) resolves; caps only where the status has roads."""
    f = STATE_RULES.file
    for row in table.rows:
        status, cap = row["status"], row["road_cap_mph"]
        if status in (*NO_ROAD, "unknown") and cap is not None:
            raise DataError(f, f"a {status} row has no road cap", row["_row"], "road_cap_mph")
        if row["kind"] in ("lsv", "msv") and status == "allowed" and cap is None:
            raise DataError(
                f, "an LSV / MSV rule always has a road cap", row["_row"], "road_cap_mph"
            )
        if not str(row["citation"]).strip():
            raise DataError(f, "every row names its citation", row["_row"], "citation")
    for kind in RULE_KINDS:
        if table.get(ALL_STATES, kind) is not None:
            continue
        missing = [s for s in STATE_CODES if table.get(s, kind) is None]
        if missing:
            raise DataError(
                f, f"kind {kind!r} has no row (and no ALL row) for {', '.join(missing)}"
            )


def rule_for(table: Table, state: str, kind: str) -> Row:
    """The state's row for this kind, or the kind's ALL row."""
    row = table.get(state, kind) or table.get(ALL_STATES, kind)
    if row is None:  # validate() makes this unreachable for a loaded catalogue
        raise KeyError(f"state_rules: no row for {state}/{kind}")
    return row
