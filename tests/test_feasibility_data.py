"""The feasibility data: 51 dated, sourced state rows; pathways; params the code reads."""

from __future__ import annotations

from core.data.catalog import Catalog
from core.data.feasibility_tables import KEI_STATUSES, PATHWAY_IDS
from core.data.states import STATE_CODES


def test_state_table_has_51_rows_each_with_source_and_date(catalog: Catalog) -> None:
    t = catalog.table("states")
    assert len(t) == 51
    assert {r["state"] for r in t.rows} == set(STATE_CODES)
    for r in t.rows:
        assert r["source"].strip() and r["as_of"], r["state"]
        assert r["lsv_msv_source"].strip() and r["lsv_msv_as_of"], r["state"]
        assert r["kei_status"] in KEI_STATUSES


def test_conflicting_sources_say_unclear_and_name_both(catalog: Catalog) -> None:
    # Indiana: a dealer list says allowed except interstates; IIHS says no state law.
    indiana = catalog.table("states")["IN"]
    assert indiana["kei_status"] == "unclear"
    assert "Eaton" in indiana["kei_rule"] and "IIHS" in indiana["kei_rule"]
    assert "CONFLICTING" in indiana["note"]


def test_published_state_rules_as_recorded(catalog: Catalog) -> None:
    t = catalog.table("states")
    assert t["FL"]["kei_status"] == "restricted" and t["FL"]["kei_road_cap_mph"] == 35
    assert t["GA"]["kei_status"] == "banned" and "VETOED" in t["GA"]["pending"]
    assert t["TX"]["kei_status"] == "allowed" and t["TX"]["in_flux"]
    # IIHS 2010: no LSV enabling statute in CT, MS, MT, PA.
    assert [s for s in STATE_CODES if not t[s]["lsv_allowed"]] == ["CT", "MS", "MT", "PA"]
    # IIHS 2019: nine MSV states.
    msv = {s for s in STATE_CODES if t[s]["msv_allowed"]}
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
        "lsv_road_cap_mph",
    ):
        p = catalog.param(pid)
        assert p.source and p.as_of and p.file == "feasibility_params.csv"
    # The LSV weight limit conflict is settled by 71 FR 20026 (2006): under 3,000 lb.
    assert catalog.central("lsv_max_gvwr_lb") == 3000
    assert catalog.central("ev_cold_range_loss") == 0.41  # AAA 2019, 20 F with heater
