"""fallback_modes.csv: the cross-row rules of core.data.mobility_tables.validate."""

from __future__ import annotations

import pytest

from core.data import mobility_tables
from core.data.catalog import Catalog
from core.errors import DataError
from tests.cost_helpers import with_row

TABLE = mobility_tables.FALLBACK_MODE_TABLE.name


def test_shipped_table_is_valid(catalog: Catalog) -> None:
    mobility_tables.validate(catalog.tables)


def test_only_the_second_car_is_priced_as_a_catalogue_vehicle(catalog: Catalog) -> None:
    # a ride-hail row priced as a catalogue vehicle would name no car to price
    bad = with_row(catalog, TABLE, "ride_hail", cost_basis="catalogue_vehicle")
    with pytest.raises(DataError) as err:
        mobility_tables.validate(bad.tables)
    row = catalog.table(TABLE)["ride_hail"]["_row"]
    assert (err.value.file, err.value.row, err.value.column) == (
        "fallback_modes.csv", row, "cost_basis")  # fmt: skip


def test_the_second_car_needs_the_catalogue_vehicle_basis(catalog: Catalog) -> None:
    # a per-mile fare on the second car row would be silently ignored
    bad = with_row(catalog, TABLE, "second_car", cost_basis="vehicle_mile", cost_low=0.1,
                   cost_central=0.2, cost_high=0.3)  # fmt: skip
    with pytest.raises(DataError) as err:
        mobility_tables.validate(bad.tables)
    row = catalog.table(TABLE)["second_car"]["_row"]
    assert (err.value.file, err.value.row, err.value.column) == (
        "fallback_modes.csv", row, "cost_basis")  # fmt: skip
