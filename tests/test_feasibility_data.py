"""The feasibility data: cited, dated state rules for every kind; pathways; params the code reads."""

from __future__ import annotations

import dataclasses

from core import policy
from core.data.catalog import Catalog
from core.data.feasibility_tables import PATHWAY_IDS
from core.data.state_rules import RULE_CONFIDENCE, RULE_KINDS, RULE_STATUSES, rule_for
from core.data.states import STATE_CODES
from core.data.tables import Row
from core.policy.operating_class import operating_class
from core.scenario.levers import PolicyLevers
from tests.feasibility_helpers import scenario


def test_every_state_and_kind_has_a_cited_rule_with_a_confidence(catalog: Catalog) -> None:
    t = catalog.table("state_rules")
    for r in t.rows:
        where = (r["state"], r["kind"])
        assert str(r["citation"]).strip(), where
        assert r["confidence"] in RULE_CONFIDENCE, where
        assert str(r["source"]).strip() and r["as_of"], where
        assert r["status"] in RULE_STATUSES and str(r["conditions"]).strip(), where
    for kind in RULE_KINDS:
        for st in STATE_CODES:
            assert rule_for(t, st, kind)["kind"] == kind
    # high means the statute text was read: such a row names a statute, not a secondary list.
    for r in t.rows:
        if r["confidence"] == "high":
            assert "no statute read" not in r["citation"], (r["state"], r["kind"])


def test_no_unclear_rule_yields_unrestricted_access(catalog: Catalog) -> None:
    """An unknown rule is the stated assumption (local roads <= 35 mph), never 'no cap'."""
    t = catalog.table("state_rules")
    assumed = catalog.central("unknown_rule_road_cap_mph")
    assert assumed == 35 and catalog.param("unknown_rule_road_cap_mph").confidence == "assumption"
    vehicles = {
        "kei_truck_25yr": "carry_1995_import",
        "lsv": "lsv_gem_e4",
        "msv": "ami_2025",  # with the lever that registers it as a state MSV
    }
    levers = PolicyLevers(quadricycle_as_msv=True)
    unknown = 0
    for kind, vid in vehicles.items():
        v = catalog.vehicle(vid)
        for st in STATE_CODES:
            row = rule_for(t, st, kind)
            oc = operating_class(v, st, levers, catalog)
            assert oc.kind == kind
            if row["status"] == "unknown":
                unknown += 1
                assert oc.road_cap_mph == assumed and oc.assumed_cap, (st, kind)
                assert oc.confidence == "assumption"
            if oc.road_cap_mph is None:  # unrestricted only on a stated 'allowed' rule
                assert row["status"] == "allowed" and row["road_cap_mph"] is None, (st, kind)
    assert unknown > 0  # the rule is exercised, not vacuous
    # Kei cars: no state-by-state rule verified, so the ALL row is unknown -> the assumption.
    assert t.get("ALL", "kei_car_25yr")["status"] == "unknown"


def test_unknown_assumption_is_user_editable(catalog: Catalog) -> None:
    """Setting the assumption to 0 (no road) in the scenario's overrides reaches the model."""
    sc = scenario(("carry_1995_import",), "IN")
    ctx = policy.apply(sc, catalog)
    assert ctx.road_cap_mph["carry_1995_import"] == 35.0
    strict = dataclasses.replace(sc, overrides={"unknown_rule_road_cap_mph": 0.0})
    assert policy.apply(strict, catalog).road_cap_mph["carry_1995_import"] == 0.0


def test_conflicting_sources_are_unknown_and_name_both(catalog: Catalog) -> None:
    # Indiana: a dealer list says allowed except interstates; IIHS says no state law.
    indiana = catalog.table("state_rules")[("IN", "kei_truck_25yr")]
    assert indiana["status"] == "unknown" and indiana["confidence"] == "low"
    assert "Eaton" in indiana["conditions"] and "IIHS" in indiana["conditions"]
    assert "CONFLICTING" in indiana["note"]


def test_published_state_rules_as_recorded(catalog: Catalog) -> None:
    t = catalog.table("state_rules")

    def kei(st: str) -> Row:
        return t[(st, "kei_truck_25yr")]

    assert kei("FL")["status"] == "restricted" and kei("FL")["road_cap_mph"] == 35
    assert kei("GA")["status"] == "banned" and "VETOED" in kei("GA")["pending"]
    assert kei("TX")["status"] == "allowed" and kei("TX")["in_flux"]
    # The audit's corrections: Ohio ORC 4519.401, Maine 29-A MRSA sub-47-A, PA farm plates.
    assert "4519.401" in kei("OH")["citation"] and kei("OH")["status"] == "restricted"
    assert "47-A" in kei("ME")["citation"] and kei("ME")["status"] == "off_road_only"
    assert kei("PA")["status"] == "limited_use" and "farm" in kei("PA")["conditions"]
    # IIHS 2010: no LSV enabling statute in CT, MS, MT, PA (kept as banned, low confidence).
    lsv_banned = [s for s in STATE_CODES if t[(s, "lsv")]["status"] == "banned"]
    assert lsv_banned == ["CT", "MS", "MT", "PA"]
    # IIHS 2019: nine MSV states (Maryland's roads are not on record: unknown).
    msv = {s for s in STATE_CODES if t[(s, "msv")]["status"] != "banned"}
    assert msv == {"KY", "MD", "MN", "MT", "OK", "OR", "TN", "TX", "WA"}


def test_pathways_cover_every_route(catalog: Catalog) -> None:
    t = catalog.table("pathways")
    assert set(t.by_key) == set(PATHWAY_IDS)
    for r in t.rows:
        assert r["source"].strip() and r["as_of"]


def test_thresholds_and_buyer_inputs_are_params(catalog: Catalog) -> None:
    for pid in (
        "parking_stall_width_ft",
        "parking_stall_length_ft",
        "coldest_temp_f",
        "daily_round_trip_mi",
        "specialist_distance_mi",
        "certification_fixed_cost_usd",
        "us_kei_annual_volume",
        "compliance_program_years",
        "unknown_rule_road_cap_mph",
    ):
        p = catalog.param(pid)
        assert p.source and p.as_of and p.file == "feasibility_params.csv"
    # The LSV weight limit conflict is settled by 71 FR 20026 (2006): under 3,000 lb.
    assert catalog.central("lsv_max_gvwr_lb") == 3000
    assert catalog.central("ev_cold_range_loss") == 0.41  # AAA 2019, 20 F with heater
