"""The safety model's data files: figures match their sources, rules hold, errors are readable."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from core.data.catalog import Catalog, load_catalog
from core.data.paths import DATA
from core.data.roads import ROAD_CLASSES
from core.data.vehicles import CRASH_CLASSES, FRONT_SHAPES
from core.errors import DataError

LB = 0.45359237  # kg per pound


def test_tables_cover_every_enum(catalog: Catalog) -> None:
    assert set(catalog.table("road_classes").by_key) == set(ROAD_CLASSES)
    assert set(catalog.table("crash_protection").by_key) == set(CRASH_CLASSES)
    assert set(catalog.table("front_shapes").by_key) == set(FRONT_SHAPES)
    presets = catalog.table("road_mix_presets")
    assert {"us_average", "city", "suburban", "rural", "interstate_commute"} <= set(presets.by_key)
    for row in presets.rows:
        assert sum(float(row[rc]) for rc in ROAD_CLASSES) == pytest.approx(1.0, abs=1e-9)


def test_partner_fleet_is_exposure_not_fatal_shares(catalog: Catalog) -> None:
    # Crash involvements (NHTSA TSF 2015: 10,656,000 of 11,070,000 vehicles in police-reported
    # crashes were passenger vehicles), split cars : light trucks as FARS 2022 (19,889 : 25,613).
    fleet = catalog.table("partner_fleet")
    assert fleet["heavy_truck"]["share"] == pytest.approx(414_000 / 11_070_000, abs=0.001)
    lt = sum(float(r["share"]) for r in fleet.rows if r["light_truck"])
    car = float(fleet["car"]["share"])
    assert car / (car + lt) == pytest.approx(19_889 / (19_889 + 25_613), abs=0.001)
    # Not the fatal-crash share (5,760 of 51,262 = 11%), which already carries severity.
    assert fleet["heavy_truck"]["share"] < 5_760 / 51_262 / 2


def test_published_parameters(catalog: Catalog) -> None:
    assert catalog.central("driver_death_rate_all_vehicles_per_million_rvy") == 38  # IIHS 2023
    assert catalog.central("anchor_miles_per_vehicle_year") == 11_599  # FHWA 2019 via Sivak
    assert catalog.central("reference_vehicle_mass_kg") == pytest.approx(4_329 * LB, abs=1)
    assert catalog.central("vsl_usd") == 13.2e6  # US DOT, base year 2023
    assert catalog.central("cyclist_per_pedestrian_death_ratio") == pytest.approx(
        1_105 / 7_522, abs=1e-3
    )
    u = catalog.u("evans_mass_exponent")
    assert (u.low, u.high) == (2.7, 4.3)  # Evans & Frick 1993
    assert catalog.table("front_shapes")["medium_blunt"]["pedestrian_central"] == pytest.approx(
        1.256
    )
    assert catalog.u("partner_light_truck_share_shift").central == 0.0
    p = catalog.param("partner_light_truck_share_shift")
    assert (p.min, p.max, p.confidence) == (-0.5, 0.5, "assumption")


def test_judgement_is_labelled_as_such(catalog: Catalog) -> None:
    for row in catalog.table("crash_protection").rows:
        if row["id"].startswith("fmvss"):
            continue
        assert row["confidence"] == "judgement"
        assert "JUDGEMENT" in row["source"]
    for pid in (
        "single_vehicle_mass_exponent",
        "slow_vehicle_involvement_ratio_per_10mph",
        "cruise_speed_share_of_top_speed",
    ):
        assert catalog.param(pid).confidence == "judgement"


def _broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    for f in DATA.glob("*.csv"):
        shutil.copy(f, tmp_path / f.name)
    path = tmp_path / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


def test_partner_shares_must_add_up(tmp_path: Path) -> None:
    d = _broken_copy(
        tmp_path, "partner_fleet.csv", "car,Passenger cars,0.4209", "car,Passenger cars,0.5"
    )
    with pytest.raises(DataError, match=r"partner_fleet\.csv.*add up"):
        load_catalog(d)


def test_preset_shares_must_add_up(tmp_path: Path) -> None:
    d = _broken_copy(
        tmp_path, "road_mix_presets.csv", "City driving,0.3,0.3", "City driving,0.5,0.3"
    )
    with pytest.raises(DataError, match=re.escape("road_mix_presets.csv, row 3")):
        load_catalog(d)


def test_unordered_range_names_row_and_column(tmp_path: Path) -> None:
    d = _broken_copy(tmp_path, "crash_protection.csv", "no airbags,2,3,4", "no airbags,5,3,4")
    with pytest.raises(
        DataError, match=re.escape("crash_protection.csv, row 6, column 'protection_central'")
    ):
        load_catalog(d)
