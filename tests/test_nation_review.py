"""Review fixes in the nation model: the scenario's own overrides reach uptake and the maker's
case, the fuel of an EV that cannot cover a day, and refactors that must give the same numbers."""

from __future__ import annotations

import numpy as np
import pytest

from core.data.catalog import load_catalog
from core.nation.data import nation_data
from core.nation.report import business_cases, nation_result
from core.nation.sweep import run_sweep
from core.nation.uptake import choice_inputs, sampler_for, uptake_share
from core.scenario.model import load_preset

DRAWS = 200


@pytest.fixture(scope="module")
def cat():  # type: ignore[no-untyped-def]
    return load_catalog()


def _tx(cat, **overrides):  # type: ignore[no-untyped-def]
    sc = load_preset("policy_kei_class").with_(draws=DRAWS, overrides=overrides)
    return run_sweep(sc, cat, states=["TX"])


# -- 1. the scenario's overrides reach the nation model ------------------------------------------
def test_certification_cost_override_reaches_the_makers_case(cat) -> None:  # type: ignore[no-untyped-def]
    base = business_cases(_tx(cat), cat, "Baseline")
    more = business_cases(_tx(cat, certification_fixed_cost_usd=100e6), cat, "Baseline")
    # F from $50M (the catalogue's central) to $100M, spread over 2,500 a year for 5 years:
    # $50M / 12,500 = $4,000 more per unit, on both routes (the price is the same)
    for b, m in zip(base, more, strict=True):
        assert b.price_usd == m.price_usd
        assert m.break_even_incentive_usd - b.break_even_incentive_usd == pytest.approx(4000.0)
        assert m.unit_cost_usd.p50 > b.unit_cost_usd.p50 + 2000.0


def test_vsl_override_reaches_the_harm_gap(cat) -> None:  # type: ignore[no-untyped-def]
    # VSL doubled (13.2M -> 26.4M, the same relative spread): every harm-gap draw doubles, the
    # occupant deaths being the same
    base = nation_result(_tx(cat), cat).uptake[0]
    dbl = nation_result(_tx(cat, vsl_usd=26.4e6), cat).uptake[0]
    assert np.allclose(dbl.harm_gap, 2.0 * base.harm_gap, rtol=1e-12)
    assert np.all(base.harm_gap != 0)


def test_kei_share_override_reaches_the_uptake_ceiling(cat) -> None:  # type: ignore[no-untyped-def]
    sw = _tx(cat, nation_kei_share_japan=0.6)
    up = nation_result(sw, cat).uptake[0]
    # the ceiling's draws scale with the central (0.34 / 0.37 / 0.40 -> x 0.6 / 0.37): the
    # catalogue's own draws, scaled, give the uptake by the choice model's equations
    inputs = choice_inputs(nation_data(cat), sampler_for(DRAWS, sw.cells[0].scenario.seed))
    ceiling = inputs.ceiling * (0.6 / 0.37)
    want = uptake_share(
        up.cost_gap,
        up.harm_gap,
        up.legal_share,
        ceiling=ceiling,
        base_share=inputs.base_share["new"],
        elasticity=inputs.elasticity,
        price_usd=inputs.price,
        valuation=inputs.valuation,
        safety_weight=inputs.safety_weight,
        legal_exponent=inputs.legal_exponent["new"],
    )
    assert np.allclose(up.share["new"], want, rtol=1e-9)
    plain = nation_result(_tx(cat), cat).uptake[0]
    assert not np.allclose(up.share["new"], plain.share["new"])


def test_cells_carry_the_catalogue_the_models_read(cat) -> None:  # type: ignore[no-untyped-def]
    sw = _tx(cat, vsl_usd=20e6)
    for c in sw.cells:
        assert c.context.catalog.central("vsl_usd") == 20e6
        assert c.context.scenario is c.scenario


