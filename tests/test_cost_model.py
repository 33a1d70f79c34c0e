"""The cost model against hand-worked numbers and its structural promises."""

from __future__ import annotations

import numpy as np
import pytest

from core.cost.ownership import CATEGORIES, CostResult, break_even_year, evaluate_cost
from core.data.catalog import Catalog
from core.errors import ValidationError
from core.policy import effective as policy
from core.scenario.model import default_scenario
from tests.cost_helpers import context, fixed, fixed_class, fixed_price, run, with_row

HAND_PARAMS = {
    "gasoline_usd_per_gal": 3.00,
    "energy_use_factor_epa": 1.0,
    "annual_miles_convention": 12_000,
    "title_and_doc_fees_usd": 0.0,
    "discount_rate": 0.0,
}


@pytest.fixture(scope="module")
def hand_catalog(catalog: Catalog) -> Catalog:
    cat = fixed(catalog, HAND_PARAMS)
    cat = fixed_class(cat, "cost_retained_value", "subcompact", y1=0.8, decline=0.1, floor=0.05)
    cat = fixed_class(cat, "cost_running", "subcompact", maintenance=0.05, repairs=0.0)
    cat = fixed_class(
        cat, "insurance_rates", "subcompact", liability=1000.0, physical_base=0.0,
        physical_rate=0.0,
    )  # fmt: skip
    # Texas (the default scenario's state) with no tax or title, $100 a year registration and
    # the national average insurance (state factors 1).
    cat = with_row(
        cat, "state_fees", "TX", tax_rate=0.0, local_rate=0.0, title_fee_usd=0.0,
        registration_usd=100.0, ev_fee_usd=0.0, value_fee_rate=None, property_tax_rate=0.0,
    )  # fmt: skip
    cat = with_row(cat, "insurance_states", "TX", full_usd=2101.0, minimum_usd=829.0)
    return fixed_price(cat, "versa_2025", 18_635)


def test_hand_worked_depreciation_fuel_and_running_costs(hand_catalog: Catalog) -> None:
    r = run(hand_catalog, ("versa_2025",), annual_miles=12_000, years=5)["versa_2025"]
    c = r.by_category_usd
    # Value kept after 5 years: 0.8 x 0.9^4 = 0.52488 -> depreciation 18,635 x 0.47512.
    assert c["depreciation"] == pytest.approx(18_635 * (1 - 0.8 * 0.9**4), abs=0.01)
    assert c["depreciation"] == pytest.approx(8_853.86, abs=0.01)
    # Fuel: 12,000 mi / 35 mpg x $3.00 = $1,028.57 a year.
    assert c["energy"] == pytest.approx(5 * 12_000 / 35 * 3.00, abs=0.01)
    assert c["insurance"] == pytest.approx(5_000.0)
    # Maintenance 5 c/mi x 12,000 mi x age factors (1, 1, 1, 1.1, 1.1) for a new car.
    assert c["maintenance"] == pytest.approx(600 * 5.2)
    assert c["taxes_fees"] == pytest.approx(500.0)
    assert c["financing"] == 0.0 and c["landed_import"] == 0.0 and c["incentives"] == 0.0
    assert r.resale_value_usd is not None
    assert r.resale_value_usd.central == pytest.approx(18_635 * 0.8 * 0.9**4)
    assert r.total_usd.central == pytest.approx(sum(c.values()))
    assert r.per_month_usd.central == pytest.approx(r.total_usd.central / 60)
    assert r.per_mile_usd.central == pytest.approx(r.total_usd.central / 60_000)


def test_hand_worked_loan_inside_the_model(hand_catalog: Catalog) -> None:
    # $20,000 financed at 7.0% over 70 months: $348.83 a month (issue #3).
    cat = with_row(hand_catalog, "cost_running", "subcompact")  # copy
    price = 20_000 / 0.9  # 10% down leaves $20,000 to finance (no tax, no fees)
    cat = fixed_price(cat, "versa_2025", price)
    r = run(cat, ("versa_2025",), financed=True, loan_apr=0.07, loan_term_months=70,
            down_payment_share=0.10, years=6)["versa_2025"]  # fmt: skip
    assert r.amount_financed_usd == pytest.approx(20_000)
    assert r.monthly_payment_usd == pytest.approx(348.83, abs=0.005)
    assert r.by_category_usd["financing"] == pytest.approx(4_418, abs=1.0)


