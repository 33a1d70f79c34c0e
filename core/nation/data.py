"""The nation model's own figures, read from the catalogue: nation_params.csv (parameters with
low / central / high, source, as_of) and nation_states.csv (state populations)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from core.data.catalog import Catalog
from core.data.nation_tables import NATION_STATES
from core.data.states import STATE_CODES
from core.errors import DataError
from core.uncertain import Uncertain


@dataclass(frozen=True)
class NationData:
    catalog: Catalog
    population: Mapping[str, float]

    def u(self, pid: str) -> Uncertain:
        return self.catalog.u(pid)

    def central(self, pid: str) -> float:
        return self.catalog.central(pid)

    @property
    def us_population(self) -> float:
        return float(sum(self.population.values()))

    def share(self, state: str) -> float:
        """The state's share of the US resident population."""
        return self.population[state] / self.us_population


def nation_data(catalog: Catalog) -> NationData:
    table = catalog.table(NATION_STATES.name)
    pop = {str(r["state"]): float(r["population"]) for r in table.rows}
    missing = [s for s in STATE_CODES if s not in pop]
    if missing:
        raise DataError(NATION_STATES.file, f"no row for {', '.join(missing)}")
    return NationData(catalog, MappingProxyType(pop))
