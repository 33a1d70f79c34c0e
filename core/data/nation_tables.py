"""Tables of the nation view (core/nation; docs/nation-model.md), besides nation_params.csv.

SCHEMAS lists every table the nation model reads.
"""

from __future__ import annotations

from core.data.states import STATE_CODES
from core.data.tables import SOURCE_COLUMNS, Column, TableSchema

NATION_STATES = TableSchema(
    name="nation_states",
    key=("state",),
    columns=(
        Column("state", "enum", choices=STATE_CODES, doc="US state code"),
        Column("population", "float", min=0, doc="resident population (weights of national sums)"),
        *SOURCE_COLUMNS,
    ),
    doc="resident population of each state",
)

SCHEMAS: tuple[TableSchema, ...] = (NATION_STATES,)