# -- 5. fuel and electricity follow the miles the vehicle itself drives ---------------------------
def test_ev_energy_counts_only_the_miles_it_drives(cat) -> None:  # type: ignore[no-untyped-def]
    from core.cost.ownership import energy_use_per_mile

    sc = load_preset("city_commuter").with_(draws=DRAWS, vehicles=("ami_2025", "versa_2025"))
    sw = run_sweep(sc, cat, states=["MA"], with_packages=False)
    cell = sw.cells[0]
    res = nation_result(sw, cat)
    o = res.outcomes[0]
    b = o.draws["buyers"]
    assert np.all(b > 0)
    miles = sc.annual_miles * sc.years
    ami, versa = cell.vehicles
    kind_m, kwh_m = energy_use_per_mile(ami)
    kind_r, gal_r = energy_use_per_mile(versa)
    assert (kind_m, kind_r) == ("electricity", "fuel")
    # In MA the Ami is an LSV held to roads posted 25 mph: the city mix puts 30% of miles there;
    # the days longer than its ~70 km range go to the fallback too
    beyond = cell.context.mobility[ami.id].by_reason["beyond_range"]
    assert 0.05 < beyond < 0.3
    drives = 0.30 - beyond
    assert np.allclose(o.draws["kwh"] / (b * miles * kwh_m), drives, rtol=1e-9)
    assert np.allclose(o.draws["gallons"] / (b * miles * gal_r), -drives, rtol=1e-9)


# -- 6. medians from one sort -------------------------------------------------------------------
def test_dist_from_draws_is_the_median_and_its_range() -> None:
    from core.uncertain import Dist

    d = Dist.from_draws(np.arange(11.0)[::-1])  # 10, 9, ..., 0
    assert (d.central, d.p10, d.p50, d.p90, d.headline) == (5.0, 1.0, 5.0, 9.0, 5.0)
    # an even count: the mean of the middle two, as np.median
    x = np.random.default_rng(3).random(1000) ** 3
    e = Dist.from_draws(x)
    assert e.p50 == pytest.approx(float(np.median(x)), rel=1e-15)
    assert e.central == e.p50
    assert (e.p10, e.p90) == pytest.approx(tuple(np.percentile(x, [10, 90])), rel=1e-15)


def test_outcome_ranges_stacked_equal_one_by_one(cat) -> None:  # type: ignore[no-untyped-def]
    from core.nation.outcomes import OUTCOMES

    o = nation_result(_tx(cat), cat).nation["Baseline"]
    stacked = o.dists()
    assert list(stacked) == list(OUTCOMES)
    for k in OUTCOMES:
        assert stacked[k] == o.dist(k)


# -- 9. the nation's uptake share lives in core ------------------------------------------------
def test_national_share_times_all_buyers_gives_the_nations_buyers(cat) -> None:  # type: ignore[no-untyped-def]
    from core.nation.report import outcome_rows

    sc = load_preset("policy_kei_class").with_(draws=DRAWS)
    sw = run_sweep(sc, cat, with_packages=False)  # all 51 states: their populations sum to the US
    res = nation_result(sw, cat)
    inputs = choice_inputs(nation_data(cat), sampler_for(DRAWS, sc.seed))
    # share_g x (the group's US buyers), summed over the groups, is every microcar buyer
    made = sum(res.share["Baseline"][g] * inputs.buyers[g] for g in ("new", "second"))
    assert np.allclose(made, res.nation["Baseline"].draws["buyers"], rtol=1e-9)
    # the uptake CSV's US row carries it
    us = next(r for r in outcome_rows(sw, cat, res) if r["state"] == "US")
    d = res.share_dist("Baseline", "new")
    assert (us["uptake_new_p10"], us["uptake_new_p50"], us["uptake_new_p90"]) == (
        d.p10,
        d.p50,
        d.p90,
    )
    assert 0 < d.p10 < d.p50 < d.p90 < 0.4


def test_package_brief_gathers_the_package_once(cat) -> None:  # type: ignore[no-untyped-def]
    from core.errors import ValidationError
    from core.nation.deaths import speed_cut_for_fewer_deaths
    from core.nation.report import package_brief

    sc = load_preset("policy_kei_class").with_(draws=DRAWS)
    sw = run_sweep(sc, cat, states=["TX"])
    pb = package_brief(sw, cat, sc, "Kei class, 45 mph")
    assert pb.scenario.levers == sc.packages[0].levers and pb.scenario.packages == ()
    assert [b.route for b in pb.business] == ["imported", "us_built"]
    assert len(pb.answers) == 2
    assert pb.answers[1] == speed_cut_for_fewer_deaths(pb.scenario, cat)
    with pytest.raises(ValidationError):
        package_brief(sw, cat, sc, "No such package")
