"""The safety model's calibration against published US figures (issue 16).

Every expected number below is typed from its source (IIHS releases and status reports, NHTSA
Traffic Safety Facts, BTS / FHWA tables), never taken from what the code printed; the model's
side comes from core.safety.validation, which evaluates it under the conditions each figure was
measured in (drivers only, miles per registered vehicle-year, US-average road mix).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.data.catalog import Catalog
from core.data.roads import ROAD_CLASSES
from core.data.vehicles import Vehicle
from core.errors import ValidationError
from core.policy import effective as policy
from core.policy.context import Context
from core.safety.outcome import SafetyResult, evaluate_safety
from core.safety.validation import ValidationRow, render_markdown, validation_rows
from core.scenario.model import RoadMix, Scenario, default_scenario

ROOT = Path(__file__).resolve().parents[1]

# IIHS driver deaths per million registered vehicle-years, 2020 and equivalent models (2018-21
# deaths; IIHS release 13 Jul 2023).
IIHS_2020 = {
    "iihs2020_minicars": 153.0,
    "iihs2020_mirage_hatch": 183.0,
    "iihs2020_mirage_g4": 205.0,
    "iihs2020_accent": 152.0,
    "iihs2020_spark": 151.0,
    "iihs2020_rio": 122.0,
}
# Other drivers killed per million registered vehicle-years: very large pickups (2020 models).
IIHS_OTHER_VERY_LARGE_PICKUPS = 121.0
# IIHS Status Report 50(1): 2011 models, multi-vehicle driver deaths, 4-door minicars 71 and
# large 4-door cars 21.
IIHS_2011_MV_MINI, IIHS_2011_MV_LARGE = 71.0, 21.0
# BTS NTS table 2-18 (2010 deaths) and FHWA VM-1 2010 (millions of vehicle-miles).
DEATHS_2010 = {
    "rural_interstate": 2_119,
    "rural_other_arterial": 6_971,
    "rural_collector": 5_299,
    "rural_local": 3_526,
    "urban_interstate": 2_110,
    "urban_other_arterial": 8_408,
    "urban_collector": 1_061,
    "urban_local": 2_951,
}
VMT_2010 = {
    "rural_interstate": 245_687,
    "rural_other": 376_282 + 362_096,
    "urban_interstate": 477_832,
    "urban_other": 1_505_369,
    "all": 984_065 + 1_983_200,
}


def _context(sc: Scenario, cat: Catalog, vid: str, speed_change: float = 0.0) -> Context:
    """The real Context for this scenario, with no road cap and every class's speed change."""
    return dataclasses.replace(
        policy.apply(sc, cat),
        road_cap_mph=MappingProxyType({vid: None}),
        speed_change_mph=MappingProxyType(dict.fromkeys(ROAD_CLASSES, speed_change)),
    )


@pytest.fixture(scope="module")
def rows(catalog: Catalog) -> dict[str, ValidationRow]:
    return {r.id: r for r in validation_rows(catalog)}


# -- calibration bands ----------------------------------------------------------------------------
@pytest.mark.parametrize("row_id", sorted(IIHS_2020))
def test_iihs_2020_small_car_rates_lie_in_the_model_band(
    rows: dict[str, ValidationRow], row_id: str
) -> None:
    r = rows[row_id]
    published = IIHS_2020[row_id]
    assert r.observed == published  # the data file carries the published figure
    assert r.model_p10 is not None and r.model_p90 is not None
    assert r.model_p10 <= published <= r.model_p90, (row_id, r.model_p10, r.model_p90)
    # ... and the median is no longer about half of it (the complaint): within 25%.
    assert 0.75 <= r.ratio <= 1.25


def test_anchor_rows_reproduce_their_anchors(rows: dict[str, ValidationRow]) -> None:
    for row_id, anchor in (("iihs2020_all", 38.0), ("iihs2020_other_all", 53.0)):
        r = rows[row_id]
        assert r.model_p10 is not None and r.model_p90 is not None
        assert r.model_p10 <= anchor <= r.model_p90
        assert r.ratio == pytest.approx(1.0, abs=0.06)


