"""Table schemas for the feasibility model's data files in resources/data/.

SCHEMAS lists every table this model reads (besides vehicles.csv and feasibility_params.csv). An
optional `validate(tables)` function checks cross-row rules and raises DataError.
"""

from __future__ import annotations

from core.tables import TableSchema

SCHEMAS: tuple[TableSchema, ...] = ()
