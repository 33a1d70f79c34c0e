"""Table schema for the fallback travel modes (resources/data/fallback_modes.csv).

The owner's miles a vehicle cannot take go to the fallback mode the scenario names
(core.scenario.model.FALLBACK_MODES, core.policy.mobility). Each row says what a mile of that
mode costs and how its risk is found:

* cost_basis ``vehicle_mile``: cost_* US dollars per mile travelled (one fare for the party);
  ``passenger_mile``: per person, times the scenario's occupancy; ``catalogue_vehicle``: the
  marginal per-mile cost of a catalogue vehicle (the user's second car) from the cost model.
* risk_basis ``catalogue_vehicle``: the safety model's per-mile risk of ``risk_vehicle`` (or of
  the user's second car) on the roads of the fallback miles; ``passenger_mile``: occupant and
  others' deaths per 100 million passenger-miles (the *_deaths_* columns), times occupancy.
"""

from __future__ import annotations

from collections.abc import Mapping

from core.data.params import CONFIDENCE
from core.data.tables import (
    PARTS,
    Column,
    Table,
    TableSchema,
    check_ordered,
    triple_columns,
    uncertain,
)
from core.data.travel import FALLBACK_MODES, SECOND_CAR
from core.errors import DataError

__all__ = [
    "FALLBACK_MODES",
    "FALLBACK_MODE_TABLE",
    "SCHEMAS",
    "SECOND_CAR",
    "uncertain",
    "validate",
]

COST_BASES = ("vehicle_mile", "passenger_mile", "catalogue_vehicle")
RISK_BASES = ("catalogue_vehicle", "passenger_mile")


FALLBACK_MODE_TABLE = TableSchema(
    name="fallback_modes",
    key=("id",),
    doc="how the miles a vehicle cannot take are travelled: cost and risk per mile",
    columns=(
        Column("id", "enum", choices=FALLBACK_MODES),
        Column("label", doc="plain-language name shown in the app"),
        Column("cost_basis", "enum", choices=COST_BASES),
        *triple_columns(
            "cost", 0.0, 50.0, "US dollars per mile (per person for passenger_mile)", required=False
        ),
        Column("risk_basis", "enum", choices=RISK_BASES),
        Column(
            "risk_vehicle",
            required=False,
            ref="vehicles",
            doc="catalogue vehicle whose per-mile risk the mode carries",
        ),
        *triple_columns(
            "occupant_deaths",
            0.0,
            100.0,
            "occupant deaths per 100 million passenger-miles",
            required=False,
        ),
        *triple_columns(
            "others_deaths",
            0.0,
            100.0,
            "others' deaths per 100 million passenger-miles",
            required=False,
        ),
        Column("confidence", "enum", choices=CONFIDENCE),
    ),
)
SCHEMAS = (FALLBACK_MODE_TABLE,)


def validate(tables: Mapping[str, Table]) -> None:
    """Every mode has a row, and each row carries the figures its bases need, in order."""
    table = tables[FALLBACK_MODE_TABLE.name]
    file = FALLBACK_MODE_TABLE.file
    missing = [m for m in FALLBACK_MODES if m not in table.by_key]
    if missing:
        raise DataError(file, "rows missing for " + ", ".join(missing), None, "id")
    for row in table.rows:
        # the cost model prices a second car (and only a second car) as a catalogue vehicle
        if (row["cost_basis"] == "catalogue_vehicle") != (row["id"] == SECOND_CAR):
            raise DataError(file, f"cost_basis catalogue_vehicle is for the {SECOND_CAR} row "
                            "only, and that row needs it", row["_row"], "cost_basis")  # fmt: skip
        needs: list[str] = []
        if row["cost_basis"] != "catalogue_vehicle":
            needs.append("cost")
        if row["risk_basis"] == "passenger_mile":
            needs += ["occupant_deaths", "others_deaths"]
        elif row["id"] != SECOND_CAR and not row["risk_vehicle"]:
            raise DataError(file, "a catalogue_vehicle risk needs a risk_vehicle", row["_row"],
                            "risk_vehicle")  # fmt: skip
        for name in needs:
            if any(row[f"{name}_{k}"] is None for k in PARTS):
                raise DataError(file, f"{name}_low/central/high are required for this basis",
                                row["_row"], f"{name}_central")  # fmt: skip
            check_ordered(file, row, name)