def test_risk_a_very_large_pickup_imposes_is_in_the_iihs_band(
    rows: dict[str, ValidationRow],
) -> None:
    r = rows["iihs2020_other_vl_pickups"]
    assert r.observed == IIHS_OTHER_VERY_LARGE_PICKUPS
    assert r.model_p10 is not None and r.model_p90 is not None
    assert r.model_p10 <= IIHS_OTHER_VERY_LARGE_PICKUPS <= r.model_p90


def test_partner_fleet_reproduces_the_iihs_small_to_large_multi_vehicle_ratio(
    rows: dict[str, ValidationRow],
) -> None:
    r = rows["iihs2011_mini_vs_large_mv"]
    expected = IIHS_2011_MV_MINI / IIHS_2011_MV_LARGE  # 3.38
    assert r.observed == pytest.approx(expected, abs=0.005)
    assert r.model_p10 is not None and r.model_p90 is not None
    assert r.model_p10 <= expected <= r.model_p90


def test_road_class_indices_match_bts_fhwa_2010(rows: dict[str, ValidationRow]) -> None:
    d, v = DEATHS_2010, VMT_2010
    overall = sum(d.values()) / v["all"]
    interstate = (d["rural_interstate"] + d["urban_interstate"]) / (
        v["rural_interstate"] + v["urban_interstate"]
    )
    rural = (d["rural_other_arterial"] + d["rural_collector"] + d["rural_local"]) / v["rural_other"]
    urban = (d["urban_other_arterial"] + d["urban_collector"] + d["urban_local"]) / v["urban_other"]
    for row_id, expected in (
        ("bts2010_freeways", interstate / overall),
        ("bts2010_rural", rural / overall),
        ("bts2010_urban", urban / overall),
    ):
        r = rows[row_id]
        assert r.observed == pytest.approx(expected, abs=0.001), row_id
        assert r.model_p10 is not None and r.model_p90 is not None
        assert r.model_p10 <= expected <= r.model_p90, row_id


def test_japan_and_us_context_by_hand(rows: dict[str, ValidationRow]) -> None:
    # NPA: 2,663 deaths in 2024 over 123.8 M residents; NHTSA: 42,514 in 2022 over 333.3 M.
    japan, us = 2_663 / 123.8e6 * 1e5, 42_514 / 333.3e6 * 1e5
    r = rows["japan_vs_us"]
    assert r.observed == pytest.approx(japan, abs=0.01)
    assert r.comparison == pytest.approx(us, abs=0.01)
    assert r.ratio == pytest.approx(japan / us, abs=0.002)
    assert r.model_p50 is None and r.inside is None


def test_every_row_is_well_formed_and_explained(
    rows: dict[str, ValidationRow], catalog: Catalog
) -> None:
    assert {r.group for r in rows.values()} == {"own", "others", "roads", "context", "catalogue"}
    # Every catalogue vehicle gets a row for its own risk and for the risk to others.
    for vid in catalog.vehicles:
        for col in ("own_row", "others_row"):
            r = rows[f"catalogue:{vid}:{col}"]
            assert r.inside is None and r.model_p50 is not None
    for r in rows.values():
        assert r.source and r.as_of
        if r.model_p50 is None:
            continue
        assert r.model_p10 is not None and r.model_p90 is not None
        assert r.model_p10 <= r.model_p50 <= r.model_p90
        assert r.ratio == pytest.approx(r.model_p50 / r.observed)
        if r.inside is False:  # outside the band: the docs must say why
            assert len(r.note) > 40, r.id


def test_validation_page_is_up_to_date(catalog: Catalog) -> None:
    page = (ROOT / "docs" / "safety-validation.md").read_text(encoding="utf-8")
    assert page == render_markdown(validation_rows(catalog)), (
        "docs/safety-validation.md is stale: run scripts/safety_validation.py"
    )


