"""The safety model keeps its per-mile rate runs between evaluations (core.safety.outcome).

A kept run may only be reused when nothing it reads has changed: every edit below, one after
the other with the runs kept, must give exactly what a fresh evaluation gives.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pytest

from core.data.catalog import Catalog
from core.data.params import Param
from core.policy import effective as policy
from core.safety import outcome
from core.safety.outcome import _RUNS, clear_rate_runs, evaluate_safety
from core.safety.rates import RATE_PARAMS, SafetyInputs, risk_fields
from core.scenario.levers import PolicyLevers
from core.scenario.model import Fallback, Scenario, default_scenario, road_mix_presets
from core.uncertain import CentralSampler, ReusingSampler, TornadoSampler

SAKURA = "sakura_2025"  # a kei EV: its range share of the miles moves with the annual miles
# Cost-model inputs the safety rate runs never read (cost_params.csv, economy_params.csv).
COST_EDITS: tuple[dict[str, float], ...] = (
    {"gasoline_usd_per_gal": 4.1},
    {"electricity_usd_per_kwh": 0.21},
    {"fx_jpy_per_usd": 120.0},
    {"discount_rate": 0.09},
)


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
        *(base.with_(overrides=o) for o in COST_EDITS),  # cost inputs: the runs are reused
        *_ev_miles(base),
        base.with_(overrides={"safety_discount_rate": 0.05}),  # read outside the runs
    ]


def _ev_miles(base: Scenario) -> list[Scenario]:
    """A kei EV in the scenario, then its miles dragged (its range share moves: fallback miles)."""
    ev = base.with_(vehicles=(SAKURA, *base.vehicles[1:]))
    return [ev, *(ev.with_(annual_miles=m) for m in (6_000.0, 14_000.0, 30_000.0)), ev]


def _count_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the rate model's runs (three per miss: central, Monte Carlo, tornado)."""
    calls = [0]
    real = outcome._run

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(outcome, "_run", counting)
    return calls


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
    clear_rate_runs()
    sc = default_scenario()
    for draws in (1_000, 2_000, 5_000, 10_000, 20_000):
        evaluate_safety(policy.apply(sc.with_(draws=draws), catalog))
    kept = sum(k.size for k in outcome._RUNS.values())
    assert len(outcome._RUNS) <= outcome._RUNS_KEEP
    assert kept <= outcome._RUNS_MAX_VEHICLE_DRAWS
    clear_rate_runs()
    evaluate_safety(policy.apply(sc.with_(draws=100_000), catalog))
    assert len(outcome._RUNS) == 0


def test_cost_inputs_reuse_the_runs(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fuel, electricity, fx and the cost discount rate are the cost model's: no new run."""
    clear_rate_runs()
    runs = _count_runs(monkeypatch)
    base = default_scenario().with_(draws=400)
    first = evaluate_safety(policy.apply(base, catalog))
    assert runs[0] == 3
    for o in COST_EDITS:
        got = evaluate_safety(policy.apply(base.with_(overrides=o), catalog))
        assert runs[0] == 3, o
        assert got == first


def test_an_ev_miles_drag_reuses_the_runs(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With an EV in the scenario the split of the owner's miles moves with the miles (its range
    share); the runs are per mile driven and only the blend is redone: no new run."""
    clear_rate_runs()
    runs = _count_runs(monkeypatch)
    ev, *drag = _ev_miles(default_scenario().with_(draws=400))
    shares = [evaluate_safety(policy.apply(ev, catalog))[SAKURA].fallback_share]
    assert runs[0] == 3
    for sc in drag:
        shares.append(evaluate_safety(policy.apply(sc, catalog))[SAKURA].fallback_share)
    assert runs[0] == 3
    # the split did move with the miles (the last edit is the first scenario again)
    assert len(set(shares)) == len(drag) and shares[-1] == shares[0]


class _Recording(Mapping[str, Param]):
    """The catalogue's parameters, recording which ones are read."""

    def __init__(self, params: Mapping[str, Param]) -> None:
        self._params, self.read = params, set[str]()

    def __getitem__(self, pid: str) -> Param:
        self.read.add(pid)
        return self._params[pid]

    def __iter__(self) -> Iterator[str]:
        return iter(self._params)

    def __len__(self) -> int:
        return len(self._params)


class _Fields:
    """A vehicle, recording which fields are read."""

    def __init__(self, v: object, read: set[str]) -> None:
        self._v, self._read = v, read

    def __getattr__(self, name: str) -> Any:
        self._read.add(name)
        return getattr(self._v, name)


RISK_FIELDS = ("id", "crash_class", "front_shape", "curb_mass_kg", "top_speed_mph")


def _reads(catalog: Catalog, sc: Scenario) -> tuple[set[str], set[str]]:
    """The parameters and vehicle fields three fresh runs of the rate model read."""
    ctx = policy.apply(sc, catalog)
    inp = SafetyInputs.from_catalog(
        ctx.catalog, sc.occupancy, sc.road_mix.shares, ctx.speed_change_mph
    )
    fallbacks = outcome._fallbacks(ctx)
    fields: set[str] = set()
    params = _Recording(ctx.catalog.params)
    cat = dataclasses.replace(
        ctx.catalog,
        params=params,
        vehicles={k: _Fields(v, fields) for k, v in ctx.catalog.vehicles.items()},  # type: ignore[misc]
    )
    ctx = dataclasses.replace(
        ctx,
        catalog=cat,
        vehicles=tuple(_Fields(v, fields) for v in ctx.vehicles),  # type: ignore[misc]
    )
    inp = dataclasses.replace(inp, catalog=cat)
    central = CentralSampler()
    outcome._run(inp, ctx, fallbacks, central, per_class=True)
    outcome._run(inp, ctx, fallbacks, ReusingSampler(n=sc.draws, seed=sc.seed))
    outcome._run(inp, ctx, fallbacks, TornadoSampler(tuple(central.used)))
    return params.read, fields


def test_the_runs_read_only_what_they_are_kept_by(catalog: Catalog) -> None:
    """The kept runs are keyed on RATE_PARAMS and risk_fields: the runs may read nothing else,
    and across scenarios that exercise every term (a slow, tall-fronted vehicle, the speed lever,
    a car fallback and transit) they read every one of them."""
    base = default_scenario().with_(draws=100)
    scenarios = [
        base,
        base.with_(levers=PolicyLevers(urban_speed_reduction_mph=10.0)),
        base.with_(vehicles=(SAKURA, "f150_xl_2025"), fallback=Fallback(mode="transit")),
    ]
    params: set[str] = set()
    fields: set[str] = set()
    for sc in scenarios:
        p, f = _reads(catalog, sc)
        params |= p
        fields |= f
    assert params == set(RATE_PARAMS)
    assert fields == set(RISK_FIELDS)
    v = catalog.vehicle(SAKURA)
    assert risk_fields(v) == tuple(getattr(v, f) for f in RISK_FIELDS)