def test_categories_ledger_and_cumulative_agree(catalog: Catalog) -> None:
    res = run(catalog, ("nbox_2025", "carry_1995_import", "f150_xlt_2025"), financed=True)
    for vid, r in res.items():
        assert set(r.by_category_usd) == set(CATEGORIES)
        assert sum(r.by_category_usd.values()) == pytest.approx(r.total_usd.central, rel=1e-12)
        assert r.ledger_usd.shape == (r.horizon_years, len(CATEGORIES))
        assert r.ledger_usd.sum(axis=0) == pytest.approx(list(r.by_category_usd.values()))
        assert len(r.cumulative_usd) == r.horizon_years + 1
        assert r.cumulative_usd[-1] == pytest.approx(r.total_usd.central, rel=1e-9), vid
        # The resale step: before resale the curve is higher by resale - loan payoff.
        assert r.resale_value_usd is not None
        step = r.cumulative_before_resale_usd[-1] - r.cumulative_usd[-1]
        assert step > 0
        assert r.cumulative_p10_usd[-1] == pytest.approx(r.total_usd.p10)
        assert r.cumulative_p90_usd[-1] == pytest.approx(r.total_usd.p90)
        assert np.all(r.cumulative_p10_usd <= r.cumulative_p90_usd)


def test_no_discounting_equals_nominal(catalog: Catalog) -> None:
    # no discounting and no inflation to deflate the loan and resale by
    cat = fixed(catalog, {"discount_rate": 0.0, "inflation_rate": 0.0})
    for financed in (False, True):
        for r in run(cat, ("versa_2025", "nbox_2025"), financed=financed).values():
            assert r.discounted_total_usd is not None
            assert r.discounted_total_usd.central == pytest.approx(r.total_usd.central, rel=1e-9)
    cat = fixed(catalog, {"discount_rate": 0.05})
    r = run(cat, ("versa_2025",))["versa_2025"]
    assert r.discounted_total_usd is not None
    # Running costs come later and the resale later still: discounting lowers running costs and
    # the resale credit; for a cash purchase the net effect here is a lower present value.
    assert r.discounted_total_usd.central != pytest.approx(r.total_usd.central)


def test_draws_are_paired_across_comparisons(catalog: Catalog) -> None:
    a = run(catalog, ("versa_2025", "f150_xl_2025"))["versa_2025"]
    b = run(catalog, ("mirage_2024", "versa_2025", "nbox_2025"))["versa_2025"]
    assert np.array_equal(a.total_draws, b.total_draws)
    # A shared input (gasoline) moves both vehicles together: their totals are correlated.
    res = run(catalog, ("versa_2025", "mirage_2024"))
    corr = np.corrcoef(res["versa_2025"].total_draws, res["mirage_2024"].total_draws)[0, 1]
    assert corr > 0.2


def test_percentiles_ordered_and_finite(catalog: Catalog) -> None:
    res = run(catalog, tuple(catalog.vehicles)[:6], financed=True)
    res.update(run(catalog, tuple(catalog.vehicles)[6:12], financed=True))
    res.update(run(catalog, tuple(catalog.vehicles)[12:], financed=True))
    assert set(res) == set(catalog.vehicles)
    for r in res.values():
        for d in (r.total_usd, r.per_mile_usd, r.per_month_usd, r.discounted_total_usd,
                  r.landed_price_usd, r.resale_value_usd):  # fmt: skip
            assert d is not None
            vals = [d.central, d.p10, d.p50, d.p90]
            assert all(np.isfinite(vals))
            assert d.p10 <= d.p50 <= d.p90
        assert np.all(np.isfinite(r.total_draws)) and np.all(np.isfinite(r.ledger_usd))
        assert r.total_usd.p10 == pytest.approx(float(np.percentile(r.total_draws, 10)))


def test_tornado_ranks_inputs(catalog: Catalog) -> None:
    r = run(catalog, ("versa_2025",))["versa_2025"]
    assert r.tornado
    swings = [b.swing for b in r.tornado]
    assert swings == sorted(swings, reverse=True)
    keys = {b.key for b in r.tornado}
    assert "gasoline_usd_per_gal" in keys
    gas = next(b for b in r.tornado if b.key == "gasoline_usd_per_gal")
    assert gas.output_at_high > gas.output_at_low  # dearer fuel, dearer ownership
    assert gas.label == catalog.param("gasoline_usd_per_gal").label


