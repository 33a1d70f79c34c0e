"""Every mile of the owner's travel is served (issue #14): the vehicle's own miles plus the
fallback mode's, checked against hand-worked sums and figures read straight from the CSV."""

from __future__ import annotations

import csv
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.cost.ownership import CATEGORY_INDEX
from core.data.catalog import Catalog
from core.data.mobility_tables import FALLBACK_MODES
from core.data.paths import DATA
from core.data.roads import ROAD_CLASS_POSTED_MPH, ROAD_CLASSES
from core.engine import evaluate, evaluate_packages
from core.errors import ValidationError
from core.export import result_to_dict
from core.policy import apply
from core.policy.mobility import REASONS, beyond_range_share, miles_beyond
from core.result import Result
from core.scenario.io import SCHEMA_VERSION, scenario_from_json_text, scenario_to_json
from core.scenario.levers import PolicyLevers, PolicyPackage
from core.scenario.model import Fallback, RoadMix, Scenario, default_scenario

MILES, YEARS = 13_476.0, 5
MIX = RoadMix((0.15, 0.25, 0.3, 0.1, 0.2))  # the default scenario's mix
FIXED = ("depreciation", "financing", "taxes_fees", "insurance", "landed_import", "incentives")
PER_OWNER_10K = MILES * YEARS / 1e8 * 1e4  # per 100M miles of travel -> per 10,000 owners


def csv_row(mode: str) -> dict[str, str]:
    """The fallback row as the file says it (read without the app's loader)."""
    with (DATA / "fallback_modes.csv").open(encoding="utf-8") as fh:
        return next(r for r in csv.DictReader(fh) if r["id"] == mode)


def run(catalog: Catalog, vehicles: tuple[str, ...], state: str, **kw: object) -> Result:
    base = default_scenario().with_(vehicles=vehicles, state=state, draws=2_000)
    return evaluate(base.with_(**kw), catalog)


# -- the split ------------------------------------------------------------------------------------
def test_a_banned_kei_truck_gives_every_mile_to_the_fallback(catalog: Catalog) -> None:
    # New York: kei trucks get no title or registration (states.csv, NY: banned)
    m = apply(default_scenario().with_(vehicles=("carry_1995_import",), state="NY"), catalog)
    mob = m.mobility["carry_1995_import"]
    assert not mob.registrable
    assert mob.own_share == 0.0
    assert mob.fallback_share == pytest.approx(1.0)
    assert mob.by_reason["not_registrable"] == pytest.approx(1.0)


def test_an_lsv_on_35_mph_roads_gives_the_faster_roads_to_the_fallback(catalog: Catalog) -> None:
    # Florida: LSVs on roads posted <= 35 mph; arterials, rural highways and freeways are 0.6
    ctx = apply(default_scenario().with_(vehicles=("lsv_gem_e4",), state="FL"), catalog)
    mob = ctx.mobility["lsv_gem_e4"]
    assert mob.registrable
    assert mob.by_reason["road_not_legal"] == pytest.approx(0.3 + 0.1 + 0.2)
    assert mob.own_share == pytest.approx(0.15 + 0.25)
    assert sum(mob.by_reason.values()) == pytest.approx(mob.fallback_share)
    assert mob.own_share + mob.fallback_share == pytest.approx(1.0)


def test_miles_beyond_range_by_hand() -> None:
    # exponential days with mean m: share of miles on days longer than R = (1 + R/m) e^(-R/m)
    assert miles_beyond(0.0, 30.0) == pytest.approx(1.0)
    assert miles_beyond(30.0, 30.0) == pytest.approx(2.0 / math.e)
    assert miles_beyond(60.0, 30.0) == pytest.approx(3.0 * math.exp(-2.0))
    assert miles_beyond(1e9, 30.0) == pytest.approx(0.0)
    assert miles_beyond(40.0, 2.2e-313 / 365) == 0.0  # a denormal day: no NaN


