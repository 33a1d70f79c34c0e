"""State rules for each kind of microcar, asserted against the statute or agency text they cite.

A dozen states x six kinds of vehicle. Each expected verdict (the state-titling check) and road
cap is what the named text says; where no rule was verified the expectation is the stated
conservative assumption (local roads posted 35 mph or less, `unknown_rule_road_cap_mph`),
never unrestricted access. The row's citation must name the same text.
"""

from __future__ import annotations

import pytest

from core import policy
from core.data.catalog import Catalog
from core.engine import evaluate
from core.policy.operating_class import operating_class
from core.scenario.levers import PolicyLevers
from tests.feasibility_helpers import feas, scenario, with_vehicle

TRUCK = "carry_1995_import"  # 1995 Suzuki Carry, 25-year import
CAR = "beat_1995"  # a 1995 kei car, 25-year import (built below from the Carry's row)
NEW = "newkei"  # a new kei car with no FMVSS route
LSV = "lsv_gem_e4"  # Polaris GEM e4, FMVSS 500, 25 mph
QUAD = "ami_2025"  # Citroen Ami: 45 km/h (28 mph) quadricycle imported as an LSV
ASSUMED = 35.0  # unknown_rule_road_cap_mph: the stated assumption, not a rule


@pytest.fixture(scope="module")
def cat(catalog: Catalog) -> Catalog:
    c = with_vehicle(catalog, TRUCK, CAR, vclass="kei_car", body="car", name="1995 kei car")
    return with_vehicle(c, TRUCK, NEW, vclass="kei_car", body="car", import_path="not_importable",
                        age_years=0.0, model_year=2025)  # fmt: skip


# (state, vehicle, expected state-titling status, expected road cap, text the row must cite)
KEI_TRUCK = [
    ("OH", "warn", 35.0, "4519.401"),  # ORC 4519.401: farm, dealer lot, or local streets (4511.215)
    ("AL", "warn", 55.0, "32-6-59"),  # Code of Ala. 32-6-59: registered, never on interstates
    ("LA", "warn", 55.0, "32:299.2"),  # La. R.S. 32:299.2: highways posted <= 55 mph
    ("FL", "warn", 35.0, "316.2122"),  # Fla. Stat. 316.2122: streets posted <= 35 mph
    ("ME", "fail", 0.0, "2092"),  # 29-A MRSA 101(47-A) + 2092: off-road vehicle, no public way
    ("PA", "fail", 0.0, "PennDOT"),  # PennDOT FAQ / 75 Pa.C.S. 1340, 1344: antique or farm plates
    ("GA", "fail", 0.0, "MVD-2023-05"),  # DOR bulletin: no title, no registration
    ("CO", "warn", ASSUMED, "HB25-1281"),  # HB25-1281 only from 2027-07-01: no rule in force yet
    ("TX", "pass", None, "SB 1816"),  # SB 1816 (2025): titled as a motor vehicle
    ("CA", "fail", 0.0, "no statute read"),  # off-road only (secondary source)
    ("NY", "fail", 0.0, "no statute or DMV text read"),  # DMV refuses non-FMVSS (secondary)
    ("MA", "pass", None, "no statute or RMV text read"),  # registrable (news report)
    ("MN", "warn", 35.0, "169.045"),  # Minn. Stat. 169.045: local ordinance + permit only
]
KEI_CAR = [
    ("OH", "warn", ASSUMED, "591.5"),  # ORC 4519.401 covers mini-trucks only: no car rule
    ("AL", "warn", ASSUMED, "591.5"),  # Code of Ala. 32-6-59 covers mini-trucks only
    ("LA", "warn", ASSUMED, "591.5"),  # La. R.S. 32:299.2 covers mini-trucks only
    ("FL", "warn", ASSUMED, "591.5"),  # Fla. Stat. 316.2122 covers mini trucks only
    ("ME", "fail", 0.0, "2092"),  # the off-road-vehicle definition covers any non-FMVSS vehicle
    ("PA", "warn", ASSUMED, "591.5"),  # the PennDOT FAQ covers mini trucks only
    ("GA", "fail", 0.0, "MVD-2023-05"),  # the bulletin bars 'Japanese kei vehicles' too
    ("CO", "warn", ASSUMED, "HB25-1281"),  # kei vehicles (cars too) only from 2027-07-01
    ("TX", "pass", None, "SB 1816"),  # 'miniature car, truck, van, or bus'
    ("CA", "warn", ASSUMED, "591.5"),
    ("NY", "fail", 0.0, "no statute or DMV text read"),
    ("MA", "warn", ASSUMED, "591.5"),
]
LSV_RULES = [
    ("FL", "pass", 35.0, "316.2122"),  # Fla. Stat. 316.2122(1): streets posted <= 35 mph
    ("MA", "pass", 30.0, "c.90 §1F"),  # M.G.L. c.90 1F: no way with a limit above 30 mph
    ("NY", "pass", 35.0, "2262"),  # N.Y. VTL 2262(4)(a): no highway limited above 35 mph
    ("CA", "pass", 35.0, "21260"),  # Cal. Veh. Code 21260(a): no roadway above 35 mph
    ("TX", "pass", 45.0, "551.30"),  # Tex. Transp. Code 551.301-303: streets posted <= 45 mph
    ("OH", "pass", 35.0, "IIHS"),  # IIHS 2010 table (statute not read)
    ("AL", "pass", 35.0, "IIHS"),
    ("LA", "pass", 35.0, "IIHS"),
    ("ME", "pass", 35.0, "IIHS"),
    ("GA", "pass", 35.0, "IIHS"),
    ("CO", "pass", 35.0, "IIHS"),
    ("PA", "fail", 0.0, "IIHS"),  # IIHS 2010: no LSV enabling statute
]
# An ungoverned Ami registered under a state's own MSV class (the quadricycle_as_msv lever).
MSV_RULES = [
    ("TX", "pass", 45.0, "IIHS MSV"),  # IIHS 2019: Texas MSV class
    *[
        (st, "fail", 0.0, "IIHS MSV")
        for st in ("OH", "AL", "LA", "FL", "MA", "NY", "CA", "ME", "PA", "GA", "CO")
    ],  # no MSV class in the IIHS 2019 table
]


