"""The nation model's own figures: resources/data/nation_params.csv and nation_states.csv.

Loaded apart from the main catalogue (the nation view is the only reader), with the same schema
and checks as every other parameter file: low / central / high, unit, source, as_of.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from core.data.params import Param, param_schema
from core.data.paths import DATA
from core.data.states import STATE_CODES
from core.data.tables import SOURCE_COLUMNS, Column, TableSchema, load_table
from core.errors import DataError

PARAMS_FILE = "nation_params"
STATES = TableSchema(
    name="nation_states",
    key=("state",),
    columns=(
        Column("state", "enum", choices=STATE_CODES),
        Column("population", "float", min=0),
        *SOURCE_COLUMNS,
    ),
    doc="resident population of each state (weights of the national sums)",
)


@dataclass(frozen=True)
class NationData:
    params: Mapping[str, Param]
    population: Mapping[str, float]

    def p(self, pid: str) -> Param:
        return self.params[pid]

    @property
    def us_population(self) -> float:
        return float(sum(self.population.values()))

    def share(self, state: str) -> float:
        """The state's share of the US resident population."""
        return self.population[state] / self.us_population


def load_nation_data(directory: Path | None = None) -> NationData:
    d = directory if directory is not None else DATA
    return _load(d)


@functools.lru_cache(maxsize=4)
def _load(directory: Path) -> NationData:
    table = load_table(param_schema(PARAMS_FILE), directory)
    params = {str(r["id"]): Param.from_row(r, PARAMS_FILE) for r in table.rows}
    st = load_table(STATES, directory)
    pop = {str(r["state"]): float(r["population"]) for r in st.rows}
    missing = [s for s in STATE_CODES if s not in pop]
    if missing:
        raise DataError(STATES.file, f"no row for {', '.join(missing)}")
    return NationData(MappingProxyType(params), MappingProxyType(pop))
