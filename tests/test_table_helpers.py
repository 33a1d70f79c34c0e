"""The shared helpers of core.data.tables for uncertain figures in three columns."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from core.data import cost_tables, mobility_tables, safety_tables
from core.data.catalog import Catalog
from core.data.tables import check_ordered, triple_columns, uncertain
from core.errors import DataError
from core.uncertain import Uncertain
from tests.cost_helpers import with_row


def test_triple_columns() -> None:
    cols = triple_columns("cost", 0.0, 50.0, "USD per mile", required=False)
    assert [c.name for c in cols] == ["cost_low", "cost_central", "cost_high"]
    assert all(c.kind == "float" and c.min == 0.0 and c.max == 50.0 for c in cols)
    assert not any(c.required for c in cols)
    assert cols[1].doc == "USD per mile (central)"
    assert all(c.required for c in triple_columns("y1", 0.1, 1.0, "kept"))


def test_uncertain_and_check_ordered() -> None:
    row = MappingProxyType({"x_low": 1.0, "x_central": 2.0, "x_high": 3.0, "_row": 7,
                            "m_low_kg": 900.0, "m_central_kg": 800.0, "m_high_kg": 1000.0})  # fmt: skip
    assert uncertain(row, "x") == Uncertain(1.0, 2.0, 3.0)
    kg = MappingProxyType({"m_low_kg": 700.0, "m_central_kg": 800.0, "m_high_kg": 1000.0})
    assert uncertain(kg, "m", "_kg") == Uncertain(700.0, 800.0, 1000.0)
    check_ordered("f.csv", row, "x")
    with pytest.raises(DataError) as err:
        check_ordered("f.csv", row, "m", "_kg")
    assert (err.value.file, err.value.row, err.value.column) == ("f.csv", 7, "m_central_kg")


@pytest.mark.parametrize(
    ("module", "table", "key", "name"),
    [
        (cost_tables, "cost_retained_value", "kei_car", "y1"),
        (cost_tables, "vintage_imports", "carry_1995_import", "dealer_margin_usd"),
        (mobility_tables, "fallback_modes", "transit", "occupant_deaths"),
        (safety_tables, "front_shapes", "low_sloped", "pedestrian"),
    ],
)
def test_every_table_rejects_an_unordered_triple(
    catalog: Catalog, module: object, table: str, key: str, name: str
) -> None:
    row = catalog.table(table)[key]
    bad = with_row(catalog, table, key, **{f"{name}_low": row[f"{name}_high"] + 1.0})
    with pytest.raises(DataError) as err:
        module.validate(bad.tables)  # type: ignore[attr-defined]
    assert (err.value.file, err.value.row, err.value.column) == (
        f"{table}.csv", row["_row"], f"{name}_central")  # fmt: skip
