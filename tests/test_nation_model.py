"""The uptake choice model, the outcomes and the maker's case against hand-worked numbers."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from core.data.catalog import load_catalog
from core.nation.business import break_even_volume, business_case
from core.nation.data import nation_data
from core.nation.deaths import per_buyer_change
from core.nation.outcomes import OUTCOMES, evaluate_nation, national
from core.nation.report import business_cases, nation_result, outcome_rows
from core.nation.sweep import run_sweep
from core.nation.uptake import ChoiceInputs, sampler_for, uptake_share
from core.policy.compliance import curve_inputs
from core.scenario.model import load_preset

US_2020 = 331_449_281  # 2020 Census US resident population (the sum of the 50 states and DC)


def test_state_populations_add_up_to_the_census_total() -> None:
    d = nation_data(load_catalog())
    assert d.us_population == US_2020
    assert d.population["TX"] == 29_145_505 and d.population["CA"] == 39_538_223


KW = dict(ceiling=0.37, base_share=0.01, elasticity=2.0, price_usd=20_000.0, valuation=1.0,
          safety_weight=1.0, legal_exponent=4.0)  # fmt: skip


def test_uptake_worked_by_hand() -> None:
    # b = 2 / (20000 * (1 - 0.01/0.37)) = 1.02778e-4 per USD; a = ln(0.01 / 0.36) = -3.58352
    # z = a + b * 5000 = -3.06963; share = 0.37 / (1 + e^3.06963) = 0.37 / 22.5340 = 0.016420
    u = uptake_share(5000.0, 0.0, 1.0, **KW)  # type: ignore[arg-type]
    assert float(u) == pytest.approx(0.016420, rel=1e-4)
    # at no gap and every mile legal: today's small-car share exactly
    assert float(uptake_share(0.0, 0.0, 1.0, **KW)) == pytest.approx(0.01)  # type: ignore[arg-type]
    # half the miles legal, exponent 4: 1/16 of that
    assert float(uptake_share(0.0, 0.0, 0.5, **KW)) == pytest.approx(0.01 / 16)  # type: ignore[arg-type]
    # a harm gap counts like a cost gap of the opposite sign (safety weight 1)
    assert float(uptake_share(5000.0, 5000.0, 1.0, **KW)) == pytest.approx(0.01)  # type: ignore[arg-type]


def test_uptake_bounded_and_monotone_in_the_cost_gap() -> None:
    rng = np.random.default_rng(7)
    gaps = np.linspace(-200_000, 200_000, 801)
    for _ in range(200):
        s = rng.uniform(0.05, 1.0)
        kw = dict(
            ceiling=s, base_share=rng.uniform(1e-4, 0.9) * s, elasticity=rng.uniform(0.1, 10),
            price_usd=rng.uniform(1000, 100_000), valuation=rng.uniform(0.01, 1.5),
            safety_weight=rng.uniform(0, 5), legal_exponent=rng.uniform(0, 20),
        )  # fmt: skip
        u = uptake_share(gaps, rng.uniform(-1e5, 1e5), rng.uniform(0, 1), **kw)  # type: ignore[arg-type]
        assert np.all(u >= 0) and np.all(u <= 1) and np.all(u <= s + 1e-12)
        assert np.all(np.diff(u) >= 0)


@pytest.fixture(scope="module")
def two_states():  # type: ignore[no-untyped-def]
    cat = load_catalog()
    sc = load_preset("policy_kei_class").with_(draws=100)
    sw = run_sweep(sc, cat, states=["TX", "CA"], with_packages=False)
    return cat, sw


def _hand_cell(cell, gap_usd: float, micro_drivable: float):  # type: ignore[no-untyped-def]
    """A real cell with hand-set figures: micro 12 deaths per 10k owners (10 occupants + 2
    others), rival 10 (6 + 4); totals 18,000 vs 18,000 + gap; every draw the same."""
    n = cell.scenario.draws
    m, r = cell.micro, cell.rival
    cost = dict(cell.cost)
    cost[m] = dataclasses.replace(cost[m], total_draws=np.full(n, 18_000.0), incentives_usd=500.0)
    cost[r] = dataclasses.replace(cost[r], total_draws=np.full(n, 18_000.0 + gap_usd))
    safety = dict(cell.safety)
    safety[m] = dataclasses.replace(
        safety[m], occupant_draws=np.full(n, 10.0), others_draws=np.full(n, 2.0),
        miles_not_drivable_share=1 - micro_drivable,
        miles_not_legally_drivable_share=1 - micro_drivable,
    )  # fmt: skip
    safety[r] = dataclasses.replace(
        safety[r], occupant_draws=np.full(n, 6.0), others_draws=np.full(n, 4.0),
        miles_not_drivable_share=0.0, miles_not_legally_drivable_share=0.0,
    )  # fmt: skip
    return dataclasses.replace(cell, cost=cost, safety=safety, feasibility={})


def _inputs(n: int) -> ChoiceInputs:
    f = lambda x: np.full(n, float(x))  # noqa: E731
    return ChoiceInputs(
        ceiling=f(0.4), elasticity=f(2.0), price=f(20_000), valuation=f(1.0),
        safety_weight=f(0.0), vsl=f(1e7),
        base_share={"new": f(0.01), "second": f(0.02)},
        legal_exponent={"new": f(1.0), "second": f(1.0)},
        buyers={"new": f(10_000_000), "second": f(0.0)}, grid_g=f(400.0),
    )  # fmt: skip


def test_two_states_worked_by_hand(two_states) -> None:  # type: ignore[no-untyped-def]
    cat, sw = two_states
    tx = _hand_cell(sw.cell("TX", "Baseline"), 0.0, 1.0)
    ca = _hand_cell(sw.cell("CA", "Baseline"), 0.0, 0.5)
    n = tx.scenario.draws
    res = evaluate_nation([tx, ca], nation_data(cat), _inputs(n))
    # no cost gap, safety weight 0: share = p0 * L; buyers = share * 10M * population share
    b_tx = 0.01 * 1.0 * 10_000_000 * 29_145_505 / US_2020  # 8,793.4
    b_ca = 0.01 * 0.5 * 10_000_000 * 39_538_223 / US_2020  # 5,964.4
    out = {o.state: o for o in res.outcomes}
    assert out["TX"].draws["buyers"][0] == pytest.approx(b_tx)
    assert out["CA"].draws["buyers"][0] == pytest.approx(b_ca)
    # deaths per buyer (12 - 10) / 10k in both states: a safety result already covers all of the
    # owner's travel (CA's undrivable half is in the micro's 12, by the fallback mode), so the
    # legal share moves the buyers, not the per-buyer deaths, and no mile is counted twice
    assert out["TX"].draws["total_deaths"][0] == pytest.approx(b_tx * 2e-4)
    assert out["CA"].draws["total_deaths"][0] == pytest.approx(b_ca * 2e-4)
    assert out["CA"].draws["others_deaths"][0] == pytest.approx(b_ca * (2 - 4) / 1e4)
    us = res.nation["Baseline"]
    assert us.draws["total_deaths"][0] == pytest.approx(b_tx * 2e-4 + b_ca * 2e-4)
    assert us.draws["fiscal_cost_usd"][0] == pytest.approx((b_tx + b_ca) * 500.0)
    assert us.draws["money_saved_usd"][0] == 0.0


def test_money_saved_is_buyers_times_the_gap(two_states) -> None:  # type: ignore[no-untyped-def]
    cat, sw = two_states
    tx = _hand_cell(sw.cell("TX", "Baseline"), 3000.0, 1.0)
    res = evaluate_nation([tx], nation_data(cat), _inputs(tx.scenario.draws))
    b = 2.0 / (20_000 * (1 - 0.01 / 0.4))
    share = 0.4 / (1 + math.exp(-(math.log(0.01 / 0.39) + b * 3000)))
    buyers = share * 10_000_000 * 29_145_505 / US_2020
    o = res.outcomes[0]
    assert o.draws["buyers"][0] == pytest.approx(buyers)
    assert o.draws["money_saved_usd"][0] == pytest.approx(buyers * 3000)


def test_outcomes_add_up_across_states() -> None:
    cat = load_catalog()
    sc = load_preset("policy_kei_class").with_(draws=300)
    sw = run_sweep(sc, cat)
    res = nation_result(sw, cat)
    for pkg, nat in res.nation.items():
        parts = [o for o in res.outcomes if o.package == pkg]
        assert len(parts) == 51
        for k in OUTCOMES:
            assert np.allclose(sum(o.draws[k] for o in parts), nat.draws[k])
        assert national(parts, pkg).draws["buyers"].sum() == pytest.approx(
            nat.draws["buyers"].sum()
        )
    table = outcome_rows(sw, cat, res)
    assert len(table) == 51 * 3 + 3
    for row in table:
        if row["state"] != "US":
            assert 0 <= row["uptake_new_p10"] <= row["uptake_new_p50"] <= row["uptake_new_p90"] <= 1


def test_break_even_volume_closed_form() -> None:
    assert break_even_volume(50e6, 5, 1000.0) == pytest.approx(10_000)
    assert break_even_volume(50e6, 5, 0.0) is None
    assert break_even_volume(50e6, 5, -10.0) is None


def test_break_even_incentive_plugs_back(two_states) -> None:  # type: ignore[no-untyped-def]
    cat, sw = two_states
    cell = sw.cell("TX", "Baseline")
    data = nation_data(cat)
    curve = curve_inputs(cat, cell.scenario.levers)
    price = 12_000.0
    bc = business_case("us_built", price, 0.0, curve, data, sampler_for(50, 1))
    # a $12,000 car built in the US at 1.15 x 92% of its price plus hardware loses money per unit
    assert bc.break_even_incentive_usd > 0
    again = business_case(
        "us_built", price, 0.0, curve, data, sampler_for(50, 1),
        incentive_usd=bc.break_even_incentive_usd,
    )  # fmt: skip
    assert again.break_even_volume == pytest.approx(bc.volume_per_year, rel=1e-9)
    assert bc.pickup_margin_usd.p10 >= 10_000 and bc.pickup_margin_usd.p90 <= 17_000
    assert len(business_cases(sw, cat, "Baseline")) == 2


def test_per_buyer_change_counts_each_mile_once(two_states) -> None:  # type: ignore[no-untyped-def]
    """The fallback miles are inside each safety result already (core.safety.outcome.travel_rates):
    the per-buyer change is the plain difference, whatever share the microcar may drive."""
    _cat, sw = two_states
    c = _hand_cell(sw.cell("TX", "Baseline"), 0.0, 0.75)
    d = per_buyer_change(c.safety[c.micro], c.safety[c.rival])
    assert d[0] == pytest.approx((12 - 10) / 1e4)


def test_imported_case_counts_landing_but_not_compliance_twice(two_states) -> None:  # type: ignore[no-untyped-def]
    cat, sw = two_states
    cell = sw.cell("TX", "Baseline")
    cost = cell.cost[cell.micro]
    items = dict(cost.landed_items_usd)
    landing = sum(v for k, v in items.items() if k not in ("compliance", "dealer_margin"))
    curve = curve_inputs(cat, cell.scenario.levers)
    p = cost.purchase_price_usd
    # I* = (1 - m) P + c + L + F / (V N) - P with every input central
    expected = (
        (1 - cat.central("nation_gross_margin_small_car")) * p
        + curve.hardware_usd.central
        + (landing if landing > 0 else cat.central("nation_shipping_usd"))
        + curve.fixed_usd.central / (curve.volume_per_year.central * curve.years.central)
        - p
    )
    imported = business_cases(sw, cat, "Baseline")[0]
    assert imported.route == "imported"
    assert imported.break_even_incentive_usd == pytest.approx(max(0.0, expected))