def _check(cat: Catalog, vid: str, state: str, levers: PolicyLevers | None = None) -> tuple:
    r = feas(cat, vid, state, levers=levers)
    oc = policy.apply(scenario((vid,), state, levers=levers or PolicyLevers()), cat).operating[vid]
    return r.check("state_titling").status, r.road_cap_mph, oc


@pytest.mark.parametrize(("state", "titling", "cap", "cites"), KEI_TRUCK)
def test_kei_truck_25_year_import(cat: Catalog, state: str, titling: str, cap: float | None,
                                  cites: str) -> None:  # fmt: skip
    got, road_cap, oc = _check(cat, TRUCK, state)
    assert (got, road_cap) == (titling, cap)
    assert oc.kind == "kei_truck_25yr" and cites in oc.citation


@pytest.mark.parametrize(("state", "titling", "cap", "cites"), KEI_CAR)
def test_kei_car_25_year_import(cat: Catalog, state: str, titling: str, cap: float | None,
                                cites: str) -> None:  # fmt: skip
    got, road_cap, oc = _check(cat, CAR, state)
    assert (got, road_cap) == (titling, cap)
    assert oc.kind == "kei_car_25yr" and cites in oc.citation
    assert oc.assumed_cap == (cap == ASSUMED and titling == "warn")


@pytest.mark.parametrize("state", [s for s, *_ in KEI_TRUCK])
def test_new_vehicle_not_built_to_fmvss(cat: Catalog, state: str) -> None:
    # 49 U.S.C. 30112(a): no import or sale for road use; off-road only (PennDOT FAQ).
    r = feas(cat, NEW, state)
    assert r.check("federal_entry").status == "fail" and r.check("state_titling").status == "fail"
    assert r.road_cap_mph == 0.0 and r.legal_miles_share == 0.0
    oc = policy.apply(scenario((NEW,), state), cat).operating[NEW]
    assert oc.kind == "new_non_fmvss" and "30112" in oc.citation


