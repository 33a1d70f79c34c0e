"""Policy levers: validation, serialisation, and the input changes each lever makes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.data.catalog import Catalog
from core.errors import ValidationError
from core.policy import effective as policy
from core.policy.compliance import per_unit_cost
from core.scenario.levers import PolicyLevers
from core.scenario.model import Scenario
from tests.feasibility_helpers import feas, scenario, with_param, with_vehicle

KEI = "carry_1995_import"


def _ctx(cat: Catalog, vids: tuple[str, ...], state: str = "TX", **lv: object) -> policy.Context:
    return policy.apply(scenario(vids, state, levers=PolicyLevers(**lv)), cat)  # type: ignore[arg-type]


def test_status_quo_levers_change_nothing(catalog: Catalog) -> None:
    ctx = _ctx(catalog, (KEI, "versa_2025"))
    assert PolicyLevers().is_status_quo
    assert all(v == 0.0 for v in ctx.speed_change_mph.values())
    assert ctx.road_cap_mph == {KEI: None, "versa_2025": None}


def test_levers_round_trip_and_validate() -> None:
    lv = PolicyLevers(federal_kei_class=True, kei_class_road_cap_mph=40, import_age_years=15,
                      state_overrides={"GA": "restricted:35"}, us_annual_volume=20_000,
                      tariff_overrides={"duty_rate_truck_jp": 0.15})  # fmt: skip
    assert PolicyLevers.from_dict(lv.to_dict()) == lv
    back = Scenario.from_dict(scenario((KEI,), levers=lv).to_dict())
    assert back.levers == lv
    bad = [
        ({"import_age_years": 4}, "levers.import_age_years"),
        ({"import_age_years": 15.5}, "levers.import_age_years"),
        ({"state_overrides": {"XX": "allowed"}}, "levers.state_overrides.XX"),
        ({"state_overrides": {"GA": "legal"}}, "levers.state_overrides.GA"),
        ({"state_overrides": {"GA": "banned:35"}}, "levers.state_overrides.GA"),
        ({"tariff_overrides": {"fx_jpy_per_usd": 0.1}}, "levers.tariff_overrides.fx_jpy_per_usd"),
        ({"tariff_overrides": {"duty_rate_car_jp": 3}}, "levers.tariff_overrides.duty_rate_car_jp"),
        ({"us_annual_volume": 0}, "levers.us_annual_volume"),
        ({"urban_speed_reduction_mph": 25}, "levers.urban_speed_reduction_mph"),
        ({"no_such_lever": 1}, "levers.no_such_lever"),
    ]
    for d, fld in bad:
        with pytest.raises(ValidationError) as e:
            PolicyLevers.from_dict(d)
        assert e.value.field == fld, d
    with pytest.raises(ValidationError) as e:
        PolicyLevers.from_dict({"program_years": 0}, "packages[1].levers")
    assert e.value.field == "packages[1].levers.program_years"


def test_unknown_tariff_param_is_a_validation_error(catalog: Catalog) -> None:
    with pytest.raises(ValidationError) as e:
        _ctx(catalog, (KEI,), tariff_overrides={"duty_rate_boat_xx": 0.1})
    assert e.value.field == "levers.tariff_overrides.duty_rate_boat_xx"


@pytest.mark.parametrize(
    ("state", "cap"),
    [("TX", None), ("FL", 35.0), ("AR", 55.0), ("NE", 55.0), ("GA", 0.0), ("CA", 0.0),
     ("KS", 35.0), ("IN", 35.0), ("OH", 35.0), ("ME", 0.0), ("PA", 0.0)],
)  # fmt: skip
def test_road_cap_for_a_used_kei_import(catalog: Catalog, state: str, cap: float | None) -> None:
    # KS restricts without a statewide cap: the restricted_unspecified_road_cap_mph judgement (35).
    # IN has no verified rule: never unrestricted, the unknown_rule_road_cap_mph assumption (35).
    # OH: ORC 4519.401, local streets only (35); ME: off-road vehicle (29-A MRSA 2092); PA:
    # antique / farm plates only (PennDOT FAQ): no road for daily miles.
    assert _ctx(catalog, (KEI,), state).road_cap_mph[KEI] == cap


def test_road_caps_for_lsv_and_federal_classes(catalog: Catalog) -> None:
    cat = with_vehicle(catalog, KEI, "lsv1", vclass="lsv", import_path="lsv", top_speed_mph=25.0,
                       age_years=0.0)  # fmt: skip
    cat = with_vehicle(cat, KEI, "newkei", vclass="kei_car", import_path="not_importable",
                       age_years=0.0, body="car")  # fmt: skip
    # Texas: NEVs on streets posted 45 mph or less (Tex. Transp. Code 551.303, via AFDC).
    assert _ctx(cat, ("lsv1",), "TX").road_cap_mph["lsv1"] == 45.0
    assert _ctx(cat, ("lsv1",), "CT").road_cap_mph["lsv1"] == 0.0  # no LSV law (IIHS 2010)
    assert _ctx(cat, ("newkei",)).road_cap_mph["newkei"] == 0.0  # no federal path
    assert _ctx(cat, ("newkei",), federal_kei_class=True).road_cap_mph["newkei"] == 45.0
    ctx = _ctx(cat, ("newkei",), federal_kei_class=True, kei_class_road_cap_mph=55)
    assert ctx.road_cap_mph["newkei"] == 55.0
    # A used import stays under state law even with the federal class.
    assert _ctx(cat, (KEI,), "GA", federal_kei_class=True).road_cap_mph[KEI] == 0.0
    # Federal MSV class: LSV-type vehicles get the class cap (35 by default) in every state.
    assert _ctx(cat, ("lsv1",), "CT", federal_msv_class=True).road_cap_mph["lsv1"] == 35.0
    # An LSV-class vehicle faster than 25 mph (not imported as an LSV) is a state MSV: Texas 45
    # (IIHS 2019 top speed, estimate); Florida has no MSV class.
    fast = with_vehicle(cat, "lsv1", "msv1", top_speed_mph=40.0, import_path="registered_importer")
    assert _ctx(fast, ("msv1",), "TX").road_cap_mph["msv1"] == 45.0
    assert _ctx(fast, ("msv1",), "FL").road_cap_mph["msv1"] == 0.0
    # A quadricycle imported as an LSV is a governed LSV, an MSV only by the lever.
    assert _ctx(cat, ("ami_2025",), "TX").road_cap_mph["ami_2025"] == 45.0
    assert _ctx(cat, ("ami_2025",), "FL", quadricycle_as_msv=True).road_cap_mph["ami_2025"] == 0.0


def test_federal_kei_class_widens_legal_miles(catalog: Catalog) -> None:
    cat = with_vehicle(catalog, KEI, "newkei", vclass="kei_car", import_path="not_importable",
                       age_years=0.0, body="car")  # fmt: skip
    before = feas(cat, "newkei").legal_miles_share
    after = feas(cat, "newkei", levers=PolicyLevers(federal_kei_class=True)).legal_miles_share
    # Default mix: roads <= 45 mph carry 15% + 25% + 30% = 70% of miles.
    assert before == 0.0 and after == pytest.approx(0.70)


def test_state_override_moves_the_road_cap(catalog: Catalog) -> None:
    assert _ctx(catalog, (KEI,), "GA").road_cap_mph[KEI] == 0.0
    assert _ctx(catalog, (KEI,), "GA", state_overrides={"GA": "allowed"}).road_cap_mph[KEI] is None
    ctx = _ctx(catalog, (KEI,), "GA", state_overrides={"GA": "restricted:45"})
    assert ctx.road_cap_mph[KEI] == 45.0
    ctx = _ctx(catalog, (KEI,), "TX", state_overrides={"TX": "banned"})
    assert ctx.road_cap_mph[KEI] == 0.0
    # The catalogue keeps today's law (the map shows both).
    assert ctx.catalog.table("state_rules")[("TX", "kei_truck_25yr")]["status"] == "allowed"


def test_urban_speed_lever_slows_urban_roads_only(catalog: Catalog) -> None:
    ctx = _ctx(catalog, (KEI,), urban_speed_reduction_mph=10)
    assert dict(ctx.speed_change_mph) == {"local_25": -10.0, "collector_35": -10.0,
                                          "arterial_45": -10.0, "rural_55": 0.0,
                                          "freeway_65": 0.0}  # fmt: skip


def test_slower_urban_roads_lower_pedestrian_risk(catalog: Catalog) -> None:
    from core.engine import evaluate

    base = scenario((KEI, "versa_2025"))
    slow = base.with_(levers=PolicyLevers(urban_speed_reduction_mph=10))
    a, b = evaluate(base, catalog), evaluate(slow, catalog)
    before = a.vehicle(KEI).safety.pedestrian_deaths_per_10k_owners.central
    after = b.vehicle(KEI).safety.pedestrian_deaths_per_10k_owners.central
    assert before > 0.0
    assert after < before
    # and the whole risk imposed on others falls with it
    assert (
        b.vehicle(KEI).safety.others_deaths_per_10k_owners.central
        < a.vehicle(KEI).safety.others_deaths_per_10k_owners.central
    )


def test_volume_lever_lowers_per_unit_cost_everywhere(catalog: Catalog) -> None:
    cat = with_param(catalog, "compliance_cost_per_unit_usd", 4000.0)
    lo = _ctx(cat, (KEI,), us_annual_volume=2_500).catalog.u("compliance_cost_per_unit_usd")
    hi = _ctx(cat, (KEI,), us_annual_volume=25_000).catalog.u("compliance_cost_per_unit_usd")
    assert lo.central == pytest.approx(50e6 / (2_500 * 5) + 1_500)  # $5,500
    assert hi.central == pytest.approx(50e6 / (25_000 * 5) + 1_500)  # $1,900
    assert hi.low < lo.low and hi.high < lo.high
    # A value the user typed for the param wins over the curve.
    typed = scenario((KEI,), overrides={"compliance_cost_per_unit_usd": 3000.0},
                     levers=PolicyLevers(us_annual_volume=25_000))  # fmt: skip
    assert policy.apply(typed, cat).catalog.central("compliance_cost_per_unit_usd") == 3000.0


@settings(max_examples=50, deadline=None)
@given(v1=st.floats(1, 1e6), v2=st.floats(1, 1e6), n=st.floats(1, 30), f=st.floats(0, 1e9))
def test_per_unit_cost_falls_with_volume(v1: float, v2: float, n: float, f: float) -> None:
    a, b = float(per_unit_cost(f, v1, n, 1500)), float(per_unit_cost(f, v2, n, 1500))
    assert a >= 1500 and b >= 1500
    if v1 < v2:
        assert a >= b


def test_tariff_incentive_and_fleet_levers_reach_the_params(catalog: Catalog) -> None:
    cat = with_param(catalog, "duty_rate_truck_jp", 0.25)
    cat = with_param(cat, "microcar_purchase_incentive_usd", 0.0)
    cat = with_param(cat, "ev_purchase_incentive_usd", 0.0)
    cat = with_param(cat, "partner_light_truck_share_shift", 0.0)
    ctx = _ctx(cat, (KEI,), tariff_overrides={"duty_rate_truck_jp": 0.025},
               purchase_incentive_usd=3000.0, ev_incentive_usd=1000.0,
               light_truck_share_shift=-0.2)  # fmt: skip
    assert ctx.catalog.central("duty_rate_truck_jp") == 0.025
    assert ctx.catalog.central("microcar_purchase_incentive_usd") == 3000.0
    assert ctx.catalog.central("ev_purchase_incentive_usd") == 1000.0
    assert ctx.catalog.central("partner_light_truck_share_shift") == -0.2
    # Missing params (other models not loaded yet) are skipped, never an error.
    _ctx(catalog, (KEI,), purchase_incentive_usd=3000.0, light_truck_share_shift=0.1)