def test_an_ev_loses_the_days_longer_than_its_range(catalog: Catalog) -> None:
    ami = catalog.vehicle("ami_2025")
    rated = 75 / 1.609344 * ami.real_world_factor  # 75 km rated (vehicles.csv)
    loss = 0.41  # AAA 2019: -41% at 20 F (coldest_temp_f central = 20)
    season = 0.25  # worst_season_share_of_year central
    mean = MILES / 365
    by_hand = season * (1 + rated * (1 - loss) / mean) * math.exp(-rated * (1 - loss) / mean) + (
        1 - season
    ) * (1 + rated / mean) * math.exp(-rated / mean)
    assert beyond_range_share(ami, catalog, MILES) == pytest.approx(by_hand)
    assert beyond_range_share(catalog.vehicle("versa_2025"), catalog, MILES) == 0.0


# -- cost: hand-worked -----------------------------------------------------------------------------
def test_no_legal_miles_costs_its_fixed_costs_plus_the_fallback(catalog: Catalog) -> None:
    fare = float(csv_row("ride_hail")["cost_central"])  # $ per vehicle-mile
    res = run(catalog, ("carry_1995_import",), "NY")
    c = res.vehicles[0].cost
    for cat in ("energy", "maintenance", "repairs"):
        assert c.by_category_usd[cat] == 0.0
    assert c.by_category_usd["substitute_travel"] == pytest.approx(MILES * YEARS * fare)
    fixed = sum(c.by_category_usd[k] for k in FIXED)
    assert c.total_usd.central == pytest.approx(fixed + MILES * YEARS * fare)
    # its fixed costs are what it costs when nobody drives at all
    parked = run(catalog, ("carry_1995_import",), "NY", annual_miles=0).vehicles[0].cost
    assert fixed == pytest.approx(parked.total_usd.central)
    # transit: per passenger-mile, times the occupancy (1.5 in the default scenario)
    bus = float(csv_row("transit")["cost_central"])
    tr = run(catalog, ("carry_1995_import",), "NY", fallback=Fallback("transit")).vehicles[0].cost
    assert tr.by_category_usd["substitute_travel"] == pytest.approx(MILES * YEARS * bus * 1.5)
    assert tr.total_usd.central - tr.by_category_usd["substitute_travel"] == pytest.approx(fixed)


def test_restricted_miles_scale_the_vehicles_own_running_costs(catalog: Catalog) -> None:
    full = run(catalog, ("lsv_gem_e4",), "TX", road_mix=RoadMix((0.5, 0.5, 0, 0, 0)))
    part = run(catalog, ("lsv_gem_e4",), "FL")  # 40% of MIX is on roads <= 35 mph
    a, b = full.vehicles[0].cost, part.vehicles[0].cost
    for cat in ("energy", "maintenance", "repairs"):
        assert b.by_category_usd[cat] == pytest.approx(0.4 * a.by_category_usd[cat])
    fare = float(csv_row("ride_hail")["cost_central"])
    assert b.by_category_usd["substitute_travel"] == pytest.approx(0.6 * MILES * YEARS * fare)


def test_a_second_car_costs_only_its_running_costs_per_mile(catalog: Catalog) -> None:
    sc = Fallback("second_car", "corolla_2018_used")
    res = run(catalog, ("carry_1995_import", "corolla_2018_used"), "NY", fallback=sc)
    carry, corolla = res.vehicles[0].cost, res.vehicles[1].cost
    # the same car over the same miles: its year-1 energy, maintenance and repairs (the
    # fallback keeps the car's upkeep at its age today), and none of its fixed costs
    year1 = corolla.ledger_usd[0]
    per_year = sum(float(year1[CATEGORY_INDEX[k]]) for k in ("energy", "maintenance", "repairs"))
    assert per_year > 0
    assert carry.by_category_usd["substitute_travel"] == pytest.approx(per_year * YEARS)


