"""The safety model keeps its per-mile rate runs between evaluations (core.safety.outcome).

A kept run may only be reused when nothing it reads has changed: every edit below, one after
the other with the runs kept, must give exactly what a fresh evaluation gives.
"""

from __future__ import annotations

import numpy as np

from core.data.catalog import Catalog
from core.policy import effective as policy
from core.safety.outcome import _RUNS, clear_rate_runs, evaluate_safety
from core.scenario.levers import PolicyLevers
from core.scenario.model import Fallback, Scenario, default_scenario, road_mix_presets


def _edits(catalog: Catalog) -> list[Scenario]:
    base = default_scenario().with_(draws=400)
    mixes = list(road_mix_presets(catalog).values())
    return [
        base,
        base.with_(annual_miles=base.annual_miles + 2_000),  # per mile: the runs are reused
        base.with_(years=base.years + 2, financed=not base.financed),
        base.with_(state="CA"),  # road caps
        base.with_(road_mix=mixes[-1].mix),
        base.with_(occupancy=2.0),
        base.with_(vehicles=tuple(reversed(base.vehicles))),
        base.with_(levers=PolicyLevers(urban_speed_reduction_mph=10.0)),
        base.with_(levers=PolicyLevers(light_truck_share_shift=-0.1)),  # a parameter's range
        base.with_(overrides={"evans_mass_exponent": 1.2}),
        base.with_(fallback=Fallback(mode="transit")),
        base.with_(seed=base.seed + 1),
        base.with_(draws=500),
        base,  # back to the start: a kept run again
    ]


def test_kept_runs_equal_fresh_ones(catalog: Catalog) -> None:
    clear_rate_runs()
    kept = [evaluate_safety(policy.apply(sc, catalog)) for sc in _edits(catalog)]
    assert len(_RUNS) > 0
    for sc, got in zip(_edits(catalog), kept, strict=True):
        clear_rate_runs()
        fresh = evaluate_safety(policy.apply(sc, catalog))
        assert got.keys() == fresh.keys()
        for vid in got:
            assert got[vid] == fresh[vid], (sc, vid)
            assert np.array_equal(got[vid].occupant_draws, fresh[vid].occupant_draws)
            assert np.array_equal(got[vid].others_draws, fresh[vid].others_draws)


def test_a_miles_edit_reuses_the_runs_and_scales_the_deaths(catalog: Catalog) -> None:
    """Deaths per owner scale with the miles; the per-mile rates are the same runs."""
    clear_rate_runs()
    sc = default_scenario().with_(draws=400)
    a = evaluate_safety(policy.apply(sc, catalog))
    b = evaluate_safety(policy.apply(sc.with_(annual_miles=2 * sc.annual_miles), catalog))
    assert len(_RUNS) == 1
    for vid in a:
        ra, rb = a[vid], b[vid]
        assert rb.occupant_deaths_per_100m_miles == ra.occupant_deaths_per_100m_miles
        assert np.isclose(
            rb.occupant_deaths_per_10k_owners.p50, 2 * ra.occupant_deaths_per_10k_owners.p50
        )


def test_kept_runs_are_bounded(catalog: Catalog) -> None:
    """Large runs are not kept (memory): 100,000 draws x 3 vehicles is over the bound."""
    from core.safety import outcome

    clear_rate_runs()
    sc = default_scenario()
    for draws in (1_000, 2_000, 5_000, 10_000, 20_000):
        evaluate_safety(policy.apply(sc.with_(draws=draws), catalog))
    kept = sum(map(outcome._size, outcome._RUNS))
    assert len(outcome._RUNS) <= outcome._RUNS_KEEP
    assert kept <= outcome._RUNS_MAX_VEHICLE_DRAWS
    clear_rate_runs()
    evaluate_safety(policy.apply(sc.with_(draws=100_000), catalog))
    assert len(outcome._RUNS) == 0