# -- partner fleet by exposure ---------------------------------------------------------------------
def test_partner_fleet_is_weighted_by_crash_involvements(catalog: Catalog) -> None:
    # NHTSA TSF 2015: 11,070,000 vehicles in police-reported crashes, 10,656,000 passenger
    # vehicles; the light part split cars : light trucks as FARS 2022 (19,889 : 25,613).
    fleet = catalog.table("partner_fleet")
    heavy = sum(float(r["share"]) for r in fleet.rows if not r["light_vehicle"])
    assert heavy == pytest.approx((11_070_000 - 10_656_000) / 11_070_000, abs=0.001)
    car = float(fleet["car"]["share"])
    lt = sum(float(r["share"]) for r in fleet.rows if r["light_truck"])
    assert car / (car + lt) == pytest.approx(19_889 / (19_889 + 25_613), abs=0.001)


# -- speed gap ---------------------------------------------------------------------------------------
def _one_class(catalog: Catalog, vid: str, j: int) -> SafetyResult:
    mix = RoadMix(tuple(1.0 if k == j else 0.0 for k in range(len(ROAD_CLASSES))))
    sc = Scenario(
        vehicles=(vid,), state="TX", annual_miles=12_000, years=1, road_mix=mix, draws=200
    )
    return evaluate_safety(_context(sc, catalog, vid))[vid]


def test_freeways_do_not_make_an_old_kei_truck_safer_than_arterials(catalog: Catalog) -> None:
    fw = _one_class(catalog, "carry_1995_import", ROAD_CLASSES.index("freeway_65"))
    art = _one_class(catalog, "carry_1995_import", ROAD_CLASSES.index("arterial_45"))
    assert fw.occupant_deaths_per_100m_miles.central >= art.occupant_deaths_per_100m_miles.central
    # A car that keeps up with freeway traffic is safer per mile there (no speed gap).
    fw_car = _one_class(catalog, "versa_2025", ROAD_CLASSES.index("freeway_65"))
    art_car = _one_class(catalog, "versa_2025", ROAD_CLASSES.index("arterial_45"))
    assert (
        fw_car.occupant_deaths_per_100m_miles.central
        < art_car.occupant_deaths_per_100m_miles.central
    )


def _freeway_only(catalog: Catalog, v: Vehicle) -> float:
    cat = catalog.with_vehicle(v)
    mix = RoadMix((0.0, 0.0, 0.0, 0.0, 1.0))
    sc = Scenario(vehicles=(v.id,), state="TX", annual_miles=12_000, years=1, road_mix=mix)
    return evaluate_safety(_context(sc, cat, v.id))[v.id].occupant_deaths_per_100m_miles.central


@settings(max_examples=30, deadline=None)
@given(tops=st.tuples(st.floats(60, 100), st.floats(60, 100)))
def test_a_bigger_speed_gap_on_a_freeway_never_lowers_risk(
    catalog: Catalog, tops: tuple[float, float]
) -> None:
    slow_top, fast_top = sorted(tops)
    base = catalog.vehicle("hijet_truck_2025")
    slow = dataclasses.replace(base, id="slow", top_speed_mph=slow_top)
    fast = dataclasses.replace(base, id="fast", top_speed_mph=fast_top)
    assert _freeway_only(catalog, slow) >= _freeway_only(catalog, fast) * (1 - 1e-12)


# -- occupancy bounded by seats -------------------------------------------------------------------
def test_occupancy_above_the_seats_is_one_clear_error(catalog: Catalog) -> None:
    sc = default_scenario().with_(vehicles=("carry_1995_import", "versa_2025"), occupancy=3.0)
    with pytest.raises(ValidationError) as err:
        evaluate_safety(policy.apply(sc, catalog))
    name = catalog.vehicle("carry_1995_import").name
    assert err.value.field == "occupancy"
    assert name in str(err.value) and "2 seats" in str(err.value)
    # At the seat count it is accepted.
    evaluate_safety(policy.apply(sc.with_(occupancy=2.0), catalog))