# -- safety: hand-worked ---------------------------------------------------------------------------
def test_lsv_with_60_percent_restricted_miles_blends_its_rate_with_transit(
    catalog: Catalog,
) -> None:
    row = csv_row("transit")
    occ_t, oth_t = float(row["occupant_deaths_central"]), float(row["others_deaths_central"])
    s = run(catalog, ("lsv_gem_e4",), "FL", fallback=Fallback("transit")).vehicles[0].safety
    own = s.vehicle_occupant_deaths_per_100m_miles
    own_oth = s.vehicle_others_deaths_per_100m_miles
    assert own is not None and own_oth is not None
    # per passenger-mile rates x 1.5 people aboard
    assert s.occupant_deaths_per_100m_miles.central == pytest.approx(
        0.4 * own.central + 0.6 * occ_t * 1.5
    )
    assert s.others_deaths_per_100m_miles.central == pytest.approx(
        0.4 * own_oth.central + 0.6 * oth_t * 1.5
    )
    assert s.occupant_deaths_per_10k_owners.central == pytest.approx(
        s.occupant_deaths_per_100m_miles.central * PER_OWNER_10K
    )


def test_lsv_with_60_percent_restricted_miles_blends_its_rate_with_ride_hail(
    catalog: Catalog,
) -> None:
    s = run(catalog, ("lsv_gem_e4",), "FL").vehicles[0].safety
    own = s.vehicle_occupant_deaths_per_100m_miles
    assert own is not None
    # the ride-hail car (csv: risk_vehicle) driven on the restricted roads alone
    car = csv_row("ride_hail")["risk_vehicle"]
    restricted = RoadMix((0.0, 0.0, 0.3 / 0.6, 0.1 / 0.6, 0.2 / 0.6))
    alone = run(catalog, (car,), "FL", road_mix=restricted).vehicles[0].safety
    assert s.occupant_deaths_per_100m_miles.central == pytest.approx(
        0.4 * own.central + 0.6 * alone.occupant_deaths_per_100m_miles.central
    )


def test_a_banned_vehicle_is_never_zero_risk(catalog: Catalog) -> None:
    s = run(catalog, ("carry_1995_import",), "NY").vehicles[0].safety
    assert s.vehicle_occupant_deaths_per_100m_miles is None  # it drives no mile itself
    assert s.occupant_deaths_per_10k_owners.central > 0
    assert s.others_deaths_per_10k_owners.central > 0
    assert s.fallback_share == pytest.approx(1.0)


# -- properties ------------------------------------------------------------------------------------
@pytest.mark.parametrize("mode", [m for m in FALLBACK_MODES if m != "second_car"] + ["second_car"])
def test_a_vehicle_that_goes_everywhere_ignores_the_fallback(catalog: Catalog, mode: str) -> None:
    base = run(catalog, ("versa_2025", "f150_xl_2025"), "TX")
    fb = Fallback(mode, "corolla_2018_used" if mode == "second_car" else "")
    other = run(catalog, ("versa_2025", "f150_xl_2025"), "TX", fallback=fb)
    for a, b in zip(base.vehicles, other.vehicles, strict=True):
        assert a.cost.total_usd == b.cost.total_usd
        assert np.array_equal(a.cost.total_draws, b.cost.total_draws)
        assert a.safety.occupant_deaths_per_10k_owners == b.safety.occupant_deaths_per_10k_owners
        assert np.array_equal(a.safety.occupant_draws, b.safety.occupant_draws)
        assert a.cost.by_category_usd["substitute_travel"] == 0.0


@settings(max_examples=15, deadline=None)
@given(x=st.floats(min_value=0.0, max_value=0.3))
def test_legalising_a_road_class_moves_cost_and_risk_continuously(
    catalog: Catalog, x: float
) -> None:
    """A federal kei class capped at 35 vs 45 mph: only the arterial share x changes hands, so
    the change in cost and in deaths is at most proportional to x (no jump to zero)."""
    rest = 1.0 - x
    mix = RoadMix((0.3 * rest, 0.4 * rest, x, 0.1 * rest, 0.2 * rest))
    out = []
    for cap in (35.0, 45.0):
        lv = PolicyLevers(federal_kei_class=True, kei_class_road_cap_mph=cap)
        res = run(catalog, ("nbox_2025",), "TX", road_mix=mix, levers=lv, draws=200)
        out.append(res.vehicles[0])
    a, b = out
    assert a.mobility is not None and b.mobility is not None
    assert b.mobility.own_share - a.mobility.own_share == pytest.approx(x, abs=1e-12)
    travel = MILES * YEARS
    # every mile costs at most the fallback's high fare plus the car's own running costs
    assert abs(b.cost.total_usd.central - a.cost.total_usd.central) <= x * travel * 5.0 + 1e-6
    # a mile of either kind carries at most 5 occupant deaths per 100M miles here
    da = a.safety.occupant_deaths_per_10k_owners.central
    db = b.safety.occupant_deaths_per_10k_owners.central
    assert abs(db - da) <= x * 5.0 * PER_OWNER_10K + 1e-9
    assert da > 0 and db > 0


