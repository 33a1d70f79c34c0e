"""The vehicle catalogue: every row honest and usable by the cost model."""

from __future__ import annotations

import pytest

from core.cost import ownership as cost
from core.data.catalog import Catalog
from core.units import KM_PER_MILE, LITRES_PER_US_GALLON

REQUIRED = (
    "nbox_2025", "alto_2025", "hijet_truck_2025", "carry_1995_import", "sambar_1996_import",
    "ami_2025", "topolino_2025", "lsv_gem_e4", "versa_2025", "mirage_2024", "corolla_2018_used",
    "maverick_2025", "f150_xl_2025", "f150_xlt_2025",
)  # fmt: skip


def test_catalogue_holds_the_issue_vehicles(catalog: Catalog) -> None:
    assert set(REQUIRED) <= set(catalog.vehicles)
    classes = {catalog.vehicle(v).vclass for v in REQUIRED}
    assert {"kei_car", "kei_truck", "kei_truck_import", "quadricycle", "lsv", "subcompact",
            "compact_used", "compact_pickup", "fullsize_pickup"} <= classes  # fmt: skip
    assert not any("SEED ROW" in v.source for v in catalog.vehicles.values())


def test_every_vehicle_has_source_and_date(catalog: Catalog) -> None:
    for v in catalog.vehicles.values():
        assert v.source.strip() and v.as_of.strip(), v.id


def test_japanese_prices_include_consumption_tax(catalog: Catalog) -> None:
    for v in catalog.vehicles.values():
        if v.price_currency in ("JPY", "EUR"):
            assert v.price_includes_tax, v.id
        if v.import_path == "used_25yr":
            assert v.price_currency == "USD" and v.age_years >= 25, v.id


def test_wltc_km_per_l_becomes_mpg_with_derate(catalog: Catalog) -> None:
    # research/cost.md §11: km/L x 2.352 = mpg; N-Box 21.6 -> 50.8 mpg before the 0.85 derate.
    nbox = catalog.vehicle("nbox_2025")
    kind, gal_per_mile = cost.energy_use_per_mile(nbox)
    assert kind == "fuel"
    rated_mpg = 21.6 * LITRES_PER_US_GALLON / KM_PER_MILE
    assert rated_mpg == pytest.approx(50.8, abs=0.05)
    assert 1 / gal_per_mile == pytest.approx(rated_mpg * 0.85)


def test_ev_energy_per_mile(catalog: Catalog) -> None:
    # research/cost.md §11: 5.5 kWh / 75 km = 0.118 kWh/mi battery to wheel.
    kind, kwh = cost.energy_use_per_mile(catalog.vehicle("ami_2025"))
    assert kind == "electricity"
    assert kwh * catalog.vehicle("ami_2025").real_world_factor == pytest.approx(0.118, abs=0.001)


def test_vehicle_classes_have_cost_rows(catalog: Catalog) -> None:
    for v in catalog.vehicles.values():
        assert catalog.table("cost_retained_value").get(v.vclass) is not None
        assert catalog.table("cost_running").get(v.vclass) is not None