def test_microcar_incentive_applies_to_new_microcars_only(catalog: Catalog) -> None:
    cat = fixed(catalog, {"microcar_purchase_incentive_usd": 2_000})
    res = run(cat, ("nbox_2025", "carry_1995_import", "versa_2025"))
    assert res["nbox_2025"].by_category_usd["incentives"] == pytest.approx(-2_000)
    assert res["carry_1995_import"].by_category_usd["incentives"] == 0.0  # used, 30 years old
    assert res["versa_2025"].by_category_usd["incentives"] == 0.0
    base = run(catalog, ("nbox_2025",))["nbox_2025"]
    assert base.total_usd.central - res["nbox_2025"].total_usd.central == pytest.approx(2_000)


def test_policy_lever_incentive_and_tariff(catalog: Catalog) -> None:
    from core.scenario.levers import PolicyLevers

    sc = default_scenario().with_(vehicles=("hijet_truck_2025",), draws=500, financed=False)
    base = evaluate_cost(policy.apply(sc, catalog))["hijet_truck_2025"]
    lv = PolicyLevers(tariff_overrides={"duty_rate_truck_jp": 0.025}, purchase_incentive_usd=1_000)
    new = evaluate_cost(policy.apply(sc.with_(levers=lv), catalog))["hijet_truck_2025"]
    assert new.landed_items_usd["duty"] == pytest.approx(0.025 * new.purchase_price_usd)
    assert new.incentives_usd == pytest.approx(1_000)
    assert new.total_usd.central < base.total_usd.central


def test_old_kei_import_never_gains_value(catalog: Catalog) -> None:
    """Issue 13: the retained value never exceeds the price paid, even where the class table and
    a low mileage would lift it (the model does not forecast a collector's market)."""
    cat = fixed_class(catalog, "cost_retained_value", "kei_truck_import", y1=1.0, decline=0.0)
    cat = fixed(cat, {"resale_mileage_sensitivity": 0.008})
    r = run(cat, ("carry_1995_import",), annual_miles=0)["carry_1995_import"]
    assert r.resale_value_usd is not None
    # y1 = 1 and no decline: the whole price is kept, the low-mileage bonus adds nothing on top
    basis = r.purchase_price_usd + sum(r.landed_items_usd.values())
    assert r.resale_value_usd.central == pytest.approx(basis)
    assert r.by_category_usd["depreciation"] == pytest.approx(0.0, abs=1e-9)
    assert r.by_category_usd["landed_import"] == pytest.approx(0.0, abs=1e-9)


def test_gui_overrides_move_the_total(catalog: Catalog) -> None:
    base = run(catalog, ("versa_2025",))["versa_2025"].total_usd.central
    dear = run(catalog, ("versa_2025",), overrides={"gasoline_usd_per_gal": 5.0})
    assert dear["versa_2025"].total_usd.central > base
    weak_yen = run(catalog, ("nbox_2025",), overrides={"fx_jpy_per_usd": 160.0})["nbox_2025"]
    strong_yen = run(catalog, ("nbox_2025",), overrides={"fx_jpy_per_usd": 130.0})["nbox_2025"]
    assert weak_yen.total_usd.central < strong_yen.total_usd.central


def test_zero_miles_gives_no_nan(catalog: Catalog) -> None:
    r = run(catalog, ("versa_2025", "ami_2025"), annual_miles=0)
    for x in r.values():
        assert not x.per_mile_defined
        assert x.per_mile_usd.central == 0.0
        assert x.by_category_usd["energy"] == 0.0
        assert np.isfinite(x.total_usd.central)


@pytest.mark.parametrize(
    ("field", "value", "changes"),
    [
        ("annual_miles", -100, {"annual_miles": -100}),
        ("loan_apr", 4.0, {"loan_apr": 4.0}),
        ("loan_term_months", 0, {"loan_term_months": 0}),
        ("years", 0, {"years": 0}),
    ],
)
def test_bad_scenarios_are_named(field: str, value: object, changes: dict[str, object]) -> None:
    with pytest.raises(ValidationError) as exc:
        default_scenario().with_(**changes)
    assert exc.value.field == field
    assert exc.value.value == value
    assert "from" in exc.value.allowed  # the allowed range is stated