@pytest.mark.parametrize(("state", "titling", "cap", "cites"), LSV_RULES)
def test_low_speed_vehicle(cat: Catalog, state: str, titling: str, cap: float,
                           cites: str) -> None:  # fmt: skip
    got, road_cap, oc = _check(cat, LSV, state)
    assert (got, road_cap) == (titling, cap)
    assert oc.kind == "lsv" and cites in oc.citation and oc.top_speed_mph == 25.0


@pytest.mark.parametrize(("state", "titling", "cap", "cites"), LSV_RULES)
def test_quadricycle_imported_as_lsv_follows_the_lsv_rule_governed(
    cat: Catalog, state: str, titling: str, cap: float, cites: str
) -> None:
    # The Ami (28 mph) imported as an LSV: the same rule as any LSV, governed to 25 mph
    # (49 CFR 571.3: an LSV's top speed is above 20 and at most 25 mph).
    got, road_cap, oc = _check(cat, QUAD, state)
    assert (got, road_cap) == (titling, cap)
    assert oc.kind == "lsv" and oc.governed and oc.top_speed_mph == 25.0
    assert cites in oc.citation


@pytest.mark.parametrize(("state", "titling", "cap", "cites"), MSV_RULES)
def test_medium_speed_vehicle_only_by_the_lever(cat: Catalog, state: str, titling: str,
                                                cap: float, cites: str) -> None:  # fmt: skip
    got, road_cap, oc = _check(cat, QUAD, state, PolicyLevers(quadricycle_as_msv=True))
    assert (got, road_cap) == (titling, cap)
    assert oc.kind == "msv" and not oc.governed and oc.top_speed_mph == 28.0
    assert cites in oc.citation


def test_ami_as_lsv_in_massachusetts_is_one_class_in_every_model(cat: Catalog) -> None:
    """Issue #14 item 4: costed, crash-modelled and scored as the same governed 25 mph LSV.

    M.G.L. c.90 1F: an LSV may use every way with a limit of 30 mph or less. Of the five road
    classes only local streets (posted <= 25 mph) qualify; the default mix puts 15% there.
    """
    sc = scenario((QUAD, "versa_2025"), "MA", draws=200)
    ctx = policy.apply(sc, cat)
    oc = ctx.operating[QUAD]
    assert (oc.kind, oc.road_cap_mph, oc.top_speed_mph, oc.governed) == ("lsv", 30.0, 25.0, True)
    assert next(v for v in ctx.vehicles if v.id == QUAD).top_speed_mph == 25.0
    r = evaluate(sc, cat)
    ami = r.vehicle(QUAD)
    # feasibility: the LSV pathway, legal roads exist (local streets: 15% of the miles)
    f = ami.feasibility
    assert f.pathway == "lsv" and f.road_cap_mph == 30.0
    assert f.legal_miles_share == pytest.approx(0.15) and f.legal_miles_share > 0
    assert f.check("state_titling").status == "pass"
    # safety: the same cap and the governed speed (never the Ami's own 28 mph)
    s = ami.safety
    assert s.miles_not_legally_drivable_share == pytest.approx(0.85)
    rows = {rc.road_class: rc for rc in s.by_road_class}
    assert rows["local_25"].legal and not rows["collector_35"].legal
    # own speed = the governed 25 mph times the share of top speed it can hold in traffic
    cruise = r.catalog.central("cruise_speed_share_of_top_speed")
    assert max(rc.own_speed_mph for rc in s.by_road_class) == pytest.approx(25.0 * cruise)
    # cost: charged the LSV conversion that makes it an LSV
    assert ami.cost.landed_items_usd["lsv_conformity"] > 0
    # the map asks the same function and gets the same answer
    assert operating_class(cat.vehicle(QUAD), "MA", sc.levers, r.catalog) == oc
