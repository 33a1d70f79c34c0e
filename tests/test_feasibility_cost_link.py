"""The feasibility checks read the cost model's figures: the buyer's price, the landing items and
who gets a purchase incentive are the cost model's, never recomputed differently."""

from __future__ import annotations

import pytest

from core.cost import landed
from core.data.catalog import Catalog
from core.engine import evaluate
from core.result import VehicleResult
from core.scenario.levers import PolicyLevers
from core.scenario.overrides import VehicleOverride
from tests.feasibility_helpers import feas, scenario

# Per-unit compliance cost with the default curve (feasibility_params.csv, central):
# $50M certification / (2,500 cars a year x 5 years) + $1,500 hardware = $5,500.
PER_UNIT_USD = 50e6 / (2_500 * 5) + 1_500


def _run(catalog: Catalog, vehicles: tuple[str, ...], **kw: object) -> dict[str, VehicleResult]:
    res = evaluate(scenario(vehicles, draws=500, **kw), catalog)
    return {vr.vehicle.id: vr for vr in res.vehicles}


def test_checks_use_the_buyers_price(catalog: Catalog) -> None:
    ov = {"nbox_2025": VehicleOverride(price_usd=30_000.0)}
    vr = _run(catalog, ("nbox_2025",), vehicle_overrides=ov)["nbox_2025"]
    comp = vr.feasibility.check("compliance_cost")
    # $5,500 / $30,000 = 18.3%: between the 10% warn and 25% fail shares
    assert comp.value == pytest.approx(PER_UNIT_USD / 30_000)
    assert comp.status == "warn"
    assert "18% of the $30,000 price" in comp.reason
    duty = vr.feasibility.check("tariff")
    # the buyer's delivered price carries the duty: no separate duty figure is invented
    assert "$30,000" in duty.reason and "about $" not in duty.reason
    assert duty.value == pytest.approx(catalog.central("duty_rate_car_jp"))


def test_checks_without_an_override_keep_the_model_price(catalog: Catalog) -> None:
    vr = _run(catalog, ("nbox_2025",))["nbox_2025"]
    central = landed.landed_cost_central(catalog.vehicle("nbox_2025"), catalog)
    # JPY 1,648,900 with 10% consumption tax at the central yen rate
    price = 1_648_900 / 1.1 / catalog.central("fx_jpy_per_usd")
    assert central["price_usd"] == pytest.approx(price)
    duty = vr.feasibility.check("tariff")
    assert f"about ${catalog.central('duty_rate_car_jp') * price:,.0f} on ${price:,.0f}" in (
        duty.reason
    )
    assert vr.feasibility.check("compliance_cost").value == pytest.approx(PER_UNIT_USD / price)


def test_us_dealer_import_pays_no_separate_duty(catalog: Catalog) -> None:
    # a 25-year import with no vintage_imports row: its US dealer price is used as is
    assert catalog.table("vintage_imports").get("wagonr_1998_import") is None
    c = feas(catalog, "wagonr_1998_import").check("tariff")
    assert c.status == "pass"
    assert "bought from a US dealer" in c.reason and "$0" not in c.reason
    full = _run(catalog, ("wagonr_1998_import",))["wagonr_1998_import"]
    assert full.feasibility.check("tariff").status == "pass"


def test_incentive_only_for_new_vehicles_as_the_cost_model_has_it(catalog: Catalog) -> None:
    lv = PolicyLevers(purchase_incentive_usd=2_000.0)
    got = _run(catalog, ("carry_1995_import", "nbox_2025"), levers=lv)
    old = got["carry_1995_import"]  # 30 years old: no new-microcar incentive
    assert old.cost.incentives_usd == 0.0
    c = old.feasibility.check("incentives")
    assert c.value == 0.0 and "$2,000" not in c.reason
    new = got["nbox_2025"]
    assert new.cost.incentives_usd == pytest.approx(2_000.0)
    c_new = new.feasibility.check("incentives")
    assert c_new.status == "pass" and c_new.value == pytest.approx(2_000.0)
    assert "$2,000 in purchase incentives applies" in c_new.reason
    # without a cost result (the checks alone) the same rule holds
    alone = feas(catalog, "carry_1995_import", levers=lv)
    assert alone.check("incentives").value == 0.0
    carry = catalog.vehicle("carry_1995_import")
    assert alone.landed_price_usd == pytest.approx(landed.landed_price_central(carry, catalog))


def test_compliance_draws_are_the_scenarios_own(catalog: Catalog) -> None:
    """The compliance curve's draws, kept between evaluations, are the Monte Carlo draws of the
    scenario's seed: the same percentiles on a first and a repeated evaluation."""
    from core.policy import effective as policy
    from core.uncertain import CentralSampler, Dist, MonteCarloSampler

    sc = scenario(("nbox_2025",), draws=700, seed=12345)
    curve = policy.apply(sc, catalog).compliance_curve
    central = float(curve.draw(CentralSampler())[0])
    want = Dist.of(central, curve.draw(MonteCarloSampler(n=700, seed=12345)))
    for _ in range(2):
        got = evaluate(sc, catalog).vehicles[0].feasibility.compliance_cost_per_unit_usd
        assert got == want
