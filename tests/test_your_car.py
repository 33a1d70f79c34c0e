"""Your car, your state (issue #17): state taxes and fees worked by hand from the statutes,
insurance by class and state, the APR by vehicle age, the buyer's own numbers per vehicle
(vehicle_overrides), vehicles of their own (custom_vehicles), and the schema 1 -> 2 upgrade."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path
from types import MappingProxyType

import pytest

from core.cost import CostResult, evaluate_cost
from core.data.catalog import Catalog
from core.engine import evaluate
from core.export import result_to_dict, your_value_sources
from core.policy.effective import apply
from core.scenario.io import (
    SCHEMA_VERSION,
    ScenarioFileError,
    load_scenario,
    save_scenario,
    scenario_from_json_text,
    upgrade,
)
from core.scenario.model import Scenario, default_scenario
from core.scenario.overrides import VehicleOverride, custom_copy
from tests.cost_helpers import fixed

ROOT = Path(__file__).resolve().parents[1]
PRICE = 20_000.0  # a price the buyer typed, so the hand sums do not follow the catalogue


def _cost(cat: Catalog, sc: Scenario) -> dict[str, CostResult]:
    return evaluate_cost(apply(sc, cat))


def _sc(vehicles: tuple[str, ...], state: str, **kw: object) -> Scenario:
    base: dict[str, object] = {"draws": 300, "financed": False, "years": 5}
    base.update(kw)
    return default_scenario().with_(vehicles=vehicles, state=state, **base)


def _priced(*vids: str) -> MappingProxyType[str, VehicleOverride]:
    return MappingProxyType({v: VehicleOverride(price_usd=PRICE) for v in vids})


# -- state taxes and fees, by hand from the statutes ---------------------------------------------
def test_north_carolina_purchase_by_hand(catalog: Catalog) -> None:
    # NCGS 105-187.3: highway use tax 3% of the retail value, no cap for a passenger vehicle;
    # NCGS 20-85(a)(1): certificate of title $66.75; NCGS 20-87: private passenger $46.25 a year.
    cat = fixed(catalog, {"title_and_doc_fees_usd": 0.0})
    r = _cost(cat, _sc(("versa_2025",), "NC", vehicle_overrides=_priced("versa_2025")))
    f = r["versa_2025"].fees_usd
    assert f["tax"] == pytest.approx(0.03 * 20_000) == 600.0
    assert f["title"] == 66.75
    assert f["registration"] == 46.25
    assert f["doc_fee"] == 0.0
    # county property tax (Tag & Tax Together) on the value at the start of year 1
    assert f["property_tax"] == pytest.approx(
        cat.table("state_fees")["NC"]["property_tax_rate"] * PRICE
    )
    year1 = r["versa_2025"].ledger_usd[0]
    from core.cost.ownership import CATEGORY_INDEX

    assert year1[CATEGORY_INDEX["taxes_fees"]] == pytest.approx(
        600.0 + 66.75 + 46.25 + f["property_tax"]
    )


def test_oregon_purchase_by_hand(catalog: Catalog) -> None:
    # ORS 320.405: vehicle privilege tax 0.5% of the retail price of a NEW vehicle, no sales tax;
    # HB 3991 (from 2025-12-31): title $101 + $139 = $240; registration per 2 years $220 for
    # 20-39 mpg, $300 for 40+ mpg, $460 for an EV; model years before 2000: the lowest tier
    # ($210 per 2 years).
    cat = fixed(catalog, {"title_and_doc_fees_usd": 0.0})
    sc = _sc(("versa_2025", "nbox_2025", "sakura_2025", "carry_1995_import"), "OR",
             vehicle_overrides=_priced("versa_2025", "nbox_2025", "sakura_2025",
                                       "carry_1995_import"))  # fmt: skip
    r = _cost(cat, sc)
    versa = r["versa_2025"].fees_usd
    assert versa["tax"] == pytest.approx(0.005 * 20_000) == 100.0
    assert versa["title"] == 240.0
    assert versa["registration"] == 220 / 2  # Versa S CVT: 35 mpg
    assert r["nbox_2025"].fees_usd["registration"] == 300 / 2  # 21.6 km/L = 50.8 mpg
    assert r["sakura_2025"].fees_usd["registration"] == 460 / 2  # electric
    carry = r["carry_1995_import"].fees_usd
    assert carry["tax"] == 0.0  # used: no privilege tax, and Oregon has no sales tax
    assert carry["registration"] == 210 / 2  # built 1995
    for res in r.values():
        assert res.fees_usd["value_fee"] == 0.0 and res.fees_usd["property_tax"] == 0.0


def test_texas_and_a_capped_state(catalog: Catalog) -> None:
    cat = fixed(catalog, {"title_and_doc_fees_usd": 0.0})
    tx = _cost(cat, _sc(("versa_2025",), "TX", vehicle_overrides=_priced("versa_2025")))
    # Tex. Tax Code 152.021: 6.25% motor vehicle sales tax, no local tax on vehicles.
    assert tx["versa_2025"].fees_usd["tax"] == pytest.approx(1_250.0)
    # S.C. Code 12-36-2110: 5% infrastructure maintenance fee, at most $500.
    sc = _cost(cat, _sc(("versa_2025",), "SC", vehicle_overrides=_priced("versa_2025")))
    assert sc["versa_2025"].fees_usd["tax"] == 500.0


def test_every_state_row_is_sourced_and_complete(catalog: Catalog) -> None:
    fees = catalog.table("state_fees")
    assert len(fees) == 51
    for row in fees.rows:
        assert row["source"].strip() and row["as_of"]
        assert 0 <= row["tax_rate"] + row["local_rate"] <= 0.12
    assert fees["OR"]["tax_new_only"] and fees["NC"]["tax_kind"] == "highway_use"
    assert len(catalog.table("insurance_states")) == 51


# -- insurance -----------------------------------------------------------------------------------
def test_insurance_full_and_liability_only_with_the_state_factor(catalog: Catalog) -> None:
    ins = catalog.table("insurance_rates")["subcompact"]
    st = catalog.table("insurance_states")["TX"]
    ref_full = catalog.central("insurance_state_ref_full_usd")
    ref_min = catalog.central("insurance_state_ref_minimum_usd")
    f_l = st["minimum_usd"] / ref_min
    f_p = (st["full_usd"] - st["minimum_usd"]) / (ref_full - ref_min)
    liab_ov = MappingProxyType(
        {"versa_2025": VehicleOverride(price_usd=PRICE, insurance_coverage="liability")}
    )
    full = _cost(catalog, _sc(("versa_2025",), "TX", vehicle_overrides=_priced("versa_2025")))
    liab = _cost(catalog, _sc(("versa_2025",), "TX", vehicle_overrides=liab_ov))
    from core.cost.ownership import CATEGORY_INDEX

    i = CATEGORY_INDEX["insurance"]
    expected_full = f_l * ins["liability_central"] + f_p * (
        ins["physical_base_central"] + ins["physical_rate_central"] * PRICE
    )
    assert full["versa_2025"].ledger_usd[0][i] == pytest.approx(expected_full)
    assert liab["versa_2025"].ledger_usd[0][i] == pytest.approx(f_l * ins["liability_central"])
    # a new $20k subcompact lands in the published 2025 full-coverage range ($2,100-2,600 for
    # an average car; NerdWallet $2,312): within 10% of its low end or above
    assert 1_900 <= expected_full <= 2_600
    assert liab["versa_2025"].insurance_coverage == "liability"


def test_kei_and_lsv_insurance_is_marked_judgement(catalog: Catalog) -> None:
    for cls in ("kei_car", "kei_truck", "kei_truck_import", "kei_car_import", "quadricycle", "lsv"):
        row = catalog.table("insurance_rates")[cls]
        assert row["confidence"] == "judgement"
        assert row["liability_low"] < row["liability_high"]  # a range, not a point


# -- APR by new / used / age -----------------------------------------------------------------------
def test_apr_follows_the_vehicle_age_and_the_buyers_override(catalog: Catalog) -> None:
    sc = _sc(("versa_2025", "corolla_2018_used", "carry_1995_import"), "TX", financed=True,
             loan_apr=0.07)  # fmt: skip
    r = _cost(catalog, sc)
    new, used, old = (catalog.central(p) for p in ("loan_apr_new", "loan_apr_used", "loan_apr_old"))
    assert r["versa_2025"].loan_apr == 0.07
    assert r["corolla_2018_used"].loan_apr == pytest.approx(0.07 + used - new)  # 7 years old
    assert r["carry_1995_import"].loan_apr == pytest.approx(0.07 + old - new)  # 30 years old
    own = sc.with_(
        vehicle_overrides=MappingProxyType({"carry_1995_import": VehicleOverride(loan_apr=0.05)})
    )
    assert _cost(catalog, own)["carry_1995_import"].loan_apr == 0.05


def test_fx_is_the_2025_average(catalog: Catalog) -> None:
    fx = catalog.param("fx_jpy_per_usd").value
    assert 149 <= fx.central <= 150 and fx.low >= 140 and fx.high <= 160


# -- the buyer's own numbers -----------------------------------------------------------------------
def test_each_override_replaces_the_models_figure(catalog: Catalog) -> None:
    ov = VehicleOverride(price_usd=6_500, mpg=30.0, insurance_usd_per_year=900,
                         upkeep_usd_per_year=1_200, resale_usd=5_000)  # fmt: skip
    cat = fixed(catalog, {"gasoline_usd_per_gal": 3.00, "energy_use_factor_epa": 1.0})
    sc = _sc(("carry_1995_import",), "NC", annual_miles=6_000,
             vehicle_overrides=MappingProxyType({"carry_1995_import": ov}))  # fmt: skip
    r = _cost(cat, sc)["carry_1995_import"]
    from core.cost.ownership import CATEGORY_INDEX as C

    assert r.purchase_price_usd == 6_500 and sum(r.landed_items_usd.values()) == 0
    assert r.resale_value_usd is not None and r.resale_value_usd.central == pytest.approx(5_000)
    assert r.by_category_usd["depreciation"] == pytest.approx(1_500)
    for year in r.ledger_usd:
        assert year[C["energy"]] == pytest.approx(6_000 / 30 * 3.00)  # $600 a year
        assert year[C["insurance"]] == pytest.approx(900)
        assert year[C["maintenance"]] + year[C["repairs"]] == pytest.approx(1_200)
    assert r.your_values["price_usd"] == 6_500
    from core.cost.landed import landed_cost_central

    # the default is the model's own landed price of the vehicle (auction price, landing, margin)
    plain = landed_cost_central(catalog.vehicle("carry_1995_import"), cat)["landed_price_usd"]
    assert r.defaults["price_usd"] == pytest.approx(plain)


def test_override_round_trip_save_load_json_and_pdf(catalog: Catalog, tmp_path: Path) -> None:
    from pypdf import PdfReader

    acty = custom_copy(catalog.vehicle("carry_1995_import"), "my_acty_1997",
                       "My 1997 Honda Acty", "your vehicle, copied from the Suzuki Carry", "2026-12")  # fmt: skip
    sc = _sc(("my_acty_1997", "versa_2025"), "NC", custom_vehicles=(acty,),
             vehicle_overrides=MappingProxyType({
                 "my_acty_1997": VehicleOverride(price_usd=6_500, insurance_usd_per_year=640,
                                                 insurance_coverage="liability"),
                 "versa_2025": VehicleOverride(mpg=33.0, loan_apr=0.049)}))  # fmt: skip
    path = tmp_path / "mine.json"
    save_scenario(sc, path)
    saved = json.loads(path.read_text())
    assert saved["schema_version"] == SCHEMA_VERSION == 2
    assert saved["vehicle_overrides"]["my_acty_1997"] == {
        "price_usd": 6_500, "insurance_usd_per_year": 640, "insurance_coverage": "liability"}  # fmt: skip
    back = load_scenario(path, catalog)
    assert back == sc
    res = evaluate(back, catalog)
    doc = result_to_dict(res)
    assert doc["scenario"]["vehicle_overrides"]["versa_2025"] == {"mpg": 33.0, "loan_apr": 0.049}
    assert doc["scenario"]["custom_vehicles"][0]["name"] == "My 1997 Honda Acty"
    mine = doc["vehicles"][0]["cost"]
    assert mine["your_values"]["price_usd"] == 6_500 and mine["loan_apr"] == pytest.approx(
        res.vehicles[0].cost.loan_apr
    )
    entries = {e.id: e for e in your_value_sources(res)}
    assert entries["my_acty_1997.price_usd"].value.startswith("6,500")
    default = res.vehicles[0].cost.defaults["price_usd"]
    assert f"(default {default:,.0f})" in entries["my_acty_1997.price_usd"].value
    # the PDF report lists them (through the command line, as an analyst would)
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "report", str(path), "--pdf", str(tmp_path / "r.pdf"),
         "--set", "draws=300"],
        cwd=ROOT, capture_output=True, timeout=180,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr.decode()
    text = " ".join(
        " ".join(unicodedata.normalize("NFKC", p.extract_text() or "").split())
        for p in PdfReader(str(tmp_path / "r.pdf")).pages
    )
    for needle in ("My 1997 Honda Acty", "Your numbers", "Price paid or quoted", "6,500"):
        assert needle in text, needle


def test_version_1_file_upgrades_and_keeps_everything(catalog: Catalog) -> None:
    v1 = json.loads((ROOT / "resources" / "scenarios" / "default.json").read_text())
    v1["schema_version"] = 1
    v1.pop("vehicle_overrides", None)
    v1.pop("custom_vehicles", None)
    v1["overrides"] = {"gasoline_usd_per_gal": 4.25, "sales_tax_rate": 0.0625}
    up = upgrade(json.loads(json.dumps(v1)))
    assert up["schema_version"] == 2
    assert up["overrides"] == {"gasoline_usd_per_gal": 4.25}  # the removed national tax rate
    assert up["vehicle_overrides"] == {} and up["custom_vehicles"] == []
    sc = scenario_from_json_text(json.dumps(v1), "old.json", catalog)
    assert sc.vehicle_overrides == {} and sc.custom_vehicles == ()
    for k in ("vehicles", "state", "annual_miles", "years", "loan_apr"):
        expected = tuple(v1[k]) if k == "vehicles" else v1[k]
        assert getattr(sc, k) == expected, k
    assert sc.overrides == {"gasoline_usd_per_gal": 4.25}


@pytest.mark.parametrize(
    ("override", "needle"),
    [
        ({"price_usd": -5}, "vehicle_overrides.versa_2025.price_usd"),
        ({"price_usd": "cheap"}, "vehicle_overrides.versa_2025.price_usd"),
        ({"loan_apr": 7}, "vehicle_overrides.versa_2025.loan_apr"),
        ({"mpg": 0}, "vehicle_overrides.versa_2025.mpg"),
        (
            {"insurance_coverage": "comprehensive"},
            "vehicle_overrides.versa_2025.insurance_coverage",
        ),
        ({"kwh_per_100mi": 20}, "vehicle_overrides.versa_2025.kwh_per_100mi"),
        ({"wheels": 3}, "vehicle_overrides.versa_2025.wheels"),
    ],
)
def test_bad_overrides_give_one_line_naming_vehicle_and_field(
    catalog: Catalog, tmp_path: Path, override: dict[str, object], needle: str
) -> None:
    good = tmp_path / "mine.json"
    save_scenario(default_scenario(), good)
    before = good.read_bytes()
    data = json.loads(before)
    data["vehicle_overrides"] = {"versa_2025": override}
    with pytest.raises(ScenarioFileError) as err:
        scenario_from_json_text(json.dumps(data), good, catalog)
    msg = str(err.value)
    assert needle in msg and "\n" not in msg, msg
    assert good.read_bytes() == before  # nothing the user had is lost


def test_bad_override_on_the_command_line_exits_2_with_one_line(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "report", str(ROOT / "resources/scenarios/default.json"),
         "--json", "-", "--set", "vehicle_overrides.versa_2025.price_usd=cheap"],
        cwd=ROOT, capture_output=True, timeout=180,
    )  # fmt: skip
    assert out.returncode == 2
    lines = out.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "vehicle_overrides.versa_2025.price_usd" in lines[0], lines


def test_cli_set_a_price_paid() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "report", str(ROOT / "resources/scenarios/default.json"),
         "--json", "-", "--set", "draws=300", "--set", "vehicle_overrides.carry_1995_import.price_usd=6500"],
        cwd=ROOT, capture_output=True, timeout=180,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr.decode()
    doc = json.loads(out.stdout)
    carry = next(v for v in doc["vehicles"] if v["id"] == "carry_1995_import")
    assert carry["cost"]["your_values"] == {"price_usd": 6500}


# -- catalogue refresh ------------------------------------------------------------------------------
def test_catalogue_has_the_new_rows(catalog: Catalog) -> None:
    v = catalog.vehicles
    assert v["sakura_2025"].is_ev and v["sakura_2025"].vclass == "kei_car"
    wagon = v["wagonr_1998_import"]
    assert wagon.import_path == "used_25yr" and wagon.age_years >= 25 and wagon.body == "car"
    fit = v["fit_2017_used"]
    assert 8_000 <= fit.price <= 10_000 and fit.age_years > 0
    venue = v["venue_2026"]
    assert venue.model_year == 2026 and venue.age_years == 0 and venue.price == 22_150
    versa = v["versa_2025"]
    assert "CVT" in versa.name and versa.price_low <= 20_000 <= versa.price_high


def test_custom_vehicle_rows_are_checked_like_the_catalogue(catalog: Catalog) -> None:
    from core.errors import ValidationError
    from core.scenario.io import validate_against
    from core.scenario.overrides import vehicle_from_dict, vehicle_to_dict

    row = vehicle_to_dict(catalog.vehicle("versa_2025"))
    with pytest.raises(ValidationError, match=r"custom_vehicles\.my_versa\.price"):
        vehicle_from_dict({**row, "id": "my_versa", "price": -1}, 0)
    with pytest.raises(ValidationError, match=r"custom_vehicles\.my_versa\.class"):
        vehicle_from_dict({**row, "id": "my_versa", "class": "hovercraft"}, 0)
    with pytest.raises(ValidationError, match=r"custom_vehicles\[0\]\.id"):
        vehicle_from_dict({**row, "id": "My Versa!"}, 0)
    same_id = vehicle_from_dict(row, 0)  # a copy that keeps the catalogue's id
    sc = _sc(("versa_2025",), "TX", custom_vehicles=(same_id,))
    with pytest.raises(ValidationError, match=r"custom_vehicles\.versa_2025\.id"):
        validate_against(sc, catalog)