def test_a_package_moves_miles_from_the_fallback_to_the_microcar(catalog: Catalog) -> None:
    lv = PolicyLevers(federal_kei_class=True, kei_class_road_cap_mph=45)
    sc = default_scenario().with_(
        vehicles=("nbox_2025", "versa_2025"),
        draws=1_000,
        levers=PolicyLevers(federal_kei_class=True, kei_class_road_cap_mph=35),
        packages=(PolicyPackage("Kei class, 45 mph", lv),),
    )
    (_, base), (_, pkg) = evaluate_packages(sc, catalog)
    b, p = base.vehicles[0], pkg.vehicles[0]
    assert b.mobility is not None and p.mobility is not None
    # same travel in both columns
    assert b.cost.own_miles_per_year + b.cost.fallback_miles_per_year == pytest.approx(MILES)
    assert p.cost.own_miles_per_year + p.cost.fallback_miles_per_year == pytest.approx(MILES)
    # arterials (0.3 of the mix) move from the fallback to the microcar
    assert p.mobility.own_share - b.mobility.own_share == pytest.approx(0.3)
    assert p.cost.by_category_usd["substitute_travel"] < b.cost.by_category_usd["substitute_travel"]
    assert p.cost.by_category_usd["energy"] > b.cost.by_category_usd["energy"]


# -- the scenario field and the result JSON -----------------------------------------------------
def test_version_1_files_get_the_default_fallback(catalog: Catalog) -> None:
    v1 = json.loads(scenario_to_json(default_scenario()))
    v1["schema_version"] = 1
    del v1["fallback"]
    sc = scenario_from_json_text(json.dumps(v1), "old.json", catalog)
    assert sc.fallback == Fallback("ride_hail")
    assert SCHEMA_VERSION == 2
    two = default_scenario().with_(fallback=Fallback("second_car", "corolla_2018_used"))
    back = scenario_from_json_text(scenario_to_json(two), "new.json", catalog)
    assert back.fallback == two.fallback


@pytest.mark.parametrize(
    ("fallback", "field"),
    [
        ({"mode": "bicycle"}, "fallback.mode"),
        ({"mode": "second_car"}, "fallback.vehicle"),
        ({"mode": "transit", "vehicle": "versa_2025"}, "fallback.vehicle"),
        ({"mode": "ride_hail", "colour": "red"}, "fallback.colour"),
        ("ride_hail", "fallback"),
    ],
)
def test_a_bad_fallback_names_its_field(fallback: object, field: str) -> None:
    d = default_scenario().to_dict()
    d["fallback"] = fallback
    with pytest.raises(ValidationError) as e:
        Scenario.from_dict(d)
    assert e.value.field == field


def test_result_json_has_the_mobility_object(catalog: Catalog) -> None:
    d = result_to_dict(run(catalog, ("lsv_gem_e4", "mirage_2024"), "FL"))
    assert d["schema"] == "keiwhatif.result/1"
    m = d["vehicles"][0]["mobility"]
    assert m["own_vehicle_share"] == pytest.approx(0.4)
    assert m["fallback_mode"] == "ride_hail"
    assert set(m["fallback_share_by_reason"]) == set(REASONS)
    assert m["fallback_share_by_reason"]["road_not_legal"] == pytest.approx(0.6)
    assert d["vehicles"][1]["mobility"]["fallback_share"] == 0.0
    assert d["comparisons"][0]["every_mile_served"] is True
    assert "substitute_travel" in d["vehicles"][0]["cost"]["by_category_usd"]


def test_the_road_classes_the_split_uses_are_the_posted_speeds() -> None:
    assert [ROAD_CLASS_POSTED_MPH[rc] for rc in ROAD_CLASSES] == sorted(
        ROAD_CLASS_POSTED_MPH.values()
    )