# -- properties -------------------------------------------------------------------------------------
def _avg_mix(catalog: Catalog) -> RoadMix:
    row = catalog.table("road_mix_presets")["us_average"]
    return RoadMix(tuple(float(row[rc]) for rc in ROAD_CLASSES))


def _run(
    catalog: Catalog,
    v: Vehicle,
    params: dict[str, float] | None = None,
    speed_change: float = 0.0,
    occupancy: float | None = 1.0,
) -> SafetyResult:
    """One vehicle's safety for a year in Texas on the average road mix; `speed_change` moves
    every road class's traffic speed (mph); `occupancy` None keeps the Scenario's default."""
    cat = catalog.with_vehicle(v)
    if params:
        cat = cat.with_overrides(params)
    sc = Scenario(
        vehicles=(v.id,),
        state="TX",
        annual_miles=12_000,
        years=1,
        road_mix=_avg_mix(catalog),
        draws=100,
        **({} if occupancy is None else {"occupancy": occupancy}),
    )
    return evaluate_safety(_context(sc, cat, v.id, speed_change))[v.id]


def _car(catalog: Catalog, mass: float, top: float = 110.0) -> Vehicle:
    return dataclasses.replace(
        catalog.vehicle("versa_2025"),
        id="v",
        curb_mass_kg=mass,
        crash_class="fmvss_4star",
        top_speed_mph=top,
    )


@settings(max_examples=40, deadline=None)
@given(masses=st.tuples(st.floats(300, 4000), st.floats(300, 4000)))
def test_occupant_risk_is_monotone_in_the_mass_ratio(
    catalog: Catalog, masses: tuple[float, float]
) -> None:
    # Partners fixed: a lighter own vehicle means a higher partner-to-own mass ratio.
    light, heavy = sorted(masses)
    a = _run(catalog, _car(catalog, light)).occupant_deaths_per_100m_miles
    b = _run(catalog, _car(catalog, heavy)).occupant_deaths_per_100m_miles
    assert a.central >= b.central * (1 - 1e-12)
    assert a.p50 >= b.p50 * (1 - 1e-12)


@settings(max_examples=40, deadline=None)
@given(
    mass=st.floats(400, 3000),
    shifts=st.tuples(st.floats(-0.03, 0.3), st.floats(-0.03, 0.3)),
)
def test_occupant_risk_is_monotone_in_the_heavy_share_of_the_partner_fleet(
    catalog: Catalog, mass: float, shifts: tuple[float, float]
) -> None:
    lo, hi = sorted(shifts)
    v = _car(catalog, mass)
    a = _run(catalog, v, {"partner_heavy_share_shift": lo}).occupant_deaths_per_100m_miles
    b = _run(catalog, v, {"partner_heavy_share_shift": hi}).occupant_deaths_per_100m_miles
    assert b.central >= a.central * (1 - 1e-12)
    assert b.p50 >= a.p50 * (1 - 1e-12)


@settings(max_examples=40, deadline=None)
@given(mass=st.floats(400, 3000), changes=st.tuples(st.floats(-20, 10), st.floats(-20, 10)))
def test_occupant_risk_is_monotone_in_traffic_speed(
    catalog: Catalog, mass: float, changes: tuple[float, float]
) -> None:
    # A vehicle that keeps up with traffic everywhere: everyone slower means lower risk.
    slower, faster = sorted(changes)
    v = _car(catalog, mass, top=120.0)
    out = [
        _run(catalog, v, speed_change=change, occupancy=None).occupant_deaths_per_100m_miles
        for change in (slower, faster)
    ]
    assert out[0].central <= out[1].central * (1 + 1e-12)
    assert out[0].p50 <= out[1].p50 * (1 + 1e-12)
