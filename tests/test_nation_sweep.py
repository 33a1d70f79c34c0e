"""The sweep is the single-state evaluation, state by state, with the same seed."""

from __future__ import annotations

import pytest

from core.data.catalog import load_catalog
from core.data.states import STATE_CODES
from core.engine import evaluate_packages
from core.errors import ValidationError
from core.nation.sweep import map_values, parse_over, rows, run_sweep, to_frame
from core.scenario.model import load_preset

DRAWS = 100


@pytest.fixture(scope="module")
def setup():  # type: ignore[no-untyped-def]
    cat = load_catalog()
    sc = load_preset("policy_kei_class").with_(draws=DRAWS)
    return cat, sc, run_sweep(sc, cat)


def test_every_state_equals_its_own_evaluation(setup) -> None:  # type: ignore[no-untyped-def]
    cat, sc, sw = setup
    assert len(sw.cells) == len(STATE_CODES) * (1 + len(sc.packages))
    for state in STATE_CODES:
        for name, res in evaluate_packages(sc.with_(state=state), cat):
            cell = sw.cell(state, name)
            for vr in res.vehicles:
                vid = vr.vehicle.id
                assert cell.cost[vid].total_usd == vr.cost.total_usd, (state, name, vid)
                assert (cell.cost[vid].total_draws == vr.cost.total_draws).all()
                # the sweep's totals-only cost runs read the same figures as a full run
                assert cell.cost[vid].landed_price_usd == vr.cost.landed_price_usd
                assert cell.cost[vid].incentives_usd == vr.cost.incentives_usd
                assert cell.cost[vid].purchase_price_usd == vr.cost.purchase_price_usd
                assert cell.cost[vid].landed_items_usd == vr.cost.landed_items_usd
                s = cell.safety[vid]
                assert s.occupant_deaths_per_10k_owners == vr.safety.occupant_deaths_per_10k_owners
                assert s.others_deaths_per_10k_owners == vr.safety.others_deaths_per_10k_owners
                assert (
                    s.miles_not_legally_drivable_share == vr.safety.miles_not_legally_drivable_share
                )


def test_tidy_table_has_one_row_per_state_package_vehicle(setup) -> None:  # type: ignore[no-untyped-def]
    _cat, sc, sw = setup
    table = rows(sw)
    assert len(table) == len(STATE_CODES) * (1 + len(sc.packages)) * len(sc.vehicles)
    frame = to_frame(table)
    assert set(frame["state"]) == set(STATE_CODES)
    # the first vehicle's gap to itself is nothing
    first = frame[frame["vehicle"] == sc.vehicles[0]]
    assert (first["cost_minus_first_p50"] == 0).all()


def test_map_values_cover_every_state(setup) -> None:  # type: ignore[no-untyped-def]
    _cat, sc, sw = setup
    for metric in ("legal_share", "cost_gap", "risk_change"):
        vals = map_values(sw, sc.packages[0].name, metric)
        assert set(vals) == set(STATE_CODES)
    legal = map_values(sw, "Baseline", "legal_share")
    assert all(0.0 <= v <= 1.0 for v in legal.values())


def test_cancel_stops_early() -> None:
    cat = load_catalog()
    sc = load_preset("policy_kei_class").with_(draws=DRAWS)
    calls: list[int] = []
    sw = run_sweep(
        sc, cat, progress=lambda d, t: calls.append(d), cancelled=lambda: len(calls) >= 5
    )
    assert sw.cancelled and len(sw.cells) == 5


def test_grid_over_a_field() -> None:
    cat = load_catalog()
    sc = load_preset("policy_kei_class").with_(draws=DRAWS)
    sw = run_sweep(sc, cat, states=["TX", "CA"], grid={"annual_miles": [8000, 16000]})
    assert len(sw.cells) == 2 * 2 * (1 + len(sc.packages))
    low = sw.cell("TX", "Baseline", {"annual_miles": 8000})
    assert low.scenario.annual_miles == 8000


def test_bad_inputs_are_named() -> None:
    with pytest.raises(ValidationError):
        parse_over("state,planet")
    with pytest.raises(ValidationError):
        run_sweep(load_preset("default").with_(draws=DRAWS), states=["XX"])


def test_threads_do_not_change_the_answer() -> None:
    cat = load_catalog()
    sc = load_preset("policy_kei_class").with_(draws=DRAWS)
    one = run_sweep(sc, cat, states=["TX", "CA", "NY", "MT"], workers=1)
    two = run_sweep(sc, cat, states=["TX", "CA", "NY", "MT"], workers=3)
    assert [(c.state, c.package) for c in one.cells] == [(c.state, c.package) for c in two.cells]
    for a, b in zip(one.cells, two.cells, strict=True):
        for vid in a.cost:
            assert (a.cost[vid].total_draws == b.cost[vid].total_draws).all()
            assert (a.safety[vid].occupant_draws == b.safety[vid].occupant_draws).all()