def test_unknown_vehicle_is_named(catalog: Catalog) -> None:
    with pytest.raises(ValidationError) as exc:
        context(catalog, ("versa_2025", "kei_spaceship"))
    assert exc.value.field == "vehicle" and exc.value.value == "kei_spaceship"
    assert "versa_2025" in exc.value.allowed


def _fake(cum: list[float]) -> CostResult:
    from core.uncertain import Dist

    d = Dist(0, 0, 0, 0)
    curve = np.array(cum, dtype=float)
    # the break-even year reads the headline (median) curves; no sale step here
    return CostResult(len(cum) - 1, 0.0, d, d, d, {}, np.zeros(1), curve,
                      cumulative_p10_usd=curve, cumulative_p90_usd=curve, cumulative_p50_usd=curve,
                      before_sale_usd=Dist(cum[-1], cum[-1], cum[-1], cum[-1]))  # fmt: skip


def test_break_even_year_interpolates() -> None:
    # a starts dearer (10k vs 2k up front) but runs cheaper (1k vs 3k a year): the curves
    # meet when 10 + t = 2 + 3t, t = 4.
    a = _fake([10, 11, 12, 13, 14, 15])
    b = _fake([2, 5, 8, 11, 14, 17])
    assert break_even_year(a, b) == pytest.approx(4.0)
    assert break_even_year(b, a) == pytest.approx(4.0)
    c = _fake([10, 11, 12, 13, 14, 15])
    d = _fake([2, 5, 8, 11, 13, 16])  # c - d = 8, 6, 4, 2, 1, -1: crosses half-way in year 5
    assert break_even_year(c, d) == pytest.approx(4.5)
    assert break_even_year(_fake([1, 2, 3]), _fake([2, 3, 4])) is None


def test_evaluations_on_two_threads_agree(catalog: Catalog) -> None:
    """The GUI evaluates on a worker thread and on its own; the shared draw cache must cope."""
    from concurrent.futures import ThreadPoolExecutor

    from core.engine import evaluate
    from core.scenario.model import default_scenario
    from core.uncertain import clear_draw_cache

    scenarios = [
        default_scenario().with_(annual_miles=5000.0 + 700 * i, draws=2000) for i in range(12)
    ]
    expected = [evaluate(sc, catalog).vehicles[0].cost.total_usd for sc in scenarios]
    clear_draw_cache()
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda sc: evaluate(sc, catalog).vehicles[0].cost.total_usd, scenarios))
    assert got == expected


def test_totals_only_reads_the_same_figures_as_a_full_run(catalog: Catalog) -> None:
    """The nation sweep's lean runs (no tornado, curves or breakdowns) must not change a figure
    it reads: financed, with the buyer's own price for one vehicle, in a state with fees."""
    from types import MappingProxyType

    from core.scenario.overrides import VehicleOverride

    vids = ("hijet_truck_2025", "versa_2025", "f150_xl_2025")
    ov = MappingProxyType({"versa_2025": VehicleOverride(price_usd=21_000.0, loan_apr=0.07)})
    ctx = context(catalog, vids, financed=True, state="CA", vehicle_overrides=ov)
    full, lean = evaluate_cost(ctx), evaluate_cost(ctx, totals_only=True)
    for vid in vids:
        a, b = full[vid], lean[vid]
        assert b.total_usd == a.total_usd
        assert b.landed_price_usd == a.landed_price_usd
        assert (b.total_draws == a.total_draws).all()
        for name in ("purchase_price_usd", "incentives_usd", "sales_tax_usd", "loan_apr",
                     "monthly_payment_usd", "own_miles_per_year", "fallback_miles_per_year"):  # fmt: skip
            assert getattr(b, name) == getattr(a, name), (vid, name)
        assert b.landed_items_usd == a.landed_items_usd and b.fees_usd == a.fees_usd
        assert b.defaults == a.defaults and b.your_values == a.your_values
        assert b.tornado == () and len(b.cumulative_p50_usd) == 0  # the parts it skips
