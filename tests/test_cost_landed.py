"""Landed cost of vehicles bought abroad, against hand-worked arithmetic."""

from __future__ import annotations

import dataclasses

import pytest

from core.cost import landed
from core.data.catalog import Catalog
from core.errors import ValidationError
from core.uncertain import CentralSampler, Uncertain


def test_duty_params_by_origin_and_body(catalog: Catalog) -> None:
    nbox, hijet, ami = (catalog.vehicle(v) for v in ("nbox_2025", "hijet_truck_2025", "ami_2025"))
    assert landed.duty_param_id(nbox) == "duty_rate_car_jp"
    assert landed.duty_param_id(hijet) == "duty_rate_truck_jp"
    assert landed.duty_param_id(ami) == "duty_rate_car_other"  # built in Morocco
    assert landed.duty_param_id(hijet, body="car") == "duty_rate_car_jp"  # classification choice
    # Research: Japanese cars 15% all-in since 2025-08-07; light trucks 25% (chicken tax).
    assert landed.duty_rate(nbox, catalog).central == pytest.approx(0.15)
    assert landed.duty_rate(hijet, catalog).central == pytest.approx(0.25)
    for region in ("jp", "eu", "other"):
        for body in ("car", "truck"):
            assert f"duty_rate_{body}_{region}" in catalog.params
    with pytest.raises(ValidationError):
        landed.duty_param_id(nbox, body="bus")


def test_nbox_landed_cost_hand_worked(catalog: Catalog) -> None:
    v = catalog.vehicle("nbox_2025")
    c = landed.landed_cost_central(v, catalog)
    fx, tax = catalog.central("fx_jpy_per_usd"), catalog.central("jp_consumption_tax_rate")
    value = 1_648_900 / (1 + tax) / fx  # export (customs) value
    assert c["price_usd"] == pytest.approx(value)
    assert value == pytest.approx(1_648_900 / 1.1 / 149.5, rel=1e-12)  # = $10,026.76
    assert c["duty"] == pytest.approx(0.15 * value)
    mpf = min(max(0.003464 * value, 33.58), 651.50)
    assert c["mpf"] == pytest.approx(mpf)
    assert c["hmf"] == pytest.approx(0.00125 * value)
    fixed = sum(
        catalog.central(p)
        for p in ("ocean_freight_usd", "export_fees_usd", "customs_broker_usd", "port_fees_usd")
    )
    assert c["freight"] + c["export_fees"] + c["broker"] + c["port"] == pytest.approx(fixed)
    assert c["compliance"] == pytest.approx(catalog.central("compliance_cost_per_unit_usd"))
    assert c["lsv_conformity"] == 0.0
    items = sum(c[k] for k in landed.LANDED_ITEMS)
    assert c["total"] == pytest.approx(items)
    assert c["landed_price_usd"] == pytest.approx(value + items)


def test_us_priced_vehicles_carry_no_landing_items(catalog: Catalog) -> None:
    # (25-year imports are broken down like any import: tests/test_headline.py)
    for vid in ("versa_2025", "lsv_gem_e4", "f150_xl_2025"):
        c = landed.landed_cost_central(catalog.vehicle(vid), catalog)
        assert c["total"] == 0.0
        assert c["price_usd"] == catalog.vehicle(vid).price


def test_quadricycle_pays_lsv_conversion_and_vat_is_stripped(catalog: Catalog) -> None:
    v = catalog.vehicle("ami_2025")
    c = landed.landed_cost_central(v, catalog)
    assert c["price_usd"] == pytest.approx(7_990 / 1.20 / catalog.central("fx_eur_per_usd"))
    assert c["lsv_conformity"] == pytest.approx(catalog.central("lsv_conformity_cost_usd"))
    assert c["compliance"] == 0.0


def test_tariff_override_moves_the_duty(catalog: Catalog) -> None:
    v = catalog.vehicle("hijet_truck_2025")
    base = landed.landed_cost_central(v, catalog)
    cat2 = catalog.with_params({"duty_rate_truck_jp": Uncertain.fixed(0.025)})
    low = landed.landed_cost_central(v, cat2)
    assert low["duty"] == pytest.approx(0.025 * base["price_usd"])
    assert base["duty"] - low["duty"] == pytest.approx((0.25 - 0.025) * base["price_usd"])


def test_mpf_is_capped(catalog: Catalog) -> None:
    v = dataclasses.replace(catalog.vehicle("nbox_2025"), price=100_000_000, price_high=100_000_000)
    lc = landed.landed_cost(v, catalog, CentralSampler())
    assert float(lc.items["mpf"][0]) == pytest.approx(651.50)


def test_which_vehicles_are_landed(catalog: Catalog) -> None:
    """Bought abroad, or a 25-year import broken down by its vintage_imports row: landed. A US
    dealer's price (a US car, a 25-year import with no row) carries any duty: not landed."""
    expected = {
        "nbox_2025": True,  # priced in JPY
        "ami_2025": True,  # priced in EUR
        "carry_1995_import": True,  # a vintage_imports row
        "wagonr_1998_import": False,  # no vintage_imports row: the US dealer price as is
        "versa_2025": False,
        "lsv_gem_e4": False,
    }
    for vid, want in expected.items():
        v = catalog.vehicle(vid)
        assert landed.needs_landing(v, catalog) is want, vid
        items = landed.landed_cost_central(v, catalog)
        assert (items["duty"] > 0) is want, vid
    with pytest.raises(TypeError):  # never a silent "not landed" without the catalogue
        landed.needs_landing(catalog.vehicle("carry_1995_import"))  # type: ignore[call-arg]
